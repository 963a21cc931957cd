<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class L402Controller extends Controller
{
    public function wallet(Request $request): JsonResponse
    {
        return response()->json(['data' => ['balance_msat' => 0]]);
    }

    public function transactions(Request $request): JsonResponse
    {
        return response()->json(['data' => []]);
    }

    public function transaction(string $eventId): JsonResponse
    {
        return response()->json(['data' => ['id' => $eventId]]);
    }

    public function paywalls(): JsonResponse
    {
        return response()->json(['data' => []]);
    }

    public function createPaywall(Request $request): JsonResponse
    {
        return response()->json(['data' => $request->validate(['route' => 'required', 'price_msat' => 'integer'])], 201);
    }

    public function updatePaywall(Request $request, string $paywallId): JsonResponse
    {
        return response()->json(['data' => ['id' => $paywallId]]);
    }

    public function deletePaywall(string $paywallId): JsonResponse
    {
        return response()->json(null, 204);
    }

    public function settlements(): JsonResponse
    {
        return response()->json(['data' => []]);
    }

    public function deployments(): JsonResponse
    {
        return response()->json(['data' => []]);
    }
}
