"""Prefiltered patterns (recordqa.lexicon.Prefiltered) answer exactly as their own regex."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest

from recordqa import lexicon
from recordqa.lexicon import Prefiltered, lowered, needed_strings, prefiltered

ROOT = Path(lexicon.__file__).resolve().parents[1]  # the repository


def _patterns() -> list[Prefiltered]:
    import recordqa.checks  # every check module, with its patterns
    import recordqa.classifier  # noqa: F401

    found: dict[int, Prefiltered] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("recordqa"):
            continue
        for value in vars(module).values():
            values = value.values() if isinstance(value, dict) else [value]
            for v in values:
                if isinstance(v, Prefiltered):
                    found[id(v)] = v
    return list(found.values())


def _texts() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "corpora/records/tune.jsonl").read_text().splitlines() if line]
    texts = [r["text"] for r in rows]
    sents = [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n", t) if s]
    rng = random.Random(1)
    out = texts + sents
    for s in sents[:1500]:
        i = rng.randrange(len(s) + 1)
        out += [
            s.upper(),
            s.swapcase(),
            s[:i] + rng.choice(["\u0130", "\u0131", "\u017f", "\u212a", "’", "é"]) + s[i:],
            s.replace("s", "\u017f").replace("k", "\u212a").replace("i", "\u0131"),
            s.replace("S", "\u017f").replace("K", "\u212a").replace("I", "\u0130"),
        ]
    return out


def test_every_prefiltered_pattern_answers_as_its_regex() -> None:
    patterns = _patterns()
    assert len(patterns) > 30
    texts = _texts()
    for p in patterns:
        for t in texts:
            want = p.regex.search(t)
            assert (m.span() if (m := p.search(t)) else None) == (want.span() if want else None), (p, t)
            assert (m.span() if (m := p.search_lowered(t, lowered(t))) else None) == (want.span() if want else None)
            want_m = p.regex.match(t)
            assert (m.span() if (m := p.match(t)) else None) == (want_m.span() if want_m else None)
            assert [m.span() for m in p.finditer(t)] == [m.span() for m in p.regex.finditer(t)]
            assert p.sub("", t) == p.regex.sub("", t)


@pytest.mark.parametrize(
    ("pattern", "flags", "needles"),
    [
        (r"\b(?:said|says)\b", re.I, ["said", "says"]),
        (r"concerns?", re.I, ["concern"]),
        (r"\bon\s+(?:his|her)\s+own\b", re.I, ["own"]),
        (r"\w+\s\d", 0, None),  # nothing every match must contain
        (r"I\s+saw", 0, ["saw"]),
    ],
)
def test_needed_strings(pattern: str, flags: int, needles: list[str] | None) -> None:
    assert needed_strings(re.compile(pattern, flags)) == needles


def test_short_needles_are_not_worth_a_prefilter() -> None:
    rx = re.compile(r"\b(?:I|we)\b")
    assert prefiltered(rx) is rx
    p = prefiltered(re.compile("alone", re.I))
    assert isinstance(p, Prefiltered) and prefiltered(p) is p  # wrapping is idempotent
