"""Fortify view callbacks that hand over to an app class, as a personal CRM does:
`Fortify::loginView(fn ($r) => (new LoginController)($r))` and
`Fortify::twoFactorChallengeView(fn () => new ChallengeView)`; the pages those classes render are
served by Fortify's routes and are not orphans."""

from __future__ import annotations

from .helpers import diagnostics, manifest


def test_pages_rendered_by_classes_named_in_view_callbacks_are_not_orphaned() -> None:
    found = manifest("fortify-view-classes")
    assert diagnostics(found, "orphaned-page") == [
        ("resources/js/Pages/Auth/Unused.vue", 1, "page Auth/Unused is not rendered by any route"),
    ]
    pages = [p.component for p in found.of_kind("page")]  # type: ignore[attr-defined]
    assert pages == ["Auth/Challenge", "Auth/Join", "Auth/SignIn", "Auth/Unused"]
    assert [d.rule for d in found.diagnostics] == ["unresolved-construct", "orphaned-page"]
