"""respectful-language: labels, empty evaluatives, unevidenced descriptors; report rules."""

from __future__ import annotations

from ..context import RecordContext
from .base import Check, Hit, Outcome


def word_hits(ctx: RecordContext) -> list[Hit]:
    """Labels, unexplained evaluatives and unevidenced descriptors (memoised: the
    fact/opinion rules read them too, since a label is a judgement)."""
    return ctx.memo("respectful-words", lambda: _word_hits(ctx))


def _word_hits(ctx: RecordContext) -> list[Hit]:
    hits: list[Hit] = []
    text = ctx.text
    entries = ctx.lex.respectful
    for entry, spans in zip(entries, ctx.word_list_spans("respectful"), strict=True):
        for start, end in spans:
            if ctx.in_quote(start, end):
                continue
            surface = text[start:end]
            sent = ctx.sentence_at(start)
            stext = sent.text if sent else ""
            rest = stext.replace(surface, " ", 1)
            if entry.category == "evaluative" and ctx.lex.explanation_regex.search(rest):
                continue
            if entry.category == "descriptor" and ctx.lex.evidence_regex.search(rest):
                continue
            hits.append(
                Hit(
                    "respectful-language/" + entry.category,
                    start,
                    end,
                    entry.message.replace("{text}", surface),
                    entry.suggestion,
                    None if entry.tier == "core" else "suggestion",
                )
            )
    return hits


def run(ctx: RecordContext) -> Outcome:
    hits = sorted(word_hits(ctx), key=lambda h: h.start)
    flagged = [h for h in hits if h.severity != "suggestion"]
    if not flagged:
        return Outcome("pass", 1.0, "The language is respectful and evidenced.", hits)
    n = len(flagged)
    score = max(0.0, 1.0 - 0.25 * n)
    return Outcome(
        "fail" if n >= 3 else "warn",
        score,
        f"{n} label{'s' * (n > 1)} or unevidenced description{'s' * (n > 1)} a child or family could find hurtful.",
        hits,
    )


CHECK = Check("respectful-language", run, detail=False)
