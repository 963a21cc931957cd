<?php

use App\Models\User;
use Illuminate\Support\Facades\Artisan;
use Illuminate\Support\Facades\Schedule;
use Illuminate\Support\Facades\URL;

Artisan::command('ops:test-login-link {email : Address of the account} {--minutes=30 : How long the link stays valid}', function (string $email) {
    $user = User::where('email', $email)->firstOrFail();
    $this->line(URL::temporarySignedRoute('internal.test-login', now()->addMinutes((int) $this->option('minutes')), ['user' => $user->id]));
})->purpose('Print a signed one-time login link for an account');

Artisan::command('khala:import-chat {path} {--dry-run} {--chunk=500}', function (string $path) {
    $this->info("Importing {$path}");
})->describe('Import a Khala chat export into threads and messages');

Schedule::command('sanctum:prune-expired --hours=24')->daily();
