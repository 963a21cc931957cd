"""`manifest-lint export`: the manifest as versioned JSON (schema: schemas/export.v1.schema.json)."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING

from manifest_lint import __version__
from manifest_lint.catalog import lookup

if TYPE_CHECKING:
    from manifest_lint.model import Diagnostic, Manifest, Surface

SCHEMA_VERSION = 1
_SECTIONS = {"route": "routes", "page": "pages", "command": "commands", "table": "tables"}


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def surface_record(surface: Surface) -> dict[str, object]:
    record: dict[str, object] = {"kind": surface.kind, "id": surface.key}
    plain = _plain(surface)
    assert isinstance(plain, dict)
    record.update(plain)
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
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 kept, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
