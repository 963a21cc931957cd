<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class ProfileController extends Controller
{
    public function show(Request $request): JsonResponse
    {
        return response()->json(['data' => $request->user()->only(['id', 'name', 'email', 'handle'])]);
    }

    public function update(Request $request): JsonResponse
    {
        $request->user()->update($request->validate(['name' => ['sometimes', 'string']]));

        return $this->show($request);
    }

    public function destroy(Request $request): JsonResponse
    {
        $request->user()->delete();

        return response()->json(null, 204);
    }
}
