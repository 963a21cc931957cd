"""The console entry point: answer a plain `check` or `export` without importing the typer app.

typer (with click, pydantic and rich behind it) costs about 0.3 s to import and convert
arguments, twice the whole budget of a warm pre-commit run. So `main()` first tries to read the
arguments of `check` and `export` itself; only an invocation it fully understands takes this path.
Anything else (another command, `--help`, an unknown or malformed option) goes to the typer app,
which owns the help text and every usage error message. Both paths call the same
`run_check_command` / `run_export_command`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from manifest_lint.check_command import CheckRequest
    from manifest_lint.export_command import ExportRequest

EXIT_ERROR = 2

# option → (request field, kind); kinds: "flag", "path", "paths", "str", "strs", "count".
_CHECK_OPTIONS: dict[str, tuple[str, str]] = {
    "--legacy": ("legacy", "path"),
    "--target": ("target", "paths"),
    "--plan": ("plan", "paths"),
    "--config": ("config_file", "path"),
    "--output-format": ("output_format", "str"),
    "-o": ("output", "path"),
    "--output": ("output", "path"),
    "--fail-on": ("fail_on", "str"),
    "--exit-zero": ("exit_zero", "flag"),
    "--select": ("select", "strs"),
    "--ignore": ("ignore", "strs"),
    "--no-baseline": ("no_baseline", "flag"),
    "--new-since": ("new_since", "str"),
    "--no-cache": ("no_cache", "flag"),
    "--cache-dir": ("cache_dir", "path"),
    "--jobs": ("jobs", "count"),
}
# The limit options of `export` are left to typer, which phrases their errors.
_EXPORT_OPTIONS: dict[str, tuple[str, str]] = {
    "--json": ("json_output", "flag"),
    "--env": ("env", "str"),
    "--resolve-aliases": ("resolve_aliases", "flag"),
    "-o": ("output", "path"),
    "--output": ("output", "path"),
    "--no-cache": ("no_cache", "flag"),
    "--cache-dir": ("cache_dir", "path"),
}


def _parse(
    argv: Sequence[str], command: str, options: dict[str, tuple[str, str]]
) -> dict[str, object] | None:
    """The fields of a `command ARGS` request, or None when typer should handle the invocation.

    Accepts exactly what the typer command accepts for well-formed input: options before or
    after the one optional PATH, `--opt value` and `--opt=value`, repeatable list options, and
    `MANIFEST_LINT_CACHE_DIR`. Returns None for anything else, so no error is ever phrased here.
    """
    if not argv or argv[0] != command:
        return None
    values: dict[str, object] = {}
    lists: dict[str, list[object]] = {}
    path: str | None = None
    args = list(argv[1:])
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if not arg.startswith("-") or arg == "-":
            if path is not None:
                return None
            path = arg
            continue
        name, has_inline, inline = arg.partition("=")
        spec = options.get(name)
        if spec is None or (has_inline and name == "-o"):
            return None
        field, kind = spec
        if kind == "flag":
            if has_inline:
                return None
            values[field] = True
            continue
        if has_inline:
            value = inline
        elif index < len(args) and not args[index].startswith("-"):
            value = args[index]
            index += 1
        else:
            return None
        if kind == "count":
            if not (value.isascii() and value.isdigit() and int(value) >= 1):
                return None
            values[field] = int(value)
        elif kind == "path":
            values[field] = Path(value)
        elif kind == "str":
            values[field] = value
        else:
            lists.setdefault(field, []).append(Path(value) if kind == "paths" else value)
    if "cache_dir" not in values and os.environ.get("MANIFEST_LINT_CACHE_DIR"):
        values["cache_dir"] = Path(os.environ["MANIFEST_LINT_CACHE_DIR"])
    fields: dict[str, object] = {**values, **{k: tuple(v) for k, v in lists.items()}}
    if path is not None:
        fields["path"] = Path(path)
    return fields


def parse_check(argv: Sequence[str]) -> CheckRequest | None:
    """The request for `check ARGS`, or None when typer should handle the invocation."""
    fields = _parse(argv, "check", _CHECK_OPTIONS)
    if fields is None:
        return None
    from manifest_lint.check_command import CheckRequest

    return CheckRequest(**fields)  # type: ignore[arg-type]


def parse_export(argv: Sequence[str]) -> ExportRequest | None:
    """The request for `export ARGS`, or None when typer should handle the invocation."""
    fields = _parse(argv, "export", _EXPORT_OPTIONS)
    if fields is None:
        return None
    from manifest_lint.export_command import ExportRequest

    return ExportRequest(**fields)  # type: ignore[arg-type]


def run_guarded(work: Callable[[], int]) -> int:
    """`work()`'s exit code; a usage error or a bug becomes a one-line message and exit 2, as in cli.main."""
    from manifest_lint.errors import UsageError

    try:
        return work()
    except UsageError as error:
        sys.stderr.write(f"manifest-lint: error: {error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("manifest-lint: aborted\n")
        return EXIT_ERROR
    except Exception as error:
        if os.environ.get("MANIFEST_LINT_DEBUG") == "1":
            raise
        sys.stderr.write(
            f"manifest-lint: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in manifest-lint; rerun with MANIFEST_LINT_DEBUG=1 for the traceback and report it.\n"
        )
        return EXIT_ERROR


def tune_gc() -> None:
    """Collect garbage less often: one short run allocates millions of small objects that all live
    until it ends (trees, scopes, surfaces) and leaves almost no cycles behind (5 objects collected
    at 10k routes), yet the default thresholds spent ~11% of extraction in full collections
    re-walking the growing manifests. Young generations are still collected."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def main() -> None:
    tune_gc()
    check = parse_check(sys.argv[1:])
    if check is not None:
        from manifest_lint.check_command import run_check_command

        sys.exit(run_guarded(lambda: run_check_command(check)))
    export = parse_export(sys.argv[1:])
    if export is not None:
        from manifest_lint.export_command import run_export_command

        sys.exit(run_guarded(lambda: run_export_command(export)))
    from manifest_lint.cli import main as typer_main

    typer_main()
