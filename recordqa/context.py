"""Everything the checks read about one record, computed once and shared.

The Doc is parsed once; quotes, speakers, layout and sentence labels are derived on
first use and cached, so no check re-parses or recomputes another's work.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from spacy.tokens import Doc

from . import lexicon, speakers, structure
from .lexicon import Lexicons, prefiltered
from .models import REPORT_TYPES, Record
from .people import Cast
from .profiles import Profile
from .quotes import QuoteIndex, QuoteSpan, find_quotes
from .sentindex import SentIndex

T = TypeVar("T")

TO_CHILD = prefiltered(
    re.compile(
        r"^\s*(?:dear|hello|hi)\s+[A-Z]|\b(?:I|we)\s+(?:came|come|visited|wanted)\s+to\s+(?:see|visit|meet)\s+you\b"
        r"|\byou\s+told\s+me\b|\bwhen\s+I\s+(?:saw|visited|met)\s+you\b",
        re.IGNORECASE | re.MULTILINE,
    )
)


@dataclass
class RecordContext:
    doc: Doc
    record: Record
    record_type: str
    lex: Lexicons
    profile: Profile
    _memo: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def profile_allow(self) -> frozenset[str]:
        return frozenset(self.profile.allow)

    def setting(self, check_id: str, key: str, default: Any) -> Any:
        return self.profile.setting(check_id, key, default)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute once per record what more than one consumer reads."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    @cached_property
    def text(self) -> str:
        # Doc.text joins every token on each call. spaCy's tokens keep every character of
        # the text they were made from, so the record's own text is the same string when
        # the Doc was parsed from it (its last token ends where the record's text ends).
        text, doc = self.record.text, self.doc
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
            return text
        return self.doc.text

    @cached_property
    def to_child(self) -> bool:
        if self.record_type == "letter":
            return True
        head = self.text[:400]
        return bool(TO_CHILD.search(head)) or len(re.findall(r"\byou(?:r)?\b", self.text, re.I)) >= 6

    @property
    def is_report(self) -> bool:
        return self.record_type in REPORT_TYPES

    @cached_property
    def child_ages(self) -> list[int]:
        return [a for a in self.record.metadata.child_ages if isinstance(a, int)]

    @cached_property
    def infant_only(self) -> bool:
        """Every child the record is about is under 3 (their behaviour is their voice)."""
        return bool(self.child_ages) and all(a < 3 for a in self.child_ages)

    @cached_property
    def any_infant(self) -> bool:
        return any(a < 3 for a in self.child_ages) or bool(
            re.search(
                r"\b(?:baby|babies|infant|newborn|toddler|non-verbal|\d{1,2}[- ]months?[- ]old)\b", self.text, re.I
            )
        )

    @cached_property
    def index(self) -> SentIndex:
        return SentIndex(self.doc, self.text)

    @cached_property
    def layout(self) -> list[structure.Line]:
        return structure.lines(self.text)

    @cached_property
    def sentences(self) -> list[structure.Sent]:
        return structure.sentences(self.text, self.index.spans, self.layout)

    @cached_property
    def quote_spans(self) -> list[QuoteSpan]:
        return find_quotes(self.text)

    @cached_property
    def quote_index(self) -> QuoteIndex:
        return QuoteIndex(self.quote_spans)

    def in_quote(self, start: int, end: int) -> bool:
        return self.quote_index.contains(start, end)

    def in_quote_any(self, start: int, end: int) -> bool:
        return self.quote_index.overlaps(start, end)

    @cached_property
    def cast(self) -> Cast:
        # The quote index's own method, not self.in_quote: a Cast holding the context would
        # make a reference cycle, and every record's Doc would wait for a full GC to be freed.
        in_quote = self.quote_index.contains
        return Cast(self.doc, self.record.metadata.child_names, self.to_child, in_quote, self.index, self.text)

    @cached_property
    def quotes(self) -> list[speakers.AttributedQuote]:
        return speakers.attribute(self.doc, self.quote_spans, self.cast, self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> structure.Sent | None:
        k = bisect_right(self._sentence_starts, pos) - 1
        if k >= 0 and self.sentences[k].start <= pos < self.sentences[k].end:
            return self.sentences[k]
        return None

    @cached_property
    def anchor(self) -> tuple[int, int]:
        """Where a finding about the whole record points: its first sentence."""
        if self.sentences:
            return self.sentences[0].start, self.sentences[0].end
        return 0, min(1, len(self.text))

    def word_list_spans(self, name: str) -> list[list[tuple[int, int]]]:
        """`lexicon.scan(entries, self.text)` for one of the word lists the checks read
        ("respectful", "jargon" with the profile's own terms, "minimising"): the three are
        scanned in one pass on first use (each entry's matches are its own, whatever list
        it is scanned with)."""

        def scan_all() -> dict[str, list[list[tuple[int, int]]]]:
            lists = self.word_lists()
            spans = lexicon.scan([e for entries in lists.values() for e in entries], self.text)
            out, k = {}, 0
            for key, entries in lists.items():
                out[key] = spans[k : k + len(entries)]
                k += len(entries)
            return out

        return self.memo("word-list-spans", scan_all)[name]

    def word_lists(self) -> dict[str, list[Any]]:
        """The entries of each word list `word_list_spans` scans, in order."""
        return {
            "respectful": self.lex.respectful,
            "jargon": [*self.lex.jargon, *self.profile.lexicon.jargon],
            "minimising": self.lex.minimising,
        }

    @cached_property
    def labels(self) -> list[str]:
        from .classifier import label_sentences

        return label_sentences(self)


def make_context(doc: Doc, record: Record, record_type: str, profile: Profile) -> RecordContext:
    return RecordContext(doc=doc, record=record, record_type=record_type, lex=lexicon.load(), profile=profile)
