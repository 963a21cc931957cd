"""Committed manifest snapshots: the static replacement for a hand-kept "route coverage" test.

`manifest-lint snapshot` writes the legacy and target manifests (the export document of
report/export.py, without diagnostics and with repo-relative roots) to one JSON file; `check`
compares the current manifests with it and reports each added, removed or changed surface as
`snapshot-drift` (ML208). Line numbers are left out of the comparison: moving code is not drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.errors import UsageError
from manifest_lint.report.export import dumps, manifest_document
from manifest_lint.rules.context import finding

if TYPE_CHECKING:
    from manifest_lint.config import Config
    from manifest_lint.model import Finding, Manifest

SCHEMA_VERSION = 1
_SECTIONS = ("routes", "pages", "commands", "tables")
_IGNORED_FIELDS = ("line",)


def _document(config: Config, manifest: Manifest) -> dict[str, object]:
    document = manifest_document(manifest)
    document.pop("diagnostics", None)
    document.pop("tool", None)
    document["root"] = config.rel(Path(manifest.root))
    return document


def snapshot_document(config: Config, legacy: Manifest, targets: tuple[Manifest, ...]) -> dict[str, object]:
    return {
        "schema_version": SCHEMA_VERSION,
        "legacy": _document(config, legacy),
        "targets": [_document(config, t) for t in targets],
    }


def write_snapshot(config: Config, legacy: Manifest, targets: tuple[Manifest, ...]) -> Path:
    path = config.snapshot_path
    try:
        path.write_text(dumps(snapshot_document(config, legacy, targets)), encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{path}: cannot write snapshot ({error.strerror or error})") from error
    return path


def _records(document: object) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    if not isinstance(document, dict):
        return out
    root = document.get("root")
    for section in _SECTIONS:
        for record in document.get(section) or []:
            if not isinstance(record, dict):
                continue
            binary = record.get("binary")
            key = f"{root}: {record.get('id')}" + (f" [{binary}]" if binary else "")
            out[key] = {k: v for k, v in record.items() if k not in _IGNORED_FIELDS}
    return out


def _all_records(document: dict[str, object]) -> dict[str, dict[str, object]]:
    records = _records(document.get("legacy"))
    targets = document.get("targets")
    for target in targets if isinstance(targets, list) else []:
        records.update(_records(target))
    return records


def snapshot_drift(config: Config, legacy: Manifest, targets: tuple[Manifest, ...]) -> list[Finding]:
    """One finding per surface that differs from the committed snapshot (none when there is no file)."""
    path = config.snapshot_path
    if not path.is_file():
        return []
    rel = config.rel(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        old = json.loads(text)
    except ValueError as error:
        return [
            finding(
                "snapshot-drift",
                f"snapshot is not valid JSON ({error}); rerun `manifest-lint snapshot`",
                rel,
                1,
            )
        ]
    if not isinstance(old, dict) or old.get("schema_version") != SCHEMA_VERSION:
        return [
            finding(
                "snapshot-drift",
                "snapshot has an unknown schema_version; rerun `manifest-lint snapshot`",
                rel,
                1,
            )
        ]
    before = _all_records(old)
    now = json.loads(dumps(snapshot_document(config, legacy, targets)))
    after = _all_records(now)
    found: list[Finding] = []
    for key in sorted(set(before) | set(after)):
        old_record, new_record = before.get(key), after.get(key)
        if old_record == new_record:
            continue
        surface_id = str((new_record or old_record or {}).get("id"))
        line = _line_of(text, f'"id": {json.dumps(surface_id)}')
        if old_record is None:
            assert new_record is not None
            where = f" ({new_record.get('file')})" if new_record.get("file") else ""
            message = f"added since the snapshot: {key}{where}"
        elif new_record is None:
            message = f"removed since the snapshot: {key}"
        else:
            changes = [
                f"{field}: {json.dumps(old_record.get(field))} → {json.dumps(new_record.get(field))}"
                for field in sorted(set(old_record) | set(new_record))
                if old_record.get(field) != new_record.get(field)
            ]
            message = f"changed since the snapshot: {key}: " + "; ".join(changes)
        found.append(finding("snapshot-drift", message, rel, line, surface=key))
    return found


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return 1 if index < 0 else text.count("\n", 0, index) + 1
