<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class AuthController extends Controller
{
    public function sendCode(Request $request): JsonResponse
    {
        $request->validate(['email' => ['required', 'email']]);

        return response()->json(['sent' => true]);
    }

    public function verify(Request $request): JsonResponse
    {
        $request->validate(['email' => ['required', 'email'], 'code' => ['required', 'digits:6']]);

        return response()->json(['verified' => true]);
    }

    public function register(Request $request): JsonResponse
    {
        $request->validate(['email' => ['required', 'email'], 'name' => ['required']]);

        return response()->json(['registered' => true], 201);
    }
}
