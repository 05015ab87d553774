"""Coverage of each authority's standards: which rule checks each one, and which are not
checkable and why (data/coverage/<authority>.yaml, as Vale's style packs keep one)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from .errors import Code, DataError


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line: int | None = None
    covered_by: str | bool
    reason: str | None = None

    @model_validator(mode="after")
    def _reason_when_uncovered(self) -> Entry:
        if self.covered_by is True:
            raise ValueError("covered_by names the check that covers it, or is false")
        if self.covered_by is False and not self.reason:
            raise ValueError("an uncovered standard needs a reason")
        return self


class Coverage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    authority: str
    digest: str
    profile: str
    standards: dict[str, Entry]

    @property
    def covered(self) -> list[str]:
        return [k for k, e in self.standards.items() if e.covered_by]

    @property
    def share(self) -> float:
        return len(self.covered) / len(self.standards) if self.standards else 0.0


def names() -> list[str]:
    folder = resources.files("recordqa") / "data" / "coverage"
    if not folder.is_dir():
        return []
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=16)
def load(name: str) -> Coverage:
    if name not in names():
        raise DataError(Code.UNKNOWN_PROFILE, f"No coverage map for '{name}'; there are: {', '.join(names())}.")
    res = resources.files("recordqa") / "data" / "coverage" / f"{name}.yaml"
    data: Any = yaml.safe_load(res.read_text(encoding="utf-8"))
    try:
        return Coverage.model_validate(data)
    except ValueError as exc:
        raise DataError(Code.BAD_DATA_FILE, f"coverage/{name}.yaml: {exc}") from exc


def report(cov: Coverage) -> str:
    lines = [
        f"{cov.authority} (digest {cov.digest}, profile {cov.profile}): "
        f"{len(cov.covered)} of {len(cov.standards)} checkable standards covered ({cov.share:.0%})",
        "",
        "Covered:",
    ]
    lines += [f"  {k:<44} L{e.line or '?':<6} by {e.covered_by}" for k, e in cov.standards.items() if e.covered_by]
    lines += ["", "Not covered:"]
    lines += [f"  {k:<44} L{e.line or '?':<6} {e.reason}" for k, e in cov.standards.items() if not e.covered_by]
    return "\n".join(lines)
