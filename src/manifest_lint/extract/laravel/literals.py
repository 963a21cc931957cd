"""Static values of small PHP expressions: string literals, their concatenation, arrays of them.

Pages, commands and migrations only need literal names (`'settings/profile'`, `'users'`); anything
computed at run time returns `None` so the caller can report it as unresolved rather than guess.
Strings and scalars are decoded by `values.literal_scalar`, the route folder in literal-only mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.values import literal_scalar
from manifest_lint.parsing import node_text

if TYPE_CHECKING:
    import tree_sitter

Literal = str | bool | int | None | tuple["Literal", ...]


def string_value(node: tree_sitter.Node | None) -> str | None:
    """The value of a string literal or a `.` concatenation of literals; `None` when computed.

    Decoded by the route side's folder in literal-only mode, so quoting, escapes and heredocs are
    read one way everywhere (its concatenation is iterative: long chains cannot recurse)."""
    if node is None:
        return None
    known, value = literal_scalar(node)
    return value if known and isinstance(value, str) else None


MAX_DEPTH = 32


def literal_value(node: tree_sitter.Node | None, depth: int = 0) -> tuple[bool, Literal]:
    """(known, value) for strings, booleans, integers, null and arrays of those.

    Arrays nested deeper than `MAX_DEPTH` are unknown rather than a deep recursion."""
    if node is None or depth > MAX_DEPTH:
        return False, None
    if node.type == "array_creation_expression":
        items: list[Literal] = []
        for element in node.named_children:
            if element.type != "array_element_initializer" or element.named_child_count != 1:
                return False, None
            known, value = literal_value(element.named_children[0], depth + 1)
            if not known:
                return False, None
            items.append(value)
        return True, tuple(items)
    return literal_scalar(node)


def call_arguments(node: tree_sitter.Node) -> tuple[list[tree_sitter.Node], dict[str, tree_sitter.Node]]:
    """Positional argument expressions and named ones (`component: 'x'`) of a call node."""
    arguments = node.child_by_field_name("arguments") or node.child_by_field_name("parameters")
    positional: list[tree_sitter.Node] = []
    named: dict[str, tree_sitter.Node] = {}
    if arguments is None:
        return positional, named
    for argument in arguments.named_children:
        if argument.type != "argument":
            continue
        name = argument.child_by_field_name("name")
        values = [child for child in argument.named_children if child != name]
        if not values:
            continue
        if name is not None:
            named[node_text(name)] = values[-1]
        else:
            positional.append(values[-1])
    return positional, named


def argument(node: tree_sitter.Node, index: int, name: str) -> tree_sitter.Node | None:
    """The argument at `index`, or the named argument `name:` (PHP 8 named arguments)."""
    positional, named = call_arguments(node)
    if name in named:
        return named[name]
    return positional[index] if index < len(positional) else None


def call_name(node: tree_sitter.Node) -> str | None:
    """The called name of a function, method or static call node (`render`, `inertia`)."""
    field = "function" if node.type == "function_call_expression" else "name"
    name = node.child_by_field_name(field)
    return node_text(name) if name is not None else None


_PATH_HELPERS = {
    "base_path": "",
    "app_path": "app",
    "resource_path": "resources",
    "database_path": "database",
    "config_path": "config",
    "storage_path": "storage",
}


def path_value(node: tree_sitter.Node | None, file_rel: str) -> str | None:
    """A project-relative path built from literals, `__DIR__`, `dirname(__DIR__)` and `base_path()`-style
    helpers (the forms bootstrap files use); `None` when any part is computed."""
    if node is None:
        return None
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "binary_expression":
            operator = current.child_by_field_name("operator")
            left = current.child_by_field_name("left")
            right = current.child_by_field_name("right")
            if operator is None or node_text(operator) != "." or left is None or right is None:
                return None
            stack.append(right)
            stack.append(left)
            continue
        part = _path_part(current, file_rel)
        if part is None:
            return None
        parts.append(part)
    return _normalise("".join(parts))


def _path_part(node: tree_sitter.Node, file_rel: str, depth: int = 0) -> str | None:
    directory = "/" + file_rel.rsplit("/", 1)[0] if "/" in file_rel else "/"
    if node.type == "name" and node_text(node) == "__DIR__":
        return directory
    if node.type == "function_call_expression":
        function = call_name(node)
        positional, _named = call_arguments(node)
        if function == "dirname" and positional and depth < MAX_DEPTH:
            inner = _path_part(positional[0], file_rel, depth + 1)
            levels = 1
            if len(positional) > 1:
                known, value = literal_value(positional[1])
                if not known or not isinstance(value, int):
                    return None
                levels = value
            if inner is None:
                return None
            for _ in range(levels):
                inner = inner.rsplit("/", 1)[0] or "/"
            return inner
        if function in _PATH_HELPERS:
            base = "/" + _PATH_HELPERS[function]
            if not positional:
                return base
            rest = string_value(positional[0])
            return None if rest is None else base.rstrip("/") + "/" + rest.lstrip("/")
    return string_value(node)


def _normalise(path: str) -> str | None:
    """Resolve `.` and `..` in a root-anchored path; None when it climbs above the root."""
    out: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not out:
                return None
            out.pop()
            continue
        out.append(segment)
    return "/".join(out)
