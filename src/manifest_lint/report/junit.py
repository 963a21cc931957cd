"""JUnit XML for CI dashboards: one test case per finding (failed), or one passing case when clean.

XML 1.0 cannot carry most control characters even as character references, so they are written
as visible `\\uXXXX` text; everything else is escaped by ElementTree.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from manifest_lint.report.common import (
    TOOL_NAME,
    counts,
    rule_of,
    summary_line,
    visible_controls,
    worst_first,
)

if TYPE_CHECKING:
    from manifest_lint.model import CheckResult, Finding
    from manifest_lint.report.common import LineSource

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by a visible `\\uXXXX`."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible_controls(text))


def _case(suite: ET.Element, finding: Finding) -> None:
    rule = rule_of(finding)
    name = rule.name if rule else finding.rule
    subject = finding.surface or f"{finding.file}:{finding.line}"
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": xml_text(f"{TOOL_NAME}.{finding.code}"),
            "name": xml_text(f"{finding.code} {name}: {subject}"),
            "file": xml_text(finding.file),
            "line": str(finding.line),
        },
    )
    failure = ET.SubElement(
        case,
        "failure",
        {"message": xml_text(finding.message), "type": xml_text(f"{finding.code} {finding.severity}")},
    )
    details = [
        f"{finding.severity} {finding.code} ({name}) at {finding.file}:{finding.line}",
        finding.message,
    ]
    if finding.issues:
        details.append("plan issues: " + ", ".join(finding.issues))
    failure.text = xml_text("\n".join(details))


def render_junit(result: CheckResult, lines: LineSource | None = None) -> str:
    """`lines` is accepted for the common reporter signature; JUnit has no columns."""
    ordered = worst_first(result.findings)
    tally = counts(ordered)
    failures = len(ordered)
    root = ET.Element(
        "testsuites", {"name": TOOL_NAME, "tests": str(max(failures, 1)), "failures": str(failures)}
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        {
            "name": TOOL_NAME,
            "tests": str(max(failures, 1)),
            "failures": str(failures),
            "errors": "0",
            "skipped": "0",
        },
    )
    properties = ET.SubElement(suite, "properties")
    for level, n in tally.items():
        ET.SubElement(properties, "property", {"name": f"{level}s", "value": str(n)})
    if not ordered:
        ET.SubElement(suite, "testcase", {"classname": TOOL_NAME, "name": "no findings"})
    for finding in ordered:
        _case(suite, finding)
    ET.SubElement(suite, "system-out").text = xml_text(summary_line(ordered))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
