from __future__ import annotations

import os
from typing import TYPE_CHECKING

from manifest_lint.parsing import (
    Limits,
    ParsedFile,
    SourceSet,
    direct_parse_limit,
    file_diagnostics,
    parse_bytes,
)

if TYPE_CHECKING:
    from pathlib import Path


def test_syntax_error_is_a_diagnostic_and_the_tree_is_kept() -> None:
    parsed = parse_bytes(
        "routes/web.php", b"<?php\nRoute::get('/a', fn () => 1);\nRoute::get('/b', \n", "php"
    )
    assert isinstance(parsed, ParsedFile)
    rules = [d.rule for d in file_diagnostics(parsed)]
    assert "parse-error" in rules


def test_non_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.php").write_bytes(b"<?php\n// caf\xe9\nRoute::get('/x', fn () => 1);\n")
    sources = SourceSet(tmp_path)
    parsed = sources.parse("a.php", "php")
    assert isinstance(parsed, ParsedFile)
    (diagnostic,) = sources.diagnostics_for("a.php")
    assert (diagnostic.rule, diagnostic.line) == ("encoding-error", 2)


def test_each_file_is_parsed_once(tmp_path: Path) -> None:
    (tmp_path / "a.rs").write_text("fn main() {}\n")
    sources = SourceSet(tmp_path)
    assert sources.parse("a.rs", "rust") is sources.parse("a.rs", "rust")


def test_files_over_the_size_limit_are_skipped_with_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "big.php").write_text("<?php\n" + "// x\n" * 1000)
    result = SourceSet(tmp_path, Limits(max_file_bytes=100)).parse("big.php", "php")
    assert isinstance(result, tuple)
    assert result[0].rule == "limit-exceeded"
    assert "big.php" in result[0].message


def test_binary_and_escaping_symlinks_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bin.php").write_bytes(b"<?php\x00\x01")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.php"
    outside.write_text("<?php\n")
    (tmp_path / "link.php").symlink_to(outside)
    sources = SourceSet(tmp_path)
    binary = sources.parse("bin.php", "php")
    link = sources.parse("link.php", "php")
    assert isinstance(binary, tuple)
    assert binary[0].rule == "unreadable-file"
    assert isinstance(link, tuple)
    assert link[0].rule == "unreadable-file"
    assert sources.relative(tmp_path / ".." / "x") is None


def test_a_file_below_a_directory_symlink_leaving_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "app"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.php").write_text("<?php // not ours\n")
    root.mkdir()
    (root / "routes").symlink_to(outside, target_is_directory=True)
    (root / "inside").mkdir()
    (root / "inside" / "ok.php").write_text("<?php\n")
    (root / "alias").symlink_to(root / "inside", target_is_directory=True)
    sources = SourceSet(root)
    refused = sources.read("routes/secret.php")
    assert isinstance(refused, tuple)
    assert (refused[0].rule, refused[0].file) == ("unreadable-file", "routes/secret.php")
    assert "outside the project root" in refused[0].message
    assert sources.read("alias/ok.php") == b"<?php\n"  # a link that stays inside is followed
    missing = sources.read("inside/nope.php")
    assert isinstance(missing, tuple) and missing[0].rule == "missing-file"


def _pathlib_answer(root: Path, rel: str) -> tuple[str | None, bool]:
    """What `resolve_inside`/`exists` answered when they were written with pathlib."""
    try:
        real = (root / rel).resolve(strict=True)
    except (OSError, RuntimeError):
        return None, False
    if not real.is_relative_to(root):
        return None, False
    return str(real), real.is_file()


def test_path_checks_answer_as_pathlib_does(tmp_path: Path) -> None:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    (root / "app" / "real").mkdir(parents=True)
    outside.mkdir()
    (root / "app" / "real" / "A.php").write_text("<?php\n")
    (root / "app" / "dir.php").mkdir()
    (outside / "B.php").write_text("<?php\n")
    (root / "app" / "inner").symlink_to(root / "app" / "real")
    (root / "app" / "away").symlink_to(outside)
    (outside / "back.php").symlink_to(root / "app" / "real" / "A.php")
    (root / "app" / "loop-a").symlink_to(root / "app" / "loop-b")
    (root / "app" / "loop-b").symlink_to(root / "app" / "loop-a")
    (root / "app" / "dangling.php").symlink_to(root / "nowhere.php")
    (root / "app" / "up").symlink_to("..")
    os.mkfifo(root / "app" / "fifo.php")
    rels = [
        "app/real/A.php",
        "app/inner/A.php",
        "app/away/B.php",
        "app/away/back.php",
        "app/loop-a",
        "app/loop-a/x.php",
        "app/dangling.php",
        "app/dir.php",
        "app/fifo.php",
        "app/up/app/real/A.php",
        "app/up/up/up/app/inner/A.php",
        "app/real/A.php/x.php",
        "app/missing/A.php",
        "app/real/../real/A.php",
        "./app/real/A.php",
        "app//real/A.php",
        "app/away/../real/A.php",
        "",
    ]
    sources = SourceSet(root)
    for _ in range(2):  # the second round is answered from the memo
        for rel in rels:
            real, is_file = _pathlib_answer(root.resolve(), rel)
            found = sources.resolve_inside(rel)
            assert (str(found) if found is not None else None, sources.exists(rel)) == (real, is_file), rel


def test_small_files_parse_from_bytes_and_large_ones_keep_the_budget() -> None:
    limits = Limits(parse_timeout_seconds=0.05)
    small = parse_bytes("a.php", b"<?php\nRoute::get('/a', fn () => 1);\n", "php", limits)
    assert isinstance(small, ParsedFile)
    assert small.root.named_children[-1].text == b"Route::get('/a', fn () => 1);"
    assert direct_parse_limit(limits) < 1024
    # Error recovery on this input parses at tens of KB/s: far over a 0.05 s budget.
    slow = b"<?php\n" + b"A['" * 30_000
    result = parse_bytes("slow.php", slow, "php", limits)
    assert isinstance(result, tuple)
    assert result[0].rule == "limit-exceeded"
