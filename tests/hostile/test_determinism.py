"""Determinism: the same tree gives byte-identical JSON across runs, pool sizes and file-system orders.

The tree is the benchmark generator's 100-route project (both stacks), recreated file by file in
different orders so directory listings come back in different orders.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
import sys
from typing import TYPE_CHECKING

import pytest
from hostile_support import REPO, cli

if TYPE_CHECKING:
    from pathlib import Path


def load_generator() -> object:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    generator = load_generator()
    out = tmp_path_factory.mktemp("det")
    generator.generate(out, 100, 7)  # type: ignore[attr-defined]
    return out / "n100"


def copy_in_order(source: Path, target: Path, order: str) -> None:
    files = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file())
    if order == "reversed":
        files.reverse()
    elif order == "shuffled":
        random.Random(1234).shuffle(files)
    for rel in files:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, target / rel)


@pytest.mark.parametrize("side", ["legacy", "service"])
def test_same_tree_same_bytes(tree: Path, tmp_path: Path, side: str) -> None:
    outputs: dict[str, str] = {}
    for order in ("sorted", "reversed", "shuffled"):
        copy = tmp_path / order
        copy_in_order(tree, copy, order)
        for attempt in range(2):
            run = cli("export", side, "--json", cwd=copy)
            assert run.code == 0, run.stderr
            outputs[f"{order} #{attempt}"] = run.stdout
    first = next(iter(outputs.values()))
    assert '"routes"' in first
    assert len(first) > 1000
    differing = [name for name, text in outputs.items() if text != first]
    assert not differing, f"output differs for {differing}"


def test_check_gives_the_same_bytes_whatever_the_number_of_jobs(tree: Path, tmp_path: Path) -> None:
    """`check` extracts legacy and target in forked workers; the report must not notice."""
    outputs: dict[str, str] = {}
    for order in ("sorted", "shuffled"):
        copy = tmp_path / order
        copy_in_order(tree, copy, order)
        for jobs in ("1", "2", "3"):
            run = cli("check", "--output-format", "json", "--no-cache", "--jobs", jobs, cwd=copy)
            assert run.code in (0, 1), run.stderr
            outputs[f"{order} --jobs {jobs}"] = run.stdout
    first = next(iter(outputs.values()))
    assert '"findings"' in first and '"scoreboard"' in first
    differing = [name for name, text in outputs.items() if text != first]
    assert not differing, f"output differs for {differing}"
