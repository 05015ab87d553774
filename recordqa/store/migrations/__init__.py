"""Alembic migrations for the store, run by `Store.upgrade()` (alembic.command.upgrade)."""
