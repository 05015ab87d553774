"""timeliness: the record was written within the authority's limit, in working days."""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays

from ..context import RecordContext
from .base import Check, Hit, Outcome


@functools.lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))  # England and Wales share these


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when recorded the same day)."""
    if end <= start:
        return 0
    n = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in _bank_holidays(day.year):
            n += 1
    return n


def run(ctx: RecordContext) -> Outcome:
    meta = ctx.record.metadata
    if meta.event_date is None or meta.recorded_date is None:
        return Outcome("not_applicable", 1.0, "No event and recorded dates were given.", [], {"working_days": None})
    if meta.recorded_date < meta.event_date:
        s, e = ctx.anchor
        return Outcome(
            "fail",
            0.0,
            "The recorded date is before the event date.",
            [
                Hit(
                    "timeliness/dates",
                    s,
                    e,
                    "The recorded date is before the date of the event.",
                    "Check the event date and the recorded date.",
                )
            ],
            {"working_days": None},
        )
    days = working_days_between(meta.event_date, meta.recorded_date)
    significant = bool(getattr(meta, "significant_event", False))
    limit = int(ctx.setting("timeliness", "working_days", 5))
    by_type = ctx.setting("timeliness", "record_type_working_days", {}) or {}
    if ctx.record_type in by_type:  # e.g. Calderdale: a referral is recorded on the day (L17)
        limit = int(by_type[ctx.record_type])
    if significant:
        limit = min(limit, int(ctx.setting("timeliness", "significant_event_working_days", limit)))
    detail = {"working_days": days, "limit": limit, "significant_event": significant}
    if days <= limit:
        return Outcome(
            "pass", 1.0, f"Recorded {days} working day{'s' * (days != 1)} after the event (limit {limit}).", [], detail
        )
    s, e = ctx.anchor
    return Outcome(
        "fail",
        max(0.0, 1.0 - (days - limit) / 10),
        f"Recorded {days} working days after the event; the limit is {limit}.",
        [
            Hit(
                "timeliness/late",
                s,
                e,
                f"Recorded {days} working days after the event (limit {limit}).",
                "Record visits and contacts within the timescale, dated with the event date.",
            )
        ],
        detail,
    )


CHECK = Check("timeliness", run)
