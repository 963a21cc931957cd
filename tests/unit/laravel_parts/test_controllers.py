from __future__ import annotations

from typing import TYPE_CHECKING, Any

from manifest_lint import parsing
from manifest_lint.extract.laravel import classes
from manifest_lint.extract.laravel.controller_middleware import ControllerMiddleware
from manifest_lint.extract.laravel.controllers import action_target, check_actions
from manifest_lint.extract.laravel.values import Folder

from .helpers import FIXTURES, by_rule, index_for, route

if TYPE_CHECKING:
    import pytest

ROOT = FIXTURES / "controllers"
NS = "App\\Http\\Controllers\\"


def missing(action: str) -> list[str]:
    _sources, index = index_for(ROOT)
    return [d.message for d in check_actions((route(action, line=7),), index)]


def test_public_method_declared_in_the_class_is_found() -> None:
    assert missing(NS + "ReportController@index") == []


def test_method_inherited_from_an_app_parent_is_found() -> None:
    assert missing(NS + "ReportController@ping") == []


def test_method_names_are_case_insensitive_like_php() -> None:
    assert missing(NS + "Admin\\UsersController@index") == []
    assert missing(NS + "Admin\\UsersController@ping") == []  # through an aliased import of the parent


def test_invokable_controller_needs_invoke() -> None:
    assert missing(NS + "ShowInvoice") == []
    assert missing(NS + "NotInvokable") == [
        f"GET /x: {NS}NotInvokable or its app parent classes has no __invoke method (not invokable)"
    ]


def test_missing_method_is_reported_at_the_route() -> None:
    _sources, index = index_for(ROOT)
    found = check_actions((route(NS + "ReportController@nothing", line=12, file="routes/api.php"),), index)
    assert [(d.rule, d.file, d.line) for d in found] == [("missing-action", "routes/api.php", 12)]
    assert "has no method nothing()" in found[0].message


def test_framework_parent_methods_count_and_protected_works_through_call_action() -> None:
    assert missing(NS + "ReportController@callAction") == []
    assert missing(NS + "ReportController@export") == []  # Illuminate\Routing\Controller::callAction


def test_private_method_is_not_an_action() -> None:
    assert missing(NS + "ReportController@secret") == [
        f"GET /x: {NS}ReportController::secret() is private, not public"
    ]


def test_protected_method_without_call_action_parent_is_not_an_action() -> None:
    assert missing(NS + "StatusController@detail") == [
        f"GET /x: {NS}StatusController::detail() is protected, not public"
    ]
    assert missing(NS + "StatusController@health") == []


def test_missing_class_file_and_class_not_declared() -> None:
    assert missing(NS + "GhostController@index") == [
        f"GET /x: class {NS}GhostController not found: PSR-4 maps it to "
        "app/Http/Controllers/GhostController.php, which does not exist"
    ]
    assert missing(NS + "Misnamed@index") == [
        f"GET /x: class {NS}Misnamed not found: app/Http/Controllers/Misnamed.php does not declare it"
    ]


def test_vendor_parent_is_assumed_to_provide_nothing() -> None:
    assert missing(NS + "Admin\\TeamsController@index") == [
        f"GET /x: {NS}Admin\\TeamsController has no method index() "
        "(parent Vendor\\Package\\Http\\CrudController is outside the app and is assumed to provide nothing)"
    ]


def test_magic_call_accepts_any_method() -> None:
    assert missing(NS + "MagicController@anything") == []


def test_inheritance_cycle_is_reported_not_looped() -> None:
    messages = missing(NS + "Admin\\LoopA@index")
    assert len(messages) == 1
    assert "loops through" in messages[0]


def test_syntax_error_controller_still_yields_its_methods_and_a_parse_error() -> None:
    _sources, index = index_for(ROOT)
    found = check_actions((route(NS + "Broken@show"),), index)
    assert found == ()
    parse_errors = by_rule(index.diagnostics, "parse-error")
    assert parse_errors and {d.file for d in parse_errors} == {"app/Http/Controllers/Broken.php"}


def test_vendor_and_closure_actions_are_not_checked() -> None:
    _sources, index = index_for(ROOT)
    routes = (
        route("Closure"),
        route("Illuminate\\Routing\\RedirectController"),
        route("Inertia\\Controller"),
    )
    assert check_actions(routes, index) == ()
    assert action_target(route("Closure")) is None


def test_each_controller_file_is_parsed_once_for_many_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = parsing.parse_bytes

    def counting(rel: str, *args: object, **kwargs: object) -> object:
        parsed.append(rel)
        return real(rel, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parsing, "parse_bytes", counting)
    _sources, index = index_for(ROOT)
    routes = tuple(
        route(NS + f"ReportController@{m}", line=i) for i, m in enumerate(["index", "ping", "export"] * 20)
    )
    assert check_actions(routes, index) == ()
    assert sorted(parsed) == [
        "app/Http/Controllers/Controller.php",
        "app/Http/Controllers/ReportController.php",
    ]


def test_middleware_and_action_checks_read_each_class_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = classes._class_info

    def counting(rel: str, *args: Any) -> classes.ClassInfo:
        read.append(rel)
        return real(rel, *args)

    monkeypatch.setattr(classes, "_class_info", counting)
    sources, index = index_for(ROOT)
    middleware = ControllerMiddleware(sources, index.composer, Folder(str(sources.root)))
    assert middleware.for_action(NS + "ReportController@index") == []
    routes = tuple(
        route(NS + f"ReportController@{m}", line=i) for i, m in enumerate(["index", "ping", "export"])
    )
    assert check_actions(routes, index) == ()
    assert sorted(read) == [
        "app/Http/Controllers/Controller.php",
        "app/Http/Controllers/ReportController.php",
    ]
