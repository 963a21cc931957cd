"""ML206 auth-drift: guards compared per method between a legacy route and its target counterpart.

The `[auth]` table maps legacy guard globs to the target middleware globs that satisfy them.
Lost guard: a legacy middleware matches a key, and no target middleware matches any of that
key's values. Gained guard: a target middleware matches some value of the table (so it is a
guard), and the legacy route has no middleware matching any key that value answers for — e.g. a
public Laravel route that became login-only in Rust.
"""

from __future__ import annotations

import fnmatch
from functools import lru_cache
from typing import TYPE_CHECKING

from manifest_lint.model import Route
from manifest_lint.rules.context import finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from manifest_lint.model import Finding
    from manifest_lint.rules.context import RuleContext

AuthTable = tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=65536)
def _guard_keys(middleware: str, table: AuthTable) -> tuple[int, ...]:
    """Indices of the table keys a legacy middleware matches (memoised: names repeat a lot)."""
    return tuple(i for i, (key, _) in enumerate(table) if fnmatch.fnmatchcase(middleware, key))


@lru_cache(maxsize=65536)
def _satisfied_keys(middleware: str, table: AuthTable) -> frozenset[int]:
    """Indices of the table keys whose values a target middleware matches."""
    return frozenset(
        i for i, (_, values) in enumerate(table) if any(fnmatch.fnmatchcase(middleware, v) for v in values)
    )


def lost_guards(
    legacy: tuple[str, ...], target: tuple[str, ...], table: AuthTable
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(legacy middleware, matching key, expected target patterns) with no satisfying target middleware."""
    satisfied: set[int] = set()
    for middleware in target:
        satisfied |= _satisfied_keys(middleware, table)
    # Exactly the issue's rule: every key some legacy middleware matches is a guard, and each
    # guard needs a target middleware matching one of its values.
    lost = []
    reported: set[int] = set()
    for middleware in legacy:
        for index in _guard_keys(middleware, table):
            if index not in satisfied and index not in reported:
                reported.add(index)
                key, values = table[index]
                lost.append((middleware, key, values))
    return lost


def gained_guards(
    legacy: tuple[str, ...], target: tuple[str, ...], table: AuthTable
) -> list[tuple[str, tuple[str, ...]]]:
    """(target guard, legacy keys it answers for) where the legacy route has none of those keys."""
    present: set[int] = set()
    for middleware in legacy:
        present.update(_guard_keys(middleware, table))
    gained = []
    for middleware in target:
        keys = _satisfied_keys(middleware, table)
        if keys and not keys & present:
            gained.append((middleware, tuple(table[i][0] for i in sorted(keys))))
    return gained


def auth_drift(context: RuleContext) -> Iterator[Finding]:
    table = context.config.auth
    # Middleware lists repeat across routes; compare each distinct pair against the table once.
    by_pair: dict[
        tuple[tuple[str, ...], tuple[str, ...]],
        tuple[list[tuple[str, str, tuple[str, ...]]], list[tuple[str, tuple[str, ...]]]],
    ] = {}
    for joined in context.joined.legacy:
        legacy = joined.surface
        if not isinstance(legacy, Route) or joined.retired:
            continue
        for counterpart in joined.counterparts:
            target = counterpart.surface
            if not isinstance(target, Route):
                continue
            pair = (legacy.middleware, target.middleware)
            drift = by_pair.get(pair)
            if drift is None:
                drift = by_pair[pair] = (
                    lost_guards(legacy.middleware, target.middleware, table),
                    gained_guards(legacy.middleware, target.middleware, table),
                )
            lost, gained = drift
            if not lost and not gained:
                continue
            where = f"{context.file_of(target)}:{target.line}"
            file, key_id, owners = context.file_of(legacy), legacy.key, joined.owners
            for middleware, key, values in lost:
                yield finding(
                    "auth-drift",
                    f"{legacy.method} {legacy.uri}: legacy guard `{middleware}` (auth table key `{key}`) "
                    f"has no counterpart on the target route at {where}; "
                    f"expected middleware matching {', '.join(values)}",
                    file,
                    legacy.line,
                    surface=key_id,
                    issues=owners,
                )
            for middleware, keys in gained:
                yield finding(
                    "auth-drift",
                    f"{legacy.method} {legacy.uri}: the target route at {where} adds guard "
                    f"`{middleware}` that the legacy route lacks (it has none of {', '.join(keys)})",
                    file,
                    legacy.line,
                    surface=key_id,
                    issues=owners,
                )
