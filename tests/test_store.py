"""The store, against SQLite and a real PostgreSQL server (tests/pgserver.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect

from recordqa.errors import StoreError
from recordqa.store import Store, database_url
from recordqa.store.rows import ErrorRow, StoredFinding, StoredRecord
from tests.pgserver import PgServer


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        server: PgServer = request.getfixturevalue("postgres_server")
        url = server.new_database()
    s = Store(url)
    s.upgrade()
    try:
        yield s
    finally:
        s.dispose()


def rec(key: str, run_id: str, *, worker: str = "W01", team: str = "T1", day: int = 1, text: str | None = None) -> StoredRecord:
    return StoredRecord(
        key=key,
        run_id=run_id,
        record_type="visit",
        profile="default",
        score=72.5,
        grade="good",
        statuses={"child-voice": "pass", "jargon": "fail"},
        findings=[
            StoredFinding("jargon", "jargon/acronym", "warning", 10, 13, "Spell out CIN.", "child in need", "leeds-1", text),
            StoredFinding("child-voice", "child-voice/quote", "info", 20, 30, "A quote.", None, None, text),
        ],
        worker=worker,
        team=team,
        case_id="C1",
        source=f"in.jsonl:{key}",
        event_date=date(2025, 1, day),
        recorded_date=date(2025, 1, day + 1),
        scored_at=datetime(2025, 2, 1, 12, 0, tzinfo=UTC),
        text=text,
    )


def test_migrations_make_the_tables_and_run_twice(store: Store) -> None:
    store.upgrade()  # already at head: nothing to do
    names = set(inspect(store.engine).get_table_names())
    assert {"runs", "records", "check_statuses", "findings", "error_rows", "alembic_version"} <= names


def test_round_trip_filters_and_runs(store: Store) -> None:
    run = store.start_run(profile="default", inputs=["in.jsonl"], options={"jobs": 2})
    store.save(
        [rec("a", run), rec("b", run, worker="W02", day=10), rec("c", run, team="T2", day=20)],
        [ErrorRow("d", run, "in.jsonl:4", "RQE101", "in.jsonl:4: the record's text is empty.")],
    )
    got = {r.key: r for r in store.records()}
    assert set(got) == {"a", "b", "c"}
    assert got["a"] == rec("a", run)  # every field back as written, findings in order
    assert [r.key for r in store.records(worker="W02")] == ["b"]
    assert [r.key for r in store.records(team="T2")] == ["c"]
    assert [r.key for r in store.records(since=date(2025, 1, 10))] == ["b", "c"]
    assert [r.key for r in store.records(run_id="nope")] == []
    assert [e.key for e in store.errors(run_id=run)] == ["d"]
    assert store.scored_keys(["a", "x", "c"]) == {"a", "c"}
    store.finish_run(run, counts={"inputs": 4, "scored": 3, "errors": 1, "skipped": 0})
    (info,) = store.runs()
    assert info.id == run and info.status == "finished" and info.counts == {"inputs": 4, "scored": 3, "errors": 1, "skipped": 0}
    assert info.finished is not None and info.finished >= info.started


def test_saving_again_replaces_and_a_score_replaces_an_error_row(store: Store) -> None:
    run = store.start_run(profile="default", inputs=[], options={})
    store.save([], [ErrorRow("a", run, "x:1", "RQE110", "x:1: 'event_date' is not a date.")])
    store.save([rec("a", run)], [])
    store.save([rec("a", run)], [])
    (only,) = list(store.records())
    assert len(only.findings) == 2
    assert list(store.errors()) == []


def test_text_only_when_kept(store: Store) -> None:
    run = store.start_run(profile="default", inputs=[], options={})
    store.save([rec("plain", run), rec("kept", run, text="CIN")], [])
    got = {r.key: r for r in store.records()}
    assert got["plain"].text is None and all(f.text is None for f in got["plain"].findings)
    assert got["kept"].text == "CIN" and all(f.text == "CIN" for f in got["kept"].findings)


def test_many_records_page_through(store: Store) -> None:
    run = store.start_run(profile="default", inputs=[], options={})
    store.save([rec(f"k{i:04d}", run) for i in range(1234)], [])
    keys = [r.key for r in store.records()]
    assert keys == sorted(keys) and len(keys) == 1234
    assert len(list(store.records_for([f"k{i:04d}" for i in range(0, 1234, 2)]))) == 617


def test_a_failed_save_leaves_nothing_half_written(store: Store) -> None:
    run = store.start_run(profile="default", inputs=[], options={})
    bad = StoredRecord(**{**{f: getattr(rec("b", run), f) for f in StoredRecord.__slots__}, "score": None})  # type: ignore[arg-type]
    with pytest.raises(StoreError) as caught:
        store.save([rec("a", run), bad], [])
    assert "RQE401" in str(caught.value)
    assert list(store.records()) == []
    assert store.scored_keys(["a", "b"]) == set()


def test_database_url_settings(tmp_path: Path) -> None:
    assert database_url(None, {}) == "sqlite:///recordqa.db"
    assert database_url(None, {"RECORDQA_DATABASE_URL": "postgresql://u:p@h/db"}) == "postgresql+psycopg://u:p@h/db"
    assert database_url("sqlite:///x.db", {"RECORDQA_DATABASE_URL": "postgresql://h/db"}) == "sqlite:///x.db"


def test_unreachable_database_is_a_clear_error_without_the_password() -> None:
    from tests.pgserver import free_port

    s = Store(f"postgresql+psycopg://someone:secret@127.0.0.1:{free_port()}/nothing")
    with pytest.raises(StoreError) as caught:
        s.upgrade()
    msg = str(caught.value)
    assert "RQE401" in msg and "secret" not in msg and "run the same command again" in msg
