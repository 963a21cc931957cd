"""Read source files safely and parse each one once with tree-sitter.

Every way a file can be unusable (outside the root, a symlink leaving it, too large, binary,
not UTF-8, unreadable) becomes a `Diagnostic` here, so extractors only ever handle two cases:
a parsed file or a list of diagnostics explaining why there is none.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from manifest_lint.model import Diagnostic

if TYPE_CHECKING:
    from collections.abc import Iterator

    import tree_sitter

Lang = Literal["php", "rust"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits that protect the tool; each one, when hit, is reported as a diagnostic naming the file."""

    max_file_bytes: int = 4 * 1024 * 1024
    max_nesting: int = 200
    parse_timeout_seconds: float = 5.0


def limits_with(
    *, max_file_bytes: int | None = None, max_nesting: int | None = None, parse_timeout: float | None = None
) -> Limits:
    """The default limits with the given ones replaced; each must be positive (else UsageError)."""
    from manifest_lint.errors import UsageError

    limits = Limits()
    for option, value in (
        ("--max-file-bytes", max_file_bytes),
        ("--max-nesting", max_nesting),
        ("--parse-timeout", parse_timeout),
    ):
        if value is not None and not value > 0:
            raise UsageError(f"{option}: must be positive, not {value}")
    return Limits(
        max_file_bytes=limits.max_file_bytes if max_file_bytes is None else max_file_bytes,
        max_nesting=limits.max_nesting if max_nesting is None else max_nesting,
        parse_timeout_seconds=limits.parse_timeout_seconds if parse_timeout is None else parse_timeout,
    )


@cache
def language(lang: Lang) -> tree_sitter.Language:
    # Imported here: the warm `check` path reads no source and should not load the grammars.
    import tree_sitter
    import tree_sitter_php
    import tree_sitter_rust

    if lang == "php":
        return tree_sitter.Language(tree_sitter_php.language_php())
    return tree_sitter.Language(tree_sitter_rust.language())


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A file's bytes and its syntax tree; `rel` is the POSIX path relative to the project root."""

    rel: str
    data: bytes
    tree: tree_sitter.Tree
    lang: Lang

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node


def node_text(node: tree_sitter.Node) -> str:
    """Source text of a node; bytes that are not UTF-8 become U+FFFD rather than an exception."""
    data = node.text
    return data.decode("utf-8", "replace") if data is not None else ""


def node_line(node: tree_sitter.Node) -> int:
    return node.start_point.row + 1


def is_within(root: Path, path: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


@dataclass
class SourceSet:
    """The files of one project root, each read and parsed at most once per run."""

    root: Path
    limits: Limits = field(default_factory=Limits)
    _parsed: dict[str, ParsedFile | tuple[Diagnostic, ...]] = field(default_factory=dict)
    _texts: dict[str, bytes | tuple[Diagnostic, ...]] = field(default_factory=dict)
    _real: dict[str, Path | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()

    def relative(self, path: Path) -> str | None:
        """POSIX path of `path` relative to the root, or None when it lies outside."""
        absolute = path if path.is_absolute() else self.root / path
        normal = Path(os.path.normpath(absolute))
        if not is_within(self.root, normal):
            return None
        return normal.relative_to(self.root).as_posix()

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every file read so far (what a cache must hash to know a result is still valid)."""
        return tuple(sorted(rel for rel, value in self._texts.items() if isinstance(value, bytes)))

    def exists(self, rel: str) -> bool:
        real = self.resolve_inside(rel)
        return real is not None and real.is_file()

    def resolve_inside(self, rel: str) -> Path | None:
        """The real path of `rel` if it stays inside the root once symlinks are followed.

        Memoised per run: extractors ask the same class-file question thousands of times, and
        `Path.resolve` is a syscall per path component.
        """
        if rel in self._real:
            return self._real[rel]
        try:
            real: Path | None = (self.root / rel).resolve(strict=True)
        except (OSError, RuntimeError):
            real = None
        if real is not None and not is_within(self.root, real):
            real = None
        self._real[rel] = real
        return real

    def read(self, rel: str, *, line: int = 1, referrer: str | None = None) -> bytes | tuple[Diagnostic, ...]:
        """The bytes of a file, or the diagnostics saying why it cannot be used."""
        cached = self._texts.get(rel)
        if cached is not None:
            return cached
        result = self._read(rel, line=line, referrer=referrer)
        self._texts[rel] = result
        return result

    def _read(self, rel: str, *, line: int, referrer: str | None) -> bytes | tuple[Diagnostic, ...]:
        where_file, where_line = (referrer, line) if referrer else (rel, 1)

        def problem(rule: str, message: str) -> tuple[Diagnostic, ...]:
            return (Diagnostic(rule, message, where_file, where_line),)

        path = self.root / rel
        if path.is_symlink():
            real = self.resolve_inside(rel)
            if real is None:
                return problem(
                    "unreadable-file", f"{rel}: symlink leads outside the project root or loops; not followed"
                )
        if not path.exists():
            return problem("missing-file", f"{rel}: file does not exist")
        if not path.is_file():
            return problem("unreadable-file", f"{rel}: not a regular file")
        try:
            size = path.stat().st_size
            if size > self.limits.max_file_bytes:
                return problem(
                    "limit-exceeded",
                    f"{rel}: {size} bytes is over the file size limit of {self.limits.max_file_bytes} bytes "
                    "(limits.max-file-bytes); file skipped",
                )
            data = path.read_bytes()
        except OSError as error:
            return problem("unreadable-file", f"{rel}: cannot be read ({error.strerror or error})")
        if b"\0" in data[:8192]:
            return problem("unreadable-file", f"{rel}: binary file (NUL bytes); skipped")
        return data

    def parse(
        self, rel: str, lang: Lang, *, line: int = 1, referrer: str | None = None
    ) -> ParsedFile | tuple[Diagnostic, ...]:
        """Parse `rel` once; later calls return the same tree."""
        cached = self._parsed.get(rel)
        if cached is not None:
            return cached
        data = self.read(rel, line=line, referrer=referrer)
        if isinstance(data, tuple):
            self._parsed[rel] = data
            return data
        parsed = parse_bytes(rel, data, lang, self.limits)
        self._parsed[rel] = parsed
        return parsed

    def diagnostics_for(self, rel: str) -> tuple[Diagnostic, ...]:
        """Encoding and syntax diagnostics of a parsed file (reported once per file)."""
        parsed = self._parsed.get(rel)
        if not isinstance(parsed, ParsedFile):
            return ()
        return file_diagnostics(parsed)


def parse_bytes(
    rel: str, data: bytes, lang: Lang, limits: Limits | None = None
) -> ParsedFile | tuple[Diagnostic, ...]:
    limits = limits or Limits()
    import tree_sitter

    parser = tree_sitter.Parser(language(lang))
    budget_ns = int(limits.parse_timeout_seconds * 1e9)
    start = time.monotonic_ns()

    def progress(*_state: object) -> bool:
        return time.monotonic_ns() - start > budget_ns

    def read(offset: int, _point: object) -> bytes:
        return data[offset : offset + 65536]

    # A read callback (not plain bytes) is what makes tree-sitter honour the progress callback.
    try:
        tree = parser.parse(read, progress_callback=progress)
    except ValueError:  # tree-sitter's way of saying the progress callback cancelled the parse
        return (
            Diagnostic(
                "limit-exceeded",
                f"{rel}: parsing took longer than {limits.parse_timeout_seconds:g} s (limits.parse-timeout); file skipped",
                rel,
                1,
            ),
        )
    # A tree parsed from a callback reads `node.text` back through that callback (a 64 KiB slice per
    # call: most of the run time on big files). Re-parsing the bytes with the old tree reuses every
    # node (microseconds) and yields a tree that slices its own source.
    tree = parser.parse(data, old_tree=tree)
    return ParsedFile(rel=rel, data=data, tree=tree, lang=lang)


def file_diagnostics(parsed: ParsedFile) -> tuple[Diagnostic, ...]:
    """`encoding-error` for non-UTF-8 bytes and one `parse-error` per syntax error region."""
    found: list[Diagnostic] = []
    try:
        parsed.data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = parsed.data[: error.start].count(b"\n") + 1
        found.append(
            Diagnostic(
                "encoding-error",
                f"{parsed.rel}: not valid UTF-8 (byte {error.start}); read with replacement characters",
                parsed.rel,
                line,
            )
        )
    if parsed.root.has_error:
        for node in _error_nodes(parsed.root):
            what = "missing " + node.type if node.is_missing else "syntax error"
            found.append(
                Diagnostic(
                    "parse-error",
                    f"{what} at {node.start_point.row + 1}:{node.start_point.column + 1}; the rest of the file is still read",
                    parsed.rel,
                    node.start_point.row + 1,
                )
            )
    return tuple(found)


def _error_nodes(root: tree_sitter.Node, limit: int = 20) -> Iterator[tree_sitter.Node]:
    """Outermost ERROR/MISSING nodes, iteratively (no recursion on deep trees)."""
    stack = [root]
    count = 0
    while stack and count < limit:
        node = stack.pop()
        if node.is_error or node.is_missing:
            count += 1
            yield node
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
