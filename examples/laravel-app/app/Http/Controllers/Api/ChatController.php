<?php

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use App\Models\Thread;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Symfony\Component\HttpFoundation\StreamedResponse;

class ChatController extends Controller
{
    public function guestSession(Request $request): JsonResponse
    {
        return response()->json(['conversationId' => $request->session()->getId()]);
    }

    public function index(Request $request): JsonResponse
    {
        return response()->json(['data' => Thread::whereBelongsTo($request->user())->latest()->get()]);
    }

    public function store(Request $request): JsonResponse
    {
        $thread = Thread::create(['user_id' => $request->user()->id, 'title' => $request->string('title')]);

        return response()->json(['data' => $thread], 201);
    }

    public function show(Request $request, string $conversationId): JsonResponse
    {
        return response()->json(['data' => Thread::whereBelongsTo($request->user())->findOrFail($conversationId)]);
    }

    public function messages(Request $request, string $conversationId): JsonResponse
    {
        $thread = Thread::whereBelongsTo($request->user())->findOrFail($conversationId);

        return response()->json(['data' => $thread->messages()->oldest()->get()]);
    }

    public function stream(Request $request, ?string $conversationId = null): StreamedResponse
    {
        return response()->stream(function () {
            echo "data: [DONE]\n\n";
        }, 200, ['Content-Type' => 'text/event-stream']);
    }
}
