"""jargon: acronyms unexplained at first use, and terms of art with plain alternatives."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..lexicon import prefiltered
from ..models import Severity, Status
from .base import Check, Hit, Outcome

ACRONYM = re.compile(
    r"(?<![\w&'’-])(?:(?:[A-Z]\.){2,}(?![A-Za-z])|[A-Z][A-Z&]{1,5}(?:\d{1,3})?s?|[A-Z]\d{1,3}|[A-Z]{1,3}\d{1,3})(?![\w'’-])"
)
STOP = {"and", "of", "for", "the", "in", "to", "on", "with", "a", "an", "at", "&", "by"}
FAMILY = (
    r"(?:mum|mummy|dad|daddy|mother|father|parents?|brothers?|sisters?|siblings?|family|"
    r"grandparents?|grandma|grandmother|grandad|grandfather|nan|nana|aunt|auntie|uncle|"
    r"birth\s+(?:family|parents?|mother|father)|[A-Z][a-z]+)"
)
FAMILY_CONTACT = prefiltered(
    re.compile(
        rf"\b(?:(?:family|sibling|supervised|unsupervised|direct|indirect|letterbox|face[- ]to[- ]face|"
        rf"weekly|fortnightly|monthly|overnight|no)\s+contact|contact\s+(?:with|between)\s+"
        rf"(?:(?:his|her|their|the|your|both)\s+)?{FAMILY}|contact\s+(?:sessions?|centre|visits?|arrangements?|"
        rf"plan|time|supervisor|worker|records?|notes?|was\s+(?:good|positive|cancelled|supervised)|went\s+well)|"
        rf"{FAMILY}(?:'s|’s)?\s+contact|contact\s+(?:is|was|will\s+be)\s+(?:every|once|twice|weekly|fortnightly|monthly))\b",
        re.IGNORECASE,
    )
)
OTHER_CONTACT = prefiltered(
    re.compile(
        r"\b(?:(?:made|make|making|in|lost|keep|kept|get|got|initial|first|phone|telephone|email|mash|"
        r"police|referral|point\s+of|no\s+further)\s+contacts?|contact\s+(?:details?|number|the\s+|us|me|"
        r"him|her|his|their|your|my|a|an|them|you|school|gp|police|team|office|duty|early|on|by)|contacted|contacting)\b",
        re.IGNORECASE,
    )
)


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Do the words' initials spell the acronym (skipping small words where needed)?"""
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not letters:
        return False

    def walk(li: int, wi: int) -> bool:
        if li == len(letters):
            return wi == len(words)
        if wi == len(words):
            return False
        w = words[wi]
        if w[:1].upper() == letters[li] and walk(li + 1, wi + 1):
            return True
        return w.lower() in STOP and walk(li, wi + 1)

    return any(walk(0, len(words) - take) for take in range(len(letters), min(len(words), len(letters) * 2 + 2) + 1))


ADVICE = re.compile(
    r"^(?:say|explain|name|describe|use|write|record|give|ask|add|check)\b|[():;…?]|\.\.\.|\be\.g\.|\bi\.e\.",
    re.IGNORECASE,
)


def literal_options(plain: str | None) -> list[str]:
    """The plain words to write instead ("family time"; "calmed down / needed less help"),
    or none when the advice is not a literal replacement ("say what you saw")."""
    if not plain:
        return []
    options = [v.strip() for v in plain.split(" / ")]
    return [] if any(not v or ADVICE.search(v) for v in options) else options


EXPANSION_BEFORE = re.compile(r"([A-Za-z][\w'’ ,&-]*?)\s*\(\s*$")
EXPANSION_AFTER = re.compile(r"^\s*\(\s*([^()]{2,80})\)")
WORDS = re.compile(r"[A-Za-z][\w'’]*")


def _explained_at(text: str, m: re.Match[str], expansions: dict[str, str]) -> bool:
    """'Child in Need (CIN)' or 'CIN (child in need)' at this occurrence."""
    acr = m.group(0).rstrip("s") if m.group(0).endswith("s") and m.group(0)[:-1].isupper() else m.group(0)
    key = acr.replace(".", "")
    before = text[max(0, m.start() - 80) : m.start()]
    after = text[m.end() : m.end() + 90]
    # Each pattern below can match only next to a bracket: the others are not tried (the
    # first, with its lazy repeat, tries every letter of the 80 characters to the end).
    bm = EXPANSION_BEFORE.search(before) if before.rstrip().endswith("(") else None
    if bm:
        words = WORDS.findall(bm.group(1).replace("-", " "))
        if _initials_match(key, words[-12:]):
            return True
        exp = expansions.get(key)
        if exp and bm.group(1).lower().rstrip().endswith(exp.lower()):
            return True
    am = EXPANSION_AFTER.match(after) if after.lstrip().startswith("(") else None
    if am:
        inner = am.group(1)
        words = WORDS.findall(inner.replace("-", " "))
        if _initials_match(key, words):
            return True
        exp = expansions.get(key)
        if exp and exp.lower() in inner.lower():
            return True
    return False


def acronym_hits(ctx: RecordContext) -> tuple[list[Hit], list[str]]:
    text = ctx.text
    allow = ctx.lex.acronym_allow | ctx.profile_allow
    expansions = ctx.lex.acronym_expansions
    explained: set[str] = set()
    hits: list[Hit] = []
    shouting: dict[int, bool] = {}  # by line start: is the line written in capitals?
    for m in ACRONYM.finditer(text):
        surface = m.group(0)
        key = surface.replace(".", "")
        if key.endswith("s") and key[:-1].isupper() and len(key) > 2:
            key = key[:-1]
        if key in allow or surface in allow or len(key.replace("&", "")) < 2:
            continue
        if key.isalpha():
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_start not in shouting:
                shouting[line_start] = _shouting(text, m)
            if shouting[line_start]:
                continue
        if ctx.in_quote(m.start(), m.end()):
            continue
        if key in explained:
            continue
        if _explained_at(text, m, expansions):
            explained.add(key)
            continue
        plain = expansions.get(key)
        hits.append(
            Hit(
                "jargon/acronym",
                m.start(),
                m.end(),
                f"'{surface}' is not explained where it is first used.",
                f"Write '{plain}' in full."
                if plain
                else "Write the words in full, or explain the abbreviation at its first use.",
                replacements=[plain] if plain else [],
            )
        )
    return hits, sorted(explained)


def _shouting(text: str, m: re.Match[str]) -> bool:
    """A word in a heading or a sentence written in capitals is not an acronym."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def term_hits(ctx: RecordContext) -> list[Hit]:
    text = ctx.text
    hits: list[Hit] = []
    terms = ctx.word_lists()["jargon"]
    allowed = {a.lower() for a in ctx.profile_allow}
    # Every term's matches in one pass (lexicon.scan: the same matches as term by term).
    for term, spans in zip(terms, ctx.word_list_spans("jargon"), strict=True):
        for start, end in spans:
            surface = text[start:end]
            if ctx.in_quote(start, end):
                continue
            if term.sense == "family-time" and not _family_contact(text, start, end):
                continue
            if surface.lower() in allowed:
                continue
            severity: Severity = "warning" if term.tier == "core" else "suggestion"
            hits.append(
                Hit(
                    "jargon/term" if term.tier == "core" else "jargon/term-extra",
                    start,
                    end,
                    f"'{surface}' is social-care jargon a child or parent may not understand.",
                    f"Try: {term.plain}",
                    severity,
                    replacements=literal_options(term.plain),
                )
            )
    return hits


def _family_contact(text: str, start: int, end: int) -> bool:
    lo, hi = max(0, start - 60), min(len(text), end + 60)
    window = text[lo:hi]
    rel = start - lo
    for m in OTHER_CONTACT.finditer(window):
        if m.start() <= rel < m.end():
            return False
    for m in FAMILY_CONTACT.finditer(window):
        if m.start() <= rel < m.end():
            return True
    # A bare "contact" about a family member nearby is family time.
    return bool(re.search(rf"\b{FAMILY}\b", text[max(0, start - 40) : end + 40])) and not re.search(
        r"\b(?:phone|call|email|text|referral|details|number)\b", text[max(0, start - 30) : end + 30], re.I
    )


def all_hits(ctx: RecordContext) -> tuple[list[Hit], list[str]]:
    """Acronym and term findings, sorted, and the acronyms the record explains (memoised:
    readability reads the jargon density too)."""

    def compute() -> tuple[list[Hit], list[str]]:
        acr, explained = acronym_hits(ctx)
        return sorted(acr + term_hits(ctx), key=lambda h: h.start), explained

    return ctx.memo("jargon", compute)


def run(ctx: RecordContext) -> Outcome:
    hits, explained = all_hits(ctx)
    flagged = [h for h in hits if h.severity != "suggestion"]
    words = max(1, len(ctx.text.split()))
    density = 100.0 * len(flagged) / words
    detail = {"explained_acronyms": explained, "per_100_words": round(density, 2)}
    if not flagged:
        return Outcome("pass", 1.0, "No unexplained acronyms or jargon.", hits, detail)
    n = len(flagged)
    status: Status = "fail" if density > 3 else "warn"
    score = max(0.0, 1.0 - density / 6)
    return Outcome(
        status, round(score, 3), f"{n} unexplained acronym{'s' * (n > 1)} or jargon term{'s' * (n > 1)}.", hits, detail
    )


CHECK = Check("jargon", run)
