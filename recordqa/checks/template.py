"""template: the headings the authority requires for this record type are present and filled."""

from __future__ import annotations

import re

from ..context import RecordContext
from .base import Check, Hit, Outcome, missing_outcome


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", s.lower().replace("/", " ")).strip()


def run(ctx: RecordContext) -> Outcome:
    required: dict[str, list[str]] = ctx.setting("template", "required", {}) or {}
    wanted = required.get(ctx.record_type) or []
    if not wanted:
        return Outcome("not_applicable", 1.0, "This profile sets no template for this record type.", [])
    lines = ctx.layout
    present: dict[str, bool] = {}
    for heading in wanted:
        key = _norm(heading)
        filled = False
        found = False
        for k, line in enumerate(lines):
            if line.heading and _norm(line.heading).startswith(key):
                found = True
                body_here = line.body_start < line.end
                body_next = k + 1 < len(lines) and lines[k + 1].heading is None
                filled = body_here or body_next
                break
        present[heading] = found and filled
    missing = [h for h, ok in present.items() if not ok]
    s, e = ctx.anchor
    hits = [
        Hit(
            "template/missing-heading",
            s,
            e,
            f"The heading '{h}' is missing or empty.",
            f"Add '{h}:' and what it asks for.",
        )
        for h in missing
    ]
    detail = {"required": wanted, "missing": missing}
    return missing_outcome(len(wanted), len(missing), "heading", hits, detail)


CHECK = Check("template", run)
