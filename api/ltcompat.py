"""LanguageTool HTTP API v2 compatibility: findings as LanguageTool matches.

Clients count offsets in UTF-16 code units (Java string indices); recordqa counts Python
string indices (code points), so every offset and length is converted here.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from recordqa.models import Finding, Result

from .schemas import LTCategory, LTContext, LTMatch, LTReplacement, LTRule, LTType, LTUrl

CONTEXT_CHARS = 40

# How clients colour a finding: LanguageTool's issue types.
ISSUE_TYPES: dict[str, str] = {
    "jargon": "style",
    "readability": "style",
    "minimising-language": "register",
    "respectful-language": "register",
    "report-tone": "register",
}
DEFAULT_ISSUE_TYPE = "uncategorized"


class Utf16:
    """Python string index -> UTF-16 code units, for one text (characters past U+FFFF count twice)."""

    def __init__(self, text: str) -> None:
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, index: int) -> int:
        return index + bisect.bisect_left(self.astral, index)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class AnnotatedText:
    """What to analyse (`plain`), the document the client's offsets refer to (`original`),
    and where each plain character sits in the original."""

    plain: str
    original: str
    positions: list[int] = field(default_factory=list)

    @classmethod
    def of_text(cls, text: str) -> AnnotatedText:
        return cls(text, text, [])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.positions:
            return start, end
        n = len(self.plain)
        o_start = self.positions[start] if start < n else len(self.original)
        o_end = self.positions[end - 1] + 1 if end > start else o_start
        return o_start, max(o_end, o_start)

    @classmethod
    def of_data(cls, data: str) -> AnnotatedText:
        """LanguageTool's `data` parameter: {"annotation": [{"text": …} | {"markup": …, "interpretAs": …}]}.

        Raises ValueError when it is not that shape.
        """
        parsed = json.loads(data)
        parts = parsed.get("annotation") if isinstance(parsed, dict) else None
        if not isinstance(parts, list):
            raise ValueError("'data' needs an 'annotation' list")
        plain: list[str] = []
        original: list[str] = []
        positions: list[int] = []
        at = 0
        for part in parts:
            if not isinstance(part, dict):
                raise ValueError("each annotation entry must be an object")
            if isinstance(part.get("text"), str):
                text = part["text"]
                plain.append(text)
                positions.extend(range(at, at + len(text)))
                original.append(text)
                at += len(text)
            elif isinstance(part.get("markup"), str):
                markup = part["markup"]
                interpret = part.get("interpretAs", "")
                if not isinstance(interpret, str):
                    raise ValueError("'interpretAs' must be a string")
                plain.append(interpret)
                positions.extend([at] * len(interpret))
                original.append(markup)
                at += len(markup)
            else:
                raise ValueError("each annotation entry needs 'text' or 'markup'")
        return cls("".join(plain), "".join(original), positions)


def issue_type(check_id: str) -> str:
    return ISSUE_TYPES.get(check_id, DEFAULT_ISSUE_TYPE)


def replacements(finding: Finding, text: str) -> list[str]:
    """The literal words to write instead, when the suggestion is that (else none):
    "Try: family time" -> ["family time"]; "calmed down / needed less help" gives both;
    advice ("Say what you saw…") gives nothing. Capitalised at the start of a sentence."""
    options = list(finding.replacements)
    if not options:
        return []
    before = text[: finding.start].rstrip()
    sentence_start = not before or before[-1] in ".!?\n"
    if finding.text[:1].isupper() and sentence_start:
        options = [v[:1].upper() + v[1:] for v in options]
    return options


def _context(text: str, start: int, end: int) -> LTContext:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    prefix = "..." if lo > 0 else ""
    suffix = "..." if hi < len(text) else ""
    window = text[lo:hi].replace("\n", " ")
    ctx = prefix + window + suffix
    offset = utf16_len(prefix + window[: start - lo])
    return LTContext(text=ctx, offset=offset, length=utf16_len(text[start:end]))


def _sentence(result: Result, text: str, start: int) -> str:
    for s in result.sentences:
        if s.start <= start < s.end:
            return text[s.start : s.end].strip()
    return ""


@dataclass
class RuleFilter:
    """LanguageTool's enabledRules / disabledRules / enabledCategories / disabledCategories / enabledOnly.

    Rule ids are finding codes ("jargon/term") and category ids check ids ("jargon"); a check
    id also works as a rule id (it stands for all its codes). Case does not matter.
    """

    enabled: set[str] = field(default_factory=set)
    disabled: set[str] = field(default_factory=set)
    enabled_categories: set[str] = field(default_factory=set)
    disabled_categories: set[str] = field(default_factory=set)
    enabled_only: bool = False

    @staticmethod
    def ids(value: str | None) -> set[str]:
        return {v.strip().lower() for v in (value or "").split(",") if v.strip()}

    def keeps(self, finding: Finding) -> bool:
        code, check = finding.code.lower(), finding.check.lower()
        category = category_id(finding.check).lower()
        if {code, check} & self.disabled or {check, category} & self.disabled_categories:
            return False
        if self.enabled_only:
            return bool({code, check} & self.enabled or {check, category} & self.enabled_categories)
        return True


def category_id(check_id: str) -> str:
    return check_id.upper().replace("-", "_")


def matches(
    result: Result,
    doc: AnnotatedText,
    titles: dict[str, str],
    url_for: Callable[[str], str],
    keep: RuleFilter,
) -> list[LTMatch]:
    """Every finding that is a problem (all but info) as a LanguageTool match, in text order."""
    text = doc.plain
    utf16 = Utf16(doc.original)
    findings: Iterable[Finding] = (f for c in result.checks for f in c.findings)
    out: list[tuple[int, LTMatch]] = []
    for f in findings:
        if f.severity == "info" or not keep.keeps(f):
            continue
        o_start, o_end = doc.to_original(f.start, f.end)
        title = titles.get(f.check, f.check)
        match = LTMatch(
            message=f.message,
            shortMessage=title,
            replacements=[LTReplacement(value=v) for v in replacements(f, text)],
            offset=utf16(o_start),
            length=utf16(o_end) - utf16(o_start),
            context=_context(text, f.start, f.end),
            sentence=_sentence(result, text, f.start),
            type=LTType(typeName="Hint" if f.severity == "suggestion" else "Other"),
            rule=LTRule(
                id=f.code,
                description=title,
                issueType=issue_type(f.check),
                category=LTCategory(id=category_id(f.check), name=title),
                urls=[LTUrl(value=url_for(f.check))],
            ),
        )
        out.append((o_start, match))
    out.sort(key=lambda pair: pair[0])
    return [m for _, m in out]
