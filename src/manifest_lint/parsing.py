"""Read source files safely and parse each one once with tree-sitter.

Every way a file can be unusable (outside the root, a symlink leaving it, too large, binary,
not UTF-8, unreadable) becomes a `Diagnostic` here, so extractors only ever handle two cases:
a parsed file or a list of diagnostics explaining why there is none.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from manifest_lint.limits import Limits, limits_with
from manifest_lint.model import Diagnostic

if TYPE_CHECKING:
    from collections.abc import Iterator

    import tree_sitter

__all__ = ["Limits", "ParsedFile", "SourceSet", "limits_with"]

Lang = Literal["php", "rust"]
_UNPLAIN_PARTS = frozenset({"", ".", ".."})


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


_QUIET_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _stat_quietly(path: str, *, follow: bool) -> os.stat_result | None:
    """`os.stat`/`os.lstat`, None where pathlib's `exists()`/`is_symlink()` answer False (and raise
    where they raise), so the string fast paths below answer exactly as the `Path` calls did."""
    try:
        return os.stat(path) if follow else os.lstat(path)  # noqa: PTH116 - strings: Path objects cost more
    except OSError as error:
        if error.errno in _QUIET_ERRNOS:
            return None
        raise
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Real:
    """Where a path leads once symlinks are followed (None: missing, looping or unreadable), and
    whether that is a regular file."""

    path: str | None
    is_file: bool = False


_NOWHERE = _Real(None)


@dataclass
class SourceSet:
    """The files of one project root, each read and parsed at most once per run."""

    root: Path
    limits: Limits = field(default_factory=Limits)
    _parsed: dict[str, ParsedFile | tuple[Diagnostic, ...]] = field(default_factory=dict)
    _texts: dict[str, bytes | tuple[Diagnostic, ...]] = field(default_factory=dict)
    _real: dict[str, _Real] = field(default_factory=dict)
    _directories: dict[str, str | None] = field(default_factory=dict)
    _memos: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self._root_text = str(self.root)
        self._root_prefix = self._root_text.rstrip("/") + "/"
        self._directories[""] = self._root_text

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

    def memo(self, kind: str) -> dict[str, Any]:
        """A per-run table of facts derived from this root's files, by `kind` then file: extractors
        that need the same facts of a file (a class's methods, say) compute them once."""
        table = self._memos.get(kind)
        if table is None:
            table = self._memos[kind] = {}
        return table

    def exists(self, rel: str) -> bool:
        return self._follow(rel).is_file

    def resolve_inside(self, rel: str) -> Path | None:
        """The real path of `rel` if it stays inside the root once symlinks are followed."""
        real = self._follow(rel).path
        return None if real is None else Path(real)

    def _follow(self, rel: str) -> _Real:
        """`rel` with symlinks followed, refused when it leaves the root; memoised per run (class
        lookups ask the same question thousands of times)."""
        known = self._real.get(rel)
        if known is not None:
            return known
        parts = rel.split("/")
        if any(part in _UNPLAIN_PARTS for part in parts):
            found = self._follow_slowly(rel)
        else:
            directory = self._directory("/".join(parts[:-1])) if len(parts) > 1 else self._root_text
            found = _NOWHERE if directory is None else self._lead(self._child(directory, parts[-1]))
        if found.path is not None and not self._inside(found.path):
            found = _NOWHERE
        self._real[rel] = found
        return found

    def _directory(self, rel: str) -> str | None:
        """The real path of a directory (or whatever the path is) below the root, without the
        inside-the-root check (a file may link back in); memoised, so a file costs one lstat."""
        if rel in self._directories:
            return self._directories[rel]
        head, _, name = rel.rpartition("/")
        parent = self._directory(head)
        real = None if parent is None else self._lead(self._child(parent, name)).path
        self._directories[rel] = real
        return real

    def _child(self, directory: str, name: str) -> str:
        return directory.rstrip("/") + "/" + name

    def _lead(self, path: str) -> _Real:
        """Where `path` (whose directory has no symlinks) leads: `os.path.realpath(strict=True)`
        with one lstat when the last component is not a link."""
        try:
            status = os.lstat(path)
        except OSError:
            return _NOWHERE
        if not stat.S_ISLNK(status.st_mode):
            return _Real(path, stat.S_ISREG(status.st_mode))
        try:
            real = os.path.realpath(path, strict=True)
        except OSError:
            return _NOWHERE
        target = _stat_quietly(real, follow=True)
        return _Real(real, target is not None and stat.S_ISREG(target.st_mode))

    def _follow_slowly(self, rel: str) -> _Real:
        """Paths with `.`, `..` or empty components: pathlib's answer, unchanged."""
        try:
            real = (self.root / rel).resolve(strict=True)
        except (OSError, RuntimeError):
            return _NOWHERE
        return _Real(str(real), real.is_file())

    def _inside(self, real: str) -> bool:
        return real == self._root_text or real.startswith(self._root_prefix)

    def absolute(self, rel: str) -> str:
        """`str(root / rel)`, without building `Path` objects for the usual plain relative path."""
        if any(part in _UNPLAIN_PARTS for part in rel.split("/")):
            return str(self.root / rel)
        return self._root_prefix + rel

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

        # Every component is followed, not only the last: a directory symlink leaving the root
        # must not let a file below it be read.
        path = self._follow(rel).path
        if path is None:
            if _stat_quietly(self.absolute(rel), follow=False) is not None:
                return problem(
                    "unreadable-file", f"{rel}: symlink leads outside the project root or loops; not followed"
                )
            return problem("missing-file", f"{rel}: file does not exist")
        status = _stat_quietly(path, follow=True)
        if status is None:
            return problem("missing-file", f"{rel}: file does not exist")
        if not stat.S_ISREG(status.st_mode):
            return problem("unreadable-file", f"{rel}: not a regular file")
        if status.st_size > self.limits.max_file_bytes:
            return problem(
                "limit-exceeded",
                f"{rel}: {status.st_size} bytes is over the file size limit of {self.limits.max_file_bytes} bytes "
                "(limits.max-file-bytes); file skipped",
            )
        try:
            with open(path, "rb") as handle:  # noqa: PTH123 - a string path, read once per file
                data = handle.read()
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


# Bytes per second of parse budget below which a file is parsed straight from its bytes. tree-sitter
# ignores the progress callback then, so the budget cannot stop the parse: the size must bound the time.
# Valid PHP parses at 1.4-3 MB/s; the slowest input measured (random `'`, `[` and names: error
# recovery) at 24-30 KB/s, so a file under budget x 8 KiB/s ends in about a third of the budget even
# at that rate. The cap keeps the bound where that rate was measured (up to 128 KiB; it falls slowly).
DIRECT_PARSE_BYTES_PER_SECOND = 8 * 1024
DIRECT_PARSE_MAX_BYTES = 256 * 1024


def direct_parse_limit(limits: Limits) -> int:
    """Files up to this many bytes are parsed without the (slower) budget-checking callback."""
    return min(DIRECT_PARSE_MAX_BYTES, int(limits.parse_timeout_seconds * DIRECT_PARSE_BYTES_PER_SECOND))


def parse_bytes(
    rel: str, data: bytes, lang: Lang, limits: Limits | None = None
) -> ParsedFile | tuple[Diagnostic, ...]:
    limits = limits or Limits()
    import tree_sitter

    parser = tree_sitter.Parser(language(lang))
    if len(data) <= direct_parse_limit(limits):
        return ParsedFile(rel=rel, data=data, tree=parser.parse(data), lang=lang)
    tree = _parse_within_budget(parser, data, limits.parse_timeout_seconds)
    if tree is None:
        return (
            Diagnostic(
                "limit-exceeded",
                f"{rel}: parsing took longer than {limits.parse_timeout_seconds:g} s (limits.parse-timeout); file skipped",
                rel,
                1,
            ),
        )
    return ParsedFile(rel=rel, data=data, tree=tree, lang=lang)


def _parse_within_budget(parser: tree_sitter.Parser, data: bytes, seconds: float) -> tree_sitter.Tree | None:
    """Parse through a read callback (what makes tree-sitter honour the progress callback); None
    when the budget ran out."""
    budget_ns = int(seconds * 1e9)
    start = time.monotonic_ns()

    def progress(*_state: object) -> bool:
        return time.monotonic_ns() - start > budget_ns

    def read(offset: int, _point: object) -> bytes:
        return data[offset : offset + 65536]

    try:
        tree = parser.parse(read, progress_callback=progress)
    except ValueError:  # tree-sitter's way of saying the progress callback cancelled the parse
        return None
    # A tree parsed from a callback reads `node.text` back through that callback (a 64 KiB slice per
    # call: most of the run time on big files). Re-parsing the bytes with the old tree reuses every
    # node (microseconds) and yields a tree that slices its own source.
    return parser.parse(data, old_tree=tree)


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
