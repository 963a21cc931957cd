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
        ("GET", "/search", "/search", "crate::search", "rocket-app", True, "src/main.rs", 13, ()),
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
