"""actix-web 4 routes: attribute handlers, scopes, resources, configure fns (fixture actix-app)."""

from __future__ import annotations

from pathlib import Path

from manifest_lint.extract.rust.actix import actix_version, extract_actix, join_actix
from manifest_lint.extract.rust.cargo import read_workspace
from manifest_lint.extract.rust.crate import load_package
from manifest_lint.parsing import SourceSet

FIXTURE = Path(__file__).parents[2] / "fixtures" / "rust" / "actix-app"
LOG = "middleware::Logger::default()"


def test_join_actix_is_plain_concatenation() -> None:
    assert join_actix("/api", "/users") == "/api/users"
    assert join_actix("/api", "") == "/api"
    assert join_actix("/api", "/") == "/api/"
    assert join_actix("api", "users") == "/api/users"
    assert join_actix("/api/", "/users") == "/api//users"


def test_actix_fixture_exact_routes() -> None:
    sources = SourceSet(FIXTURE)
    workspace = read_workspace(FIXTURE, sources)
    (package,) = workspace.packages
    framework = actix_version(package)
    assert framework == "actix-web@4.9.0"
    routes, diagnostics = extract_actix(package, load_package(sources, package, workspace), framework)
    table = sorted(
        (r.method, r.uri, r.canonical_uri, r.action, r.middleware, r.mounted, r.binary, r.line, r.notes)
        for r in routes
    )
    api = (LOG, "Auth")
    assert table == [
        ("ANY", "/api/items", "/api/items", "crate::fallback", api, True, "actix-app", 24, ()),
        ("ANY", "/{tail}*", "/{*}", "web::to(fallback)", (LOG,), True, "actix-app", 16, ("fallback",)),
        (
            "DELETE",
            "/api/users/{id}",
            "/api/users/{}",
            "crate::users::delete_user",
            api,
            True,
            "actix-app",
            16,
            (),
        ),
        ("GET", "/api/items", "/api/items", "crate::users::delete_user", api, True, "actix-app", 24, ()),
        ("GET", "/api/users", "/api/users", "crate::users::users", api, True, "actix-app", 6, ()),
        ("GET", "/api/users/{id}", "/api/users/{}", "crate::users::show", api, True, "actix-app", 3, ()),
        ("GET", "/health", "/health", "crate::health", (LOG,), True, "actix-app", 5, ()),
        ("GET", "/never", "/never", "crate::never", (), False, None, 8, ()),
        (
            "GET",
            "/static/{tail}*",
            "/static/{*}",
            "actix_files::Files",
            (LOG,),
            True,
            "actix-app",
            26,
            ("opaque-service",),
        ),
        ("POST", "/api/", "/api", "crate::users::create", api, True, "actix-app", 9, ()),
        ("POST", "/api/users", "/api/users", "crate::users::users", api, True, "actix-app", 6, ()),
    ]
    assert [(d.rule, d.line) for d in diagnostics] == [("unmounted-surface", 8)]
