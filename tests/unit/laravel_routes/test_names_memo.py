from __future__ import annotations

from manifest_lint.extract.laravel.names import names_of
from manifest_lint.parsing import ParsedFile, parse_bytes


def test_names_are_read_once_per_tree_and_each_caller_gets_its_own_copy() -> None:
    parsed = parse_bytes(
        "routes/web.php", b"<?php\nnamespace App\\Http;\nuse App\\Models\\User as Member;\n", "php"
    )
    assert isinstance(parsed, ParsedFile)
    first = names_of(parsed.root)
    first.imports["member"] = "Tampered"
    first.namespace = "Elsewhere"
    second = names_of(parsed.root)
    assert second.namespace == "App\\Http"
    assert second.resolve("Member") == "App\\Models\\User"
    assert second.resolve("Controller") == "App\\Http\\Controller"
