"""Exact manifests of the fixture crates for constructs real services use beyond the basics:
route tables, OpenAPI router wrappers, other entry points, dynamic prefixes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.extract import extract
from manifest_lint.extract.rust.crate import CrateSet, load_crate
from manifest_lint.extract.rust.values import dynamic_prefix
from manifest_lint.extract.rust.wrappers import resource_routes
from manifest_lint.parsing import SourceSet

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
        # A loop over a runtime collection: what its body registers is listed once, path unknown,
        (
            "GET",
            "{?}",
            "/{?}",
            "crate::handlers::list_users",
            "tables",
            True,
            None,
            ("loop-registration",),
            "unresolved",
            "src/main.rs:34",
        ),
    ]
    # and reported at the loop (one diagnostic, not one per unknown part inside), nothing guessed.
    assert diagnostics(manifest) == [("unresolved-construct", "src/main.rs", 33)]
    assert "how many routes it adds is unknown" in manifest.diagnostics[0].message


def test_utoipa_aide_and_axum_extra_wrappers() -> None:
    manifest = extract(FIXTURES / "axum-wrappers")
    t = ("conduit", True, None, ())
    art, typed = "crate::articles::", "crate::typed::"
    assert rows(manifest) == [
        ("GET", "/api/articles", "/api/articles", f"{art}list_articles", *t, "resolved", "src/main.rs:15"),
        ("POST", "/api/articles", "/api/articles", f"{art}create_article", *t, "resolved", "src/main.rs:15"),
        (
            "GET",
            "/api/articles/{slug}",
            "/api/articles/{}",
            f"{art}get_article",
            *t,
            "resolved",
            "src/main.rs:16",
        ),
        (
            "PUT",
            "/api/articles/{slug}",
            "/api/articles/{}",
            f"{art}get_article",
            *t,
            "resolved",
            "src/main.rs:16",
        ),
        # `route!` is `routes!` renamed; a comment after the fn's tail expression does not hide it.
        (
            "DELETE",
            "/api/articles/{slug}/favorite",
            "/api/articles/{}/favorite",
            f"{art}unfavorite",
            *t,
            "resolved",
            "src/articles.rs:29",
        ),
        # context_path is prepended to the handler's path, then the nest prefix.
        (
            "GET",
            "/api/profiles/v1/{username}",
            "/api/profiles/v1/{}",
            f"{art}get_profile",
            *t,
            "resolved",
            "src/main.rs:17",
        ),
        # No #[utoipa::path]: listed with what is known, method and path unknown.
        ("?", "/api{?}", "/api{?}", f"{art}undocumented", *t, "partial", "src/main.rs:18"),
        # A split router no binary serves: listed unmounted.
        (
            "GET",
            "/drafts",
            "/drafts",
            f"{art}drafts",
            "conduit",
            False,
            None,
            (),
            "resolved",
            "src/articles.rs:39",
        ),
        ("GET", "/health", "/health", "crate::docs::health", *t, "resolved", "src/docs.rs:17"),
        ("DELETE", "/labels", "/labels", "crate::docs::delete_label", *t, "resolved", "src/docs.rs:18"),
        ("POST", "/labels", "/labels", "crate::docs::create_label", *t, "resolved", "src/docs.rs:18"),
        ("GET", "/labels/export", "/labels/export", "crate::docs::health", *t, "resolved", "src/docs.rs:19"),
        ("GET", "/tags", "/tags", f"{typed}index_tags", *t, "resolved", "src/typed.rs:27"),
        ("POST", "/tags", "/tags", f"{typed}create_tag", *t, "resolved", "src/typed.rs:28"),
        ("GET", "/tags/{tags_id}", "/tags/{}", f"{typed}show_tag", *t, "resolved", "src/typed.rs:29"),
        ("PATCH", "/tags/{tags_id}", "/tags/{}", f"{typed}update_tag", *t, "resolved", "src/typed.rs:30"),
        ("PUT", "/tags/{tags_id}", "/tags/{}", f"{typed}update_tag", *t, "resolved", "src/typed.rs:30"),
        ("DELETE", "/users/{id}", "/users/{}", f"{typed}delete_user", *t, "resolved", "src/typed.rs:33"),
        ("GET", "/users/{id}", "/users/{}", f"{typed}show_user", *t, "resolved", "src/typed.rs:32"),
    ]
    assert diagnostics(manifest) == [
        ("unmounted-surface", "src/articles.rs", 37),
        ("unresolved-construct", "src/main.rs", 18),
    ]
    assert "undocumented" in manifest.diagnostics[1].message
    # `routes!(h).layer(L)` wraps that handler only, inside the router's own layers.
    assert {r.uri: r.middleware for r in manifest.routes if r.uri.startswith("/api/articles")} == {
        "/api/articles": (),
        "/api/articles/{slug}": (),
        "/api/articles/{slug}/favorite": ("TraceLayer", "require_user"),
    }


def test_resource_paths_follow_the_axum_version() -> None:
    assert resource_routes("users", "edit", axum_08=False) == (("GET", "/users/:users_id/edit"),)
    assert resource_routes("users", "update", axum_08=True) == (
        ("PATCH", "/users/{users_id}"),
        ("PUT", "/users/{users_id}"),
    )
    assert resource_routes("users", "new", axum_08=True) == (("GET", "/users/new"),)
    assert resource_routes("users", "fallback", axum_08=True) == ()


def test_other_entry_points_and_a_two_hop_workspace_launch() -> None:
    manifest = extract(FIXTURES / "axum-entries")
    t = (True, None, (), "resolved")
    edge = "edge/src/lib.rs:9"
    assert rows(manifest) == [
        ("GET", "/conn/ping", "/conn/ping", "crate::ping", "conn", *t, edge),  # TowerToHyperService
        # cli -> launcher -> web (a renamed path dependency): served by the cli binary, not unmounted.
        ("GET", "/health", "/health", "crate::health", "cli", *t, "web/src/lib.rs:12"),
        ("GET", "/lambda/ping", "/lambda/ping", "crate::ping", "lambda", *t, edge),
        ("GET", "/legacy/ping", "/legacy/ping", "crate::ping", "legacy", *t, edge),  # hyper 0.14
        ("POST", "/login", "/login", "crate::login", "cli", *t, "web/src/lib.rs:13"),
        ("GET", "/shuttle/ping", "/shuttle/ping", "crate::ping", "shuttle", *t, edge),
        ("GET", "/upgrade/ping", "/upgrade/ping", "crate::ping", "conn", *t, edge),  # service_fn closure
        ("GET", "/wrapped/ping", "/wrapped/ping", "crate::ping", "wrapped", *t, edge),  # Ok(AxumService(r))
    ]
    assert diagnostics(manifest) == []


def test_a_runtime_base_path_is_noted_not_guessed() -> None:
    manifest = extract(FIXTURES / "axum-dynamic-prefix")
    t = ("mounted", True, None)
    assert rows(manifest) == [
        # The whole path unknown: not a prefix, no note.
        ("GET", "{?}", "/{?}", "crate::list", *t, (), "unresolved", "src/main.rs:28"),
        (
            "GET",
            "{?}/api/items",
            "/{?}/api/items",
            "crate::list",
            *t,
            ("dynamic-prefix",),
            "partial",
            "src/main.rs:18",
        ),
        # format!("{base}/api/items") keeps its literal rest.
        (
            "POST",
            "{?}/api/items",
            "/{?}/api/items",
            "crate::create",
            *t,
            ("dynamic-prefix",),
            "partial",
            "src/main.rs:19",
        ),
        (
            "GET",
            "{?}/health",
            "/{?}/health",
            "crate::list",
            *t,
            ("dynamic-prefix",),
            "partial",
            "src/main.rs:27",
        ),
    ]
    assert diagnostics(manifest) == [("unresolved-construct", "src/main.rs", n) for n in (18, 19, 27, 28)]


def test_dynamic_prefix_rule() -> None:
    assert dynamic_prefix("{?}/users")
    assert dynamic_prefix("/{?}/users")
    assert not dynamic_prefix("{?}")
    assert not dynamic_prefix("/{?}/")
    assert not dynamic_prefix("/api/{?}/users")


def test_chained_glob_imports_qualify_to_the_right_crate() -> None:
    manifest = extract(FIXTURES / "actix-globs")
    assert [(r.method, r.uri, r.action, f"{r.file}:{r.line}") for r in manifest.routes] == [
        # Was chrono::prelude::chrono::prelude::HttpResponse::NotFound: `chrono` looked up through
        # the `actix_web::*` glob, and chrono::prelude assumed to export anything.
        ("GET", "/gone", "actix_web::HttpResponse::NotFound", "src/routes.rs:9"),
        ("GET", "/stamp", "crate::routes::stamp", "src/routes.rs:8"),
    ]
    assert manifest.diagnostics == ()
    sources = SourceSet(FIXTURES / "actix-globs")
    crate = load_crate(sources, name="globs", kind="bin", root_file="src/main.rs")
    crates = CrateSet({"globs": crate}, {"actix_web": "actix_web"})
    routes = crate.modules[("crate", "routes")]
    assert crates.qualified(routes, ("Utc", "now")) == "chrono::prelude::Utc::now"  # listed in the prelude
    assert crates.qualified(routes, ("web", "get")) == "actix_web::web::get"
    assert crates.qualified(routes, ("stamp",)) == "crate::routes::stamp"  # through the two-way globs


def test_actix_branches_and_let_bound_scopes_and_apps() -> None:
    manifest = extract(FIXTURES / "actix-branches")
    assert [
        (r.method, r.uri, r.action, r.binary, r.mounted, r.condition, r.status, f"{r.file}:{r.line}")
        for r in manifest.routes
    ] == [
        # `let api = web::scope("/api").configure(..)` then `App::new().service(api)`.
        ("GET", "/api/list", "crate::list", "branches", True, None, "resolved", "src/main.rs:15"),
        # Both branches of an `if` in a configure fn, each with its condition (was twice, unconditional).
        (
            "GET",
            "/api/panel",
            "crate::panel",
            "branches",
            True,
            "settings.admin",
            "resolved",
            "src/main.rs:20",
        ),
        (
            "GET",
            "/api/panel",
            "crate::refuse",
            "branches",
            True,
            "!(settings.admin)",
            "resolved",
            "src/main.rs:38",
        ),
        (
            "POST",
            "/api/write",
            "crate::write",
            "branches",
            True,
            "settings.mode matches Mode::Full",
            "resolved",
            "src/main.rs:42",
        ),
        (
            "POST",
            "/api/write",
            "crate::refuse",
            "branches",
            True,
            "settings.mode matches Mode::ReadOnly",
            "resolved",
            "src/main.rs:45",
        ),
        # `.configure(if cfg!(debug_assertions) { debug_routes } else { no_routes })`.
        (
            "GET",
            "/debug",
            "crate::write",
            "branches",
            True,
            "cfg!(debug_assertions)",
            "resolved",
            "src/main.rs:75",
        ),
        # `app.route(..)` on `let app = if c { app.service(..) } else { app }`.
        ("GET", "/health", "crate::write", "branches", True, None, "resolved", "src/main.rs:66"),
        (
            "GET",
            "/ops/stats",
            "crate::write",
            "branches",
            True,
            'std::env::var("OPS").is_ok()',
            "resolved",
            "src/main.rs:62",
        ),
    ]
    assert manifest.diagnostics == ()


def test_a_route_read_by_two_workspace_members_is_listed_once() -> None:
    manifest = extract(FIXTURES / "actix-workspace")
    # The server lib's App is read for the server package (no binary) and for the cli package
    # that depends on it (binary cli): one route, served by cli.
    assert [(r.method, r.uri, r.binary, r.mounted, f"{r.file}:{r.line}") for r in manifest.routes] == [
        ("GET", "/ping", "cli", True, "server/src/lib.rs:2"),
    ]
    assert manifest.diagnostics == ()
