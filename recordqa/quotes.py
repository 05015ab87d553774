"""Find direct quotations: the text inside quotation marks, with exact offsets.

Straight and curly double quotes pair in order. Single quotes (‘ ’ or ') are quote marks
only where they open after a boundary and close before one, so apostrophes in "it's",
"Amara's" or "the boys'" are never taken for quote marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

MAX_QUOTE = 800
OPEN_BOUNDARY = set(" \t\n([{—–-/:;,") | {""}
CLOSE_BOUNDARY = set(' \t\n)]}.,;:!?—–-/"”') | {""}


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # inside the marks
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark

    @property
    def outer(self) -> tuple[int, int]:
        return self.open_mark, self.close_mark + 1


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


# The scans below step from one quotation mark to the next (found by these) rather than
# through every character; what they decide at each mark is unchanged.
DOUBLE_OPENERS = re.compile('[“"]')
DOUBLE_STOP = re.compile('[”"\n]')  # a closer for either opener, or the end of the line
SINGLE_MARKS = re.compile("['‘’]")


def _double_quotes(text: str) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    i = 0
    n = len(text)
    while i < n:
        opener = DOUBLE_OPENERS.search(text, i)
        if opener is None:
            break
        i = opener.start()
        ch = text[i]
        if ch == "“" or (ch == '"' and (_prev(text, i) in OPEN_BOUNDARY or _prev(text, i) in "'‘“")):
            closers = '”"' if ch == "“" else '"”'
            limit = min(n, i + MAX_QUOTE)
            stop = DOUBLE_STOP.search(text, i + 1, limit)
            j = stop.start() if stop else limit
            if j < limit and text[j] in closers and j > i + 1:
                out.append(QuoteSpan(i + 1, j, i, j))
                i = j + 1
                continue
        i += 1
    return out


def _is_single_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in "'‘’":
        return False
    if ch == "’" and _prev(text, i).isalnum():
        return False
    nxt = _next(text, i)
    return _prev(text, i) in OPEN_BOUNDARY | set('"“') and bool(nxt) and not nxt.isspace()


def _is_single_close(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in "'’":
        return False
    prev, nxt = _prev(text, i), _next(text, i)
    if not prev or prev.isspace():
        return False
    if nxt.isalpha():  # it's, don't
        return False
    return nxt in CLOSE_BOUNDARY or nxt in "'’\"”"


def _single_quotes(text: str, taken: list[tuple[int, int]]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    n = len(text)
    marks = [m.start() for m in SINGLE_MARKS.finditer(text)]  # only these can open
    closes = [k for k in marks if text[k] != "‘"]  # only these can close
    i = 0
    while i < n:
        k = bisect_left(marks, i)
        if k == len(marks):
            break
        i = marks[k]
        if _is_single_open(text, i):
            end = _line_end(text, i, min(n, i + MAX_QUOTE))
            for j in closes[bisect_right(closes, i) : bisect_left(closes, end)]:
                if _is_single_close(text, j) and j > i + 1 and not _possessive(text, j, end, closes):
                    out.append(QuoteSpan(i + 1, j, i, j))
                    i = j
                    break
        i += 1
    return [q for q in out if not any(a <= q.open_mark < b for a, b in taken)]


def _line_end(text: str, start: int, limit: int) -> int:
    k = text.find("\n", start, limit)
    return limit if k < 0 else k


def _possessive(text: str, j: int, end: int, closes: list[int]) -> bool:
    """'the boys' room': an s-apostrophe before a lower-case word, with a later close."""
    if text[j - 1] != "s" or not text[j + 1 : j + 3].startswith(" ") or not text[j + 2 : j + 3].islower():
        return False
    return any(_is_single_close(text, k) for k in closes[bisect_right(closes, j) : bisect_left(closes, end)])


def find_quotes(text: str) -> list[QuoteSpan]:
    doubles = _double_quotes(text)
    singles = _single_quotes(text, [q.outer for q in doubles])
    # A single-quoted span inside a double-quoted one is a quote within a quote: keep the outer.
    singles = [s for s in singles if not any(d.start <= s.open_mark < d.end for d in doubles)]
    quotes = sorted(doubles + singles, key=lambda q: q.start)
    return [q for q in quotes if text[q.start : q.end].strip()]


class QuoteIndex:
    """Answers 'is this offset inside quotation marks?' in O(log n)."""

    def __init__(self, quotes: list[QuoteSpan]) -> None:
        self._spans = sorted(q.outer for q in quotes)
        self._starts = [s for s, _ in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self._starts, end - 1) - 1
        return k >= 0 and self._spans[k][1] > start

    def contains(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        k = bisect_right(self._starts, start) - 1
        return k >= 0 and self._spans[k][0] <= start and end <= self._spans[k][1]

    def blank(self, text: str, start: int) -> str:
        """`text` (found at offset `start`) with each character that `contains` places
        inside quotation marks replaced by a space, a span at a time."""
        end = start + len(text)
        out = []
        pos = start
        spans = self._spans
        for k in range(max(0, bisect_right(self._starts, start) - 1), len(spans)):
            a, b = spans[k]
            if a >= end:
                break
            # `contains(i)` asks the last span starting at or before i: span k answers
            # from its start until the next span starts.
            nxt = spans[k + 1][0] if k + 1 < len(spans) else end
            lo, hi = max(a, start, pos), min(b, nxt, end)
            if lo < hi:
                out.append(text[pos - start : lo - start])
                out.append(" " * (hi - lo))
                pos = hi
        out.append(text[pos - start :])
        return "".join(out)
