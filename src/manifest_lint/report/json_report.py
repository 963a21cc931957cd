"""`check --output-format json`: findings and scoreboard (schema: schemas/check.v1.schema.json).

`schema_version` changes only on a breaking change; new fields are additive. Lists are in the
deterministic finding order and keys are sorted, so the output diffs cleanly in review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.report.common import counts
from manifest_lint.report.export import dumps

if TYPE_CHECKING:
    from manifest_lint.model import CheckResult, Finding, Scoreboard, ScoreRow
    from manifest_lint.report.common import LineSource

SCHEMA_VERSION = 1


def finding_record(finding: Finding) -> dict[str, object]:
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "file": finding.file,
        "line": finding.line,
        "surface": finding.surface,
        "issues": list(finding.issues),
        "fingerprint": finding.fingerprint,
    }


def row_record(row: ScoreRow) -> dict[str, object]:
    return {
        "key": row.key,
        "title": row.title,
        "owned": row.owned,
        "ported": row.ported,
        "retired": row.retired,
        "remaining": row.remaining,
        "percent_done": row.percent_done,
    }


def scoreboard_record(scoreboard: Scoreboard | None) -> dict[str, object] | None:
    if scoreboard is None:
        return None
    return {
        "total": row_record(scoreboard.total),
        "issues": [row_record(r) for r in scoreboard.issues],
        "domains": [row_record(r) for r in scoreboard.domains],
    }


def check_document(result: CheckResult) -> dict[str, object]:
    return {
        "schema_version": SCHEMA_VERSION,
        "findings": [finding_record(f) for f in result.findings],
        "summary": dict(counts(result.findings)),
        "scoreboard": scoreboard_record(result.scoreboard),
    }


def render_json(result: CheckResult, lines: LineSource | None = None) -> str:
    return dumps(check_document(result))
