"""Every catalog rule has a doc page with the five sections; the example's check report is golden."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from manifest_lint.catalog import data_text, rules

REPO = Path(__file__).resolve().parents[2]
SECTIONS = ("## What it finds", "## Why it matters", "## Example", "## How to fix", "## Configuration")


@pytest.mark.parametrize("name", [r.name for r in rules()])
def test_every_rule_has_a_doc_page(name: str) -> None:
    text = data_text(f"docs/{name}.md")
    assert text.startswith(f"# {name} (")
    positions = [text.find(section) for section in SECTIONS]
    assert all(p > 0 for p in positions), name
    assert positions == sorted(positions)
    for start, end in zip(positions, [*positions[1:], len(text)], strict=True):
        body = text[start:end].split("\n", 1)[1].strip()
        assert body, f"{name}: empty section at {text[start : start + 30]!r}"


def test_example_check_report_is_golden() -> None:
    golden = REPO / "snapshots" / "examples" / "check.json"
    exe = str(Path(sys.executable).parent / "manifest-lint")
    done = subprocess.run(
        [exe, "check", "--output-format", "json"],
        cwd=REPO / "examples",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    schema = json.loads(
        (REPO / "src" / "manifest_lint" / "schemas" / "check.v1.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(document, schema)
    assert done.stdout == golden.read_text(encoding="utf-8"), (
        "the example's check report changed; review it, then regenerate with "
        "`cd examples && manifest-lint check --output-format json -o ../snapshots/examples/check.json`"
    )
    rules_seen = {f["rule"] for f in document["findings"]}
    assert {"uncovered-surface", "orphaned-plan-entry", "auth-drift", "unported-surface"} <= rules_seen
