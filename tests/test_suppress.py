"""Suppression: a finding kept on purpose is reported with its reason, never silently dropped."""

from __future__ import annotations

from recordqa import engine
from recordqa.models import Record, Suppression


def test_input_suppression_moves_the_finding_with_its_reason(nlp) -> None:  # type: ignore[no-untyped-def]
    rec = Record(
        text="The CIN plan was reviewed. I saw Amy alone.",
        record_type="visit",
        suppress=[Suppression(code="jargon/acronym", text="CIN", reason="the family's own word")],
    )
    r = engine.analyse(rec)
    assert [f.text for f in r.check("jargon").findings] == []
    assert [(f.text, f.code, f.suppression.reason) for f in r.suppressed if f.suppression] == [
        ("CIN", "jargon/acronym", "the family's own word")
    ]


def test_inline_marker_suppresses_and_is_not_itself_flagged(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Amy has LAC reviews. [rq-ignore jargon/acronym "LAC": Amy asked us to use this word]'
    r = engine.analyse(Record(text=text, record_type="visit"))
    assert r.check("jargon").findings == []
    [kept] = r.suppressed
    assert kept.text == "LAC" and kept.suppression and kept.suppression.inline
    assert kept.suppression.reason == "Amy asked us to use this word"
    assert text[kept.start : kept.end] == "LAC"


def test_a_suppression_for_other_text_leaves_findings_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    rec = Record(
        text="The CIN plan and the TAF meeting.",
        record_type="visit",
        suppress=[Suppression(text="CIN", reason="known to the family")],
    )
    r = engine.analyse(rec)
    assert [f.text for f in r.check("jargon").findings] == ["TAF"]
    assert [f.text for f in r.suppressed] == ["CIN"]
