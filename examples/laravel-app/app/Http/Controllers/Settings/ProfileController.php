<?php

namespace App\Http\Controllers\Settings;

use Illuminate\Http\Request;
use Inertia\Inertia;
use Inertia\Response;

class ProfileController extends SettingsController
{
    public function edit(Request $request): Response
    {
        return Inertia::render('settings/profile', ['user' => $request->user()]);
    }

    protected function rules(): array
    {
        return ['name' => ['required', 'string', 'max:255'], 'handle' => ['nullable', 'alpha_dash']];
    }

    protected function save(Request $request, array $data): void
    {
        $request->user()->update($data);
    }
}
