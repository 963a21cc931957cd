"""What cached answers depend on, and how cache files are written.

Both caches (extracted manifests in `cache.py`, whole reports in `result_cache.py`) trust an entry
only while the tool, the listing of the analysed tree and the content of the files read are
unchanged; this module computes those digests and writes entries atomically. It imports nothing
heavy, so a warm run can validate an entry before loading the rest of the tool.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable

DEFAULT_DIR = ".manifest-lint-cache"
# What validates a cached answer about one root: {"tree": digest, "inputs": {rel: digest},
# "dirs": {rel: digest}} (see `tree_digest`, `input_hashes`, `input_dirs`).
RootState = dict[str, object]
PRUNED_DIRS = frozenset({"vendor", "node_modules", "target", "storage", "__pycache__", DEFAULT_DIR})
# Package manifests are read by discovery (`read_composer`, `load_toml`) outside `SourceSet`, so
# they are missing from `Manifest.inputs`; their content is hashed wherever the walk meets them.
HASHED_NAMES = frozenset({"composer.json", "composer.lock", "Cargo.toml", "Cargo.lock", "package.json"})


@dataclass(frozen=True, slots=True)
class ExtractionCache:
    """Where cache entries live (`--cache-dir`, default `.manifest-lint-cache` at the root)."""

    directory: Path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def tool_digest() -> str:
    """Version plus the size and mtime of every file of the package (code and rule data).

    A release bumps the version; an editable install changes the digest whenever its code or
    `rules/` data change, so a stale cache never outlives a code change.
    """
    package = os.path.dirname(os.path.realpath(__file__))  # noqa: PTH120 - start-up path: strings only
    parts = [__version__]
    for top in (package, os.path.realpath(os.path.join(package, "data"))):  # noqa: PTH118
        found = []
        for directory, _dirnames, filenames in os.walk(top):
            for name in filenames:
                if name.endswith((".py", ".toml", ".json", ".md")):
                    path = os.path.join(directory, name)  # noqa: PTH118
                    stat = os.stat(path)  # noqa: PTH116
                    found.append(f"{os.path.relpath(path, top)}:{stat.st_size}:{stat.st_mtime_ns}")
        parts.extend(sorted(found))
    return sha256_hex("\n".join(parts).encode("utf-8"))


def _listing(directory: Path, skip: Path | None = None) -> str:
    """Digest of a directory's entry names (pruned directories and `skip` left out)."""
    names: list[str] = []
    try:
        for entry in os.scandir(directory):
            is_dir = entry.is_dir(follow_symlinks=False)
            if (is_dir and entry.name in PRUNED_DIRS) or (
                skip is not None and directory / entry.name == skip
            ):
                continue
            names.append(entry.name + "/" if is_dir else entry.name)
    except OSError:
        return "<unreadable>"
    return sha256_hex("\n".join(sorted(names)).encode("utf-8", "surrogateescape"))


def tree_digest(root: Path, skip: Path | None = None) -> str:
    """One digest over the names in every directory of the tree (pruned as the module says) and
    the content of every package manifest in it (`HASHED_NAMES`).

    `skip` (the cache directory, when it lies inside the tree) is left out so that writing an
    entry does not invalidate it.
    """
    parts: list[str] = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(directory)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in PRUNED_DIRS and not d.startswith(".") and (skip is None or here / d != skip)
        )
        rel = Path(directory).relative_to(root).as_posix()
        parts.append(f"{rel}\x1f{_listing(here, skip)}")
        for name in sorted(HASHED_NAMES.intersection(filenames)):
            try:
                parts.append(f"{rel}/{name}\x1f{sha256_hex((here / name).read_bytes())}")
            except OSError:
                parts.append(f"{rel}/{name}\x1f<unreadable>")
    return sha256_hex("\n".join(parts).encode("utf-8", "surrogateescape"))


def input_hashes(root: Path, inputs: Iterable[str]) -> dict[str, str]:
    """The content digest of each file of `inputs` (relative to `root`)."""
    hashes: dict[str, str] = {}
    base = f"{root}/"
    for rel in inputs:
        try:
            with open(base + rel, "rb") as handle:  # noqa: PTH123 - thousands per run; pathlib doubles the cost
                hashes[rel] = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            hashes[rel] = "<unreadable>"
    return hashes


def input_dirs(root: Path, inputs: Iterable[str]) -> dict[str, str]:
    """The listing digest of each directory holding one of `inputs`."""
    parents = sorted({os.path.dirname(rel) or "." for rel in inputs})  # noqa: PTH120 - hot, strings only
    return {parent: _listing(root / parent) for parent in parents}


def entry_bytes(entry: object) -> bytes:
    """A cache entry as compact JSON with sorted keys (orjson: a tenth of the time of `json`).

    Dataclasses are written as objects of their fields. Strings orjson refuses (lone surrogates
    from undecodable file names) go through `json`.
    """
    import orjson

    try:
        return orjson.dumps(entry, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        import dataclasses
        import json

        return json.dumps(entry, ensure_ascii=False, sort_keys=True, default=dataclasses.asdict).encode(
            "utf-8", "surrogateescape"
        )


def atomic_write(path: Path, data: bytes) -> None:
    """Write a cache file so that concurrent runs never see half of it; failures are ignored."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by manifest-lint: never commit the cache\n*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            Path(temporary).replace(path)  # atomic rename (os.replace)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        # The cache only saves time: an unwritable cache directory must not fail the check.
        return
