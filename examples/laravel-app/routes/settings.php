<?php

use App\Http\Controllers\Settings\AutopilotSettingsController;
use App\Http\Controllers\Settings\IntegrationsController;
use App\Http\Controllers\Settings\ProfileController;
use Illuminate\Support\Facades\Route;

Route::middleware('auth')->prefix('settings')->name('settings.')->group(function () {
    Route::get('/profile', [ProfileController::class, 'edit'])->name('profile.edit');
    Route::patch('/profile', [ProfileController::class, 'update'])->name('profile.update');

    Route::get('/autopilot', [AutopilotSettingsController::class, 'edit'])->name('autopilot.edit');
    Route::patch('/autopilot', [AutopilotSettingsController::class, 'update'])->name('autopilot.update');

    Route::get('/integrations', [IntegrationsController::class, 'index'])->name('integrations');
    Route::post('/integrations/resend', [IntegrationsController::class, 'upsertResend'])->name('integrations.resend.upsert');
    Route::delete('/integrations/resend', [IntegrationsController::class, 'disconnectResend'])->name('integrations.resend.disconnect');
    Route::post('/integrations/resend/test', [IntegrationsController::class, 'testResend'])->name('integrations.resend.test');
    Route::get('/integrations/google/redirect', [IntegrationsController::class, 'redirectToGoogle'])->name('integrations.google.redirect');
    Route::get('/integrations/google/callback', [IntegrationsController::class, 'handleGoogleCallback'])->name('integrations.google.callback');
    Route::delete('/integrations/google', [IntegrationsController::class, 'disconnectGoogle'])->name('integrations.google.disconnect');
});
