"""Token → sentence in O(1). spaCy's `Token.sent` walks the Doc on every call, which
makes anything that asks it per token quadratic in the record's length.

It also keeps each token's text, part of speech and dependency label in plain lists:
every `Token` attribute read goes through spaCy's string store, and several consumers
walk every token of the record (names, genders, the passive share, verbs per sentence).
The lists are read from the Doc's own arrays in one call (`Doc.to_array`), without making
a `Token` object per token; the tokens themselves are made only when asked for.
"""

from __future__ import annotations

from functools import cached_property

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, LEMMA, LENGTH, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

_NAMES: dict[int, str] = {}  # a label's or lemma's hash -> its string (`Token.dep_`, `Token.lemma_`)


class SentIndex:
    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self._text = text  # the Doc's text, when the caller has it (Doc.text joins every token)
        self.spans: list[Span] = list(doc.sents)
        of = [0] * len(doc)
        for k, span in enumerate(self.spans):
            of[span.start : span.end] = [k] * (span.end - span.start)
        self._of = of
        self._tokens: list[Token | None] = [None] * len(doc)

    def token(self, i: int) -> Token:
        """The Doc's token `i`, made once (`Doc[i]` makes a new Token object on each call)."""
        tok = self._tokens[i]
        if tok is None:
            tok = self._tokens[i] = self.doc[i]
        return tok

    def number(self, tok: Token) -> int:
        return self._of[tok.i]

    def sent(self, tok: Token) -> Span:
        return self.spans[self._of[tok.i]]

    def sent_of(self, i: int) -> Span:
        """The sentence of the token at index `i`."""
        return self.spans[self._of[i]]

    @cached_property
    def _columns(self) -> list[list[int]]:
        """Each token's offset, length, part of speech, dependency label, punctuation flag,
        lemma and head (as an offset from the token)."""
        doc = self.doc
        if not len(doc):
            return [[], [], [], [], [], [], []]
        columns: list[list[int]] = doc.to_array([IDX, LENGTH, POS, DEP, IS_PUNCT, LEMMA, HEAD]).T.tolist()
        return columns

    def _names(self, hashes: list[int]) -> list[str]:
        names = _NAMES
        out = list(map(names.get, hashes))
        if None in out:  # a label or lemma not met before in this process
            strings = self.doc.vocab.strings
            for k, h in enumerate(hashes):
                if out[k] is None:
                    out[k] = names[h] = strings[h] if h else ""
        return out  # type: ignore[return-value]

    @cached_property
    def texts(self) -> list[str]:
        """`token.text` of each token, by index."""
        text = self.doc.text if self._text is None else self._text
        return [text[i : i + n] for i, n in zip(self._columns[0], self._columns[1], strict=True)]

    @cached_property
    def lowers(self) -> list[str]:
        """`token.text.lower()` of each token, by index."""
        return [t.lower() for t in self.texts]

    @cached_property
    def norms(self) -> list[str]:
        """`people._norm(token.text)` of each token (lower case, quotes and dots stripped)."""
        return [t.strip("'’.") for t in self.lowers]

    @cached_property
    def pos(self) -> list[str]:
        """`token.pos_` of each token, by index."""
        return [POS_NAMES[p] for p in self._columns[2]]

    @cached_property
    def deps(self) -> list[str]:
        """`token.dep_` of each token, by index."""
        return self._names(self._columns[3])

    @cached_property
    def lemmas(self) -> list[str]:
        """`token.lemma_` of each token, by index."""
        return self._names(self._columns[5])

    @cached_property
    def heads(self) -> list[int]:
        """`token.head.i` of each token, by index."""
        # HEAD is kept as an offset, read back here as an unsigned 64-bit number.
        return [i + (h - (1 << 64) if h >= (1 << 63) else h) for i, h in enumerate(self._columns[6])]

    @cached_property
    def starts(self) -> list[int]:
        """`token.idx` (its character offset) of each token, by index."""
        return self._columns[0]

    @cached_property
    def punct(self) -> list[bool]:
        """`token.is_punct` of each token, by index."""
        return [bool(p) for p in self._columns[4]]

    def sentence_numbers(self, indices: list[int]) -> set[int]:
        """The sentence number of each token index given."""
        of = self._of
        return {of[i] for i in indices}
