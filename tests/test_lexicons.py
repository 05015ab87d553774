"""The word lists are data: every entry compiles, is unique, and names its source."""

from __future__ import annotations

from recordqa import lexicon

CHECKS_MD_CORE_JARGON = [
    "placement",
    "contact",
    "respite",
    "presenting as",
    "disguised compliance",
    "core group",
    "strategy discussion",
    "threshold",
    "step down",
    "significant harm",
    "permanence",
    "life story work",
    "statutory visit",
    "toxic trio",
    "hidden male",
    "virtual school",
    "pre-proceedings",
    "legal gateway",
]


def test_every_entry_is_unique_and_sourced() -> None:
    lex = lexicon.load()
    for group in (lex.jargon, lex.minimising, lex.respectful):
        ids = [e.id for e in group]
        assert len(ids) == len(set(ids))
        assert all(e.source is not None for e in group)


def test_the_core_jargon_lexicon_is_the_checks_md_list() -> None:
    core = [t for t in lexicon.load().jargon if t.tier == "core"]
    for phrase in CHECKS_MD_CORE_JARGON:
        assert any(t.regex.fullmatch(phrase) for t in core), phrase
    assert all(t.plain for t in core)


def test_allow_list_is_the_checks_md_list() -> None:
    assert lexicon.load().acronym_allow == {"GP", "NHS", "TV", "UK", "DNA", "ID", "BBC", "OK", "A&E", "MP"}
