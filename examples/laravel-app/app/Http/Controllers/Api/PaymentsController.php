<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class PaymentsController extends Controller
{
    public function invoices(Request $request): JsonResponse
    {
        return response()->json(['data' => []]);
    }

    public function createInvoice(Request $request): JsonResponse
    {
        return response()->json(['data' => $request->validate(['amount_msat' => ['required', 'integer']])], 201);
    }
}
