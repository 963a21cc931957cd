"""Packages that register routes the catalog does not list (Jetstream on a personal CRM, Passport on
a finance app, Filament on several apps, Debugbar on an accounting app, Pulse, Cashier): the manifest must say their routes are
missing instead of silently listing fewer routes."""

from __future__ import annotations

from .helpers import diagnostics, manifest


def test_each_installed_unmodelled_package_is_reported_once_unless_its_routes_are_off() -> None:
    found = manifest("unlisted-packages")
    assert [(r.method, r.uri) for r in found.routes] == [("GET", "/")]
    reported = diagnostics(found, "unresolved-construct")
    assert [(file, line) for file, line, _ in reported] == [("composer.json", 1)] * 5
    assert [message.split(" ", 1)[0] for _, _, message in reported] == [
        "debugbar",
        "filament",
        "jetstream",
        "passport",
        "pulse",
    ]  # cashier is absent: routes/web.php calls Cashier::ignoreRoutes()
    assert len(found.diagnostics) == 5
