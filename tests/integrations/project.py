"""The miniature Laravel + axum project of the integration tests, in a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "integrations" / "mini"
REFUND_ROUTE = "Route::post('/orders/{order}/refund', [OrderController::class, 'refund']);\n"
REFUND_PLAN = "- `POST api/orders/{order}/refund` -> OR-1\n"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **GIT_ENV, **(env or {})},
        timeout=600,
    )


def make_repo(where: Path) -> Path:
    """A git repository holding the mini project, one commit, clean."""
    repo = where / "project"
    shutil.copytree(MINI, repo)
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "base").returncode == 0
    return repo


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    merged = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "MANIFEST_LINT_"))}
    return subprocess.run(
        [sys.executable, "-m", "manifest_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**merged, **GIT_ENV, **(env or {})},
        timeout=600,
    )
