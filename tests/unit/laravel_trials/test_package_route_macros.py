"""`->breadcrumbs(...)` (tabuna/breadcrumbs) on almost every route of an asset-management app gave
one unknown-modifier diagnostic per route: metadata-only package macros are known data now, and a
macro nobody declares is still reported."""

from __future__ import annotations

from .helpers import diagnostics, manifest


def test_metadata_macros_are_silent_and_unknown_ones_reported() -> None:
    found = manifest("package-route-macros")
    assert [(r.uri, r.name, r.notes) for r in found.routes] == [
        ("/shelves", "shelves", ()),
        ("/shelves/{shelf}", "shelves.show", ("unresolved-modifier:sparkle",)),
    ]
    assert diagnostics(found, "unresolved-construct") == [
        ("routes/web.php", 11, "`->sparkle()` on a route is not known (a macro?); ignored"),
    ]
    assert len(found.diagnostics) == 1
