<?php

namespace App\Http\Controllers\L402;

use App\Http\Controllers\Controller;
use Inertia\Inertia;
use Inertia\Response;

class L402PageController extends Controller
{
    public function wallet(): Response
    {
        return Inertia::render('l402/wallet');
    }

    public function transactions(): Response
    {
        return Inertia::render('l402/transactions/index');
    }

    public function transaction(string $eventId): Response
    {
        return Inertia::render('l402/transactions/show', ['eventId' => $eventId]);
    }

    public function paywalls(): Response
    {
        return Inertia::render('l402/paywalls');
    }

    public function settlements(): Response
    {
        return Inertia::render('l402/settlements');
    }

    public function deployments(): Response
    {
        return Inertia::render('l402/deployments');
    }
}
