"""`check`, `baseline`, `snapshot` and `rule` through the installed `manifest-lint`, on fixture projects."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from manifest_lint.catalog import rules

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "check" / "basic"
SCHEMA = REPO / "src" / "manifest_lint" / "schemas" / "check.v1.schema.json"
EXE = str(Path(sys.executable).parent / "manifest-lint")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "basic"
    shutil.copytree(FIXTURE, target)
    return target


def test_check_text_report_and_exit_code(project: Path) -> None:
    done = cli("check", cwd=project)
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert "legacy/routes/api.php" in out
    assert "ML201 [uncovered-surface] route GET /api/unplanned" in out
    assert "ML202 [orphaned-plan-entry] plan entry `DELETE api/items/{itemId}`" in out
    assert "ML206 [auth-drift]" in out
    assert "/api/ping" not in out  # suppressed inline
    assert "IT-1" in out and "Items API" in out  # scoreboard row with the backlog title
    assert "Found 2 errors, 1 warning, 1 info." in out


def test_check_json_matches_schema(project: Path) -> None:
    done = cli("check", "--output-format", "json", cwd=project)
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    codes = sorted(f["code"] for f in document["findings"])
    assert codes == ["ML201", "ML202", "ML203", "ML206"]
    assert document["scoreboard"]["total"] == {
        "key": "total",
        "title": None,
        "owned": 3,
        "ported": 2,
        "retired": 0,
        "remaining": 1,
        "percent_done": 66.7,
    }


def test_fail_on_exit_zero_select_ignore(project: Path) -> None:
    assert cli("check", "--exit-zero", cwd=project).returncode == 0
    assert cli("check", "--ignore", "ML201", "--ignore", "ML206", cwd=project).returncode == 0
    assert cli("check", "--ignore", "ML201,ML206", "--fail-on", "warning", cwd=project).returncode == 1
    assert cli("check", "--select", "ML203", "--fail-on", "warning", cwd=project).returncode == 0
    assert cli("check", "--select", "ML203", "--fail-on", "info", cwd=project).returncode == 1


def test_flags_work_without_a_config(project: Path) -> None:
    (project / ".manifest-lint.toml").unlink()
    done = cli(
        "check",
        "--legacy",
        "legacy",
        "--target",
        "service",
        "--plan",
        "plan.md",
        "--output-format",
        "json",
        cwd=project,
    )
    assert done.returncode == 1, done.stderr
    codes = sorted(f["code"] for f in json.loads(done.stdout)["findings"])
    assert codes == ["ML201", "ML202", "ML203", "ML205", "ML206"]  # no allowlist: /healthz is orphaned


def test_output_file(project: Path) -> None:
    done = cli("check", "--output-format", "json", "-o", "report.json", cwd=project)
    assert done.returncode == 1
    assert done.stdout == ""
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["schema_version"] == 1


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ('legacy = "legacy"\nlegcy = "x"\n', "legcy"),
        ('legacy = "nowhere"\n', "legacy"),
        ('legacy = "legacy"\n[severity]\nML201 = "fatal"\n', "severity.ML201"),
    ],
)
def test_config_errors_exit_2_naming_key_and_file(project: Path, config: str, named: str) -> None:
    (project / ".manifest-lint.toml").write_text(config, encoding="utf-8")
    done = cli("check", cwd=project)
    assert done.returncode == 2
    assert ".manifest-lint.toml" in done.stderr and named in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2(project: Path) -> None:
    assert cli("check", "--output-format", "yaml", cwd=project).returncode == 2
    (project / ".manifest-lint.toml").unlink()
    done = cli("check", cwd=project)
    assert done.returncode == 2
    assert "no legacy app" in done.stderr


def test_baseline_round_trip(project: Path) -> None:
    done = cli("baseline", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "2 finding(s)" in done.stdout  # the errors; warnings and infos stay visible
    accepted = cli("check", "--output-format", "json", cwd=project)
    assert accepted.returncode == 0
    assert sorted(f["code"] for f in json.loads(accepted.stdout)["findings"]) == ["ML202", "ML203"]
    routes = project / "legacy" / "routes" / "api.php"
    routes.write_text(
        routes.read_text(encoding="utf-8").replace("'/unplanned'", "'/unplanned2'"), encoding="utf-8"
    )
    out = cli("check", "--output-format", "json", cwd=project).stdout
    found = sorted((f["code"], f["surface"]) for f in json.loads(out)["findings"])
    assert ("ML201", "GET /api/unplanned2") in found
    assert any(code == "ML902" for code, _ in found)


def test_snapshot_then_drift(project: Path) -> None:
    done = cli("snapshot", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "manifest-lint.snapshot.json").is_file()
    clean = json.loads(cli("check", "--output-format", "json", cwd=project).stdout)
    assert not [f for f in clean["findings"] if f["code"] == "ML208"]
    main = project / "service" / "src" / "main.rs"
    main.write_text(main.read_text(encoding="utf-8").replace('"/healthz"', '"/health"'), encoding="utf-8")
    drift = json.loads(cli("check", "--output-format", "json", cwd=project).stdout)
    messages = sorted(f["message"] for f in drift["findings"] if f["code"] == "ML208")
    assert len(messages) == 2
    assert messages[0].startswith("added since the snapshot: service: GET /health")
    assert messages[1].startswith("removed since the snapshot: service: GET /healthz")


def test_rule_command(project: Path) -> None:
    done = cli("rule", "ML201", cwd=project)
    assert done.returncode == 0
    assert done.stdout.startswith("# uncovered-surface (ML201)")
    assert "## How to fix" in done.stdout
    assert cli("rule", "auth-drift", cwd=project).stdout.startswith("# auth-drift (ML206)")
    every = cli("rule", "--all", cwd=project).stdout
    assert every.count("\n# ") + 1 == len(rules())
    assert cli("rule", "ML999", cwd=project).returncode == 2


def test_toml_plan_pinned_config_and_bad_inputs(project: Path) -> None:
    (project / "plan.toml").write_text(
        '[[route]]\nmethods = ["GET"]\npath = "api/items"\nowners = ["IT-1"]\n', encoding="utf-8"
    )
    (project / "ci.toml").write_text(
        'legacy = "legacy"\ntarget = ["service"]\nplan = ["plan.toml"]\nallow = ["GET /healthz"]\n',
        encoding="utf-8",
    )
    done = cli("check", "--config", "ci.toml", "--output-format", "json", cwd=project)
    assert done.returncode == 1, done.stderr
    uncovered = sorted(f["surface"] for f in json.loads(done.stdout)["findings"] if f["code"] == "ML201")
    assert uncovered == ["GET /api/items/{}", "GET /api/unplanned", "POST /api/items"]
    assert cli("check", "--config", "missing.toml", cwd=project).returncode == 2
    missing_plan = cli("check", "--plan", "nope.md", cwd=project)
    assert missing_plan.returncode == 2 and "nope.md" in missing_plan.stderr
    (project / ".manifest-lint.toml").write_bytes(b'legacy = "legacy"\n# caf\xe9\n')
    bad = cli("check", cwd=project)
    assert bad.returncode == 2
    assert ".manifest-lint.toml:2" in bad.stderr and "UTF-8" in bad.stderr
