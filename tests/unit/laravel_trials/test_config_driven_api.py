"""A provider that takes its API group from config (as a real accounting app does): the domain
comes from an unset env variable (null: no domain, not an empty one) and the middleware list
from `explode(',', env(..., 'a,b'))`."""

from __future__ import annotations

from .helpers import manifest


def test_null_domain_and_exploded_middleware_from_config() -> None:
    found = manifest("config-driven-api")
    rows = [(r.method, r.uri, r.name, r.middleware, r.domain, r.status) for r in found.routes]
    assert rows == [
        ("GET", "/gateway/ping", "gateway.ping", ("api", "throttle:gateway"), None, "resolved"),
    ]
    assert found.diagnostics == ()
