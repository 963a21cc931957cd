"""Run the whole Laravel extraction over a hand-written fixture app from tests/fixtures/laravel/."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.extract import ExtractOptions, extract

if TYPE_CHECKING:
    from manifest_lint.model import Manifest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "laravel"
CTRL = "App\\Http\\Controllers\\"


def manifest(name: str) -> Manifest:
    return extract(FIXTURES / name, ExtractOptions())


def diagnostics(found: Manifest, rule: str) -> list[tuple[str, int, str]]:
    return [(d.file, d.line, d.message) for d in found.diagnostics if d.rule == rule]
