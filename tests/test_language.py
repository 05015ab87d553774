"""jargon, minimising-language and respectful-language: what is flagged and what is not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import Analyse, corpus_texts


def _texts(result, check_id: str, min_severity: tuple[str, ...] = ("error", "warning")) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.text for f in result.check(check_id).findings if f.severity in min_severity]


JARGON = [
    ("The CIN plan was discussed at the TAF.", ["CIN", "TAF"]),
    ("Amy is on a Child in Need (CIN) plan. The CIN plan is working.", []),
    ("Amy is on a CIN plan. Later: Child in Need (CIN).", ["CIN"]),
    ("Her GP and the NHS dentist were told.", []),
    ("Mrs Oduya (DSL) phoned.", ["DSL"]),
    ("Jo has contact with her dad every Saturday.", ["contact"]),
    ("I made contact with the school by phone.", []),
    ("Jo is presenting as settled in her placement.", ["presenting as", "placement"]),
    ('Jo said "my SW is nice".', []),
]


@pytest.mark.parametrize(("text", "flagged"), JARGON)
def test_jargon(analyse: Analyse, text: str, flagged: list[str]) -> None:
    assert _texts(analyse(text, "visit", ["Amy", "Jo"], [9, 9]), "jargon") == flagged


MINIMISING = [
    ("Dad said it was rough handling.", ["rough handling"]),
    ("He roughly handled the baby.", ["roughly handled"]),
    ('PC Shaw said "it looks like rough handling".', ["rough handling"]),
    ("Mum said she gave Ruby a little smack on the hand.", ["a little smack"]),
    ("The boys were bruised from rough and tumble, Dad said.", ["rough and tumble"]),
    ("He said it was only a slap when he hit his partner.", []),
    ("Staff say she is putting herself at risk by meeting older men.", ["putting herself at risk"]),
    ("Dad tapped the table to get our attention.", []),
]


@pytest.mark.parametrize(("text", "flagged"), MINIMISING)
def test_minimising(analyse: Analyse, text: str, flagged: list[str]) -> None:
    assert _texts(analyse(text, "case_note", ["Ruby"], [5]), "minimising-language") == flagged


RESPECT = [
    ("Dad was aggressive and manipulative.", "visit", ["aggressive", "manipulative"]),
    ("The bedroom was dirty.", "visit", ["dirty"]),
    ("The bedroom was dirty, with food on the carpet and a full nappy by the bed.", "visit", []),
    ("Dad's behaviour was inappropriate.", "visit", ["inappropriate"]),
    ('Jo said "my dad is chaotic".', "visit", []),
]


@pytest.mark.parametrize(("text", "record_type", "flagged"), RESPECT)
def test_respectful(analyse: Analyse, text: str, record_type: str, flagged: list[str]) -> None:
    assert _texts(analyse(text, record_type, ["Jo"], [9]), "respectful-language") == flagged


REPORT = [
    ("Mum doesn't think Jo needs help. Mum's partner agrees.", "assessment", ["Mum", "doesn't", "Mum"]),
    ("Mum's aware of the plan.", "plan", ["Mum's"]),
    ("Jo's mum does not think Jo needs help.", "assessment", []),
    ('Jo said "Mum doesn\'t listen".', "closure", []),
    ("Mum doesn't think Jo needs help.", "visit", []),  # not a report
]


@pytest.mark.parametrize(("text", "record_type", "flagged"), REPORT)
def test_report_tone(analyse: Analyse, text: str, record_type: str, flagged: list[str]) -> None:
    assert _texts(analyse(text, record_type, ["Jo"], [9]), "report-tone") == flagged


# --- readability.flesch: textstat's two scores, the same numbers, computed faster ---------


def test_flesch_gives_textstats_own_scores_on_our_records() -> None:
    import textstat

    from recordqa.checks.readability import flesch

    for text in [*corpus_texts(), "", " ", "...", "Hi.", "I'm here. Don't go! a-b c’d 3.5 pm"]:
        assert flesch(text) == (textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)), text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "Amy",
                "unhappiness",
                "rhythm",
                "I'm",
                "don't",
                "co-operate",
                "qwrtzp",
                ".",
                "!",
                "?",
                " ",
                "  ",
                "\n",
                ",",
                "’",
                "'",
                "3",
                "naïve",
                "CIN",
                "é",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_flesch_gives_textstats_own_scores_on_any_text(text: str) -> None:
    import textstat

    from recordqa.checks.readability import flesch

    assert flesch(text) == (textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text))
