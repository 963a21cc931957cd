"""Exact axum manifests of the hand-written fixture crates under tests/fixtures/rust/axum-*."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from manifest_lint.extract import ExtractOptions, extract
from manifest_lint.parsing import Limits

if TYPE_CHECKING:
    from manifest_lint.model import Manifest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rust"
RouteRow = tuple[object, ...]


def rows(manifest: Manifest) -> list[RouteRow]:
    return [
        (
            r.method,
            r.uri,
            r.canonical_uri,
            r.action,
            r.middleware,
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


def test_methods_values_services_and_axum_08_syntax() -> None:
    manifest = extract(FIXTURES / "axum-methods")
    assert manifest.framework == "axum@0.8.4"  # the package's own lock entry, not the first axum
    m = ("methods", True, None)
    assert rows(manifest) == [
        (
            "GET",
            "/api/escaped-x",
            "/api/escaped-x",
            "crate::handlers::list",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:32",
        ),
        (
            "DELETE",
            "/api/users",
            "/api/users",
            "crate::handlers::purge",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:25",
        ),
        (
            "GET",
            "/api/users",
            "/api/users",
            "crate::handlers::list",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:24",
        ),
        (
            "POST",
            "/api/users",
            "/api/users",
            "crate::handlers::create",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:24",
        ),
        (
            "PATCH",
            "/api/users/{id}",
            "/api/users/{}",
            "crate::handlers::update",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:26",
        ),
        (
            "PUT",
            "/api/users/{id}",
            "/api/users/{}",
            "crate::handlers::update",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:26",
        ),
        (
            "POST",
            "/closure",
            "/closure",
            "<closure@src/main.rs:30>",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:30",
        ),
        ("ANY", "/form", "/form", "crate::handlers::create", (), *m, (), "resolved", "src/main.rs:28"),
        ("GET", "/form", "/form", "crate::handlers::list", (), *m, (), "resolved", "src/main.rs:28"),
        (
            "GET",
            "/generic/{id}",
            "/generic/{}",
            "crate::handlers::show",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:29",
        ),
        (
            "GET",
            "/old/:id",
            "/old/:id",
            "crate::handlers::list",
            (),
            *m,
            ("syntax-version-mismatch", "would-panic"),
            "resolved",
            "src/main.rs:37",
        ),
        ("GET", "/owned", "/owned", "crate::handlers::list", (), *m, (), "resolved", "src/main.rs:33"),
        (
            "GET",
            '/raw/"quoted"',
            '/raw/"quoted"',
            "crate::handlers::list",
            (),
            *m,
            (),
            "resolved",
            "src/main.rs:31",
        ),
        ("GET", "/rooted", "/rooted", "crate::handlers::list", (), *m, (), "resolved", "src/main.rs:38"),
        (
            "ANY",
            "/static",
            "/static",
            'ServeDir::new("static")',
            (),
            *m,
            ("opaque-service",),
            "resolved",
            "src/main.rs:35",
        ),
        (
            "ANY",
            "/static/",
            "/static",
            'ServeDir::new("static")',
            (),
            *m,
            ("opaque-service",),
            "resolved",
            "src/main.rs:35",
        ),
        (
            "ANY",
            "/static/{*tail}",
            "/static/{*}",
            'ServeDir::new("static")',
            (),
            *m,
            ("opaque-service",),
            "resolved",
            "src/main.rs:35",
        ),
        (
            "ANY",
            "/svc",
            "/svc",
            'ServeDir::new("assets")',
            (),
            *m,
            ("opaque-service",),
            "resolved",
            "src/main.rs:34",
        ),
        ("GET", "/tsr", "/tsr", "crate::handlers::list", (), *m, (), "resolved", "src/main.rs:36"),
        ("ANY", "/tsr/", "/tsr", None, (), *m, ("tsr-redirect",), "resolved", "src/main.rs:36"),
        ("ANY", "/ws", "/ws", "crate::handlers::socket", (), *m, (), "resolved", "src/main.rs:27"),
    ]
    assert diagnostics(manifest) == [
        ("syntax-version-mismatch", "src/main.rs", 37),
        ("invalid-registration", "src/main.rs", 38),  # nest("/") panics in 0.8
    ]


def test_layers_cover_only_routes_present_outermost_first() -> None:
    manifest = extract(FIXTURES / "axum-layers")
    assert manifest.framework == "axum@0.7.5"
    outer = ("stamp", "TraceLayer", "TimeoutLayer")
    by_route = {(r.method, r.uri): r.middleware for r in manifest.routes}
    assert by_route == {
        ("GET", "/admin/audit"): (*outer, "admin_gate", "audit"),  # get(h.layer(..)): that handler only
        ("POST", "/admin/audit"): (*outer, "admin_gate"),
        ("GET", "/admin/users"): (*outer, "admin_gate", "throttle_gate"),  # get(a).patch(b).route_layer(x)
        ("PATCH", "/admin/users"): (*outer, "admin_gate", "throttle_gate"),
        ("GET", "/health"): outer,  # added after the session route_layer
        ("PATCH", "/late"): (),  # added after every layer
        ("GET", "/me"): (*outer, "session_gate"),  # from_fn_with_state: the fn, not the state variable
        ("GET", "/public"): (*outer, "session_gate"),
        ("PATCH", "/write"): outer,  # chained after post(h).layer(..)
        ("POST", "/write"): (*outer, "RequireUser"),  # from_extractor::<T>
    }
    assert {r.binary for r in manifest.routes} == {"layers"}  # Server::bind(..).serve(..)
    assert diagnostics(manifest) == []


def test_data_flow_conditions_and_workspace_binaries() -> None:
    manifest = extract(FIXTURES / "axum-flow")
    assert manifest.framework == "axum@0.7.9, axum@0.8.1"
    s = "server/src/router.rs"
    assert [
        (r.method, r.uri, r.binary, r.mounted, r.condition, r.status, f"{r.file}:{r.line}")
        for r in manifest.routes
    ] == [
        ("GET", "/", "server", True, None, "resolved", f"{s}:44"),
        ("GET", "/api", "admin", True, None, "resolved", "admin/src/main.rs:10"),  # join_axum("/api", "/")
        ("GET", "/beta", "server", True, "let Some(extra) = optional_beta(&cfg)", "resolved", f"{s}:36"),
        ("GET", "/dev/login", "server", True, 'cfg(feature = "dev")', "resolved", f"{s}:26"),
        ("GET", "/dev/tools", "server", True, 'cfg(feature = "dev")', "resolved", f"{s}:58"),
        ("GET", "/flag", "server", True, "cfg.beta", "resolved", f"{s}:49"),
        ("GET", "/no-flag", "server", True, "!(cfg.beta)", "resolved", f"{s}:51"),
        ("GET", "/orphan", None, False, None, "resolved", f"{s}:66"),
        ("GET", "/users/{id}", "admin", True, None, "resolved", "admin/src/main.rs:10"),
        ("GET", "/v1/status", "server", True, None, "resolved", f"{s}:21"),  # prefix from the call site
        ("GET", "/v2/status", "server", True, None, "resolved", f"{s}:21"),
        ("POST", "/write", "server", True, "cfg.mode matches Mode::Full", "resolved", f"{s}:54"),
        ("POST", "{?}", "server", True, None, "unresolved", f"{s}:62"),  # runtime path
    ]
    assert [r.canonical_uri for r in manifest.routes if r.status == "unresolved"] == ["/{?}"]
    assert diagnostics(manifest) == [("unresolved-construct", s, 62), ("unmounted-surface", s, 65)]
    uris = {r.uri for r in manifest.routes}
    assert not uris & {"/test-only", "/integration-only", "/not/a/route", "/feed"}  # tests and decoys


def test_bad_input_becomes_diagnostics() -> None:
    manifest = extract(FIXTURES / "axum-bad")
    assert rows(manifest) == [
        (
            "GET",
            "/b/still-here",
            "/b/still-here",
            "crate::broken::h",
            (),
            "bad",
            True,
            None,
            (),
            "resolved",
            "src/broken.rs:7",
        ),
        ("GET", "/ok", "/ok", "crate::h", (), "bad", True, None, (), "resolved", "src/main.rs:16"),
        ("GET", "/p/x", "/p/x", "crate::h", (), "bad", True, None, (), "resolved", "src/main.rs:19"),
        ("GET", "{?}", "/{?}", "crate::h", (), "bad", True, None, (), "unresolved", "src/main.rs:18"),
    ]
    found = [(d.rule, d.file, d.line, d.message) for d in manifest.diagnostics]
    assert [f[:3] for f in found] == [
        ("parse-error", "src/broken.rs", 10),
        ("unresolved-construct", "src/main.rs", 17),
        ("unresolved-construct", "src/main.rs", 18),
    ]
    assert "my_routes!" in found[1][3]


def test_modules_constants_and_an_unserved_library(tmp_path: Path) -> None:
    manifest = extract(FIXTURES / "axum-modules")
    assert [(r.method, r.uri, r.action, r.mounted, r.binary) for r in manifest.routes] == [
        ("POST", "/api/wrapped", "crate::http::handlers::show", False, None),
        ("GET", "/items/:item_id", "crate::http::handlers::list", False, None),
        ("POST", "/items/:item_id", "crate::http::handlers::create", False, None),
        ("GET", "/legacy", "crate::helpers::ping", False, None),
    ]
    assert diagnostics(manifest) == [("unmounted-surface", "src/http/routes/mod.rs", 7)]


def _write_crate(root: Path, main: str, extra: dict[str, str] | None = None, axum: str = "0.7.9") -> Path:
    (root / "src").mkdir(parents=True)
    (root / "Cargo.toml").write_text(
        f'[package]\nname = "t"\nversion = "0.1.0"\n\n[dependencies]\naxum = "{axum}"\n'
    )
    (root / "src" / "main.rs").write_text(main)
    for name, text in (extra or {}).items():
        (root / "src" / name).write_text(text)
    return root


def test_huge_generated_file_is_a_limit_diagnostic(tmp_path: Path) -> None:
    chain = "".join(f'.route("/g/{i}", get(h))' for i in range(3000))
    root = _write_crate(
        tmp_path / "c",
        "use axum::{routing::get, Router};\nmod generated;\nasync fn h() {}\n"
        "#[tokio::main]\nasync fn main() { let l = todo!(); axum::serve(l, generated::routes()).await; }\n",
        {"generated.rs": f"use super::*;\npub fn routes() -> Router {{ Router::new(){chain} }}\n"},
    )
    manifest = extract(root, ExtractOptions(limits=Limits(max_file_bytes=20_000)))
    assert manifest.routes == ()
    assert ("limit-exceeded", "src/main.rs", 2) in diagnostics(manifest)
    assert ("unresolved-construct", "src/main.rs", 5) in diagnostics(manifest)  # serve(..) of an unknown app


def test_deep_nesting_reports_a_limit_instead_of_crashing(tmp_path: Path) -> None:
    nested = 'Router::new().route("/y", get(h))'
    for _ in range(300):
        nested = f"Router::new().merge({nested})"
    root = _write_crate(
        tmp_path / "c",
        "use axum::{routing::get, Router};\nasync fn h() {}\n"
        f'fn app() -> Router {{ {nested}.route("/x", get(h)) }}\n'
        "#[tokio::main]\nasync fn main() { axum::serve(todo!(), app()).await; }\n",
    )
    manifest = extract(root)
    assert any(d.rule == "limit-exceeded" for d in manifest.diagnostics)


@pytest.mark.parametrize(
    ("imports", "call", "routed"),
    [
        ("use axum::routing::get;", "get(h)", True),
        ("use axum::routing::*;", "get(h)", True),
        ("use axum::routing;", "routing::get(h)", True),
        ("", "axum::routing::get(h)", True),
        ("use axum::routing::get as fetch;", "fetch(h)", True),
        ("mod prelude { pub use axum::routing::get; }\nuse prelude::get;", "get(h)", True),
        ("fn get(_h: fn()) -> u8 { 0 }", "get(h)", False),  # a local look-alike
    ],
)
def test_bare_get_counts_only_when_it_is_axum_routing(
    tmp_path: Path, imports: str, call: str, routed: bool
) -> None:
    root = _write_crate(
        tmp_path / "c",
        f"use axum::Router;\n{imports}\nfn h() {{}}\n"
        f'fn app() -> Router {{ Router::new().route("/x", {call}) }}\n'
        "#[tokio::main]\nasync fn main() { axum::serve(todo!(), app()).await; }\n",
    )
    manifest = extract(root)
    assert [r.method for r in manifest.routes] == (["GET"] if routed else ["?"])
    assert all(r.uri == "/x" for r in manifest.routes)


def test_join_macro_serves_each_app_and_overlaps_are_per_app(tmp_path: Path) -> None:
    root = _write_crate(
        tmp_path / "c",
        "use axum::{routing::get, Router};\nuse tower_http::limit::RequestBodyLimitLayer;\n"
        "async fn h() {}\n"
        'fn public() -> Router { Router::new().route("/", get(h)) }\n'
        'fn metrics() -> Router {\n    Router::new()\n        .route("/", get(h.layer((Cap, RequestBodyLimitLayer::new(9)))))\n}\n'
        "async fn serve(app: Router) { axum::serve(todo!(), app).await; }\n"
        "#[tokio::main]\nasync fn main() {\n    tokio::join!(\n        serve(public()),\n"
        "        serve(metrics()),\n    );\n}\n",
    )
    manifest = extract(root)
    assert [(r.method, r.uri, r.middleware, r.line, r.mounted) for r in manifest.routes] == [
        ("GET", "/", (), 4, True),
        ("GET", "/", ("Cap", "RequestBodyLimitLayer"), 7, True),
    ]
    assert diagnostics(manifest) == []  # two listeners, not an overlapping registration


def test_same_method_twice_in_one_app_is_invalid(tmp_path: Path) -> None:
    root = _write_crate(
        tmp_path / "c",
        "use axum::{routing::get, Router};\nasync fn h() {}\n"
        'fn app() -> Router {\n    Router::new()\n        .route("/x", get(h))\n        .route("/x", get(h).post(h))\n}\n'
        "#[tokio::main]\nasync fn main() { axum::serve(todo!(), app()).await; }\n",
    )
    assert diagnostics(extract(root)) == [("invalid-registration", "src/main.rs", 6)]


def test_routers_from_associated_fns_and_methods(tmp_path: Path) -> None:
    root = _write_crate(
        tmp_path / "c",
        "use axum::{routing::get, Router};\nasync fn h() {}\nstruct Api;\nstruct State;\n"
        'impl Api {\n    fn router() -> Router { Router::new().route("/api", get(h)) }\n'
        "    fn app() -> Router { Self::router().merge(State.routes()) }\n}\n"
        'impl State {\n    fn routes(&self) -> Router { Router::new().route("/state", get(h)) }\n}\n'
        "#[tokio::main]\nasync fn main() { axum::serve(todo!(), Api::app()).await; }\n",
    )
    manifest = extract(root)
    assert [(r.uri, r.line, r.mounted) for r in manifest.routes] == [("/api", 6, True), ("/state", 10, True)]
    assert diagnostics(manifest) == []


@pytest.mark.parametrize(
    ("axum", "filter_expr", "methods"),
    [
        ("0.6.20", "MethodFilter::GET | MethodFilter::POST", ["GET", "POST"]),
        ("0.7.9", "MethodFilter::PUT.or(MethodFilter::PATCH)", ["PATCH", "PUT"]),
        ("0.7.9", "chosen", ["?"]),  # a filter held in a variable: method unknown, reported
    ],
)
def test_method_filters(tmp_path: Path, axum: str, filter_expr: str, methods: list[str]) -> None:
    root = _write_crate(
        tmp_path / "c",
        "use axum::{routing::{on, MethodFilter}, Router};\nasync fn h() {}\n"
        f'fn app(chosen: MethodFilter) -> Router {{ Router::new().route("/f", on({filter_expr}, h)) }}\n'
        "#[tokio::main]\nasync fn main() { axum::serve(todo!(), app(todo!())).await; }\n",
        axum=axum,
    )
    manifest = extract(root)
    assert sorted(r.method for r in manifest.routes) == methods
    assert all(r.framework == f"axum@{axum}" for r in manifest.routes)
    assert [d.rule for d in manifest.diagnostics] == (["unresolved-construct"] if methods == ["?"] else [])
    assert all(r.status == ("partial" if methods == ["?"] else "resolved") for r in manifest.routes)


def test_registrations_axum_rejects(tmp_path: Path) -> None:
    root = _write_crate(
        tmp_path / "c",
        "use axum::{middleware::from_fn, routing::get, Router};\nasync fn h() {}\nasync fn gate() {}\n"
        "fn with_gate(router: Router) -> Router { router.route_layer(from_fn(gate)) }\n"
        "fn app() -> Router {\n    Router::new()\n"
        '        .nest("/files/*rest", Router::new().route("/x", get(h)))\n'
        "        .merge(Router::new().route_layer(from_fn(gate)))\n"
        '        .merge(with_gate(Router::new().route("/ok", get(h))))\n'
        '        .route("no-slash", get(h))\n}\n'
        "#[tokio::main]\nasync fn main() { axum::serve(todo!(), app()).await; }\n",
    )
    manifest = extract(root)
    assert diagnostics(manifest) == [
        ("invalid-registration", "src/main.rs", 7),  # wildcard nest prefix
        ("invalid-registration", "src/main.rs", 8),  # route_layer on an empty router
        ("invalid-registration", "src/main.rs", 10),  # path without a leading '/'
    ]
    assert [(r.uri, r.middleware) for r in manifest.routes] == [
        ("/files/*rest/x", ()),
        ("/ok", ("gate",)),
        ("no-slash", ()),
    ]


def test_cfg_on_a_module_conditions_its_routes(tmp_path: Path) -> None:
    root = _write_crate(
        tmp_path / "c",
        'use axum::{routing::get, Router};\nasync fn h() {}\n#[cfg(feature = "admin")]\nmod admin;\n'
        'fn app() -> Router {\n    let app = Router::new().route("/", get(h));\n'
        '    #[cfg(feature = "admin")]\n    let app = app.merge(admin::routes());\n    app\n}\n'
        "#[tokio::main]\nasync fn main() { axum::serve(todo!(), app()).await; }\n",
        {"admin.rs": 'use super::*;\npub fn routes() -> Router { Router::new().route("/admin", get(h)) }\n'},
    )
    manifest = extract(root)
    assert [(r.uri, r.condition) for r in manifest.routes] == [
        ("/", None),
        ("/admin", 'cfg(feature = "admin")'),
    ]
