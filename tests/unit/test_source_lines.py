"""`file_lines` reuses the files the latest check run read, and never a previous run's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.parsing import Limits
from manifest_lint.source_lines import file_lines, run_sources

if TYPE_CHECKING:
    from pathlib import Path


def test_lines_come_from_the_run_that_read_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.php").write_text("one\n", encoding="utf-8")
    run_sources(tmp_path, Limits()).read("a.php")
    (tmp_path / "a.php").write_text("two\n", encoding="utf-8")
    assert file_lines(tmp_path)("a.php", 1) == "one"  # the text the check saw, not read again


def test_a_new_run_reads_the_file_again(tmp_path: Path) -> None:
    (tmp_path / "a.php").write_text("one\n", encoding="utf-8")
    run_sources(tmp_path, Limits()).read("a.php")
    (tmp_path / "a.php").write_text("two\n", encoding="utf-8")
    run_sources(tmp_path, Limits())
    assert file_lines(tmp_path)("a.php", 1) == "two"


def test_other_limits_or_roots_are_not_reused(tmp_path: Path) -> None:
    (tmp_path / "a.php").write_text("one\n", encoding="utf-8")
    run_sources(tmp_path, Limits(max_file_bytes=1)).read("a.php")
    assert file_lines(tmp_path)("a.php", 1) == "one"
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.php").write_text("other\n", encoding="utf-8")
    assert file_lines(other)("a.php", 1) == "other"
