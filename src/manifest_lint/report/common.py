"""What every findings reporter shares: worst-first order, rule metadata, counts and line spans.

Reporters stay pure: the only outside input is an optional `LineSource` the caller builds (the CLI
reads the project's files once through `SourceSet`); without one, a finding spans its whole line
as far as is known (column 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from manifest_lint.catalog import Rule, data_text, lookup
from manifest_lint.model import SEVERITY_RANK, Finding, Severity, finding_sort_key

TOOL_NAME = "manifest-lint"
INFORMATION_URI = "https://github.com/manifest-lint/manifest-lint"
RULE_DOCS_URL = INFORMATION_URI + "/blob/main/rules/docs/{name}.md"

LineSource = Callable[[str, int], "str | None"]
"""(file, 1-based line) → that line's text without its newline, or None when unknown."""

ColumnUnit = Literal["utf16", "codepoint", "utf8"]

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def visible_controls(text: str) -> str:
    """Control characters (ESC, NUL, …) and lone surrogates as visible `\\uXXXX` text.

    Formats read by terminals, logs or browsers must not carry raw escape sequences.
    """
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def single_line(text: str) -> str:
    """`visible_controls` plus CR/LF as `\\r`/`\\n`: one finding stays one line of output.

    A message line starting with `::` printed in a GitHub Actions log would be run as a workflow
    command; a line of its own could also pass for another finding.
    """
    return visible_controls(text).replace("\r", "\\r").replace("\n", "\\n")


def worst_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors before warnings before infos; inside a level the deterministic finding order."""
    return sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], finding_sort_key(f)))


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    tally: dict[Severity, int] = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        tally[finding.severity] += 1
    return tally


def summary_line(findings: Iterable[Finding]) -> str:
    """`3 errors, 1 warning, 0 infos` — the same words in every format."""
    tally = counts(findings)
    parts = [f"{n} {level}{'' if n == 1 else 's'}" for level, n in tally.items()]
    return ", ".join(parts)


def rule_of(finding: Finding) -> Rule | None:
    return lookup(finding.code) or lookup(finding.rule)


def rule_url(name: str) -> str:
    return RULE_DOCS_URL.format(name=name)


@cache
def rule_doc(name: str) -> str | None:
    """The rule's Markdown doc (`rules/docs/<name>.md`) when one is shipped."""
    try:
        text = data_text(f"docs/{name}.md").strip()
    except (FileNotFoundError, NotADirectoryError, OSError):
        return None
    return text or None


def first_paragraph(markdown: str) -> str:
    """The first prose paragraph of a Markdown doc (headings skipped)."""
    for block in markdown.split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if not line.lstrip().startswith("#")]
        text = " ".join(line for line in lines if line)
        if text:
            return text
    return ""


def doc_section(markdown: str, heading: str) -> str:
    """The first paragraph under `## <heading>` in a rule doc, or "" when there is none."""
    marker = f"## {heading}"
    for number, line in enumerate(lines := markdown.splitlines()):
        if line.strip().lower() == marker.lower():
            return first_paragraph("\n".join(lines[number + 1 :]))
    return ""


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut on a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut + "…"


@dataclass(frozen=True, slots=True)
class Span:
    """1-based start/end line and column; `end_column` is the column after the last character."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


def _width(text: str, unit: ColumnUnit) -> int:
    if unit == "utf8":
        return len(text.encode("utf-8", "surrogatepass"))
    if unit == "utf16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text)


def span_of(finding: Finding, lines: LineSource | None, unit: ColumnUnit) -> Span:
    """The finding's line, from its first non-blank character to its end, in `unit` columns."""
    line = max(finding.line, 1)
    text = lines(finding.file, line) if lines is not None and finding.file else None
    if not text or not text.strip():
        return Span(line, 1, line, 2)
    indent = text[: len(text) - len(text.lstrip())]
    body = text.rstrip()
    return Span(line, _width(indent, unit) + 1, line, _width(body, unit) + 1)
