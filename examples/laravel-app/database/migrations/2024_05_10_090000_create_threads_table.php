<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::create('threads', function (Blueprint $table) {
            $table->uuid('id')->primary();
            $table->foreignId('user_id')->constrained()->cascadeOnDelete();
            $table->string('title')->nullable();
            $table->timestamps();
        });

        Schema::create('chat_drafts', function (Blueprint $table) {
            $table->id();
            $table->foreignUuid('thread_id')->constrained();
            $table->text('body');
        });
    }

    public function down(): void
    {
        Schema::dropIfExists('chat_drafts');
        Schema::dropIfExists('threads');
    }
};
