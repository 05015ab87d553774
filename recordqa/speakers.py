"""Who said each quotation: the speech verb next to it, its subject, pronouns resolved.

A quotation with no speaker and no verb of communicating is a scare quote ("the
'incident'") and is not returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .people import Cast, Person
from .quotes import QuoteIndex, QuoteSpan
from .sentindex import SentIndex

SPEECH_VERBS = {
    "say",
    "tell",
    "ask",
    "reply",
    "explain",
    "write",
    "type",
    "sign",
    "choose",
    "shout",
    "whisper",
    "add",
    "state",
    "comment",
    "describe",
    "cry",
    "answer",
    "respond",
    "mention",
    "share",
    "disclose",
    "exclaim",
    "insist",
    "repeat",
    "laugh",
    "agree",
    "continue",
    "confirm",
    "complain",
    "admit",
    "sing",
    "scream",
    "yell",
    "mutter",
    "mumble",
    "sob",
    "announce",
    "declare",
    "report",
    "text",
    "message",
    "email",
    "note",
    "put",
    "point",
    "draw",
    "spell",
    "joke",
    "giggle",
    "smile",
    "nod",
    "plead",
    "beg",
    "reassure",
    "protest",
    "argue",
    "claim",
    "recall",
    "remark",
    "volunteer",
    "interrupt",
    "whimper",
    "wail",
    "demand",
    "warn",
    "promise",
    "boast",
    "conclude",
    "express",
    "pick",
    "select",
    "begin",
    "go",
    "finish",
    "read",
    "record",
}
# Verbs that take a quote only with a following "as" or "that" are in SPEECH_VERBS too;
# "go" covers "she went, 'no way'". Window in characters either side of the marks.
WINDOW = 90


@dataclass(frozen=True)
class AttributedQuote:
    span: QuoteSpan
    speaker: Person | None


def _speech_verb(doc: Doc, text: str, q: QuoteSpan, index: QuoteIndex, sents: SentIndex) -> Token | None:
    """The nearest speech verb outside any quote, in the quote's sentences, close to it."""
    first = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
    last = doc.char_span(q.close_mark, q.close_mark + 1, alignment_mode="expand")
    if first is None or last is None:
        return None
    lo = sents.sent(first[0]).start
    hi = sents.sent(last[-1]).end
    # A quote that opens a sentence may take its verb from the end of the sentence before
    # ("She said:" then a new line with the quote).
    # Token by token through the index's lists (a token's idx, text, lemma and part of
    # speech), making a Token object only for the verb chosen.
    best: tuple[int, int] | None = None
    lemmas, pos, starts, texts = sents.lemmas, sents.pos, sents.starts, sents.texts
    for j in range(max(0, lo - 12), min(len(doc), hi + 12)):
        if lemmas[j].lower() not in SPEECH_VERBS or pos[j] not in ("VERB", "AUX"):
            continue
        idx, end = starts[j], starts[j] + len(texts[j])
        if index.contains(idx, end):  # inside a quote
            continue
        if idx < q.open_mark:
            dist = q.open_mark - end
            gap = text[end : q.open_mark]
        else:
            dist = idx - (q.close_mark + 1)
            gap = text[q.close_mark + 1 : idx]
        if dist > WINDOW or _crosses_other_quote(gap) or _crosses_sentence(gap, idx < q.open_mark):
            continue
        if idx > q.close_mark and _ends_sentence(text, q):
            dist += WINDOW  # 'belt.” The supervisor wrote': prefer a verb before the quote
        if best is None or dist < best[0]:
            best = (dist, j)
    return sents.token(best[1]) if best else None


def _ends_sentence(text: str, q: QuoteSpan) -> bool:
    inner = text[q.start : q.end].rstrip()
    after = text[q.close_mark + 1 : q.close_mark + 3].lstrip()
    return inner.endswith((".", "!", "?")) and after[:1].isupper()


def _crosses_other_quote(gap: str) -> bool:
    return any(ch in gap for ch in '"“”')


def _crosses_sentence(gap: str, verb_before: bool) -> bool:
    """Between verb and quote there must be no sentence end (a colon or line break is fine
    when the verb comes first: 'She wrote:' then the quote)."""
    stripped = gap.strip()
    if verb_before:
        body = stripped.rstrip(":,;—–- \n")
        return any(p in body for p in (". ", "? ", "! ")) or body.endswith((".", "?", "!"))
    return "\n" in gap or any(p in stripped for p in (". ", "? ", "! "))


def _subject(verb: Token) -> Token | None:
    cur: Token | None = verb
    for _ in range(5):
        if cur is None:
            return None
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if cur.dep_ == "relcl":
            return cur.head
        if cur.head is cur:
            return None
        cur = cur.head
    return None


LABEL_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|his|her|their|its|our|your|my|so-called)|\b(?:called|named|nicknamed|"
    r"known\s+as|word|words|term|phrase|label))\s*$",
    re.IGNORECASE,
)


def _scare_quote(text: str, q: QuoteSpan) -> bool:
    """'the 'incident'', 'a man called 'Jay'': a label in quotation marks, not speech."""
    words = text[q.start : q.end].split()
    return len(words) <= 3 and bool(LABEL_BEFORE.search(text[max(0, q.open_mark - 30) : q.open_mark]))


def attribute(doc: Doc, quotes: list[QuoteSpan], cast: Cast, text: str | None = None) -> list[AttributedQuote]:
    index = QuoteIndex(quotes)
    out: list[AttributedQuote] = []
    prev: AttributedQuote | None = None
    labels: set[str] = set()
    text = doc.text if text is None else text  # the caller's copy: Doc.text joins every token
    for q in quotes:
        inner = text[q.start : q.end].strip()
        if _scare_quote(text, q) or inner in labels:
            labels.add(inner)  # the same label later ("about 'Jay'") is a label too
            prev = None
            continue
        verb = _speech_verb(doc, text, q, index, cast.sents)
        speaker: Person | None = None
        if verb is not None:
            subj = _subject(verb)
            speaker = cast.resolve(subj) if subj is not None else Person("", "unknown", "?")
        elif prev is not None and prev.speaker is not None and _adjacent(text, prev.span, q):
            speaker = prev.speaker
        else:
            label = _line_label(doc, text, q, cast)
            if label is not None:
                speaker = label
        if speaker is None:
            prev = None
            continue
        aq = AttributedQuote(q, speaker)
        out.append(aq)
        prev = aq
    return out


def _adjacent(text: str, a: QuoteSpan, b: QuoteSpan) -> bool:
    """A run of quotes by one speaker: "…", "…" and "…"."""
    between = text[a.close_mark + 1 : b.open_mark]
    return "\n" not in between and between.strip() in {"", ",", ";", "and", ", and", "or", ", or", "."}


def _line_label(doc: Doc, text: str, q: QuoteSpan, cast: Cast) -> Person | None:
    """'Amy: "I like it"' — a name and a colon right before the quote."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    before = text[line_start : q.open_mark].strip()
    if not before.endswith(":") or len(before.split()) > 3:
        return None
    span = doc.char_span(line_start, line_start + len(before) - 1, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        p = cast.person_of(tok)
        if p is not None:
            return p
    return None
