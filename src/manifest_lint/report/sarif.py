"""SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).

Every rule of the catalog is listed (so `ruleIndex` is stable across runs), every property GitHub
marks required is filled and never empty, URIs are repository-relative and percent-encoded, and
`partialFingerprints["manifestLint/v1"]` is the location-independent `Finding.fingerprint`.
GitHub computes `primaryLocationLineHash` itself on upload.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import quote

from manifest_lint import __version__
from manifest_lint.catalog import Rule, rules
from manifest_lint.report.common import (
    INFORMATION_URI,
    TOOL_NAME,
    LineSource,
    clip,
    doc_section,
    first_paragraph,
    rule_doc,
    rule_of,
    rule_url,
    span_of,
    worst_first,
)

if TYPE_CHECKING:
    from manifest_lint.model import CheckResult, Finding, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "manifestLint/v1"
SRCROOT = "%SRCROOT%"
_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}
_PROBLEM_SEVERITY: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "recommendation"}
_DESCRIPTION_LIMIT = 1024


def artifact_uri(path: str) -> str:
    """A relative URI reference for a POSIX path: everything outside RFC 3986 `pchar` encoded.

    `:` is encoded too, so a first segment like `c:x` can never read as a scheme.
    """
    clean = path.lstrip("/") or "."
    return quote(clean, safe="/-._~!$&'()*+;=@")


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def rule_descriptor(rule: Rule) -> dict[str, object]:
    doc = rule_doc(rule.name)
    summary = _sentence(rule.summary) if rule.summary.strip() else f"manifest-lint rule {rule.name}."
    full = clip(doc_section(doc, "What it finds") or first_paragraph(doc), _DESCRIPTION_LIMIT) if doc else ""
    help_text = doc or f"{summary} See {rule_url(rule.name)}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": clip(summary, _DESCRIPTION_LIMIT)},
        "fullDescription": {"text": full or clip(summary, _DESCRIPTION_LIMIT)},
        "help": {
            "text": help_text,
            "markdown": doc or f"{summary}\n\n[Rule documentation]({rule_url(rule.name)})",
        },
        "helpUri": rule_url(rule.name),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": ["migration", rule.code[:3] + "xx"],
            "precision": "high",
            "problem.severity": _PROBLEM_SEVERITY[rule.severity],
        },
    }


def _result(finding: Finding, index: dict[str, int], lines: LineSource | None) -> dict[str, object]:
    rule = rule_of(finding)
    rule_id = rule.code if rule else (finding.code or finding.rule or "ML000")
    message = finding.message if finding.message.strip() else (rule.summary if rule else rule_id)
    span = span_of(finding, lines, "utf16")
    result: dict[str, object] = {
        "ruleId": rule_id,
        "level": _LEVEL[finding.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(finding.file), "uriBaseId": SRCROOT},
                    "region": {
                        "startLine": span.start_line,
                        "startColumn": span.start_column,
                        "endLine": span.end_line,
                        "endColumn": span.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if rule_id in index:
        result["ruleIndex"] = index[rule_id]
    properties: dict[str, object] = {}
    if finding.surface:
        properties["surface"] = finding.surface
    if finding.issues:
        properties["issues"] = list(finding.issues)
    if properties:
        result["properties"] = properties
    return result


def sarif_document(result: CheckResult, lines: LineSource | None = None) -> dict[str, object]:
    catalog = rules()
    index = {rule.code: i for i, rule in enumerate(catalog)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "semanticVersion": __version__,
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in catalog],
                    }
                },
                "automationDetails": {"id": f"{TOOL_NAME}/"},
                "columnKind": "utf16CodeUnits",
                "results": [_result(f, index, lines) for f in worst_first(result.findings)],
            }
        ],
    }


def render_sarif(result: CheckResult, lines: LineSource | None = None) -> str:
    return json.dumps(sarif_document(result, lines), indent=2, ensure_ascii=False) + "\n"
