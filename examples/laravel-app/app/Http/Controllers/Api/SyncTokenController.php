<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class SyncTokenController extends Controller
{
    public function __invoke(Request $request): JsonResponse
    {
        return response()->json(['token' => $request->user()->createToken('sync', ['sync'])->plainTextToken]);
    }
}
