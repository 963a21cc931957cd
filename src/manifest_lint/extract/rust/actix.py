"""actix-web 4 routes: attribute handlers placed by `.service(..)`, builders, scopes and configure fns.

A `#[get("/p")]` fn registers nothing by itself: its prefix comes from where `.service(h)` names
it, joined by plain string concatenation (§2.4 of the spec, so `/api/` + `/x` stays `/api//x`).
Handlers never registered are listed unmounted. actix has no implicit HEAD.

Also followed: `#[scope("/p")] mod m {..}` (codegen 4.3 prefixes the method attributes of the fns
directly inside), `#[routes]` stacks, `web::resource(["/a", "/b"])` (one route per pattern),
method guards (`guard::Get()`, `guard::Any(guard::Get()).or(guard::Post())`) that narrow an
ANY route to methods, and the attribute options `guard = ".."` / `wrap = ".."`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.canonical import canonical_path
from manifest_lint.extract.rust.attrs import preceding, split_args, string_value
from manifest_lint.extract.rust.chains import (
    arguments_of,
    branch_condition,
    call_chain,
    join_conditions,
    macro_paths,
    match_arm_label,
    outermost_chains,
)
from manifest_lint.extract.rust.crate import path_segments
from manifest_lint.extract.rust.values import Evaluator
from manifest_lint.model import Diagnostic, Route
from manifest_lint.parsing import node_line, node_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tree_sitter import Node

    from manifest_lint.extract.rust.cargo import Package
    from manifest_lint.extract.rust.crate import CrateSet, Item, Module

_METHODS = ("get", "post", "put", "delete", "head", "connect", "options", "trace", "patch")
_MAX_DEPTH = 32
_GUARD_METHODS = {m.capitalize(): m.upper() for m in _METHODS}
Key = tuple[str, tuple[str, ...], str]


def actix_version(package: Package) -> str | None:
    dependency = package.dependency("actix-web")
    return f"actix-web@{dependency.version}" if dependency is not None and dependency.version else None


def join_actix(prefix: str, inner: str) -> str:
    """Plain concatenation after a leading `/` is added to each non-empty part."""

    def slash(part: str) -> str:
        return part if not part or part.startswith("/") else "/" + part

    return slash(prefix) + slash(inner) or "/"


@dataclass(frozen=True, slots=True)
class _Handler:
    item: Item
    method: str
    path: str
    line: int
    middleware: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class _Ctx:
    prefix: str
    middleware: tuple[str, ...]
    binary: str | None
    notes: tuple[str, ...] = ()
    condition: str | None = None


@dataclass
class _Extractor:
    crates: CrateSet
    framework: str
    handlers: dict[Key, list[_Handler]]
    evaluator: Evaluator
    routes: list[Route] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    registered: set[Key] = field(default_factory=set)

    def note(self, message: str, module: Module, node: Node) -> None:
        self.diagnostics.append(Diagnostic("unresolved-construct", message, module.file, node_line(node)))

    def string(self, node: Node, module: Module) -> str:
        return self.evaluator.string(node, module).text

    def emit(
        self,
        method: str,
        uri: str,
        action: str | None,
        file: str,
        line: int,
        ctx: _Ctx,
        notes: tuple[str, ...] = (),
        middleware: tuple[str, ...] = (),
    ) -> None:
        uri = uri or "/"
        self.routes.append(
            Route(
                stack="rust",
                file=file,
                line=line,
                condition=ctx.condition,
                notes=tuple(dict.fromkeys(ctx.notes + notes)),
                method=method,
                uri=uri,
                canonical_uri=canonical_path(uri, "actix"),
                action=action,
                middleware=ctx.middleware + middleware,
                framework=self.framework,
                binary=ctx.binary,
                status="partial" if "{?}" in uri else "resolved",
            )
        )

    def container(
        self, calls: list[tuple[str, list[Node], Node]], module: Module, ctx: _Ctx, depth: int
    ) -> None:
        """App / Scope / ServiceConfig calls: `.wrap` covers everything the container holds."""
        wraps = tuple(
            self.middleware(args[0], module)
            for method, args, _ in calls
            if method in ("wrap", "wrap_fn") and args
        )
        inner = _Ctx(ctx.prefix, ctx.middleware + wraps[::-1], ctx.binary, ctx.notes, ctx.condition)
        if any(method == "guard" for method, _, _ in calls):
            inner.notes = (*inner.notes, "guarded")
        for method, args, call in calls:
            if method == "service" and args:
                self.service(args[0], module, inner, depth + 1)
            elif method == "route" and len(args) == 2:
                path = join_actix(inner.prefix, self.string(args[0], module))
                self.route_value(args[1], path, module, inner, call, ())
            elif method == "configure" and args:
                self.configure(args[0], module, inner, depth + 1)
            elif method == "default_service" and args:
                guards = [a[0] for name, a, _ in call_chain(args[0])[1] if name == "guard" and a]
                methods, notes = _guard_methods(guards, ())
                for verb in methods or ("ANY",):
                    self.emit(
                        verb,
                        join_actix(inner.prefix, "/{tail}*"),
                        _short(args[0]),
                        module.file,
                        _line(call),
                        inner,
                        ("fallback", *notes),
                    )

    def service(self, node: Node, module: Module, ctx: _Ctx, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.note("actix: services nest too deeply; not followed", module, node)
            return
        if node.type in ("tuple_expression", "array_expression"):
            for child in node.named_children:
                self.service(child, module, ctx, depth + 1)
            return
        if node.type == "macro_invocation" and node_text(node).startswith(
            ("services!", "actix_web::services!")
        ):
            for segments, token in macro_paths(node):
                self.handler(segments, token, module, ctx)
            return
        if node.type in ("if_expression", "match_expression"):
            for value, label in _branch_values(node):
                self.service(value, module, _with_condition(ctx, label), depth + 1)
            return
        if node.type == "identifier" and not self._is_handler(path_segments(node), module):
            bound = let_value(node_text(node), node)
            if bound is not None:  # `let api = web::scope("/api")...; App::new().service(api)`
                self.service(bound, module, ctx, depth + 1)
                return
        if node.type in ("identifier", "scoped_identifier"):
            self.handler(path_segments(node), node, module, ctx)
            return
        base, calls = call_chain(node)
        ctor = _ctor(base)
        if ctor == "scope" and base.type == "call_expression":
            args = arguments_of(base.child_by_field_name("arguments"))
            prefix = join_actix(ctx.prefix, self.string(args[0], module)) if args else ctx.prefix
            self.container(
                calls, module, _Ctx(prefix, ctx.middleware, ctx.binary, ctx.notes, ctx.condition), depth
            )
            return
        if ctor == "resource" and base.type == "call_expression":
            args = arguments_of(base.child_by_field_name("arguments"))
            patterns = (
                [p for p in args[0].named_children if p.type not in ("line_comment", "block_comment")]
                if args and args[0].type == "array_expression"
                else args[:1]
            )
            paths = [join_actix(ctx.prefix, self.string(p, module)) for p in patterns] or [ctx.prefix]
            for path in paths:
                self.resource(calls, path, module, ctx, base)
            return
        if ctor == "Files" and base.type == "call_expression":
            args = arguments_of(base.child_by_field_name("arguments"))
            path = join_actix(ctx.prefix, self.string(args[0], module)) if args else ctx.prefix
            self.emit(
                "GET",
                path.rstrip("/") + "/{tail}*",
                "actix_files::Files",
                module.file,
                node_line(base),
                ctx,
                ("opaque-service",),
            )
            return
        self.note(f"actix: service `{_short(node)}` cannot be followed statically", module, node)

    def _is_handler(self, segments: tuple[str, ...], module: Module) -> bool:
        item = self.crates.lookup_item(module, segments)
        return item is not None and (item.crate, item.module, item.name) in self.handlers

    def handler(self, segments: tuple[str, ...], node: Node, module: Module, ctx: _Ctx) -> None:
        item = self.crates.lookup_item(module, segments)
        key = (item.crate, item.module, item.name) if item is not None else None
        if item is None or key is None or key not in self.handlers:
            self.note(
                f"actix: service `{'::'.join(segments)}` is not an attribute-macro handler in reach",
                module,
                node,
            )
            return
        self.registered.add(key)
        for handler in self.handlers[key]:
            self.emit(
                handler.method,
                join_actix(ctx.prefix, handler.path),
                item.qualified,
                item.file,
                handler.line,
                ctx,
                handler.notes,
                handler.middleware,
            )

    def resource(
        self, calls: list[tuple[str, list[Node], Node]], path: str, module: Module, ctx: _Ctx, base: Node
    ) -> None:
        wraps = tuple(
            self.middleware(args[0], module) for method, args, _ in calls if method == "wrap" and args
        )
        inner = _Ctx(ctx.prefix, ctx.middleware + wraps[::-1], ctx.binary, ctx.notes, ctx.condition)
        guards = [args[0] for method, args, _ in calls if method == "guard" and args]
        for method, args, call in calls:
            if method == "route" and args:
                self.route_value(args[0], path, module, inner, call, guards)
            elif method == "to" and args:
                methods, notes = _guard_methods(guards, ())
                for verb in methods or ("ANY",):
                    self.emit(
                        verb, path, self.action(args[0], module), module.file, _line(call), inner, notes
                    )
            elif method in _METHODS and args:
                _, notes = _guard_methods(guards, ())
                self.emit(
                    method.upper(), path, self.action(args[0], module), module.file, _line(call), inner, notes
                )

    def route_value(
        self, node: Node, path: str, module: Module, ctx: _Ctx, call: Node, guards: Sequence[Node]
    ) -> None:
        """`web::get().to(h)`, `web::route().guard(guard::Post()).to(h)`, `web::to(h)`.

        A route's own method guards and those of its resource narrow ANY; an explicit method wins.
        """
        base, calls = call_chain(node)
        ctor = _ctor(base)
        explicit: tuple[str, ...] = (ctor.upper(),) if ctor in _METHODS else ()
        handler: str | None = None
        if ctor == "to" and base.type == "call_expression":
            args = arguments_of(base.child_by_field_name("arguments"))
            handler = self.action(args[0], module) if args else None
        own: list[Node] = list(guards)
        for name, args, _ in calls:
            if name == "to" and args:
                handler = self.action(args[0], module)
            elif name == "method" and args:
                explicit = (node_text(args[0]).rsplit("::", 1)[-1].upper(),)
            elif name == "guard" and args:
                own.append(args[0])
        methods, notes = _guard_methods(own, explicit)
        for method in methods or ("ANY",):
            self.emit(method, path, handler, module.file, _line(call), ctx, notes)

    def middleware(self, node: Node, module: Module) -> str:
        """The identity of a `.wrap(..)` argument: a type or fn name, as the axum extractor records it."""
        current = node
        for _ in range(_MAX_DEPTH):
            if current.type == "closure_expression":
                return f"<closure@{module.file}:{node_line(current)}>"
            if current.type in ("identifier", "scoped_identifier"):
                return path_segments(current)[-1]
            if current.type != "call_expression":
                break
            function = current.child_by_field_name("function")
            if function is not None and function.type == "generic_function":
                function = function.child_by_field_name("function")
            if function is None:
                break
            if function.type == "field_expression":
                receiver = function.child_by_field_name("value")
                if receiver is None:
                    break
                current = receiver
                continue
            segments = path_segments(function)
            args = arguments_of(current.child_by_field_name("arguments"))
            if segments and segments[-1] in ("from_fn", "wrap_fn") and args:
                current = args[-1]
                continue
            if len(segments) >= 2 and segments[-2][:1].isupper():
                return segments[-2]
            return segments[-1] if segments else _short(node)
        return _short(node)

    def action(self, node: Node, module: Module) -> str:
        if node.type == "closure_expression":
            return f"<closure@{module.file}:{node_line(node)}>"
        if node.type == "generic_function":
            node = node.child_by_field_name("function") or node
        if node.type in ("identifier", "scoped_identifier"):
            return self.crates.qualified(module, path_segments(node))
        return _short(node)

    def configure(self, node: Node, module: Module, ctx: _Ctx, depth: int) -> None:
        """`.configure(f)`, `.configure(f::<B>)` or `.configure(|cfg| f(cfg, ..))`: follow into f."""
        if node.type in ("if_expression", "match_expression") and depth <= _MAX_DEPTH:
            for value, label in _branch_values(node):  # `.configure(if dev { a } else { b })`
                self.configure(value, module, _with_condition(ctx, label), depth + 1)
            return
        if node.type == "generic_function":
            node = node.child_by_field_name("function") or node
        if node.type == "closure_expression" and depth <= _MAX_DEPTH:
            parameters = node.child_by_field_name("parameters")
            first = next(iter(parameters.named_children), None) if parameters is not None else None
            pattern = (
                first.child_by_field_name("pattern")
                if first is not None and first.type == "parameter"
                else first
            )
            body = node.child_by_field_name("body")
            if pattern is not None and body is not None:
                self.config_body(body, node_text(pattern), module, ctx, depth)
                return
        item = (
            self.crates.lookup_item(module, path_segments(node))
            if node.type in ("identifier", "scoped_identifier")
            else None
        )
        target = self.crates.module_of(item) if item is not None else None
        if item is None or item.kind != "fn" or target is None or depth > _MAX_DEPTH:
            self.note(f"actix: configure fn `{_short(node)}` cannot be followed", module, node)
            return
        parameters = item.node.child_by_field_name("parameters")
        first = next(
            (p for p in (parameters.named_children if parameters else []) if p.type == "parameter"), None
        )
        pattern = first.child_by_field_name("pattern") if first is not None else None
        body = item.node.child_by_field_name("body")
        if body is not None:
            self.config_body(body, node_text(pattern) if pattern is not None else "", target, ctx, depth)

    def config_body(self, body: Node, name: str, module: Module, ctx: _Ctx, depth: int) -> None:
        """Chains on the `ServiceConfig` parameter `name`, and helper fns it is handed to."""
        for call in _calls_outside_closures(body):
            if call.parent is not None and call.parent.type == "field_expression":
                continue
            base, calls = call_chain(call)
            branch = _with_condition(ctx, branch_condition(call, body))
            if base.type == "identifier" and node_text(base) == name and calls:
                self.container(calls, module, branch, depth + 1)
                continue
            function = call.child_by_field_name("function")
            args = arguments_of(call.child_by_field_name("arguments"))
            if (
                function is not None
                and function.type in ("identifier", "scoped_identifier", "generic_function")
                and args
                and node_text(args[0]) == name
            ):
                self.configure(function, module, branch, depth + 1)


def _calls_outside_closures(body: Node) -> list[Node]:
    """Calls in source order, not entering closures: `.configure(|cfg| ..)` bodies are followed
    where that `.configure` is, with its own prefix, and must not be read a second time here."""
    found: list[Node] = []
    stack = [body]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            found.append(node)
        if node is not body and node.type in ("closure_expression", "mod_item", "function_item"):
            continue
        stack.extend(reversed(node.named_children))
    return found


def _with_condition(ctx: _Ctx, condition: str | None) -> _Ctx:
    if condition is None:
        return ctx
    return _Ctx(ctx.prefix, ctx.middleware, ctx.binary, ctx.notes, join_conditions(ctx.condition, condition))


def _is_app(base: Node) -> bool:
    """`App::new()`, or a `let` binding of an App chain (`let app = App::new()..; app.service(..)`),
    also through `let app = if c { app.service(..) } else { app }`. Only the calls on `base` are
    this chain's own: the bound chain is read where it is written."""
    pending = [base]
    for _ in range(_MAX_DEPTH):
        if not pending:
            return False
        current = pending.pop()
        if current.type == "call_expression" and _ctor(current) == "new":
            function = current.child_by_field_name("function")
            if function is not None and path_segments(function)[-2:] == ("App", "new"):
                return True
        elif current.type == "identifier":
            bound = let_value(node_text(current), current)
            if bound is not None:
                values = _branch_values(bound) if bound.type in ("if_expression", "match_expression") else []
                pending.extend(call_chain(v)[0] for v, _ in values or [(bound, None)])
    return False


def let_value(name: str, use: Node) -> Node | None:
    """The value of the nearest `let name = ..` before `use` in its enclosing blocks (not past its fn)."""
    child, current = use, use.parent
    while current is not None and current.type not in ("function_item", "source_file"):
        if current.type == "block":
            before: list[Node] = []
            for statement in current.named_children:
                if statement == child:
                    break
                before.append(statement)
            for statement in reversed(before):
                pattern = (
                    statement.child_by_field_name("pattern") if statement.type == "let_declaration" else None
                )
                if pattern is not None and pattern.type == "mut_pattern" and pattern.named_children:
                    pattern = pattern.named_children[-1]
                if pattern is not None and pattern.type == "identifier" and node_text(pattern) == name:
                    return statement.child_by_field_name("value")
        child, current = current, current.parent
    return None


def _branch_values(node: Node) -> list[tuple[Node, str | None]]:
    """The value each branch of an `if` / `match` yields (a block's tail expression), with its label."""
    found: list[tuple[Node, str | None]] = []
    for _ in range(_MAX_DEPTH):
        if node.type == "if_expression":
            test = node.child_by_field_name("condition")
            text = " ".join(node_text(test).split()) if test is not None else "?"
            consequence = node.child_by_field_name("consequence")
            tail = _tail(consequence)
            if tail is not None:
                found.append((tail, text))
            alternative = node.child_by_field_name("alternative")
            inner = (
                alternative.named_children[0]
                if alternative is not None and alternative.named_children
                else None
            )
            if inner is None:
                break
            if inner.type == "if_expression":
                found.extend((v, join_conditions(f"!({text})", label)) for v, label in _branch_values(inner))
                break
            tail = _tail(inner)
            if tail is not None:
                found.append((tail, f"!({text})"))
            break
        if node.type == "match_expression":
            body = node.child_by_field_name("body")
            for arm in body.named_children if body is not None else []:
                value = arm.child_by_field_name("value")
                tail = _tail(value) if value is not None and value.type == "block" else value
                if tail is not None and arm.type == "match_arm":
                    found.append((tail, match_arm_label(arm)))
        break
    return found


def _tail(block: Node | None) -> Node | None:
    if block is None or block.type != "block":
        return block
    children = [c for c in block.named_children if c.type not in ("line_comment", "block_comment")]
    last = children[-1] if children else None
    if last is None or last.type.endswith("_statement") or last.type in ("let_declaration",):
        return None
    return last


def _enclosing_body(node: Node) -> Node:
    current = node.parent
    while current is not None:
        if current.type == "function_item":
            return current.child_by_field_name("body") or current
        if current.parent is None:
            return current
        current = current.parent
    return node


def _ctor(base: Node) -> str:
    if base.type != "call_expression":
        return ""
    function = base.child_by_field_name("function")
    segments = (
        path_segments(function)
        if function is not None and function.type in ("identifier", "scoped_identifier")
        else ()
    )
    if len(segments) >= 2 and segments[-2] in ("Files",) and segments[-1] == "new":
        return "Files"
    if len(segments) >= 2 and segments[-2] in ("Resource", "Scope") and segments[-1] == "new":
        return segments[-2].lower()
    return segments[-1] if segments else ""


def _line(call: Node) -> int:
    """The line of the method name in a chain link (`.route(` on its own line), not of the chain start."""
    function = call.child_by_field_name("function")
    name = function.child_by_field_name("field") if function is not None else None
    return node_line(name if name is not None else call)


def _guard_methods(
    guards: Sequence[Node], explicit: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Methods that guards allow (explicit ones win) and `guarded` when a guard is not a method."""
    methods: list[str] = list(explicit)
    notes: tuple[str, ...] = ()
    for guard in guards:
        found = _guard_union(guard)
        if found is None:
            notes = ("guarded",)
        elif not explicit:
            methods.extend(m for m in found if m not in methods)
    return tuple(methods), notes


def _guard_union(guard: Node) -> list[str] | None:
    """`guard::Get()` → [GET]; `guard::Any(guard::Get()).or(guard::Post())` → [GET, POST]; else None."""
    base, calls = call_chain(guard)
    if base.type != "call_expression":
        return None
    function = base.child_by_field_name("function")
    segments = path_segments(function) if function is not None else ()
    args = arguments_of(base.child_by_field_name("arguments"))
    name = segments[-1] if segments else ""
    if name in _GUARD_METHODS and not args:
        found = [_GUARD_METHODS[name]]
    elif name == "Method" and len(args) == 1:
        found = [node_text(args[0]).rsplit("::", 1)[-1].upper()]
    elif name == "Any" and len(args) == 1:
        first = _guard_union(args[0])
        if first is None:
            return None
        found = first
    else:
        return None
    for method, call_args, _ in calls:
        if name != "Any" or method != "or" or len(call_args) != 1:
            return None
        more = _guard_union(call_args[0])
        if more is None:
            return None
        found.extend(m for m in more if m not in found)
    return found


def _short(node: Node) -> str:
    text = " ".join(node_text(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _scope_prefix(module: Module) -> str | None:
    """The `#[scope("/p")]` on an inline module; it applies to fns directly inside only."""
    owner = module.body.parent
    if owner is None or owner.type != "mod_item":
        return None
    for attribute in preceding(owner)[0]:
        if attribute.path in ("scope", "actix_web::scope"):
            args = split_args(attribute.args)
            value = string_value(args[0].first) if args and args[0].key is None else None
            return value if value is not None else "{?}"
    return None


def _wrap_name(text: str) -> str:
    """`wrap = "Logger::default()"` names its middleware by type or fn, like `.wrap(..)` does."""
    segments: list[str] = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text.split("(", 1)[0])
    if len(segments) >= 2 and segments[-2][:1].isupper():
        return segments[-2]
    return segments[-1] if segments else text


def _handlers(item: Item, prefix: str | None) -> list[_Handler]:
    attributes, _ = preceding(item.node)
    found: list[_Handler] = []
    for attribute in attributes:
        name = attribute.name
        if attribute.path not in (*_METHODS, "route", *(f"actix_web::{m}" for m in (*_METHODS, "route"))):
            continue
        args = split_args(attribute.args)
        path = string_value(args[0].first) if args and args[0].key is None else None
        line = node_line(attribute.node)
        methods = (
            [name.upper()]
            if name != "route"
            else [string_value(a.first) or "?" for a in args if a.key == "method"]
        )
        wraps = tuple(_wrap_name(string_value(a.first) or a.text) for a in args if a.key == "wrap")
        notes = ("guarded",) if any(a.key == "guard" for a in args) else ()
        full = (prefix or "") + (path if path is not None else "{?}")
        found.extend(_Handler(item, method, full, line, wraps, notes) for method in methods)
    return found


def extract_actix(
    package: Package, crates: CrateSet, framework: str
) -> tuple[tuple[Route, ...], tuple[Diagnostic, ...]]:
    handlers: dict[Key, list[_Handler]] = {}
    for crate in crates.crates.values():
        for item in crate.functions():
            owner = crates.module_of(item)
            found = _handlers(item, _scope_prefix(owner) if owner is not None else None)
            if found:
                handlers[(item.crate, item.module, item.name)] = found
    extractor = _Extractor(crates, framework, handlers, Evaluator(crates))
    for module, binary, call, base, calls in outermost_chains(crates):
        if calls and _is_app(base):
            condition = branch_condition(call, _enclosing_body(call))
            extractor.container(calls, module, _Ctx("", (), binary, (), condition), 0)
    extractor.diagnostics.extend(extractor.evaluator.diagnostics)
    for key, found in handlers.items():
        if key in extractor.registered:
            continue
        for handler in found:
            extractor.routes.append(
                Route(
                    stack="rust",
                    file=handler.item.file,
                    line=handler.line,
                    method=handler.method,
                    uri=handler.path,
                    canonical_uri=canonical_path(handler.path, "actix"),
                    action=handler.item.qualified,
                    middleware=handler.middleware,
                    framework=framework,
                    notes=handler.notes,
                    status="partial" if "{?}" in handler.path else "resolved",
                    mounted=False,
                )
            )
            extractor.diagnostics.append(
                Diagnostic(
                    "unmounted-surface",
                    f"actix handler `{handler.item.name}` is never registered with .service()",
                    handler.item.file,
                    handler.line,
                )
            )
    return tuple(extractor.routes), tuple(extractor.diagnostics)
