"""report-tone: reports use no contractions, no slang, and no "Mum"/"Dad" as names."""

from __future__ import annotations

import re

from .. import lexicon
from ..context import RecordContext
from .base import Check, Hit, Outcome
from .jargon import literal_options

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


def report_hits(ctx: RecordContext) -> list[Hit]:
    hits: list[Hit] = []
    text = ctx.text
    for m in CONTRACTION.finditer(text):
        if ctx.in_quote(m.start(), m.end()):
            continue
        hits.append(
            Hit(
                "report-tone/contraction",
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
                "report-tone/family-name",
                start,
                end,
                f"'{text[start:end]}' is used as a name; a report names adults properly.",
                "Use the person's title and surname, or their relationship to the child ('Amy's mother').",
            )
        )
    slang = ctx.lex.report.slang
    for entry, spans in zip(slang, lexicon.scan(slang, text), strict=True):
        for start, end in spans:
            if not ctx.in_quote(start, end):
                hits.append(
                    Hit(
                        "report-tone/slang",
                        start,
                        end,
                        f"'{text[start:end]}' is slang.",
                        entry.suggestion,
                        replacements=literal_options(entry.suggestion),
                    )
                )
    return hits


def run(ctx: RecordContext) -> Outcome:
    hits = sorted(report_hits(ctx), key=lambda h: h.start)
    if not hits:
        return Outcome("pass", 1.0, "Written in a report's register.", hits)
    n = len(hits)
    return Outcome(
        "warn" if n < 3 else "fail",
        max(0.0, 1.0 - 0.2 * n),
        f"{n} contraction{'s' * (n > 1)}, slang word{'s' * (n > 1)} or family name{'s' * (n > 1)} used as a name.",
        hits,
    )


CHECK = Check("report-tone", run, detail=False)
