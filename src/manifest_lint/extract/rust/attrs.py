"""Reading Rust items the way derive and attribute macros see them: attributes, docs, literals.

tree-sitter puts `#[...]` attributes and `///` doc comments *before* an item as siblings, not
inside it, and macro arguments are flat token trees; these helpers turn both into plain values
so the clap, actix-web and Rocket readers share one reading of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from manifest_lint.parsing import node_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tree_sitter import Node

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def string_value(node: Node | None) -> str | None:
    """The value of a string literal (plain or raw), or None for anything else."""
    if node is None:
        return None
    if node.type == "raw_string_literal":
        content = next((c for c in node.named_children if c.type == "string_content"), None)
        return node_text(content) if content is not None else ""
    if node.type != "string_literal":
        return None
    parts: list[str] = []
    for child in node.named_children:
        if child.type == "string_content":
            parts.append(node_text(child))
        elif child.type == "escape_sequence":
            parts.append(_unescape(node_text(child)))
    return "".join(parts)


def _unescape(sequence: str) -> str:
    body = sequence[1:]
    if body.startswith("u{") and body.endswith("}"):
        try:
            return chr(int(body[2:-1].replace("_", ""), 16))
        except ValueError:
            return sequence
    if body.startswith("x") and len(body) == 3:
        try:
            return chr(int(body[1:], 16))
        except ValueError:
            return sequence
    if body.startswith("\n"):
        return ""
    return _ESCAPES.get(body, sequence)


def char_value(node: Node) -> str | None:
    if node.type != "char_literal":
        return None
    text = node_text(node)[1:-1]
    return _unescape(text) if text.startswith("\\") else text


@dataclass(frozen=True, slots=True)
class Attribute:
    """`#[path(args)]`: `path` as written (`command`, `actix_web::get`), `args` the token tree."""

    path: str
    args: Node | None
    node: Node

    @property
    def name(self) -> str:
        return self.path.rsplit("::", 1)[-1]


@dataclass(frozen=True, slots=True)
class Arg:
    """One comma-separated piece of an attribute's arguments: `key = value`, `key` or a bare value."""

    key: str | None
    value: tuple[Node, ...]

    @property
    def first(self) -> Node | None:
        return self.value[0] if self.value else None

    @property
    def text(self) -> str:
        return " ".join(node_text(node) for node in self.value)


def preceding(node: Node) -> tuple[list[Attribute], list[str]]:
    """The attributes and doc-comment lines directly before `node` (siblings, in source order)."""
    attributes: list[Attribute] = []
    docs: list[str] = []
    sibling = node.prev_sibling
    while sibling is not None and sibling.type in ("attribute_item", "line_comment", "block_comment"):
        if sibling.type == "attribute_item":
            attribute = attribute_of(sibling)
            if attribute is not None:
                attributes.append(attribute)
                value = string_value(attribute.args) if attribute.path == "doc" else None
                if value is not None:
                    docs.append(value)
        elif sibling.type == "line_comment" and any(
            c.type == "outer_doc_comment_marker" for c in sibling.children
        ):
            content = next((c for c in sibling.children if c.type == "doc_comment"), None)
            docs.append(node_text(content).rstrip("\n") if content is not None else "")
        sibling = sibling.prev_sibling
    attributes.reverse()
    docs.reverse()
    return attributes, docs


def attribute_of(item: Node) -> Attribute | None:
    attribute = next((c for c in item.named_children if c.type == "attribute"), None)
    if attribute is None:
        return None
    path_node = attribute.named_children[0] if attribute.named_children else None
    if path_node is None:
        return None
    args = attribute.child_by_field_name("arguments") or attribute.child_by_field_name("value")
    return Attribute(node_text(path_node), args, item)


def split_args(tree: Node | None) -> list[Arg]:
    """Top-level `key = value` / `key` / value pieces of a token tree, split at commas."""
    if tree is None:
        return []
    if tree.type != "token_tree":
        return [Arg(None, (tree,))]
    pieces: list[list[Node]] = [[]]
    for child in tree.children[1:-1]:
        if child.type == ",":
            pieces.append([])
        else:
            pieces[-1].append(child)
    found: list[Arg] = []
    for piece in pieces:
        if not piece:
            continue
        if len(piece) >= 2 and piece[0].type == "identifier" and piece[1].type == "=":
            found.append(Arg(node_text(piece[0]), tuple(piece[2:])))
        elif len(piece) == 1 and piece[0].type == "identifier":
            found.append(Arg(node_text(piece[0]), ()))
        else:
            found.append(Arg(None, tuple(piece)))
    return found


def list_strings(value: tuple[Node, ...]) -> list[str | None]:
    """`["a", "b"]` (a bracketed token tree) or one string: each element's value, None if not a literal."""
    if len(value) == 1 and value[0].type == "token_tree":
        return [string_value(arg.first) if len(arg.value) == 1 else None for arg in split_args(value[0])]
    return [string_value(value[0]) if len(value) == 1 else None]


def doc_summary(lines: list[str]) -> str | None:
    """clap's `about` from doc lines: the first paragraph joined, one trailing `.` removed."""
    paragraph: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            continue
        paragraph.append(stripped)
    if not paragraph:
        return None
    text = " ".join(paragraph)
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def is_cfg_test(attributes: list[Attribute]) -> bool:
    return any(
        a.path == "cfg" and a.args is not None and node_text(a.args).replace(" ", "") == "(test)"
        for a in attributes
    )


def walk_items(root: Node, max_depth: int = 200) -> Iterator[Node]:
    """Every item below `root` except those inside `#[cfg(test)]` modules, without recursion."""
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        yield node
        if depth >= max_depth:
            continue
        children = node.named_children
        for child in reversed(children):
            if child.type == "mod_item" and is_cfg_test(preceding(child)[0]):
                continue
            stack.append((child, depth + 1))
