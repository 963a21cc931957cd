<?php

namespace App\Console\Commands;

use App\Models\User;

class CreateApiToken extends OpsCommand
{
    protected $signature = 'ops:create-api-token
                            {email : The account that owns the token}
                            {--name=cli : Token name shown in settings}
                            {--A|ability=* : Abilities granted to the token}
                            {--force : Allow running in production}';

    protected $description = 'Create a Sanctum personal access token for an account';

    public function handle(): int
    {
        if (! $this->confirmProduction()) {
            return self::FAILURE;
        }

        $user = User::where('email', $this->argument('email'))->firstOrFail();
        $this->line($user->createToken($this->option('name'), $this->option('ability') ?: ['*'])->plainTextToken);

        return self::SUCCESS;
    }
}
