"""The one result shape (shared/standards/output.md) and the input shape, as pydantic models.

Library, CLI, API and page all speak these. Fields may be added; none renamed or dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

RecordType = Literal[
    "case_note",
    "visit",
    "assessment",
    "plan",
    "supervision",
    "meeting",
    "chronology",
    "closure",
    "letter",
    # Contact and referral records (a front door or MASH/MAST referral): not in checks.md's
    # list, added so that Calderdale's referral standards (L11-L27) can be tested.
    "referral",
]
RECORD_TYPES: tuple[str, ...] = RecordType.__args__  # type: ignore[attr-defined]
REPORT_TYPES = frozenset({"assessment", "plan", "closure"})

Status = Literal["pass", "warn", "fail", "not_applicable"]
Severity = Literal["error", "warning", "suggestion", "info"]
Grade = Literal["outstanding", "good", "requires_improvement", "inadequate"]
SentenceLabel = Literal["observed", "reported", "opinion_attributed", "opinion_unattributed", "other"]
SpeakerRole = Literal["child", "adult", "unknown"]
SeenAloneStatus = Literal["alone", "not_alone", "not_seen", "not_stated"]


class Standard(BaseModel):
    """One quoted clause of an authority's practice standards."""

    id: str
    authority: str
    document: str
    source: str = Field(description="File name in shared/seeds/")
    line: int = Field(ge=1, description="1-based line where the quote starts")
    quote: str


class Suppression(BaseModel):
    """A finding the writer has chosen to keep, with the reason: reported, never dropped."""

    model_config = ConfigDict(extra="forbid")
    code: str | None = Field(default=None, description="A finding code or check id; any when omitted")
    text: str | None = Field(default=None, description="The flagged text; any when omitted")
    reason: str = Field(min_length=1)
    inline: bool = Field(default=False, description="Typed in the record as [rq-ignore ...]")

    def matches(self, check: str, code: str, text: str) -> bool:
        code_ok = self.code is None or self.code in (code, check)
        text_ok = self.text is None or self.text.strip().lower() == text.strip().lower()
        return code_ok and text_ok and (self.code is not None or self.text is not None)


class Finding(BaseModel):
    check: str
    code: str
    severity: Severity
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="Exactly text[start:end] of the submitted record")
    message: str
    suggestion: str | None = None
    replacements: list[str] = Field(default=[], description="Literal words to write instead, when there are any")
    standard: Standard | None = Field(default=None, description="The standard this finding serves")
    suppression: Suppression | None = Field(default=None, description="Set on findings in Result.suppressed")


class CheckResult(BaseModel):
    id: str
    status: Status
    score: float = Field(ge=0.0, le=1.0)
    summary: str
    standards: list[Standard] = []
    findings: list[Finding] = []
    detail: dict[str, Any] | None = None


class Quote(BaseModel):
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_role: SpeakerRole = "unknown"


class ChildVoice(BaseModel):
    quotes: list[Quote] = []


class SeenAlone(BaseModel):
    status: SeenAloneStatus = "not_stated"
    reason: str | None = Field(default=None, description="The reason given, as written")
    reason_given: bool | None = Field(default=None, description="True/false for not_alone and not_seen; null otherwise")
    start: int | None = None
    end: int | None = None


class Sentence(BaseModel):
    start: int
    end: int
    label: SentenceLabel


class Readability(BaseModel):
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    words: int
    sentences: int
    words_per_sentence: float
    long_sentence_share: float
    passive_share: float
    long_word_share: float = 0.0


class ResultMeta(BaseModel):
    recordqa_version: str
    spacy_model: str
    classifier: str | None = None


class Result(BaseModel):
    id: str | None = None
    record_type: RecordType
    profile: str
    score: float = Field(ge=0.0, le=100.0)
    grade: Grade
    addressed_to_child: bool
    checks: list[CheckResult]
    child_voice: ChildVoice
    seen_alone: SeenAlone
    sentences: list[Sentence]
    readability: Readability
    suppressed: list[Finding] = Field(default=[], description="Findings suppressed with a recorded reason")
    meta: ResultMeta | None = None

    def check(self, check_id: str) -> CheckResult:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)


class Metadata(BaseModel):
    model_config = ConfigDict(extra="allow")

    child_names: list[str] = []
    child_ages: list[int | None] = []
    event_date: date | None = None
    recorded_date: date | None = None
    author_role: str = ""
    worker: str = ""
    team: str = ""
    case_id: str = ""


class Record(BaseModel):
    """A record to analyse: only `text` is required."""

    # Gold files carry `gold` and `notes`: ignored, as output.md says.
    model_config = ConfigDict(extra="ignore")

    text: str
    record_type: RecordType | None = None
    profile: str | None = None
    id: str | None = None
    metadata: Metadata = Metadata()
    suppress: list[Suppression] = []
