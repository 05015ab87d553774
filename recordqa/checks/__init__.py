"""The check registry: every check recordqa runs, by id, in report order."""

from __future__ import annotations

from . import actions, analysis, child_voice, fact_opinion, jargon, minimising, readability, respectful, seen_alone
from .base import Check, Hit, Outcome

REGISTRY: dict[str, Check] = {
    c.id: c
    for c in (
        child_voice.CHECK,
        seen_alone.CHECK,
        fact_opinion.CHECK,
        jargon.CHECK,
        minimising.CHECK,
        respectful.CHECK,
        readability.CHECK,
        analysis.CHECK,
        actions.CHECK,
    )
}

__all__ = ["REGISTRY", "Check", "Hit", "Outcome"]
