"""Everything besides routes that a Laravel app exposes: pages, commands, tables, and route checks.

One call from `extract_laravel`: it takes the routes already extracted and returns them with
`page` set, plus the page/command/table surfaces and every diagnostic (`missing-action`,
`missing-page`, `orphaned-page`, …). One class index and one `SourceSet` serve the whole run, so
a controller is parsed once however many routes point at it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from manifest_lint.catalog import data_text
from manifest_lint.discover import walk_files
from manifest_lint.extract.laravel.classes import ClassIndex, file_scope
from manifest_lint.extract.laravel.commands import extract_commands
from manifest_lint.extract.laravel.controllers import (
    ActionTarget,
    action_target,
    check_actions,
    resolve_action,
)
from manifest_lint.extract.laravel.literals import call_name
from manifest_lint.extract.laravel.migrations import extract_tables
from manifest_lint.extract.laravel.pages import (
    DEFAULT_IGNORE_PAGE_DIRS,
    PAGE_DIRS,
    PAGE_EXTENSIONS,
    PageSet,
    Render,
    closures_by_line,
    configured_page_dirs,
    find_pages,
    missing_page,
    page_surfaces,
    render_calls,
    route_closures,
    this_calls,
    with_page,
)
from manifest_lint.model import Diagnostic, Route, Surface
from manifest_lint.parsing import ParsedFile, node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.discover import Composer
    from manifest_lint.extract.laravel.names import Names
    from manifest_lint.parsing import SourceSet


@dataclass(frozen=True, slots=True)
class AppSurfaces:
    routes: tuple[Route, ...]
    surfaces: tuple[Surface, ...]
    diagnostics: tuple[Diagnostic, ...]


def extract_app_surfaces(
    sources: SourceSet,
    composer: Composer,
    routes: tuple[Route, ...],
    *,
    ignore_page_dirs: tuple[str, ...] = DEFAULT_IGNORE_PAGE_DIRS,
) -> AppSurfaces:
    """Pages, commands and tables of the app at `sources.root`, and `routes` linked to their pages."""
    index = ClassIndex(sources, composer)
    extra_dirs, extensions = configured_page_dirs(sources)
    pages = find_pages(
        sources.root,
        page_dirs=(*PAGE_DIRS, *extra_dirs),
        extensions=extensions or PAGE_EXTENSIONS,
        ignore_page_dirs=ignore_page_dirs,
    )
    diagnostics: list[Diagnostic] = [*pages.diagnostics, *check_actions(routes, index)]
    linked, rendered, link_diagnostics = link_pages(routes, pages, sources, index)
    diagnostics.extend(link_diagnostics)
    diagnostics.extend(provider_renders(sources, pages, rendered, index))
    rendered.update(package_pages(composer))
    page_list, orphans = page_surfaces(pages, rendered)
    diagnostics.extend(orphans)
    commands, command_diagnostics = extract_commands(sources, index)
    tables, table_diagnostics = extract_tables(sources)
    diagnostics.extend(command_diagnostics)
    diagnostics.extend(table_diagnostics)
    diagnostics.extend(index.diagnostics)
    return AppSurfaces(linked, (*page_list, *commands, *tables), tuple(diagnostics))


def link_pages(
    routes: tuple[Route, ...], pages: PageSet, sources: SourceSet, index: ClassIndex
) -> tuple[tuple[Route, ...], set[str], list[Diagnostic]]:
    """Routes with `page` set from the Inertia renders in their closure or controller method."""
    closures: dict[str, dict[int, tree_sitter.Node]] = {}
    memo: dict[tuple[str, str, str], list[Render]] = {}
    rendered: set[str] = set()
    diagnostics: list[Diagnostic] = []
    linked: list[Route] = []
    for route in routes:
        renders = _renders_of(route, sources, index, closures, memo)
        for render in renders:
            if render.component is None:
                diagnostics.append(
                    Diagnostic(
                        "unresolved-construct",
                        f"Inertia page name is computed ({render.raw}); page not linked",
                        render.file,
                        render.line,
                    )
                )
            elif render.component not in pages.files:
                diagnostics.append(
                    missing_page(render.component, pages, "this render call", render.file, render.line)
                )
        route = with_page(route, renders)
        if route.page is not None:
            rendered.add(route.page)
            rendered.update(note.split(":", 1)[1] for note in route.notes if note.startswith("also-renders:"))
            if not renders and route.page not in pages.files:
                where = f"route {route.method} {route.uri}"
                diagnostics.append(missing_page(route.page, pages, where, route.file, route.line))
        linked.append(route)
    return tuple(linked), rendered, diagnostics


PROVIDERS_DIR = "app/Providers"


def provider_renders(
    sources: SourceSet, pages: PageSet, rendered: set[str], index: ClassIndex | None = None
) -> list[Diagnostic]:
    """Renders in service providers count as rendered: package routes serve them through view
    callbacks such as `Fortify::loginView(fn () => Inertia::render('auth/Login'))`, or through an
    app class such a callback names (`Fortify::loginView(fn ($r) => (new LoginController)($r))`,
    `Fortify::twoFactorChallengeView(fn () => new ChallengeView)`)."""
    diagnostics: list[Diagnostic] = []
    for rel, _path in walk_files(sources.root, PROVIDERS_DIR, (".php",)):
        parsed = sources.parse(rel, "php")
        if not isinstance(parsed, ParsedFile):
            diagnostics.extend(parsed)
            continue
        diagnostics.extend(sources.diagnostics_for(rel))
        scope = file_scope(parsed)
        renders = render_calls(parsed.root, rel, scope)
        if index is not None:
            renders.extend(_view_callback_renders(parsed, scope, index))
        for render in renders:
            if render.component is None:
                message = f"Inertia page name is computed ({render.raw}); page not linked"
                diagnostics.append(Diagnostic("unresolved-construct", message, rel, render.line))
                continue
            rendered.add(render.component)
            if render.component not in pages.files:
                where = "this render call"
                diagnostics.append(missing_page(render.component, pages, where, rel, render.line))
    return diagnostics


@cache
def _package_pages() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(data_text("laravel/package-pages.toml"))
    return {
        str(name): frozenset(str(page) for page in entry.get("pages", []))
        for name, entry in raw.get("packages", {}).items()
    }


def package_pages(composer: Composer) -> set[str]:
    """Pages the app's packages render themselves (`rules/laravel/package-pages.toml`)."""
    found: set[str] = set()
    for package, pages in _package_pages().items():
        if composer.has_package(package):
            found.update(pages)
    return found


VIEW_CALLBACK_OWNERS = frozenset({"laravel\\fortify\\fortify", "laravel\\jetstream\\jetstream"})
RESPONDING_METHODS = ("__invoke", "toResponse")


def _view_callback_renders(parsed: ParsedFile, scope: Names, index: ClassIndex) -> list[Render]:
    """Renders of the app classes instantiated inside `Fortify::*View(...)` callbacks: the object is
    invoked (a controller) or turned into a response (`Responsable::toResponse`)."""
    found: list[Render] = []
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        stack.extend(node.named_children)
        if node.type != "scoped_call_expression":
            continue
        owner = node.child_by_field_name("scope")
        name = call_name(node) or ""
        if owner is None or not name.lower().endswith("view"):
            continue
        if scope.resolve(node_text(owner)).lower() not in VIEW_CALLBACK_OWNERS:
            continue
        inner = [node]
        while inner:
            current = inner.pop()
            inner.extend(current.named_children)
            if current.type != "object_creation_expression":
                continue
            named = [c for c in current.named_children if c.type in ("name", "qualified_name")]
            if not named:
                continue
            cls = scope.resolve(node_text(named[0]))
            for method_name in RESPONDING_METHODS:
                method = index.find_method(cls, method_name)
                if method is not None and method[0].body is not None:
                    found.extend(render_calls(method[0].body, method[1].file, method[1].names))
    return found


def _renders_of(
    route: Route,
    sources: SourceSet,
    index: ClassIndex,
    closures: dict[str, dict[int, tree_sitter.Node]],
    memo: dict[tuple[str, str, str], list[Render]],
) -> list[Render]:
    """Renders reached by one route; memoised so routes sharing an action read its body once."""
    target = action_target(route)
    if target is None:
        if route.action != "Closure":
            return []
        parsed = sources.parse(route.file, "php")
        if not isinstance(parsed, ParsedFile):
            return []
        if route.file not in closures:
            closures[route.file] = closures_by_line(route_closures(parsed))
        closure = closures[route.file].get(route.line)
        if closure is None:
            return []
        key = ("closure", route.file, str(closure.start_byte))
        if key not in memo:
            memo[key] = render_calls(closure, route.file, file_scope(parsed))
        return memo[key]
    key = ("action", target.fqcn.lower(), target.method.lower())
    if key not in memo:
        memo[key] = _action_renders(index, target)
    return memo[key]


def _action_renders(index: ClassIndex, target: ActionTarget) -> list[Render]:
    resolved, _problem = resolve_action(index, target)
    if resolved is None or resolved.method.body is None:
        return []
    owner = resolved.owner
    renders = render_calls(resolved.method.body, owner.file, owner.names)
    for name in dict.fromkeys(this_calls(resolved.method.body)):
        helper = index.find_method(resolved.leaf.fqcn, name)
        if helper is not None and helper[0].body is not None:
            renders.extend(render_calls(helper[0].body, helper[1].file, helper[1].names))
    return renders
