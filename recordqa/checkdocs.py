"""Each check's documentation and example table (data/checks.yaml), readable without loading
the checks or spaCy: the audit's writer and the reports want only the titles."""

from __future__ import annotations

import functools
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from .models import Severity


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    record_type: str = "visit"
    child_names: list[str] = []
    child_ages: list[int] = []
    event_date: str | None = None
    recorded_date: str | None = None
    profile: str | None = None


class CheckDoc(BaseModel):
    """A check's page for `recordqa explain`, and its pass/fail example table."""

    model_config = ConfigDict(extra="forbid")
    title: str
    what: str
    why: str
    limits: str
    codes: dict[str, Severity]
    fail: list[Example]
    passes: list[Example]


@functools.lru_cache(maxsize=1)
def docs() -> dict[str, CheckDoc]:
    path = resources.files("recordqa") / "data" / "checks.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: CheckDoc.model_validate(value) for key, value in data["checks"].items()}


@functools.lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Check id -> its one-line title, in the catalogue's order."""
    return {cid: doc.title for cid, doc in docs().items()}
