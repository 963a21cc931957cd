"""The example app's export is a reviewed golden file: any change to it must be deliberate.

Regenerate from the repository root and review the diff:
`manifest-lint export examples/laravel-app --json -o snapshots/examples/laravel-app.export.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from manifest_lint.extract import extract
from manifest_lint.report.export import dumps, manifest_document

REPO = Path(__file__).resolve().parents[3]
GOLDEN = REPO / "snapshots" / "examples" / "laravel-app.export.json"


@pytest.fixture(scope="module")
def actual() -> dict[str, object]:
    """One extraction for the whole module (the example is the largest fixture we have)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        document = manifest_document(extract(Path("examples/laravel-app")))
    loaded = json.loads(dumps(document))
    assert isinstance(loaded, dict)
    return loaded


def test_export_matches_the_golden_file(actual: dict[str, object]) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for section in ("routes", "pages", "commands", "tables", "diagnostics"):
        assert actual[section] == expected[section], f"{section} differ from {GOLDEN.name}; see docstring"
    assert actual == expected


def test_example_app_is_clean_apart_from_its_one_orphan(actual: dict[str, object]) -> None:
    diagnostics = actual["diagnostics"]
    assert isinstance(diagnostics, list)
    assert [(d["rule"], d["file"]) for d in diagnostics] == [
        ("orphaned-page", "resources/js/pages/welcome.tsx")
    ]


def test_example_app_surfaces_every_kind(actual: dict[str, object]) -> None:
    commands = {c["name"]: c for c in actual["commands"]}  # type: ignore[union-attr, index]
    assert sorted(commands) == [
        "demo:l402",
        "khala:import-chat",
        "ops:create-api-token",
        "ops:test-login-link",
        "runtime:tools:invoke-api",
    ]
    assert commands["runtime:tools:invoke-api"]["hidden"] is True
    tables = {t["name"]: t for t in actual["tables"]}  # type: ignore[union-attr, index]
    assert tables["chat_drafts"]["dropped"] is True
    assert tables["users"]["operations"] == ["create", "alter"]
    pages = {r["id"]: r["page"] for r in actual["routes"]}  # type: ignore[union-attr, index]
    assert pages["GET /settings/integrations"] == "settings/integrations"  # the Vue page
    assert pages["GET /settings/autopilot"] == "settings/autopilot"  # through $this->renderForm()
    assert pages["PATCH /settings/autopilot"] is None  # inherited SettingsController::update renders nothing
    assert pages["GET /admin"] == "admin/index"  # Route::inertia
