"""`check` for people: findings grouped by file, a summary by severity and rule, the scoreboard."""

from __future__ import annotations

import io
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from manifest_lint.report.common import single_line, summary_line

if TYPE_CHECKING:
    from manifest_lint.model import CheckResult, Scoreboard, ScoreRow
    from manifest_lint.report.common import LineSource

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_text(
    result: CheckResult, lines: LineSource | None = None, *, color: bool = False, width: int = 120
) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
    )
    for file, group in groupby(result.findings, key=lambda f: f.file):
        console.print(Text(single_line(file) or "(no file)", style="bold underline"))
        for finding in group:
            row = Text("  ")
            row.append(f"{finding.line:>5}  ")
            row.append(f"{finding.severity:<7}", style=_STYLE[finding.severity])
            row.append(f" {finding.code} ", style="bold")
            row.append(f"[{finding.rule}] ", style="dim")
            row.append(single_line(finding.message))
            if finding.issues:
                row.append(f"  ({', '.join(finding.issues)})", style="dim")
            console.print(row, soft_wrap=True)  # never break a finding: a wrapped line could start with `::`
        console.print()
    if result.findings:
        by_rule = Counter((f.code, f.rule) for f in result.findings)
        summary = Table(title="Findings by rule", title_justify="left", show_edge=False)
        for column, justify in (("Code", "left"), ("Rule", "left"), ("Count", "right")):
            summary.add_column(column, justify=justify)  # type: ignore[arg-type]
        for (code, rule), count in sorted(by_rule.items()):
            summary.add_row(code, rule, str(count))
        console.print(summary)
        console.print()
    if result.scoreboard is not None:
        _scoreboard(console, result.scoreboard)
    console.print(Text(f"Found {summary_line(result.findings)}.", style="bold"))
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _scoreboard(console: Console, board: Scoreboard) -> None:
    total = board.total
    if total.owned == 0:
        console.print(Text("Porting progress: the plan owns no legacy surface yet.", style="bold"))
        console.print()
        return
    console.print(
        Text(
            f"Porting progress: {total.ported + total.retired}/{total.owned} owned surfaces done "
            f"({total.percent_done:g}%): {total.ported} ported, {total.retired} retired, "
            f"{total.remaining} remaining",
            style="bold",
        )
    )
    for title, rows, with_title in (("By issue", board.issues, True), ("By domain", board.domains, False)):
        if not rows:
            continue
        table = Table(title=title, title_justify="left", show_edge=False)
        table.add_column("Issue" if with_title else "Domain", overflow="fold")
        if with_title:
            table.add_column("Title", overflow="fold", max_width=48)
        for column in ("Owned", "Ported", "Retired", "Remaining", "% done"):
            table.add_column(column, justify="right")
        for row in rows:
            table.add_row(*_cells(row, with_title))
        console.print(table)
    console.print()


def _cells(row: ScoreRow, with_title: bool) -> list[str]:
    cells = [row.key] + ([row.title or ""] if with_title else [])
    return [
        *cells,
        str(row.owned),
        str(row.ported),
        str(row.retired),
        str(row.remaining),
        f"{row.percent_done:g}",
    ]
