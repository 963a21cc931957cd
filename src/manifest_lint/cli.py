"""The command line. Thin on purpose: each command wires stages together and picks an exit code.

Exit codes (ruff's contract): 0 clean, 1 findings at or above the fail level, 2 usage, config or
internal error. A traceback is never shown unless MANIFEST_LINT_DEBUG=1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from manifest_lint import __version__
from manifest_lint.errors import UsageError

if TYPE_CHECKING:
    from manifest_lint.cache import ExtractionCache

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
    from manifest_lint.check_command import write_output as write

    write(text, output)


_NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Extract from scratch; neither read nor write the cache.")
]
_CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        envvar="MANIFEST_LINT_CACHE_DIR",
        help="Where the extraction cache lives (default: .manifest-lint-cache next to the config).",
    ),
]


def _cache(no_cache: bool, cache_dir: Path | None, root: Path) -> ExtractionCache | None:
    """The extraction cache to use, or None with --no-cache."""
    from manifest_lint.check_command import extraction_cache

    return extraction_cache(no_cache, cache_dir, root)


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="Laravel app root or Rust crate/workspace root.")] = Path(),
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the manifest as JSON (schema_version 1).")
    ] = False,
    env: Annotated[
        str | None,
        typer.Option(
            "--env", help="Evaluate environment conditions for this environment (default: keep every branch)."
        ),
    ] = None,
    resolve_aliases: Annotated[
        bool,
        typer.Option("--resolve-aliases", help="Report middleware aliases as classes, as route:list does."),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")
    ] = None,
    no_cache: _NoCacheOpt = False,
    cache_dir: _CacheDirOpt = None,
    max_file_bytes: Annotated[
        int | None, typer.Option("--max-file-bytes", help="Skip files larger than this (default 4 MiB).")
    ] = None,
    max_nesting: Annotated[
        int | None,
        typer.Option("--max-nesting", help="Deepest group/router nesting evaluated (default 200)."),
    ] = None,
    parse_timeout: Annotated[
        float | None, typer.Option("--parse-timeout", help="Seconds of parsing allowed per file (default 5).")
    ] = None,
) -> None:
    """Print the routes, pages, commands and tables of one project."""
    from manifest_lint.export_command import ExportRequest, run_export_command

    request = ExportRequest(
        path=path,
        json_output=json_output,
        env=env,
        resolve_aliases=resolve_aliases,
        output=output,
        no_cache=no_cache,
        cache_dir=cache_dir,
        max_file_bytes=max_file_bytes,
        max_nesting=max_nesting,
        parse_timeout=parse_timeout,
    )
    raise typer.Exit(run_export_command(request))


def _check_config(
    path: Path,
    config_file: Path | None,
    legacy: Path | None,
    target: list[Path] | None,
    plan: list[Path] | None,
) -> object:
    from manifest_lint.check_command import load_check_config

    return load_check_config(path, config_file, legacy, tuple(target or ()), tuple(plan or ()))


_PathOpt = Annotated[Path, typer.Argument(help="Where to look for the config (default: here).")]
_ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Use this config file; do not search.")]
_LegacyOpt = Annotated[Path | None, typer.Option("--legacy", help="The legacy Laravel app root.")]
_TargetOpt = Annotated[list[Path] | None, typer.Option("--target", help="A target Rust root (repeatable).")]
_PlanOpt = Annotated[
    list[Path] | None, typer.Option("--plan", help="A plan map, markdown or TOML (repeatable).")
]


@app.command()
def check(
    path: _PathOpt = Path(),
    legacy: _LegacyOpt = None,
    target: _TargetOpt = None,
    plan: _PlanOpt = None,
    config_file: _ConfigOpt = None,
    output_format: Annotated[
        str, typer.Option("--output-format", help="text, json, sarif, github, markdown, rdjson or junit.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="Lowest severity that fails: error, warning or info.")
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even with findings.")] = False,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these rule codes/prefixes.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rule codes/prefixes.")
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Report baselined findings too.")
    ] = False,
    new_since: Annotated[
        str | None,
        typer.Option(
            "--new-since", help="PR mode: report only findings that git REF did not have.", metavar="REF"
        ),
    ] = None,
    no_cache: _NoCacheOpt = False,
    cache_dir: _CacheDirOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", min=1, help="Roots to extract at once (default: the CPUs available).", metavar="N"
        ),
    ] = None,
) -> None:
    """Check the legacy app against the plan and the target: coverage, drift, progress."""
    from manifest_lint.check_command import CheckRequest, run_check_command

    request = CheckRequest(
        path=path,
        legacy=legacy,
        target=tuple(target or ()),
        plan=tuple(plan or ()),
        config_file=config_file,
        output_format=output_format,
        output=output,
        fail_on=fail_on,
        exit_zero=exit_zero,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        no_baseline=no_baseline,
        new_since=new_since,
        no_cache=no_cache,
        cache_dir=cache_dir,
        jobs=jobs,
    )
    raise typer.Exit(run_check_command(request))


@app.command()
def snapshot(
    path: _PathOpt = Path(),
    legacy: _LegacyOpt = None,
    target: _TargetOpt = None,
    config_file: _ConfigOpt = None,
) -> None:
    """Write the legacy and target manifests to the committed snapshot file."""
    from manifest_lint.check import extract_all
    from manifest_lint.config import Config
    from manifest_lint.snapshot import write_snapshot

    config = _check_config(path, config_file, legacy, target, None)
    assert isinstance(config, Config)
    from manifest_lint.workers import default_jobs

    written = write_snapshot(config, *extract_all(config, jobs=default_jobs()))
    typer.echo(f"wrote {config.rel(written)}")


@app.command()
def baseline(
    path: _PathOpt = Path(),
    legacy: _LegacyOpt = None,
    target: _TargetOpt = None,
    plan: _PlanOpt = None,
    config_file: _ConfigOpt = None,
) -> None:
    """Accept the current failing findings (at or above fail-on) into the baseline file."""
    from manifest_lint.baseline import write_baseline
    from manifest_lint.check import run_check
    from manifest_lint.config import Config
    from manifest_lint.model import SEVERITY_RANK

    config = _check_config(path, config_file, legacy, target, plan)
    assert isinstance(config, Config)
    result = run_check(config, use_baseline=False)
    threshold = SEVERITY_RANK[config.fail_on]
    accepted = [
        f
        for f in result.findings
        if f.rule not in ("stale-baseline-entry", "unused-suppression")
        and SEVERITY_RANK[f.severity] >= threshold
    ]
    count = write_baseline(accepted, config.baseline_path)
    typer.echo(f"wrote {config.rel(config.baseline_path)} with {count} finding(s)")


@app.command()
def report(
    path: _PathOpt = Path(),
    legacy: _LegacyOpt = None,
    target: _TargetOpt = None,
    plan: _PlanOpt = None,
    config_file: _ConfigOpt = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the page here (e.g. parity.html).")
    ] = None,
    no_cache: _NoCacheOpt = False,
    cache_dir: _CacheDirOpt = None,
) -> None:
    """Write the parity report: one self-contained HTML page (scoreboard, surfaces, findings)."""
    from manifest_lint.check import run_check
    from manifest_lint.config import Config
    from manifest_lint.report.html import render_html

    config = _check_config(path, config_file, legacy, target, plan)
    assert isinstance(config, Config)
    from manifest_lint.workers import default_jobs

    result = run_check(config, cache=_cache(no_cache, cache_dir, config.root), jobs=default_jobs())
    write_output(render_html(result), output)


@app.command("rule")
def rule_command(
    code: Annotated[str | None, typer.Argument(help="A rule code (ML201) or name.")] = None,
    all_rules: Annotated[bool, typer.Option("--all", help="Print every rule's page.")] = False,
) -> None:
    """Explain a rule (or all rules): what it finds, why it matters, how to fix it."""
    from manifest_lint.catalog import lookup, rules
    from manifest_lint.report.common import rule_doc

    if all_rules == (code is not None):
        raise UsageError("give one rule code, or --all")
    selected = rules() if all_rules else ()
    if code is not None:
        found = lookup(code) or lookup(code.upper())
        if found is None:
            raise UsageError(f"no rule {code!r}; `manifest-lint rule --all` lists them")
        selected = (found,)
    pages = []
    for item in selected:
        doc = rule_doc(item.name) or f"# {item.name} ({item.code})\n\n{item.summary}"
        pages.append(f"{doc}\n\nCode: {item.code} · default severity: {item.severity}\n")
    typer.echo("\n---\n\n".join(pages), nl=False)


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
        import importlib
        import importlib.util

        # typer >= 0.16 vendors click as typer._click; older versions use the click package.
        module = "click" if importlib.util.find_spec("click") else "typer._click.exceptions"
        if isinstance(error, importlib.import_module(module).ClickException):
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
