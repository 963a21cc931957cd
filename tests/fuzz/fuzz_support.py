"""Shared pieces of the fuzz tests: temp projects around one fuzzed file, and the invariants.

The invariants are what issue 7 promises for any input: no exception, no hang, every problem a
diagnostic with a known rule and a file:line inside the project, and a manifest that exports.
"""

from __future__ import annotations

import contextlib
import json
import signal
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import tree_sitter

from manifest_lint.catalog import lookup
from manifest_lint.extract import ExtractOptions, extract
from manifest_lint.parsing import Limits, language
from manifest_lint.report.export import dumps, manifest_document

if TYPE_CHECKING:
    from collections.abc import Iterator

    from manifest_lint.model import Manifest

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
FIXTURES = HERE.parent / "fixtures"
#: A case slower than this is a hang (the parse budget below is far smaller).
HANG_SECONDS = 20
LIMITS = Limits(max_file_bytes=1024 * 1024, max_nesting=120, parse_timeout_seconds=2.0)

BOOTSTRAP = """<?php

use Illuminate\\Foundation\\Application;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(
        web: __DIR__.'/../routes/web.php',
        commands: __DIR__.'/../routes/console.php',
    )->create();
"""
EXTRA_PHP = "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::get('/extra', fn () => 'extra');\n"
CONSOLE_PHP = "<?php\n\nArtisan::command('ops:ping', function () {\n})->purpose('Ping');\n"
CARGO = '[package]\nname = "fuzzed"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\naxum = "0.7"\n'


def seed_sources(suffix: str, *, fixtures: bool = True) -> list[bytes]:
    """Our hand-written seeds plus every route file / Rust source of the fixture apps (sorted)."""
    paths = sorted(SEEDS.glob(f"*{suffix}"))
    if fixtures and FIXTURES.is_dir():
        pattern = "**/routes/*.php" if suffix == ".php" else "**/src/**/*.rs"
        paths += sorted(p for p in FIXTURES.glob(pattern) if p.is_file() and not p.is_symlink())
    return [p.read_bytes() for p in paths if p.stat().st_size <= 64 * 1024]


def write_laravel(root: Path, web: bytes) -> str:
    (root / "artisan").write_text("<?php\n")
    (root / "composer.json").write_text('{"require": {"laravel/framework": "^11.0"}}\n')
    (root / "bootstrap").mkdir()
    (root / "bootstrap" / "app.php").write_text(BOOTSTRAP)
    (root / "routes").mkdir()
    (root / "routes" / "web.php").write_bytes(web)
    (root / "routes" / "extra.php").write_text(EXTRA_PHP)
    (root / "routes" / "console.php").write_text(CONSOLE_PHP)
    return "routes/web.php"


def write_rust(root: Path, main: bytes) -> str:
    (root / "Cargo.toml").write_text(CARGO)
    (root / "src").mkdir()
    (root / "src" / "main.rs").write_bytes(main)
    return "src/main.rs"


class Hang(Exception):
    """A case ran past HANG_SECONDS: the per-file budget did not hold."""


@contextlib.contextmanager
def watchdog(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Turn a hang into a test failure instead of a stuck run (SIGALRM; tests run in the main thread)."""

    def fire(_signum: int, _frame: object) -> None:
        raise Hang(f"extraction took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_case(stack: str, data: bytes) -> tuple[Manifest, str]:
    """Extract a temp project whose entry route file holds `data`; checks the invariants."""
    with tempfile.TemporaryDirectory(prefix="ml-fuzz-") as tmp:
        root = Path(tmp)
        rel = write_laravel(root, data) if stack == "laravel" else write_rust(root, data)
        with watchdog():
            manifest = extract(root, ExtractOptions(limits=LIMITS))
        check_invariants(manifest, rel, data, "php" if stack == "laravel" else "rust")
    return manifest, rel


def check_invariants(manifest: Manifest, rel: str, data: bytes, lang: str) -> None:
    for diagnostic in manifest.diagnostics:
        assert lookup(diagnostic.rule) is not None, f"unknown rule {diagnostic.rule!r}"
        assert diagnostic.line >= 1, diagnostic
        assert_relative(diagnostic.file)
    for surface in manifest.surfaces:
        assert surface.line >= 1, surface
        assert_relative(surface.file)
    document = json.loads(dumps(manifest_document(manifest)))
    assert document["schema_version"] == 1
    # Read problems may be reported at the line that names the file (the referrer), so a
    # diagnostic is "about" the fuzzed file when it sits in it or names it.
    rules_for_file = {d.rule for d in manifest.diagnostics if d.file == rel or rel in d.message}
    if len(data) > LIMITS.max_file_bytes:
        assert "limit-exceeded" in rules_for_file
    elif b"\0" in data[:8192]:
        assert "unreadable-file" in rules_for_file
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            assert "encoding-error" in rules_for_file, "non-UTF-8 input without an encoding-error diagnostic"
        if has_syntax_error(data, lang):
            assert rules_for_file & {"parse-error", "limit-exceeded"}, "a syntax error went unreported"


def has_syntax_error(data: bytes, lang: str) -> bool:
    tree = tree_sitter.Parser(language("php" if lang == "php" else "rust")).parse(data)
    return tree.root_node.has_error


def assert_relative(file: str) -> None:
    assert file, "empty file in a record"
    assert not file.startswith("/"), f"absolute path leaked: {file}"
    assert ".." not in Path(file).parts, f"path leaves the root: {file}"
