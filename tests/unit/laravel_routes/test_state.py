"""RouteGroup::merge and the Router/Route prefix rules, ported line for line (spec §3.2, §2.2)."""

from __future__ import annotations

from manifest_lint.extract.laravel.state import Collection, Draft, merge, route_prefix, router_prefix


def test_nested_group_merge() -> None:
    outer = {"middleware": "web", "prefix": "x", "as": "x."}
    inner = merge({"middleware": ["auth"], "prefix": "/y/", "domain": "d.test"}, outer)
    assert inner["prefix"] == "x/y"
    assert inner["as"] == "x."
    assert inner["middleware"] == ["web", "auth"]
    assert inner["domain"] == "d.test"


def test_namespace_joins_unless_absolute() -> None:
    assert merge({"namespace": "Admin"}, {"namespace": "App\\Http"})["namespace"] == "App\\Http\\Admin"
    assert merge({"namespace": "\\Other"}, {"namespace": "App\\Http"})["namespace"] == "Other"
    assert merge({}, {"namespace": "App"})["namespace"] == "App"


def test_inner_domain_and_controller_replace_outer() -> None:
    merged = merge({"domain": "b.test", "controller": "B"}, {"domain": "a.test", "controller": "A"})
    assert (merged["domain"], merged["controller"]) == ("b.test", "B")
    kept = merge({}, {"domain": "a.test"})
    assert kept["domain"] == "a.test"


def test_route_merge_prefix_is_not_prepended_and_name_concatenates() -> None:
    route = merge(
        {"as": "show", "middleware": ["m"]}, {"as": "admin.", "prefix": "g", "middleware": ["web"]}, False
    )
    assert route["as"] == "admin.show"
    assert route["middleware"] == ["web", "m"]
    assert merge({"where": {"a": "1"}}, {"where": {"b": "2"}})["where"] == {"b": "2", "a": "1"}


def test_prefix_rules() -> None:
    assert router_prefix("g", "x") == "g/x"
    assert router_prefix("/", "/") == "/"
    assert router_prefix("", "") == "/"
    assert router_prefix("a/", "/b/") == "a/b"
    assert route_prefix("p", "g/x") == "p/g/x"
    assert route_prefix("", "/") == "/"


def _draft(methods: list[str], uri: str, line: int) -> Draft:
    return Draft(methods=methods, uri=uri, action={}, file="routes/web.php", line=line)


def test_collection_replaces_in_place_and_reports() -> None:
    collection = Collection()
    diagnostics: list = []
    first, other, second = (
        _draft(["GET", "HEAD"], "t", 1),
        _draft(["POST"], "t", 2),
        _draft(["GET", "HEAD"], "t", 3),
    )
    for draft in (first, other, second):
        collection.add(draft, diagnostics)
    assert [d.line for d in collection.routes.values()] == [3, 2]
    assert [(d.rule, d.line) for d in diagnostics] == [("duplicate-route", 3)]
    assert "routes/web.php:1" in diagnostics[0].message


def test_listed_methods_drop_implied_head_and_options() -> None:
    assert _draft(["GET", "HEAD"], "a", 1).listed_methods() == ["GET"]
    assert _draft(["HEAD"], "a", 1).listed_methods() == ["HEAD"]
    every = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    assert _draft(every, "a", 1).listed_methods() == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert _draft(["OPTIONS"], "a", 1).listed_methods() == ["OPTIONS"]
