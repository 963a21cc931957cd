"""Abstract evaluation of axum router-building code.

Router code is ordinary Rust: chains, `let` bindings, helper fns that take and return a
`Router`, `if`/`match`/`#[cfg]` branches. This evaluator walks it statement by statement with an
environment of abstract values (a router is the tuple of routes it holds at that point), so
`.layer`/`.route_layer` wrap exactly the routes present when they are called, `.nest` joins
prefixes as axum does, and values flow through fn parameters and returns across modules.
Calls of `axum::serve` and `Server::bind(..).serve(..)` are reported to a hook so the entry-point
stage knows which router each binary serves. Nothing here runs or imports the code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from manifest_lint.extract.rust.attrs import split_args
from manifest_lint.extract.rust.crate import External, Item, ModuleRef, cfg_condition, path_segments, text_in
from manifest_lint.extract.rust.values import UNKNOWN, Evaluator, StrValue
from manifest_lint.extract.rust.wrappers import (
    resource_nest_prefix,
    resource_routes,
    typed_path_of,
    utoipa_operation,
)
from manifest_lint.model import Diagnostic
from manifest_lint.parsing import node_line, node_text, parse_bytes

if TYPE_CHECKING:
    from collections.abc import Sequence

    import tree_sitter

    from manifest_lint.extract.rust.crate import CrateSet, Module

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace", "connect")
_ROUTING_MODULES = {
    ("axum", "routing"),
    ("axum", "routing", "method_routing"),
    ("axum_extra", "routing"),
    ("aide", "axum", "routing"),
}
_WRAPPER_ROUTERS = {"OpenApiRouter", "ApiRouter"}  # utoipa-axum, aide: axum's Router plus docs
_HYPER_BINDS = {"bind", "try_bind", "from_tcp"}
_LAMBDA_RUNS = {"run", "run_with_streaming_response"}
_RESOURCE_METHODS = {"index", "create", "new", "show", "edit", "update", "destroy"}
_MIDDLEWARE_FNS = {
    "from_fn",
    "from_fn_with_state",
    "map_request",
    "map_request_with_state",
    "map_response",
    "map_response_with_state",
    "from_extractor_with_state",
}
_ROUTER_NOOPS = {
    "fallback",
    "fallback_service",
    "method_not_allowed_fallback",
    "reset_fallback",
    "with_state",
    "without_v07_checks",
    "into_make_service",
    "into_make_service_with_connect_info",
    "into_service",
    "clone",
    "boxed",
    "into",
    "handle_error",
    "finish_api",
    "finish_api_with",
}
_STRING_FUNCTIONS = {("String", "from"), ("str", "to_string"), ("Cow", "from")}
_STRING_METHODS = {"as_str", "to_string", "to_owned", "into", "as_ref", "clone"}
_STATEMENTS = {
    "let_declaration",
    "expression_statement",
    "use_declaration",
    "empty_statement",
    "macro_definition",
}
_JOIN_MACROS = {"join", "try_join"}
_ROUTER_TERMINALS = {"call", "oneshot", "ready", "poll_ready", "as_service", "route_layer_fn", "into_future"}
_MAX_CALL_DEPTH = 48
# Each nested expression costs about seven Python frames; this keeps far below the interpreter limit.
_MAX_EVAL_DEPTH = 80
_MAX_CALLS = 20000


@dataclass(frozen=True, slots=True)
class MethodEntry:
    """One method of a MethodRouter: `middleware` outermost first."""

    method: str
    action: str | None
    middleware: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RouteEntry:
    """One (method, path) registration inside a router value, path relative to that router."""

    method: str
    path: str
    complete: bool
    action: str | None
    middleware: tuple[str, ...]
    file: str
    line: int
    condition: str | None = None
    notes: tuple[str, ...] = ()


class RouterVal:
    """The routes a Router value holds, in registration order.

    Immutable to its users, but appending shares storage with the value it extends when that
    value is the newest view of the storage, so an 80-link (or 10,000-link) chain stays linear.
    """

    __slots__ = ("_length", "_store", "from_parameter")

    def __init__(self, routes: Sequence[RouteEntry] = (), *, from_parameter: bool = False) -> None:
        self._store: list[RouteEntry] = list(routes)
        self._length = len(self._store)
        self.from_parameter = from_parameter  # a Router parameter with no known argument

    @property
    def routes(self) -> tuple[RouteEntry, ...]:
        return tuple(self._store[: self._length])

    def __len__(self) -> int:
        return self._length

    def plus(self, entries: Sequence[RouteEntry]) -> RouterVal:
        """This router with `entries` registered after its routes."""
        if self._length == len(self._store):
            self._store.extend(entries)
            extended = RouterVal.__new__(RouterVal)
            extended._store = self._store
            extended._length = len(self._store)
            extended.from_parameter = self.from_parameter
            return extended
        return RouterVal([*self._store[: self._length], *entries], from_parameter=self.from_parameter)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RouterVal):
            return NotImplemented
        if self._length != other._length:
            return False
        if self._store is other._store:
            return True
        return self._store[: self._length] == other._store[: other._length]

    def __hash__(self) -> int:
        return hash(self.routes)

    def __repr__(self) -> str:
        return f"RouterVal({self.routes!r})"


@dataclass(frozen=True, slots=True)
class MethodVal:
    entries: tuple[MethodEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class LayerVal:
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HandlerVal:
    action: str
    middleware: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OptionVal:
    inner: Value


@dataclass(frozen=True, slots=True)
class ServerVal:
    """`axum::Server::bind(..)` / `axum_server::bind(..)`: a value whose `.serve(x)` serves `x`."""


@dataclass(frozen=True, slots=True)
class TupleVal:
    """A tuple of values: a row of a route table (`("/users", list_users)`)."""

    items: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class ArrayVal:
    """An array whose elements are known: a route table a loop or `.fold` unrolls (spec §9 #3)."""

    elements: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class ResourceVal:
    """axum-extra `Resource::named(name)`: a router whose paths derive from `name`."""

    name: StrValue
    router: RouterVal


@dataclass(frozen=True, slots=True)
class Unknown:
    pass


Value = (
    RouterVal
    | MethodVal
    | LayerVal
    | HandlerVal
    | OptionVal
    | ServerVal
    | StrValue
    | TupleVal
    | ArrayVal
    | ResourceVal
    | Unknown
)
UNKNOWN_VAL = Unknown()
ServeHook = Callable[[RouterVal, str, int], None]


@dataclass(slots=True)
class Frame:
    module: Module
    env: dict[str, Value]
    depth: int = 0


class _Return(Exception):
    def __init__(self, value: Value) -> None:
        self.value = value


def join_axum(prefix: str, inner: str) -> str:
    """axum's nest prefix joining (identical in 0.6, 0.7 and 0.8)."""
    if prefix.endswith("/"):
        return prefix + inner.lstrip("/")
    if inner == "/":
        return prefix
    return prefix + inner


def _rebuilt(
    e: RouteEntry,
    *,
    path: str | None = None,
    complete: bool | None = None,
    middleware: tuple[str, ...] | None = None,
    condition: str | None = None,
    notes: tuple[str, ...] | None = None,
) -> RouteEntry:
    """`e` with some fields changed: a direct constructor call (`dataclasses.replace` introspects the
    fields on every call and was 0.4 s of a 10k-route crate). `None` keeps a field as it is."""
    return RouteEntry(
        e.method,
        e.path if path is None else path,
        e.complete if complete is None else complete,
        e.action,
        e.middleware if middleware is None else middleware,
        e.file,
        e.line,
        e.condition if condition is None else condition,
        e.notes if notes is None else notes,
    )


def _with_middleware(entry: RouteEntry, names: tuple[str, ...]) -> RouteEntry:
    return _rebuilt(entry, middleware=names + entry.middleware)


def _nested_entry(entry: RouteEntry, prefix: str, prefix_complete: bool) -> RouteEntry:
    """`entry` seen through `.nest(prefix, ..)`."""
    return _rebuilt(entry, path=join_axum(prefix, entry.path), complete=entry.complete and prefix_complete)


def _with_condition(entry: RouteEntry, condition: str | None) -> RouteEntry:
    if condition is None or (entry.condition is not None and condition in entry.condition.split(" && ")):
        return entry
    combined = condition if entry.condition is None else f"{entry.condition} && {condition}"
    return _rebuilt(entry, condition=combined)


def _noted(entry: RouteEntry, note: str) -> RouteEntry:
    return entry if note in entry.notes else _rebuilt(entry, notes=(*entry.notes, note))


def union(branches: Sequence[tuple[Value, str | None]]) -> Value:
    """The value after one of several branches ran: routes in every branch stay unconditional."""
    values = [value for value, _ in branches]
    if not values:  # `match x {}` has no arms: nothing is known after it
        return UNKNOWN_VAL
    if all(v == values[0] for v in values):
        return values[0]
    routers = [(v, c) for v, c in branches if isinstance(v, RouterVal)]
    if routers:
        common = set(routers[0][0].routes)
        for router, _ in routers[1:]:
            common &= set(router.routes)
        if len(routers) < len(branches):
            common = set()
        merged: list[RouteEntry] = []
        seen: set[RouteEntry] = set()
        for router, condition in routers:
            for entry in router.routes:
                result = entry if entry in common else _with_condition(entry, condition or "otherwise")
                if result not in seen:
                    seen.add(result)
                    merged.append(result)
        return RouterVal(tuple(merged))
    methods = [v for v in values if isinstance(v, MethodVal)]
    if methods:
        return MethodVal(tuple(dict.fromkeys(e for m in methods for e in m.entries)))
    known = [v for v in values if not isinstance(v, Unknown)]
    return known[0] if known else UNKNOWN_VAL


@dataclass(slots=True)
class AxumEvaluator:
    """Evaluates router expressions; `on_serve` hears each served router (value, file, line)."""

    crates: CrateSet
    strings: Evaluator
    axum_crates: frozenset[str] = frozenset({"axum"})
    on_serve: ServeHook | None = None
    tail_param: str = "*tail"
    max_nesting: int = 200
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _stack: list[str] = field(default_factory=list)
    _calls: int = 0
    _depth: int = 0

    # ---- diagnostics -------------------------------------------------------------------
    def _unresolved(self, node: tree_sitter.Node, frame: Frame, message: str) -> None:
        self.diagnostics.append(
            Diagnostic("unresolved-construct", message, frame.module.file, node_line(node))
        )

    def _text(self, frame: Frame, node: tree_sitter.Node) -> str:
        return text_in(node, frame.module.parsed.data)

    def _segments(self, frame: Frame, node: tree_sitter.Node) -> tuple[str, ...]:
        return path_segments(node, frame.module.parsed.data)

    def _unresolved_operand(self, node: tree_sitter.Node, frame: Frame, message: str) -> None:
        if node.type != "macro_invocation":  # a macro already reported itself
            self._unresolved(node, frame, message)

    # ---- functions ---------------------------------------------------------------------
    def call_function(self, item: Item, args: Sequence[Value], depth: int) -> Value:
        """The value a crate fn returns for these argument values (params bound by position)."""
        module = self.crates.module_of(item)
        body = item.node.child_by_field_name("body")
        if module is None or body is None:
            return UNKNOWN_VAL
        key = f"{item.crate}::{item.qualified}"
        if key in self._stack:
            return UNKNOWN_VAL
        if depth > _MAX_CALL_DEPTH or self._calls > _MAX_CALLS:
            self.diagnostics.append(
                Diagnostic(
                    "limit-exceeded",
                    f"call of {item.name}: call depth or count limit reached; its routes are not followed",
                    item.file,
                    item.line,
                )
            )
            return UNKNOWN_VAL
        self._calls += 1
        env: dict[str, Value] = {}
        for name, type_text, value in zip_params(item.node, args):
            env[name] = value if not isinstance(value, Unknown) else _default_for_type(type_text)
        self._stack.append(key)
        try:
            return self.exec_block(body, Frame(module, env, depth + 1))
        finally:
            self._stack.pop()

    def exec_block(self, block: tree_sitter.Node, frame: Frame) -> Value:
        try:
            return self._block(block, frame)
        except _Return as returned:
            return returned.value

    def _block(self, block: tree_sitter.Node, frame: Frame) -> Value:
        tail: Value = UNKNOWN_VAL
        # A comment after the tail expression (`.layer(cors()) // note`) must not hide it.
        children = [c for c in block.named_children if c.type not in ("line_comment", "block_comment")]
        for index, child in enumerate(children):
            if child.type in ("attribute_item", "line_comment", "block_comment"):
                continue
            condition = cfg_condition(child)
            is_tail = index == len(children) - 1 and (
                (child.type not in _STATEMENTS and not child.type.endswith("_item"))
                or (child.type == "expression_statement" and self._text(frame, child).rstrip()[-1:] != ";")
            )
            if condition is not None:
                before = dict(frame.env)
                branch = Frame(frame.module, dict(frame.env), frame.depth)
                value = self._statement(child, branch)
                frame.env.update(_merge_envs([(branch.env, condition), (before, f"not({condition})")]))
                if is_tail:
                    tail = union([(value, condition)])
                continue
            value = self._statement(child, frame)
            if is_tail:
                tail = value
        return tail

    def _statement(self, node: tree_sitter.Node, frame: Frame) -> Value:
        kind = node.type
        if kind == "let_declaration":
            value_node = node.child_by_field_name("value")
            pattern = node.child_by_field_name("pattern")
            value = self.eval(value_node, frame) if value_node is not None else UNKNOWN_VAL
            name = _pattern_name(pattern)
            if name is not None:
                frame.env[name] = value
            elif pattern is not None and pattern.type == "tuple_pattern":
                self._bind(pattern, value, frame)
            return UNKNOWN_VAL
        if kind == "expression_statement":
            inner = node.named_children[0] if node.named_children else None
            return self.eval(inner, frame) if inner is not None else UNKNOWN_VAL
        if kind == "const_item":
            name_node, value_node = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name_node is not None and value_node is not None:
                text_value = self.strings.try_string(value_node, frame.module, frame.env)
                if text_value is not None:
                    frame.env[self._text(frame, name_node)] = text_value
            return UNKNOWN_VAL
        if kind.endswith("_item") or kind in ("use_declaration", "empty_statement", "macro_definition"):
            return UNKNOWN_VAL
        return self.eval(node, frame)

    # ---- expressions -------------------------------------------------------------------
    def eval(self, node: tree_sitter.Node, frame: Frame) -> Value:
        """The abstract value of an expression (depth-limited: nested input cannot blow the stack)."""
        if self._depth >= min(self.max_nesting, _MAX_EVAL_DEPTH):
            self.diagnostics.append(
                Diagnostic(
                    "limit-exceeded",
                    f"expression nesting deeper than {min(self.max_nesting, _MAX_EVAL_DEPTH)} levels; not evaluated",
                    frame.module.file,
                    node_line(node),
                )
            )
            return UNKNOWN_VAL
        self._depth += 1
        try:
            return self._eval(node, frame)
        finally:
            self._depth -= 1

    def _eval(self, node: tree_sitter.Node, frame: Frame) -> Value:
        kind = node.type
        if kind == "call_expression":
            return self._call(node, frame)
        if kind == "identifier":
            name = self._text(frame, node)
            if name in frame.env:
                return frame.env[name]
            return self._path_value((name,), node, frame)
        if kind in ("scoped_identifier",):
            return self._path_value(self._segments(frame, node), node, frame)
        if kind in ("string_literal", "raw_string_literal"):
            return self.strings.string(node, frame.module, frame.env)
        if kind in ("reference_expression", "parenthesized_expression", "try_expression", "await_expression"):
            inner = node.named_children[0] if node.named_children else None
            if kind == "reference_expression":
                inner = node.child_by_field_name("value")
            return self.eval(inner, frame) if inner is not None else UNKNOWN_VAL
        if kind == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if right is not None:
                value = self.eval(right, frame)
                if left is not None and left.type == "identifier":
                    frame.env[self._text(frame, left)] = value
            return UNKNOWN_VAL
        if kind in ("block", "async_block", "unsafe_block"):
            body = (
                node if kind == "block" else next((c for c in node.named_children if c.type == "block"), None)
            )
            if body is None:
                return UNKNOWN_VAL
            inner_frame = Frame(frame.module, dict(frame.env), frame.depth)
            value = self._block(body, inner_frame)
            for name in frame.env:
                frame.env[name] = inner_frame.env[name]
            return value
        if kind == "if_expression":
            return self._if(node, frame)
        if kind == "match_expression":
            return self._match(node, frame)
        if kind == "return_expression":
            inner = node.named_children[0] if node.named_children else None
            raise _Return(self.eval(inner, frame) if inner is not None else UNKNOWN_VAL)
        if kind == "macro_invocation":
            return self._macro(node, frame)
        if kind == "closure_expression":
            return UNKNOWN_VAL
        if kind == "array_expression":
            return self._array(node, frame)
        if kind == "tuple_expression":
            return TupleVal(tuple(self._element(c, frame) for c in self._args(node)))
        if kind == "for_expression":
            return self._for(node, frame)
        if kind in ("while_expression", "loop_expression"):
            if _mentions_routes(node):
                self._unresolved(node, frame, "loop may register routes; its body is not expanded")
                return UNKNOWN_VAL
            body = node.child_by_field_name("body")
            if body is not None:  # an accept loop: once, for the apps it serves
                self._block(body, Frame(frame.module, dict(frame.env), frame.depth))
            return UNKNOWN_VAL
        return UNKNOWN_VAL

    # ---- route tables ------------------------------------------------------------------
    def _array(self, node: tree_sitter.Node, frame: Frame) -> Value:
        if any(c.type == ";" for c in node.children):  # `[x; N]`: one value repeated, not a table
            return UNKNOWN_VAL
        return ArrayVal(tuple(self._element(c, frame) for c in self._args(node)))

    def _element(self, node: tree_sitter.Node, frame: Frame) -> Value:
        """A table cell: a fn named in it is a handler, anything else is evaluated."""
        value = self.eval(node, frame)
        if isinstance(value, Unknown) and node.type in ("identifier", "scoped_identifier"):
            segments = self._segments(frame, node)
            if segments[0] not in frame.env:
                found = self.crates.resolve_value(frame.module, segments)
                if isinstance(found, (Item, External)):
                    return HandlerVal(self.crates.qualified(frame.module, segments))
        return value

    def _for(self, node: tree_sitter.Node, frame: Frame) -> Value:
        """`for (path, handler) in ROUTES { .. }`: the body once per known row, else one diagnostic."""
        pattern = node.child_by_field_name("pattern")
        value_node = node.child_by_field_name("value")
        body = node.child_by_field_name("body")
        iterable = self.eval(value_node, frame) if value_node is not None else UNKNOWN_VAL
        if not isinstance(iterable, ArrayVal) or pattern is None or body is None:
            if _mentions_routes(node):
                self._unresolved(
                    node,
                    frame,
                    f"loop over `{_short(value_node) if value_node is not None else '?'}` may register "
                    "routes; it is not a constant table, so how many routes it adds is unknown",
                )
                if body is not None:
                    self._loop_once(pattern, body, frame)
            return UNKNOWN_VAL
        for element in iterable.elements:
            inner = Frame(frame.module, dict(frame.env), frame.depth)
            self._bind(pattern, element, inner)
            self._block(body, inner)
            for name in frame.env:
                frame.env[name] = inner.env[name]
        return UNKNOWN_VAL

    def _loop_once(self, pattern: tree_sitter.Node | None, body: tree_sitter.Node, frame: Frame) -> None:
        """A loop over a runtime collection: its body once with unknown loop values, so what it
        registers is still listed (note `loop-registration`: how often, and where, is unknown).
        The loop's own diagnostic covers the unknown parts met inside."""
        before = {e for v in frame.env.values() if isinstance(v, RouterVal) for e in v.routes}
        inner = Frame(frame.module, dict(frame.env), frame.depth)
        self._bind(pattern, UNKNOWN_VAL, inner)
        mark = len(self.diagnostics), len(self.strings.diagnostics)
        with contextlib.suppress(_Return):
            self._block(body, inner)
        del self.diagnostics[mark[0] :]
        del self.strings.diagnostics[mark[1] :]
        for name in frame.env:
            value = inner.env[name]
            if isinstance(value, RouterVal) and value != frame.env[name]:
                value = RouterVal(
                    tuple(e if e in before else _noted(e, "loop-registration") for e in value.routes),
                    from_parameter=value.from_parameter,
                )
            frame.env[name] = value

    def _table_method(
        self, base: ArrayVal, name: str, args: Sequence[tree_sitter.Node], frame: Frame
    ) -> Value:
        """`.iter()`/`.into_iter()` keep the table; `.fold(init, |acc, row| ..)` and `.for_each` unroll it."""
        if name in ("iter", "into_iter", "copied", "cloned", "by_ref"):
            return base
        closure = args[-1] if args and args[-1].type == "closure_expression" else None
        if name not in ("fold", "for_each") or closure is None or len(args) != (2 if name == "fold" else 1):
            for arg in args:
                self.eval(arg, frame)
            return UNKNOWN_VAL
        params = [
            (p.child_by_field_name("pattern") if p.type == "parameter" else p)
            for p in (closure.child_by_field_name("parameters") or closure).named_children
        ]
        body = closure.child_by_field_name("body")
        accumulator: Value = self.eval(args[0], frame) if name == "fold" else UNKNOWN_VAL
        if body is None or len(params) != (2 if name == "fold" else 1):
            return UNKNOWN_VAL
        for element in base.elements:
            inner = Frame(frame.module, dict(frame.env), frame.depth)
            if name == "fold":
                self._bind(params[0], accumulator, inner)
            self._bind(params[-1], element, inner)
            try:
                result = self.eval(body, inner)
            except _Return as returned:
                result = returned.value
            if name == "fold":
                accumulator = result
            for key in frame.env:
                frame.env[key] = inner.env[key]
        return accumulator

    def _bind(self, pattern: tree_sitter.Node | None, value: Value, frame: Frame) -> None:
        """Destructure `value` into a loop or closure pattern (`(path, handler)`, `&(p, h)`, `mut r`)."""
        stack: list[tuple[tree_sitter.Node, Value]] = [(pattern, value)] if pattern is not None else []
        while stack:
            current, current_value = stack.pop()
            if current.type == "identifier":
                frame.env[self._text(frame, current)] = current_value
            elif current.type in ("mut_pattern", "reference_pattern", "ref_pattern", "parameter"):
                inner = current.child_by_field_name("pattern") or (
                    current.named_children[-1] if current.named_children else None
                )
                if inner is not None:
                    stack.append((inner, current_value))
            elif current.type == "tuple_pattern":
                parts = [c for c in current.named_children if c.type not in ("line_comment", "block_comment")]
                items = current_value.items if isinstance(current_value, TupleVal) else ()
                for index, part in enumerate(parts):
                    stack.append((part, items[index] if index < len(items) else UNKNOWN_VAL))

    def _path_value(self, segments: tuple[str, ...], node: tree_sitter.Node, frame: Frame) -> Value:
        found = self.crates.resolve(frame.module, segments)
        if isinstance(found, Item) and found.kind in ("const", "static"):
            value = self.strings.item_value(found)
            if value is not None:
                return value
            table = self._const_table(found)
            return table if table is not None else UNKNOWN_VAL
        return UNKNOWN_VAL

    def _const_table(self, item: Item) -> ArrayVal | None:
        """A `const`/`static` array literal (behind any `&`), its cells read in the item's module."""
        node = item.node.child_by_field_name("value")
        module = self.crates.module_of(item)
        while node is not None and node.type == "reference_expression":
            node = node.child_by_field_name("value")
        if node is None or module is None or node.type != "array_expression":
            return None
        key = f"{item.crate}::{item.qualified}"
        if key in self._stack:
            return None
        self._stack.append(key)
        try:
            table = self._array(node, Frame(module, {}, 0))
        finally:
            self._stack.pop()
        return table if isinstance(table, ArrayVal) else None

    def _if(self, node: tree_sitter.Node, frame: Frame) -> Value:
        branches: list[tuple[Frame, str, tree_sitter.Node | None]] = []
        negations: list[str] = []
        current: tree_sitter.Node | None = node
        while current is not None and current.type == "if_expression":
            condition_node = current.child_by_field_name("condition")
            text = " ".join(self._text(frame, condition_node).split()) if condition_node is not None else "?"
            branch = Frame(frame.module, dict(frame.env), frame.depth)
            if condition_node is not None and condition_node.type == "let_condition":
                self._bind_let(condition_node, branch)
                text = "let " + " ".join(self._text(frame, condition_node).removeprefix("let").split())
            label = " && ".join([*negations, text]) if negations else text
            branches.append((branch, label, current.child_by_field_name("consequence")))
            negations.append(f"!({text})")
            alternative = current.child_by_field_name("alternative")
            current = (
                alternative.named_children[0]
                if alternative is not None and alternative.named_children
                else None
            )
        else_label = " && ".join(negations)
        branches.append((Frame(frame.module, dict(frame.env), frame.depth), else_label, current))
        return self._run_branches(branches, frame)

    def _match(self, node: tree_sitter.Node, frame: Frame) -> Value:
        value_node = node.child_by_field_name("value")
        subject = " ".join(self._text(frame, value_node).split()) if value_node is not None else "?"
        body = node.child_by_field_name("body")
        branches: list[tuple[Frame, str, tree_sitter.Node | None]] = []
        for arm in body.named_children if body is not None else []:
            if arm.type != "match_arm":
                continue
            pattern = arm.child_by_field_name("pattern")
            label = (
                f"{subject} matches {' '.join(self._text(frame, pattern).split())}"
                if pattern is not None
                else subject
            )
            branches.append(
                (Frame(frame.module, dict(frame.env), frame.depth), label, arm.child_by_field_name("value"))
            )
        return self._run_branches(branches, frame)

    def _run_branches(
        self, branches: Sequence[tuple[Frame, str, tree_sitter.Node | None]], frame: Frame
    ) -> Value:
        results: list[tuple[Value, str | None]] = []
        envs: list[tuple[dict[str, Value], str | None]] = []
        for branch, label, body in branches:
            value: Value = UNKNOWN_VAL
            if body is not None:
                try:
                    value = self.eval(body, branch)
                except _Return as returned:
                    value = returned.value
            results.append((value, label))
            envs.append(({k: v for k, v in branch.env.items() if k in frame.env}, label))
        frame.env.update(_merge_envs(envs))
        return union(results)

    def _bind_let(self, condition: tree_sitter.Node, frame: Frame) -> None:
        pattern = condition.child_by_field_name("pattern")
        value_node = condition.child_by_field_name("value")
        if pattern is None or value_node is None:
            return
        value = self.eval(value_node, frame)
        if pattern.type == "tuple_struct_pattern" and isinstance(value, OptionVal):
            inner = [c for c in pattern.named_children if c.type == "identifier"]
            if len(inner) == 2:
                frame.env[self._text(frame, inner[1])] = value.inner

    def _macro(self, node: tree_sitter.Node, frame: Frame) -> Value:
        name_node = node.child_by_field_name("macro")
        name = self._text(frame, name_node) if name_node is not None else "?"
        if name in (
            "format",
            "concat",
            "formatcp",
            "concatcp",
            "const_format::formatcp",
            "const_format::concatcp",
        ):
            return self.strings.string(node, frame.module, frame.env)
        if name.split("::")[-1] in _JOIN_MACROS:
            return self._join_macro(node, frame)
        if _mentions_routes(node):
            self._unresolved(
                node, frame, f"macro {name}! may register routes; its expansion is not evaluated"
            )
        return UNKNOWN_VAL

    def _join_macro(self, node: tree_sitter.Node, frame: Frame) -> Value:
        """`tokio::join!(serve(a()), serve(b()))`: the arguments are plain expressions, so read them as such.

        Macro arguments are a flat token tree; the argument text is parsed as a snippet padded with
        newlines so every node keeps its original line number.
        """
        tree = next((c for c in node.children if c.type == "token_tree"), None)
        if tree is None or tree.child_count < 2:
            return UNKNOWN_VAL
        inner = frame.module.parsed.data[tree.children[0].end_byte : tree.children[-1].start_byte]
        data = b"\n" * tree.start_point.row + b"fn m(){(" + inner + b",);}"
        parsed = parse_bytes(frame.module.file, data, "rust")
        if isinstance(parsed, tuple):
            return UNKNOWN_VAL
        snippet = Frame(replace(frame.module, parsed=parsed), frame.env, frame.depth)
        stack = [parsed.root]
        while stack:
            current = stack.pop()
            if current.type == "tuple_expression":
                for element in current.named_children:
                    self.eval(element, snippet)
                break
            stack.extend(reversed(current.named_children))
        return UNKNOWN_VAL

    # ---- calls -------------------------------------------------------------------------
    def _call(self, node: tree_sitter.Node, frame: Frame) -> Value:
        links: list[tuple[str, tree_sitter.Node, tree_sitter.Node]] = []
        current = node
        while True:
            kind = current.type
            if (
                kind in ("try_expression", "await_expression", "parenthesized_expression")
                and current.named_children
            ):
                current = current.named_children[0]
                continue
            function = current.child_by_field_name("function") if kind == "call_expression" else None
            if function is None:
                break
            function_type = function.type
            if function_type == "generic_function":  # `.collect::<T>()`: the method is inside
                function = function.child_by_field_name("function")
                function_type = function.type if function is not None else ""
            if function is None or function_type != "field_expression":
                break
            field_node = function.child_by_field_name("field")
            receiver = function.child_by_field_name("value")
            arguments = current.child_by_field_name("arguments")
            if field_node is None or receiver is None or arguments is None:
                break
            links.append((self._text(frame, field_node), arguments, field_node))
            current = receiver
        if frame.depth > _MAX_CALL_DEPTH * 4:
            return UNKNOWN_VAL
        base = self._free_call(current, frame) if kind == "call_expression" else self.eval(current, frame)
        for name, arguments, field_node in reversed(links):
            base = self._method(base, name, arguments, field_node, frame)
        return base

    def _args(self, arguments: tree_sitter.Node) -> list[tree_sitter.Node]:
        return [
            c
            for c in arguments.named_children
            if c.type not in ("line_comment", "block_comment", "attribute_item")
        ]

    def _free_call(self, node: tree_sitter.Node, frame: Frame) -> Value:
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None or arguments is None:
            return UNKNOWN_VAL
        args = self._args(arguments)
        type_args: tree_sitter.Node | None = None
        function_type = function.type
        if function_type == "generic_function":
            type_args = function.child_by_field_name("type_arguments")
            function = function.child_by_field_name("function") or function
            function_type = function.type
        if function_type not in ("identifier", "scoped_identifier"):
            for arg in args:
                self.eval(arg, frame)
            return UNKNOWN_VAL
        segments = self._segments(frame, function)
        if segments == ("Some",) and len(args) == 1:
            return OptionVal(self.eval(args[0], frame))
        if segments[-2:] in _STRING_FUNCTIONS:
            return self.strings.string(node, frame.module, frame.env)
        transparent = segments in (("Ok",), ("Box", "new"), ("Arc", "new")) or segments[-1] == "AxumService"
        if transparent and len(args) == 1:  # shuttle's `Ok(AxumService(router))` serves the router
            return self.eval(args[0], frame)
        if function_type == "identifier" and segments[0] in frame.env:
            return UNKNOWN_VAL
        found = self.crates.resolve(frame.module, segments)
        if isinstance(found, External):
            return self._external_call(found.path, args, type_args, node, frame)
        if isinstance(found, Item):
            if found.kind == "fn":
                return self._crate_call(found, args, frame)
            if found.kind == "type" and segments[-1] in ("new", "default"):
                return self._alias_constructor(found)
        if len(segments) == 2:
            method = self._unique_method(
                segments[1], None if segments[0] == "Self" else segments[0], function, frame
            )
            if method is not None:
                return self.call_function(method, [self.eval(arg, frame) for arg in args], frame.depth)
        if len(segments) >= 2:
            owner = self.crates.resolve(frame.module, segments[:-1])
            if isinstance(owner, Item) and owner.kind == "type" and segments[-1] in ("new", "default"):
                return self._alias_constructor(owner)
        for arg in args:
            self.eval(arg, frame)
        return UNKNOWN_VAL

    def _unique_method(
        self, name: str, owner: str | None, node: tree_sitter.Node, frame: Frame
    ) -> Item | None:
        """The one associated fn `name` returning a Router (of `owner` if known), as spec §1.7 allows."""
        crate = self.crates.crates.get(frame.module.crate)
        candidates = [
            m
            for c in ([crate] if crate is not None else [])
            for m in c.methods_named(name)
            if (owner is None or m.name == f"{owner}::{name}") and _returns_router(m)
        ]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            names = ", ".join(sorted(m.name for m in candidates))
            self._unresolved(node, frame, f".{name}() could be any of {names}; its routes are not listed")
        return None

    def _alias_constructor(self, alias: Item) -> Value:
        type_node = alias.node.child_by_field_name("type")
        module = self.crates.module_of(alias)
        if type_node is None or module is None:
            return UNKNOWN_VAL
        target = self.crates.resolve(module, path_segments(type_node, module.parsed.data))
        if isinstance(target, External) and self._is_router_type(target.path):
            return RouterVal()
        if isinstance(target, Item) and target.kind == "type" and target is not alias:
            return self._alias_constructor(target)
        return UNKNOWN_VAL

    def _is_axum(self, path: tuple[str, ...]) -> bool:
        return bool(path) and path[0] in self.axum_crates

    def _is_router_type(self, path: tuple[str, ...]) -> bool:
        return self._is_axum(path) and path[-1] == "Router"

    def _crate_call(self, item: Item, args: Sequence[tree_sitter.Node], frame: Frame) -> Value:
        values = [self.eval(arg, frame) for arg in args]
        alternatives = self._cfg_alternatives(item)
        condition = self._condition_of(item)
        if len(alternatives) == 1 and condition is None:
            return self.call_function(item, values, frame.depth)
        if len(alternatives) > 1:
            return union([(self.call_function(a, values, frame.depth), a.condition) for a in alternatives])
        inputs = {e for v in values if isinstance(v, RouterVal) for e in v.routes}
        result = self.call_function(item, values, frame.depth)
        if isinstance(result, RouterVal):
            result = RouterVal(
                tuple(e if e in inputs else _with_condition(e, condition) for e in result.routes)
            )
        return result

    def _condition_of(self, item: Item) -> str | None:
        """The item's own `#[cfg]` plus those of the modules around it (`#[cfg(feature = "x")] mod admin;`)."""
        crate = self.crates.crates.get(item.crate)
        found: list[str] = []
        for end in range(2, len(item.module) + 1):
            module = crate.modules.get(item.module[:end]) if crate is not None else None
            if module is not None and module.condition is not None:
                found.append(module.condition)
        if item.condition is not None:
            found.append(item.condition)
        return " && ".join(found) if found else None

    def _cfg_alternatives(self, item: Item) -> list[Item]:
        module = self.crates.module_of(item)
        if module is None:
            return [item]
        base = item.name.split("#")[0]
        return [i for n, i in module.items.items() if n.split("#")[0] == base and i.kind == "fn"] or [item]

    def _external_call(
        self,
        path: tuple[str, ...],
        args: Sequence[tree_sitter.Node],
        type_args: tree_sitter.Node | None,
        node: tree_sitter.Node,
        frame: Frame,
    ) -> Value:
        name = path[-1]
        if self._is_axum(path):
            if len(path) >= 2 and path[-2] in ("Router", "MethodRouter") and name in ("new", "default"):
                return RouterVal() if path[-2] == "Router" else MethodVal()
            if len(path) >= 2 and path[-2] in _WRAPPER_ROUTERS and name in ("new", "default", "with_openapi"):
                for arg in args:
                    self.eval(arg, frame)
                return RouterVal()
            if len(path) >= 2 and path[-2] == "Resource" and name == "named" and len(args) == 1:
                return ResourceVal(self.strings.string(args[0], frame.module, frame.env), RouterVal())
            if path[:-1] in _ROUTING_MODULES or (path[0] in self.axum_crates and path[1:-1] == ("routing",)):
                method = self._method_router(name, args, frame, node)
                if method is not None:
                    return method
            if name in _MIDDLEWARE_FNS or name == "from_extractor":
                return LayerVal((self._middleware_name(name, args, type_args),))
            if name == "serve" and len(args) >= 2:
                self._serve(self.eval(args[1], frame), node, frame)
                return UNKNOWN_VAL
            if len(path) >= 2 and path[-2] == "Server" and name.startswith("bind"):
                return ServerVal()
        if path[0] == "axum_server" and name.startswith("bind"):
            return ServerVal()
        if path[0] == "hyper" and len(path) >= 2 and path[-2] == "Server" and name in _HYPER_BINDS:
            return ServerVal()
        if path[:2] == ("lambda_http", name) and name in _LAMBDA_RUNS and args:
            self._serve(self.eval(args[0], frame), node, frame)
            return UNKNOWN_VAL
        if path[-2:] == ("TowerToHyperService", "new") and len(args) == 1:
            return self.eval(args[0], frame)  # the router, adapted to hyper 1: still what is served
        if path[0] == "hyper" and name == "service_fn" and len(args) == 1:
            return self._service_fn(args[0], frame)
        if path[-2:] == ("ServiceBuilder", "new"):
            return LayerVal()
        for arg in args:
            self.eval(arg, frame)
        return UNKNOWN_VAL

    def _service_fn(self, closure: tree_sitter.Node, frame: Frame) -> Value:
        """`service_fn(move |req| app.clone().call(req))`: the router the closure calls, if one is."""
        body = closure.child_by_field_name("body") if closure.type == "closure_expression" else None
        stack = [body] if body is not None else []
        while stack:
            current = stack.pop()
            if current.type == "call_expression":
                function = current.child_by_field_name("function")
                field_node = function.child_by_field_name("field") if function is not None else None
                receiver = function.child_by_field_name("value") if function is not None else None
                if (
                    field_node is not None
                    and receiver is not None
                    and self._text(frame, field_node) in ("call", "oneshot")
                ):
                    value = self.eval(receiver, Frame(frame.module, dict(frame.env), frame.depth))
                    if isinstance(value, RouterVal):
                        return value
            stack.extend(reversed(current.named_children))
        return UNKNOWN_VAL

    def _serve(self, value: Value, node: tree_sitter.Node, frame: Frame) -> None:
        if isinstance(value, RouterVal):
            if self.on_serve is not None:
                self.on_serve(value, frame.module.file, node_line(node))
        else:
            self._unresolved(node, frame, f"served app `{_short(node)}` could not be followed to a Router")

    def _middleware_name(
        self, name: str, args: Sequence[tree_sitter.Node], type_args: tree_sitter.Node | None
    ) -> str:
        if name == "from_extractor":
            if type_args is not None and type_args.named_children:
                return _last_ident(type_args.named_children[0])
            return "from_extractor"
        if not args:
            return name
        return _last_ident(args[-1])

    def _method_router(
        self, name: str, args: Sequence[tree_sitter.Node], frame: Frame, node: tree_sitter.Node
    ) -> MethodVal | None:
        base = name.removesuffix("_with").removesuffix("_service")  # aide's `get_with(h, docs)`
        service = name.endswith("_service")
        if base in HTTP_METHODS or base == "any":
            return self._add_methods(
                MethodVal(), (base.upper() if base != "any" else "ANY",), args, 0, service, frame
            )
        if base == "on" and len(args) == 2:
            return self._add_methods(
                MethodVal(), self._filter_methods(args[0], frame), args, 1, service, frame
            )
        return None

    def _filter_methods(self, node: tree_sitter.Node, frame: Frame) -> tuple[str, ...]:
        found: list[str] = []
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type == "scoped_identifier":
                segments = self._segments(frame, current)
                if len(segments) >= 2 and segments[-2] == "MethodFilter":
                    found.append(segments[-1])
                    continue
            stack.extend(reversed(current.named_children))
        if not found:
            self._unresolved(
                node, frame, f"method filter `{_short(node)}` is not a MethodFilter constant; method unknown"
            )
            return ("?",)
        return tuple(dict.fromkeys(found))

    def _add_methods(
        self,
        base: MethodVal,
        methods: Sequence[str],
        args: Sequence[tree_sitter.Node],
        index: int,
        service: bool,
        frame: Frame,
    ) -> MethodVal:
        handler = self._handler(args[index], frame) if len(args) > index else HandlerVal("?")
        notes = ("opaque-service",) if service else ()
        entries = tuple(MethodEntry(m, handler.action, handler.middleware, notes) for m in methods)
        return MethodVal(base.entries + entries)

    def _handler(self, node: tree_sitter.Node, frame: Frame) -> HandlerVal:
        kind = node.type
        if kind == "closure_expression":
            return HandlerVal(f"<closure@{frame.module.file}:{node_line(node)}>")
        if kind == "generic_function":
            inner = node.child_by_field_name("function")
            return self._handler(inner, frame) if inner is not None else HandlerVal(self._text(frame, node))
        if kind in ("unary_expression", "reference_expression") and node.named_children:
            return self._handler(node.named_children[-1], frame)
        bound = frame.env.get(self._text(frame, node)) if kind == "identifier" else None
        if isinstance(bound, HandlerVal):
            return bound
        if kind in ("identifier", "scoped_identifier"):
            return HandlerVal(self.crates.qualified(frame.module, self._segments(frame, node)))
        if kind == "call_expression":
            function = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            if function is not None and function.type == "field_expression" and arguments is not None:
                receiver = function.child_by_field_name("value")
                field_node = function.child_by_field_name("field")
                if receiver is not None and field_node is not None:
                    wrapped = self._handler(receiver, frame)
                    if self._text(frame, field_node) == "layer":
                        names = self._layer_names(self._args(arguments), frame)
                        return HandlerVal(wrapped.action, names + wrapped.middleware)
                    return wrapped
        return HandlerVal(" ".join(self._text(frame, node).split()))

    def _layer_names(self, args: Sequence[tree_sitter.Node], frame: Frame) -> tuple[str, ...]:
        if not args:
            return ()
        node = args[0]
        if node.type == "tuple_expression":  # a tuple of layers: the first one is outermost
            return tuple(name for element in self._args(node) for name in self._layer_names([element], frame))
        value = self.eval(node, frame)
        if isinstance(value, LayerVal):
            return value.names
        root = node
        while root.type == "call_expression":
            function = root.child_by_field_name("function")
            if function is None:
                break
            if function.type == "field_expression":
                root = function.child_by_field_name("value") or function
                continue
            if function.type == "generic_function":
                function = function.child_by_field_name("function") or function
            segments = self._segments(frame, function)
            if len(segments) >= 2 and segments[-2][:1].isupper():
                return (segments[-2],)
            return (segments[-1],)
        if root.type == "identifier" and root.type == node.type:
            return (self._text(frame, root),)
        return (" ".join(self._text(frame, node).split()),)

    # ---- methods -----------------------------------------------------------------------
    def _method(
        self, base: Value, name: str, arguments: tree_sitter.Node, field_node: tree_sitter.Node, frame: Frame
    ) -> Value:
        args = self._args(arguments)
        if isinstance(base, RouterVal):
            return self._router_method(base, name, args, field_node, frame)
        if isinstance(base, MethodVal):
            return self._method_router_method(base, name, args, frame)
        if isinstance(base, LayerVal):
            if name == "layer" and args:
                return LayerVal(base.names + self._layer_names(args, frame))
            return base
        if isinstance(base, ServerVal):
            if name == "serve" and args:
                self._serve(self.eval(args[0], frame), field_node, frame)
                return UNKNOWN_VAL
            return base
        if isinstance(base, StrValue) and name in _STRING_METHODS:
            return base
        if isinstance(base, OptionVal) and name in ("unwrap_or_default", "unwrap", "expect"):
            return base.inner
        if isinstance(base, ArrayVal):
            return self._table_method(base, name, args, frame)
        if isinstance(base, ResourceVal):
            return self._resource_method(base, name, args, field_node, frame)
        if name in ("serve_connection", "serve_connection_with_upgrades") and len(args) == 2:
            self._serve(self.eval(args[1], frame), field_node, frame)  # hyper 1 / hyper_util
            return UNKNOWN_VAL
        if name in ("fold", "for_each") and _mentions_routes(arguments):
            self._unresolved(
                field_node,
                frame,
                f".{name}() over a value that is not a constant table may register routes; "
                "how many is unknown",
            )
            return UNKNOWN_VAL
        if isinstance(base, Unknown):
            method = self._unique_method(name, None, field_node, frame)
            if method is not None:
                return self.call_function(method, [self.eval(arg, frame) for arg in args], frame.depth)
        if name in ("route", "nest", "merge", "route_layer") and len(args) >= 1:
            values = [self.eval(arg, frame) for arg in args]
            if any(isinstance(v, (MethodVal, RouterVal)) for v in values):
                self._unresolved(
                    field_node,
                    frame,
                    f".{name}() on a value not known to be a Router; routes here are not listed",
                )
            return UNKNOWN_VAL
        for arg in args:
            self.eval(arg, frame)
        return UNKNOWN_VAL

    def _router_method(
        self,
        base: RouterVal,
        name: str,
        args: Sequence[tree_sitter.Node],
        field_node: tree_sitter.Node,
        frame: Frame,
    ) -> Value:
        line = node_line(field_node)
        file = frame.module.file
        if name in ("api_route", "api_route_with") and len(args) >= 2:  # aide: `.route` plus docs
            name, args = "route", args[:2]
        if name == "nest_api_service":
            name = "nest_service"
        if name == "routes" and len(args) == 1:
            return base.plus(self._utoipa_routes(args[0], field_node, frame))
        if name.startswith("typed_") and name.removeprefix("typed_") in HTTP_METHODS and len(args) == 1:
            return base.plus(
                self._typed_routes(name.removeprefix("typed_").upper(), args[0], field_node, frame)
            )
        if name == "split_for_parts":
            return TupleVal((base, UNKNOWN_VAL))
        if name in ("route", "route_with_tsr") and len(args) == 2:
            path = self.strings.string(args[0], frame.module, frame.env)
            method = self.eval(args[1], frame)
            if not isinstance(method, MethodVal):
                self._unresolved(
                    args[1], frame, f"method router `{_short(args[1])}` could not be followed; method unknown"
                )
                method = MethodVal((MethodEntry("?", " ".join(self._text(frame, args[1]).split())),))
            routes = [
                RouteEntry(
                    e.method, path.text, path.complete, e.action, e.middleware, file, line, None, e.notes
                )
                for e in method.entries
            ]
            if name == "route_with_tsr":
                other = path.text[:-1] if path.text.endswith("/") else path.text + "/"
                routes.append(
                    RouteEntry("ANY", other, path.complete, None, (), file, line, None, ("tsr-redirect",))
                )
            return base.plus(routes)
        if name == "route_service" and len(args) == 2:
            path = self.strings.string(args[0], frame.module, frame.env)
            action = " ".join(self._text(frame, args[1]).split())
            entry = RouteEntry(
                "ANY", path.text, path.complete, action, (), file, line, None, ("opaque-service",)
            )
            return base.plus((entry,))
        if name == "nest_service" and len(args) == 2:
            prefix = self.strings.string(args[0], frame.module, frame.env)
            action = " ".join(self._text(frame, args[1]).split())
            paths = [prefix.text]
            if not prefix.text.endswith("/"):
                paths.append(prefix.text + "/")
            paths.append(
                join_axum(
                    prefix.text if prefix.text.endswith("/") else prefix.text + "/", "/" + self.tail_param
                )
            )
            entries = tuple(
                RouteEntry("ANY", p, prefix.complete, action, (), file, line, None, ("opaque-service",))
                for p in paths
            )
            return base.plus(entries)
        if name == "nest" and len(args) == 2:
            prefix = self.strings.string(args[0], frame.module, frame.env)
            inner = self.eval(args[1], frame)
            if not isinstance(inner, RouterVal):
                self._unresolved_operand(
                    args[1],
                    frame,
                    f"nested router `{_short(args[1])}` could not be followed; its routes are not listed",
                )
                return base
            if prefix.complete and ("*" in prefix.text or "{*" in prefix.text):
                self.diagnostics.append(
                    Diagnostic(
                        "invalid-registration",
                        f"nest prefix {prefix.text!r} holds a wildcard; axum panics",
                        file,
                        line,
                    )
                )
            if prefix.text in ("", "/") and self.tail_param.startswith("{"):
                self.diagnostics.append(
                    Diagnostic(
                        "invalid-registration",
                        f"nest at the root ({prefix.text!r}) panics in axum 0.8; use merge",
                        file,
                        line,
                    )
                )
            nested = tuple(_nested_entry(e, prefix.text or "/", prefix.complete) for e in inner.routes)
            return base.plus(nested)
        if name == "merge" and len(args) == 1:
            merged = self.eval(args[0], frame)
            if isinstance(merged, ResourceVal):
                merged = merged.router
            if isinstance(merged, OptionVal) and isinstance(merged.inner, RouterVal):
                label = " ".join(self._text(frame, args[0]).split()) + " is Some"
                return base.plus([_with_condition(e, label) for e in merged.inner.routes])
            if isinstance(merged, RouterVal):
                return base.plus(merged.routes)
            self._unresolved_operand(
                args[0],
                frame,
                f"merged router `{_short(args[0])}` could not be followed; its routes are not listed",
            )
            return base
        if name in ("layer", "route_layer"):
            names = self._layer_names(args, frame)
            if name == "route_layer" and len(base) == 0 and not base.from_parameter:
                self.diagnostics.append(
                    Diagnostic(
                        "invalid-registration",
                        "route_layer on a router without routes panics (axum 0.6.13+)",
                        file,
                        line,
                    )
                )
            return RouterVal(tuple(_with_middleware(e, names) for e in base.routes))
        if name in _ROUTER_NOOPS:
            for arg in args:
                self.eval(arg, frame)
            return base
        if name in _ROUTER_TERMINALS:  # used as a tower Service: no longer a Router value
            return UNKNOWN_VAL
        self._unresolved(
            field_node, frame, f"Router method .{name}() is not understood; routes it adds are not listed"
        )
        return base

    def _utoipa_routes(
        self, macro: tree_sitter.Node, field_node: tree_sitter.Node, frame: Frame
    ) -> list[RouteEntry]:
        """utoipa-axum `.routes(routes!(a, b))`: method and path from each handler's `#[utoipa::path]`.

        `routes!(a).layer(L)` wraps those routes only (innermost first, as on a MethodRouter).
        """
        layers: list[tuple[str, ...]] = []
        while macro.type == "call_expression":
            function, arguments = (
                macro.child_by_field_name("function"),
                macro.child_by_field_name("arguments"),
            )
            field = function.child_by_field_name("field") if function is not None else None
            receiver = function.child_by_field_name("value") if function is not None else None
            if field is None or receiver is None or arguments is None:
                break
            if self._text(frame, field) in ("layer", "route_layer"):
                layers.append(self._layer_names(self._args(arguments), frame))
            macro = receiver
        middleware = tuple(name for names in layers for name in names)
        entries = self._utoipa_list(macro, field_node, frame)
        return [_with_middleware(e, middleware) for e in entries] if middleware else entries

    def _utoipa_list(
        self, macro: tree_sitter.Node, field_node: tree_sitter.Node, frame: Frame
    ) -> list[RouteEntry]:
        tree = next((c for c in macro.children if c.type == "token_tree"), None)
        if macro.type != "macro_invocation" or tree is None:
            self._unresolved(
                macro, frame, f"`{_short(macro)}` is not a routes!() list; its routes are not listed"
            )
            return []
        line, file = node_line(field_node), frame.module.file
        entries: list[RouteEntry] = []
        for arg in split_args(tree):
            pieces = arg.value or ()
            segments = (
                (arg.key,)
                if arg.key is not None and not pieces
                else tuple(self._text(frame, p) for p in pieces if p.type == "identifier")
            )
            if not segments or any(p.type not in ("identifier", "::") for p in pieces):
                continue
            action = self.crates.qualified(frame.module, segments)
            item = self.crates.lookup_item(frame.module, segments)
            operation = utoipa_operation(item) if item is not None and item.kind == "fn" else None
            if operation is None or not operation.methods or operation.path is None:
                self._unresolved(
                    macro,
                    frame,
                    f"handler {'::'.join(segments)} has no readable #[utoipa::path(method, path = ..)]; "
                    "its method or path is unknown",
                )
            methods = operation.methods if operation is not None and operation.methods else ("?",)
            path = operation.path if operation is not None else None
            entries.extend(
                RouteEntry(m, path if path is not None else UNKNOWN, path is not None, action, (), file, line)
                for m in methods
            )
        return entries

    def _typed_routes(
        self, method: str, handler: tree_sitter.Node, field_node: tree_sitter.Node, frame: Frame
    ) -> list[RouteEntry]:
        """axum-extra `.typed_get(h)`: the path is the `#[typed_path]` of `h`'s first argument type."""
        action = self._handler(handler, frame).action
        item = (
            self.crates.lookup_item(frame.module, self._segments(frame, handler))
            if handler.type in ("identifier", "scoped_identifier")
            else None
        )
        path = typed_path_of(self.crates, item) if item is not None and item.kind == "fn" else None
        if path is None:
            self._unresolved(
                handler,
                frame,
                f"typed route handler `{_short(handler)}`: no #[typed_path] found; path unknown",
            )
        return [
            RouteEntry(
                method,
                path if path is not None else UNKNOWN,
                path is not None,
                action,
                (),
                frame.module.file,
                node_line(field_node),
            )
        ]

    def _resource_method(
        self,
        base: ResourceVal,
        name: str,
        args: Sequence[tree_sitter.Node],
        field_node: tree_sitter.Node,
        frame: Frame,
    ) -> Value:
        """axum-extra `Resource`: `.index(h)`…`.destroy(h)` add Rails-style routes; `.into()` is the router."""
        axum_08 = self.tail_param.startswith("{")
        file, line = frame.module.file, node_line(field_node)
        if name in _RESOURCE_METHODS and len(args) == 1:
            handler = self._handler(args[0], frame)
            entries = [
                RouteEntry(m, p, base.name.complete, handler.action, handler.middleware, file, line)
                for m, p in resource_routes(base.name.text, name, axum_08)
            ]
            return ResourceVal(base.name, base.router.plus(entries))
        prefix = resource_nest_prefix(base.name.text, name, axum_08)
        if prefix is not None and len(args) == 1:
            inner = self.eval(args[0], frame)
            if not isinstance(inner, RouterVal):
                self._unresolved_operand(
                    args[0], frame, f"nested router `{_short(args[0])}` could not be followed"
                )
                return base
            nested = [_nested_entry(e, prefix, base.name.complete) for e in inner.routes]
            return ResourceVal(base.name, base.router.plus(nested))
        if name in ("into", "clone"):
            return base.router if name == "into" else base
        self._unresolved(field_node, frame, f"Resource method .{name}() is not understood")
        return base

    def _method_router_method(
        self, base: MethodVal, name: str, args: Sequence[tree_sitter.Node], frame: Frame
    ) -> Value:
        plain = name.removesuffix("_with").removesuffix("_service")
        service = name.removesuffix("_with").endswith("_service")
        if plain in HTTP_METHODS:
            return self._add_methods(base, (plain.upper(),), args, 0, service, frame)
        if plain == "on" and len(args) == 2:
            return self._add_methods(base, self._filter_methods(args[0], frame), args, 1, service, frame)
        if plain == "fallback":
            return self._add_methods(base, ("ANY",), args, 0, service, frame)
        if name in ("layer", "route_layer"):
            names = self._layer_names(args, frame)
            return MethodVal(
                tuple(MethodEntry(e.method, e.action, names + e.middleware, e.notes) for e in base.entries)
            )
        if name == "merge" and args:
            extra = self.eval(args[0], frame)
            return MethodVal(base.entries + extra.entries) if isinstance(extra, MethodVal) else base
        return base


def zip_params(function: tree_sitter.Node, args: Sequence[Value]) -> list[tuple[str, str, Value]]:
    """(name, type text, value) per parameter; missing arguments are Unknown."""
    params = function.child_by_field_name("parameters")
    result: list[tuple[str, str, Value]] = []
    index = 0
    for param in params.named_children if params is not None else []:
        if param.type == "self_parameter":
            continue
        if param.type != "parameter":
            continue
        pattern = param.child_by_field_name("pattern")
        type_node = param.child_by_field_name("type")
        name = _pattern_name(pattern)
        value = args[index] if index < len(args) else UNKNOWN_VAL
        index += 1
        if name is not None:
            result.append((name, node_text(type_node) if type_node is not None else "", value))
    return result


def _default_for_type(type_text: str) -> Value:
    """A parameter with no known argument: a `Router` parameter starts empty, anything else is unknown."""
    head = type_text.split("<")[0].split("::")[-1].strip()
    return RouterVal(from_parameter=True) if head in ("Router", *_WRAPPER_ROUTERS) else UNKNOWN_VAL


def _pattern_name(pattern: tree_sitter.Node | None) -> str | None:
    if pattern is None:
        return None
    if pattern.type == "identifier":
        return node_text(pattern)
    if pattern.type == "mut_pattern":
        inner = pattern.named_children[-1] if pattern.named_children else None
        return node_text(inner) if inner is not None and inner.type == "identifier" else None
    return None


def _merge_envs(envs: Sequence[tuple[dict[str, Value], str | None]]) -> dict[str, Value]:
    names: dict[str, None] = {}
    for env, _ in envs:
        names.update(dict.fromkeys(env))
    return {name: union([(env.get(name, UNKNOWN_VAL), label) for env, label in envs]) for name in names}


def _returns_router(item: Item) -> bool:
    result = item.node.child_by_field_name("return_type")
    return result is not None and "Router" in node_text(result)


def _mentions_routes(node: tree_sitter.Node) -> bool:
    text = node_text(node)
    return any(marker in text for marker in (".route(", ".nest(", ".merge(", "Router::", "route!", "routes!"))


def _last_ident(node: tree_sitter.Node) -> str:
    if node.type in (
        "identifier",
        "scoped_identifier",
        "type_identifier",
        "scoped_type_identifier",
        "generic_type",
    ):
        segments = path_segments(node)
        return segments[-1] if segments else node_text(node)
    if node.type == "reference_expression":
        inner = node.child_by_field_name("value")
        return _last_ident(inner) if inner is not None else node_text(node)
    return " ".join(node_text(node).split())


def _short(node: tree_sitter.Node) -> str:
    text = " ".join(node_text(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


__all__ = [
    "UNKNOWN",
    "AxumEvaluator",
    "Frame",
    "LayerVal",
    "MethodEntry",
    "MethodVal",
    "ModuleRef",
    "RouteEntry",
    "RouterVal",
    "TupleVal",
    "join_axum",
]
