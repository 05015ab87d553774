"""Score and grade: the profile's weighted mean of the applicable checks' scores."""

from __future__ import annotations

from .models import CheckResult, Grade
from .profiles import Profile


def score(checks: list[CheckResult], profile: Profile) -> float:
    total = weight = 0.0
    for c in checks:
        if c.status == "not_applicable" or c.id not in profile.checks:
            continue
        w = profile.checks[c.id].weight
        total += w * c.score
        weight += w
    return round(100.0 * total / weight, 1) if weight else 100.0


def grade(value: float, profile: Profile) -> Grade:
    g = profile.grades
    if value >= g.outstanding:
        return "outstanding"
    if value >= g.good:
        return "good"
    if value >= g.requires_improvement:
        return "requires_improvement"
    return "inadequate"
