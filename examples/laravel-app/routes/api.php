<?php

use App\Http\Controllers\Api\AuthController;
use App\Http\Controllers\Api\AutopilotController;
use App\Http\Controllers\Api\AutopilotThreadController;
use App\Http\Controllers\Api\ChatController;
use App\Http\Controllers\Api\L402Controller;
use App\Http\Controllers\Api\MeController;
use App\Http\Controllers\Api\PaymentsController;
use App\Http\Controllers\Api\ProfileController;
use App\Http\Controllers\Api\ShoutController;
use App\Http\Controllers\Api\SyncTokenController;
use App\Http\Controllers\Api\TokenController;
use App\Http\Controllers\Api\WebhookController;
use App\Http\Controllers\Api\WhisperController;
use Illuminate\Support\Facades\Route;

Route::post('/auth/email', [AuthController::class, 'sendCode'])->middleware('throttle:6,1');
Route::post('/auth/verify', [AuthController::class, 'verify'])->middleware('throttle:6,1');
Route::post('/auth/register', [AuthController::class, 'register']);

Route::get('/chat/guest-session', [ChatController::class, 'guestSession']);
Route::get('/shouts', [ShoutController::class, 'index']);
Route::get('/shouts/zones', [ShoutController::class, 'zones']);
Route::post('/webhooks/resend', [WebhookController::class, 'resend'])->name('webhooks.resend');

Route::middleware('auth:sanctum')->group(function () {
    Route::get('/me', MeController::class);

    Route::get('/tokens', [TokenController::class, 'index']);
    Route::post('/tokens', [TokenController::class, 'store']);
    Route::delete('/tokens/current', [TokenController::class, 'destroyCurrent']);
    Route::delete('/tokens/{tokenId}', [TokenController::class, 'destroy']);
    Route::delete('/tokens', [TokenController::class, 'destroyAll']);

    Route::get('/settings/profile', [ProfileController::class, 'show']);
    Route::patch('/settings/profile', [ProfileController::class, 'update']);
    Route::delete('/settings/profile', [ProfileController::class, 'destroy']);

    Route::post('/chat', [ChatController::class, 'stream']);
    Route::post('/chat/stream', [ChatController::class, 'stream']);
    Route::get('/chats', [ChatController::class, 'index']);
    Route::post('/chats', [ChatController::class, 'store']);
    Route::get('/chats/{conversationId}', [ChatController::class, 'show']);
    Route::get('/chats/{conversationId}/messages', [ChatController::class, 'messages']);
    Route::post('/chats/{conversationId}/stream', [ChatController::class, 'stream']);

    Route::apiResource('autopilots', AutopilotController::class)->except(['destroy']);
    Route::get('/autopilots/{autopilot}/threads', [AutopilotThreadController::class, 'index']);
    Route::post('/autopilots/{autopilot}/threads', [AutopilotThreadController::class, 'store']);

    Route::post('/shouts', [ShoutController::class, 'store']);
    Route::get('/whispers', [WhisperController::class, 'index']);
    Route::post('/whispers', [WhisperController::class, 'store']);
    Route::patch('/whispers/{id}/read', [WhisperController::class, 'markRead']);

    Route::prefix('l402')->group(function () {
        Route::get('/wallet', [L402Controller::class, 'wallet']);
        Route::get('/transactions', [L402Controller::class, 'transactions']);
        Route::get('/transactions/{eventId}', [L402Controller::class, 'transaction']);
        Route::get('/paywalls', [L402Controller::class, 'paywalls']);
        Route::post('/paywalls', [L402Controller::class, 'createPaywall']);
        Route::patch('/paywalls/{paywallId}', [L402Controller::class, 'updatePaywall']);
        Route::delete('/paywalls/{paywallId}', [L402Controller::class, 'deletePaywall']);
        Route::get('/settlements', [L402Controller::class, 'settlements']);
        Route::get('/deployments', [L402Controller::class, 'deployments']);
    });

    foreach (['agent-payments', 'payments'] as $prefix) {
        Route::get($prefix.'/invoices', [PaymentsController::class, 'invoices']);
        Route::post($prefix.'/invoices', [PaymentsController::class, 'createInvoice']);
    }

    Route::prefix(config('app.api_version', 'v1'))->group(function () {
        Route::post('/sync/token', SyncTokenController::class);
    });
});
