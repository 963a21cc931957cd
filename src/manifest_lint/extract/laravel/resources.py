"""Resource and singleton routes, expanded as `ResourceRegistrar` does when the pending object is destructed.

Only the options ResourceRegistrar reads are honoured; registrar attributes such as `prefix` given to
`Route::prefix()->resource()` are ignored exactly like the framework ignores them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.inflector import singular
from manifest_lint.extract.laravel.values import PhpArray, Value, as_string

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.extract.laravel.evaluator import Interpreter, Pending

RESOURCE_DEFAULTS = ("index", "create", "store", "show", "edit", "update", "destroy")
SINGLETON_DEFAULTS = ("show", "edit", "update")
SINGLETON_ORDER = ("show", "edit", "update", "create", "store", "destroy")
API_RESOURCE_ONLY = ("index", "show", "store", "update", "destroy")


def _strings(values: list[Value]) -> list[str]:
    flat: list[Value] = []
    for value in values:
        flat.extend(value.values() if isinstance(value, PhpArray) else [value])
    return [text for text in (as_string(v) for v in flat) if text is not None]


def chain(
    interpreter: Interpreter, pending: Pending, name: str, args: list[Value], call: tree_sitter.Node
) -> None:
    """A method chained on `PendingResourceRegistration` / `PendingSingletonResourceRegistration`."""
    options = pending.options
    if name in ("only", "except"):
        options[name] = _strings(args)
    elif name in ("names", "parameters"):
        value = args[0] if args else None
        if isinstance(value, PhpArray):
            options[name] = {str(k): as_string(v) or "" for k, v in value.items}
        else:
            options[name] = as_string(value) or ""
    elif name in ("name", "parameter") and len(args) >= 2:
        key = name + "s"  # ->name('show', 'x') adds to names, ->parameter('a', 'b') to parameters
        entries = options.get(key)
        entries = dict(entries) if isinstance(entries, dict) else {}
        entries[as_string(args[0]) or ""] = as_string(args[1]) or ""
        options[key] = entries
    elif name == "shallow":
        options["shallow"] = args[0] if args else True
    elif name == "middleware":
        options["middleware"] = _strings(args)
    elif name == "withoutmiddleware":
        existing = options.get("excluded_middleware")
        current = existing if isinstance(existing, list) else [existing] if isinstance(existing, str) else []
        options["excluded_middleware"] = [*current, *_strings(args)]
    elif name in ("creatable", "destroyable"):
        options[name] = True
    elif name in (
        "where",
        "wherenumber",
        "wherealpha",
        "wherealphanumeric",
        "whereuuid",
        "whereulid",
        "wherein",
    ):
        wheres = options.get("wheres")
        wheres = dict(wheres) if isinstance(wheres, dict) else {}
        if args and isinstance(args[0], PhpArray):
            wheres.update({str(k): as_string(v) or "" for k, v in args[0].items})
        options["wheres"] = wheres
    elif name in ("scoped", "missing", "withtrashed", "middlewarefor", "withoutmiddlewarefor"):
        if name == "middlewarefor" or name == "withoutmiddlewarefor":
            interpreter.diagnose(
                "unresolved-construct",
                f"`->{name}()` on a resource is not modelled; per-method middleware may be missing",
                pending.ctx.scope.rel,
                pending.line,
            )
    else:
        interpreter.diagnose(
            "unresolved-construct",
            f"`->{name}()` on a resource registration is not known; ignored",
            pending.ctx.scope.rel,
            pending.line,
        )


def register(interpreter: Interpreter, pending: Pending) -> None:
    """Add the pending registration's routes under the group stack active now."""
    name = as_string(pending.name)
    controller = as_string(pending.controller)
    rel = pending.ctx.scope.rel
    if name is None:
        interpreter.diagnose(
            "unresolved-construct",
            "resource name cannot be computed statically; routes not listed",
            rel,
            pending.line,
        )
        return
    if controller is None:
        interpreter.diagnose(
            "unresolved-construct", "resource controller cannot be computed statically", rel, pending.line
        )
        controller = "<unresolved>"
    options = dict(pending.options)
    kind = pending.kind
    if kind == "apiresource":
        only = [m for m in API_RESOURCE_ONLY if m not in _as_list(options.get("except"))]
        options = {"only": only, **options}
    if kind == "apisingleton":
        options = {"only": ["store", "show", "update", "destroy"], **options}
    singleton = kind in ("singleton", "apisingleton")
    _register(interpreter, pending, name, controller, options, singleton)


def _as_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return [value]
    return []


def _register(
    interpreter: Interpreter,
    pending: Pending,
    name: str,
    controller: str,
    options: dict[str, object],
    singleton: bool,
) -> None:
    if "/" in name:
        segments = name.split("/")
        prefix = "/".join(segments[:-1])
        interpreter.push_group({"prefix": prefix})
        try:
            _register(interpreter, pending, segments[-1], controller, options, singleton)
        finally:
            interpreter.group_stack.pop()
        return
    parameters = options.get("parameters")
    registrar = _Registrar(
        parameters,
        interpreter.resource_verbs,
        interpreter.resource_parameters,
        interpreter.singular_parameters,
    )
    if singleton:
        methods = list(SINGLETON_DEFAULTS)
        if options.get("creatable"):
            methods += ["create", "store", "destroy"]
        elif options.get("destroyable"):
            methods += ["destroy"]
        methods = _filter(methods, options)
        methods = [m for m in SINGLETON_ORDER if m in methods]
    else:
        methods = _filter(list(RESOURCE_DEFAULTS), options)
    base = registrar.wildcard(name.split(".")[-1])
    for method in methods:
        if singleton:
            uri, verbs = _singleton_route(registrar, name, method)
            route_name = name
        else:
            resource_name = name
            if method in ("show", "edit", "update", "destroy") and options.get("shallow"):
                resource_name = name.split(".")[-1]
            uri, verbs = _resource_route(registrar, resource_name, base, method)
            route_name = resource_name
        action: dict[str, object] = {
            "as": _route_name(route_name, method, options),
            "uses": f"{controller}@{method}",
        }
        for option, key in (
            ("middleware", "middleware"),
            ("excluded_middleware", "excluded_middleware"),
            ("wheres", "where"),
        ):
            if option in options:
                action[key] = options[option]
        draft = interpreter.create_route(verbs, uri, action, pending.ctx, pending.line)
        interpreter.add(draft)


def _filter(methods: list[str], options: dict[str, object]) -> list[str]:
    if "only" in options:
        only = _as_list(options["only"])
        methods = [m for m in methods if m in only]
    if "except" in options:
        excluded = _as_list(options["except"])
        methods = [m for m in methods if m not in excluded]
    return methods


class _Registrar:
    def __init__(
        self,
        parameters: object,
        verbs: dict[str, str],
        parameter_map: dict[str, str],
        singular_by_default: bool,
    ) -> None:
        self.parameters = parameters
        self.verbs = verbs
        self.parameter_map = parameter_map
        self.singular_by_default = singular_by_default

    def wildcard(self, value: str) -> str:
        """`ResourceRegistrar::getResourceWildcard`."""
        if isinstance(self.parameters, dict) and value in self.parameters:
            value = str(self.parameters[value])
        elif value in self.parameter_map:
            value = self.parameter_map[value]
        elif self.parameters == "singular" or self.singular_by_default:
            value = singular(value)
        return value.replace("-", "_")

    def resource_uri(self, resource: str) -> str:
        if "." not in resource:
            return resource
        segments = resource.split(".")
        uri = "/".join(f"{s}/{{{self.wildcard(s)}}}" for s in segments)
        return uri.replace("/{" + self.wildcard(segments[-1]) + "}", "")


def _resource_route(registrar: _Registrar, name: str, base: str, method: str) -> tuple[str, list[str]]:
    uri = registrar.resource_uri(name)
    if method == "index":
        return uri, ["GET"]
    if method == "create":
        return f"{uri}/{registrar.verbs['create']}", ["GET"]
    if method == "store":
        return uri, ["POST"]
    member = f"{uri}/{{{base}}}"
    if method == "show":
        return member, ["GET"]
    if method == "edit":
        return f"{member}/{registrar.verbs['edit']}", ["GET"]
    if method == "update":
        return member, ["PUT", "PATCH"]
    return member, ["DELETE"]


def _singleton_route(registrar: _Registrar, name: str, method: str) -> tuple[str, list[str]]:
    uri = registrar.resource_uri(name) if "." not in name else _nested_singleton_uri(registrar, name)
    table = {
        "show": (uri, ["GET"]),
        "edit": (f"{uri}/{registrar.verbs['edit']}", ["GET"]),
        "update": (uri, ["PUT", "PATCH"]),
        "create": (f"{uri}/{registrar.verbs['create']}", ["GET"]),
        "store": (uri, ["POST"]),
        "destroy": (uri, ["DELETE"]),
    }
    return table[method]


def _nested_singleton_uri(registrar: _Registrar, name: str) -> str:
    segments = name.split(".")
    parents = "/".join(f"{s}/{{{registrar.wildcard(s)}}}" for s in segments[:-1])
    return f"{parents}/{segments[-1]}"


def _route_name(resource: str, method: str, options: dict[str, object]) -> str:
    """`ResourceRegistrar::getResourceRouteName`."""
    name = resource
    names = options.get("names")
    if isinstance(names, str):
        name = names
    elif isinstance(names, dict) and method in names:
        return str(names[method])
    prefix = f"{options['as']}." if isinstance(options.get("as"), str) else ""
    return f"{prefix}{name}.{method}".strip(".")
