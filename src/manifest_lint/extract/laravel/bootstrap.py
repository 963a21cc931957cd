"""Entry points: which route files an app loads, in the order Laravel loads them.

Laravel 11/12: `bootstrap/app.php` `->withRouting(...)` (api → health → web → then, or `using:`).
Laravel ≤10 (and upgraded apps): service providers under `app/Providers/` — `RouteServiceProvider`
`$this->routes(fn)` / `map()`, and `loadRoutesFrom()` or `Route::` calls in any provider's `boot()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.discover import walk_files
from manifest_lint.extract.laravel.evaluator import Ctx, Interpreter, ThisRef, call_line
from manifest_lint.extract.laravel.values import ClassRef, Closure, PhpArray, RouterRef, Value, as_string
from manifest_lint.parsing import ParsedFile, node_line, node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.discover import Composer

ROUTE_SERVICE_PROVIDER = "illuminate\\foundation\\support\\providers\\routeserviceprovider"
ROUTING_PARAMETERS = ("using", "web", "api", "commands", "channels", "pages", "health", "apiPrefix", "then")


@dataclass
class EntryPoints:
    """What the entry points told us besides routes: app middleware aliases and broadcasting."""

    aliases: dict[str, str] = field(default_factory=dict)
    replaces_aliases: bool = False
    broadcasting: tuple[str, int] | None = None
    found: bool = False


def _calls_named(root: tree_sitter.Node, names: set[str]) -> list[tree_sitter.Node]:
    found: list[tree_sitter.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "member_call_expression":
            name = node.child_by_field_name("name")
            if name is not None and node_text(name) in names:
                found.append(node)
        stack.extend(reversed(node.named_children))
    return found


def load_bootstrap(interpreter: Interpreter, entry: EntryPoints) -> None:
    rel = "bootstrap/app.php"
    if not interpreter.sources.exists(rel):
        return
    parsed = interpreter.sources.parse(rel, "php")
    if not isinstance(parsed, ParsedFile):
        interpreter.diagnostics.extend(parsed)
        return
    interpreter.diagnostics.extend(interpreter.sources.diagnostics_for(rel))
    scope = interpreter.scope_for(parsed)
    ctx = Ctx(scope, {"app": None})
    for call in _calls_named(parsed.root, {"withMiddleware"}):
        args, named = interpreter.args(call, ctx)
        callback = args[0] if args else named.get("callback")
        if isinstance(callback, Closure):
            _read_alias_calls(interpreter, callback.node, ctx, entry)
    for call in _calls_named(parsed.root, {"withBroadcasting"}):
        entry.broadcasting = (rel, node_line(call))
    for call in _calls_named(parsed.root, {"withRouting"}):
        entry.found = True
        _with_routing(interpreter, call, ctx, entry)


def _with_routing(interpreter: Interpreter, call: tree_sitter.Node, ctx: Ctx, entry: EntryPoints) -> None:
    """`ApplicationBuilder::withRouting` + `buildRoutingCallback`, for the arguments as written."""
    args, named = interpreter.args(call, ctx)
    params: dict[str, Value] = dict(zip(ROUTING_PARAMETERS, args, strict=False))
    params.update(named)
    line = call_line(call)
    if params.get("channels") is not None:
        entry.broadcasting = (ctx.scope.rel, line)
    using = params.get("using")
    then = params.get("then")
    if isinstance(using, Closure) and not isinstance(then, Closure):
        interpreter.run_closure(using, ctx)
        return
    api_prefix = as_string(params.get("apiPrefix", "api"))
    for kind, attributes in (
        ("api", {"middleware": ["api"], "prefix": api_prefix if api_prefix is not None else "api"}),
        ("health", None),
        ("web", {"middleware": ["web"]}),
    ):
        value = params.get(kind)
        if value is None:
            continue
        if kind == "health":
            uri = as_string(value)
            if uri is not None:
                health = interpreter.create_route(["GET"], uri, {"uses": Closure(call, ctx.scope)}, ctx, line)
                interpreter.add(health)
            continue
        paths = value.values() if isinstance(value, PhpArray) else [value]
        for path in paths:
            if isinstance(value, PhpArray):
                text = as_string(path)
                rel = (
                    interpreter.sources.relative(interpreter.sources.root / text)
                    if text is not None
                    else None
                )
                if rel is not None and not interpreter.sources.exists(rel):
                    continue
            assert attributes is not None
            interpreter.group(dict(attributes), path, ctx, call)
    if isinstance(then, Closure):
        interpreter.run_closure(then, ctx, extra={"app": None})


def _read_alias_calls(
    interpreter: Interpreter, closure: tree_sitter.Node, ctx: Ctx, entry: EntryPoints
) -> None:
    for call in _calls_named(closure, {"alias"}):
        args, _ = interpreter.args(call, ctx)
        if args and isinstance(args[0], PhpArray):
            for key, value in args[0].items:
                target = as_string(value)
                if target is not None:
                    entry.aliases[str(key)] = target


def provider_files(interpreter: Interpreter, composer: Composer) -> list[str]:
    """App provider files: those `config/app.php` / `bootstrap/providers.php` register (PSR-4); when
    neither lists any, every `app/Providers/*` file. Route service providers last, as in the skeletons."""
    listed: list[str] = []
    for rel in ("config/app.php", "bootstrap/providers.php"):
        if not interpreter.sources.exists(rel):
            continue
        parsed = interpreter.sources.parse(rel, "php")
        if not isinstance(parsed, ParsedFile):
            continue
        scope = interpreter.scope_for(parsed)
        stack = [parsed.root]
        while stack:
            node = stack.pop()
            if node.type == "class_constant_access_expression":
                value = interpreter.folder.fold(node, scope, {})
                target = composer.class_file(value.name) if isinstance(value, ClassRef) else None
                if target is not None and target not in listed and interpreter.sources.exists(target):
                    listed.append(target)
                continue
            stack.extend(reversed(node.named_children))
    if listed:
        # Only registered providers boot: L10's BroadcastServiceProvider is commented out by default.
        return sorted(listed, key=lambda rel: rel.endswith("RouteServiceProvider.php"))
    for rel, _ in walk_files(interpreter.sources.root, "app/Providers", (".php",)):
        if rel not in listed:
            listed.append(rel)
    # Apps with their own Application class keep providers elsewhere (e.g. app/App/Providers).
    for rel, _ in walk_files(interpreter.sources.root, "app", ("RouteServiceProvider.php",)):
        if rel not in listed:
            listed.append(rel)
    return sorted(listed, key=lambda rel: rel.endswith("RouteServiceProvider.php"))


def load_providers(interpreter: Interpreter, entry: EntryPoints, composer: Composer) -> None:
    """Run `boot()` (and `map()` of route service providers) of each app provider, route providers last."""
    files = provider_files(interpreter, composer)
    for rel in files:
        parsed = interpreter.sources.parse(rel, "php")
        if not isinstance(parsed, ParsedFile):
            interpreter.diagnostics.extend(parsed)
            continue
        if (
            b"Route" not in parsed.data
            and b"loadRoutesFrom" not in parsed.data
            and b"routes(" not in parsed.data
        ):
            continue
        interpreter.diagnostics.extend(interpreter.sources.diagnostics_for(rel))
        scope = interpreter.scope_for(parsed)
        for cls in _classes(parsed.root):
            methods, properties = _members(cls, interpreter, scope)
            scope.constants.update(properties)
            ctx = Ctx(scope, {"router": RouterRef()}, this=ThisRef(methods))
            before = len(interpreter.collection.routes)
            reported = len(interpreter.diagnostics)
            for method in ("boot", "map"):
                node = methods.get(method.lower())
                body = node.child_by_field_name("body") if node is not None else None
                if body is None:
                    continue
                if method == "map" and "boot" in methods and b"map(" in (node_text(methods["boot"]).encode()):
                    continue
                interpreter.run_block(list(body.named_children), ctx.child(dict(ctx.variables)))
            added = len(interpreter.collection.routes) > before
            if added or "routes" in node_text(cls):
                entry.found = entry.found or added
            if not added and len(interpreter.diagnostics) == reported and "map" in methods:
                _report_silent_map(interpreter, cls, rel)


def _report_silent_map(interpreter: Interpreter, cls: tree_sitter.Node, rel: str) -> None:
    """A route provider whose `map()` ran without registering a route or saying why loads its
    routes in a way the interpreter cannot follow (e.g. route classes found by a directory
    iterator and mapped through `$this->app->make()`): say so rather than list nothing."""
    name = cls.child_by_field_name("name")
    interpreter.diagnose(
        "unresolved-construct",
        f"{node_text(name) if name is not None else 'this provider'}::map() registers no route the "
        "interpreter can follow (routes built at run time?); none of its routes are listed",
        rel,
        node_line(name if name is not None else cls),
    )


def _classes(root: tree_sitter.Node) -> list[tree_sitter.Node]:
    found: list[tree_sitter.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "class_declaration":
            found.append(node)
            continue
        if node.type in ("program", "namespace_definition", "compound_statement"):
            stack.extend(reversed(node.named_children))
    return found


def _members(
    cls: tree_sitter.Node, interpreter: Interpreter, scope: object
) -> tuple[dict[str, tree_sitter.Node], dict[str, Value]]:
    from manifest_lint.extract.laravel.values import FileScope

    assert isinstance(scope, FileScope)
    methods: dict[str, tree_sitter.Node] = {}
    properties: dict[str, Value] = {}
    body = cls.child_by_field_name("body")
    if body is None:
        return methods, properties
    if _extends_route_service_provider(cls, scope):
        properties["$this->namespace"] = None  # the framework base declares `protected $namespace;`
    for member in body.named_children:
        if member.type == "method_declaration":
            name = member.child_by_field_name("name")
            if name is not None:
                methods[node_text(name).lower()] = member
        elif member.type == "property_declaration":
            for element in member.named_children:
                if element.type != "property_element":
                    continue
                parts = element.named_children
                if not parts:
                    continue
                property_name = node_text(parts[0]).lstrip("$")
                value = interpreter.folder.fold(parts[-1], scope, {}) if len(parts) > 1 else None
                properties[f"$this->{property_name}"] = value
    return methods, properties


def _extends_route_service_provider(cls: tree_sitter.Node, scope: object) -> bool:
    from manifest_lint.extract.laravel.values import FileScope

    assert isinstance(scope, FileScope)
    for child in cls.named_children:
        if child.type == "base_clause":
            names = [c for c in child.named_children if c.type in ("name", "qualified_name")]
            if names and scope.names.resolve(node_text(names[0])).lower() == ROUTE_SERVICE_PROVIDER:
                return True
    return False


def load_kernel_aliases(interpreter: Interpreter, entry: EntryPoints) -> None:
    """L10 `app/Http/Kernel.php` `$middlewareAliases` / `$routeMiddleware` replace the alias map."""
    rel = "app/Http/Kernel.php"
    if not interpreter.sources.exists(rel):
        return
    parsed = interpreter.sources.parse(rel, "php")
    if not isinstance(parsed, ParsedFile):
        interpreter.diagnostics.extend(parsed)
        return
    scope = interpreter.scope_for(parsed)
    for cls in _classes(parsed.root):
        _, properties = _members(cls, interpreter, scope)
        for key in ("$this->middlewareAliases", "$this->routeMiddleware"):
            value = properties.get(key)
            if isinstance(value, PhpArray):
                entry.replaces_aliases = True
                for alias, target in value.items:
                    text = as_string(target)
                    if text is not None:
                        entry.aliases[str(alias)] = text


def load_conventional(interpreter: Interpreter) -> None:
    """No entry point found: load routes/api.php and routes/web.php the way Laravel's skeletons do."""
    for rel, attributes in (
        ("routes/api.php", {"middleware": ["api"], "prefix": "api"}),
        ("routes/web.php", {"middleware": ["web"]}),
    ):
        if not interpreter.sources.exists(rel):
            continue
        interpreter.diagnose(
            "unresolved-construct",
            f"{rel}: no withRouting() in bootstrap/app.php and no RouteServiceProvider found; "
            "loaded by the skeleton convention",
            rel,
            1,
        )
        interpreter.push_group(dict(attributes))
        try:
            interpreter.load_file(rel, referrer=None, line=1)
        finally:
            interpreter.group_stack.pop()
