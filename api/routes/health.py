"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from recordqa import __version__, classifier, pipeline

from ..deps import Runner
from ..schemas import ErrorDetail, Health, Readiness
from . import DocRoute

router = APIRouter(route_class=DocRoute, tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up (it may still be loading the model)."""
    return Health(version=__version__)


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(request: Request) -> JSONResponse:
    """200 once the model is loaded and warm; 503 before (or if loading failed)."""
    runner: Runner = request.app.state.runner
    if runner.failure is not None:
        body = Readiness(
            status="failed", error=ErrorDetail(code=runner.failure.code.value, message=runner.failure.message)
        )
        return JSONResponse(body.model_dump(exclude_none=True), status_code=503)
    if not runner.ready.is_set():
        return JSONResponse(Readiness(status="loading").model_dump(exclude_none=True), status_code=503)
    body = Readiness(status="ready", spacy_model=pipeline.model_name(), classifier=classifier.model_name())
    return JSONResponse(body.model_dump(exclude_none=True))
