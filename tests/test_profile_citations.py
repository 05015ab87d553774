"""Every rule of every built-in profile cites its standard with a quote a practitioner can
read, and (where ../shared/seeds is present) the quote stands at the cited line."""

from __future__ import annotations

import pytest

from recordqa import catalogue, profiles
from recordqa.checks.required_content import Element

from .test_standards_catalogue import SEEDS, WINDOW, normalise


def _cites() -> list[tuple[str, str, object]]:
    out: list[tuple[str, str, object]] = []
    for name in profiles.builtin_names():
        p = profiles.load(name)
        for cid, rule in p.checks.items():
            out.append((name, cid, rule.cite))
            for el in rule.settings.get("elements", []) if cid == "required-content" else []:
                e = Element.model_validate(el)
                cite = e.cite if isinstance(e.cite, str) else profiles.Cite.model_validate(e.cite)
                out.append((name, f"{cid}/{e.id}", cite))
    return out


CITES = _cites()


@pytest.mark.parametrize(("profile", "rule", "cite"), CITES, ids=[f"{p}:{r}" for p, r, _ in CITES])
def test_rule_cites_a_quoted_standard(profile: str, rule: str, cite: object) -> None:
    std = catalogue.resolve(cite, profiles.load(profile).authority)  # type: ignore[arg-type]
    assert std is not None and std.quote.strip(), f"{profile} {rule}: no quote for {cite}"
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present: cannot verify quotes against the source documents")
    lines = (SEEDS / std.source).read_text(encoding="utf-8").splitlines()
    window = normalise(" ".join(lines[std.line - 1 : std.line - 1 + WINDOW]))
    assert normalise(std.quote) in window, f"{profile} {rule}: quote not at {std.source}:{std.line}"
