"""`check` for people: findings grouped by file, a summary by severity and rule, the scoreboard.

Without colour, a line of plain printable ASCII that fits the width is written as is: that is
exactly what rich would print for it, and printing ten thousand findings through rich took
seconds. Anything else (colour, tabs, wide or unusual characters, tables) still goes through
rich, which is imported only when it is needed.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Literal, NamedTuple

from manifest_lint.report.common import single_line, summary_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from manifest_lint.model import CheckResult, Finding, Scoreboard, ScoreRow
    from manifest_lint.report.common import LineSource

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

Styled = list[tuple[str, str | None]]
"""A line as (text, rich style or None) pieces."""


class _Column(NamedTuple):
    header: str
    justify: Literal["left", "right"] = "left"
    overflow: Literal["fold", "ellipsis"] = "ellipsis"
    max_width: int | None = None


@dataclass(frozen=True, slots=True)
class _Grid:
    """A titled table of plain cells, drawn by rich or, when it is that simple, by `_plain_table`."""

    title: str
    columns: tuple[_Column, ...]
    rows: list[list[str]]

    def to_rich(self) -> Table:
        from rich.table import Table

        table = Table(title=self.title, title_justify="left", show_edge=False)
        for column in self.columns:
            table.add_column(
                column.header, justify=column.justify, overflow=column.overflow, max_width=column.max_width
            )
        for row in self.rows:
            table.add_row(*row)
        return table


class _Sink:
    """The report's buffer: plain lines are written directly, everything else through rich."""

    def __init__(self, *, color: bool, width: int) -> None:
        self.buffer = io.StringIO()
        self.color = color
        self.width = width
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.buffer,
                width=self.width,
                force_terminal=self.color,
                no_color=not self.color,
                color_system="standard" if self.color else None,
                highlight=False,
            )
        return self._console

    def line(self, pieces: Styled, *, soft_wrap: bool = False) -> None:
        """One line; `soft_wrap` never breaks it (a wrapped line could start with `::`)."""
        plain = "".join(text for text, _ in pieces)
        if not self.color and _verbatim(plain) and (soft_wrap or len(plain) <= self.width):
            self.buffer.write(plain + "\n")
            return
        from rich.text import Text

        (first, first_style), *rest = pieces
        row = Text(first, style=first_style or "")
        for text, style in rest:
            row.append(text, style=style)
        self.console.print(row, soft_wrap=soft_wrap)

    def blank(self) -> None:
        self.buffer.write("\n")

    def table(self, grid: _Grid) -> None:
        plain = None if self.color else _plain_table(grid, self.width)
        if plain is None:
            self.console.print(grid.to_rich())
        else:
            self.buffer.write(plain)


def _verbatim(text: str) -> bool:
    """Rich prints this text unchanged: printable ASCII, so no tabs and one cell per character."""
    return text.isascii() and text.isprintable()


def _plain_cell(text: str) -> bool:
    """A cell rich draws as is: verbatim, no markup (`[`), no emoji code (`:x:`), no edge blanks."""
    return _verbatim(text) and "[" not in text and text.count(":") < 2 and text == text.strip()


def _plain_table(grid: _Grid, width: int) -> str | None:
    """The table exactly as rich draws it (no edge, heavy head) when no cell needs wrapping.

    None when rich would have to wrap, shrink or interpret something: then rich draws it.
    """
    cells = [[column.header for column in grid.columns], *grid.rows]
    if not all(_plain_cell(cell) for row in cells for cell in row):
        return None
    widths = [max(len(row[index]) for row in cells) for index in range(len(grid.columns))]
    if any(c.max_width is not None and w > c.max_width for c, w in zip(grid.columns, widths, strict=True)):
        return None
    table_width = sum(widths) + 3 * len(widths) - 1
    if table_width > width or len(grid.title) > table_width:
        return None

    def row_line(row: list[str], divider: str) -> str:
        padded = (
            cell.rjust(w) if column.justify == "right" else cell.ljust(w)
            for cell, w, column in zip(row, widths, grid.columns, strict=True)
        )
        return divider.join(f" {cell} " for cell in padded)

    lines = [grid.title.ljust(table_width), row_line(cells[0], "\u2503")]
    lines.append("\u2547".join("\u2501" * (w + 2) for w in widths))
    lines.extend(row_line(row, "\u2502") for row in grid.rows)
    return "\n".join(lines) + "\n"


def render_text(
    result: CheckResult, lines: LineSource | None = None, *, color: bool = False, width: int = 120
) -> str:
    sink = _Sink(color=color, width=width)
    for file, group in groupby(result.findings, key=lambda f: f.file):
        sink.line([(single_line(file) or "(no file)", "bold underline")])
        for finding in group:
            sink.line(_finding_line(finding), soft_wrap=True)
        sink.blank()
    if result.findings:
        sink.table(_rule_summary(result.findings))
        sink.blank()
    if result.scoreboard is not None:
        _scoreboard(sink, result.scoreboard)
    sink.line([(f"Found {summary_line(result.findings)}.", "bold")])
    return sink.buffer.getvalue()


def _finding_line(finding: Finding) -> Styled:
    pieces: Styled = [
        ("  ", None),
        (f"{finding.line:>5}  ", None),
        (f"{finding.severity:<7}", _STYLE[finding.severity]),
        (f" {finding.code} ", "bold"),
        (f"[{finding.rule}] ", "dim"),
        (single_line(finding.message), None),
    ]
    if finding.issues:
        pieces.append((f"  ({', '.join(finding.issues)})", "dim"))
    return pieces


def _rule_summary(findings: tuple[Finding, ...]) -> _Grid:
    by_rule = Counter((f.code, f.rule) for f in findings)
    return _Grid(
        "Findings by rule",
        (_Column("Code"), _Column("Rule"), _Column("Count", justify="right")),
        [[code, rule, str(count)] for (code, rule), count in sorted(by_rule.items())],
    )


def _scoreboard(sink: _Sink, board: Scoreboard) -> None:
    total = board.total
    if total.owned == 0:
        sink.line([("Porting progress: the plan owns no legacy surface yet.", "bold")])
        sink.blank()
        return
    sink.line(
        [
            (
                f"Porting progress: {total.ported + total.retired}/{total.owned} owned surfaces done "
                f"({total.percent_done:g}%): {total.ported} ported, {total.retired} retired, "
                f"{total.remaining} remaining",
                "bold",
            )
        ]
    )
    for title, rows, with_title in (("By issue", board.issues, True), ("By domain", board.domains, False)):
        if rows:
            sink.table(_score_table(title, rows, with_title))
    sink.blank()


def _score_table(title: str, rows: tuple[ScoreRow, ...], with_title: bool) -> _Grid:
    columns = [_Column("Issue" if with_title else "Domain", overflow="fold")]
    if with_title:
        columns.append(_Column("Title", overflow="fold", max_width=48))
    columns += [_Column(c, justify="right") for c in ("Owned", "Ported", "Retired", "Remaining", "% done")]
    return _Grid(title, tuple(columns), [_cells(row, with_title) for row in rows])


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
