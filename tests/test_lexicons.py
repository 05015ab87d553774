"""The word lists are data: every entry compiles, is unique, and names its source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recordqa import lexicon, profiles

from .conftest import corpus_texts

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


# --- lexicon.scan: every list's matches in one pass, the same as entry by entry ----------


def _lists() -> dict[str, list]:  # type: ignore[type-arg]
    lex = lexicon.load()
    out = {"jargon": lex.jargon, "minimising": lex.minimising, "respectful": lex.respectful, "slang": lex.report.slang}
    for name in ("leeds", "barnet", "calderdale", "york", "st-helens"):
        out["jargon+" + name] = [*lex.jargon, *profiles.load(name).lexicon.jargon]
    return out


def _one_by_one(entries: list, text: str) -> list[list[tuple[int, int]]]:  # type: ignore[type-arg]
    return [[m.span() for m in e.regex.finditer(text)] for e in entries]


def test_scan_finds_what_each_entry_finds_in_our_records() -> None:
    texts = corpus_texts()
    for name, entries in _lists().items():
        for text in texts:
            assert lexicon.scan(entries, text) == _one_by_one(entries, text), name


SURFACES = sorted(
    {
        text[a:b]
        for text in corpus_texts()
        for entries in _lists().values()
        for e in entries
        for a, b in (m.span() for m in e.regex.finditer(text))
    }
)
PIECES = st.one_of(
    st.sampled_from(SURFACES),
    st.sampled_from(SURFACES).map(str.upper),
    st.sampled_from(SURFACES).map(lambda s: s[len(s) // 2 :]),  # a match's tail: overlaps
    st.sampled_from(["", " ", "-", "'s ", ", ", "\n", "x", " the ", "'", "’", "“", "."]),
    # letters case-insensitive matching treats specially: the Kelvin sign, long s, dotted I
    st.sampled_from(["\u212a", "ſ", "İ", "ı", "é", "É", "K", "S", "I"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_scan_finds_overlapping_and_touching_matches_as_each_entry_does(text: str) -> None:
    for entries in _lists().values():
        assert lexicon.scan(entries, text) == _one_by_one(entries, text)


def test_scan_takes_entries_it_cannot_combine_on_their_own() -> None:
    entries = [
        lexicon.JargonTerm(id="group", patterns=[r"(core) group"], plain="x"),  # a capturing group
        lexicon.JargonTerm(id="empty", patterns=[r"x?"], plain="x"),  # may match nothing
        lexicon.JargonTerm(id="lac", patterns=["lac", "looked after"], plain="x"),
    ]
    text = "The core group met; LAC review; looked after. x"
    assert lexicon.scan(entries, text) == _one_by_one(entries, text)


def test_scan_treats_letters_case_insensitive_matching_folds_as_each_entry_does() -> None:
    odd = {"k": "\u212a", "s": "ſ", "i": "ı", "I": "İ"}  # each matches the ASCII letter, ignoring case
    for surface in SURFACES:
        for plain, special in odd.items():
            text = f"x {surface.replace(plain, special)} and {surface.upper().replace(plain.upper(), special)}."
            for entries in _lists().values():
                assert lexicon.scan(entries, text) == _one_by_one(entries, text), text
