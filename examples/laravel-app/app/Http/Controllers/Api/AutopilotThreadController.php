<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use App\Models\Autopilot;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class AutopilotThreadController extends Controller
{
    public function index(Autopilot $autopilot): JsonResponse
    {
        return response()->json(['data' => $autopilot->threads()->latest()->get()]);
    }

    public function store(Request $request, Autopilot $autopilot): JsonResponse
    {
        return response()->json(['data' => $autopilot->threads()->create(['title' => $request->string('title')])], 201);
    }
}
