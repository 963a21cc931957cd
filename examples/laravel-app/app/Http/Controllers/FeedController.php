<?php

namespace App\Http\Controllers;

use App\Models\Shout;
use Illuminate\Http\Request;
use Inertia\Inertia;
use Inertia\Response;

class FeedController extends Controller
{
    public function __invoke(Request $request): Response
    {
        return Inertia::render('feed', [
            'shouts' => Shout::query()->latest()->cursorPaginate(30),
            'zone' => $request->query('zone'),
        ]);
    }
}
