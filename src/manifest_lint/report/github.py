"""GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`) plus the step summary.

Annotations are a summary channel: GitHub shows at most 10 per level per step and silently drops
the rest, so the worst findings go first, each level stops at 10, and one `::notice` says how many
were left out. The complete table goes to `$GITHUB_STEP_SUMMARY` (Markdown).

Escaping follows `actions/toolkit` (`command.ts`): data escapes `%`, CR, LF; property values
additionally `:` and `,`. Nothing a route path or message holds can start a new command.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from manifest_lint.report.common import (
    LineSource,
    counts,
    rule_of,
    span_of,
    summary_line,
    visible_controls,
    worst_first,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from manifest_lint.model import CheckResult, Finding, Severity

PER_LEVEL_LIMIT = 10
SUMMARY_LIMIT_BYTES = 1024 * 1024
_COMMAND: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return visible_controls(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, properties: Mapping[str, str | int], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    head = f"::{command} {props}" if props else f"::{command}"
    return f"{head}::{escape_data(message)}"


def annotation(finding: Finding, lines: LineSource | None = None) -> str:
    rule = rule_of(finding)
    name = rule.name if rule else finding.rule
    span = span_of(finding, lines, "codepoint")
    properties: dict[str, str | int] = {}
    if finding.file:
        properties["file"] = finding.file
        properties["line"] = span.start_line
        properties["endLine"] = span.end_line
        if lines is not None:
            properties["col"] = span.start_column
            properties["endColumn"] = span.end_column
    properties["title"] = f"manifest-lint {finding.code} ({name})"
    return workflow_command(_COMMAND[finding.severity], properties, finding.message)


def render_github(result: CheckResult, lines: LineSource | None = None) -> str:
    """Annotations, worst first, capped per level; an overflow notice; a last plain summary line."""
    ordered = worst_first(result.findings)
    tally = counts(ordered)
    left_out = sum(max(0, n - PER_LEVEL_LIMIT) for n in tally.values())
    limits: dict[Severity, int] = {
        "error": PER_LEVEL_LIMIT,
        "warning": PER_LEVEL_LIMIT,
        # The overflow notice is itself a notice: keep a slot for it.
        "info": PER_LEVEL_LIMIT - 1 if left_out else PER_LEVEL_LIMIT,
    }
    if left_out and tally["info"] >= PER_LEVEL_LIMIT:
        left_out += 1
    shown: dict[Severity, int] = {"error": 0, "warning": 0, "info": 0}
    out: list[str] = []
    for finding in ordered:
        if shown[finding.severity] < limits[finding.severity]:
            shown[finding.severity] += 1
            out.append(annotation(finding, lines))
    if left_out:
        out.append(
            workflow_command(
                "notice",
                {"title": "manifest-lint: more findings"},
                f"{left_out} more finding(s) not annotated "
                f"(GitHub shows at most {PER_LEVEL_LIMIT} per level); "
                "see the job summary or the SARIF upload for the full list.",
            )
        )
    out.append(f"manifest-lint: {summary_line(ordered)}")
    return "\n".join(out) + "\n"


def write_step_summary(markdown: str, environ: Mapping[str, str] | None = None) -> bool:
    """Append to `$GITHUB_STEP_SUMMARY` when it is set (GitHub caps it at 1 MiB per step)."""
    target = (environ if environ is not None else os.environ).get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    data = markdown.encode("utf-8")
    if len(data) > SUMMARY_LIMIT_BYTES:
        note = b"\n\n_Summary truncated at GitHub's 1 MiB limit; see the SARIF or JSON output._\n"
        data = data[: SUMMARY_LIMIT_BYTES - len(note)].decode("utf-8", "ignore").encode("utf-8") + note
    with open(target, "ab") as handle:  # noqa: PTH123 - append mode, path comes from the runner
        handle.write(data)
        if not data.endswith(b"\n"):
            handle.write(b"\n")
    return True
