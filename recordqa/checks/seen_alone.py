"""seen-alone: whether the child was seen, and seen alone, is stated (with a reason if not)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..context import RecordContext
from ..lexicon import prefiltered
from ..models import SeenAlone
from .base import Check, Hit, Outcome

_SEE = (
    r"\b(?:seen|saw|see|spoke|spoken|speak|talked|talk|chatted|met|meet|visited|spent|had\s+time|time|I|me|we|us|you)\b"
)
ALONE = prefiltered(
    re.compile(
        r"\b(?:alone|on\s+(?:his|her|their|my|your|our)\s+own|by\s+(?:him|her|them|your)sel(?:f|ves)|"
        r"in\s+private|privately|one[- ]to[- ]one|1[:-]1|just\s+(?:you\s+and\s+me|me\s+and\s+you|the\s+two\s+of\s+us)|"
        r"without\s+(?:(?:his|her|their|your|the)\s+)?(?:mum|dad|mother|father|parents?|carers?|foster\s+carers?|"
        r"grandparents?|nan|grandmother|grandfather|aunt|uncle|staff|anyone\s+else|an\s+adult|adults|[A-Z][a-z]+)"
        r"(?:\s+or\s+\w+)?\s+(?:being\s+)?(?:present|there|in\s+the\s+room|around))",
        re.IGNORECASE,
    )
)
NEG_ALONE = prefiltered(
    re.compile(
        r"\b(?:not|n[o']t|never|unable\s+to|cannot|can't|could\s*n[o']t|couldn't|wasn't|weren't|did\s*n[o']t|didn't|"
        r"was\s+not\s+able\s+to|were\s+not\s+able\s+to|no\s+opportunity\s+to|not\s+possible\s+to)\b"
        r"[^.;\n]{0,60}?\b(?:alone|on\s+(?:his|her|their)\s+own|by\s+(?:him|her|them)sel(?:f|ves)|in\s+private|privately)",
        re.IGNORECASE,
    )
)
PRESENT_THROUGHOUT = prefiltered(
    re.compile(
        r"\b(?:present\s+(?:throughout|for\s+the\s+whole|all\s+the\s+time|the\s+whole\s+time)|"
        r"(?:stayed|remained|was|were)\s+(?:in\s+the\s+room|present)\s+(?:throughout|the\s+whole|all)|"
        r"(?:with|in\s+the\s+presence\s+of)\s+(?:[\w'’]+\s+){1,3}(?:present|there|in\s+the\s+room))",
        re.IGNORECASE,
    )
)
NOT_SEEN = prefiltered(
    re.compile(
        r"\b(?:(?:was|were|has|have|had)\s+not\s+(?:been\s+)?seen|(?:wasn't|weren't|hasn't|haven't)\s+(?:been\s+)?seen|"
        r"(?:did\s+not|didn't|could\s+not|couldn't|was\s+unable\s+to|were\s+unable\s+to|unable\s+to|not\s+able\s+to)\s+"
        r"(?:see|meet|speak\s+(?:to|with))|no\s+answer|no\s+reply|nobody\s+(?:was\s+)?(?:at\s+)?home|no\s+one\s+(?:was\s+)?(?:at\s+)?home|"
        r"not\s+seen|no\s+access|not\s+at\s+home|not\s+in\s+the\s+home)\b",
        re.IGNORECASE,
    )
)
FUTURE = prefiltered(
    re.compile(
        r"\b(?:will|shall|going\s+to|plan\s+to|planned\s+to|aim\s+to|to\s+be\s+seen|next\s+visit|"
        r"should|must|need\s+to|needs\s+to|would\s+like\s+to|hope\s+to|try\s+to|make\s+sure)\b",
        re.IGNORECASE,
    )
)
REASON = prefiltered(
    re.compile(
        r"\b(?:because|as\s+(?:she|he|they|it|the|his|her|their|mum|dad|[A-Z][a-z]+)|due\s+to|since|owing\s+to|"
        r"asleep|sleeping|refused|declined|did\s*n[o']t\s+want|didn't\s+want|does\s*n[o']t\s+want|would\s*n[o']t|"
        r"insisted|no\s+answer|no\s+reply|nobody|no\s+one|at\s+school|at\s+nursery|at\s+college|in\s+hospital|"
        r"unwell|poorly|ill\b|non-verbal|too\s+young|is\s+a\s+baby|only\s+\d+\s+(?:months|weeks)|"
        r"away|on\s+holiday|not\s+at\s+home|out\s+with|so\s+that|wanted\s+(?:his|her|their)|"
        r"upset|distressed|anxious|frightened|scared|cling|so|did\s+not\s+come|would\s+not\s+come|"
        r"is\s+(?:only\s+)?(?:one|two|a\s+baby|an\s+infant|\d+\s+months))\b",
        re.IGNORECASE,
    )
)
ADULT_SUBJECT = prefiltered(
    re.compile(
        r"\b(?:father|dad|mother|mum|mr|mrs|ms|partner|step-?father|stepdad|grandmother|grandfather|uncle|aunt|carer)\b"
        r"[^.;\n]{0,40}\b(?:was|were|has|had|could|did)\s+not\b",
        re.IGNORECASE,
    )
)


SEE = prefiltered(re.compile(_SEE, re.I))
ALONE_WITH_ME = prefiltered(
    re.compile(
        r"\b(?:just\s+you\s+and\s+me|seen\s+alone|alone\s+with\s+me|on\s+(?:his|her|their)\s+own\s+with\s+me)\b", re.I
    )
)
PAST = prefiltered(re.compile(r"\b(?:was|were|I\s+saw|spoke|talked)\b", re.I))
REASON_NEXT = prefiltered(
    re.compile(r"^\s*(?:this\s+was\s+)?(?:because|as|due\s+to|she\s+was\s+asleep|he\s+was\s+asleep)", re.I)
)


@dataclass(frozen=True)
class Statement:
    status: str
    start: int
    end: int
    reason: str | None


def _statements(ctx: RecordContext) -> list[Statement]:
    out: list[Statement] = []
    sents = ctx.sentences
    for k, s in enumerate(sents):
        text = s.text
        if ctx.in_quote(s.start, s.end):
            continue
        status: str | None = None
        if NEG_ALONE.search(text):
            status = "not_alone"
        elif (ALONE.search(text) and SEE.search(text)) or ALONE_WITH_ME.search(text):
            status = "alone"
        elif PRESENT_THROUGHOUT.search(text):
            status = "not_alone"
        elif NOT_SEEN.search(text) and not ADULT_SUBJECT.search(text):
            status = "not_seen"
        if status is None:
            continue
        if FUTURE.search(text) and status == "alone" and not PAST.search(text):
            continue
        reason = None
        if status != "alone":
            m = REASON.search(text)
            nxt = sents[k + 1].text if k + 1 < len(sents) else ""
            if m is None and nxt:
                m2 = REASON_NEXT.match(nxt)
                if m2:
                    reason = nxt
            elif m is not None:
                reason = text[m.start() :]
        out.append(Statement(status, s.start, s.end, reason))
    return out


def verdict(ctx: RecordContext) -> SeenAlone:
    return ctx.memo("seen-alone", lambda: _verdict(ctx))


def _verdict(ctx: RecordContext) -> SeenAlone:
    stmts = _statements(ctx)
    if not stmts:
        return SeenAlone(status="not_stated")
    alone = [s for s in stmts if s.status == "alone"]
    not_alone = [s for s in stmts if s.status == "not_alone"]
    not_seen = [s for s in stmts if s.status == "not_seen"]
    if alone:
        # Another child not seen alone without a reason makes the record not_alone.
        unexplained = [s for s in not_alone if s.reason is None]
        if unexplained:
            s = unexplained[0]
            return SeenAlone(status="not_alone", reason=None, reason_given=False, start=s.start, end=s.end)
        s = alone[0]
        return SeenAlone(status="alone", start=s.start, end=s.end)
    pick = not_alone[0] if not_alone else not_seen[0]
    return SeenAlone(
        status=pick.status,  # type: ignore[arg-type]
        reason=pick.reason,
        reason_given=pick.reason is not None,
        start=pick.start,
        end=pick.end,
    )


def run(ctx: RecordContext) -> Outcome:
    v = verdict(ctx)
    min_age = int(ctx.setting("seen-alone", "min_age", 0))
    if v.status != "alone" and ctx.child_ages and all(a < min_age for a in ctx.child_ages):
        return Outcome(
            "pass",
            1.0,
            f"Seeing the child alone is expected from age {min_age}; the children here are younger.",
            [],
            {"status": v.status, "reason_given": v.reason_given},
        )
    span = (v.start, v.end) if v.start is not None and v.end is not None else ctx.anchor
    if v.status == "alone":
        return Outcome(
            "pass",
            1.0,
            "The child was seen alone.",
            [Hit("seen-alone/alone", *span, "Seen alone: stated.")],
            {"status": v.status, "reason_given": None},
        )
    if v.status in ("not_alone", "not_seen") and v.reason_given:
        what = "seen, but not alone" if v.status == "not_alone" else "not seen"
        return Outcome(
            "pass",
            0.8,
            f"The child was {what}, and the reason is recorded.",
            [Hit(f"seen-alone/{v.status.replace('_', '-')}-with-reason", *span, f"Child {what}; reason given.")],
            {"status": v.status, "reason_given": True},
        )
    if v.status in ("not_alone", "not_seen"):
        what = "seen, but not alone" if v.status == "not_alone" else "not seen"
        return Outcome(
            "fail",
            0.2,
            f"The child was {what}, and no reason is recorded.",
            [
                Hit(
                    "seen-alone/no-reason",
                    *span,
                    f"The child was {what} and the record does not say why.",
                    "Say why the child was not seen alone (or not seen), and when they will be.",
                )
            ],
            {"status": v.status, "reason_given": False},
        )
    return Outcome(
        "fail",
        0.0,
        "The record does not say whether the child was seen alone.",
        [
            Hit(
                "seen-alone/not-stated",
                *span,
                "Whether the child was seen, and seen alone, is not stated.",
                "Say whether you saw the child, whether you saw them alone, and if not, why not.",
            )
        ],
        {"status": "not_stated", "reason_given": None},
    )


CHECK = Check("seen-alone", run)
