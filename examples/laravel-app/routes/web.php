<?php

use App\Http\Controllers\Auth\LoginController;
use App\Http\Controllers\Auth\TestLoginController;
use App\Http\Controllers\FeedController;
use App\Http\Controllers\L402\L402PageController;
use Illuminate\Support\Facades\Route;
use Inertia\Inertia;

Route::get('/', function () {
    return Inertia::render('chat/index', ['guest' => auth()->guest()]);
})->name('home');

Route::get('/aui', fn () => inertia('chat/aui'))->name('aui');

Route::get('/feed', FeedController::class)->name('feed');

Route::get('/openapi.json', function () {
    return response()->file(resource_path('openapi/openapi.json'));
})->name('openapi');

Route::middleware('guest')->group(function () {
    Route::get('/login', [LoginController::class, 'show'])->name('login');
    Route::post('/login', [LoginController::class, 'store'])->name('login.store');
});

Route::post('/logout', [LoginController::class, 'destroy'])->middleware('auth')->name('logout');

if (app()->environment(['local', 'testing'])) {
    Route::get('/internal/test-login', TestLoginController::class)->name('internal.test-login');
}

Route::middleware('auth')->group(function () {
    Route::prefix('l402')->name('l402.')->controller(L402PageController::class)->group(function () {
        Route::get('/', 'wallet')->name('wallet');
        Route::get('/transactions', 'transactions')->name('transactions');
        Route::get('/transactions/{eventId}', 'transaction')->name('transactions.show');
        Route::get('/paywalls', 'paywalls')->name('paywalls');
        Route::get('/settlements', 'settlements')->name('settlements');
        Route::get('/deployments', 'deployments')->name('deployments');
    });

    Route::inertia('/admin', 'admin/index')->middleware('can:admin')->name('admin');
});

require __DIR__.'/settings.php';
