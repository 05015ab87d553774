"""analysis: the record says what the facts mean for the child, not only what happened."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..lexicon import prefiltered
from .base import Check, Hit, Outcome

# Phrases that analyse in any sentence, and reasons that analyse only in an opinion.
STRONG = prefiltered(
    re.compile(
        r"\b(?:this\s+(?:means|suggests|shows|indicates|tells\s+(?:me|us)|is\s+likely|may\s+mean|could\s+mean|is\s+because)|"
        r"which\s+(?:means|suggests|shows|indicates)|(?:for|on)\s+[A-Z][a-z]+,?\s+this\s+means|the\s+impact\s+(?:on|for|of)|"
        r"impact(?:s|ed)?\s+on|(?:is|are)\s+likely\s+to|as\s+a\s+result|I\s+(?:am|was|remain)\s+(?:worried|concerned)\s+(?:that|about)|"
        r"protective\s+factors?|attachment|research|theory|trauma|lived\s+experience|what\s+(?:life|it)\s+is\s+like\s+for|"
        r"(?:affect|affects|affected|affecting)\s+(?:him|her|them|[A-Z][a-z]+)|suggests?\s+(?:that\s+)?\w+|"
        r"shows?\s+(?:that|how|she|he|they)|fits\s+with|is\s+helping\s+(?:him|her|them)|means\s+(?:that|she|he|they))",
        re.IGNORECASE,
    )
)
REASONED = prefiltered(
    re.compile(
        r"\b(?:because|therefore|so\s+that|the\s+risk\s+(?:is|to|of|for|remains)|risk\s+(?:has|have)\s+(?:reduced|increased)|"
        r"(?:has|have)\s+(?:improved|reduced|increased|changed|made\s+a\s+difference)|progress|difference\s+for|"
        r"in\s+my\s+(?:view|assessment|opinion))",
        re.IGNORECASE,
    )
)
OPINIONS = ("opinion_attributed", "opinion_unattributed")


def analytic_sentences(ctx: RecordContext) -> list[tuple[int, int]]:
    out = []
    for s, label in zip(ctx.sentences, ctx.labels, strict=False):
        if ctx.in_quote(s.start, s.end):
            continue
        if label == "reported" and not re.search(r"\b(?:I|my|we)\b", s.text):
            continue
        if STRONG.search(s.text) or (label in OPINIONS and REASONED.search(s.text)):
            out.append((s.start, s.end))
    return out


def run(ctx: RecordContext) -> Outcome:
    found = analytic_sentences(ctx)
    if found:
        s, e = found[0]
        n = len(found)
        return Outcome(
            "pass",
            1.0,
            f"{n} sentence{'s' * (n > 1)} {'analyse' if n > 1 else 'analyses'} what this means for the child.",
            [Hit("analysis/present", s, e, "Analysis: what this means for the child.")],
            {"present": True},
        )
    s, e = ctx.anchor
    return Outcome(
        "fail",
        0.0,
        "The record describes but does not analyse what it means for the child.",
        [
            Hit(
                "analysis/missing",
                s,
                e,
                "No sentence says what these events mean for the child.",
                "Add what this means for the child: the impact on them, the risk, and why you think so.",
            )
        ],
        {"present": False},
    )


CHECK = Check("analysis", run)
