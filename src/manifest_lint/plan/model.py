"""What a plan map says about one surface: who owns its port, or that it is retired."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from manifest_lint.model import Diagnostic

EntryKind = Literal["route", "page", "command", "table", "group"]
EntryStatus = Literal["owned", "retired", "deprecated"]


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One plan line. `path` is the canonical key (see canonical.py); `raw` is the text as written.

    `kind == "group"` is a descriptive entry (a table group described in prose) that owns no
    concrete surface; it is kept so nothing in the plan is silently dropped.
    """

    file: str
    line: int
    kind: EntryKind
    raw: str
    owners: tuple[str, ...]
    method: str | None = None
    path: str | None = None
    name: str | None = None
    status: EntryStatus = "owned"
    reason: str | None = None
    note: str | None = None
    domain: str | None = None
    inferred: bool = False

    @property
    def key(self) -> str:
        """The semantic id, in the same spelling as `Surface.key`."""
        if self.kind == "route":
            return f"{self.method} {self.path}"
        return f"{self.kind} {self.name}"

    @property
    def retired(self) -> bool:
        return self.status != "owned"


@dataclass(frozen=True, slots=True)
class Plan:
    entries: tuple[PlanEntry, ...] = ()
    titles: tuple[tuple[str, str], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    files: tuple[str, ...] = field(default=())

    @staticmethod
    def merge(parts: list[Plan]) -> Plan:
        return Plan(
            entries=tuple(e for p in parts for e in p.entries),
            titles=tuple(t for p in parts for t in p.titles),
            diagnostics=tuple(d for p in parts for d in p.diagnostics),
            files=tuple(f for p in parts for f in p.files),
        )

    def title(self, issue: str) -> str | None:
        for key, title in self.titles:
            if key == issue:
                return title
        return None
