"""Benchmark records, generated reproducibly from our own tuning records.

    from corpus import records, record_of_chars

`records(n)` recombines paragraphs of corpora/records/tune.jsonl with a fixed seed: each
record starts with one tuning record's first paragraph (and keeps its record type and
metadata), then takes paragraphs drawn from all 60 records until it reaches a length drawn
between 60 and 400 words (most notes are 100–200 words). The same seed gives the same
records on any machine. `record_of_chars(n)` is one record of about n characters, for the
cost-growth curve. Nothing here is real: the tuning records are synthetic.
"""

from __future__ import annotations

import json
import random
import re
from functools import cache
from pathlib import Path

from recordqa.models import Record

ROOT = Path(__file__).resolve().parents[1]
TUNE = ROOT / "corpora" / "records" / "tune.jsonl"
SEED = 20261122
MIN_WORDS, MAX_WORDS, MODE_WORDS = 60, 400, 140


@cache
def _rows() -> tuple[dict, ...]:
    return tuple(json.loads(line) for line in TUNE.read_text(encoding="utf-8").splitlines() if line.strip())


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _cut(text: str, words: int) -> str:
    """The text up to its `words`-th word, whitespace kept as written."""
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return text if len(ends) <= words else text[: ends[words - 1]]


def records(n: int, seed: int = SEED) -> list[Record]:
    rng = random.Random(seed)
    rows = _rows()
    pool = [p for row in rows for p in _paragraphs(row["text"])[1:]]
    out: list[Record] = []
    for k in range(n):
        base = rows[rng.randrange(len(rows))]
        target = int(rng.triangular(MIN_WORDS, MAX_WORDS, MODE_WORDS))
        paras = [_paragraphs(base["text"])[0]]
        words = len(paras[0].split())
        while words < target:
            p = pool[rng.randrange(len(pool))]
            paras.append(p)
            words += len(p.split())
        text = _cut("\n".join(paras), MAX_WORDS)
        out.append(
            Record(
                id=f"bench-{k:05d}",
                text=text,
                record_type=base["record_type"],
                metadata=base.get("metadata") or {},
            )
        )
    return out


def record_of_chars(chars: int) -> Record:
    """One record of about `chars` characters: tuning records one after another (as a long
    chronology or assessment is), cut at the last word that fits."""
    rows = _rows()
    parts: list[str] = []
    size = 0
    k = 0
    while size < chars:
        t = rows[k % len(rows)]["text"]
        parts.append(t)
        size += len(t) + 1
        k += 1
    text = "\n".join(parts)[:chars]
    text = text[: text.rstrip().rfind(" ")] if len(text) == chars and " " in text else text
    return Record(
        id=f"chars-{chars}", text=text.rstrip(), record_type="assessment", metadata=rows[0].get("metadata") or {}
    )


def words(recs: list[Record]) -> int:
    return sum(len(r.text.split()) for r in recs)
