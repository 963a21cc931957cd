"""A pull-request comment body (also the GitHub step summary): summary line, scoreboard, findings.

Cell text is escaped so that no route path or message can break the table (`|`, newlines), open
code spans (backticks), inject HTML or Markdown links, or @-mention anyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.report.common import counts, rule_of, rule_url, summary_line, visible_controls, worst_first

if TYPE_CHECKING:
    from collections.abc import Iterable

    from manifest_lint.model import CheckResult, Finding, Scoreboard, ScoreRow
    from manifest_lint.report.common import LineSource

SHOWN_FINDINGS = 20
_ICON = {"error": "🔴", "warning": "🟡", "info": "🔵"}
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "`": "&#96;",
    "|": "&#124;",
    "@": "&#64;",
    "\\": "&#92;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "~": "&#126;",
    "#": "&#35;",
    "!": "&#33;",
    ":": "&#58;",
}


def escape_cell(text: str) -> str:
    """Text safe inside a GFM table cell or a paragraph: entities for every active character."""
    out = "".join(_ENTITIES.get(ch, ch) for ch in visible_controls(text))
    out = out.replace("\r\n", "\n").replace("\r", "\n")
    return "<br>".join(out.split("\n"))


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _score_rows(title: str, rows: Iterable[ScoreRow]) -> list[str]:
    out = [
        _row([title, "Done", "Ported", "Retired", "Remaining", "Owned"]),
        _row(["---", "---:", "---:", "---:", "---:", "---:"]),
    ]
    for row in rows:
        label = escape_cell(row.key) + (f" — {escape_cell(row.title)}" if row.title else "")
        out.append(
            _row(
                [
                    label,
                    f"{row.percent_done:.1f}%",
                    str(row.ported),
                    str(row.retired),
                    str(row.remaining),
                    str(row.owned),
                ]
            )
        )
    return out


def _scoreboard(board: Scoreboard) -> list[str]:
    total = board.total
    out = [
        f"**Parity: {total.percent_done:.1f}%** — {total.ported} ported, {total.retired} retired, "
        f"{total.remaining} remaining of {total.owned}.",
        "",
    ]
    if board.domains:
        out += [*_score_rows("Domain", board.domains), ""]
    if board.issues:
        out += [
            "<details><summary>Per issue</summary>",
            "",
            *_score_rows("Issue", board.issues),
            "",
            "</details>",
            "",
        ]
    return out


def _findings_table(findings: Iterable[Finding]) -> list[str]:
    out = [_row(["", "Rule", "Location", "Surface", "Message"]), _row(["---", "---", "---", "---", "---"])]
    for f in findings:
        rule = rule_of(f)
        code = f"[{f.code}]({rule_url(rule.name)})" if rule else escape_cell(f.code)
        where = escape_cell(f"{f.file}:{f.line}") if f.file else ""
        out.append(
            _row([_ICON[f.severity], code, where, escape_cell(f.surface or ""), escape_cell(f.message)])
        )
    return out


def render_markdown(
    result: CheckResult, lines: LineSource | None = None, *, title: str = "manifest-lint"
) -> str:
    """`lines` is accepted for the common reporter signature; a PR comment needs no columns."""
    ordered = worst_first(result.findings)
    tally = counts(ordered)
    status = "❌" if tally["error"] else ("⚠️" if tally["warning"] else "✅")
    out = [f"### {status} {escape_cell(title)}: {summary_line(ordered)}", ""]
    if result.scoreboard is not None:
        out += _scoreboard(result.scoreboard)
    if not ordered:
        out.append("No findings.")
        return "\n".join(out) + "\n"
    out += [*_findings_table(ordered[:SHOWN_FINDINGS]), ""]
    rest = ordered[SHOWN_FINDINGS:]
    if rest:
        out += [
            f"<details><summary>{len(rest)} more finding(s)</summary>",
            "",
            *_findings_table(rest),
            "",
            "</details>",
            "",
        ]
    return "\n".join(out) + "\n"
