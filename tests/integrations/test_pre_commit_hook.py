"""The hook as users get it: the real pre-commit framework installs this checkout's
`.pre-commit-hooks.yaml` (language: python, so pre-commit builds its own venv with `pip install .`)
into a temporary project and runs it on `git commit`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ci_docs import snippets
from project import REFUND_PLAN, REFUND_ROUTE, REPO, append, git, make_repo

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _snapshot_of_this_checkout(where: Path) -> tuple[Path, str]:
    """A one-commit git repository of this working tree (tracked + untracked, not ignored files)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    hook_repo = where / "hook-repo"
    for raw in filter(None, listed):
        rel = raw.decode()
        source = REPO / rel
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the work tree
        target = hook_repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    assert git(hook_repo, "init", "-q").returncode == 0
    git(hook_repo, "add", "-A")
    assert git(hook_repo, "commit", "-q", "-m", "snapshot").returncode == 0
    return hook_repo, git(hook_repo, "rev-parse", "HEAD").stdout.strip()


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    done = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["language"], hook["pass_filenames"], hook["require_serial"]) == ("python", False, True)
    pattern = re.compile(hook["files"])
    for path in (
        "routes/web.php",
        "src/main.rs",
        "Cargo.toml",
        "composer.lock",
        "plan.md",
        ".manifest-lint.toml",
    ):
        assert pattern.search(path), path
    assert not pattern.search("README.md")


def test_commit_with_an_uncovered_route_is_refused_until_the_plan_covers_it(tmp_path: Path) -> None:
    hook_repo, sha = _snapshot_of_this_checkout(tmp_path)
    project = make_repo(tmp_path)
    # The documented snippet, pointed at this checkout instead of the release.
    config = yaml.safe_load(snippets()["pre-commit-config"])
    (entry,) = config["repos"]
    entry.update(repo=hook_repo.as_uri(), rev=sha)
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    installed = subprocess.run(
        [*PRE_COMMIT, "install", "--install-hooks"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=900,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    git(project, "add", ".pre-commit-config.yaml")
    first = git(project, "commit", "-m", "add hook config", env=env)
    assert first.returncode == 0, first.stdout + first.stderr  # skipped: no relevant file staged

    append(project / "legacy/routes/api.php", REFUND_ROUTE)
    git(project, "add", "legacy/routes/api.php")
    refused = git(project, "commit", "-m", "add refund route", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "manifest-lint" in output and "Failed" in output
    assert "uncovered-surface" in output and "POST /api/orders/{order}/refund" in output
    assert git(project, "rev-list", "--count", "HEAD").stdout.strip() == "2"

    append(project / "plan.md", REFUND_PLAN)
    git(project, "add", "plan.md")
    accepted = git(project, "commit", "-m", "add refund route, planned", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert re.search(r"manifest-lint\.+Passed", accepted.stdout + accepted.stderr)
    assert git(project, "rev-list", "--count", "HEAD").stdout.strip() == "3"
    assert git(project, "status", "--porcelain").stdout == ""  # the hook's cache stays out of git


@pytest.fixture(autouse=True)
def _need_git() -> None:
    if shutil.which("git") is None:
        pytest.fail("git is required")
