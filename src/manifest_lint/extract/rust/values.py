"""Static evaluation of Rust string expressions that name route paths.

Route paths are usually literals or `const` items, sometimes glued with `concat!`,
`const_format::concatcp!`/`formatcp!` or `format!`. This module computes them without running
anything. A part it cannot compute becomes `{?}` in the text and an `unresolved-construct`
diagnostic at its file:line, so the route is still listed with what is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.extract.rust.crate import Item, path_segments, text_in
from manifest_lint.model import Diagnostic
from manifest_lint.parsing import node_line, node_text

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import tree_sitter

    from manifest_lint.extract.rust.crate import CrateSet, Module

UNKNOWN = "{?}"
_UNWRAP_METHODS = {"as_str", "to_string", "to_owned", "into", "as_ref", "clone", "borrow", "as_string"}
_UNWRAP_FUNCTIONS = {("String", "from"), ("str", "to_string"), ("Cow", "from"), ("String", "from_str")}
_PATH_TOKENS = {"identifier", "::", "crate", "self", "super"}
_SIMPLE_LITERALS = {"integer_literal", "float_literal", "boolean_literal", "char_literal"}
_MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class StrValue:
    """A computed string; `complete` is False when some part is `{?}` (unknown)."""

    text: str
    complete: bool = True

    def __add__(self, other: StrValue) -> StrValue:
        return StrValue(self.text + other.text, self.complete and other.complete)


UNKNOWN_VALUE = StrValue(UNKNOWN, complete=False)


def dynamic_prefix(uri: str) -> bool:
    """The path begins with a part known only at run time (a mount base from config) and has a
    known rest: such a route gets the note `dynamic-prefix`, its prefix is never guessed."""
    return uri.lstrip("/").startswith(UNKNOWN) and uri.replace(UNKNOWN, "").strip("/") != ""


@dataclass(slots=True)
class Evaluator:
    """Evaluates string expressions in the context of a module; caches const items."""

    crates: CrateSet
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _consts: dict[tuple[str, str, int], StrValue] = field(default_factory=dict)
    _active: set[tuple[str, str, int]] = field(default_factory=set)

    def string(
        self, node: tree_sitter.Node, module: Module, local: Mapping[str, object] | None = None
    ) -> StrValue:
        """The value of `node`; unknown parts become `{?}` with a diagnostic at the node."""
        value = self._eval(node, module, local or {}, 0)
        if value is None:
            self._unresolved(node, module, f"path expression `{_short(node)}` cannot be computed statically")
            return UNKNOWN_VALUE
        return value

    def try_string(
        self, node: tree_sitter.Node, module: Module, local: Mapping[str, object] | None = None
    ) -> StrValue | None:
        """The value of `node` when it is a computable string, else None (no diagnostic)."""
        return self._eval(node, module, local or {}, 0)

    def _unresolved(self, node: tree_sitter.Node, module: Module, message: str) -> None:
        self.diagnostics.append(Diagnostic("unresolved-construct", message, module.file, node_line(node)))

    def _eval(
        self, node: tree_sitter.Node, module: Module, local: Mapping[str, object], depth: int
    ) -> StrValue | None:
        if depth > _MAX_DEPTH:
            return None
        kind = node.type
        if kind == "string_literal":
            return StrValue(literal_text(node))
        if kind == "raw_string_literal":
            return StrValue(
                "".join(_text(module, c) for c in node.named_children if c.type == "string_content")
            )
        if kind in ("reference_expression", "parenthesized_expression", "unary_expression"):
            inner = node.child_by_field_name("value") or (
                node.named_children[-1] if node.named_children else None
            )
            if kind == "unary_expression" and not _text(module, node).startswith("*"):
                return None
            return self._eval(inner, module, local, depth + 1) if inner is not None else None
        if kind == "identifier":
            bound = local.get(_text(module, node))
            if isinstance(bound, StrValue):
                return bound
            if _text(module, node) in local:
                return None
            return self._path((_text(module, node),), module, depth)
        if kind == "scoped_identifier":
            return self._path(_segs(module, node), module, depth)
        if kind == "macro_invocation":
            return self._macro(node, module, local, depth)
        if kind == "call_expression":
            return self._call(node, module, local, depth)
        if kind == "await_expression":
            return None
        return None

    def _call(
        self, node: tree_sitter.Node, module: Module, local: Mapping[str, object], depth: int
    ) -> StrValue | None:
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None or arguments is None:
            return None
        if function.type == "field_expression":
            field_node = function.child_by_field_name("field")
            receiver = function.child_by_field_name("value")
            if (
                field_node is not None
                and receiver is not None
                and _text(module, field_node) in _UNWRAP_METHODS
            ):
                return self._eval(receiver, module, local, depth + 1)
            if field_node is not None and receiver is not None and _text(module, field_node) == "concat":
                return self._array_concat(receiver, module, local, depth)
            return None
        if function.type == "scoped_identifier" and _segs(module, function)[-2:] in _UNWRAP_FUNCTIONS:
            args = arguments.named_children
            return self._eval(args[0], module, local, depth + 1) if len(args) == 1 else None
        return None

    def _array_concat(
        self, array: tree_sitter.Node, module: Module, local: Mapping[str, object], depth: int
    ) -> StrValue | None:
        """`[base, "/api"].concat()`: known parts kept, each unknown one `{?}` with its own diagnostic."""
        if array.type != "array_expression":
            return None
        parts: list[StrValue] = []
        for element in array.named_children:
            if element.type in ("line_comment", "block_comment", "attribute_item"):
                continue
            value = self._eval(element, module, local, depth + 1)
            if value is None:
                self._unresolved(
                    element, module, f"path part `{_short(element)}` cannot be computed statically"
                )
                value = UNKNOWN_VALUE
            parts.append(value)
        return _join(parts)

    def _path(self, segments: tuple[str, ...], module: Module, depth: int) -> StrValue | None:
        item = self.crates.lookup_item(module, segments)
        if item is None or item.kind not in ("const", "static"):
            return None
        return self.item_value(item, depth)

    def item_value(self, item: Item, depth: int = 0) -> StrValue | None:
        key = (item.crate, item.qualified, item.line)
        cached = self._consts.get(key)
        if cached is not None:
            return cached
        value_node = item.node.child_by_field_name("value")
        owner = self.crates.module_of(item)
        if value_node is None or owner is None or key in self._active:
            return None
        self._active.add(key)
        try:
            value = self._eval(value_node, owner, {}, depth + 1)
        finally:
            self._active.discard(key)
        if value is not None:
            self._consts[key] = value
        return value

    def _macro(
        self, node: tree_sitter.Node, module: Module, local: Mapping[str, object], depth: int
    ) -> StrValue | None:
        name_node = node.child_by_field_name("macro")
        tree = next((c for c in node.children if c.type == "token_tree"), None)
        if name_node is None or tree is None:
            return None
        name = (
            _segs(module, name_node)[-1]
            if name_node.type == "scoped_identifier"
            else _text(module, name_node)
        )
        return self._macro_tokens(name, tree, module, local, depth)

    def _macro_tokens(
        self, name: str, tree: tree_sitter.Node, module: Module, local: Mapping[str, object], depth: int
    ) -> StrValue | None:
        args = split_arguments(tree)
        if name in ("concat", "concatcp"):
            parts = [
                self._token_value(arg, module, local, depth + 1, consts=name == "concatcp")
                for arg in args
                if arg
            ]
            if any(part is None for part in parts):
                return None
            return _join([p for p in parts if p is not None])
        if name in ("format", "formatcp"):
            return self._format(args, module, local, depth)
        if name == "stringify":
            return StrValue(" ".join(_text(module, t) for t in tree.children[1:-1]))
        return None

    def _format(
        self,
        args: Sequence[Sequence[tree_sitter.Node]],
        module: Module,
        local: Mapping[str, object],
        depth: int,
    ) -> StrValue | None:
        if not args or len(args[0]) != 1 or args[0][0].type not in ("string_literal", "raw_string_literal"):
            return None
        template = self._eval(args[0][0], module, local, depth + 1)
        if template is None:
            return None
        positional: list[Sequence[tree_sitter.Node]] = []
        named: dict[str, Sequence[tree_sitter.Node]] = {}
        for arg in args[1:]:
            if len(arg) >= 3 and arg[0].type == "identifier" and arg[1].type == "=":
                named[_text(module, arg[0])] = arg[2:]
            elif arg:
                positional.append(arg)
        out: list[StrValue] = []
        cursor = 0
        for piece, placeholder in _format_pieces(template.text):
            if placeholder is None:
                out.append(StrValue(piece))
                continue
            tokens: Sequence[tree_sitter.Node] | None
            if placeholder == "":
                tokens = positional[cursor] if cursor < len(positional) else None
                cursor += 1
            elif placeholder.isdigit():
                index = int(placeholder)
                tokens = positional[index] if index < len(positional) else None
            else:
                tokens = named.get(placeholder)
                if tokens is None:
                    bound = local.get(placeholder)
                    if isinstance(bound, StrValue):
                        out.append(bound)
                        continue
                    value = self._path((placeholder,), module, depth + 1)
                    out.append(
                        value if value is not None else self._unknown_part(placeholder, args[0][0], module)
                    )
                    continue
            if tokens is None:
                return None
            value = self._token_value(tokens, module, local, depth + 1, consts=True)
            if value is None:
                text = " ".join(_text(module, t) for t in tokens)
                value = self._unknown_part(text, tokens[0], module)
            out.append(value)
        return _join(out)

    def _unknown_part(self, text: str, node: tree_sitter.Node, module: Module) -> StrValue:
        """`format!("{base}/api")` with a runtime `base`: the literal rest is kept (a dynamic prefix)."""
        self._unresolved(node, module, f"path part `{text}` cannot be computed statically")
        return UNKNOWN_VALUE

    def _token_value(
        self,
        tokens: Sequence[tree_sitter.Node],
        module: Module,
        local: Mapping[str, object],
        depth: int,
        *,
        consts: bool,
    ) -> StrValue | None:
        """One macro argument given as raw tokens (token trees are flat: `a::b` is three tokens)."""
        items = list(tokens)
        while items and items[0].type in ("&", "*"):
            items = items[1:]
        while (
            len(items) >= 3
            and items[-3].type == "."
            and items[-1].type == "token_tree"
            and _text(module, items[-2]) in _UNWRAP_METHODS
        ):
            items = items[:-3]
        if len(items) == 1:
            token = items[0]
            if token.type in ("string_literal", "raw_string_literal"):
                return self._eval(token, module, local, depth)
            if token.type in _SIMPLE_LITERALS:
                return StrValue(_text(module, token).strip("'"))
        if (
            len(items) == 3
            and items[0].type == "identifier"
            and items[1].type == "!"
            and items[2].type == "token_tree"
        ):
            return self._macro_tokens(_text(module, items[0]), items[2], module, local, depth + 1)
        if items and all(t.type in _PATH_TOKENS for t in items):
            segments = tuple(_text(module, t) for t in items if t.type != "::")
            if len(segments) == 1 and isinstance(local.get(segments[0]), StrValue):
                bound = local[segments[0]]
                return bound if isinstance(bound, StrValue) else None
            return self._path(segments, module, depth) if consts else None
        return None


def _text(module: Module, node: tree_sitter.Node) -> str:
    return text_in(node, module.parsed.data)


def _segs(module: Module, node: tree_sitter.Node) -> tuple[str, ...]:
    return path_segments(node, module.parsed.data)


def _join(parts: Sequence[StrValue]) -> StrValue:
    result = StrValue("")
    for part in parts:
        result = result + part
    return result


def split_arguments(tree: tree_sitter.Node) -> list[list[tree_sitter.Node]]:
    """Top-level comma-separated token groups of a macro's token tree (without the delimiters)."""
    groups: list[list[tree_sitter.Node]] = [[]]
    for token in tree.children[1:-1]:
        if token.type == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [g for g in groups if g] if any(groups) else []


_FORMAT = re.compile(r"\{\{|\}\}|\{([^{}:]*)(?::[^{}]*)?\}")


def _format_pieces(template: str) -> list[tuple[str, str | None]]:
    """`a{}b{x:?}` → [("a", None), ("", ""), ("b", None), ("", "x")]."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in _FORMAT.finditer(template):
        pieces.append((template[position : match.start()], None))
        token = match.group(0)
        if token in ("{{", "}}"):
            pieces.append((token[0], None))
        else:
            pieces.append(("", match.group(1).strip()))
        position = match.end()
    pieces.append((template[position:], None))
    return pieces


_SWALLOW = "\ue001"
_SWALLOWED = re.compile(f"{_SWALLOW}[ \t\n\r]*")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def literal_text(node: tree_sitter.Node) -> str:
    """The value of a (non-raw) string literal, escapes decoded as rustc does."""
    out: list[str] = []
    for child in node.named_children:
        kind = child.type
        if kind == "string_content":
            out.append(node_text(child))
        elif kind == "escape_sequence":
            out.append(_unescape(node_text(child)))
    text = "".join(out)
    # A backslash before a newline swallows the newline and the next line's leading whitespace.
    return _SWALLOWED.sub("", text) if _SWALLOW in text else text


def _unescape(text: str) -> str:
    body = text[1:]
    if body in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[body]
    if body.startswith("x") and len(body) == 3:
        return chr(int(body[1:], 16))
    if body.startswith("u{") and body.endswith("}"):
        try:
            return chr(int(body[2:-1].replace("_", ""), 16))
        except ValueError:
            return text
    if body.startswith(("\n", "\r")):
        return _SWALLOW
    return text


def _short(node: tree_sitter.Node) -> str:
    text = " ".join(node_text(node).split())
    return text if len(text) <= 60 else text[:57] + "..."
