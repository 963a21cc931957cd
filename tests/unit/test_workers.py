"""Forked extraction workers: same manifests as in-process extraction, and no trust in a failed worker."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import manifest_lint.workers as workers
from manifest_lint.extract import ExtractOptions

if TYPE_CHECKING:
    from manifest_lint.model import Manifest


def extract_roots(
    roots: tuple[Path, ...], options: ExtractOptions, store: object, jobs: int
) -> list[tuple[Manifest, object]]:
    return workers.run_tasks(workers.extraction_tasks(roots, options, store), jobs)  # type: ignore[arg-type]


MINI = Path(__file__).resolve().parents[1] / "fixtures" / "integrations" / "mini"


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, ...]:
    shutil.copytree(MINI, tmp_path / "repo")
    return (tmp_path / "repo" / "legacy", tmp_path / "repo" / "service")


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_give_the_in_process_manifests(roots: tuple[Path, ...], jobs: int) -> None:
    expected = extract_roots(roots, ExtractOptions(), None, 1)
    assert [m.stack for m, _ in expected] == ["laravel", "rust"]
    assert extract_roots(roots, ExtractOptions(), None, jobs) == expected
    assert extract_roots((*roots, roots[1]), ExtractOptions(), None, 2) == [*expected, expected[1]]


def test_a_failing_worker_is_replaced_by_extraction_here(
    roots: tuple[Path, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = extract_roots(roots, ExtractOptions(), None, 1)
    parent = os.getpid()
    real = workers.cached_extract_with_state
    calls: list[Path] = []

    def broken_in_children(root: Path, *args: object) -> tuple[Manifest, object]:
        if os.getpid() != parent:
            raise RuntimeError("worker crash")
        calls.append(root)
        return real(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "cached_extract_with_state", broken_in_children)
    assert extract_roots(roots, ExtractOptions(), None, 2) == expected
    assert calls == list(roots)  # the parent did the worker's root itself


def test_default_jobs_is_the_cpus_this_process_may_use() -> None:
    assert workers.default_jobs() == len(os.sched_getaffinity(0))


def test_workers_send_back_the_state_that_validates_each_cache_entry(
    roots: tuple[Path, ...], tmp_path: Path
) -> None:
    from manifest_lint.digests import ExtractionCache, input_dirs, input_hashes, tree_digest

    store = ExtractionCache(tmp_path / "cache")
    for _run in ("cold", "warm"):
        for (manifest, state), root in zip(
            extract_roots(roots, ExtractOptions(), store, 2), roots, strict=True
        ):
            real = root.resolve()
            assert state == {
                "tree": tree_digest(real, store.directory.resolve()),
                "inputs": input_hashes(real, manifest.inputs),
                "dirs": input_dirs(real, manifest.inputs),
            }


@pytest.mark.parametrize("jobs", [1, 2, 3, 8])
def test_run_tasks_keeps_the_order_of_the_tasks(jobs: int) -> None:
    tasks = [lambda i=i: (i, i * i) for i in range(7)]
    assert workers.run_tasks(tasks, jobs) == [(i, i * i) for i in range(7)]


def test_an_error_in_a_workers_task_is_raised_here_as_without_workers() -> None:
    from manifest_lint.errors import UsageError

    def missing_plan() -> int:
        raise UsageError("plan.md: plan file does not exist")

    with pytest.raises(UsageError, match="plan file does not exist"):
        workers.run_tasks([lambda: 1, missing_plan], 2)


def test_when_the_first_task_fails_the_workers_are_stopped_and_reaped() -> None:
    import time

    def slow() -> int:
        time.sleep(30)
        return 1

    def broken() -> int:
        raise RuntimeError("legacy extraction failed")

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="legacy extraction failed"):
        workers.run_tasks([broken, slow, slow], 3)
    assert time.monotonic() - started < 10  # the sleeping workers were killed, not waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # and none is left unreaped
