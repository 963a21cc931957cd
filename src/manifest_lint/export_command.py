"""The `export` command's work, shared by the typer app (`cli.py`) and the fast path (`entry.py`).

Like `check_command`, it exists so that a plain `export PATH --json` answers without importing
typer: a pre-commit hook or a script exporting one project pays the interpreter, not the CLI
framework.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from manifest_lint.check_command import extraction_cache, write_output


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """Everything `manifest-lint export` accepts, already typed."""

    path: Path = Path()
    json_output: bool = False
    env: str | None = None
    resolve_aliases: bool = False
    output: Path | None = None
    no_cache: bool = False
    cache_dir: Path | None = None
    max_file_bytes: int | None = None
    max_nesting: int | None = None
    parse_timeout: float | None = None


def run_export_command(request: ExportRequest) -> int:
    """Extract one project and write its manifest as JSON or as tables; returns the exit code."""
    from manifest_lint.cache import cached_extract
    from manifest_lint.extract import ExtractOptions
    from manifest_lint.limits import limits_with

    limits = limits_with(
        max_file_bytes=request.max_file_bytes,
        max_nesting=request.max_nesting,
        parse_timeout=request.parse_timeout,
    )
    options = ExtractOptions(env=request.env, resolve_aliases=request.resolve_aliases, limits=limits)
    store = extraction_cache(request.no_cache, request.cache_dir, request.path)
    manifest = cached_extract(request.path, options, store)
    if request.json_output:
        from manifest_lint.report.export import dumps, manifest_document

        write_output(dumps(manifest_document(manifest)), request.output)
        return 0
    from rich.console import Console

    from manifest_lint.report.manifest_text import print_manifest

    if request.output is None:
        print_manifest(Console(), manifest)
        return 0
    console = Console(record=True, width=160, file=io.StringIO())
    print_manifest(console, manifest)
    write_output(console.export_text(), request.output)
    return 0
