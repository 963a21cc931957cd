"""Rocket 0.5 routes: `#[get("/<id>")]` handlers placed by `.mount(base, routes![..])` calls.

The attribute gives method and path, the mount gives the base, and Rocket joins them with its own
normalisation (empty segments and the trailing slash dropped). Real services rarely pass
`routes![..]` straight to `mount`: they call `fn routes() -> Vec<Route>` helpers that append the
lists of submodules, some of them behind `if CONFIG.x()` or `#[cfg]`. Those helpers are followed
(every `routes![..]` and every nested route-list call in the body, branch conditions kept).
Handlers that no mount names are still listed, unmounted. GET implies HEAD, which is never listed
on its own. Routes that share method and path (different `rank`s) become one route listing every
handler, as spec §3.1 asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from manifest_lint.canonical import canonical_path
from manifest_lint.extract.rust.attrs import preceding, split_args, string_value
from manifest_lint.extract.rust.chains import branch_condition as _branch
from manifest_lint.extract.rust.chains import descendants, macro_paths, outermost_chains
from manifest_lint.extract.rust.chains import join_conditions as _and
from manifest_lint.extract.rust.crate import path_segments
from manifest_lint.extract.rust.values import UNKNOWN, Evaluator, StrValue
from manifest_lint.model import Diagnostic, Route
from manifest_lint.parsing import node_line, node_text

if TYPE_CHECKING:
    from tree_sitter import Node

    from manifest_lint.extract.rust.cargo import Package
    from manifest_lint.extract.rust.crate import CrateSet, Item, Module

_METHODS = ("get", "put", "post", "delete", "head", "patch", "options")
_MAX_DEPTH = 16
Key = tuple[str, tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class _Handler:
    item: Item
    method: str
    path: str
    line: int
    rank: str | None = None


@dataclass(frozen=True, slots=True)
class _List:
    """One `routes![..]` found for a mount, with the module it resolves in and its condition."""

    macro: Node
    module: Module
    condition: str | None


def rocket_version(package: Package) -> str | None:
    dependency = package.dependency("rocket")
    return f"rocket@{dependency.version}" if dependency is not None and dependency.version else None


def join_rocket(base: str, path: str) -> str:
    """`normalize(base + "/" + path)`: empty segments and the trailing slash dropped."""
    segments = [s for s in f"{base}/{path}".split("/") if s]
    return "/" + "/".join(segments)


def rocket_canonical(uri: str) -> str:
    """The canonical key; an unknown part (`{?}`) counts as one parameter segment."""
    return canonical_path(uri.replace(UNKNOWN, "<_>"), "rocket")


def _strip_query(path: str) -> str:
    depth = 0
    for index, char in enumerate(path):
        depth += char == "<"
        depth -= char == ">"
        if char == "?" and depth == 0:
            return path[:index]
    return path


def _short(node: Node) -> str:
    text = " ".join(node_text(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass
class _Rocket:
    crates: CrateSet
    framework: str
    handlers: dict[Key, list[_Handler]]
    evaluator: Evaluator
    routes: list[Route] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    mounted: set[Key] = field(default_factory=set)

    def unresolved(
        self, message: str, module: Module, node: Node, rule: str = "unresolved-construct"
    ) -> None:
        self.diagnostics.append(Diagnostic(rule, message, module.file, node_line(node)))

    def mount(self, args: list[Node], module: Module, binary: str | None, call: Node) -> None:
        base = self.evaluator.string(args[0], module)
        target = args[1]
        if "FileServer" in node_text(target) and target.type != "macro_invocation":
            self.file_server(base, module, binary, call)
            return
        lists = self.route_lists(target, module, 0, set(), None)
        if not lists:
            self.unresolved(f"Rocket mount of `{_short(target)}` cannot be listed statically", module, target)
            return
        for found in lists:
            self.route_list(found, base, binary)

    def file_server(self, base: StrValue, module: Module, binary: str | None, call: Node) -> None:
        uri = join_rocket(base.text, "<path..>")
        self.routes.append(
            Route(
                stack="rust",
                file=module.file,
                line=node_line(call),
                notes=("opaque-service",),
                method="GET",
                uri=uri,
                canonical_uri=rocket_canonical(uri),
                action="FileServer",
                framework=self.framework,
                binary=binary,
                status="resolved" if base.complete else "partial",
            )
        )

    def route_lists(
        self, node: Node, module: Module, depth: int, seen: set[Key], condition: str | None
    ) -> list[_List] | None:
        """Every `routes![..]` the expression `node` can yield; None when it cannot be followed."""
        if node.type == "reference_expression":
            inner = node.child_by_field_name("value")
            return self.route_lists(inner, module, depth, seen, condition) if inner is not None else None
        if node.type == "macro_invocation":
            return [_List(node, module, condition)] if _is_routes_macro(node) else None
        if node.type != "call_expression":
            return None
        function = node.child_by_field_name("function")
        if function is None or function.type not in ("identifier", "scoped_identifier"):
            return None
        item = self.crates.lookup_item(module, path_segments(function))
        owner = self.crates.module_of(item) if item is not None else None
        body = item.node.child_by_field_name("body") if item is not None else None
        if item is None or item.kind != "fn" or owner is None or body is None:
            return None
        key = (item.crate, item.module, item.name)
        if key in seen:
            return []
        if depth >= _MAX_DEPTH:
            self.unresolved(
                f"Rocket route-list helpers nest deeper than {_MAX_DEPTH}; `{item.name}` not followed",
                module,
                node,
                "limit-exceeded",
            )
            return []
        seen = seen | {key}
        found: list[_List] = []
        for macro in descendants(body, "macro_invocation"):
            if _is_routes_macro(macro):
                found.append(_List(macro, owner, _and(condition, item.condition, _branch(macro, body))))
        for call in descendants(body, "call_expression"):
            callee = call.child_by_field_name("function")
            if callee is None or callee.type not in ("identifier", "scoped_identifier"):
                continue
            target = self.crates.lookup_item(owner, path_segments(callee))
            if target is None or target.kind != "fn" or not _returns_routes(target):
                continue
            nested = self.route_lists(
                call, owner, depth + 1, seen, _and(condition, item.condition, _branch(call, body))
            )
            found.extend(nested or [])
        return found

    def route_list(self, found: _List, base: StrValue, binary: str | None) -> None:
        for segments, token in macro_paths(found.macro):
            item = self.crates.lookup_item(found.module, segments)
            key = (item.crate, item.module, item.name) if item is not None else None
            if key is None or key not in self.handlers:
                self.unresolved(f"Rocket route `{'::'.join(segments)}` cannot be found", found.module, token)
                continue
            self.mounted.add(key)
            for handler in self.handlers[key]:
                uri = join_rocket(base.text, handler.path)
                self.routes.append(
                    _route(handler, uri, self.framework, binary, found.condition, complete=base.complete)
                )


def _is_routes_macro(node: Node) -> bool:
    name = node.child_by_field_name("macro")
    return name is not None and path_segments(name)[-1:] == ("routes",)


def _returns_routes(item: Item) -> bool:
    returns = item.node.child_by_field_name("return_type")
    return returns is not None and "Route" in node_text(returns)


def extract_rocket(
    package: Package, crates: CrateSet, framework: str
) -> tuple[tuple[Route, ...], tuple[Diagnostic, ...]]:
    handlers: dict[Key, list[_Handler]] = {}
    for crate in crates.crates.values():
        for item in crate.functions():
            found = _handlers(item)
            if found:
                handlers[(item.crate, item.module, item.name)] = found
    rocket = _Rocket(crates, framework, handlers, Evaluator(crates))
    for module, binary, _call, _base, calls in outermost_chains(crates):
        for method, args, node in calls:
            if method == "mount" and len(args) == 2:
                rocket.mount(args, module, binary, node)
    rocket.diagnostics.extend(rocket.evaluator.diagnostics)
    for key, found in handlers.items():
        if key in rocket.mounted:
            continue
        for handler in found:
            rocket.routes.append(_route(handler, handler.path, framework, None, None, mounted=False))
            rocket.diagnostics.append(
                Diagnostic(
                    "unmounted-surface",
                    f"Rocket handler `{handler.item.name}` is never mounted",
                    handler.item.file,
                    handler.line,
                )
            )
    return _dedupe(rocket.routes), tuple(rocket.diagnostics)


def _dedupe(routes: list[Route]) -> tuple[Route, ...]:
    """One route per method, path, binary and mount state; ranked handlers listed together."""
    merged: dict[tuple[str, str, str | None, bool, str | None], Route] = {}
    for route in routes:
        key = (route.method, route.canonical_uri, route.binary, route.mounted, route.condition)
        first = merged.get(key)
        if first is None:
            merged[key] = route
            continue
        actions = [a for a in (first.action or "").split(", ") if a]
        if route.action and route.action not in actions:
            actions.append(route.action)
        merged[key] = replace(
            first,
            action=", ".join(actions),
            notes=tuple(dict.fromkeys((*first.notes, *route.notes))),
        )
    return tuple(merged.values())


def _handlers(item: Item) -> list[_Handler]:
    attributes, _ = preceding(item.node)
    found: list[_Handler] = []
    for attribute in attributes:
        if attribute.path not in (*_METHODS, "route", *(f"rocket::{m}" for m in (*_METHODS, "route"))):
            continue
        args = split_args(attribute.args)
        line = node_line(attribute.node)
        if attribute.name == "route":
            method = args[0].text.upper() if args and args[0].key is None else (args[0].key or "").upper()
            uri = next((a for a in args if a.key == "uri"), None)
            path = string_value(uri.first) if uri is not None else None
        else:
            method = attribute.name.upper()
            path = string_value(args[0].first) if args and args[0].key is None else None
        rank = next((a.text for a in args if a.key == "rank"), None)
        found.append(
            _Handler(item, method, _strip_query(path) if path is not None else f"/{UNKNOWN}", line, rank)
        )
    return found


def _route(
    handler: _Handler,
    uri: str,
    framework: str,
    binary: str | None,
    condition: str | None,
    *,
    mounted: bool = True,
    complete: bool = True,
) -> Route:
    return Route(
        stack="rust",
        file=handler.item.file,
        line=handler.line,
        condition=condition,
        notes=(f"rank={handler.rank}",) if handler.rank is not None else (),
        method=handler.method,
        uri=uri,
        canonical_uri=rocket_canonical(uri),
        action=handler.item.qualified,
        framework=framework,
        binary=binary,
        status="resolved" if complete and UNKNOWN not in uri else "partial",
        mounted=mounted,
    )
