"""readability: plain English a family, and the child one day, can read."""

from __future__ import annotations

import functools
import re

import textstat
from textstat.backend.utils import get_cmudict, get_lang_cfg, get_lang_root, get_pyphen

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


TEXTSTAT_LANG = "en_US"  # textstat's default; recordqa never changes it


@functools.lru_cache(maxsize=20_000)
def _syllables(word: str) -> int:
    """textstat's syllable count of one word (its own cache keeps only 128 entries)."""
    return int(textstat.syllable_count(word))


@functools.lru_cache(maxsize=50_000)
def _word_syllables(word: str) -> int:
    """The syllables textstat's count_syllables adds for one (lower-case) word: the CMU
    dictionary's stressed vowels, or Pyphen's hyphenation points plus one."""
    try:
        phones = get_cmudict(TEXTSTAT_LANG)[word][0]
        return sum(1 for p in phones if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(get_pyphen(TEXTSTAT_LANG).positions(word)) + 1


# textstat 0.7.8's word and sentence counting (backend/selections/_list_words.py,
# transformations/_remove_punctuation.py, counts/_count_sentences.py), compiled once.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_WORD_CHARACTER = re.compile(r"\w")


def _textstat_words(text: str) -> list[str]:
    """`textstat.backend.selections.list_words(text)`: punctuation removed (apostrophes
    in contractions kept), split at whitespace."""
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).split()


def _at_most_two_words(piece: str) -> bool:
    """`textstat count_words(piece) <= 2`. Removing punctuation deletes no whitespace, so its
    words are the piece's whitespace-separated parts that keep a character: those holding a
    word character (an apostrophe it keeps is followed by one)."""
    n = 0
    for part in piece.split():
        if part.isalnum() or _WORD_CHARACTER.search(part):
            n += 1
            if n > 2:
                return False
    return True


def _textstat_sentences(text: str) -> int:
    """`textstat.backend.counts.count_sentences(text)`."""
    if len(text) == 0:
        return 0
    pieces = _TEXTSTAT_SENTENCE.findall(text)
    ignore = sum(1 for piece in pieces if _at_most_two_words(piece))
    return max(1, len(pieces) - ignore)


def flesch(text: str) -> tuple[float, float]:
    """`textstat.flesch_reading_ease(text)` and `textstat.flesch_kincaid_grade(text)`, the
    same numbers computed the same way (textstat 0.7.8's formulas and its word and sentence
    counts, done here as it does them), but with each word's syllables looked up once per
    process rather than once per record: the pronouncing-dictionary lookups were most of
    the cost. tests/test_language.py compares the two on every record we have."""
    cleaned = _textstat_words(text)
    words = len(cleaned)  # count_words(text)
    try:
        sentence_length = words / _textstat_sentences(text)
    except ZeroDivisionError:
        sentence_length = 0.0
    try:
        # list_words(text, lowercase=True): the same words, lower-cased
        syllables = (sum(_word_syllables(w.lower()) for w in cleaned) if text else 0) / words
    except ZeroDivisionError:
        syllables = 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0, 0.0
    root = get_lang_root(TEXTSTAT_LANG)
    ease = (
        get_lang_cfg(root, "fre_base")
        - get_lang_cfg(root, "fre_sentence_length") * sentence_length
        - get_lang_cfg(root, "fre_syll_per_word") * syllables
    )
    grade = (0.39 * sentence_length) + (11.8 * syllables) - 15.59
    return ease, grade


def _words(ctx: RecordContext) -> list[str]:
    """The record's words (counted by three readers here: found once)."""
    return ctx.memo("readability-words", lambda: WORD.findall(ctx.text))


def _sentence_words(ctx: RecordContext) -> list[int]:
    """The number of words in each sentence (found once)."""
    return ctx.memo("readability-sentence-words", lambda: [len(WORD.findall(s.text)) for s in ctx.sentences])


def figures(ctx: RecordContext) -> Readability:
    return ctx.memo("readability", lambda: _figures(ctx))


def _figures(ctx: RecordContext) -> Readability:
    sents = ctx.sentences
    words = _words(ctx)
    n_words = len(words)
    n_sents = max(1, len(sents))
    long_sents = sum(1 for n in _sentence_words(ctx) if n > LONG_SENTENCE)
    index = ctx.index
    deps = index.deps
    passive = len(index.sentence_numbers([i for i, d in enumerate(deps) if d in ("nsubjpass", "auxpass")]))
    n_doc_sents = max(1, len(index.spans))
    long_words = sum(1 for w in words if len(w) >= 7 and _syllables(w) >= 3)
    text = " ".join(s.text for s in sents) or ctx.text
    ease, grade = flesch(text) if n_words else (0.0, 0.0)
    return Readability(
        flesch_reading_ease=round(float(ease), 1) if n_words else 0.0,
        flesch_kincaid_grade=round(float(grade), 1) if n_words else 0.0,
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
    words = max(1, len(_words(ctx)))
    flagged = sum(1 for h in all_hits(ctx)[0] if h.severity != "suggestion")
    density = 100.0 * flagged / words
    lengths = _sentence_words(ctx)
    run_ons = sum(1 for n in lengths if n > RUN_ON)
    index = ctx.index
    with_verb = index.sentence_numbers([i for i, p in enumerate(index.pos) if p in ("VERB", "AUX")])
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
    for s, n in zip(ctx.sentences, _sentence_words(ctx), strict=True):
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
