"""Quotation marks: the scans that step from mark to mark find exactly what a scan of
every character finds (the reference below is the character-by-character version)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recordqa import quotes
from recordqa.quotes import MAX_QUOTE, QuoteIndex, QuoteSpan, _is_single_close, _is_single_open, _line_end, _prev


def _reference_doubles(text: str) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "“" or (ch == '"' and (_prev(text, i) in quotes.OPEN_BOUNDARY or _prev(text, i) in "'‘“")):
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


def _reference_singles(text: str, taken: list[tuple[int, int]]) -> list[QuoteSpan]:
    def possessive(j: int, end: int) -> bool:
        if text[j - 1] != "s" or not text[j + 1 : j + 3].startswith(" ") or not text[j + 2 : j + 3].islower():
            return False
        return any(_is_single_close(text, k) for k in range(j + 1, end))

    out: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        if _is_single_open(text, i):
            j = i + 1
            end = _line_end(text, i, min(n, i + MAX_QUOTE))
            while j < end:
                if _is_single_close(text, j) and j > i + 1 and not possessive(j, end):
                    out.append(QuoteSpan(i + 1, j, i, j))
                    i = j
                    break
                j += 1
        i += 1
    return [q for q in out if not any(a <= q.open_mark < b for a, b in taken)]


TEXT = st.lists(
    st.sampled_from(
        ['"', "“", "”", "'", "‘", "’", " ", "\n", "s", "a", "Amy", "boys", "it", ".", ",", ":", "-", "x" * 500]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_quote_scans_match_the_character_by_character_reference(text: str) -> None:
    doubles = quotes._double_quotes(text)
    assert doubles == _reference_doubles(text)
    taken = [q.outer for q in doubles]
    assert quotes._single_quotes(text, taken) == _reference_singles(text, taken)


@settings(max_examples=500, deadline=None)
@given(TEXT, st.integers(0, 60), st.integers(0, 60))
def test_blank_hides_exactly_what_contains_places_inside_quotes(text: str, a: int, b: int) -> None:
    index = QuoteIndex(quotes.find_quotes(text))
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    piece = text[lo:hi]
    expected = "".join(" " if index.contains(i, i + 1) else ch for i, ch in enumerate(piece, lo))
    assert index.blank(piece, lo) == expected


def test_blank_with_overlapping_and_nested_spans() -> None:
    index = QuoteIndex([QuoteSpan(1, 9, 0, 9), QuoteSpan(3, 4, 2, 4), QuoteSpan(3, 6, 2, 6), QuoteSpan(12, 13, 11, 13)])
    text = "abcdefghijklmnopq"
    for lo in range(len(text)):
        for hi in range(lo, len(text) + 1):
            expected = "".join(" " if index.contains(i, i + 1) else ch for i, ch in enumerate(text[lo:hi], lo))
            assert index.blank(text[lo:hi], lo) == expected
