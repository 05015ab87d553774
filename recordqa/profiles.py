"""Profiles as data: which checks apply to which record types, weights, thresholds,
severities, grade bands, word-list additions and allow-lists, each rule citing its source.

A profile may `extends:` another and change only what differs. A bad file is refused with
a message naming the file, the line and the field (docs/profiles.md).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import Code, DataError
from .lexicon import JargonTerm
from .models import RECORD_TYPES

SeverityLevel = Literal["error", "warning", "suggestion", "info", "off"]

# The thresholds each check reads, with their types: a profile may set only these.
SETTINGS: dict[str, dict[str, type]] = {
    "seen-alone": {"min_age": int},
    "timeliness": {"working_days": int, "significant_event_working_days": int, "record_type_working_days": dict},
    "actions": {"vague_timescales": list},
    "template": {"required": dict},
    "required-content": {"elements": list},
    "readability": {
        "adult_min_reading_ease": float,
        "adult_max_grade": float,
        "child_min_reading_ease": float,
        "child_max_grade": float,
    },
}


class Cite(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file: str
    line: int = Field(ge=1)
    quote: str | None = None


class CheckRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight: float = Field(default=1.0, ge=0, le=10)
    applies_to: list[str] | Literal["all"] = "all"
    cite: Cite | str | None = None
    settings: dict[str, Any] = {}

    @field_validator("applies_to")
    @classmethod
    def _known_types(cls, value: list[str] | str) -> list[str] | str:
        if isinstance(value, list):
            unknown = [v for v in value if v not in RECORD_TYPES]
            if unknown:
                raise ValueError(f"unknown record types {unknown}; known: {list(RECORD_TYPES)}")
        return value

    def applies(self, record_type: str) -> bool:
        return self.applies_to == "all" or record_type in self.applies_to


class Grades(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outstanding: float = Field(ge=0, le=100)
    good: float = Field(ge=0, le=100)
    requires_improvement: float = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> Grades:
        if not self.outstanding >= self.good >= self.requires_improvement:
            raise ValueError("grade bands must decrease: outstanding >= good >= requires_improvement")
        return self


class LexiconAdditions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    jargon: list[JargonTerm] = []


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    extends: str | None = None
    description: str = ""
    authority: str | None = None
    grades: Grades
    checks: dict[str, CheckRule]
    severity: dict[str, SeverityLevel] = {}
    allow: list[str] = []
    lexicon: LexiconAdditions = LexiconAdditions()
    source_path: str | None = Field(default=None, exclude=True)

    def setting(self, check_id: str, key: str, default: Any) -> Any:
        rule = self.checks.get(check_id)
        return rule.settings.get(key, default) if rule else default


# -- reading files, with line numbers for errors -------------------------------------


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line where the field at `loc` (a pydantic error location) is named, or where its
    nearest named parent is."""
    try:
        node: Any = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _refuse(where: str, text: str, loc: tuple[Any, ...], message: str) -> DataError:
    line = _line_of(text, loc)
    field = ".".join(str(p) for p in loc) or "(top)"
    at = f"{where}:{line}" if line else where
    return DataError(Code.BAD_DATA_FILE, f"{at}: field '{field}': {message}")


def builtin_names() -> list[str]:
    folder = resources.files("recordqa") / "data" / "profiles"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _read(name_or_path: str, base: Path | None) -> tuple[str, str, Path | None]:
    """(text, where, folder) of a built-in profile by name or a profile file by path."""
    if name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path or "\\" in name_or_path:
        path = Path(name_or_path)
        if not path.is_absolute() and base is not None:
            path = base / path
        if not path.is_file():
            raise DataError(Code.UNKNOWN_PROFILE, f"No profile file at {path}.")
        try:
            return path.read_text(encoding="utf-8"), str(path), path.parent
        except UnicodeDecodeError as exc:
            raise DataError(Code.BAD_DATA_FILE, f"{path} is not UTF-8 text.") from exc
    if name_or_path not in builtin_names():
        raise DataError(
            Code.UNKNOWN_PROFILE, f"Unknown profile '{name_or_path}'; built in: {', '.join(builtin_names())}."
        )
    res = resources.files("recordqa") / "data" / "profiles" / f"{name_or_path}.yaml"
    return res.read_text(encoding="utf-8"), f"profiles/{name_or_path}.yaml", None


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        if key == "checks" and isinstance(value, dict):
            checks = {k: dict(v) for k, v in (parent.get("checks") or {}).items()}
            for cid, rule in value.items():
                merged = dict(checks.get(cid, {}))
                rule = rule or {}
                settings = {**merged.get("settings", {}), **(rule.get("settings") or {})}
                merged.update(rule)
                if settings:
                    merged["settings"] = settings
                checks[cid] = merged
            out["checks"] = checks
        elif key in ("severity",) and isinstance(value, dict):
            out[key] = {**(parent.get(key) or {}), **value}
        elif key == "allow" and isinstance(value, list):
            out[key] = list(dict.fromkeys([*(parent.get(key) or []), *value]))
        elif key == "lexicon" and isinstance(value, dict):
            jargon = [*((parent.get("lexicon") or {}).get("jargon") or []), *(value.get("jargon") or [])]
            out[key] = {"jargon": jargon}
        else:
            out[key] = value
    out.pop("extends", None)
    return out


def _raw(name_or_path: str, base: Path | None, seen: tuple[str, ...]) -> tuple[dict[str, Any], str, str]:
    text, where, folder = _read(name_or_path, base)
    if where in seen:
        raise DataError(Code.BAD_DATA_FILE, f"{where}: field 'extends': a cycle ({' -> '.join([*seen, where])}).")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(Code.BAD_DATA_FILE, f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(Code.BAD_DATA_FILE, f"{where}: a profile is a YAML mapping (name, grades, checks, ...).")
    _check_own(data, text, where)
    parent_name = data.get("extends")
    if parent_name:
        parent, _, _ = _raw(str(parent_name), folder, (*seen, where))
        return _merge(parent, data), text, where
    return data, text, where


def _check_own(data: dict[str, Any], text: str, where: str) -> None:
    """What must hold in each file, before merging: known checks, settings, citations."""
    from .checks import REGISTRY

    for cid, rule in (data.get("checks") or {}).items():
        if cid not in REGISTRY:
            raise _refuse(where, text, ("checks", cid), f"unknown check '{cid}'; known: {', '.join(REGISTRY)}")
        if not isinstance(rule, dict):
            raise _refuse(
                where, text, ("checks", cid), "a check rule is a mapping (weight, applies_to, cite, settings)"
            )
        for key, value in (rule.get("settings") or {}).items():
            allowed = SETTINGS.get(cid, {})
            if key not in allowed:
                raise _refuse(
                    where,
                    text,
                    ("checks", cid, "settings", key),
                    f"'{cid}' has no setting '{key}'; it has: {', '.join(allowed) or 'none'}",
                )
            want = allowed[key]
            ok = isinstance(value, want) or (want is float and isinstance(value, int))
            if not ok or isinstance(value, bool) or (isinstance(value, int | float) and value < 0):
                raise _refuse(
                    where,
                    text,
                    ("checks", cid, "settings", key),
                    f"must be a {'non-negative number' if want in (int, float) else want.__name__}",
                )
            if key == "record_type_working_days":
                for rt, days in value.items():
                    if rt not in RECORD_TYPES or not isinstance(days, int) or isinstance(days, bool) or days < 0:
                        raise _refuse(
                            where,
                            text,
                            ("checks", cid, "settings", key, rt),
                            f"maps a record type ({', '.join(RECORD_TYPES)}) to a non-negative whole number of working days",
                        )
    for code in data.get("severity") or {}:
        if code.split("/")[0] not in REGISTRY:
            raise _refuse(where, text, ("severity", code), f"'{code}' is not a check or a finding code of one")


@functools.lru_cache(maxsize=64)
def load(name_or_path: str = "default") -> Profile:
    """A built-in profile by name, or a profile file by path, with its `extends` resolved."""
    data, text, where = _raw(name_or_path, Path.cwd(), ())
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise _refuse(where, text, tuple(first["loc"]), first["msg"]) from exc
    missing = [cid for cid, rule in profile.checks.items() if rule.cite is None]
    if missing:
        raise _refuse(
            where,
            text,
            ("checks", missing[0], "cite"),
            "every rule cites its standard: give cite: {file: <seed file>, line: <n>} or a catalogue id",
        )
    from . import catalogue

    for cid, rule in profile.checks.items():
        if isinstance(rule.cite, str) and rule.cite not in catalogue.standards():
            raise _refuse(where, text, ("checks", cid, "cite"), f"'{rule.cite}' is not in the standards catalogue")
    from .checks.required_content import Element

    rc = profile.checks.get("required-content")
    for n, raw in enumerate(rc.settings.get("elements", []) if rc else []):
        try:
            el = Element.model_validate(raw)
            for cue in el.cues:
                re.compile(cue)
            if isinstance(el.cite, dict):
                Cite.model_validate(el.cite)
            if el.record_types and not set(el.record_types) <= set(RECORD_TYPES):
                raise ValueError(f"unknown record types in {el.record_types}")
        except (ValidationError, ValueError, re.error) as exc:
            raise _refuse(
                where, text, ("checks", "required-content", "settings", "elements", n), str(exc).splitlines()[0]
            ) from exc
    for n, term in enumerate(profile.lexicon.jargon):
        if term.source is None:
            raise _refuse(where, text, ("lexicon", "jargon", n, "source"), "every word-list entry names its source")
    return profile.model_copy(update={"source_path": where})


def describe(profile: Profile) -> str:
    return re.sub(r"\s+", " ", profile.description).strip()
