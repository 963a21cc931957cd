"""The `check` pipeline: config → extract legacy + targets → plan → match → rules → filters.

`run_check(config)` is the one entry point every command (check, the hook, the bot) calls;
`evaluate` is the pure part, taking manifests and a plan so tests need no extractor. Reading
inputs is the only I/O here; rendering belongs to `report/`.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, cast

from manifest_lint import baseline, suppress
from manifest_lint.catalog import rules as catalog_rules
from manifest_lint.config import path_matches, selector_matches
from manifest_lint.errors import UsageError
from manifest_lint.matching import join
from manifest_lint.model import SEVERITY_RANK, CheckResult, finding_sort_key
from manifest_lint.rules.context import RuleContext, rebase_prefix
from manifest_lint.rules.registry import REGISTRY
from manifest_lint.scoreboard import build_scoreboard
from manifest_lint.snapshot import snapshot_drift

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    from manifest_lint.cache import ExtractionCache
    from manifest_lint.config import Config
    from manifest_lint.digests import RootState
    from manifest_lint.model import Finding, Manifest, Severity
    from manifest_lint.plan import Plan
    from manifest_lint.workers import Extracted


def extract_all(
    config: Config, cache: ExtractionCache | None = None, jobs: int = 1
) -> tuple[Manifest, tuple[Manifest, ...]]:
    """The legacy manifest and one manifest per target root (from `cache` when still valid),
    extracting up to `jobs` roots at once."""
    from manifest_lint.workers import run_tasks

    roots, tasks = _extraction(config, cache)
    return _manifests(roots, run_tasks(tasks, jobs), None)


def _extraction(
    config: Config, cache: ExtractionCache | None
) -> tuple[tuple[Path, ...], list[Callable[[], Extracted]]]:
    from manifest_lint.extract import ExtractOptions
    from manifest_lint.workers import extraction_tasks

    if config.legacy is None:
        raise UsageError("no legacy app: set `legacy` in the config or pass --legacy PATH")
    options = ExtractOptions(env=config.env, limits=config.limits)
    roots = (config.legacy, *config.targets)
    return roots, extraction_tasks(roots, options, cache)


def _manifests(
    roots: tuple[Path, ...], extracted: Sequence[Extracted], states: dict[str, RootState] | None
) -> tuple[Manifest, tuple[Manifest, ...]]:
    if states is not None:
        states.update(
            (str(root.resolve()), state) for root, (_, state) in zip(roots, extracted, strict=True) if state
        )
    legacy, *targets = (manifest for manifest, _ in extracted)
    return legacy, tuple(targets)


def load_plan(config: Config) -> Plan:
    from manifest_lint.plan import load_plans

    for path in config.plans:
        if not path.is_file():
            raise UsageError(f"{path}: plan file does not exist")
    return load_plans(config.plans, {p: config.rel(p) for p in config.plans})


def run_check(
    config: Config,
    *,
    use_baseline: bool = True,
    cache: ExtractionCache | None = None,
    jobs: int = 1,
    states: dict[str, RootState] | None = None,
) -> CheckResult:
    """The whole check. The plan is read by a worker too: it needs nothing extracted."""
    from manifest_lint.workers import run_tasks

    roots, tasks = _extraction(config, cache)
    everything: list[Callable[[], Extracted | Plan]] = [*tasks, partial(load_plan, config)]
    *extracted, plan = run_tasks(everything, jobs)
    legacy, targets = _manifests(roots, cast("list[Extracted]", extracted), states)
    return evaluate(config, legacy, targets, cast("Plan", plan), use_baseline=use_baseline)


def enabled_codes(config: Config) -> frozenset[str]:
    selectors = config.select or ("ALL",)
    return frozenset(
        r.code
        for r in catalog_rules()
        if any(selector_matches(s, r.code) for s in selectors)
        and not any(selector_matches(s, r.code) for s in config.ignore)
    )


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Keep the cyclic garbage collector off the objects that already exist (gc.freeze).

    Matching and rules allocate tens of thousands of small objects at 10k routes, and every
    collection they trigger used to traverse the whole loaded manifests again (~20% of `evaluate`).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def evaluate(
    config: Config, legacy: Manifest, targets: tuple[Manifest, ...], plan: Plan, *, use_baseline: bool = True
) -> CheckResult:
    with _heap_frozen():
        return _evaluate(config, legacy, targets, plan, use_baseline=use_baseline)


def _evaluate(
    config: Config, legacy: Manifest, targets: tuple[Manifest, ...], plan: Plan, *, use_baseline: bool
) -> CheckResult:
    joined = join(legacy, targets, plan, path_map=config.path_map, command_map=config.command_map)
    context = RuleContext.build(config, legacy, targets, plan, joined)
    findings: list[Finding] = [item for rule in REGISTRY for item in rule(context)]
    findings.extend(snapshot_drift(config, legacy, targets))
    enabled = enabled_codes(config)
    findings = _filter(config, findings, enabled)
    files = {f.file for f in findings} | set(plan.files)
    for manifest in (legacy, *targets):
        prefix = rebase_prefix(config, manifest)
        files.update(f"{prefix}/{i}" if prefix else i for i in manifest.inputs)
    findings, unused = suppress.apply(findings, suppress.collect(config, files), enabled)
    findings.extend(_filter(config, unused, enabled))
    if use_baseline and config.baseline_path.is_file():
        findings, stale = baseline.apply_baseline(
            findings, config.baseline_path, config.rel(config.baseline_path)
        )
        findings.extend(_filter(config, stale, enabled))
    findings = _severities(config, findings)
    return CheckResult(
        findings=tuple(sorted(set(findings), key=finding_sort_key)),
        scoreboard=build_scoreboard(joined, plan),
        manifests=(legacy, *targets),
    )


def _filter(config: Config, findings: list[Finding], enabled: frozenset[str]) -> list[Finding]:
    if not config.per_path_ignores:
        return [item for item in findings if item.code in enabled]
    kept = []
    for item in findings:
        if item.code not in enabled:
            continue
        if any(
            path_matches(glob, item.file) and any(selector_matches(c, item.code) for c in codes)
            for glob, codes in config.per_path_ignores
        ):
            continue
        kept.append(item)
    return kept


def _severities(config: Config, findings: list[Finding]) -> list[Finding]:
    overrides = dict(config.severity)
    if not overrides:
        return findings
    return [replace(f, severity=overrides[f.code]) if f.code in overrides else f for f in findings]


def exit_code(result: CheckResult, fail_on: Severity) -> int:
    """0 when no finding is at or above `fail_on`, else 1 (usage/config errors exit 2 elsewhere)."""
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings) else 0
