from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.parsing import Limits, ParsedFile, SourceSet, file_diagnostics, parse_bytes

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
