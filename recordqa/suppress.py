"""Suppressions: a finding the writer keeps on purpose, with a reason, reported not dropped.

Given in the input (`"suppress": [{"code", "text", "reason"}]`) or typed in the record as
`[rq-ignore jargon/acronym "LAC": the young person's own word]` (code, text or both).
"""

from __future__ import annotations

import re

from .models import Suppression

INLINE = re.compile(
    r"\[rq-ignore(?:\s+(?P<code>[a-z][a-z-]*(?:/[a-z][a-z-]*)?))?(?:\s+[\"“](?P<text>[^\"”\]]+)[\"”])?\s*:\s*(?P<reason>[^\]]+)\]",
    re.IGNORECASE,
)


def inline(text: str) -> tuple[list[Suppression], list[tuple[int, int]]]:
    """The suppressions typed in the text, and where the markers stand."""
    found, spans = [], []
    for m in INLINE.finditer(text):
        if m.group("code") or m.group("text"):
            found.append(
                Suppression(code=m.group("code"), text=m.group("text"), reason=m.group("reason").strip(), inline=True)
            )
        spans.append((m.start(), m.end()))
    return found, spans
