"""minimising-language: 'rough handling' and other words that play harm to a child down."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..lexicon import prefiltered
from .base import Check, Hit, Outcome

HARM = prefiltered(
    re.compile(
        r"\b(?:bruis\w*|marks?|injur\w*|hurt\w*|hit|hits|hitting|slap\w*|smack\w*|punch\w*|kick\w*|"
        r"push\w*|shov\w*|grab\w*|shak\w*|punish\w*|pain|red|swollen|swelling|fractur\w*|burn\w*|"
        r"cr(?:y|ied|ying)|physical|harm\w*|assault\w*|disclos\w*|scratch\w*|bump\w*|fell|fall)\b",
        re.IGNORECASE,
    )
)
EXPLOITATION = prefiltered(
    re.compile(
        r"\b(?:exploit\w*|cse|cce|groom\w*|sexual\w*|sex|older\s+(?:men|man|males?|boys?|boyfriend)|"
        r"boyfriend|county\s+lines|drugs?|missing|trafficking|abus\w*|party|parties|men)\b",
        re.IGNORECASE,
    )
)
ADULT_VICTIM = prefiltered(
    re.compile(
        r"\b(?:slap\w*|hit|hits|push\w*|smack\w*)\s+(?:(?:his|her|their)\s+)?(?:mum|mother|dad|father|partner|wife|"
        r"husband|girlfriend|boyfriend|ex)\b|\b(?:mum|mother|partner|wife|girlfriend)\s+(?:was|got)\s+(?:only\s+)?"
        r"(?:slapped|hit|pushed)|\bat\s+(?:mum|dad|his\s+partner|her\s+partner)\b",
        re.IGNORECASE,
    )
)
CONSENT_ADMIN = prefiltered(
    re.compile(
        r"\b(?:shar\w*|referral|assessment|information|form|plan|medical|treatment|checks?|visit|"
        r"vaccin\w*|the\s+(?:work|service)|services|interview)\b",
        re.IGNORECASE,
    )
)


CHILD_WORDS = {
    "child",
    "children",
    "baby",
    "babies",
    "boy",
    "boys",
    "girl",
    "girls",
    "son",
    "daughter",
    "him",
    "he",
    "kids",
    "toddler",
    "toddlers",
    "infant",
    "infants",
    "newborn",
    "cousins",
    "siblings",
    "brothers",
    "sisters",
    "brother",
    "sister",
}


def _about_child_harm(ctx: RecordContext, sentence: str, before: str, phrase: str) -> bool:
    """Is the sentence about harm to a child, not to an adult? `before` is the sentence
    before it, where the harm is often named ("a bruise… Dad said it was horseplay")."""
    rest = sentence.replace(phrase, " ", 1)
    words = {w.lower().strip(".,'’") for w in re.findall(r"[\w'’]+", rest)}
    words |= {w[:-2] for w in words if w.endswith(("'s", "’s"))}
    child_ref = bool(words & ctx.cast.child_names or words & CHILD_WORDS)
    if ADULT_VICTIM.search(sentence) or (ADULT_VICTIM.search(before) and not child_ref):
        return False
    return child_ref or bool(HARM.search(rest)) or bool(HARM.search(before))


def run(ctx: RecordContext) -> Outcome:
    hits: list[Hit] = []
    text = ctx.text
    phrases = ctx.lex.minimising
    exploitation_in_text: bool | None = None  # the whole record's answer, found once
    for phrase, spans in zip(phrases, ctx.word_list_spans("minimising"), strict=True):
        for start, end in spans:
            surface = text[start:end]
            sent = ctx.sentence_at(start)
            stext = sent.text if sent else text[max(0, start - 150) : end + 150]
            before = ctx.sentences[sent.index - 1].text if sent and sent.index > 0 else ""
            if phrase.when == "harm" and not _about_child_harm(ctx, stext, before, surface):
                continue
            if phrase.when == "exploitation":
                if not EXPLOITATION.search(stext):
                    if exploitation_in_text is None:
                        exploitation_in_text = bool(EXPLOITATION.search(text))
                    if not exploitation_in_text:
                        continue
                if "consent" in surface.lower() and CONSENT_ADMIN.search(stext[stext.lower().find("consent") :][:60]):
                    continue
            message = phrase.message.replace("{text}", surface)
            if ctx.in_quote(start, end):
                message += " It is quoted: record your own description of what happened and of any injury."
            hits.append(Hit("minimising-language/" + phrase.id, start, end, message, phrase.suggestion))
    hits.sort(key=lambda h: h.start)
    if not hits:
        return Outcome("pass", 1.0, "No language that plays harm down.", hits)
    n = len(hits)
    return Outcome("fail", 0.0, f"{n} phrase{'s' * (n > 1)} that may play harm to a child down.", hits)


CHECK = Check("minimising-language", run, detail=False)
