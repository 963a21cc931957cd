"""The route step: entry points → interpreter → package routes → middleware → `Route` surfaces."""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from manifest_lint.canonical import canonical_path
from manifest_lint.discover import walk_files
from manifest_lint.extract.laravel import bootstrap, packages
from manifest_lint.extract.laravel.config import ConfigReader
from manifest_lint.extract.laravel.controller_middleware import ControllerMiddleware
from manifest_lint.extract.laravel.evaluator import Ctx, Interpreter
from manifest_lint.extract.laravel.middleware import MiddlewareResolver
from manifest_lint.extract.laravel.names import names_of
from manifest_lint.extract.laravel.state import Draft, as_list
from manifest_lint.extract.laravel.values import Folder
from manifest_lint.model import Diagnostic, Route
from manifest_lint.parsing import ParsedFile, node_text

if TYPE_CHECKING:
    from manifest_lint.discover import Composer
    from manifest_lint.extract import ExtractOptions
    from manifest_lint.parsing import SourceSet

_RECURSION_FLOOR = 20_000
# A group level costs about 8 Python frames; a configured max-nesting above this would reach the
# recursion limit before the nesting check, so it is capped here (and reported at the cap).
_MAX_SAFE_DEPTH = _RECURSION_FLOOR // 10
_SLASH_SAMPLE = "a/b"


@dataclass(frozen=True, slots=True)
class RouteResult:
    routes: tuple[Route, ...]
    diagnostics: tuple[Diagnostic, ...]
    framework: str | None


def extract_routes(sources: SourceSet, composer: Composer, options: ExtractOptions) -> RouteResult:
    folder = Folder(str(sources.root))
    config = ConfigReader(sources, folder)
    folder.config = config
    interpreter = Interpreter(
        sources, folder, env=options.env, max_depth=min(options.limits.max_nesting, _MAX_SAFE_DEPTH)
    )
    interpreter.class_file = composer.class_file
    version = packages.framework_version(composer)
    entry = bootstrap.EntryPoints()
    # The interpreter recurses once per group/include level; max_nesting bounds that depth and this
    # limit only has to stay above it (Python frames, not the C stack, in 3.11+).
    previous_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous_limit, _RECURSION_FLOOR))
    try:
        app_files = [*bootstrap.provider_files(interpreter, composer)]
        app_files += [rel for rel, _ in walk_files(sources.root, "routes", (".php",))]
        app_code = b"\n".join(_source(sources, rel) for rel in app_files)
        packages.add_package_routes(interpreter, composer, config, version, "boot", app_code)
        bootstrap.load_kernel_aliases(interpreter, entry)
        bootstrap.load_providers(interpreter, entry, composer)
        bootstrap.load_bootstrap(interpreter, entry)
        if not entry.found:
            bootstrap.load_conventional(interpreter)
        if entry.broadcasting is not None:
            _add_broadcasting(interpreter, entry.broadcasting)
        packages.add_package_routes(interpreter, composer, config, version, "booted")
    finally:
        sys.setrecursionlimit(previous_limit)
    resolver = MiddlewareResolver.default(options.resolve_aliases)
    if entry.replaces_aliases:
        resolver.aliases = dict(entry.aliases)
    else:
        resolver.aliases.update(entry.aliases)
    if composer.has_package("laravel/sanctum"):
        resolver.priority = (
            "Laravel\\Sanctum\\Http\\Middleware\\EnsureFrontendRequestsAreStateful",
            *resolver.priority,
        )
    resolver.lookup = lambda cls: _class_supertypes(sources, composer, cls)
    controllers = ControllerMiddleware(sources, composer, folder)
    routes = [
        route
        for draft in interpreter.collection.routes.values()
        for route in _surfaces(draft, resolver, controllers, version.label)
    ]
    diagnostics = (*interpreter.diagnostics, *config.diagnostics, *controllers.diagnostics)
    return RouteResult(tuple(routes), diagnostics, version.label)


def _source(sources: SourceSet, rel: str) -> bytes:
    """A file's bytes for the `disabled_by` search. Files the reader would refuse are skipped here, so
    their diagnostic is reported where a route file requires them, with that file:line."""
    path = sources.root / rel
    try:
        usable = (
            path.is_file() and not path.is_symlink() and path.stat().st_size <= sources.limits.max_file_bytes
        )
    except OSError:
        usable = False
    data = sources.read(rel) if usable else b""
    return data if isinstance(data, bytes) else b""


def _add_broadcasting(interpreter: Interpreter, where: tuple[str, int]) -> None:
    rel, line = where
    interpreter.push_group({"middleware": ["web"]})
    try:
        draft = interpreter.create_route(
            ["GET", "POST"],
            "broadcasting/auth",
            "\\Illuminate\\Broadcasting\\BroadcastController@authenticate",
            _ctx_for(interpreter, rel),
            line,
        )
        draft.notes.append("framework:broadcasting")
        interpreter.add(draft)
    finally:
        interpreter.group_stack.pop()


def _ctx_for(interpreter: Interpreter, rel: str) -> Ctx:
    from manifest_lint.extract.laravel.names import Names
    from manifest_lint.extract.laravel.values import FileScope

    return Ctx(FileScope(rel=rel, directory=str(interpreter.sources.root), names=Names()), {})


def _class_supertypes(sources: SourceSet, composer: Composer, cls: str) -> tuple[str, ...]:
    """`implements` then `extends` of an app class, read from its PSR-4 file (middleware priority)."""
    rel = composer.class_file(cls)
    if rel is None or not sources.exists(rel):
        return ()
    parsed = sources.parse(rel, "php")
    if not isinstance(parsed, ParsedFile):
        return ()
    names = names_of(parsed.root)
    short = cls.rsplit("\\", 1)[-1]
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        if node.type == "class_declaration":
            name = node.child_by_field_name("name")
            if name is None or node_text(name) != short:
                continue
            interfaces: list[str] = []
            parents: list[str] = []
            for child in node.named_children:
                if child.type == "class_interface_clause":
                    interfaces += [names.resolve(node_text(n)) for n in child.named_children]
                elif child.type == "base_clause":
                    parents += [names.resolve(node_text(n)) for n in child.named_children]
            return (*interfaces, *parents)
        if node.type in ("program", "namespace_definition", "compound_statement"):
            stack.extend(node.named_children)
    return ()


def _wildcards(draft: Draft) -> frozenset[str]:
    where = draft.action.get("where")
    if not where or not isinstance(where, dict):
        return _NO_WILDCARDS
    return frozenset(name for name, pattern in draft.wheres().items() if _matches_slash(pattern))


_NO_WILDCARDS: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1024)
def _matches_slash(pattern: str) -> bool:
    """Whether a `where` pattern lets a parameter span a `/` (memoised: apps reuse a few patterns)."""
    try:
        return re.fullmatch(f"(?:{pattern})", _SLASH_SAMPLE) is not None
    except re.error:
        return False


def _middleware_names(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [m if isinstance(m, str) else str(m) for m in value]
    return [str(m) for m in as_list(value)]


def _surfaces(
    draft: Draft, resolver: MiddlewareResolver, controllers: ControllerMiddleware, framework: str | None
) -> list[Route]:
    action = draft.action_name()
    route_middleware = _middleware_names(draft.action.get("middleware"))
    excluded = _middleware_names(draft.action.get("excluded_middleware"))
    middleware = tuple(resolver.gather(route_middleware, controllers.for_action(action), excluded))
    uri = "/" + draft.uri.lstrip("/") if draft.uri != "/" else "/"
    canonical = canonical_path(uri, "laravel", _wildcards(draft))
    notes = tuple(draft.notes)
    name = draft.name
    domain = draft.domain
    return [
        Route(
            stack="laravel",
            file=draft.file,
            line=draft.line,
            condition=draft.condition,
            notes=notes,
            method=method,
            uri=uri,
            canonical_uri=canonical,
            name=name,
            action=action,
            middleware=middleware,
            domain=domain,
            framework=framework,
            page=draft.page,
            status=draft.status,
        )
        for method in draft.listed_methods()
    ]
