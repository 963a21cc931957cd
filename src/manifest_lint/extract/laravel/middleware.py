"""The middleware column: `Router::gatherRouteMiddleware` as route:list runs it with groups flushed.

Dedupe → (optionally) resolve aliases → remove exclusions → priority sort. Group names such as `web`
stay as written; aliases stay as written unless `resolve_aliases` is set.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from manifest_lint.catalog import data_text

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass(frozen=True, slots=True)
class MiddlewareFacts:
    aliases: dict[str, str]
    priority: tuple[str, ...]
    supertypes: dict[str, tuple[str, ...]]


@cache
def framework_facts() -> MiddlewareFacts:
    raw = tomllib.loads(data_text("laravel/middleware.toml"))
    return MiddlewareFacts(
        aliases=dict(raw["aliases"]),
        priority=tuple(raw["priority"]),
        supertypes={key: tuple(value) for key, value in raw["supertypes"].items()},
    )


@dataclass
class MiddlewareResolver:
    """What one app's middleware resolution uses: alias map, priority list and known supertypes."""

    resolve_aliases: bool = False
    aliases: dict[str, str] = field(default_factory=dict)
    priority: tuple[str, ...] = ()
    supertypes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lookup: Callable[[str], tuple[str, ...]] | None = None
    _gathered: dict[tuple[tuple[str, ...], ...], list[str]] = field(default_factory=dict)

    @classmethod
    def default(cls, resolve_aliases: bool) -> MiddlewareResolver:
        facts = framework_facts()
        return cls(resolve_aliases, dict(facts.aliases), facts.priority, dict(facts.supertypes))

    def resolve(self, name: str) -> str:
        """`MiddlewareNameResolver::resolve` with groups flushed."""
        if not self.resolve_aliases or name == "Closure":
            return name
        base, sep, parameters = name.partition(":")
        return self.aliases.get(base, base) + (sep + parameters if sep else "")

    def _names(self, name: str) -> list[str]:
        stripped = name.split(":", 1)[0]
        return [stripped, *self._ancestors(stripped)]

    def _ancestors(self, cls: str) -> list[str]:
        seen: list[str] = []
        stack = list(self._direct(cls))
        while stack:
            current = stack.pop(0)
            if current not in seen:
                seen.append(current)
                stack.extend(self._direct(current))
        return seen

    def _direct(self, cls: str) -> tuple[str, ...]:
        """Interfaces and parent of a class: framework facts first, then the app's own class file."""
        if cls not in self.supertypes:
            self.supertypes[cls] = self.lookup(cls) if self.lookup is not None and "\\" in cls else ()
        return self.supertypes[cls]

    def gather(self, route: list[str], controller: list[str], excluded: list[str]) -> list[str]:
        """The final list; memoised because large apps repeat the same few middleware stacks."""
        key = (tuple(route), tuple(controller), tuple(excluded))
        cached = self._gathered.get(key)
        if cached is None:
            cached = self._gather(route, controller, excluded)
            self._gathered[key] = cached
        return list(cached)

    def _gather(self, route: list[str], controller: list[str], excluded: list[str]) -> list[str]:
        computed = unique([*route, *controller])
        resolved_excluded = [self.resolve(name) for name in excluded]
        resolved = [self.resolve(name) for name in computed]
        if resolved_excluded:
            resolved = [name for name in resolved if not self._excluded(name, resolved_excluded)]
        return self.sort(resolved)

    def _excluded(self, name: str, excluded: list[str]) -> bool:
        if name == "Closure":
            return False
        if name in excluded:
            return True
        ancestors = self._ancestors(name)
        return any(exclusion in ancestors for exclusion in excluded)

    def _priority_index(self, name: str) -> int | None:
        for candidate in self._names(name):
            if candidate in self.priority:
                return self.priority.index(candidate)
        return None

    def sort(self, middleware: list[str]) -> list[str]:
        """`SortedMiddleware::sortMiddleware`, iteratively (each move restarts the scan, as in PHP)."""
        items = list(middleware)
        indexes = {name: self._priority_index(name) for name in set(items) if name != "Closure"}
        restarts = 0
        while restarts <= len(items) * len(items) + 1:
            last_index = 0
            last_priority: int | None = None
            moved = False
            for index, name in enumerate(items):
                priority = indexes.get(name)
                if priority is None:
                    continue
                if last_priority is not None and priority < last_priority:
                    items.insert(last_index, items.pop(index))
                    moved = True
                    break
                last_index = index
                last_priority = priority
            if not moved:
                break
            restarts += 1
        return unique(items)


def unique(middleware: list[str]) -> list[str]:
    """`Router::uniqueMiddleware`: exact duplicates dropped, first occurrence kept."""
    return list(dict.fromkeys(middleware))
