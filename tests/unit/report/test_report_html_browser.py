from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browser import chromium_session, png_pixels
from report_samples import hostile_result

from manifest_lint.report.html import PORTED_COLOUR, RETIRED_COLOUR, render_html

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.browser


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def test_report_page_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "parity.html"
    page.write_text(render_html(hostile_result()), encoding="utf-8")
    with chromium_session() as browser:
        browser.open(page.as_uri())
        title = browser.script("return document.title")
        assert title == "manifest-lint parity report"
        assert browser.script("return performance.getEntriesByType('resource').length") == 0  # self-contained
        # The route path holding <script> is text, not an element; only the page's own script ran.
        assert browser.script("return document.scripts.length") == 1
        cell = browser.script(
            "return document.querySelector('#surfaces tbody tr td:nth-child(3)').textContent"
        )
        assert cell == "GET /a::b/<script>x</script>"
        # Sorting works: clicking Owned twice sorts descending, billing (6) before auth (4).
        order = browser.script(
            "var th = document.querySelectorAll('#domains th')[6]; th.click(); th.click();"
            "return Array.from(document.querySelectorAll('#domains tbody tr td:first-child'))"
            ".map(function (c) { return c.textContent; });"
        )
        assert order == ["billing", "auth <b>| — Auth & `login`"]
        severity_sorted = browser.script(
            "var th = document.querySelectorAll('#findings th')[0]; th.click(); th.click();"
            "return document.querySelector('#findings tbody tr td').textContent;"
        )
        assert severity_sorted == "info"
        problems = [entry for entry in browser.console() if entry.get("level") in {"SEVERE", "WARNING"}]
        assert problems == []
        width, height, pixels = png_pixels(browser.screenshot())
    assert width > 600 and height > 400
    present = set(pixels)
    assert _rgb(PORTED_COLOUR) in present
    assert _rgb(RETIRED_COLOUR) in present
    ported = sum(1 for p in pixels if p == _rgb(PORTED_COLOUR))
    assert ported > 500  # whole bars, not a stray pixel


def test_console_errors_are_caught(tmp_path: Path) -> None:
    """The console check above is not vacuous: a broken page is seen as broken."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
    with chromium_session() as browser:
        browser.open(page.as_uri())
        levels = [entry.get("level") for entry in browser.console()]
    assert "SEVERE" in levels
