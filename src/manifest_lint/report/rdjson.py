"""reviewdog's Diagnostic Format (`-f=rdjson`): one DiagnosticResult.

Positions are 1-based and columns count UTF-8 bytes (reviewdog's `proto/rdf`), unlike SARIF
and GitHub columns.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from manifest_lint.report.common import (
    INFORMATION_URI,
    TOOL_NAME,
    LineSource,
    rule_of,
    rule_url,
    span_of,
    worst_first,
)

if TYPE_CHECKING:
    from manifest_lint.model import CheckResult, Finding, Severity

_SEVERITY: dict[Severity, str] = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _diagnostic(finding: Finding, lines: LineSource | None) -> dict[str, object]:
    rule = rule_of(finding)
    span = span_of(finding, lines, "utf8")
    code: dict[str, object] = {"value": finding.code}
    if rule is not None:
        code["url"] = rule_url(rule.name)
    return {
        "message": finding.message,
        "location": {
            "path": finding.file,
            "range": {
                "start": {"line": span.start_line, "column": span.start_column},
                "end": {"line": span.end_line, "column": span.end_column},
            },
        },
        "severity": _SEVERITY[finding.severity],
        "code": code,
    }


def render_rdjson(result: CheckResult, lines: LineSource | None = None) -> str:
    document = {
        "source": {"name": TOOL_NAME, "url": INFORMATION_URI},
        "diagnostics": [_diagnostic(f, lines) for f in worst_first(result.findings)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
