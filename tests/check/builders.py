"""Hand-built manifests, plans and configs: the coverage stages tested without any extractor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.canonical import canonical_path
from manifest_lint.config import Config
from manifest_lint.model import Command, Diagnostic, Manifest, Page, Route, Surface
from manifest_lint.plan.hygiene import check_plan_hygiene
from manifest_lint.plan.markdown import read_markdown_plan

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.plan.model import Plan


def laravel(
    method: str, uri: str, *, line: int = 1, middleware: tuple[str, ...] = (), page: str | None = None
) -> Route:
    return Route(
        stack="laravel",
        file="routes/api.php",
        line=line,
        method=method,
        uri=uri,
        canonical_uri=canonical_path(uri, "laravel"),
        middleware=middleware,
        page=page,
    )


def axum(
    method: str, uri: str, *, line: int = 1, middleware: tuple[str, ...] = (), mounted: bool = True
) -> Route:
    return Route(
        stack="rust",
        file="src/main.rs",
        line=line,
        method=method,
        uri=uri,
        canonical_uri=canonical_path(uri, "axum-0.8"),
        middleware=middleware,
        mounted=mounted,
    )


def artisan(name: str, *, line: int = 1) -> Command:
    return Command(stack="laravel", file="app/Console/Kernel.php", line=line, name=name)


def clap(name: str, *, line: int = 1, binary: str | None = "ops") -> Command:
    return Command(stack="rust", file="src/bin/ops.rs", line=line, name=name, binary=binary)


def page(component: str) -> Page:
    return Page(stack="laravel", file=f"resources/js/Pages/{component}.vue", line=1, component=component)


def legacy_manifest(root: Path, *surfaces: Surface, diagnostics: tuple[Diagnostic, ...] = ()) -> Manifest:
    return Manifest("laravel", str(root / "legacy"), "laravel", tuple(surfaces), diagnostics)


def target_manifest(root: Path, *surfaces: Surface, diagnostics: tuple[Diagnostic, ...] = ()) -> Manifest:
    return Manifest("rust", str(root / "service"), "axum", tuple(surfaces), diagnostics)


def plan_from(text: str, file: str = "plan.md") -> Plan:
    return check_plan_hygiene(read_markdown_plan(text.encode("utf-8"), file))


def config(root: Path, **changes: object) -> Config:
    return Config(root=root, **changes)  # type: ignore[arg-type]
