"""Line text for reporters' columns, read through `SourceSet` (inside the root, size-limited, safe)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.parsing import SourceSet

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.report.common import LineSource


def file_lines(root: Path) -> LineSource:
    """A `LineSource` over files relative to `root`; unreadable files simply have no text."""
    sources = SourceSet(root)
    split: dict[str, list[str]] = {}

    def line(rel: str, number: int) -> str | None:
        if rel not in split:
            data = sources.read(rel)
            split[rel] = [] if isinstance(data, tuple) else data.decode("utf-8", "replace").splitlines()
        lines = split[rel]
        return lines[number - 1] if 1 <= number <= len(lines) else None

    return line
