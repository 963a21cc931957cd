from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

from manifest_lint.discover import read_composer
from manifest_lint.extract.laravel import pages as pages_module
from manifest_lint.extract.laravel.app_surfaces import extract_app_surfaces, link_pages
from manifest_lint.extract.laravel.literals import call_arguments, call_name
from manifest_lint.extract.laravel.pages import find_pages
from manifest_lint.model import Page
from manifest_lint.parsing import ParsedFile, SourceSet, parse_bytes

from .helpers import FIXTURES, by_rule, index_for, route

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

ROOT = FIXTURES / "pages"
CTRL = "App\\Http\\Controllers\\DashboardController"
ROUTES = (
    route("Closure", "/", line=7),
    route("Closure", "/login", line=11),
    route("Closure", "/register", line=13),
    route("Closure", "/about", line=15),
    route("Closure", "/dynamic", line=19),
    route("Closure", "/folded", line=23),
    route(f"{CTRL}@show", "/dashboard", line=25),
    route(f"{CTRL}@settings", "/settings", line=26),
    route("Closure", "/plain", line=27),
    route("Inertia\\Controller", "/terms", line=30, page="Legal/Terms"),
    route("Inertia\\Controller", "/panel", line=31, page="Admin/Panel"),
)


def extracted():
    sources = SourceSet(ROOT)
    return extract_app_surfaces(sources, read_composer(ROOT), ROUTES)


def test_page_files_nested_vue_svelte_and_configured_dirs() -> None:
    pages = find_pages(ROOT, page_dirs=("resources/js/Pages", "resources/js/extra-pages"))
    assert sorted(pages.files) == [
        "About",
        "Admin/Panel",
        "Auth/ForgotPassword",
        "Auth/Login",
        "Auth/Register",
        "Dashboard",
        "Layouts/Guest",
        "Reports/Monthly/Index",
        "Settings/Edit",
        "Settings/Partials/UpdatePasswordForm",
        "Unused",
        "Welcome",
    ]
    assert pages.files["Settings/Edit"].file == "resources/js/Pages/Settings/Edit.vue"
    assert {name for name, page in pages.files.items() if page.ignored} == {
        "Layouts/Guest",
        "Settings/Partials/UpdatePasswordForm",
    }


def test_routes_link_to_pages_from_closures_controllers_and_helpers() -> None:
    result = extracted()
    pages = {r.uri: r.page for r in result.routes}
    assert pages == {
        "/": "Welcome",
        "/login": "Auth/Login",
        "/register": "Auth/Register",
        "/about": "about",
        "/dynamic": None,
        "/folded": "Reports/Monthly/Index",
        "/dashboard": "Dashboard/Compact",
        "/settings": "Settings/Edit",
        "/plain": None,
        "/terms": "Legal/Terms",
        "/panel": "Admin/Panel",
    }
    dashboard = next(r for r in result.routes if r.uri == "/dashboard")
    assert dashboard.notes == ("also-renders:Dashboard",)


def test_missing_page_with_case_insensitive_hint_never_linked_silently() -> None:
    missing = sorted((d.file, d.line, d.message) for d in by_rule(extracted().diagnostics, "missing-page"))
    assert missing == [
        (
            "app/Http/Controllers/DashboardController.php",
            12,
            "this render call renders Inertia page 'Dashboard/Compact', which has no page file",
        ),
        (
            "app/Providers/FortifyServiceProvider.php",
            14,
            "this render call renders Inertia page 'Auth/VerifyEmail', which has no page file",
        ),
        (
            "routes/web.php",
            16,
            "this render call renders Inertia page 'about', which has no page file; did you mean 'About' "
            "(resources/js/Pages/About.vue)? names are case-sensitive",
        ),
        ("routes/web.php", 30, "route GET /terms renders Inertia page 'Legal/Terms', which has no page file"),
    ]


def test_dynamic_component_is_unresolved() -> None:
    unresolved = by_rule(extracted().diagnostics, "unresolved-construct")
    assert [(d.file, d.line) for d in unresolved] == [("routes/web.php", 20)]
    assert "Inertia page name is computed" in unresolved[0].message


def test_orphaned_pages_are_info_and_ignored_dirs_are_not_pages() -> None:
    result = extracted()
    orphans = sorted(d.file for d in by_rule(result.diagnostics, "orphaned-page"))
    assert orphans == ["resources/js/Pages/About.vue", "resources/js/Pages/Unused.tsx"]
    components = sorted(s.component for s in result.surfaces if isinstance(s, Page))
    assert "Layouts/Guest" not in components
    assert "Settings/Partials/UpdatePasswordForm" not in components
    assert "Admin/Panel" in components


def test_ignore_page_dirs_is_configurable() -> None:
    sources = SourceSet(ROOT)
    result = extract_app_surfaces(sources, read_composer(ROOT), ROUTES, ignore_page_dirs=())
    orphans = {d.file for d in by_rule(result.diagnostics, "orphaned-page")}
    assert "resources/js/Pages/Layouts/Guest.vue" in orphans


def test_route_file_is_parsed_once_for_all_closures() -> None:
    sources, index = index_for(ROOT)
    pages = find_pages(ROOT)
    link_pages(ROUTES, pages, sources, index)
    assert sources.inputs == ("app/Http/Controllers/DashboardController.php", "routes/web.php")


def test_page_dir_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "app"
    shutil.copytree(ROOT, root)
    pages_dir = root / "resources/js/Pages"
    os.symlink(pages_dir, pages_dir / "Settings" / "again")
    os.symlink("self-loop", pages_dir / "self-loop")
    found = find_pages(root, page_dirs=("resources/js/Pages",))
    assert "Welcome" in found.files
    assert not any(name.startswith("Settings/again") for name in found.files)
    messages = sorted((d.rule, d.file) for d in found.diagnostics)
    assert messages == [
        ("unreadable-file", "resources/js/Pages/Settings/again"),
        ("unreadable-file", "resources/js/Pages/self-loop"),
    ]


def test_pages_dir_itself_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "resources/js").mkdir(parents=True)
    os.symlink("pages", tmp_path / "resources/js/pages")
    found = find_pages(tmp_path)
    assert found.files == {}
    assert [(d.rule, d.file) for d in found.diagnostics] == [("unreadable-file", "resources/js/pages")]


def test_pages_rendered_by_provider_callbacks_are_not_orphaned() -> None:
    result = extracted()
    orphans = {d.file for d in by_rule(result.diagnostics, "orphaned-page")}
    assert "resources/js/Pages/Auth/ForgotPassword.vue" not in orphans
    assert any(isinstance(s, Page) and s.component == "Auth/ForgotPassword" for s in result.surfaces)


def test_page_count_limit_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages_module, "MAX_PAGE_FILES", 3)
    found = find_pages(ROOT)
    assert len(found.files) == 3
    assert [(d.rule, d.file) for d in found.diagnostics] == [("limit-exceeded", "resources/js/Pages")]


def _every_route_closure(parsed: ParsedFile) -> list[tuple[int, int, int]]:
    """The reference: every node visited, in the walk's order (later siblings first)."""
    found: list[tuple[int, int, int]] = []
    stack = [parsed.root]
    while stack:
        current = stack.pop()
        if current.type in ("scoped_call_expression", "member_call_expression") and (
            call_name(current)
            in {"get", "post", "put", "patch", "delete", "options", "any", "match", "fallback"}
        ):
            positional, named = call_arguments(current)
            for value in [*positional, *named.values()]:
                if value.type in ("anonymous_function", "arrow_function"):
                    found.append((current.start_point.row + 1, current.end_point.row + 1, value.start_byte))
        stack.extend(current.named_children)
    return found


def test_route_closures_skip_only_subtrees_without_closures() -> None:
    source = (
        b"<?php\n"
        b"Route::get('/a', [A::class, 'show']);\n"
        b"Route::get('/b', FN () => inertia('B'));\n"
        b"Route::post('/c', static Function () {\n    return 1;\n});\n"
        b"Route::group([], function () {\n    Route::get('/d', fn () => 1)->name('d');\n"
        b"    Route::get('/e', action: fn () => 2);\n});\n"
        b"Route::get('/f', 'X@y'); Route::any('/g', fn () => 3);\n"
    )
    for variant in (source, source + b"Route::get('/h', fn () => )\n", source.replace(b"=> 1", b"=>")):
        parsed = parse_bytes("routes/web.php", variant, "php")
        assert isinstance(parsed, ParsedFile)
        found = [
            (first, last, closure.start_byte) for first, last, closure in pages_module.route_closures(parsed)
        ]
        assert found == _every_route_closure(parsed)
        assert len(found) >= 5
