"""Plan maps: the reference plan's grammar, the TOML form, and hygiene diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import plan_from

from manifest_lint.plan import load_plans
from manifest_lint.plan.toml_map import read_toml_plan

SHARED_PLAN = Path(__file__).resolve().parents[3] / "shared" / "seed" / "parity-master-plan.md"

PLAN = """# Plan
### Phase 9 issues

55. **OA-55 - Port operator commands from Artisan to Rust CLI**
Description: Provide Rust CLI replacements for `demo:l402` and `ops:create-api-token`.

## 7) Endpoint Coverage Map

### Auth and identity

- `POST api/auth/register` -> OA-14
- `GET /feed` -> OA-47 and OA-53
- `GET /openapi.json` -> OA-7, OA-53
- `GET /internal/test-login` (local/testing) -> OA-15
- `GET /legacy/thing` -> retired (replaced by /v2/thing)
- `DELETE api/tokens/{tokenId}` -> deprecated: clients use POST
- Autopilot: profile/policy tables -> OA-10, OA-25..27
- Identity: `users`, `personal_access_tokens` and related -> OA-8
- `GET|HEAD /x` -> OA-1

```
- `GET /in-a-fence` -> OA-1
```
"""


def test_reference_grammar() -> None:
    plan = plan_from(PLAN)
    assert plan.diagnostics == ()
    by_key = {e.key: e for e in plan.entries}
    register = by_key["POST /api/auth/register"]
    assert (register.owners, register.domain, register.line) == (("OA-14",), "Auth and identity", 11)
    assert by_key["GET /feed"].owners == ("OA-47", "OA-53")
    assert by_key["GET /openapi.json"].owners == ("OA-7", "OA-53")
    assert by_key["GET /internal/test-login"].note == "local/testing"
    thing = by_key["GET /legacy/thing"]
    assert (thing.status, thing.reason, thing.owners) == ("retired", "replaced by /v2/thing", ())
    assert by_key["DELETE /api/tokens/{}"].status == "deprecated"
    assert by_key["table users"].owners == ("OA-8",)
    assert "table personal_access_tokens" in by_key
    group = next(e for e in plan.entries if e.kind == "group")
    assert group.owners == ("OA-10", "OA-25", "OA-26", "OA-27")
    assert "GET /x" in by_key and "HEAD /x" not in by_key
    assert "GET /in-a-fence" not in by_key
    commands = [e for e in plan.entries if e.kind == "command"]
    assert [(c.name, c.owners, c.inferred) for c in commands] == [
        ("demo:l402", ("OA-55",), True),
        ("ops:create-api-token", ("OA-55",), True),
    ]
    assert plan.title("OA-55") == "Port operator commands from Artisan to Rust CLI"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("- GET /api/me -> OA-1", "backticks"),
        ("- `/api/me` -> OA-1", "no HTTP method"),
        ("- `get /api/me` -> OA-1", "upper case"),
        ("- `GET /api/me` -> ", "no owning issue"),
        ("- `GET /api/me` -> somebody", "not an issue id"),
        ("- `GET /api/me` -> OA-1 (soon)", "notes before the arrow"),
        ("- `GET /a` -> OA-9..2", "range"),
    ],
)
def test_malformed_entries_are_diagnostics(line: str, problem: str) -> None:
    plan = plan_from(f"# Plan\n\n{line}\n")
    [diagnostic] = plan.diagnostics
    assert (diagnostic.rule, diagnostic.line) == ("malformed-plan-entry", 3)
    assert problem in diagnostic.message
    assert plan.entries == ()


def test_duplicates_and_conflicts() -> None:
    plan = plan_from("- `GET api/me` -> OA-1\n- `GET /api/me` -> OA-1\n- `GET api/me` -> OA-2\n")
    assert [(d.rule, d.line) for d in plan.diagnostics] == [
        ("duplicate-plan-entry", 2),
        ("conflicting-plan-owner", 3),
    ]
    assert "plan.md:1" in plan.diagnostics[1].message


def test_inferred_command_repeated_explicitly_is_not_a_duplicate() -> None:
    plan = plan_from("1. **OA-5 - Port commands**\nDescription: `ops:x`\n\n- `command ops:x` -> OA-5\n")
    assert plan.diagnostics == ()


def test_non_utf8_plan_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(b"- `GET /a` -> OA-1\n- `GET /b\xff` -> OA-2\n")
    plan = load_plans((path,), {path: "docs/plan.md"})
    [diagnostic] = plan.diagnostics
    assert (diagnostic.rule, diagnostic.file, diagnostic.line) == ("encoding-error", "docs/plan.md", 2)
    assert len(plan.entries) == 2


def test_toml_form_matches_markdown_form() -> None:
    text = b"""
[issues]
"OA-14" = "Auth"

[[route]]
methods = ["GET", "POST"]
path = "api/auth/email"
owners = ["OA-14"]
note = "local/testing"

[[route]]
method = "GET"
path = "/old"
status = "retired"
reason = "gone"

[[command]]
name = "ops:create-api-token"
owner = "OA-55"

[[route]]
method = "GET"
owners = ["OA-1"]
"""
    plan = read_toml_plan(text, "plan.toml")
    assert [(e.key, e.line) for e in plan.entries] == [
        ("GET /api/auth/email", 5),
        ("POST /api/auth/email", 5),
        ("GET /old", 11),
        ("command ops:create-api-token", 17),
    ]
    assert plan.title("OA-14") == "Auth"
    [bad] = plan.diagnostics
    assert (bad.rule, bad.line) == ("malformed-plan-entry", 21)


@pytest.mark.skipif(
    not SHARED_PLAN.is_file(), reason="the customer's plan is not checked out next to the repo"
)
def test_customer_plan_parses_cleanly() -> None:
    plan = load_plans((SHARED_PLAN,), {SHARED_PLAN: "parity-master-plan.md"})
    assert plan.diagnostics == ()
    routes = [e for e in plan.entries if e.kind == "route"]
    assert len(routes) == 104
    assert len([e for e in routes if e.path and e.path.startswith("/api/")]) == 77
    assert len(plan.titles) == 61


def test_prose_with_an_arrow_is_not_an_entry_but_entry_shapes_are() -> None:
    plan = plan_from(
        "- Browser `popstate` is mapped (`location.pathname` -> `Navigate`) for back/forward parity.\n"
        "- Data flows from Laravel -> Rust over time\n"
        "- Legacy tables (`threads`, `agent_conversation_*`) retired from the chat path -> OA-21, OA-24\n"
        "- GET /api/me -> OA-1\n"
    )
    assert [(d.rule, d.line) for d in plan.diagnostics] == [("malformed-plan-entry", 4)]
    assert [(e.kind, e.name, e.owners) for e in plan.entries] == [
        ("table", "threads", ("OA-21", "OA-24")),
        ("table", "agent_conversation_*", ("OA-21", "OA-24")),
    ]
