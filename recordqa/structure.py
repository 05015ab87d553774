"""A record's layout: headings, bullets and sentences, with exact character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

BULLET = re.compile(r"^\s*(?:[-*•·‣▪–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
# A label at the start of a line: "Analysis:", "Social worker's view:", "Next steps -".
LABEL = re.compile(r"^\s*(?P<label>[A-Z][\w'’/&() -]{0,40}?)\s*[:：]\s*")
HEADING_LINE = re.compile(r"^\s*(?P<label>[A-Z][\w'’/&(), -]{0,50}?)\s*[:：]?\s*$")
MAX_LABEL_WORDS = 6


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    heading: str | None  # the label if the line is (or starts with) a heading
    body_start: int  # where the line's content starts after any bullet and label
    bullet: bool


@dataclass(frozen=True)
class Sent:
    start: int
    end: int
    text: str
    heading: str | None  # the heading in force: an inline label or the last heading line
    bullet: bool
    index: int


def _label_ok(label: str) -> bool:
    return 0 < len(label.split()) <= MAX_LABEL_WORDS and not label.rstrip().endswith(".")


def lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            continue
        body = start
        bullet = False
        m = BULLET.match(raw)
        if m:
            body += m.end()
            bullet = True
        rest = text[body:end]
        heading = None
        h = HEADING_LINE.match(rest)
        colon = rest.rstrip().endswith((":", "："))
        if (
            h
            and _label_ok(h.group("label"))
            and (
                colon
                or (
                    len(rest.split()) <= MAX_LABEL_WORDS
                    and not rest.rstrip().endswith((".", "?", "!", ","))
                    and not bullet
                    and rest.strip()[:1].isupper()
                )
            )
        ):
            heading = h.group("label").strip() + (":" if colon else "")
            body = end
        else:
            lm = LABEL.match(rest)
            if lm and _label_ok(lm.group("label")):
                heading = lm.group("label").strip() + ":"
                body += lm.end()
        while body < end and text[body].isspace():
            body += 1
        out.append(Line(start, end, raw, heading, body, bullet))
    return out


def sentences(text: str, sents: list[Span], layout: list[Line]) -> list[Sent]:
    """spaCy's sentences, trimmed, each starting after its line's bullet and label."""
    out: list[Sent] = []
    li = 0
    current_heading: str | None = None
    for sent in sents:
        s, e = sent.start_char, sent.end_char
        while li < len(layout) and layout[li].end < s:
            li += 1
        line = layout[li] if li < len(layout) else None
        if line is not None and line.start <= s <= line.end:
            if s < line.body_start:
                s = line.body_start
            if line.heading is not None:
                if line.body_start >= line.end:  # a heading line on its own
                    current_heading = line.heading
                    continue
                inline_heading: str | None = line.heading
            else:
                inline_heading = None
        else:
            inline_heading = None
        while s < e and text[s].isspace():
            s += 1
        # A label opening a sentence mid-line: "... 2022. Outcome: refer to Early Help."
        lm = LABEL.match(text, s, e)
        if lm and inline_heading is None and len(lm.group("label").split()) <= 3 and lm.end() < e:
            inline_heading = lm.group("label").strip() + ":"
            s = lm.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s or not any(ch.isalnum() for ch in text[s:e]):
            continue
        bullet = bool(line and line.bullet and s == line.body_start)
        out.append(Sent(s, e, text[s:e], inline_heading or current_heading, bullet, len(out)))
    return out
