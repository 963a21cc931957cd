<?php

namespace App\Http\Controllers\Settings;

use App\Http\Controllers\Controller;
use Illuminate\Http\RedirectResponse;
use Illuminate\Http\Request;

/**
 * Settings screens share one update flow: validate the section's rules, save, go back.
 */
abstract class SettingsController extends Controller
{
    abstract protected function rules(): array;

    abstract protected function save(Request $request, array $data): void;

    public function update(Request $request): RedirectResponse
    {
        $this->save($request, $request->validate($this->rules()));

        return back()->with('status', 'saved');
    }
}
