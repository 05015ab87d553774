"""POST /v1/analyse and /v1/analyse/batch: the library's result, as is."""

from __future__ import annotations

from fastapi import APIRouter

from recordqa.errors import InputError, RecordQAError
from recordqa.models import Record, Result

from ..deps import Runner, RunnerDep, SettingsDep, builtin_profile
from ..errors import ApiError, ServiceCode, from_library
from ..schemas import BatchError, BatchRequest, BatchResponse, ErrorDetail, ErrorResponse, ValidationErrorResponse
from ..settings import Settings
from . import DocRoute

router = APIRouter(
    route_class=DocRoute,
    tags=["analyse"],
    responses={
        401: {"model": ErrorResponse, "description": "API key missing or wrong"},
        413: {"model": ErrorResponse, "description": "Request body too large"},
        422: {"model": ValidationErrorResponse, "description": "Bad request body or a record that cannot be analysed"},
        503: {"model": ErrorResponse, "description": "The model is still loading"},
    },
)


@router.post("/analyse", response_model=Result)
def analyse(record: Record, runner: RunnerDep, settings: SettingsDep) -> Result:
    """Analyse one record."""
    profile = builtin_profile(record.profile, settings)
    try:
        return runner.analyse(record, profile=profile, record_type=record.record_type)
    except RecordQAError as exc:
        raise from_library(exc) from None


@router.post("/analyse/batch", response_model=BatchResponse)
def analyse_batch(batch: BatchRequest, runner: RunnerDep, settings: SettingsDep) -> BatchResponse:
    """Analyse many records; a record that cannot be analysed gets an error row in its place."""
    if len(batch.records) > settings.max_batch:
        raise ApiError(
            422,
            ServiceCode.BATCH_TOO_LARGE,
            f"field 'records': at most {settings.max_batch} records in one batch; this has {len(batch.records)}.",
        )
    results = _rows(batch, runner, settings)
    return BatchResponse(count=len(results), results=results)


def _rows(batch: BatchRequest, runner: Runner, settings: Settings) -> list[Result | BatchError]:
    """One result or error row per record, in order; records go through `nlp.pipe` together."""
    rows: dict[int, Result | BatchError] = {}
    todo: list[tuple[int, Record]] = []
    for i, rec in enumerate(batch.records):
        try:
            profile = builtin_profile(rec.profile or batch.profile, settings, field=f"records.{i}.profile")
        except ApiError as exc:
            rows[i] = BatchError(id=rec.id, index=i, error=ErrorDetail(code=exc.code, message=exc.message))
            continue
        own = {"profile": profile, "record_type": rec.record_type or batch.record_type}
        todo.append((i, rec.model_copy(update=own)))
    try:
        outcomes = runner.analyse_many([rec for _, rec in todo])
    except RecordQAError as exc:
        raise from_library(exc) from None
    for (i, rec), outcome in zip(todo, outcomes, strict=True):
        if isinstance(outcome, InputError):
            error = ErrorDetail(code=outcome.code.value, message=outcome.message)
            rows[i] = BatchError(id=rec.id, index=i, error=error)
        else:
            rows[i] = outcome
    return [rows[i] for i in range(len(batch.records))]
