"""Remembered `check` reports: an unchanged repository answers from one file.

A warm pre-commit run must answer in about a tenth of a second. Even with both manifests cached,
loading them and re-running the plan, matching, rules and reporter costs seconds at 10k routes. But
the report is a pure function of its inputs, so it can be remembered whole. An entry is used only
when every one of them is unchanged:

- the tool (`tool_digest`: version, code and rule data) and the entry format;
- the validated configuration, which holds every command-line option that shapes findings, plus
  the report format and whether the baseline is used;
- per extraction root, exactly what validates an extraction-cache entry: the listing of the tree,
  the package manifests in it, and the content of every file the extractors read;
- the files `check` itself reads: the config file, plan files, baseline, snapshot, and every file
  a finding or an extraction diagnostic names (suppression comments and the source lines shown in
  reports come from those; a file that is absent is recorded as absent).

Not remembered: `--new-since` (it reads git history), the `github` format (it also appends to the
job summary) and colour output to a terminal (it depends on the terminal). Entries are JSON,
written atomically like the extraction cache's, and anything that does not validate is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.digests import (
    atomic_write,
    entry_bytes,
    input_dirs,
    input_hashes,
    tool_digest,
    tree_digest,
)

if TYPE_CHECKING:
    from manifest_lint.config import Config
    from manifest_lint.digests import ExtractionCache, RootState
    from manifest_lint.model import CheckResult

REPORT_FORMAT = 1
ABSENT = "<absent>"
UNREADABLE = "<unreadable>"


@dataclass(frozen=True, slots=True)
class RememberedReport:
    """A report as it was written, and the exit code it came with (before `--exit-zero`)."""

    output: str
    status: int


def report_key(config: Config, output_format: str, use_baseline: bool) -> str:
    identity = "\x1f".join(
        (str(REPORT_FORMAT), tool_digest(), repr(config), output_format, str(use_baseline))
    )
    return hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _entry_path(store: ExtractionCache, key: str) -> Path:
    return store.directory / f"report-{key}.json"


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - a hot loop; pathlib costs a third of it
            return hashlib.sha256(handle.read()).hexdigest()
    except FileNotFoundError:
        return ABSENT
    except OSError:
        return UNREADABLE


def _roots(config: Config) -> list[Path]:
    return [root.resolve() for root in (config.legacy, *config.targets) if root is not None]


def _root_state(root: Path, inputs: list[str], skip: Path) -> dict[str, object]:
    return {
        "tree": tree_digest(root, skip),
        "inputs": input_hashes(root, inputs),
        "dirs": input_dirs(root, inputs),
    }


def _read_files(config: Config, result: CheckResult, roots: list[Path]) -> list[str]:
    """Absolute paths of the files `check` read besides the extractors' inputs (see the module doc)."""
    covered = {
        f"{root}/{rel}"
        for root, manifest in zip(roots, result.manifests, strict=True)
        for rel in manifest.inputs
    }
    base = str(config.root)
    named = {os.path.join(base, rel) for rel in {finding.file for finding in result.findings}}  # noqa: PTH118
    for root, manifest in zip(roots, result.manifests, strict=True):
        named.update(os.path.join(root, rel) for rel in {d.file for d in manifest.diagnostics})  # noqa: PTH118
    named.update(str(path) for path in (*config.plans, config.baseline_path, config.snapshot_path))
    if config.source is not None:
        named.add(str(config.source))
    return sorted(p for p in {os.path.normpath(path) for path in named} if p not in covered)


def lookup(store: ExtractionCache, key: str, config: Config) -> RememberedReport | None:
    """The remembered report for `key`, or None when there is none or anything it depends on changed."""
    path = _entry_path(store, key)
    try:
        entry = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != REPORT_FORMAT or entry.get("key") != key:
        return None
    output, status, roots, files = (entry.get(k) for k in ("output", "status", "roots", "files"))
    if not (
        isinstance(output, str)
        and type(status) is int
        and isinstance(roots, dict)
        and isinstance(files, dict)
    ):
        return None
    skip = store.directory.resolve()
    expected_roots = [str(root) for root in _roots(config)]
    if sorted(roots) != sorted(expected_roots):
        return None
    for root, state in roots.items():
        if not isinstance(state, dict) or not isinstance(state.get("inputs"), dict):
            return None
        if _root_state(Path(root), list(state["inputs"]), skip) != state:
            return None
    if any(_file_digest(name) != digest for name, digest in files.items()):
        return None
    return RememberedReport(output, status)


def remember(
    store: ExtractionCache,
    key: str,
    config: Config,
    result: CheckResult,
    report: RememberedReport,
    states: dict[str, RootState] | None = None,
) -> None:
    """Store `report` for `key` with everything it depends on (an unwritable cache is ignored).

    `states` are the root states the extraction cache already computed this run, by resolved
    root; a root missing from it is walked and hashed here.
    """
    known = states or {}
    roots = _roots(config)
    if len(roots) != len(result.manifests):
        return
    skip = store.directory.resolve()
    entry = {
        "format": REPORT_FORMAT,
        "key": key,
        "output": report.output,
        "status": report.status,
        "roots": {
            str(root): known.get(str(root)) or _root_state(root, sorted(manifest.inputs), skip)
            for root, manifest in zip(roots, result.manifests, strict=True)
        },
        "files": {name: _file_digest(name) for name in _read_files(config, result, roots)},
    }
    atomic_write(_entry_path(store, key), entry_bytes(entry))
