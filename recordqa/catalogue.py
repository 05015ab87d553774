"""The standards catalogue (`data/standards.yaml`): every clause recordqa cites."""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from .errors import Code, DataError
from .models import Standard

if TYPE_CHECKING:
    from .profiles import Cite


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


def resolve(cite: Cite | str | None, authority: str | None) -> Standard | None:
    """The standard a profile rule cites: a catalogue id, or a seed file and line (matched to
    the catalogue's clause at or just before that line where there is one)."""
    if cite is None:
        return None
    table = standards()
    if isinstance(cite, str):
        return table.get(cite)
    near = [s for s in table.values() if s.source == cite.file and 0 <= cite.line - s.line <= 2]
    if near:
        return max(near, key=lambda s: s.line)
    same_doc = next((s for s in table.values() if s.source == cite.file), None)
    return Standard(
        id=f"{cite.file}:{cite.line}",
        authority=same_doc.authority if same_doc else (authority or ""),
        document=same_doc.document if same_doc else "",
        source=cite.file,
        line=cite.line,
        quote=cite.quote or "",
    )
