"""actions: every next step says who will do what, by when."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..context import RecordContext
from ..lexicon import Prefiltered, prefiltered
from ..models import Status
from ..structure import Sent
from .base import Check, Hit, Outcome

MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
DATE = (
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b|\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?\b|"
    rf"\b{DAY}\b|\btomorrow\b|\btoday\b|\btonight\b|\bthis\s+(?:afternoon|evening|week)\b|\bnext\s+(?:week|{DAY})\b|"
    rf"\bthe\s+same\s+day\b|\bend\s+of\s+(?:the\s+)?(?:day|week|month|term|{MONTH})\b|\bwithin\s+(?:\d+|one|two|three|four|five|six|seven|ten|twenty[- ]four|24|48)\s+(?:working\s+)?(?:hours?|days?|weeks?|months?)\b|"
    rf"\bin\s+(?:\d+|one|two|three|four|five|six)\s+(?:working\s+)?(?:days?|weeks?|months?)(?:['’]?\s*time)?\b|"
    rf"\bby\s+(?:the\s+)?(?:\d|{MONTH}|{DAY}|end|half[- ]term|christmas|easter|the\s+\d)|\bbefore\s+(?:the\s+)?(?:\d|{MONTH}|{DAY}|half[- ]term|christmas|easter)|"
    rf"\bnext\s+month\b|\b(?:in|until|till|by|before|from|during)\s+(?:the\s+end\s+of\s+)?{MONTH}\b|\bimmediately\b|"
    rf"\bat\s+\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)\b|\bon\s+\d{{1,2}}\b|"
    rf"\b(?:\d+|one|two|three|four|a)\s+(?:days?|weeks?|months?)\s+(?:before|after|from)\b)"
)
TIMESCALE = re.compile(DATE, re.IGNORECASE)
VAGUE = prefiltered(
    re.compile(
        r"\b(?:ongoing|tbc|tba|asap|as\s+soon\s+as\s+possible|soon|in\s+due\s+course|when\s+possible|by\s+next\s+review|at\s+some\s+point)\b",
        re.I,
    )
)
FREQUENCY = prefiltered(
    re.compile(r"\b(?:every|each|weekly|fortnightly|monthly|daily|regular(?:ly)?|twice|once\s+a)\b", re.I)
)
FREQ_ANCHOR = re.compile(
    rf"\b(?:from|starting|until|till|for\s+(?:the\s+next\s+)?\w+\s+(?:weeks|months))\b|{DATE}", re.I
)
ACTION_HEADING = prefiltered(
    re.compile(
        r"\b(?:actions?|next\s+steps?|plan|to\s+do|tasks?|agreed|outcome|what\s+happens\s+next|further\s+action|follow[- ]up)\b",
        re.I,
    )
)
AGENTS = (
    r"school|nursery|college|social\s+worker|worker|team|police|gp|health\s+visitor|nurse|teacher|carers?|"
    r"foster\s+carers?|parents?|manager|chair|panel|service|officer|advocate|iro|[a-z]+\s+worker|"
    r"mum|dad|mother|father|grandmother|grandfather|nan|aunt|uncle"
)
MODAL = prefiltered(
    re.compile(
        rf"\b(?P<subj>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?|I|we|[Ss]he|[Hh]e|[Tt]hey|[Tt]he\s+(?:{AGENTS})|(?:his|her|their|your)\s+(?:{AGENTS}))\s+"
        r"(?:will|shall|is\s+going\s+to|are\s+going\s+to|am\s+going\s+to|agreed\s+to|has\s+agreed\s+to|have\s+agreed\s+to|"
        r"is\s+to|are\s+to)\s+(?:then\s+|also\s+|continue\s+to\s+)?(?P<verb>[a-z]+)",
    )
)
SUBJECTLESS = prefiltered(
    re.compile(
        r"^\s*(?:will|continue\s+to)\s+[a-z]+|^\s*for\s+(?:allocation|assessment|review|discussion|consideration)\b|\bnext\s+steps?\b|^\s*(?:referral|visit|meeting|review|appointment|letter|assessment)\b.{0,40}\bto\s+be\b|\bto\s+be\s+(?:made|arranged|booked|completed|sent|held|offered|done)\b",
        re.I,
    )
)
NOT_ACTION_VERBS = {
    "be",
    "turn",
    "have",
    "feel",
    "like",
    "love",
    "enjoy",
    "miss",
    "need",
    "get",
    "become",
    "not",
    "start",
    "stay",
    "live",
    "remain",
    "know",
    "find",
    "want",
    "hear",
    "grow",
}
ROLE_OWNER = re.compile(
    r"^\s*(?:[A-Z]{2,5}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|I|We|Mum|Dad|Mrs?\s+\w+|Ms\s+\w+|Miss\s+\w+|Dr\s+\w+|"
    r"(?:the\s+)?(?:social\s+worker|school|nursery|carers?|foster\s+carers?|health\s+visitor|teacher|police|team|manager|chair))\s+to\s+[a-z]+",
)

# The patterns the functions below used inline, compiled (and prefiltered) once.
ADVICE_TO_READER = prefiltered(re.compile(r"\byou\s+(?:can|could|should|may|might)\b", re.I))
TASK_VERB = prefiltered(
    re.compile(
        r"^\s*(?:to\s+)?(?:arrange|book|refer|complete|visit|call|phone|send|review|contact|check|make|update|share|monitor|support|attend|offer|continue|liaise|explore|discuss|seek|request|follow|ensure|see|write|ask|speak|hold|provide|apply|chase)\b",
        re.I,
    )
)
PAST_TENSE = prefiltered(re.compile(r"\b(?:was|were|had|did)\b"))
WILL_OR_TO = re.compile(r"\b(?:will|to)\b")


@dataclass(frozen=True)
class Action:
    start: int
    end: int
    owner: bool
    timescale: bool


def _is_candidate(s: Sent, under_heading: bool) -> tuple[bool, bool]:
    """(is it an action?, does it name an owner?)"""
    text = s.text
    if ADVICE_TO_READER.search(text):
        return False, False
    m = MODAL.search(text)
    if m and m.group("verb") not in NOT_ACTION_VERBS:
        subj = m.group("subj").lower()
        if subj in {"it", "this", "there", "that"}:
            return True, False
        return True, True
    if ROLE_OWNER.match(text):
        return True, True
    if SUBJECTLESS.search(text):
        return True, False
    if under_heading and (s.bullet or len(text.split()) <= 25) and TASK_VERB.match(text):
        return True, False
    return False, False


def _vague(ctx: RecordContext) -> re.Pattern[str] | Prefiltered:
    """The words that are not timescales, with the profile's additions."""
    extra = tuple(re.escape(str(w)) for w in ctx.setting("actions", "vague_timescales", []))
    if not extra:
        return VAGUE
    return _vague_with(extra)


@functools.lru_cache(maxsize=64)
def _vague_with(extra: tuple[str, ...]) -> re.Pattern[str] | Prefiltered:
    return prefiltered(re.compile(VAGUE.pattern[:-3] + "|" + "|".join(extra) + r")\b", re.I))


def find_actions(ctx: RecordContext) -> list[Action]:
    out: list[Action] = []
    for s in ctx.sentences:
        if ctx.in_quote(s.start, s.end):
            continue
        under = bool(s.heading and ACTION_HEADING.search(s.heading))
        is_action, owner = _is_candidate(s, under)
        if not is_action:
            continue
        if PAST_TENSE.search(s.text) and not WILL_OR_TO.search(s.text) and not under:
            continue
        text = s.text
        vague = _vague(ctx)
        timed = bool(TIMESCALE.search(text)) and not (vague.search(text) and not TIMESCALE.search(vague.sub("", text)))
        if FREQUENCY.search(text) and timed:
            stripped = FREQUENCY.sub("", text)
            timed = bool(FREQ_ANCHOR.search(stripped))
        out.append(Action(s.start, s.end, owner, timed))
    return out


def run(ctx: RecordContext) -> Outcome:
    actions = find_actions(ctx)
    hits: list[Hit] = []
    if not actions:
        s, e = ctx.anchor
        hits.append(
            Hit(
                "actions/none",
                s,
                e,
                "No next steps are recorded.",
                "Record what will happen next: who will do what, and by when.",
                "suggestion",
            )
        )
        return Outcome("warn", 0.5, "No actions are recorded.", hits, {"verdict": "none"})
    incomplete = 0
    for a in actions:
        missing = [w for w, ok in (("owner", a.owner), ("timescale", a.timescale)) if not ok]
        if missing:
            incomplete += 1
            hits.append(
                Hit(
                    "actions/incomplete",
                    a.start,
                    a.end,
                    "This action has no " + " or ".join(missing) + ".",
                    "Say who will do it and by when (a date, not 'ongoing' or 'ASAP').",
                )
            )
    verdict = "complete" if incomplete == 0 else "partial"
    n = len(actions)
    score = (n - incomplete) / n
    status: Status = "pass" if verdict == "complete" else ("warn" if score >= 0.5 else "fail")
    summary = (
        f"All {n} actions have an owner and a timescale."
        if verdict == "complete"
        else f"{incomplete} of {n} actions lack an owner or a timescale."
    )
    return Outcome(status, round(score, 3), summary, hits, {"verdict": verdict})


CHECK = Check("actions", run)
