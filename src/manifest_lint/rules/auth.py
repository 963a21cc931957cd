"""ML206 auth-drift: guards compared per method between a legacy route and its target counterpart.

The `[auth]` table maps legacy guard globs to the target middleware globs that satisfy them.
Lost guard: a legacy middleware matches a key, and no target middleware matches any of that
key's values. Gained guard: a target middleware matches some value of the table (so it is a
guard), and the legacy route has no middleware matching any key that value answers for — e.g. a
public Laravel route that became login-only in Rust.
"""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING

from manifest_lint.model import Route
from manifest_lint.rules.context import finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from manifest_lint.model import Finding
    from manifest_lint.rules.context import RuleContext

AuthTable = tuple[tuple[str, tuple[str, ...]], ...]


def _any(names: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(n, p) for n in names for p in patterns)


def lost_guards(
    legacy: tuple[str, ...], target: tuple[str, ...], table: AuthTable
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(legacy middleware, matching key, expected target patterns) with no satisfying target middleware."""
    lost = []
    for middleware in legacy:
        for key, values in table:
            if fnmatch.fnmatchcase(middleware, key) and not _any(target, values):
                lost.append((middleware, key, values))
                break
    return lost


def gained_guards(
    legacy: tuple[str, ...], target: tuple[str, ...], table: AuthTable
) -> list[tuple[str, tuple[str, ...]]]:
    """(target guard, legacy keys it answers for) where the legacy route has none of those keys."""
    gained = []
    for middleware in target:
        keys = tuple(key for key, values in table if any(fnmatch.fnmatchcase(middleware, v) for v in values))
        if keys and not _any(legacy, keys):
            gained.append((middleware, keys))
    return gained


def auth_drift(context: RuleContext) -> Iterator[Finding]:
    table = context.config.auth
    for joined in context.joined.legacy:
        legacy = joined.surface
        if not isinstance(legacy, Route) or joined.retired:
            continue
        for counterpart in joined.counterparts:
            target = counterpart.surface
            if not isinstance(target, Route):
                continue
            where = f"{context.file_of(target)}:{target.line}"
            for middleware, key, values in lost_guards(legacy.middleware, target.middleware, table):
                yield finding(
                    "auth-drift",
                    f"{legacy.method} {legacy.uri}: legacy guard `{middleware}` (auth table key `{key}`) "
                    f"has no counterpart on the target route at {where}; "
                    f"expected middleware matching {', '.join(values)}",
                    context.file_of(legacy),
                    legacy.line,
                    surface=legacy.key,
                    issues=joined.owners,
                )
            for middleware, keys in gained_guards(legacy.middleware, target.middleware, table):
                yield finding(
                    "auth-drift",
                    f"{legacy.method} {legacy.uri}: the target route at {where} adds guard "
                    f"`{middleware}` that the legacy route lacks (it has none of {', '.join(keys)})",
                    context.file_of(legacy),
                    legacy.line,
                    surface=legacy.key,
                    issues=joined.owners,
                )
