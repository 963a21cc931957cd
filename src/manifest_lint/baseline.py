"""The baseline: accepted findings, keyed on semantic ids (rule code + surface id), never lines.

`manifest-lint baseline` writes it; `check` hides findings the baseline lists (up to the listed
count) and reports entries that no longer match anything as `stale-baseline-entry` (ML902), so
the file only ever shrinks. Findings without a surface id are keyed on code + file + message.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from manifest_lint.errors import UsageError
from manifest_lint.rules.context import finding

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.model import Finding

SCHEMA_VERSION = 1


def baseline_document(findings: tuple[Finding, ...] | list[Finding]) -> dict[str, object]:
    counts = Counter(f.fingerprint for f in findings)
    first: dict[str, Finding] = {}
    for item in findings:
        first.setdefault(item.fingerprint, item)
    entries = []
    for fingerprint, item in sorted(
        first.items(), key=lambda kv: (kv[1].code, kv[1].surface or "", kv[1].file, kv[1].message)
    ):
        entry: dict[str, object] = {
            "code": item.code,
            "rule": item.rule,
            "fingerprint": fingerprint,
            "count": counts[fingerprint],
        }
        if item.surface:
            entry["surface"] = item.surface
        else:
            entry["file"] = item.file
            entry["message"] = item.message
        entries.append(entry)
    return {"schema_version": SCHEMA_VERSION, "entries": entries}


def write_baseline(findings: tuple[Finding, ...] | list[Finding], path: Path) -> int:
    from manifest_lint.report.export import dumps  # the JSON writer only `baseline` needs

    path.write_text(dumps(baseline_document(findings)), encoding="utf-8")
    return len(findings)


def read_baseline(path: Path) -> list[dict[str, object]]:
    import json  # only a project with a baseline file pays for the JSON reader

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageError(f"{path}: cannot read baseline ({error})") from error
    if (
        not isinstance(data, dict)
        or data.get("schema_version") != SCHEMA_VERSION
        or not isinstance(data.get("entries"), list)
    ):
        raise UsageError(
            f"{path}: not a manifest-lint baseline (schema_version {SCHEMA_VERSION} with `entries`)"
        )
    entries = [e for e in data["entries"] if isinstance(e, dict) and isinstance(e.get("fingerprint"), str)]
    if len(entries) != len(data["entries"]):
        raise UsageError(f"{path}: every baseline entry needs a `fingerprint`")
    return entries


def apply_baseline(findings: list[Finding], path: Path, rel: str) -> tuple[list[Finding], list[Finding]]:
    """(findings not in the baseline, stale-baseline-entry findings)."""
    entries = read_baseline(path)
    text = path.read_text(encoding="utf-8")
    budget: Counter[str] = Counter()
    for entry in entries:
        count = entry.get("count", 1)
        budget[str(entry["fingerprint"])] += count if isinstance(count, int) and count > 0 else 1
    used: Counter[str] = Counter()
    kept: list[Finding] = []
    for item in findings:
        key = item.fingerprint
        if used[key] < budget[key]:
            used[key] += 1
        else:
            kept.append(item)
    stale: list[Finding] = []
    for entry in entries:
        key = str(entry["fingerprint"])
        if used[key] == 0:
            line = _line_of(text, key)
            what = entry.get("surface") or entry.get("message") or key
            stale.append(
                finding(
                    "stale-baseline-entry",
                    f"baseline entry {entry.get('code')} `{what}` matches no current finding; remove it",
                    rel,
                    line,
                    surface=f"baseline {key}",
                )
            )
    return kept, stale


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return 1 if index < 0 else text.count("\n", 0, index) + 1
