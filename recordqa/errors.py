"""Coded errors: user errors (RQE1xx input, RQE2xx data files) apart from internal faults.

Messages never include the record's text: case notes are sensitive personal data.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    EMPTY_TEXT = "RQE101"
    TOO_LONG = "RQE102"
    NOT_UTF8 = "RQE103"
    BAD_JSON = "RQE104"
    BAD_RECORD = "RQE105"
    NO_SUCH_FILE = "RQE106"
    UNKNOWN_CHECK = "RQE107"
    BAD_DATA_FILE = "RQE201"
    UNKNOWN_PROFILE = "RQE202"
    NO_MODEL = "RQE203"


class RecordQAError(Exception):
    """An error a user can act on; `code` is stable, `message` names what to fix."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"[{code.value}] {message}")
        self.code = code
        self.message = message


class InputError(RecordQAError):
    """A record cannot be analysed as given."""


class DataError(RecordQAError):
    """A profile, word list or model file is missing or malformed."""
