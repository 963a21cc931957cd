"""The `check` command's work, independent of the argument parser that called it.

Two front ends share it: the typer app in `cli.py` and the fast path in `entry.py`, which answers
a plain `check` invocation without importing typer (and, through it, pydantic and rich), because a
pre-commit hook on an unchanged tree must answer in about a tenth of a second. Keeping one body
means both front ends behave identically by construction.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.errors import UsageError

if TYPE_CHECKING:
    from manifest_lint.cache import ExtractionCache
    from manifest_lint.config import Config
    from manifest_lint.digests import RootState

FAIL_ON = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """Everything `manifest-lint check` accepts, already typed."""

    path: Path = Path()
    legacy: Path | None = None
    target: tuple[Path, ...] = ()
    plan: tuple[Path, ...] = ()
    config_file: Path | None = None
    output_format: str = "text"
    output: Path | None = None
    fail_on: str | None = None
    exit_zero: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    no_baseline: bool = False
    new_since: str | None = None
    no_cache: bool = False
    cache_dir: Path | None = None
    jobs: int | None = None


def load_check_config(
    path: Path,
    config_file: Path | None,
    legacy: Path | None,
    target: tuple[Path, ...],
    plan: tuple[Path, ...],
) -> Config:
    from manifest_lint.config import Overrides, load_config

    if not path.is_dir():
        raise UsageError(f"{path}: no such directory")
    return load_config(path, config_file, Overrides(legacy=legacy, targets=target, plans=plan))


def extraction_cache(no_cache: bool, cache_dir: Path | None, root: Path) -> ExtractionCache | None:
    """The extraction cache to use, or None with --no-cache."""
    from manifest_lint.digests import DEFAULT_DIR, ExtractionCache

    return None if no_cache else ExtractionCache(cache_dir or root / DEFAULT_DIR)


def write_output(text: str, output: Path | None) -> None:
    """Write to `-o FILE` or stdout; a file that cannot be written is a usage error."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{output}: cannot write ({error.strerror or error})") from error


def run_check_command(request: CheckRequest) -> int:
    """Run `check`, write the report, return the exit code (usage problems raise UsageError)."""
    from manifest_lint.report.formats import FORMATS, renderer

    if request.output_format not in FORMATS:
        raise UsageError(
            f"--output-format: {request.output_format!r} is not one of {', '.join(sorted(FORMATS))}"
        )
    if request.fail_on is not None and request.fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on: {request.fail_on!r} is not one of error, warning, info")
    from manifest_lint.config import Overrides, apply_overrides

    config = load_check_config(
        request.path, request.config_file, request.legacy, request.target, request.plan
    )
    config = apply_overrides(
        config,
        Overrides(select=request.select, ignore=request.ignore, fail_on=request.fail_on),  # type: ignore[arg-type]
    )
    store = extraction_cache(request.no_cache, request.cache_dir, config.root)
    use_baseline = not request.no_baseline
    color = request.output_format == "text" and request.output is None and sys.stdout.isatty()
    # Reports are remembered except where they depend on more than the repository (module doc).
    report_store = (
        store if request.new_since is None and request.output_format != "github" and not color else None
    )
    if report_store is not None:
        from manifest_lint import result_cache

        key = result_cache.report_key(config, request.output_format, use_baseline)
        hit = result_cache.lookup(report_store, key, config)
        if hit is not None:
            write_output(hit.output, request.output)
            return 0 if request.exit_zero else hit.status
    from manifest_lint.check import exit_code, run_check
    from manifest_lint.workers import default_jobs

    jobs = request.jobs or default_jobs()
    states: dict[str, RootState] = {}
    result = run_check(config, use_baseline=use_baseline, cache=store, jobs=jobs, states=states)
    if request.new_since is not None:
        from manifest_lint.newsince import check_new_since

        result, note = check_new_since(
            config, request.new_since, lambda base: run_check(base, use_baseline=use_baseline), result
        )
        if note:
            sys.stderr.write(f"manifest-lint: note: {note}\n")
    from manifest_lint.source_lines import file_lines

    lines = file_lines(config.root)
    if color:
        from manifest_lint.report.text import render_text

        text = render_text(result, lines, color=True)
    else:
        text = renderer(request.output_format)(result, lines)
    write_output(text, request.output)
    if request.output_format == "github":
        from manifest_lint.report.github import write_step_summary
        from manifest_lint.report.markdown import render_markdown

        write_step_summary(render_markdown(result))
    status = exit_code(result, config.fail_on)
    if report_store is not None:
        report = result_cache.RememberedReport(text, status)
        result_cache.remember(report_store, key, config, result, report, states)
    return 0 if request.exit_zero else status
