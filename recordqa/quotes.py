"""Find direct quotations: the text inside quotation marks, with exact offsets.

Straight and curly double quotes pair in order. Single quotes (‘ ’ or ') are quote marks
only where they open after a boundary and close before one, so apostrophes in "it's",
"Amara's" or "the boys'" are never taken for quote marks.
"""

from __future__ import annotations

from bisect import bisect_right
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


def _double_quotes(text: str) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "“" or (ch == '"' and (_prev(text, i) in OPEN_BOUNDARY or _prev(text, i) in "'‘“")):
            closers = '”"' if ch == "“" else '"”'
            j = i + 1
            limit = min(n, i + MAX_QUOTE)
            while j < limit and text[j] not in closers and text[j] != "\n":
                j += 1
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
    i = 0
    n = len(text)
    while i < n:
        if _is_single_open(text, i):
            j = i + 1
            min(n, i + MAX_QUOTE)
            end = _line_end(text, i, min(n, i + MAX_QUOTE))
            while j < end:
                if _is_single_close(text, j) and j > i + 1 and not _possessive(text, j, end):
                    out.append(QuoteSpan(i + 1, j, i, j))
                    i = j
                    break
                j += 1
        i += 1
    return [q for q in out if not any(a <= q.open_mark < b for a, b in taken)]


def _line_end(text: str, start: int, limit: int) -> int:
    k = text.find("\n", start, limit)
    return limit if k < 0 else k


def _possessive(text: str, j: int, end: int) -> bool:
    """'the boys' room': an s-apostrophe before a lower-case word, with a later close."""
    if text[j - 1] != "s" or not text[j + 1 : j + 3].startswith(" ") or not text[j + 2 : j + 3].islower():
        return False
    return any(_is_single_close(text, k) for k in range(j + 1, end))


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
