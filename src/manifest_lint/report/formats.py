"""The table of `check --output-format` values: each a pure `render(result, lines) -> str`.

Adding a format is one entry here; `check` never knows which reporter it calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.report.github import render_github
from manifest_lint.report.json_report import render_json
from manifest_lint.report.junit import render_junit
from manifest_lint.report.markdown import render_markdown
from manifest_lint.report.rdjson import render_rdjson
from manifest_lint.report.sarif import render_sarif
from manifest_lint.report.text import render_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from manifest_lint.model import CheckResult
    from manifest_lint.report.common import LineSource


FORMATS: dict[str, Callable[[CheckResult, LineSource | None], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "markdown": render_markdown,
    "rdjson": render_rdjson,
    "junit": render_junit,
}
