"""The catalogue: checks (with the standards they cite), profiles and record types."""

from __future__ import annotations

import functools
import json

from fastapi import APIRouter

from recordqa import explain, profiles
from recordqa.errors import Code, RecordQAError
from recordqa.models import RECORD_TYPES

from ..deps import SettingsDep
from ..errors import ApiError, from_library
from ..schemas import CheckInfo, CheckList, ErrorResponse, ProfileCheck, ProfileInfo, ProfileList, RecordTypeList
from . import DocRoute

router = APIRouter(
    route_class=DocRoute,
    tags=["catalogue"],
    responses={401: {"model": ErrorResponse, "description": "API key missing"}},
)


@functools.lru_cache(maxsize=1)
def check_pages() -> tuple[CheckInfo, ...]:
    return tuple(CheckInfo.model_validate(page) for page in json.loads(explain.explain_all("json")))


@router.get("/checks", response_model=CheckList)
def list_checks() -> CheckList:
    """Every check: what it looks for, why, its limits, finding codes and the standards it cites."""
    pages = list(check_pages())
    return CheckList(count=len(pages), checks=pages)


@router.get("/checks/{check_id:path}", response_model=CheckInfo, responses={404: {"model": ErrorResponse}})
def get_check(check_id: str) -> CheckInfo:
    """One check's page (a check id, or a finding code such as jargon/term)."""
    head = check_id.split("/")[0]
    for page in check_pages():
        if page.id == head:
            return page
    raise ApiError(
        404, Code.UNKNOWN_CHECK.value, f"No check '{check_id}'. Checks: {', '.join(p.id for p in check_pages())}."
    )


def _profile_info(name: str) -> ProfileInfo:
    prof = profiles.load(name)
    return ProfileInfo(
        name=prof.name,
        description=prof.description,
        authority=getattr(prof, "authority", None),
        grades={k: float(v) for k, v in prof.grades.model_dump().items()},
        checks={cid: ProfileCheck(weight=c.weight, applies_to=c.applies_to) for cid, c in prof.checks.items()},
    )


@router.get("/profiles", response_model=ProfileList)
def list_profiles(settings: SettingsDep) -> ProfileList:
    """The built-in profiles (checks, weights, grade bands) and the default one."""
    try:
        items = [_profile_info(name) for name in profiles.builtin_names()]
    except RecordQAError as exc:
        raise from_library(exc, status=500) from None
    return ProfileList(count=len(items), default=settings.profile, profiles=items)


@router.get("/record-types", response_model=RecordTypeList)
def list_record_types() -> RecordTypeList:
    """The record types a record may declare."""
    return RecordTypeList(count=len(RECORD_TYPES), record_types=list(RECORD_TYPES))
