<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use App\Models\Autopilot;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class AutopilotController extends Controller
{
    public function index(Request $request): JsonResponse
    {
        return response()->json(['data' => Autopilot::whereBelongsTo($request->user())->get()]);
    }

    public function store(Request $request): JsonResponse
    {
        $autopilot = $request->user()->autopilots()->create($request->validate(['name' => ['required']]));

        return response()->json(['data' => $autopilot], 201);
    }

    public function show(Autopilot $autopilot): JsonResponse
    {
        return response()->json(['data' => $autopilot]);
    }

    public function update(Request $request, Autopilot $autopilot): JsonResponse
    {
        $autopilot->update($request->validate(['name' => ['sometimes', 'string']]));

        return response()->json(['data' => $autopilot]);
    }
}
