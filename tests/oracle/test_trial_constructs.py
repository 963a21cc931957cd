"""Constructs found on real apps, reproduced in our own fixtures, checked against the real router.

The oracle's `files` mode loads routes/api.php (prefix api, middleware api) and routes/web.php
(middleware web) the way these fixtures' RouteServiceProviders do, so both must list the same routes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from manifest_lint.extract import ExtractOptions, extract
from oracle import oracle_routes

pytestmark = pytest.mark.oracle

FIXTURES = Path(__file__).parent.parent / "fixtures" / "laravel"

Row = tuple[str, str, str | None, str | None, tuple[str, ...], str | None]


def _ours(root: Path) -> list[Row]:
    """Our routes from the app's own route files (framework/package routes the oracle never loads
    are left out: they come from composer.json or config/, not from a route file)."""
    manifest = extract(root, ExtractOptions(env="production"))
    return sorted(
        (
            (r.method, r.uri, r.name, r.action, r.middleware, r.domain)
            for r in manifest.routes
            if r.file.startswith("routes/")
        ),
        key=repr,
    )


def _theirs(root: Path, mode: str) -> list[Row]:
    return sorted(
        (
            (
                str(r["method"]),
                str(r["uri"]),
                None if r["name"] is None else str(r["name"]),
                None if r["action"] is None else str(r["action"]),
                tuple(str(m) for m in r["middleware"]),  # type: ignore[attr-defined]
                None if r["domain"] is None else str(r["domain"]),
            )
            for r in oracle_routes(root, env="production", mode=mode)
        ),
        key=repr,
    )


@pytest.mark.parametrize("name", ["provider-null-namespace"])
def test_provider_fixture_agrees_with_the_router_loading_the_same_files(name: str) -> None:
    assert _ours(FIXTURES / name) == _theirs(FIXTURES / name, "files")


@pytest.mark.parametrize("name", ["class-string-concat"])
def test_bootstrap_fixture_agrees_with_the_router(name: str) -> None:
    assert _ours(FIXTURES / name) == _theirs(FIXTURES / name, "bootstrap")
