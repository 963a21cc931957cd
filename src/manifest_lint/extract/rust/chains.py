"""Method-call chains and macro path lists, the two shapes actix-web and Rocket registration takes.

`App::new().service(a).route(..)` is nested inside-out in the tree; `call_chain` turns it back
into the base expression plus the calls in source order. `routes![a, m::b]` is a flat token tree;
`macro_paths` splits it into paths. `branch_condition` names the `if` / `match` / `#[cfg]` a
registration sits in, so both branches are listed, each with its condition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.extract.rust.crate import cfg_condition
from manifest_lint.parsing import node_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tree_sitter import Node

    from manifest_lint.extract.rust.crate import CrateSet, Module

Call = tuple[str, list["Node"], "Node"]


def arguments_of(arguments: Node | None) -> list[Node]:
    if arguments is None:
        return []
    return [
        c
        for c in arguments.named_children
        if c.type not in ("line_comment", "block_comment", "attribute_item")
    ]


def call_chain(node: Node) -> tuple[Node, list[Call]]:
    """(base, [(method, args, call node), ...]) with the calls in the order they run."""
    calls: list[Call] = []
    current = node
    while current.type == "call_expression":
        function = current.child_by_field_name("function")
        if function is None or function.type != "field_expression":
            break
        method = function.child_by_field_name("field")
        receiver = function.child_by_field_name("value")
        if method is None or receiver is None:
            break
        calls.append((node_text(method), arguments_of(current.child_by_field_name("arguments")), current))
        current = receiver
    calls.reverse()
    return current, calls


def outermost_chains(crates: CrateSet) -> Iterator[tuple[Module, str | None, Node, Node, list[Call]]]:
    """(module, binary, outermost call, chain base, calls) for every method chain in the package.

    Inner links of a longer chain are skipped: the outermost call walks them. Code in a library
    is attributed to the package's binary when there is exactly one, otherwise to none.
    """
    bins = [c for c in crates.crates.values() if c.kind == "bin"]
    for crate in crates.crates.values():
        binary = crate.binary if crate.kind == "bin" else (bins[0].binary if len(bins) == 1 else None)
        for module in crate.modules.values():
            for call in descendants(module.body, "call_expression"):
                if call.parent is not None and call.parent.type == "field_expression":
                    continue
                base, calls = call_chain(call)
                yield module, binary, call, base, calls


def descendants(root: Node, kind: str) -> list[Node]:
    """Nodes of `kind` below `root` in source order, not entering nested modules (iterative)."""
    found: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == kind:
            found.append(node)
        if node.type == "mod_item" and node is not root:
            continue
        stack.extend(reversed(node.named_children))
    return found


def macro_paths(node: Node) -> list[tuple[tuple[str, ...], Node]]:
    """`m![a, b::c]` → [(("a",), node), (("b", "c"), node)]."""
    tree = next((c for c in node.named_children if c.type == "token_tree"), None)
    if tree is None:
        return []
    found: list[tuple[tuple[str, ...], Node]] = []
    current: list[str] = []
    first: Node | None = None
    for child in tree.children[1:-1]:
        if child.type == ",":
            if current and first is not None:
                found.append((tuple(current), first))
            current, first = [], None
        elif child.type in ("identifier", "crate", "self", "super"):
            current.append(node_text(child))
            first = first or child
    if current and first is not None:
        found.append((tuple(current), first))
    return found


def join_conditions(*conditions: str | None) -> str | None:
    present = [c for c in conditions if c]
    return " && ".join(dict.fromkeys(present)) if present else None


def match_arm_label(arm: Node) -> str:
    """`subject matches Pattern`: the words every Rust extractor uses for a match arm's condition."""
    pattern = arm.child_by_field_name("pattern")
    expression = arm.parent.parent if arm.parent is not None else None
    value = expression.child_by_field_name("value") if expression is not None else None
    subject = " ".join(node_text(value).split()) if value is not None else "?"
    shown = " ".join(node_text(pattern).split()) if pattern is not None else "?"
    return f"{subject} matches {shown}"


def branch_condition(node: Node, stop: Node) -> str | None:
    """The `if`/`match`/`#[cfg]` conditions between `node` and the fn body `stop`."""
    conditions: list[str] = []
    child = node
    current = node.parent
    while current is not None and current != stop:
        if current.type == "if_expression":
            test = current.child_by_field_name("condition")
            alternative = current.child_by_field_name("alternative")
            text = " ".join(node_text(test).split()) if test is not None else "?"
            if alternative is not None and child == alternative:
                conditions.append(f"!({text})")
            elif test is None or child != test:
                conditions.append(text)
        elif current.type == "match_arm":
            conditions.append(match_arm_label(current))
        elif current.type in ("expression_statement", "let_declaration"):
            cfg = cfg_condition(current)
            if cfg is not None:
                conditions.append(cfg)
        child, current = current, current.parent
    conditions.reverse()
    return " && ".join(conditions) if conditions else None
