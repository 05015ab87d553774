"""One way through: Record → parse → checks → score → Result."""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from spacy.tokens import Doc

from . import __version__, catalogue, classifier, pipeline, profiles, scoring, suppress
from .checks import REGISTRY
from .checks.base import Hit, Outcome, docs
from .checks.readability import figures
from .checks.seen_alone import verdict
from .context import RecordContext, make_context
from .errors import InputError
from .limits import MAX_CHARS as MAX_CHARS  # the limits, re-exported: engine.MAX_CHARS
from .limits import MAX_RUN as MAX_RUN
from .limits import check_text
from .models import (
    CheckResult,
    ChildVoice,
    Finding,
    Metadata,
    Quote,
    Record,
    Result,
    ResultMeta,
    Sentence,
    Standard,
)

BATCH = 32  # records per nlp.pipe batch and per classifier call


def validate(record: Record) -> None:
    check_text(record.text)


def infer_record_type(text: str) -> str:
    if re.match(r"^\s*(?:dear|hello|hi)\s+\w+", text, re.IGNORECASE):
        return "letter"
    return "case_note"


def _as_record(record: Record | str) -> Record:
    return Record(text=record) if isinstance(record, str) else record


WARM_UP = (
    'Purpose: statutory visit to Amy (7). I saw Amy alone in her bedroom; she said "I like my new school".\n'
    "Mum told me the CIN plan is helping. In my view the home conditions have improved because the "
    "kitchen was clean. I will visit again on 3 June."
)


def warm(profile: str = "default") -> None:
    """Load everything an analysis reads (the spaCy pipeline, the classifier, the lexicons,
    the profile, textstat's dictionaries) by analysing one short record, then freeze it out
    of the cyclic garbage collector's way (`gc.freeze`).

    For long-running processes: the service, batch runs, benchmark workers. What is loaded
    lives as long as the process, and without the freeze every full collection walks its
    ~400,000 objects again (mostly textstat's pronouncing dictionary): about a fifth of the
    time spent after the parse. `analyse` works the same without it.
    """
    # As a visit with its dates and as a report, so that what only those read (the bank
    # holidays, the report-tone word lists) is loaded and compiled here too.
    dates = Metadata(event_date=date(2024, 6, 3), recorded_date=date(2024, 6, 5))
    for record_type in ("visit", "assessment"):
        analyse(Record(text=WARM_UP, record_type=record_type, metadata=dates), profile=profile)
    gc.collect()
    gc.freeze()


def analyse(record: Record | str, *, profile: str | None = None, record_type: str | None = None) -> Result:
    """Analyse one record. Raises InputError for text that cannot be analysed."""
    rec = _as_record(record)
    validate(rec)
    return _result(pipeline.parse(rec.text), rec, profile, record_type)


def analyse_many(
    records: Iterable[Record], *, profile: str | None = None, record_type: str | None = None
) -> Iterator[Result | InputError]:
    """Analyse many records through `nlp.pipe`; a bad record yields its InputError in place."""
    recs = list(records)
    good: list[Record] = []
    errors: dict[int, InputError] = {}
    for i, rec in enumerate(recs):
        try:
            validate(rec)
            good.append(rec)
        except InputError as exc:
            errors[i] = exc
    docs_iter = pipeline.parse_many((r.text for r in good), batch_size=BATCH)
    for lo in range(0, len(recs), BATCH):
        # A batch of records at a time: their sentences go through the classifier in one
        # call (the same numbers as one by one). A record that fails is raised in its turn.
        batch: list[RecordContext | InputError | Exception] = []
        for i in range(lo, min(lo + BATCH, len(recs))):
            if i in errors:
                batch.append(errors[i])
                continue
            try:
                batch.append(_context(next(docs_iter), recs[i], profile, record_type))
            except Exception as exc:  # raised below, after the records before it
                batch.append(exc)
        # Should the batch call fail, each record scores its own sentences (and raises in its turn).
        with contextlib.suppress(Exception):
            classifier.prefill([c for c in batch if isinstance(c, RecordContext)])
        for item in batch:
            if isinstance(item, InputError):
                yield item
            elif isinstance(item, Exception):
                raise item
            else:
                yield _finish(item)


_STANDARDS: dict[int, tuple[profiles.Profile, dict[str, list[Standard]]]] = {}


def _standards(check_id: str, profile: profiles.Profile) -> list[Standard]:
    """The check's standards, the one the profile's rule cites first (worked out once per
    profile and check: every record scored under the profile shows the same)."""
    entry = _STANDARDS.get(id(profile))
    if entry is None or entry[0] is not profile:
        if len(_STANDARDS) >= 256:
            _STANDARDS.clear()
        entry = _STANDARDS[id(profile)] = (profile, {})
    found = entry[1].get(check_id)
    if found is None:
        found = entry[1][check_id] = _find_standards(check_id, profile)
    return list(found)


def _find_standards(check_id: str, profile: profiles.Profile) -> list[Standard]:
    rule = profile.checks.get(check_id)
    cited = catalogue.resolve(rule.cite, profile.authority) if rule else None
    rest = catalogue.for_check(check_id)
    return [cited, *[s for s in rest if s.id != cited.id]] if cited else rest


def _hit_standard(ctx: RecordContext, hit: Hit) -> Standard | None:
    if hit.cite is None:
        return None
    cite = hit.cite if isinstance(hit.cite, str) else profiles.Cite.model_validate(hit.cite)
    return catalogue.resolve(cite, ctx.profile.authority)


def _finding(ctx: RecordContext, check_id: str, hit: Hit, severity: str, standards: list[Standard]) -> Finding:
    return Finding(
        check=check_id,
        code=hit.code,
        severity=severity,  # type: ignore[arg-type]
        start=hit.start,
        end=hit.end,
        text=ctx.text[hit.start : hit.end],
        message=hit.message,
        suggestion=hit.suggestion,
        replacements=hit.replacements,
        standard=_hit_standard(ctx, hit) or (standards[0] if standards else None),
    )


def _severity(check_id: str, hit: Hit, overrides: Mapping[str, str]) -> str:
    if hit.code in overrides:
        return overrides[hit.code]
    if check_id in overrides:
        return overrides[check_id]
    if hit.severity is not None:
        return hit.severity
    return docs()[check_id].codes.get(hit.code, "warning")


def run_checks(ctx: RecordContext, profile: profiles.Profile) -> tuple[list[CheckResult], list[Finding]]:
    """Each check's result, and the findings suppressed with a reason."""
    rules, markers = suppress.inline(ctx.text)
    rules = [*ctx.record.suppress, *rules]
    out: list[CheckResult] = []
    suppressed: list[Finding] = []
    for check_id, check in REGISTRY.items():
        settings = profile.checks.get(check_id)
        standards = _standards(check_id, profile)
        if settings is None or not settings.applies(ctx.record_type) or profile.severity.get(check_id) == "off":
            # Not scored and no findings; the detail stays, for information and evaluation
            # (a check whose outcome has no detail need not run).
            out.append(
                CheckResult(
                    id=check_id,
                    status="not_applicable",
                    score=1.0,
                    summary=f"Not checked for a {ctx.record_type.replace('_', ' ')}.",
                    standards=standards,
                    detail=check.run(ctx).detail if check.detail else None,
                )
            )
            continue
        outcome: Outcome = check.run(ctx)
        findings = []
        for hit in outcome.hits:
            sev = _severity(check_id, hit, profile.severity)
            if sev == "off" or any(a <= hit.start and hit.end <= b for a, b in markers):
                continue
            finding = _finding(ctx, check_id, hit, sev, standards)
            rule = next((r for r in rules if r.matches(check_id, finding.code, finding.text)), None)
            if rule is not None and sev != "info":
                suppressed.append(finding.model_copy(update={"suppression": rule}))
            else:
                findings.append(finding)
        out.append(
            CheckResult(
                id=check_id,
                status=outcome.status,
                score=round(outcome.score, 3),
                summary=outcome.summary,
                standards=standards,
                findings=findings,
                detail=outcome.detail,
            )
        )
    return out, suppressed


def _context(doc: Doc, rec: Record, profile_name: str | None, record_type: str | None) -> RecordContext:
    # A record's own profile and type win over the batch-wide defaults.
    prof = profiles.load(rec.profile or profile_name or "default")
    rtype = rec.record_type or record_type or infer_record_type(rec.text)
    return make_context(doc, rec, rtype, prof)


def _result(doc: Doc, rec: Record, profile_name: str | None, record_type: str | None) -> Result:
    return _finish(_context(doc, rec, profile_name, record_type))


def _finish(ctx: RecordContext) -> Result:
    prof, rec, rtype = ctx.profile, ctx.record, ctx.record_type
    checks, suppressed = run_checks(ctx, prof)
    value = scoring.score(checks, prof)
    quotes = [
        Quote(
            start=q.span.start,
            end=q.span.end,
            text=ctx.text[q.span.start : q.span.end],
            speaker=(q.speaker.text or None) if q.speaker else None,
            speaker_role=q.speaker.role if q.speaker else "unknown",
        )
        for q in ctx.quotes
    ]
    return Result(
        id=rec.id,
        record_type=rtype,  # type: ignore[arg-type]
        profile=prof.name,
        score=value,
        grade=scoring.grade(value, prof),
        addressed_to_child=ctx.to_child,
        checks=checks,
        child_voice=ChildVoice(quotes=quotes),
        seen_alone=verdict(ctx),
        sentences=[
            Sentence(start=s.start, end=s.end, label=lab)  # type: ignore[arg-type]
            for s, lab in zip(ctx.sentences, ctx.labels, strict=True)
        ],
        readability=figures(ctx),
        suppressed=suppressed,
        meta=ResultMeta(
            recordqa_version=__version__, spacy_model=pipeline.model_name(), classifier=classifier.model_name()
        ),
    )
