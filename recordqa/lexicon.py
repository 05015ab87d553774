"""Word lists as data: jargon, acronyms, minimising and respectful language.

The YAML files live in `recordqa/data/lexicons/`; each pattern is a case-insensitive
regular expression wrapped in word boundaries. They are compiled once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import Code, DataError


class Source(BaseModel):
    model_config = ConfigDict(extra="allow")
    authority: str
    file: str | None = None
    line: int | None = None
    note: str | None = None


class Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    patterns: list[str]
    source: Source | None = None

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for p in value:
            re.compile(p)
        return value

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return compile_terms(self.patterns)


class JargonTerm(Entry):
    plain: str
    tier: Literal["core", "extra"] = "extra"
    sense: str | None = None


class MinimisingPhrase(Entry):
    when: Literal["always", "harm", "exploitation"]
    message: str
    suggestion: str


class RespectEntry(Entry):
    category: Literal["label", "evaluative", "descriptor"]
    message: str
    suggestion: str
    tier: Literal["core", "extra"] = "core"


class SlangEntry(Entry):
    suggestion: str = "Use standard English in a report."


class Report(BaseModel):
    model_config = ConfigDict(extra="ignore")
    slang: list[SlangEntry] = []
    family_names: list[str] = ["mum", "dad"]


class Lexicons(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    jargon: list[JargonTerm]
    acronym_allow: frozenset[str]
    acronym_expansions: dict[str, str]
    minimising: list[MinimisingPhrase]
    respectful: list[RespectEntry]
    report: Report
    evidence_cues: list[str]
    explanation_cues: list[str]

    @functools.cached_property
    def evidence_regex(self) -> re.Pattern[str]:
        return compile_terms(self.evidence_cues)

    @functools.cached_property
    def explanation_regex(self) -> re.Pattern[str]:
        return compile_terms(self.explanation_cues)


def compile_terms(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def finditer(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return regex.finditer(text)


def _read(name: str) -> Any:
    path = resources.files("recordqa") / "data" / "lexicons" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(Code.BAD_DATA_FILE, f"lexicons/{name}: {exc}") from exc


def _entries(model: type[BaseModel], items: list[Any], where: str) -> list[Any]:
    out = []
    for n, item in enumerate(items or []):
        try:
            out.append(model.model_validate(item))
        except (ValidationError, re.error) as exc:
            raise DataError(Code.BAD_DATA_FILE, f"{where}[{n}]: {exc}") from exc
    return out


@functools.lru_cache(maxsize=1)
def load() -> Lexicons:
    jargon = _read("jargon.yaml")
    acr = _read("acronyms.yaml")
    mini = _read("minimising.yaml")
    resp = _read("respectful.yaml")
    return Lexicons(
        jargon=_entries(JargonTerm, jargon.get("terms", []), "jargon.yaml terms"),
        acronym_allow=frozenset(acr.get("allow", [])),
        acronym_expansions={str(k): str(v) for k, v in (acr.get("expansions") or {}).items()},
        minimising=_entries(MinimisingPhrase, mini.get("phrases", []), "minimising.yaml phrases"),
        respectful=_entries(RespectEntry, resp.get("entries", []), "respectful.yaml entries"),
        report=Report.model_validate(resp.get("report") or {}),
        evidence_cues=list(resp.get("evidence_cues") or []),
        explanation_cues=list(resp.get("explanation_cues") or []),
    )
