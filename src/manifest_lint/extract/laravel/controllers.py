"""Controller actions: does the class and public method a route points at exist in the app?

Rule: the method must be declared (public) in the action's class, in one of its app parent
classes (followed through `extends` and PSR-4) or in a trait one of them uses. A parent or trait
outside the app provides only the methods `rules/laravel/controller-parents.toml` lists for it;
vendor code is never read. A trait outside the app that the file does not list may provide any
method, so an action that might come from one is not reported as missing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from manifest_lint.catalog import data_text
from manifest_lint.model import Diagnostic, Route

if TYPE_CHECKING:
    from manifest_lint.extract.laravel.classes import ClassIndex, ClassInfo, Method


@dataclass(frozen=True, slots=True)
class ExternalParent:
    methods: frozenset[str]
    calls_protected: bool


@cache
def external_parents() -> dict[str, ExternalParent]:
    raw = tomllib.loads(data_text("laravel/controller-parents.toml"))
    parents = raw.get("parents", {})
    return {
        name.lower(): ExternalParent(
            frozenset(m.lower() for m in entry.get("methods", [])), bool(entry.get("calls_protected"))
        )
        for name, entry in parents.items()
    }


@cache
def external_traits() -> dict[str, frozenset[str]]:
    """Public methods of the vendor traits controllers commonly use (laravel/ui's auth traits)."""
    raw = tomllib.loads(data_text("laravel/controller-parents.toml"))
    return {
        name.lower(): frozenset(m.lower() for m in entry.get("methods", []))
        for name, entry in raw.get("traits", {}).items()
    }


@dataclass(frozen=True, slots=True)
class ActionTarget:
    """The class and method a route action names (`__invoke` for an invokable class)."""

    fqcn: str
    method: str


def action_target(route: Route) -> ActionTarget | None:
    """The controller a route runs, or None for closures and unresolved actions."""
    return _action_target(route.action, route.status)


@lru_cache(maxsize=65536)
def _action_target(action: str | None, status: str) -> ActionTarget | None:
    """Memoised: the action check and page linking both ask for every route's target, and a
    shared target is one memo key for `resolve_action`."""
    if not action or action == "Closure" or status == "unresolved":
        return None
    fqcn, _, method = action.lstrip("\\").partition("@")
    if not fqcn or " " in fqcn:
        return None
    return ActionTarget(fqcn, method or "__invoke")


@dataclass(frozen=True, slots=True)
class ResolvedAction:
    """A route's action found in the app: the method and the class declaring it."""

    method: Method
    owner: ClassInfo
    leaf: ClassInfo


def resolve_action(index: ClassIndex, target: ActionTarget) -> tuple[ResolvedAction | None, str | None]:
    """(the action, None) when it exists; (None, why not) when it does not; (None, None) outside the app.

    Memoised in the index: the action check and page linking both ask for every route's action."""
    known = index.actions.get(target)
    if known is None:
        known = index.actions[target] = _resolve_action(index, target)
    return known


def _resolve_action(index: ClassIndex, target: ActionTarget) -> tuple[ResolvedAction | None, str | None]:
    if not index.in_app(target.fqcn):
        return None, None
    found = index.lookup(target.fqcn)
    if found.info is None:
        return None, found.reason
    leaf = found.info
    if leaf.kind != "class":
        return None, f"{target.fqcn} is a {leaf.kind}, not a class"
    chain, external, problem = index.ancestors(target.fqcn)
    parent = external_parents().get(external.lower()) if external else None
    unread: list[str] = []
    wanted = target.method.lower()
    for info in chain:
        members = index.members(info)
        unread.extend(members.unread)
        member = members.methods.get(wanted)
        if member is None:
            continue
        method, owner = member
        if method.abstract:
            return None, f"{owner.fqcn}::{method.name}() is abstract"
        if method.visibility == "public" or (
            method.visibility == "protected" and parent and parent.calls_protected
        ):
            return ResolvedAction(method, owner, leaf), None
        return None, f"{owner.fqcn}::{method.name}() is {method.visibility}, not public"
    if parent is not None and wanted in parent.methods:
        return None, None
    if any("__call" in index.members(info).methods for info in chain):
        return None, None
    known_traits = external_traits()
    for trait in unread:
        provided = known_traits.get(trait.lower())
        if provided is None or wanted in provided:
            return None, None
    where = f"{target.fqcn} or its app parent classes" if len(chain) > 1 else target.fqcn
    note = ""
    if problem:
        note = f" ({problem})"
    elif external and parent is None:
        note = f" (parent {external} is outside the app and is assumed to provide nothing)"
    what = (
        "no __invoke method (not invokable)"
        if target.method == "__invoke"
        else f"no method {target.method}()"
    )
    return None, f"{where} has {what}{note}"


def check_actions(routes: tuple[Route, ...], index: ClassIndex) -> tuple[Diagnostic, ...]:
    """`missing-action` at the route's file:line for every action the app does not define."""
    found: list[Diagnostic] = []
    for route in routes:
        target = action_target(route)
        if target is None or _from_package(route):
            continue
        _resolved, problem = resolve_action(index, target)
        if problem is not None:
            found.append(
                Diagnostic("missing-action", f"{route.method} {route.uri}: {problem}", route.file, route.line)
            )
    return tuple(found)


def _from_package(route: Route) -> bool:
    """A package catalog route runs the package's own class: an app that maps part of that vendor
    namespace to its own directory (to override a few files) does not have to hold the rest."""
    return any(note.startswith("package:") for note in route.notes)
