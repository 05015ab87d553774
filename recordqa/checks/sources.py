"""sources: information from others names who gave it, and their role."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..lexicon import prefiltered
from .base import Check, Hit, Outcome

UNSOURCED = prefiltered(
    re.compile(
        r"\b(?:it\s+(?:was|has\s+been|is|had\s+been)\s+(?:reported|said|alleged|claimed|suggested|noted|disclosed|raised)|"
        r"(?:I|we)\s+(?:was|were|have\s+been|had\s+been)\s+(?:told|informed|advised|made\s+aware)(?!\s+by)|"
        r"concerns?\s+(?:were|was|have\s+been|has\s+been)\s+(?:raised|reported|shared)(?!\s+by)|"
        r"(?:allegedly|reportedly|apparently|rumoured)|(?:is|are)\s+(?:believed|said|thought|known)\s+to\s+(?:be|have))\b",
        re.IGNORECASE,
    )
)


def run(ctx: RecordContext) -> Outcome:
    hits = []
    for s in ctx.sentences:
        m = UNSOURCED.search(s.text)
        if m and not ctx.in_quote(s.start + m.start(), s.start + m.end()):
            hits.append(
                Hit(
                    "sources/unnamed",
                    s.start + m.start(),
                    s.start + m.end(),
                    "Information from someone else, with no name or role for who gave it.",
                    "Say who told you and their role ('Ms Khan, the school's safeguarding lead, told me…').",
                )
            )
    if not hits:
        return Outcome("pass", 1.0, "Information from others names its source.", hits)
    n = len(hits)
    return Outcome(
        "warn", max(0.0, 1.0 - 0.25 * n), f"{n} piece{'s' * (n > 1)} of information with no named source.", hits
    )


CHECK = Check("sources", run, detail=False)
