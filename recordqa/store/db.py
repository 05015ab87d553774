"""The audit store: SQLAlchemy 2 over SQLite (a file, the default) or PostgreSQL (psycopg 3).

The schema is made by the Alembic migrations shipped in `migrations/` (`Store.upgrade()`).
One writer (the audit's parent process) saves each chunk of records and error rows in one
transaction, so a kill or a lost database never leaves half a record; readers (the report,
the coaching view, the service) go through `records()` and `errors()`.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import Code, StoreError
from .rows import ErrorRow, StoredFinding, StoredRecord
from .schema import check_statuses, error_rows, findings, records, runs

DEFAULT_URL = "sqlite:///recordqa.db"
ENV_URL = "RECORDQA_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PAGE = 500  # keys per IN (...) list and records per page when reading


def database_url(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`explicit` (--db), else RECORDQA_DATABASE_URL, else an SQLite file in the current folder.
    A bare postgresql:// URL gets the psycopg 3 driver."""
    env = os.environ if environ is None else environ
    url = explicit or env.get(ENV_URL) or DEFAULT_URL
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            url = "postgresql+psycopg://" + url[len(bare) :]
    return url


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(the database URL)"


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: str
    started: datetime
    finished: datetime | None
    status: str
    profile: str
    inputs: list[str]
    options: dict[str, Any]
    counts: dict[str, int] | None


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _chunks(items: Sequence[str], n: int = PAGE) -> Iterator[Sequence[str]]:
    for lo in range(0, len(items), n):
        yield items[lo : lo + n]


class Store:
    """Runs, records (metadata, score, grade, check statuses, findings) and error rows."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.safe_url = safe_url(self.url)
        kwargs: dict[str, Any] = {}
        if self.url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
            kwargs["connect_args"] = {"connect_timeout": 10}
        with self._guard("open"):
            self.engine: Engine = create_engine(self.url, **kwargs)
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)

    # -- errors -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        """Database failures as a StoreError naming the database, never the data: a driver's
        message can quote the statement's parameters, which may be note text."""
        try:
            yield
        except DBAPIError as exc:
            kind = type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__
            raise StoreError(
                Code.STORE_UNAVAILABLE,
                f"the database {self.safe_url} failed while trying to {doing} ({kind}). Everything saved before "
                "is kept and no record is half-written; run the same command again to resume.",
            ) from None
        except SQLAlchemyError as exc:
            raise StoreError(
                Code.STORE_UNAVAILABLE,
                f"the database {self.safe_url} failed while trying to {doing} ({type(exc).__name__}).",
            ) from None

    # -- schema -----------------------------------------------------------------------------

    def upgrade(self) -> None:
        """Create or migrate the schema to the newest revision (Alembic, programmatically)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self._guard("create or migrate its tables"), self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.engine.dispose()

    # -- runs -------------------------------------------------------------------------------

    def start_run(self, *, profile: str, inputs: Sequence[str], options: Mapping[str, Any]) -> str:
        run_id = uuid.uuid4().hex
        with self._guard("start a run"), self.engine.begin() as conn:
            conn.execute(
                insert(runs).values(
                    id=run_id,
                    started=datetime.now(UTC),
                    status="running",
                    profile=profile,
                    inputs=list(inputs),
                    options=dict(options),
                )
            )
        return run_id

    def finish_run(self, run_id: str, *, status: str = "finished", counts: Mapping[str, int] | None = None) -> None:
        with self._guard("finish a run"), self.engine.begin() as conn:
            conn.execute(
                update(runs)
                .where(runs.c.id == run_id)
                .values(finished=datetime.now(UTC), status=status, counts=dict(counts or {}))
            )

    def runs(self) -> list[RunInfo]:
        with self._guard("read runs"), self.engine.connect() as conn:
            rows = conn.execute(select(runs).order_by(runs.c.started)).mappings().all()
        return [
            RunInfo(
                id=r["id"],
                started=_utc(r["started"]) or datetime.now(UTC),
                finished=_utc(r["finished"]),
                status=r["status"],
                profile=r["profile"],
                inputs=list(r["inputs"] or []),
                options=dict(r["options"] or {}),
                counts=dict(r["counts"]) if r["counts"] is not None else None,
            )
            for r in rows
        ]

    # -- writing ----------------------------------------------------------------------------

    def scored_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these keys the store has scored already."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        with self._guard("read which records are scored"), self.engine.connect() as conn:
            for part in _chunks(wanted):
                found.update(conn.execute(select(records.c.key).where(records.c.key.in_(part))).scalars())
        return found

    def save(self, records_: Sequence[StoredRecord], errors: Sequence[ErrorRow]) -> None:
        """Records (with statuses and findings) and error rows, all in one transaction. A key
        saved again replaces what was there; a record scored replaces an error row with its key."""
        if not records_ and not errors:
            return
        keys = [r.key for r in records_]
        err_keys = [e.key for e in errors]
        now = datetime.now(UTC)
        with self._guard("save results"), self.engine.begin() as conn:
            for part in _chunks(keys):
                conn.execute(delete(findings).where(findings.c.record_key.in_(part)))
                conn.execute(delete(check_statuses).where(check_statuses.c.record_key.in_(part)))
                conn.execute(delete(records).where(records.c.key.in_(part)))
            for part in _chunks(keys + err_keys):
                conn.execute(delete(error_rows).where(error_rows.c.key.in_(part)))
            if records_:
                conn.execute(insert(records), [_record_row(r, now) for r in records_])
                statuses = [
                    {"record_key": r.key, "check": c, "status": s} for r in records_ for c, s in r.statuses.items()
                ]
                if statuses:
                    conn.execute(insert(check_statuses), statuses)
                rows = [_finding_row(r.key, i, f) for r in records_ for i, f in enumerate(r.findings)]
                if rows:
                    conn.execute(insert(findings), rows)
            if errors:
                conn.execute(
                    insert(error_rows),
                    [
                        {"key": e.key, "run_id": e.run_id, "source": e.source, "code": e.code, "message": e.message}
                        for e in errors
                    ],
                )

    # -- reading ----------------------------------------------------------------------------

    def records(
        self,
        run_id: str | None = None,
        worker: str | None = None,
        team: str | None = None,
        since: date | None = None,
    ) -> Iterator[StoredRecord]:
        """Stored records in key order, filtered by run, worker, team and event date (the
        recorded date when there is no event date) on or after `since`."""
        conds: list[Any] = []
        if run_id is not None:
            conds.append(records.c.run_id == run_id)
        if worker is not None:
            conds.append(records.c.worker == worker)
        if team is not None:
            conds.append(records.c.team == team)
        if since is not None:
            conds.append(func.coalesce(records.c.event_date, records.c.recorded_date) >= since)
        yield from self._pages(conds)

    def records_for(self, keys: Iterable[str]) -> Iterator[StoredRecord]:
        """The stored records with these keys (those there are), in key order within each page."""
        wanted = list(dict.fromkeys(keys))
        for part in _chunks(wanted):
            yield from self._pages([records.c.key.in_(part)])

    def _pages(self, conds: list[Any]) -> Iterator[StoredRecord]:
        after: str | None = None
        while True:
            q = select(records).where(*conds)
            if after is not None:
                q = q.where(records.c.key > after)
            q = q.order_by(records.c.key).limit(PAGE)
            with self._guard("read records"), self.engine.connect() as conn:
                page = conn.execute(q).mappings().all()
                if not page:
                    return
                keys = [r["key"] for r in page]
                st: dict[str, dict[str, str]] = {k: {} for k in keys}
                for s in conn.execute(select(check_statuses).where(check_statuses.c.record_key.in_(keys))).mappings():
                    st[s["record_key"]][s["check"]] = s["status"]
                fs: dict[str, list[StoredFinding]] = {k: [] for k in keys}
                q_f = (
                    select(findings)
                    .where(findings.c.record_key.in_(keys))
                    .order_by(findings.c.record_key, findings.c.seq)
                )
                for f in conn.execute(q_f).mappings():
                    fs[f["record_key"]].append(
                        StoredFinding(
                            check=f["check"],
                            code=f["code"],
                            severity=f["severity"],
                            start=f["start"],
                            end=f["end"],
                            message=f["message"],
                            suggestion=f["suggestion"],
                            standard_id=f["standard_id"],
                            text=f["text"],
                        )
                    )
            for r in page:
                k = r["key"]
                yield StoredRecord(
                    key=k,
                    run_id=r["run_id"],
                    record_type=r["record_type"],
                    profile=r["profile"],
                    score=float(r["score"]),
                    grade=r["grade"],
                    statuses=st[k],
                    findings=fs[k],
                    worker=r["worker"],
                    team=r["team"],
                    case_id=r["case_id"],
                    source=r["source"],
                    event_date=r["event_date"],
                    recorded_date=r["recorded_date"],
                    scored_at=_utc(r["scored_at"]),
                    text=r["text"],
                )
            after = keys[-1]

    def errors(self, run_id: str | None = None) -> Iterator[ErrorRow]:
        """Stored error rows in key order, those of one run when `run_id` is given."""
        q = select(error_rows).order_by(error_rows.c.key)
        if run_id is not None:
            q = q.where(error_rows.c.run_id == run_id)
        with self._guard("read error rows"), self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
        for r in rows:
            yield ErrorRow(key=r["key"], run_id=r["run_id"], source=r["source"], code=r["code"], message=r["message"])


def _record_row(r: StoredRecord, now: datetime) -> dict[str, Any]:
    return {
        "key": r.key,
        "run_id": r.run_id,
        "source": r.source,
        "worker": r.worker,
        "team": r.team,
        "case_id": r.case_id,
        "record_type": r.record_type,
        "event_date": r.event_date,
        "recorded_date": r.recorded_date,
        "profile": r.profile,
        "score": r.score,
        "grade": r.grade,
        "scored_at": r.scored_at or now,
        "text": r.text,
    }


def _finding_row(key: str, seq: int, f: StoredFinding) -> dict[str, Any]:
    return {
        "record_key": key,
        "seq": seq,
        "check": f.check,
        "code": f.code,
        "severity": f.severity,
        "start": f.start,
        "end": f.end,
        "message": f.message,
        "suggestion": f.suggestion,
        "standard_id": f.standard_id,
        "text": f.text,
    }


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers (the service, the report) alongside the writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
