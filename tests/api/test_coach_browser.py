"""The audit report (opened from a file) and the /coach page (served) in a real browser:
Playwright driving Debian's Chromium, as tests/api/test_page.py does. Screenshots go to
test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from api.main import create_app
from api.settings import Settings
from recordqa.report import render_report

from ..rows_data import ERRORS, SCRIPT, rows
from .conftest import ARTIFACTS, NEEDS_BROWSER, Served, serve
from .test_coach_service import fill_store

pytestmark = NEEDS_BROWSER


def watched(context: Any) -> Any:
    pg = context.new_page()
    pg.problems = []  # console errors (CSP violations among them), page errors, dialogs
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    return pg


def test_report_from_a_file(browser: Any, nlp: Language, tmp_path: Path) -> None:
    html = render_report(rows(keep_text=True), ERRORS, title="Synthetic team audit", profile="default")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    pg = watched(context)
    pg.goto(path.as_uri())
    assert pg.locator("h1").inner_text() == "Synthetic team audit"
    headings = pg.locator("h2").all_inner_texts()
    assert headings[:5] == ["Grade distribution", "Pass rate per check", "Per team", "Per worker", "Trend by month"]
    assert pg.locator("svg.chart").count() >= 4
    box = pg.locator("svg.chart").first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 60
    # The inline style applies under the report's own CSP (allowed by its hash): no violation.
    assert pg.evaluate("getComputedStyle(document.querySelector('h1')).fontSize") == "26px"
    assert pg.problems == []
    # Kept text with markup is shown as text.
    assert pg.locator("script").count() == 0
    assert SCRIPT in pg.locator("#lowest").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    pg.emulate_media(media="print")
    assert pg.locator("h1").is_visible()
    context.close()


@pytest.fixture(scope="module")
def coach_server(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("coach-page")
    url = f"sqlite:///{folder / 'store.db'}"
    fill_store(url, keep_text=True)
    s = serve(create_app(Settings(database_url=url, audit_dir=str(folder / "jobs"))))
    yield s
    s.stop()


def open_coach(browser: Any, served: Served, query: str = "") -> tuple[Any, Any]:
    # The page's real CSP stays on: a violation would show as a console error.
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=served.base)
    pg = watched(context)
    pg.goto("/coach" + query)
    return context, pg


def test_coach_page_shows_a_summary(browser: Any, coach_server: Served) -> None:
    context, pg = open_coach(browser, coach_server)
    pg.fill("#worker", "W07")
    pg.click("#show")
    pg.wait_for_selector("#summary:not([hidden])", timeout=20_000)
    assert pg.locator("#summary-title").inner_text() == "Coaching summary: W07"
    areas = pg.locator("#coaching > li")
    assert areas.count() >= 2
    assert areas.first.get_attribute("data-check") == "jargon"
    assert areas.first.locator(".kept").first.inner_text() in ("IRO", "LADO")  # the text was kept
    assert pg.locator("#strengths li").count() >= 3
    assert pg.locator("#checks tr").count() >= 10
    width = pg.evaluate("document.querySelector('#checks tr .bar.team').getBoundingClientRect().width")
    assert width > 0
    assert pg.locator("#trend-chart svg circle").count() >= 4
    assert pg.locator("#trend tr").count() == 4
    assert "worker=W07" in pg.url
    assert not pg.locator("#print").is_disabled()
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "coach.png"), full_page=True)
    pg.emulate_media(media="print")
    assert not pg.locator("#ask").is_visible() and pg.locator("#summary").is_visible()
    assert pg.problems == []
    context.close()


def test_coach_page_from_a_link_and_errors(browser: Any, coach_server: Served) -> None:
    context, pg = open_coach(browser, coach_server, "?worker=W99")
    pg.wait_for_selector("#status.error", timeout=20_000)
    assert "No scored records for worker 'W99'" in pg.locator("#status").inner_text()
    assert pg.locator("#summary").is_hidden()
    assert pg.problems == [] or all("404" in p for p in pg.problems)  # the failed fetch is logged by Chromium
    context.close()


def test_coach_page_shows_markup_as_text(browser: Any, coach_server: Served) -> None:
    # W03's only record has "<script>…</script>" in the words a finding flags (kept).
    context, pg = open_coach(browser, coach_server, "?worker=W03&team=T1")
    pg.wait_for_selector("#summary:not([hidden])", timeout=20_000)
    kept = " ".join(pg.locator("#coaching .kept").all_inner_texts())
    assert SCRIPT in kept
    assert pg.locator("#summary script").count() == 0
    assert not any(p.startswith("dialog") for p in pg.problems)
    context.close()
