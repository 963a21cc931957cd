"""Rocket 0.5 routes: attributes joined with mount bases (tests/fixtures/rust/rocket-app)."""

from __future__ import annotations

from pathlib import Path

from manifest_lint.extract.rust.cargo import read_workspace
from manifest_lint.extract.rust.crate import load_package
from manifest_lint.extract.rust.rocket import extract_rocket, join_rocket, rocket_version
from manifest_lint.parsing import SourceSet

FIXTURE = Path(__file__).parents[2] / "fixtures" / "rust" / "rocket-app"


def test_join_rocket_normalises_like_rocket_0_5() -> None:
    assert join_rocket("/api", "/") == "/api"
    assert join_rocket("/", "/users/") == "/users"
    assert join_rocket("/api/", "/x") == "/api/x"
    assert join_rocket("/", "/") == "/"


def test_rocket_fixture_exact_routes() -> None:
    sources = SourceSet(FIXTURE)
    workspace = read_workspace(FIXTURE, sources)
    (package,) = workspace.packages
    framework = rocket_version(package)
    assert framework == "rocket@0.5.1"
    routes, diagnostics = extract_rocket(package, load_package(sources, package, workspace), framework)
    table = sorted(
        (r.method, r.uri, r.canonical_uri, r.action, r.binary, r.mounted, r.file, r.line, r.notes)
        for r in routes
    )
    assert table == [
        ("GET", "/", "/", "crate::index", "rocket-app", True, "src/main.rs", 10, ()),
        (
            "GET",
            "/api/v1/users",
            "/api/v1/users",
            "crate::api::users::list",
            "rocket-app",
            True,
            "src/api/users.rs",
            3,
            (),
        ),
        (
            "GET",
            "/api/v1/users/<id>",
            "/api/v1/users/{}",
            "crate::api::users::show",
            "rocket-app",
            True,
            "src/api/users.rs",
            6,
            (),
        ),
        (
            "GET",
            "/extra/users/<id>",
            "/extra/users/{}",
            "crate::api::users::show",
            "rocket-app",
            True,
            "src/api/users.rs",
            6,
            (),
        ),
        ("GET", "/search", "/search", "crate::search", "rocket-app", True, "src/main.rs", 13, ("rank=2",)),
        (
            "GET",
            "/static/<path..>",
            "/static/{*}",
            "FileServer",
            "rocket-app",
            True,
            "src/main.rs",
            28,
            ("opaque-service",),
        ),
        ("POST", "/forgotten", "/forgotten", "crate::forgotten", None, False, "src/main.rs", 19, ()),
        (
            "PUT",
            "/api/v1/users/<id>/files/<path..>",
            "/api/v1/users/{}/files/{*}",
            "crate::api::users::create",
            "rocket-app",
            True,
            "src/api/users.rs",
            9,
            (),
        ),
    ]
    assert [(d.rule, d.line) for d in diagnostics] == [("unmounted-surface", 19)]


HELPERS = Path(__file__).parents[2] / "fixtures" / "rust" / "rocket-helpers"


def test_route_list_helpers_are_followed_with_conditions_ranks_and_partial_bases() -> None:
    sources = SourceSet(HELPERS)
    workspace = read_workspace(HELPERS, sources)
    (package,) = workspace.packages
    routes, diagnostics = extract_rocket(package, load_package(sources, package, workspace), "rocket@0.5.1")
    table = sorted(
        (r.method, r.uri, r.canonical_uri, r.action, r.condition, r.notes, r.status, r.line) for r in routes
    )
    shop = "crate::shop"
    assert table == [
        (
            "DELETE",
            "/{?}/shop/items/<id>",
            "/{}/shop/items/{}",
            f"{shop}::drop_item",
            "!(FLAGS.beta())",
            (),
            "partial",
            17,
        ),
        ("GET", "/items", "/items", f"{shop}::items", None, (), "resolved", 11),
        ("GET", "/ping", "/ping", "crate::ping, crate::ping_fallback", None, ("rank=2",), "resolved", 10),
        ("GET", "/{?}/shop/beta", "/{}/shop/beta", f"{shop}::beta", "FLAGS.beta()", (), "partial", 20),
        (
            "GET",
            "/{?}/shop/debug",
            "/{}/shop/debug",
            f"{shop}::debug_dump",
            "cfg(debug_assertions)",
            (),
            "partial",
            23,
        ),
        ("GET", "/{?}/shop/items", "/{}/shop/items", f"{shop}::items", None, (), "partial", 11),
        ("POST", "/{?}/shop/items", "/{}/shop/items", f"{shop}::add_item", None, (), "partial", 14),
    ]
    assert all(r.mounted for r in routes)
    assert sorted((d.rule, d.line, d.message) for d in diagnostics) == [
        ("unresolved-construct", 31, "path part `prefix.as_str()` cannot be computed statically"),
        ("unresolved-construct", 32, "Rocket mount of `opaque()` cannot be listed statically"),
    ]
