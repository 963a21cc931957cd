"""The fast `check`/`export` paths in `entry.py`: same request as the typer command, or no answer at all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from manifest_lint import check_command, export_command
from manifest_lint.cli import app
from manifest_lint.entry import parse_check, parse_export

if TYPE_CHECKING:
    from manifest_lint.check_command import CheckRequest
    from manifest_lint.export_command import ExportRequest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "check" / "basic"

AGREEING = [
    ["check"],
    ["check", "some/dir"],
    ["check", "--exit-zero", "--no-cache", "--no-baseline"],
    ["check", "--output-format", "json", "-o", "out.json", "--fail-on", "warning"],
    ["check", "--output-format=sarif", "--output=r.sarif", "--cache-dir=.c"],
    ["check", "--select", "ML2", "--select=ML3", "--ignore", "ML206", "proj"],
    ["check", "proj", "--legacy", "old", "--target", "a", "--target=b", "--plan", "p.md", "--plan", "q.toml"],
    ["check", "--config", "cfg.toml", "--new-since", "origin/main", "--cache-dir", "x"],
    ["check", "--output-format", "bogus", "--fail-on", "never"],
    ["check", "--jobs", "1"],
    ["check", "--jobs=4", "proj"],
]

DECLINED = [
    [],
    ["export", "."],
    ["rule", "ML201"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--unknown"],
    ["check", "--plan"],
    ["check", "--plan", "--exit-zero"],
    ["check", "a", "b"],
    ["check", "--exit-zero=1"],
    ["check", "-o=x"],
    ["check", "--version"],
    ["check", "--jobs", "0"],
    ["check", "--jobs=two"],
]


def typer_request(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> CheckRequest | ExportRequest:
    """The request the typer command builds for `argv` (its command body is replaced by a probe)."""
    seen: list[CheckRequest | ExportRequest] = []

    def capture(request: CheckRequest | ExportRequest) -> int:
        seen.append(request)
        return 0

    monkeypatch.setattr(check_command, "run_check_command", capture)
    monkeypatch.setattr(export_command, "run_export_command", capture)
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize("argv", AGREEING, ids=" ".join)
def test_fast_parse_gives_the_typer_request(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MANIFEST_LINT_CACHE_DIR", raising=False)
    fast = parse_check(argv)
    assert fast is not None
    assert fast == typer_request(argv, monkeypatch)


def test_cache_dir_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANIFEST_LINT_CACHE_DIR", "/tmp/env-cache")
    fast = parse_check(["check"])
    assert fast is not None and fast.cache_dir == Path("/tmp/env-cache")
    assert fast == typer_request(["check"], monkeypatch)
    explicit = parse_check(["check", "--cache-dir", "mine"])
    assert explicit is not None and explicit.cache_dir == Path("mine")


@pytest.mark.parametrize("argv", DECLINED, ids=lambda a: " ".join(a) or "(none)")
def test_anything_unusual_goes_to_typer(argv: list[str]) -> None:
    assert parse_check(argv) is None


def run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("argv", "code", "marker"),
    [
        (["check", "--output-format", "json", "--no-cache"], 1, '"ML201"'),
        (["export", "legacy", "--json", "--no-cache"], 0, '"routes"'),
    ],
    ids=["check", "export"],
)
def test_fast_path_output_equals_typer_output_and_skips_typer(
    tmp_path: Path, argv: list[str], code: int, marker: str
) -> None:
    project = tmp_path / "basic"
    shutil.copytree(FIXTURE, project)
    fast = run(
        "import sys\n"
        f"sys.argv = ['manifest-lint', *{argv!r}]\n"
        "from manifest_lint.entry import main\n"
        "try:\n    main()\nfinally:\n"
        "    heavy = sorted(m for m in ('typer', 'rich', 'pydantic', 'click') if m in sys.modules)\n"
        "    sys.stderr.write(f'HEAVY={heavy}')\n",
        project,
    )
    slow = run(
        f"import sys\nsys.argv = ['manifest-lint', *{argv!r}]\nfrom manifest_lint.cli import main\nmain()\n",
        project,
    )
    assert fast.returncode == slow.returncode == code, (fast.stderr, slow.stderr)
    assert fast.stdout == slow.stdout
    assert marker in fast.stdout
    assert "HEAVY=[]" in fast.stderr


def test_fast_path_usage_errors_are_one_line(tmp_path: Path) -> None:
    done = run(
        "import sys\nsys.argv = ['manifest-lint', 'check', 'missing-dir']\n"
        "from manifest_lint.entry import main\nmain()\n",
        tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr == "manifest-lint: error: missing-dir: no such directory\n"


EXPORT_AGREEING = [
    ["export"],
    ["export", "legacy", "--json"],
    ["export", "--json", "-o", "out.json", "legacy"],
    ["export", "svc", "--env=production", "--resolve-aliases", "--no-cache"],
    ["export", "--cache-dir", "c", "--output=m.txt"],
]
EXPORT_DECLINED = [
    ["export", "--help"],
    ["export", "a", "b"],
    ["export", "--json=yes"],
    ["export", "--max-nesting", "5"],
    ["export", "--parse-timeout=1"],
    ["export", "--env"],
    ["check", "--json"],
]


@pytest.mark.parametrize("argv", EXPORT_AGREEING, ids=" ".join)
def test_fast_export_parse_gives_the_typer_request(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MANIFEST_LINT_CACHE_DIR", raising=False)
    fast = parse_export(argv)
    assert fast is not None
    assert fast == typer_request(argv, monkeypatch)


@pytest.mark.parametrize("argv", EXPORT_DECLINED, ids=" ".join)
def test_unusual_exports_go_to_typer(argv: list[str]) -> None:
    assert parse_export(argv) is None
