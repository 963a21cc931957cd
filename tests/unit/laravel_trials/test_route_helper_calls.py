"""Facade helpers whose job is registering routes (`Auth::routes()` of laravel/ui, a SaaS kit's
`Wave::routes()`, an asset app's `SCIMRouteProvider::routes()`) were dropped without a word."""

from __future__ import annotations

from .helpers import diagnostics, manifest


def test_routes_helpers_are_reported_and_ignore_routes_is_not() -> None:
    found = manifest("route-helper-calls")
    assert [(r.method, r.uri) for r in found.routes] == [("GET", "/")]
    assert diagnostics(found, "unresolved-construct") == [
        (
            "routes/web.php",
            8,
            "`Auth::routes(['verify' => true])` registers routes (a package or app helper) that the "
            "interpreter does not run; they are not listed",
        ),
        (
            "routes/web.php",
            9,
            "`Orbit::routes()` registers routes (a package or app helper) that the interpreter does "
            "not run; they are not listed",
        ),
    ]
    assert len(found.diagnostics) == 2
