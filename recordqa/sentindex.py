"""Token → sentence in O(1). spaCy's `Token.sent` walks the Doc on every call, which
makes anything that asks it per token quadratic in the record's length.

It also keeps each token's text, part of speech and dependency label in plain lists:
every `Token` attribute read goes through spaCy's string store, and several consumers
walk every token of the record (names, genders, the passive share, verbs per sentence).
"""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Doc, Span, Token


class SentIndex:
    def __init__(self, doc: Doc) -> None:
        self.tokens: list[Token] = list(doc)  # each pass over a Doc builds new Token objects
        self.spans: list[Span] = list(doc.sents)
        self._of = [0] * len(doc)
        for k, span in enumerate(self.spans):
            for i in range(span.start, span.end):
                self._of[i] = k

    def number(self, tok: Token) -> int:
        return self._of[tok.i]

    def sent(self, tok: Token) -> Span:
        return self.spans[self._of[tok.i]]

    @cached_property
    def texts(self) -> list[str]:
        """`token.text` of each token, by index."""
        return [t.text for t in self.tokens]

    @cached_property
    def lowers(self) -> list[str]:
        """`token.text.lower()` of each token, by index."""
        return [t.lower() for t in self.texts]

    @cached_property
    def pos(self) -> list[str]:
        """`token.pos_` of each token, by index."""
        return [t.pos_ for t in self.tokens]

    @cached_property
    def deps(self) -> list[str]:
        """`token.dep_` of each token, by index."""
        return [t.dep_ for t in self.tokens]

    @cached_property
    def starts(self) -> list[int]:
        """`token.idx` (its character offset) of each token, by index."""
        return [t.idx for t in self.tokens]

    @cached_property
    def punct(self) -> list[bool]:
        """`token.is_punct` of each token, by index."""
        return [t.is_punct for t in self.tokens]

    def sentence_numbers(self, indices: list[int]) -> set[int]:
        """The sentence number of each token index given."""
        of = self._of
        return {of[i] for i in indices}
