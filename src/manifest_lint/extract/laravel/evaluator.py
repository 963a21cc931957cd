"""The route-file interpreter: runs route files statement by statement against an emulated router.

It keeps the router's group stack, follows `require`/`include` and file groups inside the project,
unrolls literal `foreach` loops and records `if` conditions on the routes they guard. Anything it cannot
evaluate is reported as a diagnostic with file:line, and the route is still listed with what is known.
"""

from __future__ import annotations

import functools
import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.catalog import data_text
from manifest_lint.extract.laravel import conditions, resources
from manifest_lint.extract.laravel.names import names_of
from manifest_lint.extract.laravel.state import (
    ALL_VERBS,
    Attrs,
    Collection,
    Draft,
    merge,
    parse_uri,
    route_prefix,
    router_prefix,
)
from manifest_lint.extract.laravel.values import (
    ClassRef,
    Closure,
    FileScope,
    Folder,
    PhpArray,
    RouterRef,
    Unknown,
    Value,
    as_string,
    php_array,
)
from manifest_lint.model import Diagnostic
from manifest_lint.parsing import ParsedFile, SourceSet, node_line, node_text

if TYPE_CHECKING:
    from collections.abc import Callable

    import tree_sitter

UNRESOLVED = "<unresolved>"
ROUTE_FACADES = frozenset({"route", "illuminate\\support\\facades\\route"})
VERBS = {
    "get": ["GET"],
    "post": ["POST"],
    "put": ["PUT"],
    "patch": ["PATCH"],
    "delete": ["DELETE"],
    "options": ["OPTIONS"],
}
REGISTRAR_ATTRIBUTES = {
    "as": "as",
    "controller": "controller",
    "domain": "domain",
    "middleware": "middleware",
    "missing": "missing",
    "name": "as",
    "namespace": "namespace",
    "prefix": "prefix",
    "scopebindings": "scope_bindings",
    "where": "where",
    "withoutmiddleware": "excluded_middleware",
    "withoutscopedbindings": "scope_bindings",
    "can": "can",
}
LIVEWIRE_ROUTE_SETTERS = {
    "setupdateroute": "Livewire\\Mechanisms\\HandleRequests\\HandleRequests@handleUpdate",
    "setscriptroute": "Livewire\\Mechanisms\\FrontendAssets\\FrontendAssets@returnJavaScriptAsFile",
}
WHERE_HELPERS = frozenset(
    {"where", "wherenumber", "wherealpha", "wherealphanumeric", "whereuuid", "whereulid", "wherein"}
)
RESOURCE_CALLS = frozenset({"resource", "apiresource", "singleton", "apisingleton"})
RESOURCE_LISTS = {
    "resources": "resource",
    "apiresources": "apiresource",
    "singletons": "singleton",
    "apisingletons": "apisingleton",
}
ROUTE_NOOPS = frozenset(
    {
        "defaults",
        "withtrashed",
        "scopebindings",
        "withoutscopedbindings",
        "missing",
        "block",
        "fallback",
        "setbindingfields",
        "lock",
        "withoutblocking",
        "setdefaults",
        "scoped",
        "shallow",
    }
)
ROUTER_NOOPS = frozenset(
    {
        "pattern",
        "patterns",
        "bind",
        "model",
        "macro",
        "mixin",
        "middlewaregroup",
        "pushmiddlewaretogroup",
        "prependmiddlewaretogroup",
        "aliasmiddleware",
        "substitutebindings",
        "singularresourceparameters",
        "resourceparameters",
        "resourceverbs",
        "current",
        "currentroutename",
        "has",
        "is",
        "getroutes",
    }
)
_WHERE_PATTERNS = {
    "wherenumber": "[0-9]+",
    "wherealpha": "[a-zA-Z]+",
    "wherealphanumeric": "[a-zA-Z0-9]+",
    "whereuuid": "[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}",
    "whereulid": "[0-7][0-9a-hjkmnp-tv-zA-HJKMNP-TV-Z]{25}",
}


@dataclass(frozen=True, slots=True)
class ThisRef:
    """`$this` inside a service provider: its methods and property defaults."""

    methods: dict[str, tree_sitter.Node]


@dataclass
class Ctx:
    """Where a statement runs: its file, variables and the conditions guarding it."""

    scope: FileScope
    variables: dict[str, Value]
    conditions: tuple[str, ...] = ()
    this: ThisRef | None = None

    def child(self, variables: dict[str, Value] | None = None, condition: str | None = None) -> Ctx:
        return Ctx(
            self.scope,
            self.variables if variables is None else variables,
            (*self.conditions, condition) if condition else self.conditions,
            self.this,
        )


@dataclass
class Pending:
    """A resource or singleton registration, added when its statement ends (PHP destructor)."""

    kind: str
    name: Value
    controller: Value
    options: dict[str, object]
    ctx: Ctx
    line: int


@dataclass
class Interpreter:
    """Runs route files into a `Collection`; one instance per project."""

    sources: SourceSet
    folder: Folder
    env: str | None = None
    max_depth: int = 200
    collection: Collection = field(default_factory=Collection)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    group_stack: list[Attrs] = field(default_factory=list)
    _including: list[str] = field(default_factory=list)
    _depth: int = 0
    _reported_files: set[str] = field(default_factory=set)
    _scopes: dict[str, FileScope] = field(default_factory=dict)
    class_file: Callable[[str], str | None] | None = None
    resource_verbs: dict[str, str] = field(default_factory=lambda: {"create": "create", "edit": "edit"})
    resource_parameters: dict[str, str] = field(default_factory=dict)
    singular_parameters: bool = True
    macros: dict[str, Closure] = field(default_factory=dict)
    _inlining: list[str] = field(default_factory=list)

    # ----------------------------------------------------------------------------------------------- files

    def diagnose(self, rule: str, message: str, file: str, line: int) -> None:
        self.diagnostics.append(Diagnostic(rule, message, file, line))

    def load_file(self, rel: str, *, referrer: str | None, line: int, ctx: Ctx | None = None) -> None:
        """`require` a route file in the current group context (`$router` is in scope, as in Laravel)."""
        if rel in self._including:
            chain = " → ".join([*self._including, rel])
            self.diagnose(
                "include-refused",
                f"{rel}: include cycle ({chain}); not followed again",
                referrer or rel,
                line,
            )
            return
        parsed = self.sources.parse(rel, "php", line=line, referrer=referrer)
        if not isinstance(parsed, ParsedFile):
            self.diagnostics.extend(parsed)
            return
        if rel not in self._reported_files:
            self._reported_files.add(rel)
            self.diagnostics.extend(self.sources.diagnostics_for(rel))
        scope = self.scope_for(parsed)
        variables: dict[str, Value] = {"router": RouterRef()}
        conditions_in = ctx.conditions if ctx is not None else ()
        if ctx is not None and ctx.scope.rel == rel:
            variables = dict(ctx.variables)
        inner = Ctx(scope, variables, conditions_in)
        self._including.append(rel)
        try:
            self.run_block(list(parsed.root.named_children), inner)
        finally:
            self._including.pop()

    def scope_for(self, parsed: ParsedFile) -> FileScope:
        cached = self._scopes.get(parsed.rel)
        if cached is not None:
            return cached
        scope = FileScope(
            rel=parsed.rel,
            directory=posixpath.dirname(str(self.sources.root / parsed.rel)),
            names=names_of(parsed.root),
            root=str(self.sources.root),
        )
        _collect_constants(parsed.root, scope, self.folder)
        self._scopes[parsed.rel] = scope
        return scope

    def include_path(self, value: Value, ctx: Ctx, node: tree_sitter.Node) -> str | None:
        """Project-relative path of an include target, or None after reporting why it cannot be used."""
        line = node_line(node)
        text = as_string(value)
        if text is None:
            self.diagnose(
                "unresolved-construct",
                f"route file path `{_short(value.text if isinstance(value, Unknown) and value.text else node_text(node))}` "
                "cannot be computed statically; file not loaded",
                ctx.scope.rel,
                line,
            )
            return None
        absolute = text if text.startswith("/") else str(self.sources.root / text)
        rel = self.sources.relative(Path(absolute))
        if rel is None or ((self.sources.root / rel).exists() and self.sources.resolve_inside(rel) is None):
            self.diagnose(
                "include-refused",
                f"{_relative_to(absolute, str(self.sources.root))}: outside the project root; not followed",
                ctx.scope.rel,
                line,
            )
            return None
        return rel

    # ------------------------------------------------------------------------------------------ statements

    def run_block(self, statements: list[tree_sitter.Node], ctx: Ctx) -> bool:
        """Run statements; True when an unconditional `return` ended the block."""
        if self._depth >= self.max_depth:
            first = statements[0] if statements else None
            self.diagnose(
                "limit-exceeded",
                f"nesting deeper than {self.max_depth} levels (limits.max-nesting); inner routes skipped",
                ctx.scope.rel,
                node_line(first) if first is not None else 1,
            )
            return False
        self._depth += 1
        try:
            for statement in statements:
                outcome = self.run_statement(statement, ctx)
                if outcome is True:
                    return True
                if isinstance(outcome, str):
                    ctx = ctx.child(condition=outcome)
            return False
        finally:
            self._depth -= 1

    def run_statement(self, node: tree_sitter.Node, ctx: Ctx) -> bool | str | None:
        kind = node.type
        if kind == "expression_statement":
            expression = node.named_child(0) if node.named_child_count else None
            if expression is not None:
                self.run_expression(expression, ctx, discard=True)
            return None
        if kind == "compound_statement":
            return self.run_block(list(node.named_children), ctx)
        if kind == "return_statement":
            value = node.named_child(0) if node.named_child_count else None
            if value is not None:
                self.run_expression(value, ctx, discard=True)
            return True
        if kind == "if_statement":
            return self.run_if(node, ctx)
        if kind == "foreach_statement":
            self.run_foreach(node, ctx)
            return None
        if kind == "namespace_definition":
            body = node.child_by_field_name("body")
            return self.run_block(list(body.named_children), ctx) if body is not None else None
        if kind in (
            "php_tag",
            "text_interpolation",
            "comment",
            "namespace_use_declaration",
            "const_declaration",
            "class_declaration",
            "function_definition",
            "interface_declaration",
            "trait_declaration",
            "enum_declaration",
            "declare_statement",
            "empty_statement",
            "text",
            "echo_statement",
        ):
            return None
        self.report_hidden_routes(node, ctx, f"a `{kind.replace('_', ' ')}`")
        return None

    def run_if(self, node: tree_sitter.Node, ctx: Ctx) -> bool | str | None:
        branches: list[tuple[tree_sitter.Node | None, tree_sitter.Node | None]] = []
        current: tree_sitter.Node | None = node
        while current is not None:
            branches.append((current.child_by_field_name("condition"), current.child_by_field_name("body")))
            alternatives = [
                c for i, c in enumerate(current.children) if current.field_name_for_child(i) == "alternative"
            ]
            current = None
            for alternative in alternatives:
                if alternative.type == "else_if_clause":
                    branches.append(
                        (
                            alternative.child_by_field_name("condition"),
                            alternative.child_by_field_name("body"),
                        )
                    )
                elif alternative.type == "else_clause":
                    branches.append((None, alternative.child_by_field_name("body")))
        previous: list[conditions.Condition] = []
        returned_all = False
        after: list[str] = []
        for condition_node, body in branches:
            parts = [conditions.negate(c) for c in previous]
            this = conditions.describe(condition_node, ctx, self) if condition_node is not None else None
            if this is not None:
                parts.append(this)
                previous.append(this)
            combined = conditions.conjoin(parts)
            if combined.value is False:
                continue
            if body is None:
                continue
            statements = list(body.named_children) if body.type == "compound_statement" else [body]
            text = None if combined.value is True else combined.text
            returned = self.run_block(statements, ctx.child(condition=text))
            if returned:
                if text is None:
                    returned_all = True
                    break
                after.append(conditions.negate(combined).text)
        if returned_all:
            return True
        if after:
            return " and ".join(after)
        return None

    def run_foreach(self, node: tree_sitter.Node, ctx: Ctx) -> None:
        named = node.named_children
        body = node.child_by_field_name("body")
        if len(named) < 2 or body is None:
            return
        iterable = self.folder.fold(named[0], ctx.scope, ctx.variables)
        binding = named[1]
        key_var, value_var = None, binding
        if binding.type == "pair" and len(binding.named_children) == 2:
            key_var, value_var = binding.named_children
        statements = list(body.named_children) if body.type == "compound_statement" else [body]
        if isinstance(iterable, PhpArray):
            for key, value in iterable.items:
                variables = dict(ctx.variables)
                if key_var is not None and key_var.type == "variable_name":
                    variables[node_text(key_var).lstrip("$")] = key
                if value_var.type == "variable_name":
                    variables[node_text(value_var).lstrip("$")] = value
                self.run_block(statements, ctx.child(variables))
            return
        if not _mentions_routes(body):
            return
        self.diagnose(
            "unresolved-construct",
            f"loop over runtime data `{_short(node_text(named[0]))}`: "
            "its routes are listed once with unresolved parts",
            ctx.scope.rel,
            node_line(node),
        )
        variables = dict(ctx.variables)
        for var in (key_var, value_var):
            if var is not None and var.type == "variable_name":
                variables[node_text(var).lstrip("$")] = Unknown(node_text(var), node_line(var))
        self.run_block(statements, ctx.child(variables))

    def run_expression(self, node: tree_sitter.Node, ctx: Ctx, *, discard: bool = False) -> Value:
        """Run one expression; with `discard` (a statement's value nobody reads) a route chain does
        not build the `Unknown` it would otherwise return."""
        kind = node.type
        if kind in (
            "require_expression",
            "require_once_expression",
            "include_expression",
            "include_once_expression",
        ):
            target = node.named_children[0] if node.named_children else None
            value = self.folder.fold(target, ctx.scope, ctx.variables)
            rel = self.include_path(value, ctx, node)
            if rel is not None:
                if (
                    kind.endswith("once_expression")
                    and rel in self._reported_files
                    and rel not in self._including
                ):
                    return None
                self.load_file(rel, referrer=ctx.scope.rel, line=node_line(node), ctx=ctx)
            return None
        if kind == "assignment_expression":
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            value = self.run_expression(right, ctx) if right is not None else None
            if left is not None and left.type == "variable_name":
                ctx.variables[node_text(left).lstrip("$")] = value
            return value
        if kind in ("member_call_expression", "scoped_call_expression", "nullsafe_member_call_expression"):
            handled, value = self.run_chain(node, ctx, discard=discard)
            if handled:
                return value
            if kind == "scoped_call_expression" and self.inline_static(node, ctx):
                return Unknown(node_text(node), node_line(node))
        if kind == "function_call_expression":
            function = node.child_by_field_name("function")
            if function is not None and node_text(function).lstrip("\\").lower() == "app":
                return self.folder.fold(node, ctx.scope, ctx.variables)
        value = self.folder.fold(node, ctx.scope, ctx.variables)
        if isinstance(value, Unknown):
            self.report_hidden_routes(node, ctx, "a call or expression the interpreter does not run")
            if kind == "scoped_call_expression" and _is_routes_helper(node):
                self.diagnose(
                    "unresolved-construct",
                    f"`{_short(node_text(node))}` registers routes (a package or app helper) that the "
                    "interpreter does not run; they are not listed",
                    ctx.scope.rel,
                    node_line(node),
                )
        return value

    def inline_static(self, node: tree_sitter.Node, ctx: Ctx) -> bool:
        """Run `AppClass::method(...)` when the project defines it and its body registers routes
        (apps wrap route loading in helpers, e.g. `RouteServiceProvider::loadVersionAwareRoutes('web')`)."""
        scope_node = node.child_by_field_name("scope")
        name_node = node.child_by_field_name("name")
        if scope_node is None or name_node is None or self.class_file is None:
            return False
        raw = node_text(scope_node)
        cls = (
            ctx.scope.names.resolve(raw) if raw.lower() not in ("self", "static") else ctx.scope.current_class
        )
        rel = self.class_file(cls) if cls else None
        if rel is None or not self.sources.exists(rel):
            return False
        parsed = self.sources.parse(rel, "php")
        if not isinstance(parsed, ParsedFile):
            return False
        method = _find_method(parsed.root, cls.rsplit("\\", 1)[-1], node_text(name_node))
        body = method.child_by_field_name("body") if method is not None else None
        if method is None or body is None or not _mentions_routes(body):
            return False
        key = f"{cls}::{node_text(name_node)}"
        if key in self._inlining:
            return False
        args, named = self.args(node, ctx)
        variables: dict[str, Value] = {}
        parameters = method.child_by_field_name("parameters")
        for index, parameter in enumerate(parameters.named_children if parameters is not None else []):
            parameter_name = parameter.child_by_field_name("name")
            if parameter_name is None:
                continue
            name = node_text(parameter_name).lstrip("&$")
            default = parameter.child_by_field_name("default_value")
            if index < len(args):
                variables[name] = args[index]
            elif name in named:
                variables[name] = named[name]
            else:
                variables[name] = self.folder.fold(default, ctx.scope, {}) if default is not None else None
        scope = self.scope_for(parsed)
        scope.current_class = cls
        self._inlining.append(key)
        try:
            self.run_block(list(body.named_children), Ctx(scope, variables, ctx.conditions))
        finally:
            self._inlining.pop()
        return True

    def report_hidden_routes(self, node: tree_sitter.Node, ctx: Ctx, where: str) -> None:
        """Route registrations inside constructs the interpreter does not run must not vanish silently."""
        found = _first_route_call(node, ctx)
        if found is not None:
            self.diagnose(
                "unresolved-construct",
                f"route registration `{_short(node_text(found))}` is inside {where}; not evaluated statically",
                ctx.scope.rel,
                node_line(found),
            )

    # ------------------------------------------------------------------------------------------------ chains

    def chain_base(
        self, node: tree_sitter.Node, ctx: Ctx
    ) -> tuple[str, list[tuple[str, tree_sitter.Node]]] | None:
        """Classify a call chain: ('router' | 'this' | 'broadcast', calls) or None when not a route chain."""
        calls: list[tuple[str, tree_sitter.Node]] = []
        current = node
        while current.type in ("member_call_expression", "nullsafe_member_call_expression"):
            name = current.child_by_field_name("name")
            calls.append((node_text(name).lower() if name is not None else "", current))
            obj = current.child_by_field_name("object")
            if obj is None:
                return None
            current = obj
        if current.type == "scoped_call_expression":
            scope_node = current.child_by_field_name("scope")
            name = current.child_by_field_name("name")
            calls.append((node_text(name).lower() if name is not None else "", current))
            calls.reverse()
            cls = ctx.scope.names.resolve(node_text(scope_node)).lower() if scope_node is not None else ""
            if cls in ROUTE_FACADES:
                return "router", calls
            if cls in ("broadcast", "illuminate\\support\\facades\\broadcast"):
                return "broadcast", calls
            if cls == "livewire\\volt\\volt" and calls[0][0] == "route":
                return "router", calls
            if cls in ("livewire", "livewire\\livewire") and calls[0][0] in LIVEWIRE_ROUTE_SETTERS:
                return "livewire", calls
            return None
        calls.reverse()
        if current.type == "variable_name":
            variable = node_text(current).lstrip("$")
            if variable == "this" and ctx.this is not None:
                return "this", calls
            if isinstance(ctx.variables.get(variable), RouterRef):
                return "router", calls
            return None
        if current.type == "function_call_expression" and isinstance(
            self.folder.fold(current, ctx.scope, ctx.variables), RouterRef
        ):
            return "router", calls
        return None

    def run_chain(self, node: tree_sitter.Node, ctx: Ctx, *, discard: bool = False) -> tuple[bool, Value]:
        base = self.chain_base(node, ctx)
        if base is None:
            return False, None
        kind, calls = base
        pending: list[Pending] = []
        if kind == "this":
            self.run_this_chain(calls, ctx)
        elif kind == "broadcast":
            self.run_broadcast(calls, ctx)
        elif kind == "livewire":
            self.run_livewire(calls, ctx)
        else:
            self.run_router_chain(calls, ctx, pending)
        for item in pending:
            resources.register(self, item)
        return True, None if discard else Unknown(node_text(node), node_line(node))

    def args(self, call: tree_sitter.Node, ctx: Ctx) -> tuple[list[Value], dict[str, Value]]:
        return self.folder.fold_args(call.child_by_field_name("arguments"), ctx.scope, ctx.variables)

    def run_this_chain(self, calls: list[tuple[str, tree_sitter.Node]], ctx: Ctx) -> None:
        assert ctx.this is not None
        name, call = calls[0]
        args, _ = self.args(call, ctx)
        if name == "routes" and args and isinstance(args[0], Closure):
            self.run_closure(args[0], ctx)
        elif name == "loadroutesfrom" and args:
            rel = self.include_path(args[0], ctx, call)
            if rel is not None:
                self.load_file(rel, referrer=ctx.scope.rel, line=call_line(call))
        elif name in ctx.this.methods and len(calls) == 1:
            body = ctx.this.methods[name].child_by_field_name("body")
            if body is not None:
                self.run_block(list(body.named_children), ctx.child(dict(ctx.variables)))

    def run_livewire(self, calls: list[tuple[str, tree_sitter.Node]], ctx: Ctx) -> None:
        """`Livewire::setUpdateRoute(fn ($handle) => Route::post(...))`: the app's own endpoint replaces
        Livewire's default (the catalog entry is disabled by the same call); `$handle` is Livewire's handler."""
        name, call = calls[0]
        args, _ = self.args(call, ctx)
        callback = args[0] if args else None
        if not isinstance(callback, Closure):
            self.diagnose(
                "unresolved-construct",
                f"`Livewire::{name}()` without a closure",
                ctx.scope.rel,
                call_line(call),
            )
            return
        handler = LIVEWIRE_ROUTE_SETTERS[name]
        cls, _, method = handler.partition("@")
        parameters = callback.node.child_by_field_name("parameters")
        first = parameters.named_children[0] if parameters is not None and parameters.named_children else None
        variable = first.child_by_field_name("name") if first is not None else None
        extra: dict[str, Value] = {}
        if variable is not None:
            extra[node_text(variable).lstrip("&$")] = php_array([(None, ClassRef(cls)), (None, method)])
        self.run_closure(callback, ctx, extra=extra)

    def run_broadcast(self, calls: list[tuple[str, tree_sitter.Node]], ctx: Ctx) -> None:
        name, call = calls[0]
        if name not in ("routes", "userroutes"):
            return
        args, _ = self.args(call, ctx)
        attributes = args[0] if args and isinstance(args[0], PhpArray) else None
        group: Attrs = _attrs_from_array(attributes) if attributes is not None else {"middleware": ["web"]}
        uri, method = (
            ("broadcasting/auth", "authenticate")
            if name == "routes"
            else ("broadcasting/user-auth", "authenticateUser")
        )
        self.push_group(group)
        try:
            action = f"\\Illuminate\\Broadcasting\\BroadcastController@{method}"
            draft = self.create_route(["GET", "POST"], uri, action, ctx, call_line(call))
            self.add(draft)
        finally:
            self.group_stack.pop()

    def run_router_chain(
        self, calls: list[tuple[str, tree_sitter.Node]], ctx: Ctx, pending: list[Pending]
    ) -> None:
        registrar: Attrs | None = None
        draft: Draft | None = None
        resource: Pending | None = None
        rel = ctx.scope.rel
        for name, call in calls:
            args, named = self.args(call, ctx)
            if draft is not None:
                if not self.route_method(draft, name, args, call, ctx):
                    return
                continue
            if resource is not None:
                resources.chain(self, resource, name, args, call)
                continue
            if name == "route" and registrar is None:
                # Volt::route($uri, $component) goes through Router::get with a closure action.
                draft = self.verb_route(
                    "get", [_arg(args, named, 0, "uri"), Closure(call, ctx.scope)], {}, call, ctx, None
                )
                component = as_string(_arg(args, named, 1, "componentName"))
                if draft is not None and component is not None:
                    draft.notes.append(f"volt:{component}")
                if draft is None:
                    return
                continue
            if name in VERBS or name in (
                "any",
                "match",
                "redirect",
                "permanentredirect",
                "view",
                "fallback",
                "inertia",
            ):
                if registrar is not None and name in (
                    "redirect",
                    "permanentredirect",
                    "view",
                    "fallback",
                    "inertia",
                ):
                    self.diagnose(
                        "invalid-registration",
                        f"`->{name}()` after a route registrar throws "
                        "BadMethodCallException at run time; no route registered",
                        rel,
                        call_line(call),
                    )
                    return
                draft = self.verb_route(name, args, named, call, ctx, registrar)
                if draft is None:
                    return
                continue
            if name in RESOURCE_CALLS:
                options = _options_dict(args[2] if len(args) > 2 else named.get("options"))
                if registrar is not None:
                    options = {**options, **registrar}
                resource = Pending(
                    name,
                    _arg(args, named, 0, "name"),
                    _arg(args, named, 1, "controller"),
                    options,
                    ctx,
                    call_line(call),
                )
                pending.append(resource)
                continue
            if name in RESOURCE_LISTS:
                listed = _arg(args, named, 0, "resources")
                options = _options_dict(_arg(args, named, 1, "options"))
                if registrar is not None:
                    options = {**options, **registrar}
                if not isinstance(listed, PhpArray):
                    self.diagnose(
                        "unresolved-construct",
                        f"`{name}()` with a computed list; routes not listed",
                        rel,
                        call_line(call),
                    )
                    return
                line = call_line(call)
                for key, controller in listed.items:
                    pending.append(Pending(RESOURCE_LISTS[name], key, controller, dict(options), ctx, line))
                return
            if name == "group":
                attributes: Attrs
                if registrar is not None:
                    attributes = registrar
                    routes = _arg(args, named, 0, "callback")
                else:
                    attributes = _attrs_from_array(_arg(args, named, 0, "attributes"))
                    routes = _arg(args, named, 1, "routes")
                self.group(attributes, routes, ctx, call)
                return
            if name in REGISTRAR_ATTRIBUTES or name in WHERE_HELPERS:
                registrar = self.registrar_attribute(registrar or {}, name, args, call, ctx)
                continue
            if registrar is None and name in (
                "resourceverbs",
                "resourceparameters",
                "singularresourceparameters",
            ):
                self.resource_globals(name, args)
                return
            if registrar is None and name == "macro":
                macro_name = as_string(args[0]) if args else None
                if macro_name is not None and len(args) > 1 and isinstance(args[1], Closure):
                    self.macros[macro_name.lower()] = args[1]
                return
            if registrar is None and name in self.macros:
                self.run_macro(name, args, calls, call, ctx)
                return
            if registrar is None and name in ROUTER_NOOPS:
                return
            what = "route registrar" if registrar is not None else "router"
            self.diagnose(
                "unresolved-construct",
                f"`{name}()` on the {what} is not a known routing call (a macro?); not evaluated",
                rel,
                call_line(call),
            )
            return

    def run_macro(
        self,
        name: str,
        args: list[Value],
        calls: list[tuple[str, tree_sitter.Node]],
        call: tree_sitter.Node,
        ctx: Ctx,
    ) -> None:
        """`Route::macro('x', fn)` then `Route::x(...)`: the body runs with `$this` as the router."""
        closure = self.macros[name]
        if name in self._inlining:
            return
        parameters = closure.node.child_by_field_name("parameters")
        extra: dict[str, Value] = {"this": RouterRef()}
        for index, parameter in enumerate(parameters.named_children if parameters is not None else []):
            parameter_name = parameter.child_by_field_name("name")
            default = parameter.child_by_field_name("default_value")
            if parameter_name is not None:
                value = args[index] if index < len(args) else None
                if index >= len(args) and default is not None:
                    value = self.folder.fold(default, closure.file, {})
                extra[node_text(parameter_name).lstrip("&$")] = value
        self._inlining.append(name)
        try:
            self.run_closure(closure, ctx, extra=extra)
        finally:
            self._inlining.pop()
        after = [n for n, _ in calls[[c for _, c in calls].index(call) + 1 :]]
        if after:
            self.diagnose(
                "unresolved-construct",
                f"`->{after[0]}()` chained after the route macro `{name}()` is not applied",
                ctx.scope.rel,
                call_line(call),
            )

    def resource_globals(self, name: str, args: list[Value]) -> None:
        """`Route::resourceVerbs()/resourceParameters()/singularResourceParameters()`: global state that
        later resource registrations read (usually set in AppServiceProvider::boot)."""
        value = args[0] if args else None
        if name == "singularresourceparameters":
            self.singular_parameters = value is not False
        elif isinstance(value, PhpArray):
            target = self.resource_verbs if name == "resourceverbs" else self.resource_parameters
            for key, item in value.items:
                text = as_string(item)
                if text is not None:
                    target[str(key)] = text

    def registrar_attribute(
        self, attrs: Attrs, name: str, args: list[Value], call: tree_sitter.Node, ctx: Ctx
    ) -> Attrs:
        """`RouteRegistrar::attribute()`: later calls replace, except `withoutMiddleware` which appends."""
        attrs = dict(attrs)
        if name in WHERE_HELPERS:
            where = dict(attrs.get("where") or {})  # type: ignore[call-overload]
            where.update(_where_values(name, args))
            attrs["where"] = where
            return attrs
        key = REGISTRAR_ATTRIBUTES[name]
        if name == "middleware":
            values = args[0].values() if args and isinstance(args[0], PhpArray) else list(args)
            attrs[key] = [text for text in (self.middleware_text(v, call, ctx) for v in values) if text]
            return attrs
        if name == "withoutmiddleware":
            values = args[0].values() if args and isinstance(args[0], PhpArray) else args[:1]
            attrs[key] = [*list(attrs.get(key) or []), *(self.middleware_text(v, call, ctx) for v in values)]  # type: ignore[call-overload]
            return attrs
        value: Value = args[0] if args else True
        text = as_string(value)
        if name == "domain" and args and value is None:
            attrs[key] = None  # `->domain(null)` (e.g. an unset env domain) means no domain
            return attrs
        if name in ("prefix", "name", "as", "domain", "namespace", "controller"):
            if text is None:
                self.diagnose(
                    "unresolved-construct",
                    f"`{name}()` value `{_short(node_text(call.child_by_field_name('arguments') or call))}` "
                    "cannot be computed statically",
                    ctx.scope.rel,
                    call_line(call),
                )
                text = UNRESOLVED
            attrs[key] = text
        else:
            attrs[key] = value
        return attrs

    def middleware_text(self, value: Value, call: tree_sitter.Node, ctx: Ctx) -> str:
        if isinstance(value, Closure):
            return "Closure"
        text = as_string(value)
        if text is None:
            self.diagnose(
                "unresolved-construct",
                f"middleware `{_short(value.text if isinstance(value, Unknown) else node_text(call))}` "
                "cannot be computed statically",
                ctx.scope.rel,
                call_line(call),
            )
            return UNRESOLVED
        return text

    # ------------------------------------------------------------------------------------------------ groups

    def push_group(self, attributes: Attrs) -> None:
        """`Router::updateGroupStack`."""
        if self.group_stack:
            attributes = merge(attributes, self.group_stack[-1])
        self.group_stack.append(attributes)

    def group(self, attributes: Attrs, routes: Value, ctx: Ctx, call: tree_sitter.Node) -> None:
        entries = routes.values() if isinstance(routes, PhpArray) else [routes]
        for entry in entries:
            self.push_group(attributes)
            try:
                if isinstance(entry, Closure):
                    self.run_closure(entry, ctx)
                elif isinstance(entry, str):
                    rel = self.include_path(entry, ctx, call)
                    if rel is not None:
                        self.load_file(rel, referrer=ctx.scope.rel, line=call_line(call))
                elif isinstance(entry, Unknown):
                    self.include_path(entry, ctx, call)
                else:
                    self.diagnose(
                        "unresolved-construct",
                        "group() without a closure or route file",
                        ctx.scope.rel,
                        call_line(call),
                    )
            finally:
                self.group_stack.pop()

    def run_closure(self, closure: Closure, ctx: Ctx, extra: dict[str, Value] | None = None) -> None:
        """Run a closure body: parameters get the router (Laravel passes `$this` router) or `extra`."""
        node = closure.node
        variables: dict[str, Value] = {}
        if node.type == "arrow_function":
            variables = dict(ctx.variables)
        for child in node.named_children:
            if child.type == "anonymous_function_use_clause":
                for var in child.named_children:
                    name = node_text(var).lstrip("&$")
                    if name in ctx.variables:
                        variables[name] = ctx.variables[name]
        parameters = node.child_by_field_name("parameters")
        if parameters is not None:
            for parameter in parameters.named_children:
                parameter_name = parameter.child_by_field_name("name")
                if parameter_name is not None:
                    name = node_text(parameter_name).lstrip("&$")
                    variables[name] = (extra or {}).get(name, RouterRef())
        if extra is not None and "this" in extra:
            variables["this"] = extra["this"]
        body = node.child_by_field_name("body")
        if body is None:
            return
        inner = Ctx(closure.file, variables, ctx.conditions, ctx.this)
        if node.type == "arrow_function":
            self.run_expression(body, inner, discard=True)
        else:
            self.run_block(list(body.named_children), inner)

    # ------------------------------------------------------------------------------------------------ routes

    def verb_route(
        self,
        name: str,
        args: list[Value],
        named: dict[str, Value],
        call: tree_sitter.Node,
        ctx: Ctx,
        registrar: Attrs | None,
    ) -> Draft | None:
        line = call_line(call)
        page: str | None = None
        if name == "match":
            methods_value = _arg(args, named, 0, "methods")
            uri_value, action = _arg(args, named, 1, "uri"), _arg(args, named, 2, "action")
            if isinstance(methods_value, PhpArray):
                raw = [as_string(v) for v in methods_value.values()]
            else:
                raw = [as_string(methods_value)]
            if any(m is None for m in raw):
                self.diagnose(
                    "unresolved-construct",
                    "`match()` with computed methods; route not listed",
                    ctx.scope.rel,
                    line,
                )
                return None
            methods = [m.upper() for m in raw if m is not None]
        elif name in ("any", "redirect", "permanentredirect"):
            methods = list(ALL_VERBS)
            uri_value = _arg(args, named, 0, "uri")
            action = (
                _arg(args, named, 1, "action")
                if name == "any"
                else "\\Illuminate\\Routing\\RedirectController"
            )
        elif name == "view":
            methods = ["GET", "HEAD"]
            uri_value, action = _arg(args, named, 0, "uri"), "\\Illuminate\\Routing\\ViewController"
        elif name == "inertia":
            methods = ["GET", "HEAD"]
            uri_value, action = _arg(args, named, 0, "uri"), "\\Inertia\\Controller"
            component = _arg(args, named, 1, "component")
            page = as_string(component)
            if page is None:
                self.diagnose(
                    "unresolved-construct",
                    "Inertia component name cannot be computed statically",
                    ctx.scope.rel,
                    line,
                )
        elif name == "fallback":
            methods = ["GET"]
            uri_value, action = "{fallbackPlaceholder}", _arg(args, named, 0, "action")
        else:
            methods = list(VERBS[name])
            uri_value, action = _arg(args, named, 0, "uri"), _arg(args, named, 1, "action")
        uri = as_string(uri_value)
        complete = uri is not None
        if uri is None:
            uri, complete = self.uri_text(uri_value, _arg_node(call, 0 if name != "match" else 1), ctx)
        compiled: Value | Attrs = _compile_action(action, registrar) if registrar is not None else action
        draft = self.create_route(methods, uri, compiled, ctx, line)
        if not complete:
            draft.status = "partial"
        draft.page = page
        if name == "fallback":
            where = dict(draft.action.get("where") or {})  # type: ignore[call-overload]
            where["fallbackPlaceholder"] = ".*"
            draft.action["where"] = where
        self.add(draft)
        return draft

    def uri_text(self, value: Value, node: tree_sitter.Node | None, ctx: Ctx) -> tuple[str, bool]:
        text = as_string(value)
        if text is not None:
            return text, True
        partial = (
            self.folder.fold_text(node, ctx.scope, ctx.variables, UNRESOLVED)
            if node is not None
            else UNRESOLVED
        )
        self.diagnose(
            "unresolved-construct",
            f"route path `{_short(node_text(node)) if node is not None else '?'}` "
            "cannot be computed statically; "
            f"listed as `{partial}`",
            ctx.scope.rel,
            node_line(node) if node is not None else 1,
        )
        return partial, False

    def create_route(self, methods: list[str], uri: str, action: Value | Attrs, ctx: Ctx, line: int) -> Draft:
        """`Router::createRoute` + the `Route` constructor + `mergeGroupAttributesIntoRoute`."""
        group = self.group_stack[-1] if self.group_stack else None
        status = "resolved"
        attrs: Attrs = dict(action) if isinstance(action, dict) else _action_attrs(action)
        uses = attrs.get("uses")
        controller = attrs.get("controller")
        if isinstance(uses, Unknown) or isinstance(controller, Unknown):
            self.diagnose(
                "unresolved-construct", "route action cannot be computed statically", ctx.scope.rel, line
            )
            attrs["controller"] = controller if isinstance(controller, str) else Unknown("", line)
            status = "partial"
        elif isinstance(uses, str) and not attrs.get("_callable"):
            if group is not None:
                uses = _prepend_group_controller(uses, group)
                uses = _prepend_group_namespace(uses, group)
            attrs["uses"] = uses
            attrs["controller"] = uses
        attrs.pop("_callable", None)
        attrs.setdefault("uses", None)
        route_prefix_value = attrs.pop("prefix", None)
        if "GET" in methods and "HEAD" not in methods:
            methods = [*methods, "HEAD"]
        full_uri = router_prefix(str(group.get("prefix") or "") if group is not None else "", uri)
        if isinstance(route_prefix_value, str) and route_prefix_value:
            # An empty prefix leaves router_prefix's already trimmed uri as it is.
            full_uri = route_prefix(route_prefix_value, full_uri)
        full_uri = parse_uri(full_uri)
        if group is not None:
            attrs = merge(attrs, group, prepend_existing_prefix=False)
        condition = " and ".join(ctx.conditions) if ctx.conditions else None
        draft = Draft(
            methods=methods, uri=full_uri, action=attrs, file=ctx.scope.rel, line=line, condition=condition
        )
        draft.status = status  # type: ignore[assignment]
        return draft

    def add(self, draft: Draft) -> None:
        self.collection.add(draft, self.diagnostics)

    def route_method(
        self, draft: Draft, name: str, args: list[Value], call: tree_sitter.Node, ctx: Ctx
    ) -> bool:
        """A method chained on a created route; False stops the chain."""
        action = draft.action
        if name == "name":
            text = as_string(args[0]) if args else None
            if text is None:
                self.diagnose(
                    "unresolved-construct",
                    "route name cannot be computed statically",
                    ctx.scope.rel,
                    call_line(call),
                )
                draft.status = "partial"
                return True
            action["as"] = str(action["as"]) + text if action.get("as") is not None else text
        elif name == "middleware":
            values = args[0].values() if len(args) == 1 and isinstance(args[0], PhpArray) else list(args)
            action["middleware"] = [
                *_list(action.get("middleware")),
                *(self.middleware_text(v, call, ctx) for v in values),
            ]
        elif name == "withoutmiddleware":
            values = args[0].values() if args and isinstance(args[0], PhpArray) else args[:1]
            action["excluded_middleware"] = [
                *_list(action.get("excluded_middleware")),
                *(self.middleware_text(v, call, ctx) for v in values),
            ]
        elif name == "can":
            ability = as_string(args[0]) if args else None
            models = (
                [
                    as_string(v) or ""
                    for v in (args[1].values() if isinstance(args[1], PhpArray) else [args[1]])
                ]
                if len(args) > 1
                else []
            )
            text = (
                f"can:{ability}" + ("," + ",".join(models) if models else "")
                if ability is not None
                else UNRESOLVED
            )
            action["middleware"] = [*_list(action.get("middleware")), text]
        elif name == "prefix":
            text = as_string(args[0]) if args else ""
            draft.uri = parse_uri(route_prefix(text or "", draft.uri))
        elif name == "domain":
            text = as_string(args[0]) if args else None
            action["domain"] = text if text is not None else UNRESOLVED
        elif name in WHERE_HELPERS:
            where = dict(action.get("where") or {})  # type: ignore[call-overload]
            where.update(_where_values(name, args))
            action["where"] = where
        elif name == "uses":
            value = args[0] if args else None
            if isinstance(value, PhpArray) and len(value.items) == 2:
                value = f"{as_string(value.values()[0])}@{as_string(value.values()[1])}"
            if isinstance(value, ClassRef):
                value = value.name
            if isinstance(value, str):
                namespace = action.get("namespace")
                if isinstance(namespace, str) and namespace and not value.startswith("\\"):
                    value = namespace.rstrip("\\") + "\\" + value
                action["uses"] = value if "@" in value else f"{value}@__invoke"
                action["controller"] = value
            elif isinstance(value, Closure):
                action["uses"] = value
                action.pop("controller", None)
        elif name not in ROUTE_NOOPS and name not in package_route_macros():
            self.diagnose(
                "unresolved-construct",
                f"`->{name}()` on a route is not known (a macro?); ignored",
                ctx.scope.rel,
                call_line(call),
            )
            draft.notes.append(f"unresolved-modifier:{name}")
        return True


def _relative_to(path: str, root: str) -> str:
    """A refused path relative to the root (`../x.php`), so messages do not depend on the checkout."""
    return posixpath.relpath(posixpath.normpath(path), root)


def call_line(call: tree_sitter.Node) -> int:
    """The line of the called method's name: in a multi-line chain, where the registration is written."""
    name = call.child_by_field_name("name")
    return node_line(name if name is not None else call)


def _list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _arg(args: list[Value], named: dict[str, Value], index: int, name: str) -> Value:
    if index < len(args):
        return args[index]
    return named.get(name)


def _arg_node(call: tree_sitter.Node, index: int) -> tree_sitter.Node | None:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return None
    found = [a for a in arguments.named_children if a.type == "argument"]
    if index < len(found) and found[index].named_children:
        return found[index].named_children[-1]
    return None


def _where_values(name: str, args: list[Value]) -> dict[str, str]:
    """Constraints set by where()/whereNumber()/...; only patterns matter (for wildcard detection)."""
    result: dict[str, str] = {}
    if name == "where":
        if args and isinstance(args[0], PhpArray):
            for key, value in args[0].items:
                result[str(key)] = as_string(value) or ""
        elif len(args) >= 2:
            result[as_string(args[0]) or ""] = as_string(args[1]) or ""
        return result
    pattern = _WHERE_PATTERNS.get(name, "[^/]+")
    params = args[0].values() if args and isinstance(args[0], PhpArray) else args[:1]
    for param in params:
        result[as_string(param) or ""] = pattern
    return result


def _options_dict(value: Value) -> dict[str, object]:
    if not isinstance(value, PhpArray):
        return {}
    return {str(key): _plain(item) for key, item in value.items}


def _plain(value: Value) -> object:
    """An option value as plain Python (lists/dicts of strings), keeping unknowns as they are."""
    if isinstance(value, PhpArray):
        if value.is_list():
            return [_plain(item) for item in value.values()]
        return {str(key): _plain(item) for key, item in value.items}
    if isinstance(value, ClassRef):
        return value.name
    return value


def _attrs_from_array(value: Value) -> Attrs:
    if not isinstance(value, PhpArray):
        return {}
    attrs: Attrs = {}
    for key, item in value.items:
        plain = _plain(item)
        if key in ("middleware", "excluded_middleware"):
            plain = [
                m if isinstance(m, str) else "Closure" if isinstance(m, Closure) else UNRESOLVED
                for m in _list(plain)
            ]
        attrs[str(key)] = plain
    return attrs


def _compile_action(action: Value, attrs: Attrs) -> Attrs:
    """`RouteRegistrar::compileAction`: registrar attributes under the action's own keys."""
    compiled: Attrs
    if action is None:
        return dict(attrs)
    if isinstance(action, str | Closure | ClassRef | Unknown):
        compiled = {"uses": action.name if isinstance(action, ClassRef) else action}
    elif isinstance(action, PhpArray) and (parts := _callable_parts(action)) is not None:
        cls = parts[0] if parts[0].startswith("\\") else "\\" + parts[0]
        target = f"{cls}@{parts[1]}"
        compiled = {"uses": target, "controller": target, "_callable": True}
    else:
        compiled = _action_attrs(action)
    return {**attrs, **compiled}


def _callable_parts(value: PhpArray) -> tuple[str, str] | None:
    """Class and method of a `[Class::class, 'method']` action (a two-item list), else None."""
    items = value.items
    if len(items) != 2 or items[0][0] != 0 or items[1][0] != 1:
        return None
    cls, method = as_string(items[0][1]), items[1][1]
    if cls is None or not isinstance(method, str):
        return None
    return cls, method


def _action_attrs(action: Value) -> Attrs:
    """`RouteAction::parse` for the forms a route file writes."""
    if action is None:
        return {"uses": None}
    if isinstance(action, Closure):
        return {"uses": action}
    if isinstance(action, ClassRef):
        return {"uses": action.name}
    if isinstance(action, str):
        return {"uses": action}
    if isinstance(action, Unknown):
        return {"uses": action}
    if isinstance(action, PhpArray):
        parts = _callable_parts(action)
        if parts is not None:
            target = f"{parts[0]}@{parts[1]}"
            return {"uses": target, "controller": target, "_callable": True}
        attrs = _attrs_from_array(action)
        for key in list(attrs):
            if not key.isdigit():
                continue
            item = action.get(int(key))
            del attrs[key]
            if "uses" not in attrs and isinstance(item, Closure):
                attrs["uses"] = item
        uses = action.get("uses")
        if isinstance(uses, Closure | Unknown):
            attrs["uses"] = uses
        return attrs
    return {"uses": Unknown(str(action), 0)}


def _prepend_group_controller(uses: str, group: Attrs) -> str:
    """`Router::prependGroupController`: a bare method name in a controller group becomes `C@method`."""
    controller = group.get("controller")
    if not isinstance(controller, str) or "@" in uses or "\\" in uses:
        return uses
    return f"{controller}@{uses}"


def _prepend_group_namespace(uses: str, group: Attrs) -> str:
    namespace = group.get("namespace")
    if (
        isinstance(namespace, str)
        and namespace
        and not uses.startswith("\\")
        and not uses.startswith(namespace)
    ):
        return f"{namespace}\\{uses}"
    return uses


def _collect_constants(root: tree_sitter.Node, scope: FileScope, folder: Folder) -> None:
    """File-level `const X = ...` and class constants (`Class::X`, `self::X`) of the same file."""
    stack = [(root, "")]
    while stack:
        node, cls = stack.pop()
        for child in node.named_children:
            if child.type == "const_declaration":
                for element in child.named_children:
                    if element.type != "const_element" or len(element.named_children) < 2:
                        continue
                    name = node_text(element.named_children[0])
                    value = folder.fold(element.named_children[-1], scope, {})
                    if cls:
                        for key in (
                            f"{cls}::{name}",
                            f"self::{name}",
                            f"static::{name}",
                            f"{scope.names.resolve(cls)}::{name}",
                        ):
                            scope.constants.setdefault(key, value)
                    else:
                        scope.constants[name] = value
            elif child.type in ("class_declaration", "interface_declaration", "enum_declaration"):
                name_node = child.child_by_field_name("name")
                body = child.child_by_field_name("body")
                if name_node is not None and body is not None:
                    stack.append((body, node_text(name_node)))
            elif child.type in ("namespace_definition", "compound_statement"):
                stack.append((child, cls))


def _find_method(root: tree_sitter.Node, cls: str, method: str) -> tree_sitter.Node | None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "class_declaration":
            name = node.child_by_field_name("name")
            if name is None or node_text(name) != cls:
                continue
        if node.type == "method_declaration":
            name = node.child_by_field_name("name")
            if name is not None and node_text(name).lower() == method.lower():
                return node
            continue
        if node.type in (
            "program",
            "namespace_definition",
            "compound_statement",
            "class_declaration",
            "declaration_list",
        ):
            stack.extend(node.named_children)
    return None


def _mentions_routes(node: tree_sitter.Node) -> bool:
    text = node_text(node)
    return bool(re.search(r"Route\s*::|\$router\s*->|->\s*(group|get|post|resource)\s*\(", text))


_ROUTE_CALL = re.compile(r"^\\?(?:Illuminate\\Support\\Facades\\)?Route\s*::", re.IGNORECASE)


_REGISTERING = frozenset(
    {*VERBS, "any", "match", "redirect", "permanentredirect", "view", "fallback", "inertia", "group",
     *RESOURCE_CALLS, *RESOURCE_LISTS, *REGISTRAR_ATTRIBUTES}
)  # fmt: skip


def _first_route_call(node: tree_sitter.Node, ctx: Ctx) -> tree_sitter.Node | None:
    """The first call in `node` that registers routes (`Route::get`, `$router->group`, ...), if any."""
    stack = [node]
    while stack:
        current = stack.pop()
        name = current.child_by_field_name("name") if current.type.endswith("call_expression") else None
        method = node_text(name).lower() if name is not None else ""
        if current.type == "scoped_call_expression" and method in _REGISTERING:
            scope_node = current.child_by_field_name("scope")
            if (
                scope_node is not None
                and ctx.scope.names.resolve(node_text(scope_node)).lower() in ROUTE_FACADES
            ):
                return current
        if current.type == "member_call_expression" and method in _REGISTERING:
            obj = current.child_by_field_name("object")
            if obj is not None and node_text(obj) == "$router":
                return current
        stack.extend(reversed(current.named_children))
    return None


@functools.cache
def package_route_macros() -> frozenset[str]:
    """Route macros of packages that only attach metadata (`rules/laravel/route-macros.toml`)."""
    raw = tomllib.loads(data_text("laravel/route-macros.toml"))
    return frozenset(
        str(name).lower() for entry in raw.get("packages", {}).values() for name in entry.get("route", [])
    )


def _is_routes_helper(node: tree_sitter.Node) -> bool:
    """`X::routes()` / `X::apiRoutes()` and the like: helpers whose whole job is registering routes
    (laravel/ui's `Auth::routes()`, a SaaS kit's `Wave::routes()`)."""
    name = node.child_by_field_name("name")
    text = node_text(name).lower() if name is not None else ""
    return text.endswith("routes") and not text.startswith(("ignore", "disable", "without"))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
