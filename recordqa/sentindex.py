"""Token → sentence in O(1). spaCy's `Token.sent` walks the Doc on every call, which
makes anything that asks it per token quadratic in the record's length."""

from __future__ import annotations

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
