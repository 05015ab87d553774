"""What a check is: a typed value with an id, a function from context to outcome, and
its documentation (data/checks.yaml). The standards it serves come from the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..checkdocs import CheckDoc, Example, docs
from ..context import RecordContext
from ..models import Severity, Status

__all__ = ["Check", "CheckDoc", "Example", "Hit", "Outcome", "docs", "missing_outcome"]


@dataclass
class Hit:
    """A finding before it is placed in the result: offsets into the record's text."""

    code: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: Severity | None = None  # None: the code's default severity
    cite: Any = None  # a profile citation for this finding alone (a required-content element)
    replacements: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    status: Status
    score: float
    summary: str
    hits: list[Hit] = field(default_factory=list)
    detail: dict[str, Any] | None = None


@dataclass(frozen=True)
class Check:
    id: str
    run: Callable[[RecordContext], Outcome]
    # False when the outcome never carries `detail`: then a check that does not apply to a
    # record is not run at all (its result is only "not applicable", with no detail).
    # tests/test_check_examples.py holds every check to what it says here.
    detail: bool = True


def missing_outcome(wanted: int, missing: int, noun: str, hits: list[Hit], detail: dict[str, Any]) -> Outcome:
    """The outcome of a check that looks for a list of required things (headings, elements)."""
    if not missing:
        return Outcome("pass", 1.0, f"All {wanted} required {noun}s are present.", hits, detail)
    share = 1 - missing / wanted
    return Outcome(
        "warn" if share >= 0.5 else "fail",
        round(share, 3),
        f"{missing} of {wanted} required {noun}s missing.",
        hits,
        detail,
    )
