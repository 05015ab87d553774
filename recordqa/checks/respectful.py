"""respectful-language: labels, empty evaluatives, unevidenced descriptors; report rules."""

from __future__ import annotations

import re

from ..context import RecordContext
from .base import Check, Hit, Outcome

CONTRACTION = re.compile(
    r"(?<![\w'’])(?:[A-Za-z]+(?:n['’]t|['’](?:re|ve|ll|d|m))|(?:can|won|shan)['’]t|"
    r"(?:it|that|there|here|what|who|he|she|where|how|let)['’]s)(?![\w'’])",
    re.IGNORECASE,
)
POSSESSIVE_BEFORE = re.compile(
    r"(?:\b(?:his|her|their|my|your|our|the|a|its|whose|this|that|no|every|birth|foster|step|new|own|"
    r"grand|other|good|only|young|single|teenage)\s+|[A-Za-z]+['’]s\s+)$",
    re.IGNORECASE,
)


def _report_hits(ctx: RecordContext) -> list[Hit]:
    hits: list[Hit] = []
    text = ctx.text
    for m in CONTRACTION.finditer(text):
        if ctx.in_quote(m.start(), m.end()):
            continue
        hits.append(
            Hit(
                "respectful-language/contraction",
                m.start(),
                m.end(),
                f"'{m.group(0)}' is a contraction; reports use the full form.",
                "Write the words in full (for example 'does not', 'she is').",
            )
        )
    family = "|".join(re.escape(w) for w in ctx.lex.report.family_names)
    for m in re.finditer(rf"(?<![\w-])(?:{family})(?:['’]s)?(?![\w-])", text, re.IGNORECASE):
        word = m.group(0)
        if ctx.in_quote(m.start(), m.end()):
            continue
        if POSSESSIVE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        start, end = m.start(), m.end()
        if word.lower().endswith(("'s", "’s")):
            nxt = text[end : end + 20].lstrip()
            is_possessive = bool(nxt[:1].isalpha()) and not re.match(
                r"(?:been|not|aware|said|told|going|had|got|a\b|an\b|the\b|very|also|now|still|unable|able|happy|worried|keen)",
                nxt,
                re.I,
            )
            if is_possessive:
                end -= 2
        hits.append(
            Hit(
                "respectful-language/family-name",
                start,
                end,
                f"'{text[start:end]}' is used as a name; a report names adults properly.",
                "Use the person's title and surname, or their relationship to the child ('Amy's mother').",
            )
        )
    for entry in ctx.lex.report.slang:
        for m in entry.regex.finditer(text):
            if not ctx.in_quote(m.start(), m.end()):
                hits.append(
                    Hit("respectful-language/slang", m.start(), m.end(), f"'{m.group(0)}' is slang.", entry.suggestion)
                )
    return hits


def word_hits(ctx: RecordContext) -> list[Hit]:
    """Labels, unexplained evaluatives and unevidenced descriptors (memoised: the
    fact/opinion rules read them too, since a label is a judgement)."""
    return ctx.memo("respectful-words", lambda: _word_hits(ctx))


def _word_hits(ctx: RecordContext) -> list[Hit]:
    hits: list[Hit] = []
    text = ctx.text
    for entry in ctx.lex.respectful:
        for m in entry.regex.finditer(text):
            if ctx.in_quote(m.start(), m.end()):
                continue
            sent = ctx.sentence_at(m.start())
            stext = sent.text if sent else ""
            rest = stext.replace(m.group(0), " ", 1)
            if entry.category == "evaluative" and ctx.lex.explanation_regex.search(rest):
                continue
            if entry.category == "descriptor" and ctx.lex.evidence_regex.search(rest):
                continue
            hits.append(
                Hit(
                    "respectful-language/" + entry.category,
                    m.start(),
                    m.end(),
                    entry.message.replace("{text}", m.group(0)),
                    entry.suggestion,
                    None if entry.tier == "core" else "suggestion",
                )
            )
    return hits


def run(ctx: RecordContext) -> Outcome:
    hits = list(word_hits(ctx))
    if ctx.is_report:
        hits.extend(_report_hits(ctx))
    hits.sort(key=lambda h: h.start)
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


CHECK = Check("respectful-language", run)
