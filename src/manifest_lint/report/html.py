"""`manifest-lint report`: one self-contained HTML page (inline CSS/JS, no network assets).

Every value is HTML-escaped on the server side; the script only reorders existing rows, so no data
ever passes through JavaScript strings. A Content-Security-Policy forbids any network fetch.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from manifest_lint import __version__
from manifest_lint.report.common import rule_of, summary_line, visible_controls, worst_first

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from manifest_lint.model import CheckResult, ScoreRow, Surface

PORTED_COLOUR = "#1f883d"
RETIRED_COLOUR = "#8250df"
REMAINING_COLOUR = "#d0d7de"

_CSS = f"""
body{{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2328;background:#fff}}
h1{{font-size:1.5rem}} h2{{font-size:1.15rem;margin-top:2rem}}
table{{border-collapse:collapse;width:100%;margin:.5rem 0}}
th,td{{border-bottom:1px solid #d8dee4;padding:.3rem .5rem;text-align:left;vertical-align:top}}
th{{cursor:pointer;user-select:none;background:#f6f8fa}} th[aria-sort=ascending]::after{{content:" ▲"}}
th[aria-sort=descending]::after{{content:" ▼"}} td.num,th.num{{text-align:right}}
.bar{{display:flex;width:240px;height:14px;background:{REMAINING_COLOUR};border-radius:3px;overflow:hidden}}
.bar .ported{{background:{PORTED_COLOUR}}} .bar .retired{{background:{RETIRED_COLOUR}}}
.total .bar{{width:480px;height:22px}}
.sev-error{{color:#cf222e;font-weight:600}} .sev-warning{{color:#9a6700}} .sev-info{{color:#0969da}}
code{{white-space:pre-wrap;word-break:break-all}}
.legend span{{display:inline-block;width:10px;height:10px;margin:0 .25rem 0 1rem}}
"""

_JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.querySelectorAll("th");
  heads.forEach(function (th, column) {
    th.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent;
        var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _e(text: object) -> str:
    return escape(visible_controls(str(text)), quote=True)


def _bar(row: ScoreRow) -> str:
    owned = max(row.owned, 1)
    ported = 100.0 * row.ported / owned
    retired = 100.0 * row.retired / owned
    return (
        f'<div class="bar" role="img" aria-label="{row.percent_done:.1f}% done">'
        f'<div class="ported" style="width:{ported:.2f}%"></div>'
        f'<div class="retired" style="width:{retired:.2f}%"></div></div>'
    )


def _cell(text: object, sort: object | None = None, cls: str | None = None) -> str:
    attrs = f' data-sort="{_e(sort)}"' if sort is not None else ""
    attrs += f' class="{cls}"' if cls else ""
    return f"<td{attrs}>{_e(text)}</td>"


def _table(table_id: str, heads: Sequence[tuple[str, bool]], rows: Iterable[str]) -> str:
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if numeric else f"<th>{_e(h)}</th>" for h, numeric in heads
    )
    body = "\n".join(rows)
    return (
        f'<table class="sortable" id="{table_id}"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody></table>"
    )


def _score_table(table_id: str, label: str, rows: Sequence[ScoreRow]) -> str:
    heads = [(label, False), ("Progress", False), ("Done", True), ("Ported", True), ("Retired", True)]
    heads += [("Remaining", True), ("Owned", True)]
    body = []
    for row in rows:
        name = row.key + (f" — {row.title}" if row.title else "")
        body.append(
            "<tr>"
            + _cell(name)
            + f'<td data-sort="{row.percent_done}">{_bar(row)}</td>'
            + _cell(f"{row.percent_done:.1f}%", row.percent_done, "num")
            + "".join(_cell(n, n, "num") for n in (row.ported, row.retired, row.remaining, row.owned))
            + "</tr>"
        )
    return _table(table_id, heads, body)


def _surface_name(surface: Surface) -> str:
    for attribute in ("name", "action", "component", "description"):
        value = getattr(surface, attribute, None)
        if isinstance(value, str) and value and value != getattr(surface, "key", None):
            return value
    return ""


def _surfaces(result: CheckResult) -> str:
    rows = []
    for manifest in result.manifests:
        for s in manifest.surfaces:
            where = f"{s.file}:{s.line}"
            rows.append(
                "<tr>"
                + "".join(_cell(v) for v in (manifest.stack, s.kind, s.key, _surface_name(s)))
                + _cell(where, f"{s.file}:{s.line:09d}")
                + "</tr>"
            )
    heads = [
        ("Stack", False),
        ("Kind", False),
        ("Surface", False),
        ("Name / handler", False),
        ("Location", False),
    ]
    return _table("surfaces", heads, rows)


def _findings(result: CheckResult) -> str:
    rows = []
    for f in worst_first(result.findings):
        rule = rule_of(f)
        rows.append(
            "<tr>"
            + _cell(f.severity, _SEVERITY_ORDER[f.severity], f"sev-{f.severity}")
            + _cell(f.code)
            + _cell(rule.name if rule else f.rule)
            + _cell(f"{f.file}:{f.line}", f"{f.file}:{f.line:09d}")
            + _cell(f.surface or "")
            + _cell(f.message)
            + _cell(", ".join(f.issues))
            + "</tr>"
        )
    heads = [("Severity", False), ("Code", False), ("Rule", False), ("Location", False), ("Surface", False)]
    heads += [("Message", False), ("Plan issues", False)]
    return _table("findings", heads, rows)


def render_html(result: CheckResult, *, title: str = "manifest-lint parity report") -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p id="summary">Findings: {_e(summary_line(result.findings))}. '
        f"manifest-lint {_e(__version__)}.</p>",
    ]
    board = result.scoreboard
    if board is not None:
        total = board.total
        parts += [
            '<section class="total" id="total"><h2>Parity</h2>',
            _bar(total),
            f"<p>{total.percent_done:.1f}% done: {total.ported} ported, {total.retired} retired, "
            f"{total.remaining} remaining of {total.owned}.</p>",
            f'<p class="legend"><span style="background:{PORTED_COLOUR}"></span>ported'
            f'<span style="background:{RETIRED_COLOUR}"></span>retired'
            f'<span style="background:{REMAINING_COLOUR}"></span>remaining</p></section>',
            "<h2>Per domain</h2>",
            _score_table("domains", "Domain", board.domains),
            "<h2>Per issue</h2>",
            _score_table("issues", "Issue", board.issues),
        ]
    else:
        parts.append("<p>No migration plan was read, so there is no scoreboard.</p>")
    parts += [
        f"<h2>Findings ({len(result.findings)})</h2>",
        _findings(result),
        f"<h2>Surfaces ({sum(len(m.surfaces) for m in result.manifests)})</h2>",
        _surfaces(result),
        f"<script>{_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
