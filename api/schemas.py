"""Request and response models of the service not already in `recordqa.models`.

The record (`Record`) and the result (`Result`) are the library's own: one shape everywhere.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from recordqa.models import Record, RecordType, Result, Standard


class ErrorDetail(BaseModel):
    """A stable code (RQE…) and a message that names what to fix, never the note text."""

    code: str
    message: str


class ErrorResponse(BaseModel):
    """Every error the service returns."""

    error: ErrorDetail


class ValidationErrorResponse(ErrorResponse):
    """A 422: the first bad field in `error`, all of them in `detail` (FastAPI's list, without the input)."""

    detail: list[dict[str, Any]] = []


class BatchRequest(BaseModel):
    """Many records; `profile` and `record_type` apply to those that do not set their own."""

    model_config = ConfigDict(extra="forbid")

    records: list[Record] = Field(min_length=1)
    profile: str | None = None
    record_type: RecordType | None = None


class BatchError(BaseModel):
    """A record of a batch that could not be analysed, in its place."""

    id: str | None = None
    index: int = Field(description="Position of the record in the request, from 0")
    error: ErrorDetail


class BatchResponse(BaseModel):
    """One result (or error row) per record, in input order."""

    count: int
    results: list[Result | BatchError]


class CheckInfo(BaseModel):
    """A check's page: what it looks for, why, its limits, codes and the standards it cites."""

    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    what: str
    why: str
    limits: str
    codes: dict[str, str] = Field(description="Finding code -> default severity")
    example: str | None = None
    better: str | None = None
    standards: list[Standard]


class CheckList(BaseModel):
    """The catalogue of checks, in report order."""

    count: int
    checks: list[CheckInfo]


class ProfileCheck(BaseModel):
    """How a profile uses one check."""

    weight: float
    applies_to: list[str] | Literal["all"]


class ProfileInfo(BaseModel):
    """A built-in profile: its checks, weights and grade bands."""

    name: str
    description: str = ""
    authority: str | None = None
    grades: dict[str, float]
    checks: dict[str, ProfileCheck]


class ProfileList(BaseModel):
    """The built-in profiles and the one used when a request names none."""

    count: int
    default: str
    profiles: list[ProfileInfo]


class RecordTypeList(BaseModel):
    """The record types a record may declare."""

    count: int
    record_types: list[str]


class Health(BaseModel):
    """The process is up."""

    status: Literal["ok"] = "ok"
    version: str


class Readiness(BaseModel):
    """Whether the model is loaded and warm."""

    status: Literal["ready", "loading", "failed"]
    spacy_model: str | None = None
    classifier: str | None = None
    error: ErrorDetail | None = None


# LanguageTool's HTTP API v2 (shared/standards/languagetool-compat.md), in its own camelCase field names.


class LTSoftware(BaseModel):
    name: str = "recordqa"
    version: str
    buildDate: str = ""
    apiVersion: int = 1
    premium: bool = False
    status: str = ""


class LTWarnings(BaseModel):
    incompleteResults: bool = False


class LTDetectedLanguage(BaseModel):
    name: str
    code: str
    confidence: float


class LTLanguage(BaseModel):
    name: str
    code: str
    detectedLanguage: LTDetectedLanguage


class LTReplacement(BaseModel):
    value: str


class LTContext(BaseModel):
    text: str
    offset: int
    length: int


class LTType(BaseModel):
    typeName: str


class LTCategory(BaseModel):
    id: str
    name: str


class LTUrl(BaseModel):
    value: str


class LTRule(BaseModel):
    id: str
    description: str
    issueType: str
    category: LTCategory
    urls: list[LTUrl] = []


class LTMatch(BaseModel):
    message: str
    shortMessage: str
    replacements: list[LTReplacement]
    offset: int = Field(description="UTF-16 code units from the start of the text")
    length: int = Field(description="UTF-16 code units")
    context: LTContext
    sentence: str
    type: LTType
    rule: LTRule
    ignoreForIncompleteSentence: bool = False
    contextForSureMatch: int = 0


class LTCheckResponse(BaseModel):
    """The answer of LanguageTool's POST /v2/check."""

    software: LTSoftware
    warnings: LTWarnings
    language: LTLanguage
    matches: list[LTMatch]


class LTLanguageInfo(BaseModel):
    """An entry of LanguageTool's GET /v2/languages."""

    name: str
    code: str
    longCode: str
