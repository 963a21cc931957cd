"""Porting progress per plan issue and per plan domain (owned, ported, retired, remaining, % done).

The unit is a legacy surface that the plan owns: a surface with two owners counts in both
issues' rows, once in the total. Retired counts as done; a catch-all-only route is remaining.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from manifest_lint.model import Scoreboard, ScoreRow, Table

if TYPE_CHECKING:
    from manifest_lint.matching import Joined, LegacyJoin
    from manifest_lint.plan import Plan


class _Tally:
    def __init__(self) -> None:
        self.owned = self.ported = self.retired = self.remaining = 0

    def add(self, joined: LegacyJoin) -> None:
        self.owned += 1
        if joined.retired:
            self.retired += 1
        elif joined.ported:
            self.ported += 1
        else:
            self.remaining += 1

    def row(self, key: str, title: str | None) -> ScoreRow:
        return ScoreRow(key, title, self.owned, self.ported, self.retired, self.remaining)


def build_scoreboard(joined: Joined, plan: Plan) -> Scoreboard:
    total = _Tally()
    issues: dict[str, _Tally] = {}
    domains: dict[str, _Tally] = {}
    for item in joined.legacy:
        if not item.entries or isinstance(item.surface, Table):
            continue
        total.add(item)
        for owner in item.owners or ("(retired)",):
            issues.setdefault(owner, _Tally()).add(item)
        for domain in dict.fromkeys(e.domain or "(no section)" for e in item.entries):
            domains.setdefault(domain, _Tally()).add(item)
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
