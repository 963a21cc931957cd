<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use App\Models\Shout;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class ShoutController extends Controller
{
    public function index(Request $request): JsonResponse
    {
        return response()->json(Shout::query()->latest()->cursorPaginate(50));
    }

    public function zones(): JsonResponse
    {
        return response()->json(['data' => Shout::query()->distinct()->pluck('zone')]);
    }

    public function store(Request $request): JsonResponse
    {
        $shout = $request->user()->shouts()->create($request->validate(['body' => ['required', 'max:280']]));

        return response()->json(['data' => $shout], 201);
    }
}
