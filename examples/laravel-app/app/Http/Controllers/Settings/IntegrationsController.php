<?php

namespace App\Http\Controllers\Settings;

use App\Http\Controllers\Controller;
use Illuminate\Http\RedirectResponse;
use Illuminate\Http\Request;
use Inertia\Inertia;
use Inertia\Response;

class IntegrationsController extends Controller
{
    public function index(Request $request): Response
    {
        return Inertia::render('settings/integrations', [
            'integrations' => $request->user()->integrations()->get(),
        ]);
    }

    public function upsertResend(Request $request): RedirectResponse
    {
        $request->user()->integrations()->updateOrCreate(['provider' => 'resend'], $request->validate(['api_key' => 'required']));

        return back();
    }

    public function disconnectResend(Request $request): RedirectResponse
    {
        $request->user()->integrations()->where('provider', 'resend')->delete();

        return back();
    }

    public function testResend(Request $request): RedirectResponse
    {
        return back()->with('status', 'test-sent');
    }

    public function redirectToGoogle(): RedirectResponse
    {
        return redirect()->away('https://accounts.google.com/o/oauth2/v2/auth');
    }

    public function handleGoogleCallback(Request $request): RedirectResponse
    {
        return redirect('/settings/integrations');
    }

    public function disconnectGoogle(Request $request): RedirectResponse
    {
        $request->user()->integrations()->where('provider', 'google')->delete();

        return back();
    }
}
