"""gatherRouteMiddleware: dedupe, alias resolution, exclusions and SortedMiddleware (spec §4)."""

from __future__ import annotations

from manifest_lint.extract.laravel.middleware import MiddlewareResolver

AUTH = "Illuminate\\Auth\\Middleware\\Authenticate"
THROTTLE = "Illuminate\\Routing\\Middleware\\ThrottleRequests"
AUTHORIZE = "Illuminate\\Auth\\Middleware\\Authorize"
VERIFIED = "Illuminate\\Auth\\Middleware\\EnsureEmailIsVerified"


def test_spec_example_with_aliases_resolved() -> None:
    resolver = MiddlewareResolver.default(resolve_aliases=True)
    got = resolver.gather(["throttle:6,1", "web", "auth", "can:edit,post", "verified", "auth"], [], [])
    assert got == [AUTH, f"{THROTTLE}:6,1", "web", f"{AUTHORIZE}:edit,post", VERIFIED]


def test_aliases_kept_as_written_by_default() -> None:
    resolver = MiddlewareResolver.default(resolve_aliases=False)
    assert resolver.gather(["throttle:6,1", "web", "auth", "auth"], ["log"], []) == [
        "throttle:6,1",
        "web",
        "auth",
        "log",
    ]


def test_exclusions_exact_and_by_parent_class() -> None:
    resolver = MiddlewareResolver.default(resolve_aliases=True)
    assert resolver.gather(["web", "auth"], [], ["web"]) == [AUTH]
    redis = "Illuminate\\Routing\\Middleware\\ThrottleRequestsWithRedis"
    assert resolver.gather([redis, "web"], [], [THROTTLE]) == ["web"]
    assert resolver.gather(["web"], [], ["Illuminate\\Foundation\\Http\\Middleware\\VerifyCsrfToken"]) == [
        "web"
    ]


def test_app_class_inherits_priority_through_lookup() -> None:
    resolver = MiddlewareResolver.default(resolve_aliases=False)
    resolver.lookup = lambda cls: (AUTH,) if cls == "App\\Http\\Middleware\\Authenticate" else ()
    got = resolver.sort([f"{THROTTLE}:6,1", "web", "App\\Http\\Middleware\\Authenticate"])
    assert got == ["App\\Http\\Middleware\\Authenticate", f"{THROTTLE}:6,1", "web"]
