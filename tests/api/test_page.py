"""The page in a real browser (Playwright driving Debian's Chromium), served over real HTTP.

Skipped, with the reason, where /usr/bin/chromium is missing (`make test` installs it when run
as root); the page is still checked over HTTP by test_service.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ..conftest import ROOT
from .conftest import ARTIFACTS, NEEDS_BROWSER, Served

SAMPLE = (ROOT / "recordqa" / "data" / "sample_visit.txt").read_text(encoding="utf-8")

pytestmark = NEEDS_BROWSER
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")


def open_page(browser: Any, served: Served, bypass_csp: bool) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=served.base, bypass_csp=bypass_csp)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.base)
    pg = context.new_page()
    pg.problems = []  # console errors, CSP violations, dialogs
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.goto("/")
    pg.wait_for_selector("#profile option", state="attached")
    return context, pg


@pytest.fixture()
def page(browser: Any, served: Served) -> Iterator[Any]:
    """The page with its CSP lifted, so that any markup the page wrongly inserted would run:
    the tests see what the page's own code does, not what the CSP catches."""
    context, pg = open_page(browser, served, bypass_csp=True)
    yield pg
    context.close()


def write(pg: Any, text: str, record_type: str = "visit") -> None:
    """Choose the record type, write the text, and wait for the check after the pause."""
    pg.select_option("#record-type", record_type)
    pg.fill("#note", text)
    pg.wait_for_selector("#status:text-matches('^Checked')", timeout=20_000)


def hover_mark(pg: Any, words: str) -> Any:
    mark = pg.locator("#mirror mark.hl", has_text=words).first
    box = mark.bounding_box()
    assert box, f"no mark for {words!r}"
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pg.wait_for_selector("#tip:not([hidden])")
    return mark


def test_type_see_highlights_panel_and_tooltips(page: Any) -> None:
    pg = page
    pg.select_option("#record-type", "visit")
    pg.click("#note")
    pg.keyboard.type("SW visited Amy. ")  # typed, key by key
    pg.fill("#note", SAMPLE)
    pg.wait_for_selector("#status:text-matches('^Checked')", timeout=20_000)
    assert pg.locator("#mirror mark.hl").count() >= 5
    assert pg.locator("#score").inner_text() not in {"", "–"}
    assert pg.locator("#grade").inner_text() in {"Outstanding", "Good", "Requires improvement", "Inadequate"}
    checks = pg.locator("#checks li")
    assert checks.count() >= 9
    assert "fail" in pg.locator("#checks li", has_text="Jargon").inner_text()

    # Hover: message, suggestion and the standard, with its file and line.
    hover_mark(pg, "contact")
    tip = pg.locator("#tip").inner_text()
    assert "family time" in tip and "Suggestion" in tip
    assert "Leeds" in tip or "Calderdale" in tip or "York" in tip
    assert ".txt, line " in tip
    pg.keyboard.press("Escape")
    assert pg.locator("#tip").is_hidden()

    # Keyboard: Tab from the text reaches the first mark, which shows its tooltip and is described by it.
    pg.focus("#note")
    pg.keyboard.press("Tab")
    focused = pg.evaluate(
        "({tag: document.activeElement.tagName, cls: document.activeElement.className,"
        " described: document.activeElement.getAttribute('aria-describedby')})"
    )
    assert focused["tag"] == "MARK" and "hl" in focused["cls"] and focused["described"] == "tip"
    assert pg.locator("#tip").is_visible() and pg.locator("#tip").inner_text().strip()

    # Enter on a mark selects its words in the textarea.
    pg.keyboard.press("Enter")
    sel = pg.evaluate(
        "(() => { const t = document.querySelector('#note'); return t.value.slice(t.selectionStart, t.selectionEnd); })()"
    )
    assert sel and sel in SAMPLE
    assert not pg.problems, pg.problems


def test_clicking_a_finding_selects_its_words(page: Any) -> None:
    pg = page
    text = "😀 Home visit. 👩‍👧 SW discussed the CIN plan with Amy.\nMum is chaotic."
    write(pg, text)
    button = pg.locator("#findings button", has_text="'CIN'").first
    button.click()
    state = pg.evaluate(
        "(() => { const t = document.querySelector('#note');"
        " return {focused: document.activeElement === t, sel: t.value.slice(t.selectionStart, t.selectionEnd)}; })()"
    )
    assert state == {"focused": True, "sel": "CIN"}  # UTF-16 offsets right after emoji (one of them four code points)
    pg.locator("#findings button:has(.quote:text-is('chaotic'))").first.click()
    sel = pg.evaluate(
        "(() => { const t = document.querySelector('#note'); return t.value.slice(t.selectionStart, t.selectionEnd); })()"
    )
    assert sel == "chaotic"


def test_markup_in_a_record_is_shown_as_text(page: Any) -> None:
    pg = page
    evil = "SW visited. <script>alert(1)</script> Mum said <img src=x onerror=alert(1)> was chaotic.\n<b>bold</b>"
    write(pg, evil)
    pg.wait_for_timeout(300)
    assert pg.locator("img").count() == 0
    assert pg.locator("#mirror script, #mirror b, #findings script, #tip script").count() == 0
    mirror_text = pg.locator("#mirror").text_content()
    assert "<script>alert(1)</script>" in mirror_text and "<img src=x onerror=alert(1)>" in mirror_text
    hover_mark(pg, "chaotic")
    assert not any(p.startswith("dialog") for p in pg.problems), pg.problems
    assert not pg.problems, pg.problems


def test_copy_clean_text_gives_back_exactly_what_was_typed(page: Any) -> None:
    pg = page
    text = '  SW visited Amy 😀.\tShe said, "I\'m fine".\n\nMum is chaotic.  \n- TBC  '
    write(pg, text)
    pg.click("#copy")
    pg.wait_for_selector("#status:text-matches('^Copied')")
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert copied == text


def test_screenshot_at_laptop_size(page: Any) -> None:
    pg = page
    write(pg, SAMPLE)
    hover_mark(pg, "PEP")
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "page.png"))
    # The editor and the panel fit a 1366×768 screen without the page itself scrolling.
    size = pg.evaluate("({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight})")
    assert size["w"] <= 1366 and size["h"] <= 768
    assert (ARTIFACTS / "page.png").stat().st_size > 10_000


def test_the_page_runs_under_its_own_csp(browser: Any, served: Served) -> None:
    """With the CSP enforced: no violation, no console error, the check still works."""
    context, pg = open_page(browser, served, bypass_csp=False)
    try:
        write(pg, SAMPLE)
        assert pg.locator("#mirror mark.hl").count() >= 5
        hover_mark(pg, "contact")
        assert not pg.problems, pg.problems
    finally:
        context.close()


def test_markup_in_findings_is_shown_as_text(page: Any) -> None:
    """Findings carry the record's words (a child's quote, an action without a date): markup
    in them reaches the findings panel and the tooltip as characters, never as elements."""
    pg = page
    evil = (
        'Visit to Amy. I saw Amy alone in her room. Amy said, "<img src=x onerror=alert(1)> I miss '
        '<script>alert(2)</script> my brother." The house was <i onmouseover=alert(3)>dirty</i>. '
        "SW to monitor <svg onload=alert(4)> ongoing."
    )
    write(pg, evil)
    pg.wait_for_timeout(300)
    panel = pg.locator("#findings").text_content()
    assert "<img src=x onerror=alert(1)> I miss <script>alert(2)</script> my brother." in panel
    assert "SW to monitor <svg onload=alert(4)> ongoing." in panel
    assert "<i onmouseover=alert(3)>dirty</i>" in pg.locator("#mirror").text_content()
    assert pg.locator("img, svg, i[onmouseover], #findings script, #mirror script, #tip script").count() == 0
    for button in pg.locator("#findings button.finding").all():
        button.hover()  # any handler that had been created would fire now
        button.click()
    hover_mark(pg, "monitor")
    tip = pg.locator("#tip").text_content()
    assert "timescale" in tip and pg.locator("#tip svg, #tip img, #tip script").count() == 0
    assert not pg.problems, pg.problems
