"""`X::class` inside string concatenation (`->middleware('can:create,'.Server::class)`,
`Controller::class.'@index'`) and Livewire full-page components as actions, as a real
self-hosting panel writes them."""

from __future__ import annotations

from .helpers import CTRL, manifest


def test_class_constants_concatenate_and_livewire_pages_are_invokable() -> None:
    found = manifest("class-string-concat")
    rows = [(r.method, r.uri, r.name, r.action, r.middleware, r.status) for r in found.routes]
    assert rows == [
        ("GET", "/fleet", "fleet", "App\\Livewire\\Fleet", ("web", "auth"), "resolved"),
        (
            "GET",
            "/fleet/new",
            None,
            "App\\Livewire\\Fleet",
            ("web", "auth", "can:create,App\\Models\\Aircraft"),
            "resolved",
        ),
        ("GET", "/hangar", None, CTRL + "HangarController@index", ("web", "auth"), "resolved"),
        ("GET", "/storage/{path}", "storage.local", "Closure", (), "resolved"),
        ("PUT", "/storage/{path}", "storage.local.upload", "Closure", (), "resolved"),
    ]
    assert found.diagnostics == ()
