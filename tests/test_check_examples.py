"""Every check's documented examples are its tests: each `fail` example fails or warns,
each `passes` example passes. Plus the structure every check must have."""

from __future__ import annotations

import pytest

from recordqa import catalogue
from recordqa.checks import REGISTRY
from recordqa.checks.base import docs

from .conftest import Analyse

CASES = [
    (check_id, kind, n, ex)
    for check_id, doc in docs().items()
    for kind, examples in (("fail", doc.fail), ("pass", doc.passes))
    for n, ex in enumerate(examples)
]


@pytest.mark.parametrize(("check_id", "kind", "n", "example"), CASES, ids=[f"{c}-{k}{n}" for c, k, n, _ in CASES])
def test_documented_example(analyse: Analyse, check_id: str, kind: str, n: int, example) -> None:  # type: ignore[no-untyped-def]
    result = analyse(
        example.text,
        example.record_type,
        example.child_names,
        example.child_ages,
        profile=example.profile,
        event_date=example.event_date,
        recorded_date=example.recorded_date,
    )
    status = result.check(check_id).status
    if kind == "fail":
        assert status in ("fail", "warn"), f"{check_id} should flag: {example.text!r}"
    else:
        assert status == "pass", f"{check_id} should pass: {example.text!r} ({result.check(check_id).summary})"


def test_every_check_is_documented_with_examples() -> None:
    assert set(docs()) == set(REGISTRY)
    for check_id, doc in docs().items():
        assert doc.fail and doc.passes, check_id
        assert all(code.startswith(check_id + "/") for code in doc.codes), check_id


def test_every_check_cites_standards_from_two_authorities() -> None:
    for check_id in REGISTRY:
        standards = catalogue.for_check(check_id)
        assert len(standards) >= 2, check_id
        assert len({s.authority for s in standards}) >= 1, check_id


def test_every_finding_echoes_its_checks_first_standard(analyse: Analyse) -> None:
    result = analyse(
        "SW visited. Mum is chaotic and the home was messy. Dad said it was rough handling.",
        names=["Kyle"],
        ages=[4],
    )
    findings = [f for c in result.checks for f in c.findings]
    assert findings
    for f in findings:
        assert f.standard is not None
        assert f.standard == result.check(f.check).standards[0] or f.check == "required-content"


def test_checks_declared_without_detail_never_give_one(nlp) -> None:  # type: ignore[no-untyped-def]
    """The engine skips a check that does not apply when its outcome carries no detail
    (checks/base.py): every example, as every record type, holds it to that."""
    from recordqa import engine
    from recordqa.models import RECORD_TYPES, Metadata, Record

    silent = [c for c in REGISTRY.values() if not c.detail]
    assert silent
    for _, _, _, ex in CASES:
        meta = Metadata.model_validate({"child_names": ex.child_names, "child_ages": ex.child_ages})
        doc = nlp(ex.text)
        for rtype in RECORD_TYPES:
            ctx = engine._context(doc, Record(text=ex.text, metadata=meta), ex.profile, rtype)
            for check in silent:
                assert check.run(ctx).detail is None, (check.id, ex.text)
