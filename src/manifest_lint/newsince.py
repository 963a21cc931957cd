"""PR mode (`check --new-since REF`): only the findings the changes since REF introduce.

REF's tree is exported with real git (`git archive`, unpacked with tarfile's `data` filter so an
archive can never write outside the temporary directory), checked with the same configuration
mapped onto that tree, and the current findings are reduced to those whose fingerprints REF did
not have (as a multiset: a second copy of an old finding is new). Fingerprints carry no line
numbers, so moving code around introduces nothing.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tarfile
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from manifest_lint.config import Config
    from manifest_lint.model import CheckResult


def _git(args: list[str], cwd: Path, failure: str | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300
        )
    except FileNotFoundError as error:
        raise UsageError("--new-since needs git on PATH") from error
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed"
        raise UsageError(f"--new-since: {failure or detail}")
    return done.stdout.strip()


def export_tree(repository: Path, ref: str, into: Path) -> None:
    """Unpack REF's committed tree (no work-tree changes, no ignored files) into `into`."""
    commit = _git(
        ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        repository,
        f"{ref!r} is not a commit in {repository} (in CI, fetch it first: git fetch origin {ref})",
    )
    with subprocess.Popen(
        ["git", "archive", "--format=tar", commit], cwd=repository, stdout=subprocess.PIPE
    ) as git:
        assert git.stdout is not None
        with tarfile.open(fileobj=git.stdout, mode="r|") as archive:
            archive.extractall(into, filter="data")
    if git.returncode != 0:
        raise UsageError(f"--new-since: git archive {ref} failed")


def rebase_config(config: Config, old: Path, new: Path) -> Config:
    """The same configuration with every path under `old` moved to the same place under `new`."""
    old = old.resolve()

    def move(path: Path | None) -> Path | None:
        if path is None:
            return None
        try:
            return new / path.resolve().relative_to(old)
        except ValueError:
            return path

    def move_all(paths: tuple[Path, ...]) -> tuple[Path, ...]:
        return tuple(moved for moved in map(move, paths) if moved is not None)

    root = move(config.root)
    assert root is not None
    return dataclasses.replace(
        config,
        root=root,
        source=move(config.source),
        legacy=move(config.legacy),
        targets=move_all(config.targets),
        plans=move_all(config.plans),
        snapshot=move(config.snapshot),
        baseline=move(config.baseline),
    )


def new_findings(current: CheckResult, base: CheckResult) -> CheckResult:
    """`current` keeping only findings whose fingerprints outnumber those in `base`."""
    budget = Counter(f.fingerprint for f in base.findings)
    kept = []
    for finding in current.findings:
        if budget[finding.fingerprint] > 0:
            budget[finding.fingerprint] -= 1
        else:
            kept.append(finding)
    return dataclasses.replace(current, findings=tuple(kept))


def check_new_since(
    config: Config, ref: str, run: Callable[[Config], CheckResult], current: CheckResult
) -> tuple[CheckResult, str | None]:
    """Findings of `current` that REF did not have, and a note when REF could not be checked.

    When REF's tree cannot be checked at all (the legacy app or the plan did not exist yet), every
    current finding is new, and the note says why.
    """
    top = Path(_git(["rev-parse", "--show-toplevel"], config.root))
    with tempfile.TemporaryDirectory(prefix="manifest-lint-base-") as temporary:
        base_top = Path(temporary)
        export_tree(top, ref, base_top)
        try:
            base = run(rebase_config(config, top, base_top))
        except UsageError as error:
            note = str(error).replace(str(base_top), f"{ref}:").replace(f"{ref}:/", f"{ref}:")
            return current, f"{ref} could not be checked ({note}); every finding counts as new"
    return new_findings(current, base), None
