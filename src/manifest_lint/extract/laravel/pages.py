"""Inertia pages: the page files on disk, and which route renders which of them.

A page's component name is its path relative to the pages directory without the extension,
matched exactly and case-sensitively, as the client-side `resolve` callbacks do (spec §9.2).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.literals import (
    argument,
    call_arguments,
    call_name,
    literal_value,
    path_value,
    string_value,
)
from manifest_lint.model import Diagnostic, Page, Route
from manifest_lint.parsing import ParsedFile, node_line, node_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    import tree_sitter

    from manifest_lint.extract.laravel.names import Names
    from manifest_lint.parsing import SourceSet

PAGE_DIRS = ("resources/js/pages", "resources/js/Pages")
PAGE_EXTENSIONS = ("vue", "tsx", "jsx", "ts", "js", "svelte")
DEFAULT_IGNORE_PAGE_DIRS = ("components", "layouts", "partials")
MAX_PAGE_FILES = 20000


@dataclass(frozen=True, slots=True)
class PageFile:
    component: str
    file: str
    ignored: bool


@dataclass(frozen=True, slots=True)
class PageSet:
    """Every page file found, by component name; `ignored` ones live in layout/partial dirs."""

    files: dict[str, PageFile]
    diagnostics: tuple[Diagnostic, ...]

    def lower_index(self) -> dict[str, str]:
        return {name.lower(): name for name in self.files}


def find_pages(
    root: Path,
    *,
    page_dirs: tuple[str, ...] = PAGE_DIRS,
    extensions: tuple[str, ...] = PAGE_EXTENSIONS,
    ignore_page_dirs: tuple[str, ...] = DEFAULT_IGNORE_PAGE_DIRS,
) -> PageSet:
    """Page files under each pages directory that exists; `ignore_page_dirs` match any directory
    level, case-insensitively (Breeze and Jetstream keep `Pages/Profile/Partials/…`)."""
    files: dict[str, PageFile] = {}
    diagnostics: list[Diagnostic] = []
    ignore = {name.lower() for name in ignore_page_dirs}
    suffixes = tuple("." + ext for ext in extensions)
    real_root = root.resolve()
    seen_real: set[Path] = set()
    for page_dir in dict.fromkeys(page_dirs):
        base = root / page_dir
        if not base.exists() and not base.is_symlink():
            continue
        try:
            real = base.resolve(strict=True)
        except (OSError, RuntimeError):
            diagnostics.append(
                Diagnostic(
                    "unreadable-file",
                    f"{page_dir}: symlink loop or dangling link; pages not read",
                    page_dir,
                    1,
                )
            )
            continue
        if not real.is_dir() or real in seen_real:
            continue  # on a case-insensitive file system pages/ and Pages/ are one directory
        seen_real.add(real)
        for rel, relative_to_dir in _walk(root, real_root, page_dir, suffixes, diagnostics):
            component = relative_to_dir.rsplit(".", 1)[0]
            directories = relative_to_dir.split("/")[:-1]
            ignored = any(part.lower() in ignore for part in directories)
            files.setdefault(component, PageFile(component, rel, ignored))
            if len(files) >= MAX_PAGE_FILES:
                diagnostics.append(
                    Diagnostic(
                        "limit-exceeded",
                        f"{page_dir}: more than {MAX_PAGE_FILES} page files; the rest skipped",
                        page_dir,
                        1,
                    )
                )
                return PageSet(files, tuple(diagnostics))
    return PageSet(files, tuple(diagnostics))


def _walk(
    root: Path, real_root: Path, start: str, suffixes: tuple[str, ...], diagnostics: list[Diagnostic]
) -> Iterator[tuple[str, str]]:
    """(path relative to root, path relative to `start`) for page files, with an explicit stack.

    Symlinked directories are followed once if they stay inside the root; a link back to a
    directory already visited (a loop) or out of the root is reported, never followed.
    """
    base_real = (root / start).resolve()
    visited = {base_real}
    stack: list[tuple[Path, str]] = [(root / start, "")]
    found: list[tuple[str, str]] = []
    while stack:
        directory, prefix = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            rel = f"{start}/{prefix}".rstrip("/")
            diagnostics.append(
                Diagnostic("unreadable-file", f"{rel}: cannot be listed ({error.strerror or error})", rel, 1)
            )
            continue
        for entry in entries:
            inner = f"{prefix}{entry.name}"
            rel = f"{start}/{inner}"
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    diagnostics.append(
                        Diagnostic(
                            "unreadable-file", f"{rel}: symlink loop or dangling link; not followed", rel, 1
                        )
                    )
                    continue
                if not real.is_relative_to(real_root):
                    diagnostics.append(
                        Diagnostic(
                            "unreadable-file",
                            f"{rel}: symlink leads outside the project root; not followed",
                            rel,
                            1,
                        )
                    )
                    continue
                if real.is_dir():
                    if real in visited or any(real in v.parents or v == real for v in visited):
                        diagnostics.append(
                            Diagnostic(
                                "unreadable-file",
                                f"{rel}: symlink loops back to a directory already read; not followed",
                                rel,
                                1,
                            )
                        )
                        continue
                    visited.add(real)
                    stack.append((path, inner + "/"))
                    continue
            elif entry.is_dir(follow_symlinks=False):
                stack.append((path, inner + "/"))
                continue
            if entry.name.endswith(suffixes) and not entry.name.startswith("."):
                found.append((rel, inner))
    yield from sorted(found)


@dataclass(frozen=True, slots=True)
class Render:
    """One `Inertia::render(...)`-like call; `component` is None when the name is computed."""

    component: str | None
    file: str
    line: int
    raw: str


def render_calls(node: tree_sitter.Node, rel: str, scope: Names) -> list[Render]:
    """Inertia render calls inside `node` (a closure or method body), in source order."""
    found: list[Render] = []
    body = (node.text or b"").lower()
    if b"render" not in body and b"inertia" not in body:
        return found  # most bodies (API controllers) render nothing: skip the walk
    stack = [node]
    while stack:
        current = stack.pop()
        component_node, is_render = _render_component(current, scope)
        if is_render:
            text = node_text(current)
            raw = text if len(text) <= 120 else text[:117] + "..."
            found.append(Render(string_value(component_node), rel, node_line(current), raw))
        stack.extend(reversed(current.named_children))
    return found


def _render_component(node: tree_sitter.Node, scope: Names) -> tuple[tree_sitter.Node | None, bool]:
    if node.type == "scoped_call_expression":
        target = node.child_by_field_name("scope")
        if target is None or call_name(node) != "render":
            return None, False
        if scope.resolve(node_text(target)).lower() not in ("inertia", "inertia\\inertia"):
            return None, False
        return argument(node, 0, "component"), True
    if node.type == "function_call_expression":
        function = node.child_by_field_name("function")
        if function is None or node_text(function).lstrip("\\").lower() != "inertia":
            return None, False
        positional, named = call_arguments(node)
        if not positional and "component" not in named:
            return None, False
        return argument(node, 0, "component"), True
    if node.type == "member_call_expression" and call_name(node) == "render":
        target = node.child_by_field_name("object")
        if target is None or target.type != "function_call_expression":
            return None, False
        function = target.child_by_field_name("function")
        if function is None or node_text(function).lstrip("\\").lower() != "inertia":
            return None, False
        return argument(node, 0, "component"), True
    return None, False


def this_calls(node: tree_sitter.Node) -> list[str]:
    """Names of `$this->m(...)` calls inside `node` (followed one level for page renders)."""
    names: list[str] = []
    if b"$this" not in (node.text or b""):
        return names
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "member_call_expression":
            target = current.child_by_field_name("object")
            name = current.child_by_field_name("name")
            if (
                target is not None
                and name is not None
                and node_text(target) == "$this"
                and name.type == "name"
            ):
                names.append(node_text(name))
        stack.extend(reversed(current.named_children))
    return names


_VERBS = {"get", "post", "put", "patch", "delete", "options", "any", "match", "fallback"}


def route_closures(parsed: ParsedFile) -> list[tuple[int, int, tree_sitter.Node]]:
    """(first line, last line, closure) of every closure passed to a route verb call in a file.

    The walk skips subtrees whose text has no `fn`/`function`: a big route file is mostly routes to
    controllers, and visiting every node of it cost more than linking its routes. A file with syntax
    errors is walked in full (tree-sitter may have inserted a missing `function` keyword there).
    """
    keywords = None if parsed.root.has_error else _closure_keywords(parsed.data)
    found: list[tuple[int, int, tree_sitter.Node]] = []
    stack = [parsed.root]
    while stack:
        current = stack.pop()
        if keywords is not None and not _holds_keyword(keywords, current):
            continue
        if current.type in _CALLS and call_name(current) in _VERBS:
            positional, named = call_arguments(current)
            for value in [*positional, *named.values()]:
                if value.type in ("anonymous_function", "arrow_function"):
                    found.append((node_line(current), current.end_point.row + 1, value))
        stack.extend(current.named_children)
    return found


_CALLS = ("scoped_call_expression", "member_call_expression")
_KEYWORDS = re.compile(rb"fn|function", re.IGNORECASE)


def _closure_keywords(data: bytes) -> list[int]:
    """Byte offsets where a closure keyword may start (a superset: inside names and strings too)."""
    return [match.start() for match in _KEYWORDS.finditer(data)]


def _holds_keyword(offsets: list[int], node: tree_sitter.Node) -> bool:
    index = bisect_left(offsets, node.start_byte)
    return index < len(offsets) and offsets[index] < node.end_byte


def closures_by_line(closures: list[tuple[int, int, tree_sitter.Node]]) -> dict[int, tree_sitter.Node]:
    """The closure of the route registered at each line: the innermost verb call spanning it (the
    first listed among equals). Built once per file; scanning every closure per route was quadratic."""
    best: dict[int, tuple[int, tree_sitter.Node]] = {}
    for first, last, closure in closures:
        span = last - first
        for line in range(first, last + 1):
            known = best.get(line)
            if known is None or span < known[0]:
                best[line] = (span, closure)
    return {line: closure for line, (_, closure) in best.items()}


@dataclass(frozen=True, slots=True)
class Linked:
    routes: tuple[Route, ...]
    pages: tuple[Page, ...]
    diagnostics: tuple[Diagnostic, ...]


def page_surfaces(pages: PageSet, rendered: set[str]) -> tuple[tuple[Page, ...], tuple[Diagnostic, ...]]:
    """Page surfaces (files in ignored dirs only when something renders them) and `orphaned-page`."""
    surfaces: list[Page] = []
    diagnostics: list[Diagnostic] = []
    for name, page in sorted(pages.files.items()):
        if page.ignored and name not in rendered:
            continue
        surfaces.append(Page(stack="laravel", file=page.file, line=1, component=name))
        if name not in rendered:
            diagnostics.append(
                Diagnostic("orphaned-page", f"page {name} is not rendered by any route", page.file, 1)
            )
    return tuple(surfaces), tuple(diagnostics)


def missing_page(component: str, pages: PageSet, where: str, file: str, line: int) -> Diagnostic:
    hint = pages.lower_index().get(component.lower())
    extra = f"; did you mean {hint!r} ({pages.files[hint].file})? names are case-sensitive" if hint else ""
    return Diagnostic(
        "missing-page",
        f"{where} renders Inertia page {component!r}, which has no page file{extra}",
        file,
        line,
    )


def with_page(route: Route, renders: list[Render]) -> Route:
    """The route with `page` set to the first resolved component it renders; others become notes."""
    if not renders:
        return route
    names = list(dict.fromkeys(r.component for r in renders if r.component is not None))
    if not names:
        return route
    notes = route.notes + tuple(f"also-renders:{name}" for name in names[1:] if name != route.page)
    return replace(route, page=route.page or names[0], notes=notes)


def configured_page_dirs(sources: SourceSet) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """Extra page roots and extensions from `config/inertia.php` (`testing.page_paths` /
    `pages.paths`, `page_extensions` / `pages.extensions`), when written as literals."""
    rel = "config/inertia.php"
    if not sources.exists(rel):
        return (), None
    parsed = sources.parse(rel, "php")
    if isinstance(parsed, tuple):
        return (), None
    dirs: list[str] = []
    extensions: tuple[str, ...] | None = None
    stack = [parsed.root]
    while stack:
        current = stack.pop()
        stack.extend(current.named_children)
        if current.type != "array_element_initializer" or current.named_child_count != 2:
            continue
        key = string_value(current.named_children[0])
        value = current.named_children[1]
        if key in ("page_paths", "paths") and value.type == "array_creation_expression":
            for element in value.named_children:
                if element.named_child_count:
                    path = path_value(element.named_children[-1], rel)
                    if path:
                        dirs.append(path)
        elif key in ("page_extensions", "extensions"):
            known, found = literal_value(value)
            if known and isinstance(found, tuple) and all(isinstance(item, str) for item in found):
                extensions = tuple(str(item) for item in found)
    return tuple(dirs), extensions
