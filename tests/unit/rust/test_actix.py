"""actix-web 4 routes: attribute handlers, scopes, resources, configure fns (fixture actix-app)."""

from __future__ import annotations

from pathlib import Path

from manifest_lint.extract.rust.actix import actix_version, extract_actix, join_actix
from manifest_lint.extract.rust.cargo import read_workspace
from manifest_lint.extract.rust.crate import load_package
from manifest_lint.parsing import SourceSet

FIXTURE = Path(__file__).parents[2] / "fixtures" / "rust" / "actix-app"
LOG = "Logger"


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
        ("ANY", "/{tail}*", "/{*}", "web::to(fallback)", (LOG,), True, "actix-app", 27, ("fallback",)),
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


SCOPES = Path(__file__).parents[2] / "fixtures" / "rust" / "actix-scopes"


def test_scope_modules_routes_stacks_resource_arrays_and_method_guards() -> None:
    sources = SourceSet(SCOPES)
    workspace = read_workspace(SCOPES, sources)
    (package,) = workspace.packages
    routes, diagnostics = extract_actix(package, load_package(sources, package, workspace), "actix-web@4.9.0")
    table = sorted(
        (r.method, r.uri, r.canonical_uri, r.action, r.middleware, r.notes, r.mounted, r.file, r.line)
        for r in routes
    )
    app = ("<closure@src/main.rs:17>", "tracker")
    main, books = "src/main.rs", "src/books.rs"
    assert table == [
        ("ANY", "/probe", "/probe", "crate::probe", app, ("guarded",), True, main, 30),
        (
            "GET",
            "/admin/audit",
            "/admin/audit",
            "crate::books::audit",
            (*app, "Compress"),
            ("guarded",),
            True,
            books,
            29,
        ),
        ("GET", "/catalog", "/catalog", "crate::books::catalog::list", app, (), True, books, 14),
        (
            "GET",
            "/catalog/orphan",
            "/catalog/orphan",
            "crate::books::catalog::orphan",
            (),
            (),
            False,
            books,
            20,
        ),
        ("GET", "/catalog/{isbn}", "/catalog/{}", "crate::books::catalog::show", app, (), True, books, 17),
        ("GET", "/multi", "/multi", "crate::books::multi", app, (), True, books, 25),
        ("GET", "/shelf", "/shelf", "crate::shelf", (*app, "require_member"), (), True, main, 23),
        ("GET", "/shelves", "/shelves", "crate::shelf", (*app, "require_member"), (), True, main, 23),
        ("POST", "/lend", "/lend", "crate::lend", app, (), True, main, 28),
        ("POST", "/multi/new", "/multi/new", "crate::books::multi", app, (), True, books, 26),
        ("PUT", "/lend", "/lend", "crate::lend", app, (), True, main, 28),
    ]
    assert [(d.rule, d.file, d.line) for d in diagnostics] == [("unmounted-surface", books, 20)]


def test_chain_links_report_their_own_line_and_middleware_by_name() -> None:
    """Real apps put each `.route(` on its own line under one `App::new()`; the line must be the link's."""
    sources = SourceSet(FIXTURE)
    workspace = read_workspace(FIXTURE, sources)
    (package,) = workspace.packages
    routes, _ = extract_actix(package, load_package(sources, package, workspace), "actix-web@4.9.0")
    fallback = next(r for r in routes if "fallback" in r.notes)
    assert (fallback.line, fallback.middleware) == (27, ("Logger",))


def test_configure_closures_generic_fns_and_guarded_default_service() -> None:
    """`.configure(|cfg| f::<B>(cfg, ..))` is followed once, under its own scope prefix."""
    root = Path(__file__).parents[2] / "fixtures" / "rust" / "actix-configure"
    sources = SourceSet(root)
    workspace = read_workspace(root, sources)
    (package,) = workspace.packages
    routes, diagnostics = extract_actix(package, load_package(sources, package, workspace), "actix-web@4.9.0")
    assert sorted((r.method, r.uri, r.action, r.notes, r.file, r.line) for r in routes) == [
        ("GET", "/ping", "<closure@src/main.rs:8>", (), "src/main.rs", 8),
        (
            "GET",
            "/{tail}*",
            "web::route().guard(guard::Get()).to(home::<S>)",
            ("fallback",),
            "src/main.rs",
            10,
        ),
        ("POST", "/login/start", "crate::login::start", (), "src/login.rs", 6),
        ("POST", "/v2/start", "crate::login::start", (), "src/login.rs", 6),
    ]
    assert diagnostics == ()
