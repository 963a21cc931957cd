"""Porting progress per plan issue and per plan domain (owned, ported, retired, remaining, % done).

The unit is a legacy surface that the plan owns: a surface with two owners counts in both
issues' rows, once in the total. Retired counts as done; a catch-all-only route is remaining.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from manifest_lint.model import Scoreboard, ScoreRow, Table

if TYPE_CHECKING:
    from collections.abc import Iterable

    from manifest_lint.matching import Joined, LegacyJoin
    from manifest_lint.plan import Plan


class _Tally:
    def __init__(self) -> None:
        self.owned = self.ported = self.retired = self.remaining = 0

    def add(self, state: str) -> None:
        """`state` is "retired", "ported" or "remaining" (see `_state`)."""
        self.owned += 1
        if state == "retired":
            self.retired += 1
        elif state == "ported":
            self.ported += 1
        else:
            self.remaining += 1

    def row(self, key: str, title: str | None) -> ScoreRow:
        return ScoreRow(key, title, self.owned, self.ported, self.retired, self.remaining)


def _state(joined: LegacyJoin) -> str:
    """Retired counts as done before ported; computed once per surface, not once per row."""
    if joined.retired:
        return "retired"
    return "ported" if joined.ported else "remaining"


def _domains(joined: LegacyJoin) -> Iterable[str]:
    entries = joined.entries
    if len(entries) == 1:
        return (entries[0].domain or "(no section)",)
    return dict.fromkeys(e.domain or "(no section)" for e in entries)


def build_scoreboard(joined: Joined, plan: Plan) -> Scoreboard:
    total = _Tally()
    issues: dict[str, _Tally] = {}
    domains: dict[str, _Tally] = {}
    for item in joined.legacy:
        if not item.entries or isinstance(item.surface, Table):
            continue
        state = _state(item)
        total.add(state)
        for owner in item.owners or ("(retired)",):
            tally = issues.get(owner)
            if tally is None:
                tally = issues[owner] = _Tally()
            tally.add(state)
        for domain in _domains(item):
            tally = domains.get(domain)
            if tally is None:
                tally = domains[domain] = _Tally()
            tally.add(state)
    order = {d: i for i, d in enumerate(dict.fromkeys(e.domain or "(no section)" for e in plan.entries))}
    for domain in domains:
        order.setdefault(domain, len(order))
    titles: dict[str, str] = {}
    for key, title in plan.titles:
        titles.setdefault(key, title)  # the first title wins, as in `Plan.title`
    return Scoreboard(
        total=total.row("total", None),
        domains=tuple(domains[k].row(k, None) for k in sorted(domains, key=order.__getitem__)),
        issues=tuple(issues[k].row(k, titles.get(k)) for k in sorted(issues, key=_natural)),
    )


def _natural(key: str) -> tuple[object, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key))
