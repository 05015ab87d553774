"""purpose: the record says why the contact or visit happened."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..lexicon import prefiltered
from .base import Check, Hit, Outcome

PURPOSE = prefiltered(
    re.compile(
        r"\b(?:purpose|reason\s+for\s+(?:the|this|my)\s+(?:visit|call|contact|meeting)|the\s+(?:visit|call|meeting)\s+was\s+(?:to|about)|"
        r"(?:visit(?:ed)?|call(?:ed)?|phoned|met|saw|went)\b[^.\n]{0,60}\b(?:to\s+(?:see|check|discuss|talk|review|hear|meet|ask|"
        r"follow|explain|complete|assess|find\s+out|share|agree|update|plan|introduce)|following|because|after|about|regarding|re\b|as\s+part\s+of)|"
        r"(?:statutory|planned|unannounced|announced|initial|follow[- ]up|review)\s+(?:visit|call|meeting)|"
        r"(?:call|referral|contact|visit|email)\s+(?:from|to)\s+\w+[^.\n]{0,40}\b(?:re|about|regarding|because|following)\b|"
        r"\bI\s+am\s+writing\s+to|\bto\s+(?:tell|explain|let)\s+you)",
        re.IGNORECASE,
    )
)


def run(ctx: RecordContext) -> Outcome:
    for line in ctx.layout:
        if line.heading and re.match(r"(?:purpose|reason)", line.heading, re.I) and line.body_start < line.end:
            return Outcome("pass", 1.0, "The purpose is stated.", [])
    head = ctx.text[:600]
    m = PURPOSE.search(head)
    if m:
        return Outcome("pass", 1.0, "The purpose is stated.", [])
    s, e = ctx.anchor
    return Outcome(
        "fail",
        0.0,
        "The record does not say why the contact happened.",
        [
            Hit(
                "purpose/missing",
                s,
                e,
                "The purpose of this contact is not stated.",
                "Start with why you visited or called ('The purpose of the visit was to…').",
            )
        ],
    )


CHECK = Check("purpose", run, detail=False)
