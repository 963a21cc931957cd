from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from project import REFUND_PLAN, REFUND_ROUTE, append, cli, git, make_repo

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def test_every_output_format_through_the_cli(repo: Path) -> None:
    append(repo / "legacy/routes/api.php", REFUND_ROUTE)
    outputs = {}
    for fmt in ("text", "json", "sarif", "github", "markdown", "rdjson", "junit"):
        done = cli(repo, "check", "--output-format", fmt)
        assert done.returncode == 1, (fmt, done.stderr)
        outputs[fmt] = done.stdout
    assert "uncovered-surface" in outputs["text"]
    sarif = json.loads(outputs["sarif"])["runs"][0]["results"]
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in sarif
    ] == [("ML201", "legacy/routes/api.php")]
    region = sarif[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (8, 1, len(REFUND_ROUTE))
    assert outputs["github"].startswith("::error file=legacy/routes/api.php,line=8,")
    assert "| 🔴 |" in outputs["markdown"]
    assert json.loads(outputs["rdjson"])["diagnostics"][0]["severity"] == "ERROR"
    assert ET.fromstring(outputs["junit"]).find("./testsuite").get("failures") == "1"  # type: ignore[union-attr]


def test_unknown_format_is_a_usage_error(repo: Path) -> None:
    done = cli(repo, "check", "--output-format", "yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "sarif" in done.stderr


def test_github_format_writes_the_step_summary(repo: Path, tmp_path: Path) -> None:
    append(repo / "legacy/routes/api.php", REFUND_ROUTE)
    summary = tmp_path / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    done = cli(repo, "check", "--output-format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### ❌ manifest-lint: 1 error")
    assert "POST /api/orders/{order}/refund has no owning issue" in text


def test_new_since_reports_only_what_the_change_introduced(repo: Path) -> None:
    # The base already has one uncovered route: the backlog.
    append(
        repo / "legacy/routes/api.php", "Route::get('/legacy-report', [OrderController::class, 'index']);\n"
    )
    git(repo, "commit", "-qam", "backlog")
    assert cli(repo, "check").returncode == 1
    clean = cli(repo, "check", "--new-since", "HEAD", "--output-format", "json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["findings"] == []
    # Moving the old route to another line changes nothing; the new route is reported alone.
    api = repo / "legacy/routes/api.php"
    lines = api.read_text(encoding="utf-8").splitlines(keepends=True)
    api.write_text("".join([*lines[:5], lines[-1], *lines[5:-1], REFUND_ROUTE]), encoding="utf-8")
    done = cli(repo, "check", "--new-since", "HEAD", "--output-format", "json")
    assert done.returncode == 1
    findings = json.loads(done.stdout)["findings"]
    assert [f["surface"] for f in findings] == ["POST /api/orders/{}/refund"]


def test_new_since_a_ref_without_the_plan_counts_everything_as_new(repo: Path) -> None:
    (repo / "plan.md").rename(repo / "orders-plan.md")
    config = repo / ".manifest-lint.toml"
    config.write_text(config.read_text().replace('"plan.md"', '"orders-plan.md"'))
    append(repo / "legacy/routes/api.php", REFUND_ROUTE)
    done = cli(repo, "check", "--new-since", "HEAD")
    assert done.returncode == 1
    assert "HEAD could not be checked" in done.stderr and "orders-plan.md" in done.stderr


def test_new_since_a_bad_ref_is_a_usage_error(repo: Path) -> None:
    done = cli(repo, "check", "--new-since", "no-such-branch")
    assert done.returncode == 2 and "'no-such-branch' is not a commit" in done.stderr


def test_cache_is_used_by_default_and_bypassed_with_no_cache(repo: Path, tmp_path: Path) -> None:
    assert cli(repo, "check", "--no-cache").returncode == 0
    assert not (repo / ".manifest-lint-cache").exists()
    assert cli(repo, "check").returncode == 0
    entries = sorted(p.name.startswith("report-") for p in (repo / ".manifest-lint-cache").glob("*.json"))
    assert entries == [False, False, True]  # one manifest per root, one remembered report
    assert git(repo, "status", "--porcelain").stdout == ""  # the cache ignores itself
    elsewhere = tmp_path / "elsewhere"
    assert (
        cli(repo, "export", "legacy", "--json", env={"MANIFEST_LINT_CACHE_DIR": str(elsewhere)}).returncode
        == 0
    )
    assert len(list(elsewhere.glob("*.json"))) == 1


def test_report_writes_a_self_contained_page(repo: Path) -> None:
    append(repo / "legacy/routes/api.php", REFUND_ROUTE)
    done = cli(repo, "report", "-o", "parity.html")
    assert done.returncode == 0, done.stderr
    page = (repo / "parity.html").read_text(encoding="utf-8")
    assert "POST /api/orders/{}/refund" in page and 'id="domains"' in page
    assert "http://" not in page and "<link" not in page


def test_plan_fix_makes_the_check_pass(repo: Path) -> None:
    append(repo / "legacy/routes/api.php", REFUND_ROUTE)
    assert cli(repo, "check").returncode == 1
    append(repo / "plan.md", REFUND_PLAN)
    done = cli(repo, "check")
    assert done.returncode == 0, done.stdout
