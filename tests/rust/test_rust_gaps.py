"""Exact manifests of the fixture crates for constructs real services use beyond the basics:
route tables, OpenAPI router wrappers, other entry points, dynamic prefixes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.extract import extract

if TYPE_CHECKING:
    from manifest_lint.model import Manifest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rust"


def rows(manifest: Manifest) -> list[tuple[object, ...]]:
    return [
        (
            r.method,
            r.uri,
            r.canonical_uri,
            r.action,
            r.binary,
            r.mounted,
            r.condition,
            r.notes,
            r.status,
            f"{r.file}:{r.line}",
        )
        for r in manifest.routes
    ]


def diagnostics(manifest: Manifest) -> list[tuple[str, str, int]]:
    return [(d.rule, d.file, d.line) for d in manifest.diagnostics]


def test_route_tables_are_unrolled() -> None:
    manifest = extract(FIXTURES / "axum-tables")
    t = ("tables", True, None, (), "resolved")
    assert rows(manifest) == [
        ("GET", "/about", "/about", "<closure@src/main.rs:22>", *t, "src/main.rs:22"),
        ("GET", "/api/orders", "/api/orders", "crate::handlers::list_orders", *t, "src/main.rs:15"),
        ("GET", "/api/users", "/api/users", "crate::handlers::list_users", *t, "src/main.rs:15"),
        ("GET", "/terms", "/terms", "<closure@src/main.rs:22>", *t, "src/main.rs:22"),
        ("GET", "/w/orders", "/w/orders", "crate::handlers::list_orders", *t, "src/main.rs:28"),
        ("POST", "/w/orders", "/w/orders", "crate::handlers::create_order", *t, "src/main.rs:28"),
    ]
    # A loop over a runtime collection: reported at the loop, nothing guessed.
    assert diagnostics(manifest) == [("unresolved-construct", "src/main.rs", 33)]
    assert "how many routes it adds is unknown" in manifest.diagnostics[0].message
