"""The remembered report: used only while everything it depends on is unchanged.

Every edit below must give exactly the report a fresh `--no-cache` run gives, and the unchanged
tree must be answered without running the pipeline at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import manifest_lint.check as check_module
from manifest_lint.check_command import CheckRequest, run_check_command

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "integrations" / "mini"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "repo")
    return tmp_path / "repo"


def check(project: Path, capsys: pytest.CaptureFixture[str], **options: object) -> tuple[int, str]:
    status = run_check_command(CheckRequest(path=project, **options))  # type: ignore[arg-type]
    return status, capsys.readouterr().out


def fresh(project: Path, capsys: pytest.CaptureFixture[str], **options: object) -> tuple[int, str]:
    return check(project, capsys, no_cache=True, **options)


class PipelineRuns:
    """Counts runs of the check pipeline, to tell a remembered answer from a computed one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = check_module.run_check

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(check_module, "run_check", counting)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> PipelineRuns:
    return PipelineRuns(monkeypatch)


def test_an_unchanged_repository_is_answered_from_the_remembered_report(
    project: Path, capsys: pytest.CaptureFixture[str], runs: PipelineRuns
) -> None:
    first = check(project, capsys, output_format="json")
    second = check(project, capsys, output_format="json")
    assert runs.count == 1
    assert first == second == fresh(project, capsys, output_format="json")
    assert len(list((project / ".manifest-lint-cache").glob("report-*.json"))) == 1


def _add_route(project: Path) -> None:
    routes = project / "legacy" / "routes" / "api.php"
    routes.write_text(routes.read_text() + "Route::get('/refunds', fn () => 1);\n")


def _drop_plan_entry(project: Path) -> None:
    plan = project / "plan.md"
    plan.write_text(plan.read_text().replace("- `GET api/orders/{order}` -> OR-1\n", ""))


def _configure(project: Path) -> None:
    config = project / ".manifest-lint.toml"
    config.write_text(config.read_text().replace('allow = ["GET /healthz"]', "allow = []"))


def _suppress(project: Path) -> None:
    routes = project / "legacy" / "routes" / "api.php"
    routes.write_text(routes.read_text() + "// manifest-lint: ignore[ML001]\n")


def _new_route_file(project: Path) -> None:
    (project / "legacy" / "routes" / "extra.php").write_text("<?php\n")


EDITS = {
    "route file": _add_route,
    "plan": _drop_plan_entry,
    "config": _configure,
    "suppression comment": _suppress,
    "new file in a read directory": _new_route_file,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_any_change_it_depends_on_recomputes_the_report(
    project: Path, capsys: pytest.CaptureFixture[str], runs: PipelineRuns, edit: object
) -> None:
    before = check(project, capsys)
    edit(project)  # type: ignore[operator]
    runs.count = 0
    after = check(project, capsys)
    assert runs.count == 1
    assert after == fresh(project, capsys)
    assert after != before or edit is _new_route_file


def test_writing_a_baseline_recomputes_the_report(
    project: Path, capsys: pytest.CaptureFixture[str], runs: PipelineRuns
) -> None:
    from manifest_lint.baseline import write_baseline
    from manifest_lint.check import run_check
    from manifest_lint.check_command import load_check_config

    _add_route(project)
    before = check(project, capsys)
    assert before[0] == 1
    config = load_check_config(project, None, None, (), ())
    write_baseline(list(run_check(config, use_baseline=False).findings), config.baseline_path)
    runs.count = 0
    after = check(project, capsys)
    assert runs.count == 1
    assert after == fresh(project, capsys)
    assert after[0] == 0


def test_each_format_and_baseline_choice_is_remembered_separately(
    project: Path, capsys: pytest.CaptureFixture[str], runs: PipelineRuns
) -> None:
    _add_route(project)
    for options in ({}, {"output_format": "json"}, {"output_format": "sarif"}, {"no_baseline": True}):
        assert check(project, capsys, **options) == fresh(project, capsys, **options)
    assert runs.count == 4 + 4
    assert (
        check(project, capsys, output_format="sarif")[1] == fresh(project, capsys, output_format="sarif")[1]
    )
    assert runs.count == 8 + 1


def test_exit_zero_still_applies_to_a_remembered_report(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _drop_plan_entry(project)
    assert check(project, capsys)[0] == 1
    assert check(project, capsys)[0] == 1
    assert check(project, capsys, exit_zero=True)[0] == 0


@pytest.mark.parametrize("damage", ["{not json", '{"format": 1, "key": "x"}', '{"format": 1}', "[]"])
def test_a_damaged_entry_is_ignored_and_rewritten(
    project: Path, capsys: pytest.CaptureFixture[str], runs: PipelineRuns, damage: str
) -> None:
    expected = check(project, capsys)
    (entry,) = (project / ".manifest-lint-cache").glob("report-*.json")
    entry.write_text(damage)
    assert check(project, capsys) == expected
    assert check(project, capsys) == expected
    assert runs.count == 2


def test_the_github_format_is_never_remembered(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    check(project, capsys, output_format="github")
    assert not list((project / ".manifest-lint-cache").glob("report-*.json"))
