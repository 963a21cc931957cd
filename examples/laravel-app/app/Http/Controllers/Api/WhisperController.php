<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class WhisperController extends Controller
{
    public function index(Request $request): JsonResponse
    {
        return response()->json(['data' => $request->user()->whispers()->latest()->get()]);
    }

    public function store(Request $request): JsonResponse
    {
        return response()->json(['data' => $request->user()->whispers()->create($request->validate(['body' => 'required']))], 201);
    }

    public function markRead(Request $request, int $id): JsonResponse
    {
        $request->user()->whispers()->whereKey($id)->update(['read_at' => now()]);

        return response()->json(null, 204);
    }
}
