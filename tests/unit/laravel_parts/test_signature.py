"""The signature grammar, row by row as Illuminate\\Console\\Parser reads it (spec §7.4)."""

from __future__ import annotations

import pytest

from manifest_lint.extract.laravel.signature import parse_signature
from manifest_lint.model import CommandParam


def one_argument(token: str) -> CommandParam:
    parsed = parse_signature(f"app:x {token}")
    assert parsed.problems == ()
    assert parsed.options == ()
    (argument,) = parsed.arguments
    return argument


def one_option(token: str) -> CommandParam:
    parsed = parse_signature(f"app:x {token}")
    assert parsed.problems == ()
    assert parsed.arguments == ()
    (option,) = parsed.options
    return option


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("{user}", CommandParam(name="user", required=True)),
        ("{user?}", CommandParam(name="user")),
        ("{user=foo}", CommandParam(name="user", default="foo")),
        ("{user*}", CommandParam(name="user", required=True, array=True, default=())),
        ("{user?*}", CommandParam(name="user", array=True, default=())),
        ("{user=*a,b}", CommandParam(name="user", array=True, default=("a", "b"))),
        ("{user=*a, b}", CommandParam(name="user", array=True, default=("a", "b"))),
        ("{ user : The user id }", CommandParam(name="user", required=True, description="The user id")),
        ("{post:slug}", CommandParam(name="post:slug", required=True)),
        ("{url=http://x : Where}", CommandParam(name="url", default="http://x", description="Where")),
    ],
)
def test_arguments(token: str, expected: CommandParam) -> None:
    assert one_argument(token) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("{--force}", CommandParam(name="force", accepts_value=False, default=False)),
        ("{--queue=}", CommandParam(name="queue")),
        ("{--queue=default}", CommandParam(name="queue", default="default")),
        ("{--id=*}", CommandParam(name="id", array=True, default=())),
        ("{--opt=*a,b}", CommandParam(name="opt", array=True, default=("a", "b"))),
        ("{--Q|queue}", CommandParam(name="queue", accepts_value=False, default=False, shortcut="Q")),
        ("{--F | fast=}", CommandParam(name="fast", shortcut="F")),
        (
            "{--dry-run : Only print}",
            CommandParam(name="dry-run", accepts_value=False, default=False, description="Only print"),
        ),
    ],
)
def test_options(token: str, expected: CommandParam) -> None:
    assert one_option(token) == expected


def test_name_and_multiline_signature() -> None:
    parsed = parse_signature("ops:sync\n    {source}\n    {--limit=10 : Rows per batch}\n")
    assert parsed.name == "ops:sync"
    assert [a.name for a in parsed.arguments] == ["source"]
    assert parsed.options == (CommandParam(name="limit", default="10", description="Rows per batch"),)
    assert parsed.problems == ()


def test_brace_in_description_ends_the_token_like_artisan() -> None:
    parsed = parse_signature("app:x {path : a {placeholder} here}")
    assert parsed.arguments == (CommandParam(name="path", required=True, description="a {placeholder"),)
    assert parsed.problems and parsed.problems[0].startswith("unbalanced braces")


def test_unbalanced_braces_are_reported_and_the_rest_still_parsed() -> None:
    parsed = parse_signature("app:x {user} {--force")
    assert parsed.name == "app:x"
    assert [a.name for a in parsed.arguments] == ["user"]
    assert parsed.options == ()
    assert parsed.problems == ("unbalanced braces: Artisan ignores the text '{--force'",)


def test_empty_signature() -> None:
    parsed = parse_signature("   ")
    assert parsed.name is None
    assert parsed.problems
