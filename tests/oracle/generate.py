"""Hypothesis strategies for random Laravel route files, to compare the static extractor with the real router.

Only constructs that Laravel 8.83 (the oracle) and 11/12 treat alike are generated. Controllers never exist as
files, so nothing may depend on class existence: inside `Route::controller()` groups the actions are method
strings, arrays or closures, never bare class names. Name pools are small on purpose, so duplicate URIs, names
and middleware happen now and then.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from hypothesis import strategies as st

if TYPE_CHECKING:
    from pathlib import Path

MAX_DEPTH = 4
NS = "App\\Http\\Controllers\\"

CONTROLLERS = (
    "PhotoController",
    "UserController",
    "PostController",
    "CommentController",
    "Admin\\ReportController",
)
INVOKABLES = ("ShowDashboard", "HandleWebhook")
ACTION_METHODS = ("index", "show", "store", "update", "destroy", "edit")
SEGMENTS = (
    "users",
    "posts",
    "photos",
    "admin",
    "settings",
    "profile",
    "reports",
    "{id}",
    "{user}",
    "{post?}",
)
LOOP_VALUES = ("daily", "weekly", "monthly", "en", "fr")
ROUTE_NAMES = ("home", "dashboard", "users.index", "profile", "show", "settings.edit", "reports")
GROUP_NAMES = ("admin.", "api.", "v1.", "settings.", "admin")
GROUP_PREFIXES = ("admin", "api", "v1", "/settings", "teams/{team}", "")
MIDDLEWARE = (
    "auth",
    "auth:sanctum",
    "throttle:6,1",
    "verified",
    "web",
    "guest",
    "App\\Http\\Middleware\\EnsureTeam",
    "App\\Http\\Middleware\\LogRequests",
)
DOMAINS = ("admin.example.com", "{account}.example.com", "https://api.example.com")
RESOURCES = ("photos", "users", "posts", "photos.comments", "admin/reports", "people", "media", "blog-posts")
RESOURCE_METHODS = ("index", "create", "store", "show", "edit", "update", "destroy")
ENVIRONMENTS = ("local", "testing", "production", "staging")
VERBS = ("get", "post", "put", "patch", "delete", "options", "any")

_app_counter = itertools.count()


def php_str(value: str) -> str:
    """Single-quoted PHP literal; pool values never contain quotes, backslashes are doubled for clarity."""
    return "'" + value.replace("\\", "\\\\") + "'"


def php_list(values: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(php_str(v) for v in values) + "]"


@dataclass(frozen=True)
class _Scope:
    """Variables a statement may use, and whether a `Route::controller()` group encloses it."""

    variables: tuple[str, ...] = ()
    in_controller_group: bool = False


class _Writer:
    """Draws statements one by one; keeps the file's imports and a counter for fresh variable names."""

    def __init__(self, draw: st.DrawFn, imports: dict[str, str]) -> None:
        self.draw = draw
        self.imports = imports
        self.var_counter = itertools.count(1)

    def pick(self, values: tuple[str, ...] | list[str]) -> str:
        return self.draw(st.sampled_from(values))

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(0, 99)) < int(p * 100)

    def class_ref(self, short: str) -> str:
        alias = next((a for a, fqcn in self.imports.items() if fqcn == NS + short), None)
        if alias is not None and self.chance(0.8):
            return f"{alias}::class"
        return f"\\{NS}{short}::class"

    def uri(self, scope: _Scope) -> str:
        kind = self.draw(st.integers(0, 9))
        if kind == 0:
            return self.pick(("'/'", "''"))
        parts = self.draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3, unique=True))
        text = "/".join(parts)
        if kind <= 5:
            return php_str(("/" if self.chance(0.3) else "") + text)
        if kind <= 7 or not scope.variables:
            return php_str(parts[0]) + " . " + php_str("/" + "/".join(parts[1:]) if parts[1:] else "/x")
        var = self.pick(scope.variables)
        return f"{var} . " + php_str("/" + text)

    def action(self, scope: _Scope) -> str:
        kinds = ["closure", "arrow", "array", "string", "invokable"]
        if scope.in_controller_group:
            kinds = ["method", "method", "method", "closure", "array", "string"]
        kind = self.pick(kinds)
        if kind == "closure":
            return "function () {\n    return 'ok';\n}"
        if kind == "arrow":
            return "fn () => 'ok'"
        if kind == "method":
            return php_str(self.pick(ACTION_METHODS))
        if kind == "invokable":
            return self.class_ref(self.pick(INVOKABLES))
        controller = self.pick(CONTROLLERS)
        method = self.pick(ACTION_METHODS)
        if kind == "array":
            return f"[{self.class_ref(controller)}, {php_str(method)}]"
        return php_str(f"{NS}{controller}@{method}")

    def middleware_arg(self) -> str:
        values = self.draw(st.lists(st.sampled_from(MIDDLEWARE), min_size=1, max_size=3))
        if len(values) == 1 and self.chance(0.6):
            return php_str(values[0])
        return php_list(values)

    def route_chain(self, scope: _Scope) -> str:
        chain = ""
        for _ in range(self.draw(st.integers(0, 3))):
            kind = self.draw(st.integers(0, 4))
            if kind <= 1:
                name = self.pick(ROUTE_NAMES)
                if scope.variables and self.chance(0.2):
                    chain += f"->name({php_str(name + '.')} . {self.pick(scope.variables)})"
                else:
                    chain += f"->name({php_str(name)})"
            elif kind == 2:
                chain += f"->middleware({self.middleware_arg()})"
            elif kind == 3:
                chain += f"->withoutMiddleware({php_str(self.pick(MIDDLEWARE))})"
            elif self.chance(0.5):
                chain += "->where('id', '[0-9]+')"
            else:
                chain += "->whereNumber('id')"
        return chain

    def registrar(self, *, for_group: bool) -> str:
        keys = ["prefix", "name", "middleware", "withoutMiddleware", "domain"]
        chosen = self.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True))
        parts = []
        for key in chosen:
            if key == "prefix":
                parts.append(f"prefix({php_str(self.pick(GROUP_PREFIXES))})")
            elif key == "name":
                parts.append(f"name({php_str(self.pick(GROUP_NAMES))})")
            elif key == "middleware":
                parts.append(f"middleware({self.middleware_arg()})")
            elif key == "withoutMiddleware":
                parts.append(f"withoutMiddleware({php_str(self.pick(MIDDLEWARE))})")
            elif for_group or self.chance(0.3):
                parts.append(f"domain({php_str(self.pick(DOMAINS))})")
        if not parts:
            parts.append(f"prefix({php_str(self.pick(GROUP_PREFIXES))})")
        return "Route::" + "->".join(parts)

    def verb_route(self, scope: _Scope) -> list[str]:
        verb = self.pick(VERBS)
        head = "Route::"
        if self.chance(0.2):
            head = self.registrar(for_group=False) + "->"
        if self.chance(0.1):
            methods = self.draw(
                st.lists(
                    st.sampled_from(("get", "post", "put", "delete")), min_size=1, max_size=2, unique=True
                )
            )
            call = f"match({php_list(methods)}, {self.uri(scope)}, {self.action(scope)})"
        else:
            call = f"{verb}({self.uri(scope)}, {self.action(scope)})"
        return (head + call + self.route_chain(scope) + ";").splitlines()

    def special_route(self, scope: _Scope) -> list[str]:
        kind = self.draw(st.integers(0, 3))
        if kind == 0:
            return [f"Route::view({self.uri(scope)}, 'welcome'){self.route_chain(scope)};"]
        if kind == 1:
            return [f"Route::redirect({self.uri(scope)}, '/home'){self.route_chain(scope)};"]
        if kind == 2:
            return [f"Route::permanentRedirect({self.uri(scope)}, '/home');"]
        return (f"Route::fallback({self.action(scope)}){self.route_chain(scope)};").splitlines()

    def resource_options(self, *, api: bool) -> tuple[str, str]:
        """Returns (array options literal or '', chained calls), never both only and except in one place."""
        option_items: list[str] = []
        chain = ""
        methods = RESOURCE_METHODS if not api else ("index", "store", "show", "update", "destroy")
        for opt in self.draw(
            st.lists(
                st.sampled_from(("only", "except", "names", "parameters", "shallow", "middleware")),
                max_size=3,
                unique=True,
            )
        ):
            as_chain = self.chance(0.5)
            if opt in ("only", "except"):
                value = php_list(
                    self.draw(st.lists(st.sampled_from(methods), min_size=1, max_size=3, unique=True))
                )
            elif opt == "names":
                value = php_str("media") if self.chance(0.5) else f"['show' => {php_str('items.view')}]"
            elif opt == "parameters":
                value = "['photos' => 'pic', 'users' => 'member']"
            elif opt == "shallow":
                value = "true"
            else:
                value = self.middleware_arg()
            if as_chain:
                chain += "->shallow()" if opt == "shallow" else f"->{opt}({value})"
            else:
                option_items.append(f"{php_str(opt)} => {value}")
        array = "[" + ", ".join(option_items) + "]" if option_items else ""
        return array, chain

    def resource(self, scope: _Scope) -> list[str]:
        kind = self.draw(st.integers(0, 9))
        api = self.chance(0.4)
        fn = "apiResource" if api else "resource"
        controller = self.class_ref(self.pick(CONTROLLERS))
        if kind >= 8:
            names = self.draw(st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=3, unique=True))
            entries = ", ".join(f"{php_str(n)} => {self.class_ref(self.pick(CONTROLLERS))}" for n in names)
            array, _ = self.resource_options(api=api)
            extra = f", {array}" if array else ""
            return [f"Route::{fn}s([{entries}]{extra});"]
        array, chain = self.resource_options(api=api)
        head = "Route::"
        if kind == 7:
            head = self.registrar(for_group=False) + "->"
        extra = f", {array}" if array else ""
        return [f"{head}{fn}({php_str(self.pick(RESOURCES))}, {controller}{extra}){chain};"]

    def closure(self, body: list[str], scope: _Scope) -> list[str]:
        uses = f" use ({', '.join(scope.variables)})" if scope.variables else ""
        return [f"function (){uses} {{", *("    " + line for line in body), "}"]

    def group(self, scope: _Scope, depth: int) -> list[str]:
        kind = self.draw(st.integers(0, 5))
        inner_scope = scope
        if kind == 5:
            controller = self.pick(CONTROLLERS)
            inner_scope = replace(scope, in_controller_group=True)
            opener = f"Route::controller({self.class_ref(controller)})"
            if self.chance(0.3):
                opener = self.registrar(for_group=True) + f"->controller({self.class_ref(controller)})"
            body = self.block(inner_scope, depth + 1)
            closure = self.closure(body, scope)
            return [f"{opener}->group({closure[0]}", *closure[1:-1], "});"]
        body = self.block(inner_scope, depth + 1)
        if kind <= 2:
            opener = self.registrar(for_group=True)
            if len(body) == 1 and body[0].startswith("Route::") and self.chance(0.5):
                return [f"{opener}->group(fn () => {body[0].removesuffix(';')});"]
            closure = self.closure(body, scope)
            return [f"{opener}->group({closure[0]}", *closure[1:-1], "});"]
        attrs = []
        for key in self.draw(
            st.lists(
                st.sampled_from(("prefix", "as", "middleware", "domain", "where")),
                min_size=1,
                max_size=3,
                unique=True,
            )
        ):
            if key == "prefix":
                attrs.append(f"'prefix' => {php_str(self.pick(GROUP_PREFIXES))}")
            elif key == "as":
                attrs.append(f"'as' => {php_str(self.pick(GROUP_NAMES))}")
            elif key == "middleware":
                attrs.append(f"'middleware' => {self.middleware_arg()}")
            elif key == "domain":
                attrs.append(f"'domain' => {php_str(self.pick(DOMAINS))}")
            else:
                attrs.append("'where' => ['id' => '[0-9]+']")
        closure = self.closure(body, scope)
        return [f"Route::group([{', '.join(attrs)}], {closure[0]}", *closure[1:-1], "});"]

    def foreach(self, scope: _Scope, depth: int) -> list[str]:
        var = f"$item{next(self.var_counter)}"
        values = self.draw(st.lists(st.sampled_from(LOOP_VALUES), min_size=1, max_size=3, unique=True))
        inner = replace(scope, variables=(*scope.variables, var))
        body = (
            f"Route::get({var} . {php_str('/' + self.pick(SEGMENTS))}, {self.action(inner)})"
            f"->name({php_str(self.pick(ROUTE_NAMES) + '.')} . {var});"
        ).splitlines()
        if depth + 1 < MAX_DEPTH and self.chance(0.3):
            body += self.group(inner, depth + 1)
        return [f"foreach ({php_list(values)} as {var}) {{", *("    " + line for line in body), "}"]

    def env_block(self, scope: _Scope, depth: int) -> list[str]:
        envs = self.draw(st.lists(st.sampled_from(ENVIRONMENTS), min_size=1, max_size=2, unique=True))
        cond = (
            f"app()->environment({php_str(envs[0])})"
            if len(envs) == 1
            else f"app()->environment({php_list(envs)})"
        )
        if self.chance(0.2):
            cond = "app()->isLocal()"
        body = self.block(scope, depth + 1)
        return [f"if ({cond}) {{", *("    " + line for line in body), "}"]

    def variable_route(self, outer: _Scope) -> tuple[list[str], _Scope]:
        """`$segmentN = '...';` plus a route using it; later statements in the block may use it too."""
        var = f"$segment{next(self.var_counter)}"
        scope = replace(outer, variables=(*outer.variables, var))
        lines = [
            f"{var} = {php_str(self.pick(SEGMENTS[:7]))};",
            *(
                f"Route::get({var} . {php_str('/' + self.pick(SEGMENTS))}, {self.action(scope)})"
                f"{self.route_chain(scope)};"
            ).splitlines(),
        ]
        return lines, scope

    def statement(self, scope: _Scope, depth: int) -> tuple[list[str], _Scope]:
        """Lines of one statement and the scope after it (only a variable assignment changes it)."""
        choices = ["verb"] * 6 + ["special", "resource", "resource", "variable"]
        if depth < MAX_DEPTH:
            choices += ["group", "group", "group", "foreach", "env"]
        kind = self.pick(choices)
        if kind == "variable":
            return self.variable_route(scope)
        if kind == "verb":
            lines = self.verb_route(scope)
        elif kind == "special":
            lines = self.special_route(scope)
        elif kind == "resource":
            lines = self.resource(scope)
        elif kind == "group":
            lines = self.group(scope, depth)
        elif kind == "foreach":
            lines = self.foreach(scope, depth)
        else:
            lines = self.env_block(scope, depth)
        return lines, scope

    def block(self, scope: _Scope, depth: int) -> list[str]:
        lines: list[str] = []
        for _ in range(self.draw(st.integers(1, 4 if depth else 8))):
            statement, scope = self.statement(scope, depth)
            lines += statement
        return lines


@st.composite
def _imports(draw: st.DrawFn) -> dict[str, str]:
    imports: dict[str, str] = {}
    for short in draw(st.lists(st.sampled_from(CONTROLLERS + INVOKABLES), max_size=5, unique=True)):
        alias = short.rsplit("\\", 1)[-1]
        if draw(st.booleans()) and draw(st.booleans()):
            alias = alias.removesuffix("Controller") + "Actions"
        if alias not in imports:
            imports[alias] = NS + short
    return imports


@st.composite
def route_file(draw: st.DrawFn) -> str:
    """PHP source of one route file (web.php or api.php)."""
    imports = draw(_imports())
    lines = ["<?php", ""]
    uses = [
        f"use {fqcn};" if fqcn.endswith("\\" + alias) else f"use {fqcn} as {alias};"
        for alias, fqcn in imports.items()
    ]
    lines += sorted([*uses, "use Illuminate\\Support\\Facades\\Route;"])
    lines.append("")
    writer = _Writer(draw, imports)
    lines += writer.block(_Scope(), 0)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class AppSources:
    """Route file sources of a generated app; `write()` lays them out the way a Laravel 11/12 app does."""

    web: str
    api: str | None = None

    def write(self, root: Path) -> Path:
        (root / "routes").mkdir(parents=True, exist_ok=True)
        (root / "routes" / "web.php").write_text(self.web)
        if self.api is not None:
            (root / "routes" / "api.php").write_text(self.api)
        composer = {
            "name": "oracle/generated-app",
            "require": {"php": "^8.2", "laravel/framework": "^11.0"},
            "autoload": {"psr-4": {"App\\": "app/"}},
        }
        (root / "composer.json").write_text(json.dumps(composer, indent=4) + "\n")
        (root / "artisan").write_text("#!/usr/bin/env php\n<?php\n// generated for the route oracle\n")
        return root


def app_sources() -> st.SearchStrategy[AppSources]:
    """A web route file and, half of the time, an api route file."""
    return st.builds(AppSources, web=route_file(), api=st.none() | route_file())


def laravel_app(tmp_path: Path) -> st.SearchStrategy[Path]:
    """Each example is a fresh app directory under tmp_path (written when drawn)."""
    return app_sources().map(lambda sources: sources.write(tmp_path / f"app{next(_app_counter)}"))
