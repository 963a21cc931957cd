"""Locating and running the SARIF SDK's validator (`@microsoft/sarif-multitool`, from npm)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
_DEFAULT = REPO / ".tools/npm/node_modules/.bin/sarif-multitool"
_SCHEMA = REPO / ".tools/npm/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"


def _missing(what: str) -> None:
    """A missing tool fails in CI (the Makefile installs it) and skips on a bare dev machine."""
    message = f"{what} not installed; run `make npm-tools`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def multitool() -> Path:
    path = Path(os.environ.get("SARIF_MULTITOOL") or _DEFAULT)
    if not path.exists():
        _missing("sarif-multitool")
    return path


def sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 schema as shipped inside the multitool package (not vendored here)."""
    if not _SCHEMA.exists():
        _missing("the SARIF schema (part of sarif-multitool)")
    loaded = json.loads(_SCHEMA.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def validation_results(sarif_files: list[Path]) -> dict[str, list[dict[str, object]]]:
    """What the validator reports per file name, with the SARIF spec rules and GitHub's rules on.

    One validator run for all files (it takes seconds to start). It exits 0 even when it finds
    errors, so its own SARIF log is read. Its npm wrapper joins arguments into a shell command
    line, so paths must be shell-safe (pytest's tmp_path is).
    """
    out = sarif_files[0].parent / "validation.log.sarif"
    command = [
        str(multitool()),
        "validate",
        *map(str, sarif_files),
        "-o",
        str(out),
        "--log",
        "ForceOverwrite",
    ]
    command += ["--rule-kind", "Sarif", "Gh", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    found: dict[str, list[dict[str, object]]] = {path.name: [] for path in sarif_files}
    for result in log["runs"][0].get("results", []):
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        found[uri.rsplit("/", 1)[-1]].append(result)
    return found


def validation_errors(found: dict[str, list[dict[str, object]]]) -> dict[str, list[str]]:
    """The error-level results of `validation_results` (an absent level means warning)."""
    return {
        name: [f"{r['ruleId']}: {r.get('message')}" for r in results if r.get("level", "warning") == "error"]
        for name, results in found.items()
    }
