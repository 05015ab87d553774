"""Quotes and who said them: the child's words apart from adults'."""

from __future__ import annotations

import pytest

from .conftest import Analyse

CASES = [
    # (text, child names, child ages, child quotes, adult quotes)
    (
        'I met Zara at school. She told me, "I want to stay with Gran."',
        ["Zara"],
        [9],
        ["I want to stay with Gran."],
        [],
    ),
    ("‘It’s boring at the contact centre,’ Deon said.", ["Deon"], [12], ["It’s boring at the contact centre,"], []),
    (
        'Ms Patel said, "I am doing my best." Zara said "Mum is kind."',
        ["Zara"],
        [9],
        ["Mum is kind."],
        ["I am doing my best."],
    ),
    ("Zara's teacher, Mr Hill, said, 'She has settled well.'", ["Zara"], [9], [], ["She has settled well."]),
    (
        'Zara\'s mother met me at the door. She said, "I have tried everything."',
        ["Zara"],
        [9],
        [],
        ["I have tried everything."],
    ),
    ("The school logged the 'incident' on Monday.", ["Zara"], [9], [], []),
    ("Tomasz signed 'more' and 'swing' when I showed him the cards.", ["Tomasz"], [7], ["more", "swing"], []),
    ('Aisha (10) wrote: "I miss my cat."', [], [], ["I miss my cat."], []),
    ("I asked Ben what he likes. He said, 'Football and my dog.'", ["Ben"], [8], ["Football and my dog."], []),
]


@pytest.mark.parametrize(("text", "names", "ages", "child", "adult"), CASES)
def test_quote_speakers(
    analyse: Analyse, text: str, names: list[str], ages: list[int], child: list[str], adult: list[str]
) -> None:
    result = analyse(text, "visit", names, ages)
    quotes = result.child_voice.quotes
    assert [q.text for q in quotes if q.speaker_role == "child"] == child
    assert [q.text for q in quotes if q.speaker_role == "adult"] == adult


def test_status_pass_warn_fail(analyse: Analyse) -> None:
    quoted = analyse('Sam said, "I like my new room."', "visit", ["Sam"], [8])
    reported = analyse("Sam told me he likes his new room.", "visit", ["Sam"], [8])
    silent = analyse("The room was decorated in blue. Mum said it was finished.", "visit", ["Sam"], [8])
    assert quoted.check("child-voice").status == "pass"
    assert reported.check("child-voice").status == "warn"
    assert silent.check("child-voice").status == "fail"


def test_infant_behaviour_is_their_voice(analyse: Analyse) -> None:
    r = analyse("Mia smiled at her dad and reached for the rattle when he shook it.", "visit", ["Mia"], [1])
    assert r.check("child-voice").status == "pass"
