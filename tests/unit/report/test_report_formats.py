from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from report_samples import HOSTILE, HOSTILE_PATH, hostile_result, many_result
from sarif_tools import sarif_schema, validation_errors, validation_results

from manifest_lint.check import run_check
from manifest_lint.config import load_config
from manifest_lint.model import CheckResult, Finding
from manifest_lint.report.common import single_line, visible_controls
from manifest_lint.report.github import escape_data, escape_property, render_github, write_step_summary
from manifest_lint.report.html import render_html
from manifest_lint.report.json_report import render_json
from manifest_lint.report.junit import render_junit
from manifest_lint.report.markdown import escape_cell, render_markdown
from manifest_lint.report.rdjson import render_rdjson
from manifest_lint.report.sarif import artifact_uri, render_sarif, sarif_document
from manifest_lint.report.text import render_text
from manifest_lint.source_lines import file_lines

FORMATS = ["text", "json", "sarif", "github", "markdown", "rdjson", "junit", "html"]
_GITHUB_LINE = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _render(fmt: str, result: CheckResult) -> str:
    renderers = {
        "text": render_text,
        "json": render_json,
        "sarif": render_sarif,
        "github": render_github,
        "markdown": render_markdown,
        "rdjson": render_rdjson,
        "junit": render_junit,
        "html": render_html,
    }
    return renderers[fmt](result)  # type: ignore[operator]


def _unescape_github(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_comes_out_escaped_and_intact(fmt: str) -> None:
    """`::`, CR/LF, `%`, quotes, HTML, `|`, backticks, controls and non-ASCII survive every format."""
    out = _render(fmt, hostile_result())
    visible = visible_controls(HOSTILE)
    if fmt == "text":
        assert single_line(HOSTILE) in out
        assert not [
            line for line in out.splitlines() if line.lstrip().startswith("::")
        ]  # no workflow command
        assert "\x1b" not in out and "\x00" not in out
    elif fmt == "json":
        finding = json.loads(out)["findings"][0]
        assert (finding["message"], finding["file"]) == (HOSTILE, HOSTILE_PATH)
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert results[0]["message"]["text"] == HOSTILE
        assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == artifact_uri(
            HOSTILE_PATH
        )
    elif fmt == "rdjson":
        diagnostic = json.loads(out)["diagnostics"][0]
        assert (diagnostic["message"], diagnostic["location"]["path"]) == (HOSTILE, HOSTILE_PATH)
    elif fmt == "github":
        lines = out.splitlines()
        commands = [line for line in lines if line.startswith("::")]
        assert len(commands) == 3  # one per finding: nothing injected a fourth
        match = _GITHUB_LINE.match(commands[0])
        assert match is not None
        assert match.group(1) == "error"
        properties = dict(item.split("=", 1) for item in match.group(2).split(","))
        assert _unescape_github(properties["file"]) == HOSTILE_PATH
        assert _unescape_github(match.group(3)) == visible
        assert "\x1b" not in out and "\x00" not in out
    elif fmt == "markdown":
        row = next(line for line in out.splitlines() if "ML201" in line and line.startswith("| 🔴"))
        assert row.count("|") == 6  # five cells: no `|` from the data split a cell
        assert "<script" not in out and "`" not in out.replace("```", "")
        assert "@here" not in out  # no mention
        assert escape_cell(HOSTILE) in row
    elif fmt == "junit":
        root = ET.fromstring(out.encode("utf-8"))
        failure = root.find("./testsuite/testcase/failure")
        assert failure is not None
        assert failure.get("message") == visible
        assert failure.get("message", "").count("\r\n") == 1
        case = root.find("./testsuite/testcase")
        assert case is not None and case.get("file") == HOSTILE_PATH
        texts = [f.text or "" for f in root.iter("failure")]
        assert any("\\u001b[31m\\u0000ctrl" in t for t in texts)
    else:
        parser = _Collect()
        parser.feed(out)
        assert parser.tags.count("script") == 1  # only the page's own sorting script
        text = "".join(parser.text)
        assert "/a::b/<script>x</script>" in text
        assert "<script>alert(1)</script>" in text
        assert "Auth & `login`" in text


def test_sarif_is_valid_for_the_sdk_validator_and_github_rules(tmp_path: Path) -> None:
    samples = {
        "hostile": hostile_result(),
        "empty": CheckResult(findings=(), scoreboard=None),
        "many": many_result(12, 3, 2),
        "unknown": CheckResult(
            findings=(Finding("ML999", "made-up", "warning", "", "", 0),), scoreboard=None
        ),
    }
    paths = []
    for name, result in samples.items():
        path = tmp_path / f"{name}.sarif"
        path.write_text(render_sarif(result), encoding="utf-8")
        paths.append(path)
    # And a real run of `check` over the miniature project, with columns from the sources.
    project = tmp_path / "project"
    shutil.copytree(Path(__file__).resolve().parents[2] / "fixtures/integrations/mini", project)
    routes = project / "legacy/routes/api.php"
    routes.write_text(routes.read_text() + "Route::get('/é', [OrderController::class, 'index']);\n")
    config = load_config(project)
    real = tmp_path / "real.sarif"
    real.write_text(render_sarif(run_check(config), file_lines(config.root)), encoding="utf-8")
    assert json.loads(real.read_text())["runs"][0]["results"]
    paths.append(real)
    found = validation_results(paths)
    assert validation_errors(found) == {path.name: [] for path in paths}
    assert found["hostile.sarif"] == []  # not even a warning for a normal report


def test_sarif_matches_the_oasis_schema() -> None:
    schema = sarif_schema()
    for result in (hostile_result(), many_result(1, 1, 1), CheckResult(findings=(), scoreboard=None)):
        jsonschema.validate(sarif_document(result), schema)


def test_sarif_has_every_github_required_property_non_empty() -> None:
    run = sarif_document(hostile_result())["runs"][0]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip()
            assert len(rule[key]["text"]) <= 1024 or key == "help"
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert region["startLine"] >= 1
        assert result["partialFingerprints"]["manifestLint/v1"]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]


def test_sarif_fingerprints_are_location_independent() -> None:
    moved = Finding("ML201", "uncovered-surface", "error", "x", "routes/web.php", 99, "GET /a")
    here = Finding("ML201", "uncovered-surface", "error", "x", "routes/web.php", 1, "GET /a")
    fps = [
        sarif_document(CheckResult(findings=(f,), scoreboard=None))["runs"][0]["results"][0][
            "partialFingerprints"
        ]  # type: ignore[index]
        for f in (moved, here)
    ]
    assert fps[0] == fps[1] == {"manifestLint/v1": here.fingerprint}


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("routes/web.php", "routes/web.php"),
        ("a b/c%d#e?.php", "a%20b/c%25d%23e%3F.php"),
        ("c:x/é.php", "c%3Ax/%C3%A9.php"),
        ("/abs/x.rs", "abs/x.rs"),
        ("", "."),
    ],
)
def test_artifact_uris_are_relative_and_percent_encoded(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_columns_use_each_formats_unit() -> None:
    line = "  é路😀x"
    result = CheckResult(
        findings=(Finding("ML201", "uncovered-surface", "error", "m", "a.php", 3),), scoreboard=None
    )

    def lines(file: str, number: int) -> str | None:
        return line if (file, number) == ("a.php", 3) else None

    rd = json.loads(render_rdjson(result, lines))["diagnostics"][0]["location"]["range"]
    assert (rd["start"]["column"], rd["end"]["column"]) == (3, 3 + 2 + 3 + 4 + 1)  # UTF-8 bytes
    region = json.loads(render_sarif(result, lines))["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"
    ]["region"]
    assert (region["startColumn"], region["endColumn"]) == (3, 3 + 1 + 1 + 2 + 1)  # UTF-16 code units
    assert "col=3,endColumn=7," in render_github(result, lines)  # code points


def test_github_escaping_follows_the_toolkit() -> None:
    assert escape_data("100%\r\n::x, y: z") == "100%25%0D%0A::x, y: z"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_caps_annotations_per_level_worst_first_and_adds_one_overflow_notice() -> None:
    out = render_github(many_result(errors=13, warnings=11, infos=12)).splitlines()
    kinds = [line.split(" ", 1)[0] for line in out if line.startswith("::")]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 10
    assert "error 0" in out[0] and "error 9" in out[9]
    overflow = out[29]
    assert "file=" not in overflow
    assert "7 more finding(s)" in overflow  # 3 errors + 1 warning + 2 infos + the info this notice displaced
    assert out[-1] == "manifest-lint: 13 errors, 11 warnings, 12 infos"


def test_github_without_overflow_has_no_notice() -> None:
    out = render_github(many_result(errors=10, warnings=0, infos=10))
    assert out.count("::notice") == 10
    assert "more finding" not in out


def test_step_summary_is_appended_only_when_set(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    body = render_markdown(hostile_result())
    assert write_step_summary(body, {"GITHUB_STEP_SUMMARY": str(target)})
    assert target.read_text(encoding="utf-8") == "earlier step\n" + body
    assert not write_step_summary(body, {})


def test_step_summary_respects_githubs_size_limit(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    write_step_summary("é" * 2_000_000, {"GITHUB_STEP_SUMMARY": str(target)})
    data = target.read_bytes()
    assert len(data) <= 1024 * 1024
    assert data.decode("utf-8").endswith("see the SARIF or JSON output._\n")


def test_markdown_collapses_findings_past_the_first_twenty() -> None:
    out = render_markdown(many_result(errors=25, warnings=0, infos=0))
    shown, _, rest = out.partition("<details><summary>5 more finding(s)</summary>")
    assert shown.count("| 🔴 |") == 20 and rest.count("| 🔴 |") == 5
    assert out.startswith("### ❌ manifest-lint: 25 errors, 0 warnings, 0 infos\n")


def test_markdown_clean_run() -> None:
    out = render_markdown(CheckResult(findings=(), scoreboard=None))
    assert out.startswith("### ✅ manifest-lint: 0 errors") and "No findings." in out


def test_markdown_scoreboard_table() -> None:
    out = render_markdown(hostile_result())
    assert "**Parity: 40.0%** — 3 ported, 1 retired, 6 remaining of 10." in out
    assert "| billing | 33.3% | 2 | 0 | 4 | 6 |" in out


def test_junit_counts_and_clean_case() -> None:
    root = ET.fromstring(render_junit(many_result(2, 1, 0)).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "3")
    clean = ET.fromstring(render_junit(CheckResult(findings=(), scoreboard=None)).encode("utf-8"))
    cases = clean.findall("./testsuite/testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None


def test_rdjson_severities_and_codes() -> None:
    diagnostics = json.loads(render_rdjson(many_result(1, 1, 1)))["diagnostics"]
    assert [d["severity"] for d in diagnostics] == ["ERROR", "WARNING", "INFO"]
    assert diagnostics[0]["code"]["value"] == "ML201"
    assert diagnostics[0]["code"]["url"].endswith("/uncovered-surface.md")
