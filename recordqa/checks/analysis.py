"""analysis: the record says what the facts mean for the child, not only what happened."""

from __future__ import annotations

import re

from ..context import RecordContext
from .base import Check, Hit, Outcome

ANALYTIC = re.compile(
    r"\b(?:this\s+(?:means|suggests|shows|indicates|tells\s+(?:me|us)|is\s+likely|may\s+mean|could\s+mean|is\s+because)|"
    r"which\s+(?:means|suggests|shows|indicates)|(?:for|on)\s+[A-Z][a-z]+\s+this\s+means|the\s+impact\s+(?:on|for|of)|"
    r"impact(?:s|ed)?\s+on|(?:is|are)\s+likely\s+to|as\s+a\s+result|I\s+(?:am|was|remain)\s+(?:worried|concerned)\s+(?:that|about)|"
    r"the\s+risk\s+(?:is|to|of|for|remains)|risk\s+(?:has|have)\s+(?:reduced|increased)|protective\s+factors?|"
    r"(?:has|have)\s+(?:improved|reduced|increased|changed|made\s+a\s+difference)|progress|difference\s+for|"
    r"attachment|research|theory|trauma|lived\s+experience|what\s+(?:life|it)\s+is\s+like\s+for|"
    r"(?:affect|affects|affected|affecting)\s+(?:him|her|them|[A-Z][a-z]+)|so\s+that\s+(?:he|she|they|[A-Z][a-z]+)|"
    r"because|therefore|in\s+my\s+(?:view|assessment|opinion))",
    re.IGNORECASE,
)
HEADING = re.compile(r"\b(?:analysis|impact|what\s+this\s+means|assessment\s+of\s+risk|reflection)\b", re.I)


def analytic_sentences(ctx: RecordContext) -> list[tuple[int, int]]:
    out = []
    for s, label in zip(ctx.sentences, ctx.labels):
        if label in ("other",) or ctx.in_quote(s.start, s.end):
            continue
        if label == "reported" and not re.search(r"\b(?:I|my|we)\b", s.text):
            continue
        m = ANALYTIC.search(s.text)
        if m is None:
            continue
        if m.group(0).lower() == "because" and label not in ("opinion_attributed", "opinion_unattributed"):
            continue
        if label in ("opinion_attributed", "opinion_unattributed") or m.group(0).lower() != "progress":
            out.append((s.start, s.end))
    return out


def run(ctx: RecordContext) -> Outcome:
    found = analytic_sentences(ctx)
    if found:
        s, e = found[0]
        n = len(found)
        return Outcome("pass", 1.0, f"{n} sentence{'s' * (n > 1)} {'analyse' if n > 1 else 'analyses'} what this means for the child.",
                       [Hit("analysis/present", s, e, "Analysis: what this means for the child.")], {"present": True})
    s, e = ctx.anchor
    return Outcome("fail", 0.0, "The record describes but does not analyse what it means for the child.", [Hit(
        "analysis/missing", s, e, "No sentence says what these events mean for the child.",
        "Add what this means for the child: the impact on them, the risk, and why you think so.",
    )], {"present": False})


CHECK = Check("analysis", run)
