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

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "integrations" / "mini"


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, ...]:
    shutil.copytree(MINI, tmp_path / "repo")
    return (tmp_path / "repo" / "legacy", tmp_path / "repo" / "service")


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_give_the_in_process_manifests(roots: tuple[Path, ...], jobs: int) -> None:
    expected = workers.extract_roots(roots, ExtractOptions(), None, 1)
    assert [m.stack for m, _ in expected] == ["laravel", "rust"]
    assert workers.extract_roots(roots, ExtractOptions(), None, jobs) == expected
    assert workers.extract_roots((*roots, roots[1]), ExtractOptions(), None, 2) == (*expected, expected[1])


def test_a_failing_worker_is_replaced_by_extraction_here(
    roots: tuple[Path, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = workers.extract_roots(roots, ExtractOptions(), None, 1)
    parent = os.getpid()
    real = workers.cached_extract_with_state
    calls: list[Path] = []

    def broken_in_children(root: Path, *args: object) -> tuple[Manifest, object]:
        if os.getpid() != parent:
            raise RuntimeError("worker crash")
        calls.append(root)
        return real(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "cached_extract_with_state", broken_in_children)
    assert workers.extract_roots(roots, ExtractOptions(), None, 2) == expected
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
            workers.extract_roots(roots, ExtractOptions(), store, 2), roots, strict=True
        ):
            real = root.resolve()
            assert state == {
                "tree": tree_digest(real, store.directory.resolve()),
                "inputs": input_hashes(real, manifest.inputs),
                "dirs": input_dirs(real, manifest.inputs),
            }
