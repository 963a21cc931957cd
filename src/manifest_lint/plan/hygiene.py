"""Plan hygiene: the same surface listed twice (ML302) or given different owners (ML303)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from manifest_lint.model import Diagnostic

if TYPE_CHECKING:
    from manifest_lint.plan.model import Plan, PlanEntry


def check_plan_hygiene(plan: Plan) -> Plan:
    first: dict[str, PlanEntry] = {}
    found: list[Diagnostic] = []
    for entry in plan.entries:
        if entry.kind == "group":
            continue
        seen = first.get(entry.key)
        if seen is None:
            first[entry.key] = entry
            continue
        if entry.inferred or seen.inferred:
            continue  # a command named in the backlog and listed explicitly is one claim, not two
        if (seen.owners, seen.status) == (entry.owners, entry.status):
            found.append(
                Diagnostic(
                    "duplicate-plan-entry",
                    f"`{entry.key}` is already listed at {seen.file}:{seen.line}",
                    entry.file,
                    entry.line,
                )
            )
        else:
            found.append(
                Diagnostic(
                    "conflicting-plan-owner",
                    f"`{entry.key}` -> {_owners(entry)} here but -> {_owners(seen)} "
                    f"at {seen.file}:{seen.line}",
                    entry.file,
                    entry.line,
                )
            )
    return replace(plan, diagnostics=plan.diagnostics + tuple(found))


def _owners(entry: PlanEntry) -> str:
    if entry.retired:
        return entry.status
    return " and ".join(entry.owners)
