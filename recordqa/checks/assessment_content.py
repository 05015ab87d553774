"""strengths-risks and identity: what an assessment must consider, found by its vocabulary."""

from __future__ import annotations

import re

from ..context import RecordContext
from ..lexicon import prefiltered
from .base import Check, Hit, Outcome

STRENGTHS = prefiltered(
    re.compile(
        r"\b(?:strengths?|protective\s+factors?|what(?:'s|\s+is)\s+working\s+well|working\s+well|positives?|"
        r"resilien\w*|support(?:ive)?\s+(?:network|family|grandparents?)|(?:has|have)\s+(?:kept|managed|shown|made\s+progress)|"
        r"good\s+(?:relationship|attachment|attendance|routine)|able\s+to\s+(?:keep|meet|protect))\b",
        re.IGNORECASE,
    )
)
RISKS = prefiltered(
    re.compile(
        r"\b(?:risks?|worried|worries|concerns?|harm|danger\w*|vulnerab\w*|complicating\s+factors?|what\s+we\s+are\s+worried\s+about|"
        r"neglect\w*|abuse|exploitation|unsafe)\b",
        re.IGNORECASE,
    )
)
_IDENTITY = {
    "ethnicity or culture": re.compile(
        r"\b(?:ethnic\w*|culture|cultural|heritage|British|Black|White|Asian|mixed\s+heritage|Traveller|Roma|Gypsy|nationality|race|racism)\b",
        re.I,
    ),
    "religion or faith": re.compile(
        r"\b(?:relig\w*|faith|church|mosque|temple|gurdwara|synagogue|shul|muslim|christian|hindu|sikh|jewish|buddhist|pray\w*)\b",
        re.I,
    ),
    "language and communication": re.compile(
        r"\b(?:language|interpreter|bilingual|speaks?\s+\w+|BSL|sign(?:s|ing)?|Makaton|communicat\w*|English\s+as)\b",
        re.I,
    ),
    "disability and health": re.compile(
        r"\b(?:disab\w*|autis\w*|ADHD|learning\s+(?:difficult\w*|disabilit\w*)|special\s+educational|SEND|EHCP|deaf|blind|health\s+needs?|diagnos\w*)\b",
        re.I,
    ),
    "gender, sexuality and identity": re.compile(
        r"\b(?:gender|sexuality|identity|identif(?:y|ies)\s+as|LGBT\w*|trans|pronouns?)\b", re.I
    ),
}
IDENTITY = {name: prefiltered(rx) for name, rx in _IDENTITY.items()}


def strengths_risks(ctx: RecordContext) -> Outcome:
    has_s, has_r = bool(STRENGTHS.search(ctx.text)), bool(RISKS.search(ctx.text))
    detail = {"strengths": has_s, "risks": has_r}
    if has_s and has_r:
        return Outcome("pass", 1.0, "Both strengths and risks are recorded.", [], detail)
    missing = "strengths" if not has_s else "risks"
    s, e = ctx.anchor
    return Outcome(
        "fail" if not (has_s or has_r) else "warn",
        0.5 if (has_s or has_r) else 0.0,
        f"The assessment records no {missing}.",
        [
            Hit(
                "strengths-risks/one-sided",
                s,
                e,
                f"No {missing} are recorded.",
                "Record what is working well as well as what you are worried about.",
            )
        ],
        detail,
    )


def identity(ctx: RecordContext) -> Outcome:
    found = [name for name, rx in IDENTITY.items() if rx.search(ctx.text)]
    detail = {"considered": found}
    if len(found) >= 2:
        return Outcome("pass", 1.0, "Identity is considered: " + ", ".join(found) + ".", [], detail)
    s, e = ctx.anchor
    missing = [n for n in IDENTITY if n not in found]
    return Outcome(
        "warn" if found else "fail",
        0.5 if found else 0.0,
        "Little about the child's identity is considered.",
        [
            Hit(
                "identity/missing",
                s,
                e,
                "The assessment says little about identity: " + ", ".join(missing) + ".",
                "Consider ethnicity and culture, religion, language and communication, and disability, and what they mean for the child.",
            )
        ],
        detail,
    )


STRENGTHS_RISKS = Check("strengths-risks", strengths_risks)
IDENTITY_CHECK = Check("identity", identity)
