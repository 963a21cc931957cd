"""Plan coverage and porting progress: uncovered-surface, orphaned-plan-entry, unported-surface,
catch-all-only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.model import Command, Page, Route, Table
from manifest_lint.rules.context import finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from manifest_lint.model import Finding, Surface
    from manifest_lint.rules.context import RuleContext


def _label(surface: Surface) -> str:
    if isinstance(surface, Route):
        return f"route {surface.method} {surface.uri}"
    if isinstance(surface, Page):
        return f"page {surface.component}"
    if isinstance(surface, Command):
        return f"command {surface.name}"
    return surface.key


def _ignored_page(context: RuleContext, surface: Surface) -> bool:
    return isinstance(surface, Page) and in_page_dirs(context, (surface.file, context.file_of(surface)))


def in_page_dirs(context: RuleContext, files: tuple[str, ...]) -> bool:
    """`ignore-page-dirs` entries may be written relative to the repository or to the legacy app."""
    dirs = [d.rstrip("/") for d in context.config.ignore_page_dirs]
    return any(f == d or f.startswith(d + "/") for f in files for d in dirs)


def uncovered_surface(context: RuleContext) -> Iterator[Finding]:
    """ML201: a legacy route, page or command that no plan entry owns.

    A page a legacy route renders is owned through that route (an uncovered route is reported
    once, not again for its page); only pages no route renders need an entry of their own.
    """
    for joined in context.joined.legacy:
        surface = joined.surface
        if joined.rendered:
            continue
        if (
            isinstance(surface, Table)
            or joined.entries
            or joined.covered_by_route
            or _ignored_page(context, surface)
        ):
            continue
        where = f" (registered only when {surface.condition})" if surface.condition else ""
        yield finding(
            "uncovered-surface",
            f"{_label(surface)}{where} has no owning issue in the plan",
            context.file_of(surface),
            surface.line,
            surface=surface.key,
        )


def orphaned_plan_entry(context: RuleContext) -> Iterator[Finding]:
    """ML202: a plan entry naming a surface the legacy app does not have."""
    served = {s.key for s in context.joined.targets}
    for entry in context.joined.orphan_entries:
        hint = " (only the target serves it)" if entry.key in served else ""
        source = " named in the backlog" if entry.inferred else ""
        yield finding(
            "orphaned-plan-entry",
            f"plan entry `{entry.raw}`{source} matches no legacy {entry.kind}{hint}: the plan is stale",
            entry.file,
            entry.line,
            surface=entry.key,
            issues=entry.owners,
        )


def unported_surface(context: RuleContext) -> Iterator[Finding]:
    """ML203 (info): owned, not retired, and no target counterpart yet."""
    for joined in context.joined.legacy:
        surface = joined.surface
        if not joined.entries or joined.retired or joined.ported or joined.catch_alls:
            continue
        if isinstance(surface, Table | Page):
            continue
        detail = ""
        if joined.missing_forms:
            detail = f"; optional forms missing on the target: {', '.join(joined.missing_forms)}"
        yield finding(
            "unported-surface",
            f"{_label(surface)} is owned by {', '.join(joined.owners)} "
            f"but not served by the target yet{detail}",
            context.file_of(surface),
            surface.line,
            surface=surface.key,
            issues=joined.owners,
        )


def catch_all_only(context: RuleContext) -> Iterator[Finding]:
    """ML209: only a target wildcard answers this legacy route: not counted as ported."""
    for joined in context.joined.legacy:
        if joined.ported or not joined.catch_alls or joined.retired or not joined.entries:
            continue
        surface = joined.surface
        catcher = joined.catch_alls[0].surface
        catcher_id = (
            f"{catcher.method} {catcher.canonical_uri}" if isinstance(catcher, Route) else catcher.key
        )
        yield finding(
            "catch-all-only",
            f"{_label(surface)} is reached on the target only through the catch-all {catcher_id} "
            f"({context.file_of(catcher)}:{catcher.line}); not counted as ported",
            context.file_of(surface),
            surface.line,
            surface=surface.key,
            issues=joined.owners,
        )
