"""The coaching summary over real analyses of synthetic records (tests/rows_data.py), and
`recordqa coach` over a real store (SQLite)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from recordqa.cli import main
from recordqa.coach import NoRecordsError, for_worker, render_html, render_text, summarise
from recordqa.store.rows import StoredRecord

from .rows_data import ERRORS, SCRIPT, rows


@pytest.fixture(scope="module")
def plain(nlp: Language) -> tuple[StoredRecord, ...]:
    return rows(keep_text=False)


@pytest.fixture(scope="module")
def kept(nlp: Language) -> tuple[StoredRecord, ...]:
    return rows(keep_text=True)


def test_rates_beside_the_own_team(plain: tuple[StoredRecord, ...]) -> None:
    s = summarise(plain, worker="W07")
    assert (s.team, s.team_basis, s.records, s.team_records, s.team_workers) == ("T1", "own", 4, 12, 3)
    by = {c.check: c for c in s.checks}
    assert (by["jargon"].worker_applicable, by["jargon"].worker_passed, by["jargon"].worker_rate) == (4, 0, 0.0)
    assert by["jargon"].team_rate == pytest.approx(8 / 12)
    assert by["child-voice"].worker_rate == pytest.approx(3 / 4)  # one record without the child's words
    assert by["child-voice"].team_rate == pytest.approx(11 / 12)
    assert by["seen-alone"].worker_rate == by["seen-alone"].team_rate == 1.0
    assert by["report-tone"].worker_rate is None  # never applies to a visit record


def test_top_area_is_the_weakest_check(plain: tuple[StoredRecord, ...]) -> None:
    s = summarise(plain, worker="W07")
    areas = [a.check for a in s.coaching]
    assert areas[0] == "jargon"
    assert "child-voice" in areas
    assert len(areas) <= 3
    top = s.coaching[0]
    # priority = gap × share of the worker's records the check applies to
    assert top.gap == pytest.approx(8 / 12, abs=1e-4)
    assert top.applies == 1.0 and top.priority == pytest.approx(top.gap * top.applies, abs=1e-4)
    assert top.not_passed == 4
    assert [a.priority for a in s.coaching] == sorted((a.priority for a in s.coaching), reverse=True)
    assert 2 <= len(top.examples) <= 3
    assert {e.code for e in top.examples} == {"jargon/acronym"}
    assert all(e.record.startswith("W07-") for e in top.examples)
    assert len({e.record for e in top.examples}) == len(top.examples)  # from different records
    assert all(e.text is None for a in s.coaching for e in a.examples)  # text not kept


def test_what_they_do_well(plain: tuple[StoredRecord, ...]) -> None:
    s = summarise(plain, worker="W07")
    well = {st.check for st in s.strengths}
    assert "seen-alone" in well and "minimising-language" in well
    assert "jargon" not in well and "child-voice" not in well
    assert all(st.worker_rate > 0 and st.worker_rate >= (st.team_rate or 0) for st in s.strengths)


def test_examples_carry_text_only_where_kept(kept: tuple[StoredRecord, ...]) -> None:
    s = summarise(kept, worker="W07")
    texts = {e.text for e in s.coaching[0].examples}
    assert texts <= {"IRO", "LADO"} and texts
    html = render_html(s)
    assert '<span class="kept">IRO</span>' in html


def test_team_given_and_everyone(plain: tuple[StoredRecord, ...]) -> None:
    s = summarise(plain, worker="W07", team="T2")
    assert (s.team, s.team_basis, s.team_records) == ("T2", "given", 6)
    assert s.coaching == []  # W07 passes every check at least as often as T2
    assert {"child-voice", "seen-alone", "fact-opinion"} <= {st.check for st in s.strengths}
    lone = [replace(r, worker="W09", team="", key=r.key + "-lone") for r in plain if r.worker == "W01"]
    s = summarise([*plain, *lone], worker="W09")
    assert (s.team, s.team_basis, s.team_records) == ("everyone", "everyone", 22)


def test_since_and_trend(plain: tuple[StoredRecord, ...]) -> None:
    s = summarise(plain, worker="W07")
    assert [m.month for m in s.trend] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert s.trend[0].mean_score is not None and s.trend[1].mean_score is not None
    assert s.trend[0].mean_score < s.trend[1].mean_score  # January's record lacks the child's words
    later = summarise(plain, worker="W07", since=date(2026, 2, 1))
    assert later.records == 3 and later.since == date(2026, 2, 1)
    assert "child-voice" not in [a.check for a in later.coaching]
    assert later.coaching[0].check == "jargon"


def test_unknown_worker(plain: tuple[StoredRecord, ...]) -> None:
    with pytest.raises(NoRecordsError, match="W99"):
        summarise(plain, worker="W99")
    with pytest.raises(NoRecordsError):
        summarise(plain, worker="W07", since=date(2027, 1, 1))


def test_text_rendering(plain: tuple[StoredRecord, ...], kept: tuple[StoredRecord, ...]) -> None:
    text = render_text(summarise(plain, worker="W07"))
    assert "1. jargon" in text and "compared with team T1" in text and "priority =" in text
    assert "She told me" not in text and "Home visit to" not in text
    kept_text = render_text(summarise(kept, worker="W07"))
    assert '"IRO"' in kept_text


def test_html_escapes_kept_text_and_ids(kept: tuple[StoredRecord, ...]) -> None:
    # W03 with only the record whose flagged words hold markup.
    data = [r for r in kept if r.worker != "W03" or r.key == "W03-hostile"]
    data = [replace(r, worker="<i>W03</i>") if r.worker == "W03" else r for r in data]
    s = summarise(data, worker="<i>W03</i>", team="T1")
    html = render_html(s)
    assert any(e.text and SCRIPT in e.text for a in s.coaching for e in a.examples)
    assert "<script" not in html.lower() and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;i&gt;W03&lt;/i&gt;" in html
    assert "<svg" in html and "@media print" in html


def test_cli_coach_from_a_store(plain: tuple[StoredRecord, ...], tmp_path: Path) -> None:
    from recordqa.store import Store

    url = f"sqlite:///{tmp_path / 'coach.db'}"
    store = Store(url)
    store.upgrade()
    store.save(list(plain), list(ERRORS))
    try:
        assert for_worker(store, worker="W07").coaching[0].check == "jargon"
    finally:
        store.dispose()

    out = io.StringIO()
    assert main(["coach", "--worker", "W07", "--db", url], out=out) == 0
    assert "Where coaching would help most" in out.getvalue() and "1. jargon" in out.getvalue()

    out = io.StringIO()
    assert main(["coach", "--worker", "W07", "--db", url, "--format", "json", "--since", "2026-02-01"], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["records"] == 3 and data["team"] == "T1" and data["coaching"][0]["check"] == "jargon"

    out = io.StringIO()
    assert main(["coach", "--worker", "W07", "--team", "T2", "--db", url, "--format", "html"], out=out) == 0
    assert out.getvalue().startswith("<!doctype html>") and "team T2" in out.getvalue()

    assert main(["coach", "--worker", "W99", "--db", url], out=io.StringIO()) == 3
    assert main(["coach", "--worker", "W07", "--db", f"sqlite:///{tmp_path / 'none.db'}"], out=io.StringIO()) == 3
    assert not (tmp_path / "none.db").exists()
    assert main(["coach", "--worker", "W07", "--since", "March", "--db", url], out=io.StringIO()) == 2
