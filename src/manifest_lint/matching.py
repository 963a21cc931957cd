"""Join the legacy manifest, the target manifests and the plan on the cross-stack keys.

Routes compare on method + canonical path (canonical.py), after the configured path mapping
(legacy prefix → target prefix): exact first, then parameter shape (same key, parameter names
differ), then Laravel optional expansion (every form must exist on the target), then wildcard —
a legacy route that only a target catch-all (`/{*}`) answers is `catch-all`, never ported. `ANY`
on either side matches a concrete method; a target HEAD next to a legacy GET is the implied HEAD.
Commands compare by name token lists (rust-routing.md §7.4): `ops:rotate-keys` and clap
`ops rotate-keys` are counterparts, then the joined `ops-rotate-keys`, then the config's
`command-map`. Pages are ported when a ported route renders them.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from manifest_lint.canonical import OPTIONAL, PARAM, WILDCARD, expand_optional
from manifest_lint.model import Command, Page, Route, Surface, Table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from manifest_lint.model import Manifest
    from manifest_lint.plan import Plan, PlanEntry

MatchKind = Literal["exact", "param-shape", "optional", "any-method", "catch-all", "name", "page"]


@dataclass(frozen=True, slots=True)
class Counterpart:
    surface: Surface
    kind: MatchKind
    note: str | None = None


@dataclass(frozen=True, slots=True)
class LegacyJoin:
    """One legacy surface with the plan entries that own it and its target counterparts."""

    surface: Surface
    entries: tuple[PlanEntry, ...] = ()
    counterparts: tuple[Counterpart, ...] = ()
    catch_alls: tuple[Counterpart, ...] = ()
    missing_forms: tuple[str, ...] = ()
    covered_by_route: bool = False
    rendered: bool = False

    @property
    def ported(self) -> bool:
        return bool(self.counterparts) and not self.missing_forms

    @property
    def retired(self) -> bool:
        entries = self.entries
        if len(entries) < 2:  # most surfaces have no entry or one: rules ask this of every surface
            return bool(entries) and entries[0].retired
        return any(e.retired for e in entries)

    @property
    def owners(self) -> tuple[str, ...]:
        entries = self.entries
        if len(entries) == 1 and len(entries[0].owners) < 2:
            return entries[0].owners  # the common plan line: one entry, one owner
        return tuple(dict.fromkeys(o for e in entries for o in e.owners))


@dataclass(frozen=True, slots=True)
class MethodDrift:
    legacy: Route
    path: str
    legacy_methods: tuple[str, ...]
    target_methods: tuple[str, ...]
    target: Route


@dataclass(frozen=True, slots=True)
class Joined:
    legacy: tuple[LegacyJoin, ...]
    orphan_entries: tuple[PlanEntry, ...]
    target_only: tuple[Surface, ...]
    target_planned: tuple[tuple[Surface, tuple[PlanEntry, ...]], ...]
    method_drift: tuple[MethodDrift, ...]
    targets: tuple[Surface, ...] = field(default=())


def map_path(key: str, path_map: tuple[tuple[str, str], ...]) -> str:
    """Apply the first (longest) legacy → target prefix mapping that fits `key`."""
    for legacy_prefix, target_prefix in path_map:
        if legacy_prefix == "/":
            return (target_prefix.rstrip("/") + key) if key != "/" else target_prefix
        if key == legacy_prefix or key.startswith(legacy_prefix + "/"):
            rest = key[len(legacy_prefix) :]
            return (target_prefix.rstrip("/") + rest) or "/"
    return key


_PARAM_NAME = re.compile(
    r"\{\*?([A-Za-z_][\w]*)[^}]*\}|:([A-Za-z_]\w*)|<([A-Za-z_]\w*)(?:\.\.)?>|\*([A-Za-z_]\w*)"
)


def param_names(uri: str) -> tuple[str, ...]:
    # Exactly one alternative's group matches (and never empty), so joining the groups gives it.
    return tuple(map("".join, _PARAM_NAME.findall(uri)))


def _pattern(key: str) -> re.Pattern[str]:
    parts: list[str] = []
    for token in re.split(r"(\{\}|\{\*\}|\{\?\})", key):
        if token == PARAM:
            parts.append(r"[^/]+")
        elif token == WILDCARD:
            parts.append(r".*")
        elif token == OPTIONAL:
            parts.append(r"[^/]*")
        else:
            parts.append(re.escape(token))
    return re.compile("".join(parts))


def command_tokens(name: str) -> tuple[str, ...]:
    """`ops:rotate-keys`, `ops rotate-keys`, `Ops RotateKeys` → ("ops", "rotate-keys")."""
    return tuple(_kebab(t) for t in re.split(r"[:\s]+", name.strip()) if t)


def _kebab(token: str) -> str:
    token = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", token)
    return token.replace("_", "-").lower()


class _TargetIndex:
    def __init__(self, targets: Iterable[Surface]) -> None:
        self.routes: dict[tuple[str, str], list[Route]] = {}
        self.by_path: dict[str, list[Route]] = {}
        self.wild: list[tuple[re.Pattern[str], Route]] = []
        self.commands: dict[tuple[str, ...], list[Command]] = {}
        for surface in targets:
            if isinstance(surface, Route):
                if not surface.mounted:
                    continue
                self.routes.setdefault((surface.method, surface.canonical_uri), []).append(surface)
                self.by_path.setdefault(surface.canonical_uri, []).append(surface)
                if WILDCARD in surface.canonical_uri:
                    self.wild.append((_pattern(surface.canonical_uri), surface))
            elif isinstance(surface, Command):
                tokens = command_tokens(surface.name)
                self.commands.setdefault(tokens, []).append(surface)
                if surface.binary:
                    binary = _kebab(surface.binary)
                    if len(tokens) > 1 and tokens[0] == binary:
                        self.commands.setdefault(tokens[1:], []).append(surface)
                    else:
                        self.commands.setdefault((binary, *tokens), []).append(surface)
                for alias in surface.aliases:
                    self.commands.setdefault(command_tokens(alias), []).append(surface)

    def route_forms(self, method: str, key: str) -> list[tuple[Route, bool]]:
        """Target routes answering `method key` directly; the flag says "through ANY"."""
        found = [(r, False) for r in self.routes.get((method, key), [])]
        if method == "ANY":
            found += [(r, True) for r in self.by_path.get(key, []) if r.method not in ("ANY", "HEAD")]
        else:
            found += [(r, True) for r in self.routes.get(("ANY", key), [])]
        return found


def join(
    legacy: Manifest,
    targets: tuple[Manifest, ...],
    plan: Plan,
    *,
    path_map: tuple[tuple[str, str], ...] = (),
    command_map: tuple[tuple[str, str], ...] = (),
) -> Joined:
    """The joined model every coverage rule reads."""
    target_surfaces = tuple(s for m in targets for s in m.surfaces)
    index = _TargetIndex(target_surfaces)
    entries_by_key: dict[str, list[PlanEntry]] = {}
    loose_entries: dict[str, list[PlanEntry]] = {}
    table_globs = [e for e in plan.entries if e.kind == "table" and "*" in (e.name or "")]
    for entry in plan.entries:
        if entry.kind != "group":
            entry_key = _entry_key(entry)
            entries_by_key.setdefault(entry_key, []).append(entry)
            loose_entries.setdefault(_loose(entry_key), []).append(entry)

    def entries_for(surface: Surface) -> tuple[PlanEntry, ...]:
        # A plan written from `route:list` cannot see that `{path}` is a catch-all or `{id?}`
        # optional, so a plan `{}` also owns a legacy `{*}` or `{?}` in the same place.
        key = _surface_key(surface)
        found = entries_by_key.get(key) or loose_entries.get(_loose(key))
        if not found and isinstance(surface, Table):
            found = [e for e in table_globs if fnmatch.fnmatchcase(surface.name, e.name or "")]
        return tuple(found or ())

    used_entries: set[int] = set()
    used_targets: set[int] = set()
    joins: list[LegacyJoin] = []
    ported_pages: set[str] = set()
    covered_pages: set[str] = set()
    rendered_pages: set[str] = set()
    mapped = _path_mapper(path_map)
    legacy_routes: list[Route] = []
    pages: list[Page] = []
    command_aliases = dict(command_map)

    for surface in legacy.surfaces:
        if isinstance(surface, Page):
            pages.append(surface)
            continue
        if isinstance(surface, Route) and not surface.mounted:
            continue
        entries = entries_for(surface)
        if entries:
            used_entries.update(map(id, entries))
        if isinstance(surface, Route):
            legacy_routes.append(surface)
            result = _join_route(surface, entries, index, mapped(surface.canonical_uri))
            if surface.page:
                rendered_pages.add(surface.page)
                if entries:
                    covered_pages.add(surface.page)
                if result.ported:
                    ported_pages.add(surface.page)
        elif isinstance(surface, Command):
            result = _join_command(surface, entries, index, command_aliases)
        else:
            result = LegacyJoin(surface, entries)
        for counterpart in (*result.counterparts, *result.catch_alls):
            used_targets.add(id(counterpart.surface))
        joins.append(result)

    for page in pages:
        entries = entries_for(page)
        used_entries.update(map(id, entries))
        counterparts = (Counterpart(page, "page"),) if page.component in ported_pages else ()
        joins.append(
            LegacyJoin(
                page,
                entries,
                counterparts,
                covered_by_route=page.component in covered_pages,
                rendered=page.component in rendered_pages,
            )
        )

    has_tables = any(isinstance(s, Table) for s in legacy.surfaces)
    orphan_entries = tuple(
        e
        for e in plan.entries
        if e.kind != "group" and id(e) not in used_entries and (e.kind != "table" or has_tables)
    )

    # Target HEAD routes next to a GET the legacy app serves are the implied HEAD, not new surface.
    legacy_get: set[str] = set()
    legacy_by_path: dict[str, list[Route]] = {}
    for route in legacy_routes:
        path = mapped(route.canonical_uri)
        legacy_by_path.setdefault(path, []).append(route)
        if route.method in ("GET", "ANY"):
            legacy_get.add(path)
    drift: list[MethodDrift] = []
    target_only: list[Surface] = []
    target_planned: list[tuple[Surface, tuple[PlanEntry, ...]]] = []
    mapped_entries: dict[str, list[PlanEntry]] = {}
    for entry in plan.entries:
        if entry.kind == "route":
            mapped_entries.setdefault(f"{entry.method} {mapped(entry.path or '/')}", []).append(entry)
    for surface in target_surfaces:
        if id(surface) in used_targets or not isinstance(surface, Route) or not surface.mounted:
            continue
        if surface.method == "HEAD" and surface.canonical_uri in legacy_get:
            continue
        planned = tuple(mapped_entries.get(f"{surface.method} {surface.canonical_uri}", ()))
        if planned:
            target_planned.append((surface, planned))
            continue
        same_path = legacy_by_path.get(surface.canonical_uri)
        if same_path:
            methods = tuple(sorted({r.method for r in same_path}))
            target_methods = tuple(
                sorted({r.method for r in index.by_path.get(surface.canonical_uri, [])} - {"HEAD"})
            )
            drift.append(MethodDrift(same_path[0], surface.canonical_uri, methods, target_methods, surface))
            continue
        target_only.append(surface)
    return Joined(
        legacy=tuple(joins),
        orphan_entries=orphan_entries,
        target_only=tuple(target_only),
        target_planned=tuple(target_planned),
        method_drift=tuple(drift),
        targets=target_surfaces,
    )


def _path_mapper(path_map: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    """`map_path` with this mapping, computed once per distinct key (keys repeat across passes)."""
    if not path_map:
        return str
    memo: dict[str, str] = {}

    def mapped(key: str) -> str:
        found = memo.get(key)
        if found is None:
            found = memo[key] = map_path(key, path_map)
        return found

    return mapped


def _loose(key: str) -> str:
    return key.replace(WILDCARD, PARAM).replace(OPTIONAL, PARAM)


def _entry_key(entry: PlanEntry) -> str:
    if entry.kind == "command":
        return "command " + ":".join(command_tokens(entry.name or ""))
    return entry.key


def _surface_key(surface: Surface) -> str:
    if isinstance(surface, Route):
        return f"{surface.method} {surface.canonical_uri}"
    if isinstance(surface, Command):
        return "command " + ":".join(command_tokens(surface.name))
    return surface.key


def _join_route(route: Route, entries: tuple[PlanEntry, ...], index: _TargetIndex, key: str) -> LegacyJoin:
    """`key` is the route's canonical path already mapped onto the target (`map_path`)."""
    direct = index.route_forms(route.method, key)
    if direct:
        legacy_names = param_names(route.uri)
        counterparts = []
        for target, through_any in direct:
            if through_any:
                counterparts.append(Counterpart(target, "any-method", f"{route.method} ↔ {target.method}"))
            elif param_names(target.uri) != legacy_names:
                counterparts.append(Counterpart(target, "param-shape", "parameter names differ"))
            else:
                counterparts.append(Counterpart(target, "exact"))
        return LegacyJoin(route, entries, tuple(counterparts))
    if OPTIONAL in key:
        found: list[Counterpart] = []
        missing: list[str] = []
        for form in expand_optional(key):
            hits = index.route_forms(route.method, form)
            if hits:
                found.extend(Counterpart(t, "optional", f"optional form {form}") for t, _ in hits)
            else:
                missing.append(form)
        if found:
            return LegacyJoin(route, entries, tuple(found), missing_forms=tuple(missing))
    catch_alls = tuple(
        Counterpart(target, "catch-all", f"only {target.method} {target.canonical_uri} answers")
        for pattern, target in index.wild
        if target.method in (route.method, "ANY") and pattern.fullmatch(key)
    )
    return LegacyJoin(route, entries, (), catch_alls)


def _join_command(
    command: Command, entries: tuple[PlanEntry, ...], index: _TargetIndex, aliases: dict[str, str]
) -> LegacyJoin:
    tokens = command_tokens(command.name)
    candidates = [tokens, ("-".join(tokens),)]
    if command.name in aliases:
        candidates.insert(0, command_tokens(aliases[command.name]))
    for candidate in candidates:
        hits = index.commands.get(candidate)
        if hits:
            return LegacyJoin(command, entries, tuple(Counterpart(h, "name") for h in hits))
    return LegacyJoin(command, entries)
