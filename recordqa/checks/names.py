"""names-consistency: the same child spelled the same way, with the same pronouns, throughout.

Catches notes copied from another child's file: a near-miss spelling of the child's name,
or "she" for a boy named a sentence earlier.
"""

from __future__ import annotations

from collections import Counter

from ..context import RecordContext
from .base import Check, Hit, Outcome

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _spelling(ctx: RecordContext) -> list[Hit]:
    names = {n.split()[0] for n in ctx.record.metadata.child_names if n.split()}
    if not names:
        return []
    known = {n.lower() for n in names} | ctx.cast.adult_names
    hits = []
    index = ctx.index
    pos = index.pos
    texts = index.texts
    for i in [i for i, p in enumerate(pos) if p == "PROPN"]:
        word = texts[i]
        if not (word[:1].isupper() and word.isalpha()) or word.lower() in known:
            continue
        start = index.starts[i]
        for name in names:
            limit = 1 if len(name) < 7 else 2
            if word[:1].lower() == name[:1].lower() and 0 < _distance(word.lower(), name.lower()) <= limit:
                hits.append(
                    Hit(
                        "names-consistency/spelling",
                        start,
                        start + len(word),
                        f"'{word}' looks like a different spelling of {name}.",
                        f"Check the name: the child is recorded as {name}.",
                    )
                )
                break
    return hits


def _pronouns(ctx: RecordContext) -> list[Hit]:
    hits = []
    sents = ctx.index
    lowers, texts, pos, starts = sents.lowers, sents.texts, sents.pos, sents.starts
    for name in ctx.cast.child_names:
        seen: list[tuple[str, int, int]] = []
        for i in [i for i, low in enumerate(lowers) if low == name]:
            if ctx.in_quote(starts[i], starts[i] + 1):
                continue
            sent = sents.sent_of(i)
            for j in range(i + 1, sent.end):
                w = lowers[j]
                if pos[j] == "PROPN" and texts[j][:1].isupper():
                    break
                if w in MALE | FEMALE and not ctx.in_quote(starts[j], starts[j] + 1):
                    seen.append(("m" if w in MALE else "f", starts[j], starts[j] + len(texts[j])))
                    break
        votes = Counter(g for g, _, _ in seen)
        if len(votes) == 2:
            major, _ = votes.most_common(1)[0]
            for g, s, e in seen:
                if g != major:
                    hits.append(
                        Hit(
                            "names-consistency/pronoun",
                            s,
                            e,
                            f"This pronoun does not match the others used for {name.title()}.",
                            "Check the child's pronouns; was this copied from another child's record?",
                        )
                    )
    return hits


def run(ctx: RecordContext) -> Outcome:
    hits = sorted(_spelling(ctx) + _pronouns(ctx), key=lambda h: h.start)
    if not hits:
        return Outcome("pass", 1.0, "The child's name and pronouns are consistent.", hits)
    return Outcome("warn", 0.5, f"{len(hits)} inconsistent name or pronoun{'s' * (len(hits) > 1)}.", hits)


CHECK = Check("names-consistency", run, detail=False)
