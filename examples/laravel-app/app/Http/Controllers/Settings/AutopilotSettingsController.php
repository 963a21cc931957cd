<?php

namespace App\Http\Controllers\Settings;

use Illuminate\Http\Request;
use Inertia\Inertia;
use Inertia\Response;

class AutopilotSettingsController extends SettingsController
{
    public function edit(Request $request): Response
    {
        return $this->renderForm($request);
    }

    protected function renderForm(Request $request): Response
    {
        return Inertia::render('settings/autopilot', [
            'autopilot' => $request->user()->autopilot,
        ]);
    }

    protected function rules(): array
    {
        return ['display_name' => ['required', 'string'], 'tone' => ['nullable', 'string']];
    }

    protected function save(Request $request, array $data): void
    {
        $request->user()->autopilot()->update($data);
    }
}
