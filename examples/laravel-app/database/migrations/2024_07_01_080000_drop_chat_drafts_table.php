<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::dropIfExists('chat_drafts');
    }

    public function down(): void
    {
        // Drafts moved to the client; the table is not recreated.
    }
};
