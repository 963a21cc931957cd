<?php

namespace App\Console\Commands;

use Illuminate\Console\Command;
use Symfony\Component\Console\Attribute\AsCommand;

#[AsCommand(name: 'demo:l402', description: 'Walk a paywalled request through the L402 flow against a local node')]
class DemoL402 extends Command
{
    public function handle(): int
    {
        $this->info('Requesting invoice…');

        return self::SUCCESS;
    }
}
