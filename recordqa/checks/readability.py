"""readability: plain English a family, and the child one day, can read."""

from __future__ import annotations

import re

import textstat

from ..context import RecordContext
from ..models import Readability, Status
from .base import Check, Hit, Outcome
from .jargon import all_hits

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
LONG_SENTENCE = 25
RUN_ON = 40  # words: a sentence this long is a run-on for the plain-English verdict
# (reading ease floor, grade ceiling): adults' records, and those written to a child.
ADULT = (50.0, 10.0)
CHILD = (65.0, 7.0)


def figures(ctx: RecordContext) -> Readability:
    return ctx.memo("readability", lambda: _figures(ctx))


def _figures(ctx: RecordContext) -> Readability:
    sents = ctx.sentences
    words = WORD.findall(ctx.text)
    n_words = len(words)
    n_sents = max(1, len(sents))
    long_sents = sum(1 for s in sents if len(WORD.findall(s.text)) > LONG_SENTENCE)
    index = ctx.index
    passive = len({index.number(t) for t in index.tokens if t.dep_ in ("nsubjpass", "auxpass")})
    n_doc_sents = max(1, len(index.spans))
    long_words = sum(1 for w in words if len(w) >= 7 and textstat.syllable_count(w) >= 3)
    text = " ".join(s.text for s in sents) or ctx.text
    return Readability(
        flesch_reading_ease=round(float(textstat.flesch_reading_ease(text)), 1) if n_words else 0.0,
        flesch_kincaid_grade=round(float(textstat.flesch_kincaid_grade(text)), 1) if n_words else 0.0,
        words=n_words,
        sentences=len(sents),
        words_per_sentence=round(n_words / n_sents, 1),
        long_sentence_share=round(long_sents / n_sents, 3),
        passive_share=round(passive / n_doc_sents, 3),
        long_word_share=round(long_words / max(1, n_words), 3),
    )


def plain_english(ctx: RecordContext) -> str:
    """good / ok / poor, as checks.md defines the gold label: jargon density, run-on
    sentences and fragments."""
    words = max(1, len(WORD.findall(ctx.text)))
    flagged = sum(1 for h in all_hits(ctx)[0] if h.severity != "suggestion")
    density = 100.0 * flagged / words
    lengths = [len(WORD.findall(s.text)) for s in ctx.sentences]
    run_ons = sum(1 for n in lengths if n > RUN_ON)
    index = ctx.index
    with_verb = {index.number(t) for t in index.tokens if t.pos_ in ("VERB", "AUX")}
    n_sents = max(1, len(index.spans))
    fragments = n_sents - len(with_verb)
    if density > 6 or fragments / n_sents > 0.5 or run_ons >= 2:
        return "poor"
    mild = (1.5 if ctx.to_child else 3.0) <= density or run_ons == 1
    return "ok" if mild else "good"


def run(ctx: RecordContext) -> Outcome:
    fig = figures(ctx)
    who = "child" if ctx.to_child else "adult"
    default_floor, default_ceiling = CHILD if ctx.to_child else ADULT
    floor = float(ctx.setting("readability", f"{who}_min_reading_ease", default_floor))
    ceiling = float(ctx.setting("readability", f"{who}_max_grade", default_ceiling))
    hits: list[Hit] = []
    for s in ctx.sentences:
        n = len(WORD.findall(s.text))
        if n > LONG_SENTENCE:
            hits.append(
                Hit(
                    "readability/long-sentence",
                    s.start,
                    s.end,
                    f"This sentence has {n} words (more than {LONG_SENTENCE}).",
                    "Split it into shorter sentences, one point each.",
                    "suggestion" if n <= 40 else "warning",
                )
            )
    problems = []
    if fig.flesch_reading_ease < floor:
        problems.append(f"reading ease {fig.flesch_reading_ease} is below {floor}")
    if fig.flesch_kincaid_grade > ceiling:
        problems.append(f"grade {fig.flesch_kincaid_grade} is above {ceiling}")
    if fig.long_sentence_share > 0.2:
        problems.append(f"{fig.long_sentence_share:.0%} of sentences are long")
    detail = fig.model_dump() | {"reader": "child" if ctx.to_child else "adult", "plain_english": plain_english(ctx)}
    if not problems:
        return Outcome(
            "pass",
            1.0,
            f"Plain English: reading ease {fig.flesch_reading_ease}, grade {fig.flesch_kincaid_grade}.",
            hits,
            detail,
        )
    status: Status = "warn" if len(problems) == 1 else "fail"
    return Outcome(status, 0.6 if status == "warn" else 0.3, "Hard to read: " + "; ".join(problems) + ".", hits, detail)


CHECK = Check("readability", run)
