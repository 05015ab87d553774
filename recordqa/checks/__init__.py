"""The check registry: every check recordqa runs, by id, in report order."""

from __future__ import annotations

from . import (
    actions,
    analysis,
    assessment_content,
    child_voice,
    fact_opinion,
    jargon,
    minimising,
    names,
    purpose,
    readability,
    report_tone,
    required_content,
    respectful,
    seen_alone,
    sources,
    template,
    timeliness,
)
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
        report_tone.CHECK,
        readability.CHECK,
        analysis.CHECK,
        actions.CHECK,
        purpose.CHECK,
        timeliness.CHECK,
        template.CHECK,
        names.CHECK,
        sources.CHECK,
        assessment_content.STRENGTHS_RISKS,
        assessment_content.IDENTITY_CHECK,
        required_content.CHECK,
    )
}

__all__ = ["REGISTRY", "Check", "Hit", "Outcome"]
