<?php

use App\Http\Controllers\ChatController;
use App\Http\Controllers\Settings\ProfileController;
use Illuminate\Support\Facades\Route;
use Inertia\Inertia;

$prefix = 'api';

Route::get('/', fn () => Inertia::render('Welcome'))->name('home');

Route::middleware(['auth', 'verified'])->group(function () use ($prefix) {
    Route::get('/chat/{conversationId?}', [ChatController::class, 'show'])->name('chat');
    Route::prefix($prefix . '/chats')->name('chats.')->group(function () {
        Route::get('/', [ChatController::class, 'index'])->name('index');
        Route::post('/', [ChatController::class, 'store'])->name('store');
        Route::get('{conversationId}/messages', 'App\Http\Controllers\ChatController@messages')
            ->where('conversationId', '[0-9a-f-]+');
    });
    Route::group(['prefix' => 'settings', 'as' => 'settings.', 'middleware' => 'password.confirm'], function () {
        Route::get('profile', [ProfileController::class, 'edit'])->name('profile.edit');
        Route::patch('profile', [ProfileController::class, 'update'])->name('profile.update');
        Route::delete('profile', [ProfileController::class, 'destroy'])->withoutMiddleware('password.confirm');
    });
});

Route::resource('photos', PhotoController::class)->only(['index', 'show']);
Route::apiResource('posts.comments', CommentController::class)->shallow();
Route::match(['get', 'post'], '/feed', [FeedController::class, 'index']);
Route::redirect('/old', '/new', 301);
Route::view('/about', 'about', ['title' => 'About']);
Route::inertia('/terms', 'Legal/Terms');

if (app()->environment(['local', 'testing'])) {
    Route::get('/internal/test-login', [TestLoginController::class, '__invoke']);
}

foreach (['shouts', 'whispers'] as $kind) {
    Route::get("api/{$kind}", [SocialController::class, $kind]);
}

Route::fallback(fn () => abort(404));
