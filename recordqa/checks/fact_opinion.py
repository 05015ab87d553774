"""fact-opinion: observed fact, reported fact and opinion are kept apart; opinion is owned."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..models import Status
from .base import Check, Hit, Outcome

BASIS = re.compile(
    r"\b(?:because|as|since|given\s+(?:that|how|the)|due\s+to|so|therefore|this\s+is\s+based|"
    r"based\s+on|for\s+example|such\s+as|when|after|evidenced|shown\s+by|which)\b|:",
    re.IGNORECASE,
)


def run(ctx: RecordContext) -> Outcome:
    hits: list[Hit] = []
    labels = ctx.labels
    sents = ctx.sentences
    for k, (s, label) in enumerate(zip(sents, labels, strict=False)):
        if label == "opinion_unattributed":
            hits.append(
                Hit(
                    "fact-opinion/unattributed",
                    s.start,
                    s.end,
                    "A judgement is written as fact, with no owner.",
                    "Say whose view this is ('In my view…', 'Ms Hart told me…') and what it is based on.",
                )
            )
        elif label == "opinion_attributed":
            nxt_label = labels[k + 1] if k + 1 < len(labels) else None
            if not BASIS.search(s.text) and nxt_label != "observed":
                hits.append(
                    Hit(
                        "fact-opinion/no-basis",
                        s.start,
                        s.end,
                        "An opinion is owned but nothing says what prompted it.",
                        "State what you saw or heard that led to this view.",
                    )
                )
    unowned = sum(1 for lab in labels if lab == "opinion_unattributed")
    owned = sum(1 for lab in labels if lab == "opinion_attributed")
    detail = {"counts": {lab: labels.count(lab) for lab in sorted(set(labels))}}
    if unowned == 0 and not hits:
        return Outcome("pass", 1.0, f"Opinions are owned ({owned}); facts and opinion are kept apart.", hits, detail)
    if unowned == 0:
        return Outcome("warn", 0.8, "Opinions are owned, but some do not say what prompted them.", hits, detail)
    share = unowned / max(1, len(labels))
    status: Status = "fail" if unowned >= 3 or share > 0.25 else "warn"
    return Outcome(
        status,
        round(max(0.0, 1.0 - 2 * share), 3),
        f"{unowned} judgement{'s' * (unowned > 1)} written as fact with no owner.",
        hits,
        detail,
    )


CHECK = Check("fact-opinion", run)
