<?php

use App\Http\Controllers\Api\RuntimeController;
use Illuminate\Support\Facades\Route;

Route::controller(RuntimeController::class)->prefix('runtime')->group(function () {
    Route::post('tools/execute', 'execute')->middleware('throttle:runtime');
    Route::get('skills/{skillId}/{version}', 'skill')->name('runtime.skill');
    Route::any('codex/{path}', 'proxy')->where('path', '.*');
});

Route::domain('{account}.example.com')->group(function () {
    Route::get('user/{id}', function (string $account, string $id) {
        return $account . $id;
    });
});

Route::singleton('profile', ProfileController::class)->creatable();
Route::resources([
    'autopilots' => AutopilotController::class,
    'threads' => ThreadController::class,
]);
Route::options('/cors', fn () => response()->noContent());
require __DIR__ . '/extra.php';
Route::permanentRedirect('/here', '/there');
