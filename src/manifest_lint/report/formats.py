"""The table of `check --output-format` values: each a pure `render(result, lines) -> str`.

Adding a format is one entry here; `check` never knows which reporter it calls. Reporters are
imported only when their format is asked for: a warm `check --output-format json` should not pay
for rich (text) or the SARIF tables.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from manifest_lint.model import CheckResult
    from manifest_lint.report.common import LineSource

Renderer = Callable[["CheckResult", "LineSource | None"], str]

_WHERE: dict[str, tuple[str, str]] = {
    "text": ("manifest_lint.report.text", "render_text"),
    "json": ("manifest_lint.report.json_report", "render_json"),
    "sarif": ("manifest_lint.report.sarif", "render_sarif"),
    "github": ("manifest_lint.report.github", "render_github"),
    "markdown": ("manifest_lint.report.markdown", "render_markdown"),
    "rdjson": ("manifest_lint.report.rdjson", "render_rdjson"),
    "junit": ("manifest_lint.report.junit", "render_junit"),
}


def renderer(name: str) -> Renderer:
    """The render function of one format (KeyError for an unknown name)."""
    module, function = _WHERE[name]
    found: Renderer = getattr(importlib.import_module(module), function)
    return found


class _Formats(Mapping[str, Renderer]):
    """name → renderer, importing each reporter on first use."""

    def __getitem__(self, name: str) -> Renderer:
        return renderer(name)

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)

    def __contains__(self, name: object) -> bool:
        return name in _WHERE


FORMATS: Mapping[str, Renderer] = _Formats()
