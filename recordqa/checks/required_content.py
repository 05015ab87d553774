"""required-content: what a profile says a record type must contain, found by cue phrases.

Each element is data in the profile (Vale's existence rule turned round): an id, the record
types it is for, regular expressions any one of which shows it is there (outside quotation
marks), whether the same sentence must also give a date, and the standard it cites. A
council adds elements without code.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..context import RecordContext
from .actions import TIMESCALE
from .base import Check, Hit, Outcome, missing_outcome


class Element(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    record_types: list[str] | None = None  # None: every record type the check applies to
    cues: list[str] = Field(min_length=1)
    with_date: bool = False
    message: str
    suggestion: str
    cite: dict[str, Any] | str


@functools.lru_cache(maxsize=512)
def _compiled(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE)


def elements(ctx: RecordContext) -> list[Element]:
    raw = ctx.setting("required-content", "elements", []) or []
    return [Element.model_validate(e) for e in raw]


def _present(ctx: RecordContext, el: Element) -> bool:
    rx = _compiled(tuple(el.cues))
    for s in ctx.sentences:
        for m in rx.finditer(s.text):
            if ctx.in_quote(s.start + m.start(), s.start + m.end()):
                continue
            if not el.with_date or TIMESCALE.search(s.text):
                return True
    return False


def run(ctx: RecordContext) -> Outcome:
    wanted = [e for e in elements(ctx) if e.record_types is None or ctx.record_type in e.record_types]
    if not wanted:
        return Outcome("not_applicable", 1.0, "This profile requires no content for this record type.", [])
    missing = [e for e in wanted if not _present(ctx, e)]
    s, e = ctx.anchor
    hits = [Hit(f"required-content/{el.id}", s, e, el.message, el.suggestion, cite=el.cite) for el in missing]
    detail = {"required": [el.id for el in wanted], "missing": [el.id for el in missing]}
    return missing_outcome(len(wanted), len(missing), "element", hits, detail)


CHECK = Check("required-content", run)
