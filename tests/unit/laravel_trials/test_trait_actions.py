"""Controller actions taken from traits (found on real apps: laravel/ui auth controllers whose
`login()`/`logout()` come from `use AuthenticatesUsers;`, and app traits shared by controllers)."""

from __future__ import annotations

from .helpers import CTRL, diagnostics, manifest


def test_trait_methods_are_actions_and_only_real_gaps_are_reported() -> None:
    found = manifest("trait-actions")
    assert diagnostics(found, "missing-action") == [
        (
            "routes/web.php",
            10,
            f"GET /session/ping: {CTRL}Auth\\SessionController or its app parent classes has no method ping()",
        ),
        (
            "routes/web.php",
            16,
            f"GET /shelf/hidden: {CTRL}Concerns\\ExportsItems::hiddenHelper() is private, not public",
        ),
        (
            "routes/web.php",
            17,
            f"GET /shelf/nothing: {CTRL}ShelfController or its app parent classes has no method nothing()",
        ),
    ]
    assert [d.rule for d in found.diagnostics] == ["missing-action"] * 3


def test_a_page_rendered_by_a_method_of_a_used_trait_belongs_to_the_route() -> None:
    found = manifest("trait-actions")
    pages = {(r.method, r.uri): r.page for r in found.routes}
    assert pages[("GET", "/shelf")] == "Shelf/Index"
    assert pages[("GET", "/shelf/download")] is None
    assert [p.component for p in found.of_kind("page")] == ["Shelf/Index"]  # type: ignore[attr-defined]
    assert len(found.routes) == 10
