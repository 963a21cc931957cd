"""ML204 retired-still-served: the plan retires a surface someone still serves.

`retired-served-by = "target"` (default) fires when the target serves it — a retired endpoint
was ported anyway; `"legacy"` fires while the legacy app still serves it (use after cutover);
`"both"` does both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.rules.context import finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from manifest_lint.model import Finding
    from manifest_lint.plan import PlanEntry
    from manifest_lint.rules.context import RuleContext


def _why(entries: tuple[PlanEntry, ...]) -> str:
    retired = next(e for e in entries if e.retired)
    reason = f" ({retired.reason})" if retired.reason else ""
    return f"{retired.status} in the plan at {retired.file}:{retired.line}{reason}"


def retired_still_served(context: RuleContext) -> Iterator[Finding]:
    mode = context.config.retired_served_by
    for joined in context.joined.legacy:
        if not joined.retired:
            continue
        surface = joined.surface
        if mode in ("target", "both"):
            for counterpart in joined.counterparts:
                target = counterpart.surface
                yield finding(
                    "retired-still-served",
                    f"{surface.key} is {_why(joined.entries)} but the target serves it",
                    context.file_of(target),
                    target.line,
                    surface=surface.key,
                )
        if mode in ("legacy", "both"):
            yield finding(
                "retired-still-served",
                f"{surface.key} is {_why(joined.entries)} but the legacy app still serves it",
                context.file_of(surface),
                surface.line,
                surface=surface.key,
            )
    if mode in ("target", "both"):
        for target, entries in context.joined.target_planned:
            if any(e.retired for e in entries):
                yield finding(
                    "retired-still-served",
                    f"{target.key} is {_why(entries)} but the target serves it",
                    context.file_of(target),
                    target.line,
                    surface=target.key,
                )
