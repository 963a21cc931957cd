"""Pages/commands/migrations and route folding decode PHP literals one way (values.literal_scalar):
the route side now reads nowdoc text and strips heredoc indentation as PHP 7.3+ does, and the
literal-only mode refuses anything computed."""

from __future__ import annotations

import tree_sitter

from manifest_lint.extract.laravel.literals import literal_value, string_value
from manifest_lint.extract.laravel.names import Names
from manifest_lint.extract.laravel.values import FileScope, Folder, literal_scalar
from manifest_lint.parsing import language


def expression(source: str) -> tree_sitter.Node:
    tree = tree_sitter.Parser(language("php")).parse(f"<?php\n$x = {source};\n".encode())
    right = tree.root_node.named_children[1].named_children[0].child_by_field_name("right")
    assert right is not None
    return right


def route_fold(source: str) -> object:
    scope = FileScope(rel="routes/web.php", directory="/app/routes", names=Names())
    return Folder(root="/app").fold(expression(source), scope, {"v": "v1"})


def test_route_folding_reads_nowdoc_and_indented_heredoc() -> None:
    assert route_fold("<<<'TXT'\n    admin/{id}\n    TXT") == "admin/{id}"
    assert route_fold("<<<TXT\n    api/$v/items\n    TXT") == "api/v1/items"


def test_literal_only_folding_refuses_what_routes_may_fold() -> None:
    assert route_fold("'a' . strtoupper('b')") == "aB"
    assert literal_scalar(expression("'a' . strtoupper('b')")) == (False, None)
    assert string_value(expression("'a' . $v")) is None
    assert string_value(expression("'x' . (\"y\\tz\")")) == "xy\tz"
    assert literal_value(expression("[1, 'two', false, null]")) == (True, (1, "two", False, None))
    assert literal_value(expression("1 + 2")) == (False, None)
