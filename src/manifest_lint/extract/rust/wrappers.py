"""Facts about routers that wrap axum's (spec rust-routing.md §1.8), read from attributes.

utoipa-axum takes a route's method and path from the handler's `#[utoipa::path(..)]`, axum-extra's
typed routing from `#[typed_path("..")]` on the handler's first argument type, and axum-extra's
`Resource` builds Rails-style paths from one name. The evaluator in `axum.py` asks these
questions; the answers come from the source only (no macro is expanded).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from manifest_lint.extract.rust.attrs import preceding, split_args, string_value
from manifest_lint.extract.rust.crate import Item, path_segments
from manifest_lint.parsing import node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.extract.rust.crate import CrateSet

_HTTP = ("get", "post", "put", "patch", "delete", "head", "options", "trace", "connect")


@dataclass(frozen=True, slots=True)
class OperationAttr:
    """What `#[utoipa::path(get, path = "/x", context_path = "/api")]` says: methods may be empty."""

    methods: tuple[str, ...]
    path: str | None


def utoipa_operation(item: Item) -> OperationAttr | None:
    """The handler's `#[utoipa::path(..)]` (or `#[path(..)]` under `use utoipa::path`), else None."""
    attributes, _ = preceding(item.node)
    for attribute in attributes:
        if attribute.path not in ("utoipa::path", "path") or attribute.args is None:
            continue
        if attribute.path == "path" and attribute.args.type != "token_tree":
            continue  # `#[path = "x.rs"]` is a module path, not an operation
        methods: list[str] = []
        path: str | None = "/"
        context = ""
        for arg in split_args(attribute.args):
            if arg.key in _HTTP and not arg.value:
                methods.append(arg.key.upper())
            elif arg.key is None and len(arg.value) == 2 and node_text(arg.value[0]) == "method":
                methods.extend(a.key.upper() for a in split_args(arg.value[1]) if a.key in _HTTP)
            elif arg.key == "path":
                path = string_value(arg.first) if len(arg.value) == 1 else None
            elif arg.key == "context_path":
                context = (string_value(arg.first) if len(arg.value) == 1 else None) or ""
        return OperationAttr(tuple(methods), None if path is None else context + path)
    return None


def typed_path_of(crates: CrateSet, handler: Item) -> str | None:
    """`#[typed_path("/users/{id}")]` on the type of the handler's first parameter, else None."""
    params = handler.node.child_by_field_name("parameters")
    first = next((p for p in params.named_children if p.type == "parameter"), None) if params else None
    type_node = first.child_by_field_name("type") if first is not None else None
    module = crates.module_of(handler)
    if type_node is None or module is None:
        return None
    target = crates.resolve(module, path_segments(_bare_type(type_node), module.parsed.data))
    if not isinstance(target, Item) or target.kind != "struct":
        return None
    attributes, _ = preceding(target.node)
    for attribute in attributes:
        if attribute.name == "typed_path":
            pieces = split_args(attribute.args)
            if pieces and pieces[0].key is None and len(pieces[0].value) == 1:
                return string_value(pieces[0].value[0])
    return None


def _bare_type(node: tree_sitter.Node) -> tree_sitter.Node:
    """`&T`, `T<..>` → `T` (the type that carries the attribute)."""
    while node.type in ("reference_type", "generic_type"):
        inner = node.child_by_field_name("type")
        if inner is None:
            break
        node = inner
    return node


def resource_routes(name: str, method: str, axum_08: bool) -> tuple[tuple[str, str], ...]:
    """(HTTP method, path) pairs axum-extra's `Resource::named(name).<method>(h)` registers."""
    member = f"/{name}/{{{name}_id}}" if axum_08 else f"/{name}/:{name}_id"
    table: dict[str, tuple[tuple[str, str], ...]] = {
        "index": (("GET", f"/{name}"),),
        "create": (("POST", f"/{name}"),),
        "new": (("GET", f"/{name}/new"),),
        "show": (("GET", member),),
        "edit": (("GET", f"{member}/edit"),),
        "update": (("PATCH", member), ("PUT", member)),
        "destroy": (("DELETE", member),),
    }
    return table.get(method, ())


def resource_nest_prefix(name: str, method: str, axum_08: bool) -> str | None:
    """The prefix of `Resource::nest` (member) / `nest_collection` (collection)."""
    if method == "nest":
        return f"/{name}/{{{name}_id}}" if axum_08 else f"/{name}/:{name}_id"
    if method == "nest_collection":
        return f"/{name}"
    return None
