"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from recordqa import engine, pipeline
from recordqa.models import Metadata, Record, Result
from tests.pgserver import PgServer
from tests.pgserver import unavailable as pg_unavailable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DEV = SHARED / "gold" / "dev.jsonl"


def corpus_texts() -> list[str]:
    """Every record text we hold: our tuning records and hand-written sentences, and the gold
    dev records when ../shared is beside the checkout (equivalence tests read them all)."""
    import json

    paths = [ROOT / "corpora" / "records" / "tune.jsonl", ROOT / "corpora" / "fact_opinion" / "hand.jsonl"]
    if GOLD_DEV.is_file():
        paths.append(GOLD_DEV)
    return [
        json.loads(line)["text"]
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return pipeline.load()


Analyse = Callable[..., Result]


@pytest.fixture(scope="session")
def analyse(nlp: Language) -> Analyse:
    def run(
        text: str,
        record_type: str = "visit",
        names: list[str] | None = None,
        ages: list[int] | None = None,
        profile: str | None = None,
        **metadata: object,
    ) -> Result:
        meta = {"child_names": names or [], "child_ages": ages or []}
        meta.update({k: v for k, v in metadata.items() if v is not None})
        rec = Record(
            text=text,
            record_type=record_type,  # type: ignore[arg-type]
            metadata=Metadata.model_validate(meta),
        )
        return engine.analyse(rec, profile=profile)

    return run


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgServer]:
    """A real PostgreSQL server for the session (tests/pgserver.py); skips with the reason
    when Debian's server binaries are missing."""
    why = pg_unavailable()
    if why:
        pytest.skip(why)
    server = PgServer()
    try:
        yield server
    finally:
        server.close()
