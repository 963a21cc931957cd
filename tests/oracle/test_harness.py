"""Checks of the oracle itself on hand-written apps, with expected routes taken from specs/laravel-routing.md.

If these fail, differential results against the static extractor cannot be trusted.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from generate import AppSources, app_sources
from hypothesis import HealthCheck, given, settings

from oracle import OracleError, OracleRejected, RouteRecord, oracle_routes, oracle_routes_many

pytestmark = pytest.mark.oracle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "oracle"
C = "App\\Http\\Controllers\\"
REDIRECT = "Illuminate\\Routing\\RedirectController"
WEB = ["web"]

Row = tuple[str, str, str | None, str, list[str], str | None]


def app(name: str) -> Path:
    root = FIXTURES / name
    assert root.is_dir(), f"missing fixture {root}"
    return root


def rows(routes: list[RouteRecord]) -> list[Row]:
    """Compact tuples (method, uri, name, action, middleware, domain) so expectations read like route:list."""
    out: list[Row] = []
    for r in routes:
        assert set(r) == {"method", "uri", "name", "action", "middleware", "domain"}
        name, domain, middleware = r["name"], r["domain"], r["middleware"]
        assert name is None or isinstance(name, str)
        assert domain is None or isinstance(domain, str)
        assert isinstance(middleware, list)
        out.append(
            (str(r["method"]), str(r["uri"]), name, str(r["action"]), [str(m) for m in middleware], domain)
        )
    return out


def test_resource_expansion() -> None:
    photo, comment = C + "PhotoController@", C + "CommentController@"
    assert rows(oracle_routes(app("resources"))) == [
        ("DELETE", "/photos/{photo}", "photos.destroy", photo + "destroy", WEB, None),
        ("GET", "/admin/reports", "rep.index", C + "ReportController@index", WEB, None),
        ("GET", "/blog-posts/{entry}/edit", "blog-posts.edit", C + "BlogController@edit", WEB, None),
        ("GET", "/comments/{comment}", "comments.show", comment + "show", WEB, None),
        ("GET", "/people/{person}", "humans.view", C + "PersonController@show", WEB, None),
        ("GET", "/photos", "photos.index", photo + "index", WEB, None),
        ("GET", "/photos/create", "photos.create", photo + "create", WEB, None),
        ("GET", "/photos/{photo}", "photos.show", photo + "show", WEB, None),
        ("GET", "/photos/{photo}/comments", "photos.comments.index", comment + "index", WEB, None),
        ("GET", "/photos/{photo}/edit", "photos.edit", photo + "edit", WEB, None),
        ("GET", "/posts", "posts.index", C + "PostController@index", WEB, None),
        ("GET", "/posts/{post}", "posts.show", C + "PostController@show", WEB, None),
        ("PATCH", "/photos/{photo}", "photos.update", photo + "update", WEB, None),
        ("POST", "/photos", "photos.store", photo + "store", WEB, None),
        ("PUT", "/photos/{photo}", "photos.update", photo + "update", WEB, None),
    ]


def test_group_merge_names_and_duplicate_keys() -> None:
    """Group attributes merge (§3.2); a same-key route replaces the earlier one in its position (§0.4)."""
    assert rows(oracle_routes(app("groups"))) == [
        ("GET", "/", None, "Closure", WEB, None),
        ("GET", "/a/chain", "a.bc", "Closure", WEB, None),
        ("GET", "/t", "t3", "Closure", WEB, None),
        ("GET", "/t", "t2", "Closure", WEB, None),
        ("GET", "/x/unnamed", "x.", "Closure", ["web", "auth"], None),
        ("GET", "/x/y/{id}", "x.show", "Closure", ["web", "auth", "verified"], "d.test"),
        ("POST", "/a/inner", "a.root", "Closure", WEB, "{account}.example.com"),
        ("POST", "/t", "t2", "Closure", WEB, None),
    ]


def test_route_prefix_is_prepended_to_group_prefix() -> None:
    """§2.2 caveat: a registrar prefix on one route lands before the group (and api) prefix."""
    assert rows(oracle_routes(app("prefix_caveat"))) == [
        ("GET", "/api/bar", None, "Closure", ["api", "auth:sanctum"], None),
        ("GET", "/g/y", None, "Closure", WEB, None),
        ("GET", "/p/g/x", None, "Closure", WEB, None),
        ("GET", "/v1/api/foo", None, "Closure", ["api"], None),
    ]


def test_registrar_attributes_on_resources() -> None:
    """§2.2: prefix ignored, name gives a double dot, middleware applies; the group form works."""
    photo = C + "PhotoController@"
    assert rows(oracle_routes(app("registrar_resource"))) == [
        ("GET", "/admin/birds", "admin.birds.index", photo + "index", WEB, None),
        ("GET", "/cats", "admin..cats.index", photo + "index", WEB, None),
        ("GET", "/cats/{cat}", "admin..cats.show", photo + "show", WEB, None),
        ("GET", "/dogs", "dogs.index", photo + "index", ["web", "auth"], None),
        ("GET", "/photos", "photos.index", photo + "index", WEB, None),
    ]


def test_middleware_dedupe_and_exclusion_keep_aliases() -> None:
    """Default mode: aliases stay as written (what the static tool emits), duplicates and exclusions apply."""
    assert rows(oracle_routes(app("middleware"))) == [
        ("GET", "/dedupe", None, "Closure", ["web", "auth", "throttle:6,1"], None),
        ("GET", "/sorted", None, "Closure", ["web", "throttle:6,1", "auth", "verified"], None),
        ("GET", "/team", None, "Closure", ["web", "App\\Http\\Middleware\\EnsureTeam", "auth"], None),
        ("GET", "/without", None, "Closure", ["auth:sanctum"], None),
    ]


def test_middleware_resolved_like_route_list() -> None:
    """--resolve-aliases: default alias map (§4.1) and the priority sort (§4.3); `web` never moves."""
    auth = "Illuminate\\Auth\\Middleware\\Authenticate"
    throttle = "Illuminate\\Routing\\Middleware\\ThrottleRequests:6,1"
    verified = "Illuminate\\Auth\\Middleware\\EnsureEmailIsVerified"
    assert rows(oracle_routes(app("middleware"), resolve_aliases=True)) == [
        ("GET", "/dedupe", None, "Closure", ["web", auth, throttle], None),
        ("GET", "/sorted", None, "Closure", ["web", auth, throttle, verified], None),
        ("GET", "/team", None, "Closure", ["web", "App\\Http\\Middleware\\EnsureTeam", auth], None),
        ("GET", "/without", None, "Closure", [auth + ":sanctum"], None),
    ]


def test_action_forms_and_method_rules() -> None:
    """§2.1/§2.3 action strings; HEAD dropped beside GET, OPTIONS only from all-verb routes."""
    users = C + "UserController@"
    assert rows(oracle_routes(app("action_forms"))) == [
        ("DELETE", "/anything", None, "Closure", WEB, None),
        ("DELETE", "/here", None, REDIRECT, WEB, None),
        ("DELETE", "/users/{user}", None, users + "destroy", WEB, None),
        ("GET", "/anything", None, "Closure", WEB, None),
        ("GET", "/both", None, "Closure", WEB, None),
        ("GET", "/closure", None, "Closure", WEB, None),
        ("GET", "/here", None, REDIRECT, WEB, None),
        ("GET", "/invokable", None, C + "ShowDashboard", WEB, None),
        ("GET", "/users", "users.index", users + "index", WEB, None),
        ("GET", "/welcome", "welcome", "Illuminate\\Routing\\ViewController", WEB, None),
        ("GET", "/{fallbackPlaceholder}", None, "Closure", WEB, None),
        ("HEAD", "/head-only", None, "Closure", WEB, None),
        ("OPTIONS", "/opts", None, "Closure", WEB, None),
        ("PATCH", "/anything", None, "Closure", WEB, None),
        ("PATCH", "/here", None, REDIRECT, WEB, None),
        ("PATCH", "/registrar", None, C + "PhotoController@edit", ["web", "auth"], None),
        ("POST", "/anything", None, "Closure", WEB, None),
        ("POST", "/array", None, users + "store", WEB, None),
        ("POST", "/both", None, "Closure", WEB, None),
        ("POST", "/here", None, REDIRECT, WEB, None),
        ("PUT", "/anything", None, "Closure", WEB, None),
        ("PUT", "/here", None, REDIRECT, WEB, None),
        ("PUT", "/string", None, C + "PhotoController@update", WEB, None),
    ]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (None, ["/always"]),
        ("production", ["/always"]),
        ("local", ["/always", "/debug", "/dev/a", "/dev/b"]),
        ("testing", ["/always", "/dev/a", "/dev/b"]),
    ],
)
def test_environment_gated_routes(env: str | None, expected: list[str]) -> None:
    routes = oracle_routes(app("env_gated"), env=env)
    assert [r["uri"] for r in routes] == expected
    assert [r["name"] for r in routes if r["uri"] == "/dev/a"] == (["dev.a"] if "/dev/a" in expected else [])


def test_bootstrap_with_routing_order_and_health_route() -> None:
    """§5.1: api under apiPrefix, health route outside the web group, web, then the `then:` callback."""
    assert rows(oracle_routes(app("bootstrap_app"), mode="bootstrap")) == [
        ("GET", "/", "home", "Closure", WEB, None),
        ("GET", "/admin/dashboard", "admin.dashboard", "Closure", WEB, None),
        ("GET", "/api/v1/user", None, "Closure", ["api", "auth:sanctum"], None),
        ("GET", "/up", None, "Closure", [], None),
        ("POST", "/up", None, "Closure", WEB, None),
    ]


def test_bootstrap_files_mode_ignores_bootstrap() -> None:
    """Files mode models the default skeleton (api under `api`, web), whatever bootstrap/app.php says."""
    assert [(r["method"], r["uri"]) for r in oracle_routes(app("bootstrap_app"))] == [
        ("GET", "/"),
        ("GET", "/api/user"),
        ("POST", "/up"),
    ]


def test_bootstrap_using_replaces_default_loading() -> None:
    assert rows(oracle_routes(app("bootstrap_using"), mode="bootstrap")) == [
        ("GET", "/v2/ping", "ping", "Closure", ["api"], None),
    ]


def test_router_rejection_is_distinguished() -> None:
    """§2.2: `Route::middleware(..)->view(..)` is fatal in the real router; the oracle reports exit 3."""
    with pytest.raises(OracleRejected, match="RouteRegistrar::view does not exist"):
        oracle_routes(app("rejected"))


def test_bad_usage_is_a_harness_error(tmp_path: Path) -> None:
    with pytest.raises(OracleError):
        oracle_routes(tmp_path / "does-not-exist")


def test_batch_matches_single_runs() -> None:
    roots = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    batch = oracle_routes_many(roots)
    assert len(batch) == len(roots)
    for root, result in zip(roots, batch, strict=True):
        if root.name == "rejected":
            assert isinstance(result, OracleRejected)
        else:
            assert result == oracle_routes(root), root.name


def test_batch_survives_a_fatal_error(tmp_path: Path) -> None:
    """A fatal (uncatchable) PHP error ends the process; the remaining apps still get answers."""
    fatal = AppSources(web="<?php\nfunction twice() {}\nfunction twice() {}\n").write(tmp_path / "fatal")
    results = oracle_routes_many([app("groups"), fatal, app("prefix_caveat")])
    assert isinstance(results[1], OracleRejected)
    assert results[0] == oracle_routes(app("groups"))
    assert results[2] == oracle_routes(app("prefix_caveat"))


def test_generated_apps_are_accepted() -> None:
    """The generator must stay inside what the router accepts, or differential runs test nothing."""
    sources: list[AppSources] = []

    @settings(max_examples=50, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(app_sources())
    def collect(s: AppSources) -> None:
        sources.append(s)

    collect()
    assert len(sources) >= 40
    with tempfile.TemporaryDirectory() as tmp:
        roots = [s.write(Path(tmp) / f"app{i}") for i, s in enumerate(sources)]
        results = oracle_routes_many(roots, env="local")
    rejected = [str(r) for r in results if isinstance(r, OracleRejected)]
    assert len(rejected) <= len(sources) * 0.05, rejected[:3]
    assert sum(len(r) for r in results if not isinstance(r, OracleRejected)) > len(sources)
