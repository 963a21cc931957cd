<?php

namespace App\Console\Commands;

use Illuminate\Console\Command;

class InvokeRuntimeTool extends Command
{
    protected $signature = 'runtime:tools:invoke-api {tool} {payload? : JSON arguments} {--timeout=30}';

    protected $description = 'Invoke a runtime tool through the internal API, as a worker would';

    protected $hidden = true;

    public function handle(): int
    {
        $this->line("Invoking {$this->argument('tool')}");

        return self::SUCCESS;
    }
}
