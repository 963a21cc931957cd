"""`::class` resolution through namespace and use imports (plain, aliased, grouped)."""

from __future__ import annotations

from manifest_lint.extract.laravel.names import Names, names_of
from manifest_lint.parsing import ParsedFile, parse_bytes

SOURCE = b"""<?php
namespace App\\Routes;

use App\\Http\\Controllers\\{PhotoController, Admin\\ReportController as Reports};
use App\\Http\\Controllers\\UserController as Users, Illuminate\\Support\\Facades\\Route;
use function App\\helper;
"""


def test_imports_namespace_and_fallbacks() -> None:
    parsed = parse_bytes("routes/web.php", SOURCE, "php")
    assert isinstance(parsed, ParsedFile)
    names = names_of(parsed.root)
    assert names.resolve("PhotoController") == "App\\Http\\Controllers\\PhotoController"
    assert names.resolve("Reports") == "App\\Http\\Controllers\\Admin\\ReportController"
    assert names.resolve("users") == "App\\Http\\Controllers\\UserController"
    assert names.resolve("Route") == "Illuminate\\Support\\Facades\\Route"
    assert names.resolve("Users\\Nested") == "App\\Http\\Controllers\\UserController\\Nested"
    assert names.resolve("Local") == "App\\Routes\\Local"
    assert names.resolve("\\Absolute\\Name") == "Absolute\\Name"
    assert names.resolve("helper") == "App\\Routes\\helper"


def test_no_namespace_resolves_to_itself() -> None:
    assert Names().resolve("Foo") == "Foo"
