"""`recordqa explain`: a check's page, rendered from the same data the checks use."""

from __future__ import annotations

import json
from typing import Any

from . import catalogue, profiles
from .checks import REGISTRY
from .checks.base import docs
from .errors import Code, InputError


def _page(check_id: str, profile: str | None = None) -> dict[str, Any]:
    doc = docs()[check_id]
    page: dict[str, Any] = {
        "id": check_id,
        "title": doc.title,
        "what": doc.what,
        "why": doc.why,
        "limits": doc.limits,
        "codes": doc.codes,
        "example": doc.fail[0].text if doc.fail else None,
        "better": doc.passes[0].text if doc.passes else None,
        "standards": [s.model_dump() for s in catalogue.for_check(check_id)],
    }
    if profile is not None:
        prof = profiles.load(profile)
        rule = prof.checks.get(check_id)
        cited = catalogue.resolve(rule.cite, prof.authority) if rule else None
        page["profile"] = {
            "name": prof.name,
            "rule": rule.model_dump(exclude={"cite"}) if rule else None,
            "severity": {k: v for k, v in prof.severity.items() if k.split("/")[0] == check_id},
            "cites": cited.model_dump() if cited else None,
        }
    return page


def _resolve(name: str) -> str:
    if name in REGISTRY:
        return name
    head = name.split("/")[0]
    if head in REGISTRY:
        return head
    raise InputError(Code.UNKNOWN_CHECK, f"No check or code '{name}'. Checks: {', '.join(REGISTRY)}.")


def _text(page: dict[str, Any]) -> str:
    lines = [
        f"# {page['id']}: {page['title']}",
        "",
        "## What it checks",
        page["what"],
        "",
        "## Why it matters",
        page["why"],
        "",
        "## Example",
        f"  {page['example']}",
        "",
        "## Better",
        f"  {page['better']}",
        "",
        "## Limits",
        page["limits"],
        "",
        "## Finding codes",
    ]
    lines += [f"  {code}  ({sev})" for code, sev in page["codes"].items()]
    if "profile" in page:
        p = page["profile"]
        lines += ["", f"## In profile {p['name']}"]
        if p["rule"] is None:
            lines.append("  not used by this profile")
        else:
            r = p["rule"]
            lines.append(f"  weight {r['weight']}, applies to {r['applies_to']}, settings {r['settings'] or '{}'}")
            for code, sev in p["severity"].items():
                lines.append(f"  {code}: {sev}")
            if p["cites"]:
                c = p["cites"]
                lines.append(f'  cites {c["authority"]}, {c["source"]} line {c["line"]}: "{c["quote"]}"')
    lines += ["", "## Standards it serves"]
    for s in page["standards"]:
        lines.append(f"  - {s['authority']}, {s['document']} ({s['source']}, line {s['line']}):")
        lines.append(f'    "{s["quote"]}"')
    return "\n".join(lines)


def explain(name: str, fmt: str = "text", profile: str | None = None) -> str:
    page = _page(_resolve(name), profile)
    return json.dumps(page, indent=2) if fmt == "json" else _text(page)


def explain_all(fmt: str = "text") -> str:
    pages = [_page(c) for c in REGISTRY]
    return json.dumps(pages, indent=2) if fmt == "json" else "\n\n".join(_text(p) for p in pages)
