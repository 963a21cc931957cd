<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class WebhookController extends Controller
{
    public function resend(Request $request): JsonResponse
    {
        return response()->json(['received' => true], 202);
    }
}
