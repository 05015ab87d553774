"""What the store gives back: one row per scored record, with its checks and findings.

The contract between the store (which writes and reads these) and what reads them (the audit
report, the coaching summary, the service). No note text unless the audit ran with
`--keep-text`: `text` is then set on the record and on each finding, otherwise None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .. import checkdocs
from ..models import Record, Result


@dataclass(frozen=True, slots=True)
class StoredFinding:
    check: str
    code: str
    severity: str  # error | warning | suggestion | info
    start: int
    end: int
    message: str
    suggestion: str | None = None
    standard_id: str | None = None
    text: str | None = None  # the flagged words, only with --keep-text


@dataclass(frozen=True, slots=True)
class StoredRecord:
    key: str  # the record's id in its source, unique within the store
    run_id: str  # the audit run that scored it
    record_type: str
    profile: str
    score: float
    grade: str
    statuses: dict[str, str]  # check id -> pass | warn | fail | not_applicable
    findings: list[StoredFinding] = field(default_factory=list)
    worker: str = ""
    team: str = ""
    case_id: str = ""
    source: str = ""  # the file (and row or line) it came from
    event_date: date | None = None
    recorded_date: date | None = None
    scored_at: datetime | None = None
    text: str | None = None  # only with --keep-text


@dataclass(frozen=True, slots=True)
class ErrorRow:
    """An input that could not be scored, and why: nothing is dropped silently."""

    key: str
    run_id: str
    source: str
    code: str  # a recordqa.errors.Code value (RQE1xx), e.g. RQE101 empty text, RQE103 not UTF-8
    message: str  # never contains the note's text


def stored_record(
    result: Result,
    record: Record,
    *,
    key: str,
    run_id: str,
    source: str = "",
    keep_text: bool = False,
    scored_at: datetime | None = None,
) -> StoredRecord:
    """The row kept for one scored record: scores, statuses, codes and offsets; text only when
    `keep_text` (the user opted in).

    A finding's message and suggestion can quote the note ("'IRO' is not explained", a child's
    name), so without `keep_text` the message is the check's title and there is no suggestion.
    """
    md = record.metadata
    titles = checkdocs.titles()
    findings = [
        StoredFinding(
            check=f.check,
            code=f.code,
            severity=f.severity,
            start=f.start,
            end=f.end,
            message=f.message if keep_text else titles.get(f.check, f.check),
            suggestion=f.suggestion if keep_text else None,
            standard_id=f.standard.id if f.standard else None,
            text=f.text if keep_text else None,
        )
        for c in result.checks
        for f in c.findings
    ]
    return StoredRecord(
        key=key,
        run_id=run_id,
        record_type=result.record_type,
        profile=result.profile,
        score=result.score,
        grade=result.grade,
        statuses={c.id: c.status for c in result.checks},
        findings=findings,
        worker=md.worker,
        team=md.team,
        case_id=md.case_id,
        source=source,
        event_date=md.event_date,
        recorded_date=md.recorded_date,
        scored_at=scored_at,
        text=record.text if keep_text else None,
    )
