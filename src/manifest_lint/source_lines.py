"""Line text for reporters' columns, read through `SourceSet` (inside the root, size-limited, safe).

`check` reads every input once for its suppression comments (`run_sources`); the report that
follows asks for lines of the same files, so `file_lines` reuses that run's `SourceSet` instead
of reading them a second time. Only the latest run's set is kept, and each run starts a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.limits import Limits
from manifest_lint.parsing import SourceSet

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.report.common import LineSource

_latest: list[SourceSet] = []


def run_sources(root: Path, limits: Limits) -> SourceSet:
    """A fresh `SourceSet` for one check run, kept for the report of that run."""
    sources = SourceSet(root, limits)
    _latest[:] = [sources]
    return sources


def _reusable(root: Path) -> SourceSet | None:
    """The latest run's set when it reads the same root with the limits `file_lines` uses."""
    if _latest and _latest[0].limits == Limits() and _latest[0].root == root.resolve():
        return _latest[0]
    return None


def file_lines(root: Path) -> LineSource:
    """A `LineSource` over files relative to `root`; unreadable files simply have no text."""
    sources = _reusable(root) or SourceSet(root)
    split: dict[str, list[str]] = {}

    def line(rel: str, number: int) -> str | None:
        if rel not in split:
            data = sources.read(rel)
            split[rel] = [] if isinstance(data, tuple) else data.decode("utf-8", "replace").splitlines()
        lines = split[rel]
        return lines[number - 1] if 1 <= number <= len(lines) else None

    return line
