"""The standards catalogue (`data/standards.yaml`): every clause recordqa cites."""

from __future__ import annotations

import functools
from importlib import resources

import yaml
from pydantic import ValidationError

from .errors import Code, DataError
from .models import Standard


@functools.lru_cache(maxsize=1)
def standards() -> dict[str, Standard]:
    path = resources.files("recordqa") / "data" / "standards.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, Standard] = {}
    for key, entry in (data.get("standards") or {}).items():
        fields = {k: entry[k] for k in ("authority", "document", "source", "line", "quote") if k in entry}
        try:
            out[key] = Standard(id=key, **fields)
        except ValidationError as exc:
            raise DataError(Code.BAD_DATA_FILE, f"standards.yaml {key}: {exc}") from exc
    return out


@functools.lru_cache(maxsize=1)
def by_check() -> dict[str, list[Standard]]:
    path = resources.files("recordqa") / "data" / "standards.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table = standards()
    out: dict[str, list[Standard]] = {}
    for key, entry in (data.get("standards") or {}).items():
        for check in entry.get("checks") or []:
            out.setdefault(check, []).append(table[key])
    return out


def for_check(check_id: str) -> list[Standard]:
    return list(by_check().get(check_id, []))
