"""The example axum service (examples/rust-service) against its reviewed golden export."""

from __future__ import annotations

import json
import os
from pathlib import Path

from manifest_lint.extract import extract
from manifest_lint.report.export import dumps, manifest_document

REPO = Path(__file__).parent.parent.parent
EXAMPLE = REPO / "examples" / "rust-service"
GOLDEN = REPO / "snapshots" / "examples" / "rust-service.export.json"


def _document() -> dict[str, object]:
    document = manifest_document(extract(EXAMPLE))
    document["root"] = "examples/rust-service"  # the checkout location is not part of the golden
    document["tool"] = {"name": "manifest-lint", "version": "<any>"}
    return document


def test_example_service_matches_golden() -> None:
    text = dumps(_document())
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert json.loads(text) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_example_service_has_the_demo_drifts() -> None:
    routes = {(r.method, r.uri): r for r in extract(EXAMPLE).routes}
    assert "require_session" in routes[("GET", "/feed")].middleware  # public in Laravel: the auth drift
    assert "require_session" not in routes[("GET", "/healthz")].middleware  # target-only
    assert routes[("GET", "/admin")].middleware[-2:] == ("require_session", "require_admin")
    assert "require_session" not in routes[("GET", "/api/shouts")].middleware  # public in Laravel too
    assert routes[("GET", "/*path")].canonical_uri == "/{*}"
    assert routes[("GET", "/api/chats/:conversation_id/messages")].canonical_uri == "/api/chats/{}/messages"
    assert {r.binary for r in routes.values()} == {"chat-service"}
    assert not any("/stub" in uri or uri.startswith("/chats/") for _, uri in routes)
