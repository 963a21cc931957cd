"""Shared helpers: build routes by hand so these tests do not depend on the route extractor."""

from __future__ import annotations

from pathlib import Path

from manifest_lint.discover import read_composer
from manifest_lint.extract.laravel.classes import ClassIndex
from manifest_lint.model import Diagnostic, Route
from manifest_lint.parsing import SourceSet

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "laravel-app-parts"


def route(
    action: str | None,
    uri: str = "/x",
    *,
    line: int = 1,
    file: str = "routes/web.php",
    page: str | None = None,
) -> Route:
    return Route(
        stack="laravel",
        file=file,
        line=line,
        method="GET",
        uri=uri,
        canonical_uri=uri,
        action=action,
        page=page,
    )


def index_for(root: Path) -> tuple[SourceSet, ClassIndex]:
    sources = SourceSet(root)
    return sources, ClassIndex(sources, read_composer(root))


def by_rule(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], rule: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.rule == rule]
