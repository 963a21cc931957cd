"""action.yml's script part and the docs/ci.md snippets, run locally the way GitHub Actions would.

The composite action's steps are read from action.yml itself: its `${{ … }}` expressions are
resolved from the workflow snippet's `with:` (or the input defaults) and a pull_request event,
and `action/run.sh` runs with the environment variables a runner sets.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from ci_docs import snippets
from project import REFUND_ROUTE, REPO, append, git, make_repo

BACKLOG_ROUTE = "Route::get('/legacy-report', [OrderController::class, 'index']);\n"
_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


@dataclass(frozen=True)
class PullRequest:
    origin: Path
    base_sha: str
    workspace: Path


@pytest.fixture
def pull_request(tmp_path: Path) -> PullRequest:
    """origin has main (with one backlog finding) and a PR branch adding an uncovered route;
    the workspace is a depth-1 checkout of the PR branch, as actions/checkout makes it."""
    project = make_repo(tmp_path)
    append(project / "legacy/routes/api.php", BACKLOG_ROUTE)
    git(project, "commit", "-qam", "backlog on main")
    base_sha = git(project, "rev-parse", "HEAD").stdout.strip()
    git(project, "checkout", "-q", "-b", "feature")
    append(project / "legacy/routes/api.php", REFUND_ROUTE)
    git(project, "commit", "-qam", "PR: refund route")
    origin = tmp_path / "origin.git"
    assert git(tmp_path, "clone", "-q", "--bare", str(project), str(origin)).returncode == 0
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # as GitHub allows
    workspace = tmp_path / "workspace"
    cloned = git(tmp_path, "clone", "-q", "--depth=1", "--branch", "feature", origin.as_uri(), str(workspace))
    assert cloned.returncode == 0, cloned.stderr
    assert git(workspace, "cat-file", "-e", f"{base_sha}^{{commit}}").returncode != 0  # not fetched yet
    return PullRequest(origin, base_sha, workspace)


def _action_step_env(with_inputs: dict[str, str], base_sha: str) -> dict[str, str]:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "check"]
    assert step["run"] == '"$GITHUB_ACTION_PATH/action/run.sh"'
    unknown = set(with_inputs) - set(action["inputs"])
    assert not unknown, f"workflow uses inputs the action does not declare: {unknown}"
    context = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    context.update({f"inputs.{name}": str(value) for name, value in with_inputs.items()})
    context["github.event.pull_request.base.sha"] = base_sha

    def resolve(value: str) -> str:
        return _EXPRESSION.sub(lambda m: context[m.group(1)], value)

    return {name: resolve(str(value)) for name, value in step["env"].items()}


def _runner_env(tmp_path: Path, workspace: Path, event: str, base_ref: str) -> dict[str, str]:
    summary, output = tmp_path / "step-summary.md", tmp_path / "github-output.txt"
    summary.write_text("", encoding="utf-8")
    output.write_text("", encoding="utf-8")
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "MANIFEST_LINT_", "ML_"))}
    return {
        **keep,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": event,
        "GITHUB_BASE_REF": base_ref,
        "GITHUB_HEAD_REF": "feature" if base_ref else "",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(REPO),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def _run_action(env: dict[str, str], workspace: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(REPO / "action" / "run.sh")],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _workflow_with() -> dict[str, str]:
    workflow = yaml.safe_load(snippets()["workflow"])
    steps = workflow["jobs"]["manifest-lint"]["steps"]
    (ours,) = [s for s in steps if str(s.get("uses", "")).startswith("manifest-lint/manifest-lint@")]
    upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    assert upload and upload[0]["with"]["sarif_file"] == ours["with"]["sarif-file"]
    assert workflow["permissions"]["security-events"] == "write"
    return {k: str(v) for k, v in ours["with"].items()}


def test_the_documented_workflow_annotates_only_what_the_pr_introduces(
    pull_request: PullRequest, tmp_path: Path
) -> None:
    with_inputs = _workflow_with()
    env = _runner_env(tmp_path, pull_request.workspace, "pull_request", "main")
    env.update(_action_step_env(with_inputs, pull_request.base_sha))
    done = _run_action(env, pull_request.workspace)
    assert done.returncode == 1, done.stdout + done.stderr
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and annotations[0].startswith("::error file=legacy/routes/api.php,line=9,")
    assert "refund" in annotations[0] and "legacy-report" not in done.stdout
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("### ❌ manifest-lint: 1 error") and "refund" in summary
    outputs = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines()
    assert outputs == ["exit-code=1", f"new-since={pull_request.base_sha}"]
    # SARIF carries the whole report (code scanning diffs PRs itself): backlog and new finding.
    sarif = json.loads((pull_request.workspace / with_inputs["sarif-file"]).read_text(encoding="utf-8"))
    messages = sorted(r["message"]["text"] for r in sarif["runs"][0]["results"])
    assert len(messages) == 2 and "legacy-report" in messages[0] and "refund" in messages[1]


def test_the_action_falls_back_to_the_base_branch_name(pull_request: PullRequest, tmp_path: Path) -> None:
    env = _runner_env(tmp_path, pull_request.workspace, "pull_request", "main")
    env.update(_action_step_env({}, ""))
    done = _run_action(env, pull_request.workspace)
    assert done.returncode == 1, done.stderr
    assert sum(line.startswith("::error") for line in done.stdout.splitlines()) == 1
    assert "new-since=origin/main" in Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8")


def test_the_action_on_a_push_reports_everything(pull_request: PullRequest, tmp_path: Path) -> None:
    env = _runner_env(tmp_path, pull_request.workspace, "push", "")
    env.update(_action_step_env({"fail-on": "warning"}, ""))
    done = _run_action(env, pull_request.workspace)
    assert done.returncode == 1
    assert sum(line.startswith("::error") for line in done.stdout.splitlines()) == 2
    assert Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines() == [
        "exit-code=1",
        "new-since=",
    ]


def test_the_action_passes_usage_errors_through(pull_request: PullRequest, tmp_path: Path) -> None:
    env = _runner_env(tmp_path, pull_request.workspace, "pull_request", "main")
    env.update(_action_step_env({"new-since": "no-such-ref"}, ""))
    done = _run_action(env, pull_request.workspace)
    assert done.returncode == 2
    assert "'no-such-ref' is not a commit" in done.stderr and "Traceback" not in done.stderr


def test_the_documented_shell_commands(pull_request: PullRequest, tmp_path: Path) -> None:
    work = tmp_path / "full-clone"
    assert (
        git(
            tmp_path, "clone", "-q", "--branch", "feature", pull_request.origin.as_uri(), str(work)
        ).returncode
        == 0
    )
    env = _runner_env(tmp_path, work, "push", "")
    commands = [line for line in snippets()["shell"].splitlines() if line.strip()]
    assert len(commands) == 5
    codes = []
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=600
        )
        assert "Traceback" not in done.stderr
        codes.append(done.returncode)
        if "--output-format github" in command:
            assert [line.split(" ", 1)[0] for line in done.stdout.splitlines() if line.startswith("::")] == [
                "::error"
            ]
    assert codes == [1, 0, 0, 0, 0]
    for written in ("manifest-lint.sarif", "manifest-lint.junit.xml", "pr-comment.md", "parity.html"):
        assert (work / written).stat().st_size > 0, written


def test_the_documented_pre_commit_config_is_valid(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippets()["pre-commit-config"], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    hook_ids = {
        hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    used = {hook["id"] for repo in yaml.safe_load(config.read_text())["repos"] for hook in repo["hooks"]}
    assert used <= hook_ids
