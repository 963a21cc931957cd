"""Pages Jetstream's Inertia stack renders from its own controllers and Fortify view callbacks
(a personal CRM had Profile/Show, API/Index and the Auth/* pages reported as orphans)."""

from __future__ import annotations

from .helpers import diagnostics, manifest


def test_package_rendered_pages_are_not_orphans_but_app_pages_still_are() -> None:
    found = manifest("jetstream-pages")
    assert diagnostics(found, "orphaned-page") == [
        ("resources/js/Pages/Garage/Unused.vue", 1, "page Garage/Unused is not rendered by any route"),
    ]
    assert [(r.uri, r.page) for r in found.routes] == [("/garage", "Garage/Index")]
    pages = [p.component for p in found.of_kind("page")]  # type: ignore[attr-defined]
    assert pages == ["API/Index", "Auth/Login", "Garage/Index", "Garage/Unused", "Profile/Show"]
