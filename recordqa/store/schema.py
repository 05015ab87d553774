"""The store's tables (SQLAlchemy Core). Alembic migrations in `migrations/` create them;
a change here needs a new migration beside them."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("finished", DateTime(timezone=True), nullable=True),
    Column("status", String(16), nullable=False),  # running | finished | interrupted | failed
    Column("profile", String(200), nullable=False),
    Column("inputs", JSON, nullable=False),  # the input paths as given
    Column("options", JSON, nullable=False),
    Column("counts", JSON, nullable=True),  # inputs, scored, errors, skipped
)

records = Table(
    "records",
    metadata,
    Column("key", Text, primary_key=True),  # unique in the store: a record is scored once
    Column("run_id", String(32), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("worker", String(200), nullable=False, index=True),
    Column("team", String(200), nullable=False, index=True),
    Column("case_id", String(200), nullable=False),
    Column("record_type", String(40), nullable=False),
    Column("event_date", Date, nullable=True),
    Column("recorded_date", Date, nullable=True),
    Column("profile", String(200), nullable=False),
    Column("score", Float, nullable=False),
    Column("grade", String(40), nullable=False),
    Column("scored_at", DateTime(timezone=True), nullable=True),
    Column("text", Text, nullable=True),  # only with --keep-text
)

check_statuses = Table(
    "check_statuses",
    metadata,
    Column("record_key", Text, ForeignKey("records.key", ondelete="CASCADE"), primary_key=True),
    Column("check", String(80), primary_key=True),
    Column("status", String(20), nullable=False),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_key", Text, ForeignKey("records.key", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the record
    Column("check", String(80), nullable=False),
    Column("code", String(120), nullable=False),
    Column("severity", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("message", Text, nullable=False),
    Column("suggestion", Text, nullable=True),
    Column("standard_id", String(200), nullable=True),
    Column("text", Text, nullable=True),  # only with --keep-text
    Index("ix_findings_record_key", "record_key"),
)

error_rows = Table(
    "error_rows",
    metadata,
    Column("key", Text, primary_key=True),
    Column("run_id", String(32), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("code", String(20), nullable=False),
    Column("message", Text, nullable=False),
)
