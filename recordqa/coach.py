"""The coaching view: one worker's records beside their team's, and where coaching would help most.

`summarise(records, worker=...)` is a pure function over stored rows (the store, the CLI and
the service hand it what they read). Rendered as text (`render_text`) and as a printable,
self-contained HTML page (`render_html`).

**Comparison group.** The team given (`team=`), else the worker's own team in the data (the
team on most of their records), else everyone in the data. The team's figures include the
worker's own records: they are the team's figures as a manager sees them.

**Where coaching would help most.** For each check that applied to the worker's records:

    priority = gap × applies
    gap      = team pass rate − worker pass rate    (only checks where it is above zero)
    applies  = the worker's records the check applied to ÷ all the worker's records

`priority` is the number of extra passes per record the worker would have if they passed the
check as often as their team does: a large gap on a check that rarely applies ranks below a
smaller gap on one that applies to nearly every record. Ties go to the check the worker
failed more often. The top three are the coaching areas, each with up to three example
findings (most severe first, from different records where possible); a finding's words are
shown only where the audit kept the text, otherwise its message, code and offsets.

**What they do well.** Checks that applied to the worker's records where they passed it at
least once and their pass rate is at or above the team's, best first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from . import charts
from .errors import Code, InputError
from .report import page
from .store.rows import StoredFinding, StoredRecord
from .tally import (
    GRADE_LABELS,
    GRADES,
    by_month,
    check_tallies,
    grade_counts,
    mean_score,
    order_checks,
    overall,
    pct,
    record_date,
    title,
)

AREAS = 3
EXAMPLES = 3
FORMULA = (
    "priority = (team pass rate − worker pass rate) × (share of the worker's records the check applies to): "
    "the extra passes per record if the worker passed the check as often as the team."
)
SEVERITY_ORDER = {"error": 0, "warning": 1, "suggestion": 2, "info": 3}


class NoRecordsError(InputError):
    """The worker has no stored records (in the period asked for)."""


class CheckComparison(BaseModel):
    check: str
    title: str
    worker_applicable: int = Field(description="The worker's records the check applied to")
    worker_passed: int
    worker_rate: float | None = Field(description="Passed over applicable, 0..1; null when it never applied")
    team_applicable: int
    team_passed: int
    team_rate: float | None
    gap: float | None = Field(description="team_rate − worker_rate; positive: the worker passes it less often")


class MonthPoint(BaseModel):
    month: str = Field(description="YYYY-MM, or 'undated'")
    records: int
    mean_score: float | None
    pass_rate: float | None = Field(description="Share of the applicable checks passed, 0..1")
    team_mean_score: float | None = None
    team_pass_rate: float | None = None


class Example(BaseModel):
    record: str = Field(description="The record's key")
    date: dt.date | None = None
    check: str
    code: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    text: str | None = Field(default=None, description="The flagged words, only where the audit kept the text")


class CoachingArea(BaseModel):
    check: str
    title: str
    worker_rate: float
    team_rate: float
    gap: float
    applies: float = Field(description="Share of the worker's records the check applied to")
    priority: float = Field(description="gap × applies")
    not_passed: int = Field(description="The worker's records where it warned or failed")
    examples: list[Example] = []


class Strength(BaseModel):
    check: str
    title: str
    worker_rate: float
    team_rate: float | None
    applicable: int


class WorkerSummary(BaseModel):
    worker: str
    team: str = Field(description="The comparison group's name ('everyone' when the whole data set)")
    team_basis: Literal["given", "own", "everyone"]
    since: dt.date | None = None
    records: int
    team_records: int
    team_workers: int
    mean_score: float | None
    team_mean_score: float | None
    pass_rate: float | None = Field(description="Share of the worker's applicable checks passed")
    team_pass_rate: float | None
    grades: dict[str, int]
    first: dt.date | None = None
    last: dt.date | None = None
    checks: list[CheckComparison]
    trend: list[MonthPoint]
    coaching: list[CoachingArea]
    strengths: list[Strength]
    formula: str = FORMULA


def _since(records: Iterable[StoredRecord], since: dt.date | None) -> list[StoredRecord]:
    if since is None:
        return list(records)
    return [r for r in records if (d := record_date(r)) is not None and d >= since]


def _examples(records: Sequence[StoredRecord], check: str) -> list[Example]:
    """Up to EXAMPLES findings of `check` (never `info` ones, which note what was done well): from records
    where the check did not pass first, then the most severe, from the lowest-scoring records; one a
    record and one a code before any second one."""
    found: list[tuple[StoredRecord, StoredFinding]] = [
        (r, f) for r in records for f in r.findings if f.check == check and f.severity != "info"
    ]
    found.sort(
        key=lambda rf: (
            rf[0].statuses.get(check) == "pass",
            SEVERITY_ORDER.get(rf[1].severity, 9),
            rf[0].score,
            rf[0].key,
            rf[1].start,
        )
    )
    chosen: list[int] = []
    seen_records: set[str] = set()
    seen_codes: set[str] = set()
    for strict in (2, 1, 0):
        for i, (r, f) in enumerate(found):
            if len(chosen) >= EXAMPLES:
                break
            if i in chosen or (strict >= 1 and r.key in seen_records) or (strict >= 2 and f.code in seen_codes):
                continue
            chosen.append(i)
            seen_records.add(r.key)
            seen_codes.add(f.code)
    return [
        Example(
            record=r.key,
            date=record_date(r),
            check=f.check,
            code=f.code,
            severity=f.severity,
            start=f.start,
            end=f.end,
            message=f.message,
            suggestion=f.suggestion,
            text=f.text,
        )
        for r, f in (found[i] for i in chosen)
    ]


def _team_of(worker_records: Sequence[StoredRecord]) -> str:
    teams = Counter(r.team for r in worker_records if r.team)
    return teams.most_common(1)[0][0] if teams else ""


def summarise(
    records: Iterable[StoredRecord], *, worker: str, team: str | None = None, since: dt.date | None = None
) -> WorkerSummary:
    """The coaching summary for `worker` from `records` (the worker's and their team's, or everyone's).

    Raises NoRecordsError when the worker has no records (since `since`, by event date, else
    recorded date, else the date scored).
    """
    rows = _since(records, since)
    mine = [r for r in rows if r.worker == worker]
    if not mine:
        when = f" since {since.isoformat()}" if since else ""
        raise NoRecordsError(Code.BAD_RECORD, f"No scored records for worker '{worker}'{when}.")
    basis: Literal["given", "own", "everyone"]
    if team:
        basis, team_name = "given", team
        theirs = [r for r in rows if r.team == team]
    elif own := _team_of(mine):
        basis, team_name = "own", own
        theirs = [r for r in rows if r.team == own]
    else:
        basis, team_name = "everyone", "everyone"
        theirs = rows

    w_t = check_tallies(mine)
    t_t = check_tallies(theirs)
    checks: list[CheckComparison] = []
    for c in order_checks(set(w_t) | set(t_t)):
        w = w_t.get(c)
        t = t_t.get(c)
        wr = w.rate if w else None
        tr = t.rate if t else None
        checks.append(
            CheckComparison(
                check=c,
                title=title(c),
                worker_applicable=w.applicable if w else 0,
                worker_passed=w.passed if w else 0,
                worker_rate=wr,
                team_applicable=t.applicable if t else 0,
                team_passed=t.passed if t else 0,
                team_rate=tr,
                gap=None if wr is None or tr is None else round(tr - wr, 4),
            )
        )

    areas: list[CoachingArea] = []
    for cmp in checks:
        w = w_t.get(cmp.check)
        if w is None or cmp.worker_rate is None or cmp.team_rate is None or cmp.gap is None or cmp.gap <= 0:
            continue
        applies = w.applicable / len(mine)
        areas.append(
            CoachingArea(
                check=cmp.check,
                title=cmp.title,
                worker_rate=cmp.worker_rate,
                team_rate=cmp.team_rate,
                gap=cmp.gap,
                applies=round(applies, 4),
                priority=round(cmp.gap * applies, 4),
                not_passed=w.not_passed,
            )
        )
    areas.sort(key=lambda a: (-a.priority, -a.not_passed, a.check))
    areas = areas[:AREAS]
    for a in areas:
        a.examples = _examples(mine, a.check)

    strengths = [
        Strength(
            check=cmp.check,
            title=cmp.title,
            worker_rate=cmp.worker_rate,
            team_rate=cmp.team_rate,
            applicable=cmp.worker_applicable,
        )
        for cmp in checks
        if cmp.worker_rate and cmp.team_rate is not None and cmp.worker_rate >= cmp.team_rate
    ]
    strengths.sort(key=lambda s: (-s.worker_rate, -(s.worker_rate - (s.team_rate or 0)), s.check))

    team_months = dict(by_month(theirs))
    trend = []
    for m, recs in by_month(mine):
        tm = team_months.get(m, [])
        trend.append(
            MonthPoint(
                month=m,
                records=len(recs),
                mean_score=mean_score(recs),
                pass_rate=overall(recs).rate,
                team_mean_score=mean_score(tm),
                team_pass_rate=overall(tm).rate if tm else None,
            )
        )
    dates = [d for d in (record_date(r) for r in mine) if d is not None]
    return WorkerSummary(
        worker=worker,
        team=team_name,
        team_basis=basis,
        since=since,
        records=len(mine),
        team_records=len(theirs),
        team_workers=len({r.worker for r in theirs if r.worker}),
        mean_score=mean_score(mine),
        team_mean_score=mean_score(theirs),
        pass_rate=overall(mine).rate,
        team_pass_rate=overall(theirs).rate,
        grades=grade_counts(mine),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        checks=checks,
        trend=trend,
        coaching=areas,
        strengths=strengths,
    )


class RecordSource(Protocol):
    """What `for_worker` reads from: `recordqa.store.Store` (or anything with its `records`)."""

    def records(
        self,
        run_id: str | None = None,
        worker: str | None = None,
        team: str | None = None,
        since: dt.date | None = None,
    ) -> Iterable[StoredRecord]: ...


def missing_sqlite(url: str) -> str | None:
    """The file an `sqlite:///PATH` URL names, when it does not exist (nothing audited there yet)."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != prefix + ":memory:":
        path = url[len(prefix) :].split("?", 1)[0]
        if not Path(path).exists():
            return path
    return None


def for_worker(
    source: RecordSource, *, worker: str, team: str | None = None, since: dt.date | None = None
) -> WorkerSummary:
    """The summary for `worker` from a store: reads the worker's records, then their comparison
    group's (the team given, else the worker's own team, else every record in the store)."""
    mine = list(source.records(worker=worker))
    if not mine:
        raise NoRecordsError(Code.BAD_RECORD, f"No scored records for worker '{worker}'.")
    group_team = team or _team_of(mine)
    read = source.records(team=group_team) if group_team else source.records()
    rows = {r.key: r for r in read}
    for r in mine:
        rows.setdefault(r.key, r)
    return summarise(rows.values(), worker=worker, team=team, since=since)


# -- rendering ---------------------------------------------------------------------------------


def _team_label(s: WorkerSummary) -> str:
    if s.team_basis == "everyone":
        return "everyone in the data"
    return f"team {s.team}"


def _example_line(e: Example) -> str:
    where = f"{e.record}" + (f" ({e.date.isoformat()})" if e.date else "")
    words = f'"{e.text}" ' if e.text is not None else ""
    return f"{where}: {words}{e.message} [{e.code}, {e.severity}, characters {e.start}–{e.end}]"


def render_text(s: WorkerSummary) -> str:
    """The summary as plain text for the terminal (one line each; note words only where kept)."""
    out: list[str] = []
    period = f" since {s.since.isoformat()}" if s.since else ""
    span = f", {s.first.isoformat()} to {s.last.isoformat()}" if s.first and s.last else ""
    out.append(f"Coaching summary: worker {s.worker}{period}")
    out.append(
        f"{s.records} records{span}; compared with {_team_label(s)} "
        f"({s.team_records} records, {s.team_workers} workers)."
    )
    out.append(
        f"Mean score {s.mean_score if s.mean_score is not None else '–'} "
        f"(team {s.team_mean_score if s.team_mean_score is not None else '–'}); "
        f"checks passed {pct(s.pass_rate)} (team {pct(s.team_pass_rate)})."
    )
    out.append("Grades: " + ", ".join(f"{GRADE_LABELS[g]} {s.grades.get(g, 0)}" for g in GRADES))
    out.append("")
    out.append("Where coaching would help most")
    if not s.coaching:
        out.append("  Nothing: the worker passes every check at least as often as the comparison group.")
    for i, a in enumerate(s.coaching, 1):
        out.append(
            f"  {i}. {a.check}: {a.title}. Passed {pct(a.worker_rate)} (team {pct(a.team_rate)}), "
            f"applies to {pct(a.applies)} of their records; priority {a.priority:.3f}."
        )
        for e in a.examples:
            out.append(f"     - {_example_line(e)}")
    out.append("")
    out.append("What they do well")
    if not s.strengths:
        out.append("  No check at or above the comparison group yet.")
    for st in s.strengths:
        out.append(f"  - {st.check}: {st.title}. Passed {pct(st.worker_rate)} (team {pct(st.team_rate)}).")
    out.append("")
    out.append("Pass rate per check (worker / team, records it applied to)")
    width = max((len(c.check) for c in s.checks), default=10)
    for c in s.checks:
        out.append(
            f"  {c.check:<{width}}  {pct(c.worker_rate):>5} / {pct(c.team_rate):>5}   "
            f"({c.worker_applicable} / {c.team_applicable})"
        )
    out.append("")
    out.append("Trend by month (records, mean score, checks passed; team's in brackets)")
    for m in s.trend:
        ms = "–" if m.mean_score is None else f"{m.mean_score:.1f}"
        tms = "–" if m.team_mean_score is None else f"{m.team_mean_score:.1f}"
        out.append(f"  {m.month:<8} {m.records:>4}  {ms:>5} ({tms})  {pct(m.pass_rate):>5} ({pct(m.team_pass_rate)})")
    out.append("")
    out.append(f"How areas are ranked: {s.formula}")
    return "\n".join(out)


def render_html(s: WorkerSummary) -> str:
    """The summary as a printable, self-contained HTML page (inline CSS and SVG, no script)."""
    period = f" since {s.since.isoformat()}" if s.since else ""
    span = f" · {s.first.isoformat()} to {s.last.isoformat()}" if s.first and s.last else ""
    team = _team_label(s)
    parts: list[str] = [
        f"<header><h1>Coaching summary: {escape(s.worker)}</h1>",
        f'<p class="lede">{s.records:,} records{escape(period)}{escape(span)} · compared with {escape(team)} '
        f"({s.team_records:,} records, {s.team_workers:,} workers)</p>",
        '<p class="note">recordqa scores how records are written against the recording standards, for the writer '
        "and their manager. It says nothing about the quality of the practice behind a record.</p>",
        '<div class="cards">',
    ]
    for v, k in (
        ("–" if s.mean_score is None else f"{s.mean_score:.1f}", "mean score"),
        ("–" if s.team_mean_score is None else f"{s.team_mean_score:.1f}", f"{team}: mean score"),
        (pct(s.pass_rate), "checks passed"),
        (pct(s.team_pass_rate), f"{team}: checks passed"),
    ):
        parts.append(f'<div class="card"><span class="n">{escape(v)}</span><span class="k">{escape(k)}</span></div>')
    parts.append("</div></header>")

    parts.append('<section id="coaching"><h2>Where coaching would help most</h2>')
    if not s.coaching:
        parts.append(
            "<p>Nothing stands out: the worker passes every check at least as often as the comparison group.</p>"
        )
    for i, a in enumerate(s.coaching, 1):
        parts.append(
            f'<div class="record"><h3>{i}. {escape(a.title)} <code>{escape(a.check)}</code></h3>'
            f"<p>Passed in {pct(a.worker_rate)} of their records (team {pct(a.team_rate)}); applies to "
            f"{pct(a.applies)} of their records; not passed in {a.not_passed:,}. Priority {a.priority:.3f}.</p>"
        )
        if a.examples:
            parts.append("<ul>")
            for e in a.examples:
                words = f'<span class="kept">{escape(e.text)}</span> — ' if e.text is not None else ""
                when = f" ({escape(e.date.isoformat())})" if e.date else ""
                hint = f"<br><small>Instead: {escape(e.suggestion)}</small>" if e.suggestion else ""
                parts.append(
                    f"<li>{words}{escape(e.message)} <small><code>{escape(e.code)}</code>, {escape(e.severity)}, "
                    f"record <code>{escape(e.record)}</code>{when}, characters {e.start}–{e.end}</small>{hint}</li>"
                )
            parts.append("</ul>")
        parts.append("</div>")
    parts.append(f'<p class="note">How areas are ranked: {escape(s.formula)}</p></section>')

    parts.append('<section id="strengths"><h2>What they do well</h2>')
    if s.strengths:
        parts.append("<ul>")
        for st in s.strengths:
            parts.append(
                f"<li>{escape(st.title)} <code>{escape(st.check)}</code>: passed {pct(st.worker_rate)} "
                f"(team {pct(st.team_rate)}, {st.applicable:,} records)</li>"
            )
        parts.append("</ul>")
    else:
        parts.append("<p>No check at or above the comparison group yet.</p>")
    parts.append("</section>")

    shown = [c for c in s.checks if c.worker_applicable or c.team_applicable]
    parts.append('<section id="checks"><h2>Pass rate per check</h2>')
    parts.append(
        charts.paired_bars(
            [(c.title, c.worker_rate, c.team_rate) for c in shown],
            label=f"Pass rate per check: {s.worker} beside {team}",
            names=(s.worker, team),
        )
    )
    parts.append(
        '<table><thead><tr><th>Check</th><th class="num">Worker</th><th class="num">Team</th>'
        '<th class="num">Gap</th><th class="num">Applied (worker / team)</th></tr></thead><tbody>'
    )
    for c in shown:
        gap = "–" if c.gap is None else f"{100 * c.gap:+.0f} pts"
        parts.append(
            f"<tr><td><code>{escape(c.check)}</code><br><small>{escape(c.title)}</small></td>"
            f'<td class="num">{pct(c.worker_rate)}</td><td class="num">{pct(c.team_rate)}</td>'
            f'<td class="num">{escape(gap)}</td><td class="num">{c.worker_applicable:,} / {c.team_applicable:,}</td></tr>'
        )
    parts.append("</tbody></table></section>")

    dated = [m for m in s.trend if m.month != "undated"]
    parts.append('<section id="trend"><h2>Trend by month</h2>')
    if dated:
        parts.append(
            charts.lines(
                [m.month for m in dated],
                [
                    (f"{s.worker}: mean score", [m.mean_score for m in dated], charts.DARK),
                    (f"{team}: mean score", [m.team_mean_score for m in dated], charts.LIGHT),
                ],
                label=f"Mean score by month: {s.worker} and {team}",
            )
        )
    parts.append(
        '<table><thead><tr><th>Month</th><th class="num">Records</th><th class="num">Mean score</th>'
        '<th class="num">Team mean</th><th class="num">Checks passed</th><th class="num">Team</th></tr></thead><tbody>'
    )
    for m in s.trend:
        parts.append(
            f'<tr><td>{escape(m.month)}</td><td class="num">{m.records:,}</td>'
            f'<td class="num">{"–" if m.mean_score is None else f"{m.mean_score:.1f}"}</td>'
            f'<td class="num">{"–" if m.team_mean_score is None else f"{m.team_mean_score:.1f}"}</td>'
            f'<td class="num">{pct(m.pass_rate)}</td><td class="num">{pct(m.team_pass_rate)}</td></tr>'
        )
    parts.append("</tbody></table></section>")
    parts.append("<footer>recordqa coaching summary, for a supervision file. Self-contained; runs no script.</footer>")
    return page(f"Coaching summary: {s.worker}", "\n".join(parts))
