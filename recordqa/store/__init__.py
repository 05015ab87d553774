"""Stored audit results: scores, statuses and findings per record (text only on request).

`from recordqa.store import Store` works without importing SQLAlchemy for those who only need
the row contract in `recordqa.store.rows`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import RunInfo, Store, database_url

__all__ = ["RunInfo", "Store", "database_url"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import db

        return getattr(db, name)
    raise AttributeError(name)
