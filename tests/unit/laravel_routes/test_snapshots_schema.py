"""Golden exports of three fixture apps, and every fixture export validated against export.v1.schema.json.

Regenerate a golden only deliberately, reviewing the diff:
    cd tests/fixtures/laravel && manifest-lint export l11-app --json > ../../../snapshots/laravel-fixtures/l11-app.json
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "laravel"
GOLDEN = REPO / "snapshots" / "laravel-fixtures"


def _export(name: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "manifest_lint", "export", name, "--json", "--no-cache"],
        cwd=FIXTURES,
        capture_output=True,
        text=True,
        check=True,
    )
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize("name", ["l11-app", "l10-provider", "bad-input"])
def test_export_matches_golden(name: str) -> None:
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    actual = _export(name)
    expected.pop("tool")
    actual.pop("tool")
    assert actual == expected


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_fixture_exports_validate_against_the_schema(name: str) -> None:
    schema = json.loads(
        resources.files("manifest_lint").joinpath("schemas", "export.v1.schema.json").read_text()
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(_export(name))


def test_schema_rejects_a_route_without_leading_slash() -> None:
    schema = json.loads(
        resources.files("manifest_lint").joinpath("schemas", "export.v1.schema.json").read_text()
    )
    document = _export("l10-provider")
    routes = document["routes"]
    assert isinstance(routes, list)
    routes[0]["uri"] = "no-slash"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)
