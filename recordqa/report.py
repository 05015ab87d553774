"""The audit report: one self-contained, printable HTML page over stored rows.

It opens with no network: one inline style block (allowed by hash in the page's own
Content-Security-Policy, which allows nothing else: no script at all), charts as inline SVG.
Every value is escaped, so note text kept with `--keep-text` shows as text, never as markup.
Finding text appears only where it was kept; otherwise a finding is its code, message and
offsets.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from . import charts
from .store.rows import ErrorRow, StoredFinding, StoredRecord
from .tally import (
    GRADE_LABELS,
    GRADES,
    UNDATED,
    Tally,
    month,
    order_checks,
    pct,
    record_date,
)
from .tally import title as check_title

LOWEST = 20  # the lowest-scoring records shown with their findings
ERRORS_SHOWN = 1000  # error rows listed one by one (all are counted, by code)

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933;
  margin: 0 auto; max-width: 1060px; padding: 24px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #d9dee3; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p.lede, p.note { color: #52606d; margin: 4px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid #d9dee3; border-radius: 6px; padding: 10px 14px; min-width: 140px; }
.card .n { font-size: 24px; font-weight: 700; display: block; }
.card .k { color: #52606d; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f5f7fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
.record { border: 1px solid #d9dee3; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.record h3 { margin-top: 4px; }
.grade-outstanding { color: #1b7f3b; } .grade-good { color: #3d7f4c; }
.grade-requires_improvement { color: #8a6100; } .grade-inadequate { color: #c0392b; }
.sev-error { color: #c0392b; font-weight: 600; } .sev-warning { color: #8a6100; }
.kept { background: #fff8e1; padding: 0 2px; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: #52606d; font-size: 12px; border-top: 1px solid #d9dee3; padding-top: 8px; }
@page { margin: 14mm; }
@media print {
  body { padding: 0; font-size: 11px; max-width: none; }
  h2 { break-after: avoid; }
  section, .record, .chart, tr { break-inside: avoid; }
  .card { border-color: #999; }
}
"""
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
# The report's own policy: its one style block, nothing else (no script, no fetch, no images from anywhere).
CSP = f"default-src 'none'; style-src '{STYLE_HASH}'; img-src data:; base-uri 'none'; form-action 'none'"


def page(title_text: str, body: str, *, csp: str = CSP) -> str:
    """A whole HTML document around `body` (already escaped markup), with the report's style and policy."""
    return (
        '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title_text)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _num(n: float | int | None, fmt: str = "{:,}") -> str:
    return "–" if n is None else fmt.format(n)


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table; cells are already-escaped markup. `numeric` column indexes are right-aligned."""

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    out = ["<table><thead><tr>"]
    out += [f'<th{cls(i)} scope="col">{h}</th>' for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _grade(g: str) -> str:
    return f'<span class="grade-{escape(g)}">{escape(GRADE_LABELS.get(g, g))}</span>'


def finding_rows(findings: Sequence[StoredFinding]) -> list[list[str]]:
    """Check, code, severity, where, the kept words (when any finding has them), message."""
    kept = any(f.text is not None for f in findings)
    rows = []
    for f in findings:
        message = escape(f.message)
        if f.suggestion:
            message += f"<br><small>Instead: {escape(f.suggestion)}</small>"
        words = f'<span class="kept">{escape(f.text)}</span>' if f.text is not None else ""
        rows.append(
            [
                f"<code>{escape(f.check)}</code>",
                f"<code>{escape(f.code)}</code>",
                f'<span class="sev-{escape(f.severity)}">{escape(f.severity)}</span>',
                f"{f.start}–{f.end}",
                *([words] if kept else []),
                message,
            ]
        )
    return rows


@dataclass(slots=True)
class _Group:
    """What the report shows of a set of records (all, a team, a worker, a month), counted as
    they go by: no record is kept."""

    n: int = 0
    score_sum: float = 0.0
    grades: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GRADES, 0))
    overall: Tally = field(default_factory=Tally)  # all checks of all the records together

    def add(self, r: StoredRecord) -> None:
        self.n += 1
        self.score_sum += r.score
        self.grades[r.grade] = self.grades.get(r.grade, 0) + 1
        for status in r.statuses.values():
            self.overall.add(status)

    @property
    def mean(self) -> float | None:
        return round(self.score_sum / self.n, 1) if self.n else None


@dataclass(slots=True)
class ReportStats:
    """Everything the report needs, accumulated one record at a time (in the order given): the
    counts per check, per team, per worker and per month, and the lowest-scoring records.
    Memory grows with the number of teams, workers, months and checks, not of records."""

    whole: _Group = field(default_factory=_Group)
    tallies: dict[str, Tally] = field(default_factory=dict)  # per check id, in the order first seen
    teams: dict[str, _Group] = field(default_factory=dict)
    workers: dict[str, _Group] = field(default_factory=dict)
    months: dict[str, _Group] = field(default_factory=dict)
    named_workers: set[str] = field(default_factory=set)
    named_teams: set[str] = field(default_factory=set)
    lowest: list[StoredRecord] = field(default_factory=list)  # at most 2 * LOWEST between trims

    def add(self, r: StoredRecord) -> None:
        self.whole.add(r)
        for check, status in r.statuses.items():
            self.tallies.setdefault(check, Tally()).add(status)
        self.teams.setdefault(r.team or "(no team)", _Group()).add(r)
        self.workers.setdefault(r.worker or "(no worker)", _Group()).add(r)
        self.months.setdefault(month(r), _Group()).add(r)
        if r.worker:
            self.named_workers.add(r.worker)
        if r.team:
            self.named_teams.add(r.team)
        self.lowest.append(r)
        if len(self.lowest) >= 2 * LOWEST:
            self._trim()

    def _trim(self) -> None:
        self.lowest.sort(key=lambda r: (r.score, r.key))
        del self.lowest[LOWEST:]

    @classmethod
    def of(cls, records: Iterable[StoredRecord]) -> ReportStats:
        stats = cls()
        for r in records:
            stats.add(r)
        return stats


def _group_rows(groups: dict[str, _Group]) -> list[list[str]]:
    rows = []
    for name, g in sorted(groups.items(), key=lambda kv: (-kv[1].n, kv[0])):
        good = g.grades["outstanding"] + g.grades["good"]
        rows.append(
            [
                escape(name),
                f"{g.n:,}",
                _num(g.mean, "{:.1f}"),
                pct(g.overall.rate),
                pct(good / g.n),
                f"{g.grades['inadequate']:,}",
            ]
        )
    return rows


def _check_section(tallies: dict[str, Tally]) -> str:
    ids = order_checks(tallies)
    chart = charts.bars(
        [
            (check_title(c), tallies[c].rate, f"{pct(tallies[c].rate)} of {tallies[c].applicable:,}")
            for c in ids
            if tallies[c].applicable
        ],
        label="Pass rate per check",
    )
    rows = [
        [
            f"<code>{escape(c)}</code><br><small>{escape(check_title(c))}</small>",
            f"{tallies[c].applicable:,}",
            f"{tallies[c].passed:,}",
            f"{tallies[c].warned:,}",
            f"{tallies[c].failed:,}",
            f"{tallies[c].not_applicable:,}",
            pct(tallies[c].rate),
        ]
        for c in ids
    ]
    table = _table(
        ["Check", "Applied", "Pass", "Warn", "Fail", "Not applicable", "Pass rate"], rows, (1, 2, 3, 4, 5, 6)
    )
    return (
        '<section id="checks"><h2>Pass rate per check</h2>'
        '<p class="note">Of the records a check applied to, the share where it passed (warn and fail count as not passed).</p>'
        f"{chart}{table}</section>"
    )


def _trend_section(by_month: dict[str, _Group]) -> str:
    months = sorted(by_month.items(), key=lambda kv: (kv[0] == UNDATED, kv[0]))  # oldest first; undated last
    dated = [(m, g) for m, g in months if m != UNDATED]
    chart = ""
    if dated:
        chart = charts.lines(
            [m for m, _ in dated],
            [
                ("Mean score", [g.mean for _, g in dated], charts.DARK),
                (
                    "Checks passed (%)",
                    [None if (r := g.overall.rate) is None else round(100 * r, 1) for _, g in dated],
                    charts.GRADE_COLOURS["good"],
                ),
            ],
            label="Trend by month: mean score and share of checks passed",
        )
    rows = []
    for m, g in months:
        rows.append(
            [
                escape(m),
                f"{g.n:,}",
                _num(g.mean, "{:.1f}"),
                pct(g.overall.rate),
                *(f"{g.grades[k]:,}" for k in GRADES),
            ]
        )
    head = ["Month", "Records", "Mean score", "Checks passed", *(GRADE_LABELS[k] for k in GRADES)]
    return (
        '<section id="trend"><h2>Trend by month</h2>'
        '<p class="note">By event date, else recorded date, else the date the record was scored.</p>'
        f"{chart}{_table(head, rows, tuple(range(1, len(head))))}</section>"
    )


def _record_block(r: StoredRecord) -> str:
    d = record_date(r)
    meta = [
        f"Score <strong>{r.score:.1f}</strong>, {_grade(r.grade)}",
        f"type {escape(r.record_type)}",
        f"worker {escape(r.worker or '–')}",
        f"team {escape(r.team or '–')}",
        f"date {escape(d.isoformat()) if d else 'undated'}",
    ]
    if r.case_id:
        meta.append(f"case {escape(r.case_id)}")
    if r.source:
        meta.append(f"from <code>{escape(r.source)}</code>")
    failing = [c for c in order_checks(r.statuses) if r.statuses[c] in ("fail", "warn")]
    checks = ", ".join(f"<code>{escape(c)}</code> {escape(r.statuses[c])}" for c in failing) or "none"
    kept = any(f.text is not None for f in r.findings)
    head = ["Check", "Code", "Severity", "Offsets", *(["Words (kept)"] if kept else []), "Message"]
    findings = _table(head, finding_rows(r.findings), (3,)) if r.findings else '<p class="note">No findings.</p>'
    return (
        f'<div class="record"><h3><code>{escape(r.key)}</code></h3>'
        f"<p>{' · '.join(meta)}</p><p>Checks not passed: {checks}</p>{findings}</div>"
    )


def _errors_section(errors: Sequence[ErrorRow]) -> str:
    if not errors:
        return '<section id="errors"><h2>Error rows</h2><p>None: every input was scored.</p></section>'
    by_code = Counter(e.code for e in errors)
    summary = _table(
        ["Code", "Rows"], [[f"<code>{escape(c)}</code>", f"{n:,}"] for c, n in sorted(by_code.items())], (1,)
    )
    shown = errors[:ERRORS_SHOWN]
    rows = [
        [
            f"<code>{escape(e.key)}</code>",
            f"<code>{escape(e.source)}</code>",
            f"<code>{escape(e.code)}</code>",
            escape(e.message),
        ]
        for e in shown
    ]
    more = (
        f'<p class="note">The first {len(shown):,} of {len(errors):,} are listed; all are in the store.</p>'
        if len(errors) > len(shown)
        else ""
    )
    return (
        '<section id="errors"><h2>Error rows</h2>'
        '<p class="note">Inputs that could not be scored, and why. None was dropped.</p>'
        f"{summary}{_table(['Record', 'Source', 'Code', 'Message'], rows)}{more}</section>"
    )


def render_report(records: Iterable[StoredRecord], errors: Sequence[ErrorRow], *, title: str, profile: str) -> str:
    """A self-contained HTML report of an audit (no external resources; inline CSS and SVG; no script).

    Counts (scored, errors), grade distribution, pass rate per check, per team and per worker,
    the trend by month, the lowest-scoring records with their findings, and the error rows.
    `records` is read once, in order, and not kept (see `ReportStats`).
    """
    return render_stats(ReportStats.of(records), errors, title=title, profile=profile)


def render_stats(stats: ReportStats, errors: Sequence[ErrorRow], *, title: str, profile: str) -> str:
    """The report from counts accumulated record by record (`ReportStats.add`)."""
    n = stats.whole.n
    tallies = stats.tallies
    grades = stats.whole.grades
    whole = stats.whole.overall
    months = [m for m in stats.months if m != UNDATED]
    span = f"{min(months)} to {max(months)}" if months else "no dated records"

    cards = [
        (f"{n:,}", "records scored"),
        (f"{len(errors):,}", "error rows"),
        (f"{n + len(errors):,}", "inputs in all"),
        (_num(stats.whole.mean, "{:.1f}"), "mean score"),
        (pct(whole.rate), "checks passed"),
        (f"{len(stats.named_workers):,}", "workers"),
        (f"{len(stats.named_teams):,}", "teams"),
    ]
    head = (
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="lede">Profile <strong>{escape(profile)}</strong> · {escape(span)} · generated '
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}</p>"
        '<p class="note">recordqa scores how records are written against the recording standards. It makes no '
        "prediction about any child or family and says nothing about the quality of the practice behind a record.</p>"
        '<div class="cards">'
        + "".join(
            f'<div class="card"><span class="n">{escape(v)}</span><span class="k">{escape(k)}</span></div>'
            for v, k in cards
        )
        + "</div></header>"
    )

    grade_chart = charts.bars(
        [(GRADE_LABELS[g], grades[g], f"{grades[g]:,} ({pct(grades[g] / n if n else None)})") for g in GRADES],
        label="Grade distribution",
        maximum=-(-max(*grades.values(), 1) // 4) * 4,  # a multiple of 4: whole numbers on the ticks
        percent=False,
        colours=[charts.GRADE_COLOURS[g] for g in GRADES],
    )
    grade_section = (
        f'<section id="grades"><h2>Grade distribution</h2>{grade_chart}'
        + _table(
            ["Grade", "Records", "Share"],
            [[_grade(g), f"{grades[g]:,}", pct(grades[g] / n if n else None)] for g in GRADES],
            (1, 2),
        )
        + "</section>"
    )

    group_head = ["", "Records", "Mean score", "Checks passed", "Good or better", "Inadequate"]
    teams = stats.teams
    team_chart = charts.bars(
        [(name, g.overall.rate, pct(g.overall.rate)) for name, g in sorted(teams.items())][:40],
        label="Share of checks passed per team",
    )
    team_section = (
        '<section id="teams"><h2>Per team</h2>'
        f"{team_chart}{_table(['Team', *group_head[1:]], _group_rows(teams), (1, 2, 3, 4, 5))}</section>"
    )
    workers = stats.workers
    worker_section = (
        '<section id="workers"><h2>Per worker</h2>'
        '<p class="note">Checks passed: of all the checks that applied to the worker\'s records, the share that passed.</p>'
        f"{_table(['Worker', *group_head[1:]], _group_rows(workers), (1, 2, 3, 4, 5))}</section>"
    )

    stats._trim()
    lowest = stats.lowest[:LOWEST]
    lowest_section = (
        f'<section id="lowest"><h2>The {len(lowest)} lowest-scoring records</h2>'
        '<p class="note">With their findings. The flagged words show only where the audit kept the text '
        "(--keep-text); otherwise each finding is its code, message and character offsets.</p>"
        + ("".join(_record_block(r) for r in lowest) or "<p>No records were scored.</p>")
        + "</section>"
    )

    body = "\n".join(
        [
            head,
            grade_section,
            _check_section(tallies),
            team_section,
            worker_section,
            _trend_section(stats.months),
            lowest_section,
            _errors_section(errors),
            "<footer>recordqa audit report. Self-contained: it needs no network and runs no script.</footer>",
        ]
    )
    return page(title, body)
