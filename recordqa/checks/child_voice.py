"""child-voice: the child's own words are quoted (or, for an infant, their behaviour observed)."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..lexicon import prefiltered
from ..people import CHILD_PRONOUNS
from .base import Check, Hit, Outcome

VIEW_VERBS = {
    "say",
    "tell",
    "explain",
    "want",
    "wish",
    "like",
    "love",
    "hate",
    "dislike",
    "enjoy",
    "describe",
    "ask",
    "share",
    "feel",
    "miss",
    "worry",
    "write",
    "draw",
    "choose",
    "sign",
    "prefer",
    "hope",
    "disclose",
    "mention",
    "agree",
    "disagree",
    "report",
    "talk",
}
INFANT_BEHAVIOUR = prefiltered(
    re.compile(
        r"\b(?:smil|laugh|giggl|cr(?:y|ied|ies)|babbl|reach|crawl|cooed?|coo|gurgl|settl|fed|feeding|"
        r"look(?:ed|s|ing)? (?:at|to|towards|for)|turn(?:ed)? (?:to|towards)|clung|cling|snuggl|"
        r"held (?:out|on)|play(?:ed|ing|s)?|point(?:ed|ing)|walk(?:ed|ing)|toddl|sat|slept|"
        r"made eye contact|eye contact|vocalis|chatter|wav(?:e|ed|ing)|kick(?:ed|ing)|"
        r"went to (?:his|her) (?:mum|dad|mother|father|carer)|sought comfort|flinch)",
        re.IGNORECASE,
    )
)


def _views(ctx: RecordContext) -> list[tuple[int, int]]:
    """Sentences where a child is the subject of a verb of saying or wanting."""
    out = []
    index = ctx.index
    heads, lemmas, starts, texts = index.heads, index.lemmas, index.starts, index.texts
    for i, dep in enumerate(index.deps):
        if dep not in ("nsubj", "nsubjpass"):
            continue
        if lemmas[heads[i]].lower() not in VIEW_VERBS:
            continue
        if ctx.in_quote(starts[i], starts[i] + len(texts[i])):
            continue
        tok = index.token(i)
        word = index.lowers[i]
        person = ctx.cast.resolve(tok) if word in CHILD_PRONOUNS or word == "you" else ctx.cast.person_of(tok)
        if person is not None and person.role == "child":
            sent = ctx.cast.sents.sent(tok)
            out.append((sent.start_char, sent.end_char))
    return out


def _observed_voice(ctx: RecordContext) -> list[tuple[int, int]]:
    if not ctx.any_infant:
        return []
    out = []
    for s in ctx.sentences:
        if not INFANT_BEHAVIOUR.search(s.text):
            continue
        words = {w.lower().strip(".,'’") for w in s.text.split()}
        if words & ctx.cast.child_names or words & {"he", "she", "baby", "they"}:
            out.append((s.start, s.end))
    return out


def run(ctx: RecordContext) -> Outcome:
    hits: list[Hit] = []
    child_quotes = [q for q in ctx.quotes if q.speaker is not None and q.speaker.role == "child"]
    for q in child_quotes:
        who = q.speaker.text if q.speaker and q.speaker.text else "The child"
        hits.append(Hit("child-voice/quote", q.span.start, q.span.end, f"{who}'s own words, quoted."))
    if child_quotes:
        n = len(child_quotes)
        return Outcome("pass", 1.0, "The child's own words are quoted " + ("once." if n == 1 else f"{n} times."), hits)
    observed = _observed_voice(ctx) if ctx.infant_only or (ctx.any_infant and not ctx.child_ages) else []
    if observed:
        s, e = observed[0]
        hits.append(Hit("child-voice/observed", s, e, "The baby's behaviour is recorded as their voice."))
        return Outcome("pass", 1.0, "The infant's observed behaviour is recorded as their voice.", hits)
    views = _views(ctx)
    if views:
        s, e = views[0]
        hits.append(
            Hit(
                "child-voice/view-not-quoted",
                s,
                e,
                "The child's view is reported but not in their own words.",
                "Quote what the child said, in their words, with quotation marks.",
            )
        )
        return Outcome("warn", 0.5, "The child's views are reported, but none of their words are quoted.", hits)
    start, end = ctx.anchor
    hits.append(
        Hit(
            "child-voice/missing",
            start,
            end,
            "No view of the child is recorded.",
            "Record what the child said (in quotation marks), or how a baby or non-verbal child responded.",
        )
    )
    return Outcome("fail", 0.0, "The child's views are not recorded.", hits)


CHECK = Check("child-voice", run, detail=False)
