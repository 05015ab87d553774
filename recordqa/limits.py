"""What text a record can hold: the limits every entry point applies before any parsing (the
engine, and the audit's input reader, which has no spaCy loaded)."""

from __future__ import annotations

import re

from .errors import Code, InputError

MAX_CHARS = 200_000
MAX_RUN = 1_000  # characters with no space between them: longer is data, not prose
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str) -> None:
    """InputError, coded, when `text` cannot be analysed; messages never quote it."""
    if not text.strip():
        raise InputError(Code.EMPTY_TEXT, "The record's text is empty.")
    if len(text) > MAX_CHARS:
        raise InputError(
            Code.TOO_LONG,
            f"The record has {len(text):,} characters; the limit is {MAX_CHARS:,}. Split it into separate records.",
        )
    # Bytes that were not UTF-8 (read with surrogateescape) or a lone surrogate escaped in JSON.
    if bad := _SURROGATE.search(text):
        raise InputError(
            Code.NOT_UTF8,
            f"The record's text is not valid UTF-8 (a lone surrogate at character {bad.start():,}); save it as UTF-8.",
        )
    # The tokenizer splits punctuation off a run one character at a time: a very long run of
    # it costs time that grows with the square of its length.
    if run := _LONG_RUN.search(text):
        raise InputError(
            Code.LONG_RUN,
            f"The record has {run.end() - run.start():,} characters with no space between them at character "
            f"{run.start():,}; the limit is {MAX_RUN:,}. Is it pasted data rather than a note?",
        )
