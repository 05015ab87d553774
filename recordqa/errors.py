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
    LONG_RUN = "RQE108"
    # Audit inputs (recordqa audit): each gives an error row, and the rest of the batch goes on.
    BAD_DATE = "RQE110"
    MISSING_TEXT = "RQE111"
    BAD_CSV = "RQE112"
    BAD_DOCX = "RQE113"
    DUPLICATE_ID = "RQE114"
    UNKNOWN_RECORD_TYPE = "RQE115"
    UNSUPPORTED_FILE = "RQE116"
    EMPTY_INPUT = "RQE117"
    ANALYSIS_FAILED = "RQE118"
    BAD_DATA_FILE = "RQE201"
    UNKNOWN_PROFILE = "RQE202"
    NO_MODEL = "RQE203"
    # Audits (RQE4xx; RQE3xx are the service's own): the database cannot be reached or went away; the engine cannot start.
    STORE_UNAVAILABLE = "RQE401"
    ENGINE_UNAVAILABLE = "RQE402"


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


class StoreError(RecordQAError):
    """The audit store cannot be reached or failed; what was committed before is kept."""
