"""Profiles: which checks apply to which record types, their weights and the grade bands."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import Code, DataError
from .models import RECORD_TYPES


class CheckSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight: float = Field(ge=0, le=10)
    applies_to: list[str] | Literal["all"] = "all"

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


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str = ""
    grades: Grades
    checks: dict[str, CheckSettings]
    severity: dict[str, Literal["error", "warning", "suggestion", "info", "off"]] = {}
    allow: list[str] = []


def _validate(data: object, where: str) -> Profile:
    from .checks import REGISTRY

    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise DataError(Code.BAD_DATA_FILE, f"{where}: field '{field}': {first['msg']}") from exc
    unknown = [c for c in profile.checks if c not in REGISTRY]
    if unknown:
        raise DataError(
            Code.BAD_DATA_FILE, f"{where}: field 'checks': unknown check(s) {unknown}; known: {list(REGISTRY)}"
        )
    return profile


def builtin_names() -> list[str]:
    folder = resources.files("recordqa") / "data" / "profiles"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=32)
def load(name_or_path: str = "default") -> Profile:
    """A built-in profile by name, or a profile file by path."""
    if name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path:
        path = Path(name_or_path)
        if not path.is_file():
            raise DataError(Code.UNKNOWN_PROFILE, f"No profile file at {path}.")
        text, where = path.read_text(encoding="utf-8"), str(path)
    else:
        if name_or_path not in builtin_names():
            raise DataError(Code.UNKNOWN_PROFILE, f"Unknown profile '{name_or_path}'; built in: {builtin_names()}.")
        res = resources.files("recordqa") / "data" / "profiles" / f"{name_or_path}.yaml"
        text, where = res.read_text(encoding="utf-8"), f"profiles/{name_or_path}.yaml"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(Code.BAD_DATA_FILE, f"{where}: not valid YAML: {exc}") from exc
    return _validate(data, where)
