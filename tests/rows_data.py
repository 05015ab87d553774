"""Synthetic stored rows for the report and coaching tests: small invented visit records,
analysed for real by `engine.analyse`, turned into StoredRecords with `stored_record`.

Team T1: W01 and W02 write well; W07 writes well but leaves acronyms unexplained in every
record, and leaves the child's own words out of one record in four. Team T2: W03 writes
weak records. Every name, date and event here is invented.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime

from recordqa import engine
from recordqa.models import Metadata, Record
from recordqa.store.rows import ErrorRow, StoredRecord, stored_record

GOOD = (
    "Home visit to see {child} at her father's flat. The purpose was to hear how school is going. "
    'I spoke with {child} on her own in her room. She told me, "I like my new teacher because she is kind." '
    "Mr Jones said {child} had been sleeping well. In my view {child} is settling, because she is eating and "
    "sleeping well.\nNext steps:\n- I will phone the school by 14 March to ask how {child} is getting on."
)
# Good, but with unexplained acronyms (jargon fails).
ACRONYMS = GOOD.replace("The purpose was", "The IRO and the LADO know of the visit. The purpose was")
# Acronyms, and no quote from the child (child-voice does not pass).
NO_QUOTE = ACRONYMS.replace(
    'She told me, "I like my new teacher because she is kind."', "She seemed happy with her new teacher."
)
WEAK = (
    "Home visit to {child}. SW discussed the CIN plan and the PEP. Mum is chaotic and the house was messy. "
    "{child} was seen. Rough handling was reported. SW to continue to monitor, ongoing."
)
SCRIPT = "<script>alert('x')</script>"
# Weak, with markup in the words a finding flags (kept only with keep_text).
HOSTILE = "Home visit to {child} " + SCRIPT + ". Mum is chaotic <b>and</b> the house was messy. The IRO was told."

CHILDREN = ("Amy", "Beth", "Cara", "Dana")


def _record(key: str, template: str, worker: str, team: str, when: date, n: int) -> Record:
    child = CHILDREN[n % len(CHILDREN)]
    return Record(
        id=key,
        text=template.format(child=child),
        record_type="visit",
        metadata=Metadata(
            child_names=[child], child_ages=[9], worker=worker, team=team, event_date=when, case_id=f"C{n:03d}"
        ),
    )


def _plan() -> list[tuple[str, str, str, str, date]]:
    """(key, template, worker, team, event date)."""
    rows: list[tuple[str, str, str, str, date]] = []
    months = (date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 16), date(2026, 4, 20))
    for i, when in enumerate(months):
        rows.append((f"W01-{i}", GOOD, "W01", "T1", when))
        rows.append((f"W02-{i}", GOOD, "W02", "T1", when))
        rows.append((f"W07-{i}", NO_QUOTE if i == 0 else ACRONYMS, "W07", "T1", when))
        rows.append((f"W03-{i}", WEAK, "W03", "T2", when))
    return rows


@functools.lru_cache(maxsize=2)
def rows(keep_text: bool = False) -> tuple[StoredRecord, ...]:
    """The synthetic rows, analysed once per session (per keep_text)."""
    out: list[StoredRecord] = []
    scored = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    for n, (key, template, worker, team, when) in enumerate(_plan()):
        rec = _record(key, template, worker, team, when, n)
        res = engine.analyse(rec)
        out.append(
            stored_record(
                res,
                rec,
                key=key,
                run_id="run-1",
                source=f"synthetic.jsonl:{n + 1}",
                keep_text=keep_text,
                scored_at=scored,
            )
        )
    # One record with no dates at all but when it was scored, and one with markup in its text.
    rec = _record("W03-undated", WEAK, "W03", "T2", date(2026, 1, 1), 99)
    rec.metadata.event_date = None
    res = engine.analyse(rec)
    out.append(stored_record(res, rec, key="W03-undated", run_id="run-1", keep_text=keep_text, scored_at=scored))
    rec = _record("W03-hostile", HOSTILE, "W03", "T2", date(2026, 4, 21), 98)
    res = engine.analyse(rec)
    out.append(stored_record(res, rec, key="W03-hostile", run_id="run-1", keep_text=keep_text, scored_at=scored))
    return tuple(out)


ERRORS = (
    ErrorRow(
        key="bad-1", run_id="run-1", source="synthetic.jsonl:40", code="RQE101", message="The record's text is empty."
    ),
    ErrorRow(
        key="bad-2",
        run_id="run-1",
        source="synthetic.jsonl:41",
        code="RQE105",
        message="field 'event_date': not a date <b>2026-13-01</b>",
    ),
)
