"""`manifest-lint export`: the manifest as versioned JSON (schema: schemas/export.v1.schema.json)."""

from __future__ import annotations

import dataclasses
import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

import orjson

from manifest_lint import __version__
from manifest_lint.catalog import lookup

if TYPE_CHECKING:
    from manifest_lint.model import Diagnostic, Manifest, Surface

SCHEMA_VERSION = 1
_SECTIONS = {"route": "routes", "page": "pages", "command": "commands", "table": "tables"}


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _plain(value: object) -> object:
    """Dataclasses as dicts and tuples as lists; the field list is computed once per class."""
    if isinstance(value, str | int | float | None):
        return value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


def surface_record(surface: Surface) -> dict[str, object]:
    record: dict[str, object] = {"kind": surface.kind, "id": surface.key}
    for name in _field_names(type(surface)):
        value = getattr(surface, name)
        record[name] = value if isinstance(value, str | int | None) else _plain(value)
    return record


def diagnostic_record(diagnostic: Diagnostic) -> dict[str, object]:
    rule = lookup(diagnostic.rule)
    return {
        "code": rule.code if rule else None,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity or (rule.severity if rule else "warning"),
        "message": diagnostic.message,
        "file": diagnostic.file,
        "line": diagnostic.line,
    }


def manifest_document(manifest: Manifest) -> dict[str, object]:
    manifest = manifest.sorted()
    document: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "manifest-lint", "version": __version__},
        "stack": manifest.stack,
        "root": manifest.root,
        "framework": manifest.framework,
    }
    for kind, section in _SECTIONS.items():
        document[section] = [surface_record(s) for s in manifest.surfaces if s.kind == kind]
    document["diagnostics"] = [diagnostic_record(d) for d in manifest.diagnostics]
    return document


def dumps(document: object) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 kept, trailing newline.

    Byte-identical to `json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)`, whose
    indenting encoder is pure Python on 3.11 (2 s on a 10k-route export). orjson writes exactly
    that layout in C (0.02 s for a 10k-route check report) with one exception: floats it prints
    differently (NaN, infinities, magnitudes below 1e-4 such as `1e-05`). A walk over the document
    (0.07 s at 10k) sends any document holding one of those, and anything else orjson refuses (lone
    surrogates, integers beyond 64 bits), through `dumps_pure`, our own encoder of the same bytes.
    """
    if _floats_print_alike(document):
        try:
            return (
                orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode("utf-8")
                + "\n"
            )
        except orjson.JSONEncodeError:
            pass
    return dumps_pure(document)


def _floats_print_alike(document: object) -> bool:
    """Whether every float in `document` is one orjson prints as `repr` does (0 or 1e-4 ≤ |x| < 1e16)."""
    stack: list[Any] = [document]
    pop, push = stack.pop, stack.extend
    while stack:
        value = pop()
        kind = type(value)
        if kind is dict:
            push(value.values())
        elif kind is list or kind is tuple:
            push(value)
        elif kind is float and not (value == 0.0 or 1e-4 <= abs(value) < 1e16):
            return False
    return True


def dumps_pure(document: object) -> str:
    """`dumps` without orjson: our encoder, for what orjson refuses (and to test both agree).

    Records here are at most a few levels deep (the shape is fixed by the model), so plain
    recursion is safe. Keys must be strings, as they are in every document this package writes.
    """
    out: list[str] = []
    _write(document, "\n", out)
    out.append("\n")
    return "".join(out)


def _scalar(value: Any) -> str | None:
    """The JSON text of a str, None, bool or int, or None for anything else."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return None


def _write(value: Any, newline: str, out: list[str]) -> None:
    text = _scalar(value)
    if text is not None:
        out.append(text)
        return
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        parts = []
        for key in sorted(value):
            item = value[key]
            text = _scalar(item)
            if text is None:
                nested: list[str] = []
                _write(item, inner, nested)
                text = "".join(nested)
            parts.append(f"{encode_basestring(key)}: {text}")
        out.append("{" + inner + ("," + inner).join(parts) + newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        parts = []
        for item in value:
            text = _scalar(item)
            if text is None:
                nested = []
                _write(item, inner, nested)
                text = "".join(nested)
            parts.append(text)
        out.append("[" + inner + ("," + inner).join(parts) + newline + "]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))
