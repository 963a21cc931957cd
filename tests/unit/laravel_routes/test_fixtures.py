"""Exact route manifests of the hand-written fixture apps under tests/fixtures/laravel/."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from manifest_lint.extract import ExtractOptions, extract

if TYPE_CHECKING:
    from manifest_lint.model import Manifest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "laravel"
CTRL = "App\\Http\\Controllers\\"
PROFILE = CTRL + "Settings\\ProfileController@"
AUDIT = "App\\Http\\Middleware\\Audit"
REDIRECT = "Illuminate\\Routing\\RedirectController"

Row = tuple[str, str, str | None, str | None, tuple[str, ...]]


def _manifest(name: str, **options: object) -> Manifest:
    return extract(FIXTURES / name, ExtractOptions(**options))  # type: ignore[arg-type]


def _rows(manifest: Manifest) -> list[Row]:
    return [(r.method, r.uri, r.name, r.action, r.middleware) for r in manifest.routes]


def _rules(manifest: Manifest, *rules: str) -> list[tuple[str, str, int]]:
    return [(d.rule, d.file, d.line) for d in manifest.diagnostics if d.rule in rules]


L11_ROUTES: list[Row] = [
    ("GET", "/", "home", "Closure", ("web",)),
    ("GET", "/about", "about", "Inertia\\Controller", ("web",)),
    ("GET", "/admin", "admin.index", "Closure", ("web",)),
    ("GET", "/admin/reports/{report}", "admin.", CTRL + "ReportController@show", ("web", "can:view,report")),
    ("POST", "/api/v2/<unresolved>", None, "Closure", ("api", "auth:sanctum")),
    ("GET", "/api/v2/billing/invoices", "billing.invoices", "Closure", ("api", "auth:sanctum")),
    ("GET", "/api/v2/billing/receipts", "billing.receipts", "Closure", ("api", "auth:sanctum")),
    ("GET", "/api/v2/exports/csv", None, "Closure", ("api", "auth:sanctum")),
    ("GET", "/api/v2/files/{path}", None, "Closure", ("api", "auth:sanctum")),
    *[
        (
            method,
            uri,
            f"teams.members.{action}",
            CTRL + f"TeamMemberController@{action}",
            ("api", "auth:sanctum", "team"),
        )
        for method, uri, action in [
            ("GET", "/api/v2/teams/{team}/members", "index"),
            ("POST", "/api/v2/teams/{team}/members", "store"),
            ("DELETE", "/api/v2/teams/{team}/members/{member}", "destroy"),
            ("GET", "/api/v2/teams/{team}/members/{member}", "show"),
            ("PATCH", "/api/v2/teams/{team}/members/{member}", "update"),
            ("PUT", "/api/v2/teams/{team}/members/{member}", "update"),
        ]
    ],
    ("GET", "/api/v2/webhooks/{provider}", None, "Closure", ("api", "auth:sanctum")),
    ("GET", "/dashboard", "dashboard", CTRL + "ShowDashboard", ("web", "auth", "verified")),
    ("GET", "/debug/mail", "debug.mail", "Closure", ("web",)),
    ("GET", "/login", "login", CTRL + "Auth\\LoginController@show", ("web", "guest")),
    ("POST", "/login", None, CTRL + "Auth\\LoginController@store", ("web", "guest")),
    *[
        (method, "/old-home", None, REDIRECT, ("web",))
        for method in ("DELETE", "GET", "PATCH", "POST", "PUT")
    ],
    ("GET", "/photos", "photos.index", CTRL + "PhotoController@index", ("web", "auth")),
    ("GET", "/photos/{photo}", "photos.show", CTRL + "PhotoController@show", ("web", "auth")),
    (
        "DELETE",
        "/profile",
        "profile.destroy",
        PROFILE + "destroy",
        ("web", "auth", "password.confirm", AUDIT),
    ),
    ("GET", "/profile", "profile.show", PROFILE + "show", ("web", "auth", "password.confirm")),
    ("PATCH", "/profile", "profile.update", PROFILE + "update", ("web", "auth", "password.confirm", AUDIT)),
    ("POST", "/profile", "profile.store", PROFILE + "store", ("web", "auth", "password.confirm", AUDIT)),
    ("PUT", "/profile", "profile.update", PROFILE + "update", ("web", "auth", "password.confirm", AUDIT)),
    (
        "GET",
        "/profile/create",
        "profile.create",
        PROFILE + "create",
        ("web", "auth", "password.confirm", AUDIT),
    ),
    ("GET", "/profile/edit", "profile.edit", PROFILE + "edit", ("web", "auth", "password.confirm")),
    ("GET", "/register", "register", "Closure", ("web", "guest")),
    (
        "GET",
        "/sanctum/csrf-cookie",
        "sanctum.csrf-cookie",
        "Laravel\\Sanctum\\Http\\Controllers\\CsrfCookieController@show",
        ("web",),
    ),
    (
        "GET",
        "/settings/password",
        "settings.password",
        PROFILE + "password",
        ("web", "auth", "password.confirm", AUDIT),
    ),
    (
        "PUT",
        "/settings/password",
        "settings.",
        PROFILE + "updatePassword",
        ("web", "password.confirm", "throttle:10,1", AUDIT),
    ),
    ("GET", "/status", None, "Closure", ("web",)),
    ("GET", "/terms", None, "Illuminate\\Routing\\ViewController", ("web",)),
    ("GET", "/up", None, "Closure", ()),
]


def test_l11_app_routes() -> None:
    manifest = _manifest("l11-app")
    assert _rows(manifest) == L11_ROUTES
    assert manifest.framework == "laravel@11"
    by_key = {(r.method, r.uri): r for r in manifest.routes}
    assert by_key["GET", "/debug/mail"].condition == "environment in [local, testing]"
    assert by_key["GET", "/status"].condition == "not (environment in [local, testing])"
    assert by_key["GET", "/about"].page == "Marketing/About"
    assert by_key["GET", "/api/v2/files/{path}"].canonical_uri == "/api/v2/files/{*}"
    assert by_key["POST", "/api/v2/<unresolved>"].status == "partial"
    assert (by_key["GET", "/up"].file, by_key["GET", "/up"].line) == ("bootstrap/app.php", 8)
    assert (by_key["GET", "/login"].file, by_key["GET", "/login"].line) == ("routes/auth.php", 6)
    assert by_key["GET", "/sanctum/csrf-cookie"].notes == ("package:laravel/sanctum",)
    assert by_key["GET", "/register"].notes == ("volt:pages.auth.register",)
    assert _rules(manifest, "unresolved-construct") == [("unresolved-construct", "routes/api.php", 17)]
    assert "routes/admin.php" in manifest.inputs and "config/services.php" in manifest.inputs


def test_env_option_decides_environment_branches() -> None:
    local = {(r.method, r.uri): r for r in _manifest("l11-app", env="local").routes}
    assert local["GET", "/debug/mail"].condition is None
    assert ("GET", "/status") not in local
    production = {(r.method, r.uri): r for r in _manifest("l11-app", env="production").routes}
    assert ("GET", "/debug/mail") not in production
    assert production["GET", "/status"].condition is None


def test_l10_route_service_provider_kernel_and_controller_middleware() -> None:
    manifest = _manifest("l10-provider")
    assert manifest.framework == "laravel@10"
    assert _rows(manifest) == [
        ("GET", "/", None, "Closure", ("web",)),
        ("GET", "/absolute", None, "Vendor\\Thing\\Controller@show", ("web",)),
        ("GET", "/api/user", None, "Closure", ("api", "auth:sanctum")),
        ("GET", "/invoices", None, CTRL + "InvoiceController@show", ("web", "auth")),
        ("POST", "/invoices", None, CTRL + "InvoiceController@store", ("web", "auth", "throttle:3,1")),
        ("GET", "/legacy/ping", None, "Closure", ()),
        (
            "GET",
            "/sanctum/csrf-cookie",
            "sanctum.csrf-cookie",
            "Laravel\\Sanctum\\Http\\Controllers\\CsrfCookieController@show",
            ("web",),
        ),
        ("GET", "/sorted", None, "Closure", ("web", "throttle:6,1", "auth")),
        ("GET", "/v1/api/legacy", None, "Closure", ("api",)),
    ]
    assert _rules(manifest, "duplicate-route") == [("duplicate-route", "routes/web.php", 11)]


def test_l10_kernel_aliases_replace_defaults_and_app_classes_keep_priority() -> None:
    manifest = _manifest("l10-provider", resolve_aliases=True)
    middleware = {(r.method, r.uri): r.middleware for r in manifest.routes}
    authenticate = "App\\Http\\Middleware\\Authenticate"
    assert middleware["GET", "/api/user"] == ("api", f"{authenticate}:sanctum")
    assert middleware["GET", "/sorted"] == (
        "web",
        authenticate,
        "Illuminate\\Routing\\Middleware\\ThrottleRequests:6,1",
    )


def test_package_and_framework_routes_from_the_catalog() -> None:
    manifest = _manifest("packages")
    rows = {(r.method, r.uri): r for r in manifest.routes}
    assert sorted(rows) == [
        ("GET", "/"),
        ("GET", "/auth-api/csrf-cookie"),
        ("GET", "/broadcasting/auth"),
        ("GET", "/files/{path}"),
        ("GET", "/horizon/{view?}"),
        ("GET", "/livewire/livewire.js"),
        ("GET", "/livewire/livewire.min.js.map"),
        ("GET", "/livewire/preview-file/{filename}"),
        ("GET", "/up"),
        ("POST", "/broadcasting/auth"),
        ("POST", "/custom/livewire/update"),
        ("POST", "/livewire/upload-file"),
        ("PUT", "/files/{path}"),
    ]
    # Livewire::setUpdateRoute() in AppServiceProvider replaces the package's livewire/update endpoint.
    update = rows["POST", "/custom/livewire/update"]
    assert update.action == "Livewire\\Mechanisms\\HandleRequests\\HandleRequests@handleUpdate"
    assert (update.file, update.line, update.middleware) == (
        "app/Providers/AppServiceProvider.php",
        14,
        ("web",),
    )
    storage = rows["GET", "/files/{path}"]
    assert (storage.name, storage.file, storage.canonical_uri) == (
        "storage.local",
        "config/filesystems.php",
        "/files/{*}",
    )
    assert rows["PUT", "/files/{path}"].name == "storage.local.upload"
    assert rows["GET", "/horizon/{view?}"].notes == ("package:laravel/horizon",)
    assert rows["GET", "/broadcasting/auth"].middleware == ("web",)
    # laravel/fortify is required but its provider calls Fortify::ignoreRoutes(): no routes, no diagnostic.
    assert not any("fortify" in d.message for d in manifest.diagnostics)


@pytest.mark.parametrize("name", ["l11-app", "l10-provider", "packages", "bad-input"])
def test_extraction_is_deterministic(name: str) -> None:
    assert _manifest(name).sorted() == _manifest(name).sorted()


def test_provider_outside_app_providers_binding_fields_and_router_variable() -> None:
    manifest = _manifest("custom-providers")
    assert _rows(manifest) == [
        ("GET", "/api/status", None, "Acme\\Http\\Api\\StatusController", ("api",)),
        ("GET", "/posts/{post}", "posts.show", "Acme\\Http\\PostController@show", ("web",)),
        ("GET", "/posts/{post}/comments/{comment?}", None, "Acme\\Http\\CommentController@index", ("web",)),
        ("GET", "/x/extra", "extra", "Closure", ("web",)),
    ]
    assert [r.canonical_uri for r in manifest.routes][2] == "/posts/{}/comments/{?}"
    unresolved = [(d.file, d.line) for d in manifest.diagnostics if d.rule == "unresolved-construct"]
    assert unresolved == [("app/Support/RouteLoader.php", 17), ("routes/web.php", 5)]
    assert "self::versionFile($type)" in next(d.message for d in manifest.diagnostics if d.line == 17)
