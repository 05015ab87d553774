"""LanguageTool HTTP API v2: POST /v2/check and GET /v2/languages, so that writing tools
that let the user name a LanguageTool server show recordqa's findings in any text box."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import PlainTextResponse, Response

from recordqa import __version__, checkdocs
from recordqa.errors import Code, InputError, RecordQAError
from recordqa.models import RECORD_TYPES, Record

from ..deps import RunnerDep, SettingsDep, builtin_profile
from ..errors import ApiError
from ..ltcompat import AnnotatedText, RuleFilter, matches
from ..schemas import (
    LTCheckResponse,
    LTDetectedLanguage,
    LTLanguage,
    LTLanguageInfo,
    LTSoftware,
    LTWarnings,
)
from . import DocRoute

router = APIRouter(route_class=DocRoute, tags=["languagetool"])

LANGUAGES = {"en-GB": "English (GB)", "en-US": "English (US)"}
DEFAULT_LANGUAGE = "en-GB"


def _language(code: str) -> str | None:
    """The long code recordqa answers with, or None for a language it does not read."""
    c = code.strip()
    if c.lower() in {"auto", "en"}:
        return DEFAULT_LANGUAGE
    for long_code in LANGUAGES:
        if c.lower() == long_code.lower():
            return long_code
    if c.lower().startswith("en-"):
        return DEFAULT_LANGUAGE
    return None


def _bad(status: int, message: str) -> PlainTextResponse:
    # LanguageTool answers errors as plain text, which clients show as is.
    return PlainTextResponse(f"Error: {message}", status_code=status)


@router.post(
    "/check",
    response_model=LTCheckResponse,
    responses={400: {"content": {"text/plain": {}}}, 413: {"content": {"text/plain": {}}}},
)
def check(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    language: Annotated[str | None, Form()] = None,
    text: Annotated[str | None, Form()] = None,
    data: Annotated[str | None, Form()] = None,
    enabled_rules: Annotated[str | None, Form(alias="enabledRules")] = None,
    disabled_rules: Annotated[str | None, Form(alias="disabledRules")] = None,
    enabled_categories: Annotated[str | None, Form(alias="enabledCategories")] = None,
    disabled_categories: Annotated[str | None, Form(alias="disabledCategories")] = None,
    enabled_only: Annotated[bool, Form(alias="enabledOnly")] = False,
    level: Annotated[
        str, Form(description="default or picky; recordqa reports the same findings for both")
    ] = "default",
    mother_tongue: Annotated[str | None, Form(alias="motherTongue", description="accepted, not used")] = None,
    record_type: Annotated[str | None, Form(alias="recordType", description="recordqa's own: the record type")] = None,
    profile: Annotated[str | None, Form(description="recordqa's own: a built-in profile")] = None,
) -> LTCheckResponse | Response:
    """Check a text the way LanguageTool's /v2/check does (form-encoded; offsets in UTF-16 units)."""
    if language is None:
        return _bad(400, "Missing 'language' parameter (en-GB, en-US, en or auto).")
    long_code = _language(language)
    if long_code is None:
        return _bad(400, f"'{language}' is not a language recordqa reads; it reads English (en, en-GB, en-US, auto).")
    if data is not None:
        try:
            doc = AnnotatedText.of_data(data)
        except (ValueError, json.JSONDecodeError, AttributeError) as exc:
            return _bad(400, f"'data' is not LanguageTool annotation JSON: {type(exc).__name__}.")
    elif text is not None:
        doc = AnnotatedText.of_text(text)
    else:
        return _bad(400, "Missing 'text' or 'data' parameter.")
    if record_type is not None and record_type not in RECORD_TYPES:
        return _bad(400, f"unknown recordType '{record_type}'; known: {', '.join(RECORD_TYPES)}.")
    try:
        chosen = builtin_profile(profile, settings)
    except ApiError as exc:
        return _bad(400, exc.message)
    name = LANGUAGES[long_code]
    answer = LTCheckResponse(
        software=LTSoftware(version=__version__),
        warnings=LTWarnings(),
        language=LTLanguage(
            name=name, code=long_code, detectedLanguage=LTDetectedLanguage(name=name, code=long_code, confidence=1.0)
        ),
        matches=[],
    )
    if not doc.plain.strip():
        return answer
    try:
        result = runner.analyse(Record(text=doc.plain), profile=chosen, record_type=record_type)
    except InputError as exc:
        return _bad(413 if exc.code == Code.TOO_LONG else 400, exc.message)
    except RecordQAError as exc:
        return _bad(500, exc.message)
    keep = RuleFilter(
        enabled=RuleFilter.ids(enabled_rules),
        disabled=RuleFilter.ids(disabled_rules),
        enabled_categories=RuleFilter.ids(enabled_categories),
        disabled_categories=RuleFilter.ids(disabled_categories),
        enabled_only=enabled_only,
    )
    base = str(request.base_url).rstrip("/")
    answer.matches = matches(result, doc, checkdocs.titles(), lambda check_id: f"{base}/v1/checks/{check_id}", keep)
    return answer


@router.get("/languages", response_model=list[LTLanguageInfo])
def languages() -> list[LTLanguageInfo]:
    """The languages recordqa reads, in LanguageTool's shape."""
    return [LTLanguageInfo(name="English (GB)", code="en", longCode="en-GB")]
