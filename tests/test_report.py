"""The audit report over real analyses of synthetic records (tests/rows_data.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from spacy.language import Language

from recordqa.report import CSP, STYLE_HASH, render_report
from recordqa.store.rows import StoredRecord
from recordqa.tally import check_tallies, grade_counts, month, overall

from .rows_data import ERRORS, SCRIPT, rows


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self._in_h2 = tag == "h2"
        if tag == "h2":
            self.h2.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2[-1] += data


@pytest.fixture(scope="module")
def plain(nlp: Language) -> tuple[StoredRecord, ...]:
    return rows(keep_text=False)


@pytest.fixture(scope="module")
def kept(nlp: Language) -> tuple[StoredRecord, ...]:
    return rows(keep_text=True)


@pytest.fixture(scope="module")
def html(plain: tuple[StoredRecord, ...]) -> str:
    return render_report(plain, ERRORS, title="Team audit <Q1>", profile="default")


def parse(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def card(html: str, label: str) -> str:
    m = re.search(r'<span class="n">([^<]*)</span><span class="k">' + re.escape(label) + "</span>", html)
    assert m, label
    return m.group(1)


def row_of(html: str, first_cell: str) -> list[str]:
    """The cells of the table row whose first cell is exactly `first_cell` (markup stripped)."""
    for tr in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r}")


def test_counts_and_sections(html: str, plain: tuple[StoredRecord, ...]) -> None:
    assert card(html, "records scored") == str(len(plain)) == "18"
    assert card(html, "error rows") == "2"
    assert card(html, "inputs in all") == "20"
    assert card(html, "workers") == "4" and card(html, "teams") == "2"
    t = parse(html)
    assert [h.split(" ")[0] for h in t.h2] == [
        "Grade",
        "Pass",
        "Per",
        "Per",
        "Trend",
        "The",
        "Error",
    ]
    assert t.tags.count("svg") >= 4  # grades, checks, teams, trend
    assert "<title>Team audit &lt;Q1&gt;</title>" in html


def test_grade_distribution_matches_the_rows(html: str, plain: tuple[StoredRecord, ...]) -> None:
    counts = grade_counts(plain)
    assert counts["outstanding"] + counts["good"] + counts["requires_improvement"] + counts["inadequate"] == 18
    assert counts["inadequate"] == 6  # W03's six weak records
    assert row_of(html, "Inadequate")[1] == "6"
    assert row_of(html, "Outstanding")[1] == str(counts["outstanding"])


def test_pass_rate_per_check_team_and_worker(html: str, plain: tuple[StoredRecord, ...]) -> None:
    tallies = check_tallies(plain)
    jargon = tallies["jargon"]
    # W01 and W02 pass jargon in all 8 records; W07 (acronyms) and W03 (weak) never do.
    assert (jargon.applicable, jargon.passed) == (18, 8)
    cells = row_of(html, "jargonJargon and acronyms are explained or avoided")
    assert cells[1:3] == ["18", "8"] and cells[-1] == f"{100 * 8 / 18:.0f}%"
    t1 = row_of(html, "T1")
    t2 = row_of(html, "T2")
    assert t1[1] == "12" and t2[1] == "6"
    assert float(t1[2]) > 85 > 40 > float(t2[2])  # mean scores
    r1 = overall([r for r in plain if r.team == "T1"]).rate
    assert r1 is not None and t1[3] == f"{100 * r1:.0f}%"
    assert row_of(html, "W03")[1] == "6" and row_of(html, "W07")[1] == "4"
    assert row_of(html, "W03")[4] == "0%"  # good or better


def test_trend_by_month_uses_event_then_scored_date(html: str, plain: tuple[StoredRecord, ...]) -> None:
    months = sorted({month(r) for r in plain})
    assert months == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]  # the undated one: scored in May
    assert row_of(html, "2026-05")[1] == "1"
    assert row_of(html, "2026-04")[1] == "5"
    assert "<polyline" in html


def test_lowest_records_with_findings_and_no_text(html: str, plain: tuple[StoredRecord, ...]) -> None:
    lowest = html.split('id="lowest"')[1].split('id="errors"')[0]
    first = re.search(r"<h3><code>([^<]+)</code></h3>", lowest)
    assert first and first.group(1).startswith("W03-")  # the weakest records first
    assert "child-voice/missing" in lowest and "minimising-language/rough-handling" in lowest
    assert re.search(r"<td class=\"num\">0–\d+</td>", lowest)  # offsets
    assert "Words (kept)" not in html
    # No note text: the records' own sentences are nowhere in the report.
    for r in rows(keep_text=True):
        assert r.text is not None
        for sentence in ("Home visit to", "Rough handling was reported", "She told me", "alert("):
            if sentence in r.text:
                assert sentence not in html


def test_kept_text_is_shown_escaped(kept: tuple[StoredRecord, ...]) -> None:
    html = render_report(kept, ERRORS, title="<script>alert(1)</script>", profile="default")
    assert "Home visit to" in html and "Words (kept)" in html  # the kept finding words are shown
    assert "Rough handling" in html
    assert SCRIPT not in html and "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;2026-13-01&lt;/b&gt;" in html  # the error row's message, escaped too
    assert "<b>" not in html
    assert "script" not in parse(html).tags


def test_self_contained(html: str) -> None:
    t = parse(html)
    assert "script" not in t.tags and "link" not in t.tags and "img" not in t.tags and "iframe" not in t.tags
    for name, value in t.attrs:
        assert name not in ("src", "href", "style") and not name.startswith("on"), (name, value)
    assert (
        "url(" not in html and "@import" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    )
    assert "https://" not in html
    assert f"style-src '{STYLE_HASH}'" in CSP and CSP in html.replace("&#x27;", "'")
    assert "@media print" in html


def test_empty_audit() -> None:
    html = render_report([], [], title="Nothing", profile="default")
    assert card(html, "records scored") == "0"
    assert "None: every input was scored." in html
