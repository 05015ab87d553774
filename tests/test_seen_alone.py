"""seen-alone: alone / not_alone / not_seen / not_stated, negation and the reason."""

from __future__ import annotations

import pytest

from .conftest import Analyse

CASES = [
    ("I saw Noah alone in his bedroom and we played Lego.", "alone", None),
    ("Noah and I talked on our own in the garden.", "alone", None),
    ("I spoke to Noah without his dad present.", "alone", None),
    ("Noah was not seen alone because he was asleep.", "not_alone", True),
    ("I was unable to see Noah alone.", "not_alone", False),
    ("I saw Noah with his father present throughout the visit.", "not_alone", False),
    ("There was no answer at the door, so Noah was not seen.", "not_seen", True),
    ("Noah was not seen.", "not_seen", False),
    ("Noah was playing with his cars while I spoke to his father.", "not_stated", None),
    ("I will see Noah alone at school next week.", "not_stated", None),
]


@pytest.mark.parametrize(("text", "status", "reason"), CASES)
def test_seen_alone(analyse: Analyse, text: str, status: str, reason: bool | None) -> None:
    r = analyse(text, "visit", ["Noah"], [6])
    assert r.seen_alone.status == status
    assert r.seen_alone.reason_given is reason


def test_second_child_not_alone_without_reason(analyse: Analyse) -> None:
    text = "I saw Ella alone in her room. I saw Finn in the lounge with his mother present."
    r = analyse(text, "visit", ["Ella", "Finn"], [9, 5])
    assert r.seen_alone.status == "not_alone"
    text2 = "I saw Ella alone in her room. Finn is two, so I did not see him alone."
    assert analyse(text2, "visit", ["Ella", "Finn"], [9, 2]).seen_alone.status == "alone"
