<?php

namespace App\Console\Commands;

use Illuminate\Console\Command;

/**
 * Base for operator commands: they refuse to run in production without --force.
 */
abstract class OpsCommand extends Command
{
    protected function confirmProduction(): bool
    {
        return ! $this->laravel->isProduction() || $this->option('force');
    }
}
