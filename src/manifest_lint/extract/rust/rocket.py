"""Rocket 0.5 routes: `#[get("/<id>")]` handlers placed by `.mount(base, routes![..])` calls.

The attribute gives method and path, the mount gives the base, and Rocket joins them with its own
normalisation (empty segments and the trailing slash dropped). Handlers that no mount names are
still listed, unmounted. GET implies HEAD, which is never listed on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from manifest_lint.canonical import canonical_path
from manifest_lint.extract.rust.attrs import preceding, split_args, string_value
from manifest_lint.extract.rust.chains import call_chain, descendants, macro_paths
from manifest_lint.extract.rust.values import Evaluator
from manifest_lint.model import Diagnostic, Route
from manifest_lint.parsing import node_line, node_text

if TYPE_CHECKING:
    from tree_sitter import Node

    from manifest_lint.extract.rust.cargo import Package
    from manifest_lint.extract.rust.crate import CrateSet, Item, Module

_METHODS = ("get", "put", "post", "delete", "head", "patch", "options")


@dataclass(frozen=True, slots=True)
class _Handler:
    item: Item
    method: str
    path: str
    line: int


def rocket_version(package: Package) -> str | None:
    dependency = package.dependency("rocket")
    return f"rocket@{dependency.version}" if dependency is not None and dependency.version else None


def join_rocket(base: str, path: str) -> str:
    """`normalize(base + "/" + path)`: empty segments and the trailing slash dropped."""
    segments = [s for s in f"{base}/{path}".split("/") if s]
    return "/" + "/".join(segments)


def _strip_query(path: str) -> str:
    depth = 0
    for index, char in enumerate(path):
        depth += char == "<"
        depth -= char == ">"
        if char == "?" and depth == 0:
            return path[:index]
    return path


def extract_rocket(
    package: Package, crates: CrateSet, framework: str
) -> tuple[tuple[Route, ...], tuple[Diagnostic, ...]]:
    diagnostics: list[Diagnostic] = []
    handlers: dict[tuple[str, tuple[str, ...], str], list[_Handler]] = {}
    for crate in crates.crates.values():
        for item in crate.functions():
            found = _handlers(item)
            if found:
                handlers[(item.crate, item.module, item.name)] = found
    routes: list[Route] = []
    mounted: set[tuple[str, tuple[str, ...], str]] = set()
    evaluator = Evaluator(crates)
    bins = [c for c in crates.crates.values() if c.kind == "bin"]
    for crate in crates.crates.values():
        binary = crate.binary if crate.kind == "bin" else (bins[0].binary if len(bins) == 1 else None)
        for module in crate.modules.values():
            for call in descendants(module.body, "call_expression"):
                if call.parent is not None and call.parent.type == "field_expression":
                    continue  # an inner link of a longer chain: the outermost call walks it
                _, calls = call_chain(call)
                for method, args, node in calls:
                    if method != "mount" or len(args) != 2:
                        continue
                    prefix = evaluator.string(args[0], module)
                    routes.extend(
                        _mounted(
                            args[1],
                            prefix.text,
                            module,
                            crates,
                            handlers,
                            mounted,
                            framework,
                            binary,
                            node,
                            diagnostics,
                        )
                    )
    diagnostics.extend(evaluator.diagnostics)
    for key, found in handlers.items():
        if key in mounted:
            continue
        for handler in found:
            routes.append(_route(handler, handler.path, framework, None, mounted=False))
            diagnostics.append(
                Diagnostic(
                    "unmounted-surface",
                    f"Rocket handler `{handler.item.name}` is never mounted",
                    handler.item.file,
                    handler.line,
                )
            )
    return tuple(routes), tuple(diagnostics)


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
        found.append(_Handler(item, method, _strip_query(path) if path is not None else "/{?}", line))
    return found


def _mounted(
    node: Node,
    base: str,
    module: Module,
    crates: CrateSet,
    handlers: dict[tuple[str, tuple[str, ...], str], list[_Handler]],
    mounted: set[tuple[str, tuple[str, ...], str]],
    framework: str,
    binary: str | None,
    call: Node,
    diagnostics: list[Diagnostic],
) -> list[Route]:
    routes: list[Route] = []
    text = node_text(node)
    if node.type == "macro_invocation" and text.startswith(("routes!", "rocket::routes!")):
        for segments, token in macro_paths(node):
            item = crates.lookup_item(module, segments)
            key = (item.crate, item.module, item.name) if item is not None else None
            if key is None or key not in handlers:
                diagnostics.append(
                    Diagnostic(
                        "unresolved-construct",
                        f"Rocket route `{'::'.join(segments)}` cannot be found",
                        module.file,
                        node_line(token),
                    )
                )
                continue
            mounted.add(key)
            routes.extend(_route(h, join_rocket(base, h.path), framework, binary) for h in handlers[key])
        return routes
    if "FileServer" in text:
        uri = join_rocket(base, "<path..>")
        routes.append(
            Route(
                stack="rust",
                file=module.file,
                line=node_line(call),
                notes=("opaque-service",),
                method="GET",
                uri=uri,
                canonical_uri=canonical_path(uri, "rocket"),
                action="FileServer",
                framework=framework,
                binary=binary,
            )
        )
        return routes
    diagnostics.append(
        Diagnostic(
            "unresolved-construct",
            f"Rocket mount of `{text[:60]}` cannot be listed statically",
            module.file,
            node_line(node),
        )
    )
    return routes


def _route(handler: _Handler, uri: str, framework: str, binary: str | None, *, mounted: bool = True) -> Route:
    return Route(
        stack="rust",
        file=handler.item.file,
        line=handler.line,
        method=handler.method,
        uri=uri,
        canonical_uri=canonical_path(uri, "rocket"),
        action=handler.item.qualified,
        framework=framework,
        binary=binary,
        status="resolved" if "{?}" not in uri else "partial",
        mounted=mounted,
    )
