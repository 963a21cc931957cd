"""Readable conditions for routes registered under `if`: environment checks, config flags, class checks.

With `--env NAME` the environment checks are decided (the branch is taken or dropped); everything else
is kept and described, because a static tool must not guess runtime state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.values import ClassRef, PhpArray, Unknown, as_string
from manifest_lint.parsing import node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.extract.laravel.evaluator import Ctx, Interpreter


@dataclass(frozen=True, slots=True)
class Condition:
    """`text` describes the condition; `value` is its truth when statically decided, else None."""

    text: str
    value: bool | None = None


_ENV_SHORTCUTS = {"islocal": ["local"], "isproduction": ["production"], "runningunittests": ["testing"]}


def _strip(node: tree_sitter.Node) -> tree_sitter.Node:
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def describe(node: tree_sitter.Node, ctx: Ctx, interpreter: Interpreter) -> Condition:
    node = _strip(node)
    if (
        node.type == "unary_op_expression"
        and node.children
        and node.children[0].type == "!"
        and node.named_children
    ):
        return negate(describe(node.named_children[-1], ctx, interpreter))
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        op = node_text(operator).lower() if operator is not None else ""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op in ("&&", "and", "||", "or") and left is not None and right is not None:
            a, b = describe(left, ctx, interpreter), describe(right, ctx, interpreter)
            return conjoin([a, b]) if op in ("&&", "and") else disjoin([a, b])
        if op in ("==", "===", "!=", "!==") and left is not None and right is not None:
            for env_side, other in ((left, right), (right, left)):
                if _environment_call(env_side) is not None and not _environment_args(env_side):
                    value = as_string(interpreter.folder.fold(other, ctx.scope, ctx.variables))
                    if value is not None:
                        condition = _environment([value], interpreter.env)
                        return condition if op in ("==", "===") else negate(condition)
    envs = _environment_call(node)
    if envs is not None:
        args = _environment_args(node)
        if envs:
            return _environment(envs, interpreter.env)
        values: list[str] = []
        for arg in args:
            folded = interpreter.folder.fold(arg, ctx.scope, ctx.variables)
            items = folded.values() if isinstance(folded, PhpArray) else [folded]
            for item in items:
                text = as_string(item)
                if text is None:
                    return Condition(" ".join(node_text(node).split()))
                values.append(text)
        if values:
            return _environment(values, interpreter.env)
    if node.type == "function_call_expression":
        function = node.child_by_field_name("function")
        name = node_text(function).lstrip("\\").lower() if function is not None else ""
        arguments = node.child_by_field_name("arguments")
        args = (
            [a.named_children[-1] for a in arguments.named_children if a.type == "argument"]
            if arguments
            else []
        )
        if name == "config" and args:
            key = as_string(interpreter.folder.fold(args[0], ctx.scope, ctx.variables))
            if key is not None:
                return Condition(f"config({key})")
        if name in ("class_exists", "interface_exists", "function_exists", "enum_exists") and args:
            checked = interpreter.folder.fold(args[0], ctx.scope, ctx.variables)
            text = checked.name if isinstance(checked, ClassRef) else as_string(checked)
            if text is not None:
                return Condition(f"{name}({text})")
    if node.type in ("boolean", "integer", "null"):
        literal = interpreter.folder.fold(node, ctx.scope, ctx.variables)
        if not isinstance(literal, Unknown):
            return Condition(node_text(node), bool(literal))
    return Condition(" ".join(node_text(node).split()))


def _environment(values: list[str], env: str | None) -> Condition:
    text = f"environment in [{', '.join(values)}]"
    if env is None:
        return Condition(text)
    return Condition(text, env in values)


def _environment_call(node: tree_sitter.Node) -> list[str] | None:
    """For `app()->environment(...)`, `App::environment(...)`, `$this->app->isLocal()` and similar:
    the fixed environments of the shortcut methods ([] for `environment(...)`), else None."""
    if node.type not in ("member_call_expression", "scoped_call_expression"):
        return None
    name_node = node.child_by_field_name("name")
    name = node_text(name_node).lower() if name_node is not None else ""
    if name != "environment" and name not in _ENV_SHORTCUTS:
        return None
    if node.type == "scoped_call_expression":
        scope = node.child_by_field_name("scope")
        if scope is None or node_text(scope).lstrip("\\").lower() not in (
            "app",
            "illuminate\\support\\facades\\app",
        ):
            return None
    else:
        obj = node.child_by_field_name("object")
        text = "".join(node_text(obj).split()).lower() if obj is not None else ""
        if text not in ("app()", "$this->app", "$app", "\\app()"):
            return None
    return _ENV_SHORTCUTS.get(name, [])


def _environment_args(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    arguments = node.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [
        a.named_children[-1] for a in arguments.named_children if a.type == "argument" and a.named_children
    ]


def negate(condition: Condition) -> Condition:
    value = None if condition.value is None else not condition.value
    inner = condition.text[5:-1]
    if condition.text.startswith("not (") and condition.text.endswith(")") and _balanced(inner):
        return Condition(inner, value)
    return Condition(f"not ({condition.text})", value)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def conjoin(parts: list[Condition]) -> Condition:
    """`a and b`: decided parts drop out (true) or decide it (false)."""
    if any(part.value is False for part in parts):
        return Condition(" and ".join(p.text for p in parts), False)
    open_parts = [part for part in parts if part.value is None]
    if not open_parts:
        return Condition(" and ".join(p.text for p in parts), True)
    return Condition(" and ".join(_wrap(p.text) if len(open_parts) > 1 else p.text for p in open_parts))


def disjoin(parts: list[Condition]) -> Condition:
    if any(part.value is True for part in parts):
        return Condition(" or ".join(p.text for p in parts), True)
    open_parts = [part for part in parts if part.value is None]
    if not open_parts:
        return Condition(" or ".join(p.text for p in parts), False)
    return Condition(" or ".join(_wrap(p.text) if len(open_parts) > 1 else p.text for p in open_parts))


def _wrap(text: str) -> str:
    return f"({text})" if (" and " in text or " or " in text) and not text.startswith("not (") else text
