"""The command line. Thin on purpose: each command wires stages together and picks an exit code.

Exit codes (ruff's contract): 0 clean, 1 findings at or above the fail level, 2 usage, config or
internal error. A traceback is never shown unless MANIFEST_LINT_DEBUG=1.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from manifest_lint import __version__
from manifest_lint.errors import UsageError

app = typer.Typer(
    name="manifest-lint",
    help="Static route, page and command manifests for Laravel → Rust migrations, checked against the plan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"manifest-lint {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """manifest-lint never runs, imports or evaluates the code it reads."""


def write_output(text: str, output: Path | None) -> None:
    """Write to `-o FILE` or stdout; a file that cannot be written is a usage error."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{output}: cannot write ({error.strerror or error})") from error


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="Laravel app root or Rust crate/workspace root.")] = Path("."),
    json_output: Annotated[bool, typer.Option("--json", help="Print the manifest as JSON (schema_version 1).")] = False,
    env: Annotated[
        str | None,
        typer.Option("--env", help="Evaluate environment conditions for this environment (default: keep every branch)."),
    ] = None,
    resolve_aliases: Annotated[
        bool,
        typer.Option("--resolve-aliases", help="Report middleware aliases as classes, as route:list does."),
    ] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the routes, pages, commands and tables of one project."""
    from manifest_lint.extract import ExtractOptions, extract
    from manifest_lint.report.export import dumps, manifest_document

    manifest = extract(path, ExtractOptions(env=env, resolve_aliases=resolve_aliases))
    if json_output:
        write_output(dumps(manifest_document(manifest)), output)
        return
    from manifest_lint.report.manifest_text import print_manifest

    if output is None:
        print_manifest(Console(), manifest)
        return
    console = Console(record=True, width=160, file=io.StringIO())
    print_manifest(console, manifest)
    write_output(console.export_text(), output)


def main() -> None:
    """Entry point: run the app and turn every failure into a message and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except UsageError as error:
        typer.echo(f"manifest-lint: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("manifest-lint: aborted", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as error:  # click's usage errors and genuine bugs both end here
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(EXIT_ERROR)
        if os.environ.get("MANIFEST_LINT_DEBUG") == "1":
            raise
        typer.echo(
            f"manifest-lint: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in manifest-lint; rerun with MANIFEST_LINT_DEBUG=1 for the traceback and report it.",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
