from __future__ import annotations

import tree_sitter

from manifest_lint.extract.laravel.literals import literal_value, path_value, string_value
from manifest_lint.parsing import language


def expression(source: str) -> tree_sitter.Node:
    tree = tree_sitter.Parser(language("php")).parse(f"<?php\n$x = {source};\n".encode())
    statement = tree.root_node.named_children[1]
    assignment = statement.named_children[0]
    right = assignment.child_by_field_name("right")
    assert right is not None
    return right


def test_strings_and_concatenation() -> None:
    assert string_value(expression("'it\\'s' . \"a\\tb\" . ('c')")) == "it's" + "a\tb" + "c"
    assert string_value(expression('"hello $name"')) is None
    assert string_value(expression("'a' . $b")) is None


def test_long_concatenation_chain_does_not_recurse() -> None:
    source = " . ".join(["'x'"] * 5000)
    assert string_value(expression(source)) == "x" * 5000


def test_heredoc_and_nowdoc() -> None:
    assert string_value(expression("<<<'EOT'\n    a {b}\n      c\n    EOT")) == "a {b}\n  c"
    assert string_value(expression("<<<EOT\n  x {$y}\n  EOT")) is None


def test_literal_arrays_and_depth_limit() -> None:
    assert literal_value(expression("['a', true, 3, null]")) == (True, ("a", True, 3, None))
    assert literal_value(expression("['a', $b]")) == (False, None)
    deep = "[" * 100 + "'a'" + "]" * 100
    assert literal_value(expression(deep)) == (False, None)


def test_paths_from_bootstrap_helpers() -> None:
    assert (
        path_value(expression("__DIR__.'/../routes/console.php'"), "bootstrap/app.php")
        == "routes/console.php"
    )
    assert path_value(expression("dirname(__DIR__).'/routes/x.php'"), "bootstrap/app.php") == "routes/x.php"
    assert (
        path_value(expression("base_path('routes/console.php')"), "app/Console/Kernel.php")
        == "routes/console.php"
    )
    assert (
        path_value(expression("app_path('Console/Commands')"), "bootstrap/app.php") == "app/Console/Commands"
    )
    assert path_value(expression("__DIR__.'/../../outside.php'"), "bootstrap/app.php") is None
    assert path_value(expression("$dir.'/x.php'"), "bootstrap/app.php") is None
