"""actions (owner and timescale) and analysis (what it means for the child)."""

from __future__ import annotations

import pytest

from .conftest import Analyse

ACTIONS = [
    ("I will visit Kai on 12 May.", "complete"),
    ("Next steps:\n- I will ring the school by Friday.\n- Ms Reid will book the GP within 5 working days.", "complete"),
    ("SW to continue to monitor, ongoing.", "partial"),
    ("Will visit again next month.", "partial"),
    ("I will review the plan ASAP.", "partial"),
    ("Mr Cole will take Kai swimming every week.", "partial"),
    ("Mr Cole will take Kai swimming every week from 3 June.", "complete"),
    ("Kai played with his trains. Mum made tea.", "none"),
    ("Kai will be five in July.", "none"),
]


@pytest.mark.parametrize(("text", "verdict"), ACTIONS)
def test_actions_verdict(analyse: Analyse, text: str, verdict: str) -> None:
    detail = analyse(text, "visit", ["Kai"], [4]).check("actions").detail
    assert detail is not None and detail["verdict"] == verdict


ANALYSIS = [
    ("I am worried that Kai is missing school because he is caring for his mum.", True),
    ("For Kai this means he has less time to play with friends.", True),
    ("I visited at 3pm. Kai showed me his room. I left at 4pm.", False),
]


@pytest.mark.parametrize(("text", "present"), ANALYSIS)
def test_analysis_present(analyse: Analyse, text: str, present: bool) -> None:
    detail = analyse(text, "visit", ["Kai"], [8]).check("analysis").detail
    assert detail is not None and detail["present"] is present
