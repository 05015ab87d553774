"""The audit store: runs, records, check statuses, findings, error rows.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("started", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("profile", sa.String(200), nullable=False),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("counts", sa.JSON, nullable=True),
    )
    op.create_table(
        "records",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("team", sa.String(200), nullable=False),
        sa.Column("case_id", sa.String(200), nullable=False),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("recorded_date", sa.Date, nullable=True),
        sa.Column("profile", sa.String(200), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("grade", sa.String(40), nullable=False),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("text", sa.Text, nullable=True),
    )
    op.create_index("ix_records_run_id", "records", ["run_id"])
    op.create_index("ix_records_worker", "records", ["worker"])
    op.create_index("ix_records_team", "records", ["team"])
    op.create_table(
        "check_statuses",
        sa.Column("record_key", sa.Text, sa.ForeignKey("records.key", ondelete="CASCADE"), primary_key=True),
        sa.Column("check", sa.String(80), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_key", sa.Text, sa.ForeignKey("records.key", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("check", sa.String(80), nullable=False),
        sa.Column("code", sa.String(120), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("suggestion", sa.Text, nullable=True),
        sa.Column("standard_id", sa.String(200), nullable=True),
        sa.Column("text", sa.Text, nullable=True),
    )
    op.create_index("ix_findings_record_key", "findings", ["record_key"])
    op.create_table(
        "error_rows",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_error_rows_run_id", "error_rows", ["run_id"])


def downgrade() -> None:
    op.drop_table("error_rows")
    op.drop_table("findings")
    op.drop_table("check_statuses")
    op.drop_table("records")
    op.drop_table("runs")
