"""Counting over stored rows: pass rates per check and per group, and months. Pure functions,
shared by the audit report and the coaching summary.

A check's **pass rate** is the share of the records it applied to (status other than
`not_applicable`) where its status is `pass`; `warn` and `fail` both count as not passed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import checkdocs
from .store.rows import StoredRecord

GRADES: tuple[str, ...] = ("outstanding", "good", "requires_improvement", "inadequate")
GRADE_LABELS = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
UNDATED = "undated"


@dataclass
class Tally:
    """How one check (or all checks) went over a set of records."""

    applicable: int = 0
    passed: int = 0
    warned: int = 0
    failed: int = 0
    not_applicable: int = 0

    def add(self, status: str) -> None:
        if status == "not_applicable":
            self.not_applicable += 1
            return
        self.applicable += 1
        if status == "pass":
            self.passed += 1
        elif status == "warn":
            self.warned += 1
        else:
            self.failed += 1

    @property
    def rate(self) -> float | None:
        """Passed over applicable; None when the check never applied."""
        return self.passed / self.applicable if self.applicable else None

    @property
    def not_passed(self) -> int:
        return self.applicable - self.passed


def record_date(r: StoredRecord) -> date | None:
    """The date a record is counted under: its event date, else recorded date, else when it was scored."""
    if r.event_date is not None:
        return r.event_date
    if r.recorded_date is not None:
        return r.recorded_date
    return r.scored_at.date() if r.scored_at is not None else None


def month(r: StoredRecord) -> str:
    """`YYYY-MM` of `record_date`, or `undated`."""
    d = record_date(r)
    return f"{d.year:04d}-{d.month:02d}" if d else UNDATED


def check_tallies(records: Iterable[StoredRecord]) -> dict[str, Tally]:
    """Per check id, in the order checks are first seen."""
    out: dict[str, Tally] = {}
    for r in records:
        for check, status in r.statuses.items():
            out.setdefault(check, Tally()).add(status)
    return out


def overall(records: Iterable[StoredRecord]) -> Tally:
    """All checks of all the records together."""
    t = Tally()
    for r in records:
        for status in r.statuses.values():
            t.add(status)
    return t


def group(records: Iterable[StoredRecord], key: Callable[[StoredRecord], str]) -> dict[str, list[StoredRecord]]:
    out: dict[str, list[StoredRecord]] = defaultdict(list)
    for r in records:
        out[key(r)].append(r)
    return dict(out)


def by_month(records: Iterable[StoredRecord]) -> list[tuple[str, list[StoredRecord]]]:
    """Records per month, oldest first; undated ones last."""
    groups = group(records, month)
    return sorted(groups.items(), key=lambda kv: (kv[0] == UNDATED, kv[0]))


def mean_score(records: Sequence[StoredRecord]) -> float | None:
    return round(sum(r.score for r in records) / len(records), 1) if records else None


def grade_counts(records: Iterable[StoredRecord]) -> dict[str, int]:
    counts = dict.fromkeys(GRADES, 0)
    for r in records:
        counts[r.grade] = counts.get(r.grade, 0) + 1
    return counts


def title(check: str) -> str:
    return checkdocs.titles().get(check, check)


def order_checks(ids: Iterable[str]) -> list[str]:
    """Check ids in the catalogue's order, unknown ones after, alphabetically."""
    known = list(checkdocs.titles())
    rank = {c: i for i, c in enumerate(known)}
    return sorted(set(ids), key=lambda c: (rank.get(c, len(rank)), c))


def pct(rate: float | None) -> str:
    return "–" if rate is None else f"{100 * rate:.0f}%"
