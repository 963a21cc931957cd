"""A content-hash cache of extraction results, so an unchanged tree re-checks in a fraction of the time.

An entry is valid only while everything that could change the result is unchanged: the tool (its
version and the digest of its own code and rule data), the extraction options, the content of
every file the extractor read (`Manifest.inputs`), and the listing of the directories of the tree
(so a new file anywhere it could be picked up invalidates). Pruned from that walk, for speed, are
dependency and build directories (`vendor`, `node_modules`, `target`, …) and hidden ones; the
directories that hold an input are listed even when pruned.

Entries are JSON (never pickle), written to a temporary file and moved into place with
`os.replace`, so concurrent runs never see half an entry. Anything that does not validate exactly
is ignored and rewritten, never trusted.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin, get_type_hints

import orjson

from manifest_lint.digests import (
    DEFAULT_DIR,
    ExtractionCache,
    RootState,
    atomic_write,
    entry_bytes,
    input_dirs,
    input_hashes,
    sha256_hex,
    tool_digest,
    tree_digest,
)
from manifest_lint.model import Command, CommandParam, Diagnostic, Manifest, Page, Route, Surface, Table

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from manifest_lint.extract import ExtractOptions

__all__ = ["DEFAULT_DIR", "ExtractionCache", "cached_extract"]

CACHE_FORMAT = 2
_KINDS: dict[str, type[Surface]] = {"route": Route, "page": Page, "command": Command, "table": Table}


class CorruptEntry(ValueError):
    """A cache entry that does not have exactly the expected shape."""


def _entry_key(root: Path, options: ExtractOptions) -> str:
    identity = "\x1f".join((str(CACHE_FORMAT), tool_digest(), str(root), repr(options)))
    return sha256_hex(identity.encode("utf-8"))[:32]


# Loading: the export document back into a Manifest, checking every value's type.


def _convert(value: Any, hint: Any) -> Any:
    return _converter(hint)(value)


def _fail(value: Any, hint: Any) -> CorruptEntry:
    return CorruptEntry(f"unexpected value {value!r} for {hint!r}")


@cache
def _converter(hint: Any) -> Callable[[Any], Any]:
    """A checking converter per type hint, built once: a warm check loads every cached value
    through these, and re-inspecting the hint per value was most of the load time."""
    origin = get_origin(hint)
    if hint is type(None) or hint in (bool, str):
        exact = type(None) if hint is type(None) else hint

        def plain(value: Any) -> Any:
            if type(value) is exact:
                return value
            raise _fail(value, hint)

        return plain
    if hint is int:

        def integer(value: Any) -> Any:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise _fail(value, hint)

        return integer
    if origin is Literal:
        allowed = get_args(hint)

        def literal(value: Any) -> Any:
            if value in allowed:
                return value
            raise _fail(value, hint)

        return literal
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        simple = frozenset(o for o in options if o is type(None) or o in (bool, str))
        converters = tuple(_converter(o) for o in options)

        def union(value: Any) -> Any:
            if type(value) in simple:
                return value
            for convert in converters:
                try:
                    return convert(value)
                except CorruptEntry:
                    continue
            raise _fail(value, hint)

        return union
    if origin is tuple:
        item = _converter(get_args(hint)[0])

        def sequence(value: Any) -> Any:
            if isinstance(value, list):
                return tuple([item(v) for v in value])
            raise _fail(value, hint)

        return sequence
    if hint is CommandParam:
        return lambda value: _build(CommandParam, value)

    def never(value: Any) -> Any:
        raise _fail(value, hint)

    return never


_Field = tuple[str, frozenset[type], "Callable[[Any], Any]"]
_TABLES: dict[type, tuple[frozenset[str], tuple[_Field, ...]]] = {}
_PLAIN = frozenset({str, bool, int, type(None)})


def _accepted(hint: Any) -> frozenset[type]:
    """The value types a hint takes as they are (no conversion), checked inline by `_build`."""
    if hint in _PLAIN:
        return frozenset({hint})
    if get_origin(hint) in (Union, types.UnionType):
        return frozenset(option for option in get_args(hint) if option in _PLAIN)
    return frozenset()


def _table(cls: type) -> tuple[frozenset[str], tuple[_Field, ...]]:
    """A class's field names and (name, accepted types, converter), resolved once: hashing the
    type hints to find each value's converter, and calling it for every plain string, was most
    of a warm load."""
    table = _TABLES.get(cls)
    if table is None:
        hints = get_type_hints(cls)
        fields = tuple(
            (f.name, _accepted(hints[f.name]), _converter(hints[f.name])) for f in dataclasses.fields(cls)
        )
        table = _TABLES[cls] = (frozenset(name for name, _, _ in fields), fields)
    return table


def _build(cls: type[Any], record: Any, ignore: frozenset[str] = frozenset()) -> Any:
    if not isinstance(record, dict):
        raise CorruptEntry(f"{cls.__name__}: not an object")
    names, fields = _table(cls)
    if not names.issuperset(record.keys() - ignore):
        raise CorruptEntry(f"{cls.__name__}: unknown keys {sorted(set(record) - names - ignore)}")
    values = {
        name: value if type(value) in accepted else convert(value)
        for name, accepted, convert in fields
        if name in record
        for value in (record[name],)
    }
    try:
        return cls(**values)
    except TypeError as error:
        raise CorruptEntry(str(error)) from error


def document_to_manifest(document: Any) -> Manifest:
    """The inverse of `cache_document`; raises `CorruptEntry` on anything unexpected."""
    if not isinstance(document, dict):
        raise CorruptEntry("manifest: not an object")
    try:
        surfaces: list[Surface] = []
        for kind, cls in _KINDS.items():
            records = document[kind + "s"]
            if not isinstance(records, list):
                raise CorruptEntry(f"{kind}s: not a list")
            surfaces.extend(_build(cls, record) for record in records)
        diagnostics = tuple(_build(Diagnostic, d) for d in document["diagnostics"])
        return Manifest(
            stack=_convert(document["stack"], Literal["laravel", "rust"]),
            root=_convert(document["root"], str),
            framework=_convert(document["framework"], str | None),
            surfaces=tuple(surfaces),
            diagnostics=diagnostics,
            inputs=_convert(document["inputs"], tuple[str, ...]),
        ).sorted()
    except (KeyError, TypeError) as error:
        raise CorruptEntry(f"manifest: {error}") from error


def cache_document(manifest: Manifest) -> dict[str, object]:
    """The manifest with its records as the model's own dataclasses, one list per kind.

    `entry_bytes` (orjson) writes dataclasses as objects of their fields in C, so storing a
    10k-route manifest no longer builds a dict per surface first; diagnostics stay exactly as
    extracted (no defaults filled).
    """
    manifest = manifest.sorted()
    document: dict[str, object] = {
        "stack": manifest.stack,
        "root": manifest.root,
        "framework": manifest.framework,
        "inputs": list(manifest.inputs),
        "diagnostics": list(manifest.diagnostics),
    }
    for kind in _KINDS:
        document[kind + "s"] = [surface for surface in manifest.surfaces if surface.kind == kind]
    return document


# The cache itself.


def _load(path: Path, root: Path, key: str, walk: str) -> tuple[Manifest, RootState] | None:
    try:
        entry = orjson.loads(path.read_bytes())  # ValueError on bad JSON or UTF-8, as json.loads
    except (OSError, ValueError):
        return None
    try:
        if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT or entry.get("key") != key:
            return None
        if entry.get("tree") != walk:
            return None
        inputs, dirs = entry.get("inputs"), entry.get("dirs")
        if not isinstance(inputs, dict) or not isinstance(dirs, dict):
            return None
        if input_hashes(root, inputs) != inputs or input_dirs(root, inputs) != dirs:
            return None
        manifest = document_to_manifest(entry.get("manifest"))
    except (CorruptEntry, RecursionError):
        return None
    if set(manifest.inputs) != set(inputs):
        return None
    return manifest, {"tree": walk, "inputs": inputs, "dirs": dirs}


def _store(path: Path, root: Path, key: str, walk: str, manifest: Manifest) -> RootState:
    state: RootState = {
        "tree": walk,
        "inputs": input_hashes(root, manifest.inputs),
        "dirs": input_dirs(root, manifest.inputs),
    }
    entry = {"format": CACHE_FORMAT, "key": key, **state, "manifest": cache_document(manifest)}
    atomic_write(path, entry_bytes(entry))
    return state


def cached_extract(root: Path, options: ExtractOptions, store: ExtractionCache | None) -> Manifest:
    """`extract(root, options)`, answered from the cache when nothing it depends on changed."""
    return cached_extract_with_state(root, options, store)[0]


def cached_extract_with_state(
    root: Path, options: ExtractOptions, store: ExtractionCache | None
) -> tuple[Manifest, RootState | None]:
    """`cached_extract`, plus the state of the root that validated or now validates the entry
    (None without a cache), so the report cache need not walk and hash the tree again."""
    from manifest_lint.extract import extract

    if store is None:
        return extract(root, options), None
    real_root = root.resolve()
    key = _entry_key(real_root, options)
    path = store.directory / f"{key}.json"
    walk = tree_digest(real_root, store.directory.resolve())
    hit = _load(path, real_root, key, walk)
    if hit is not None:
        # The key is the resolved root, so `app` and `/abs/app` share an entry; the manifest
        # still names the root the way this invocation did.
        return replace(hit[0], root=root.as_posix()), hit[1]
    manifest = extract(root, options)
    return manifest, _store(path, real_root, key, walk, manifest)
