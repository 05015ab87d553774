"""The coaching view: a worker's summary from the audit store (`/v1/workers/{id}/summary`) and
the page that shows it (`/coach`, a static file and its script; no inline script)."""

from __future__ import annotations

import threading
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse

from recordqa.coach import NoRecordsError, WorkerSummary, for_worker, missing_sqlite
from recordqa.errors import RecordQAError

from ..deps import SettingsDep
from ..errors import ApiError
from ..schemas import ErrorResponse
from ..settings import Settings
from . import DocRoute
from .page import STATIC

router = APIRouter(
    route_class=DocRoute,
    tags=["coaching"],
    responses={401: {"model": ErrorResponse, "description": "API key missing"}},
)
page_router = APIRouter(route_class=DocRoute, tags=["page"], include_in_schema=False)


class StoreCode(StrEnum):
    """The service's codes for the store and audits (RQE31x; beside api.errors.ServiceCode)."""

    NO_STORE = "RQE310"  # nothing audited yet
    NO_WORKER = "RQE311"  # the worker has no stored records
    NO_AUDIT = "RQE312"  # no audit job with that id
    NOT_FINISHED = "RQE313"  # the audit's outputs are not written yet
    BAD_UPLOAD = "RQE314"  # not JSON Lines or CSV, or no file in the form
    UPLOAD_TOO_LARGE = "RQE315"  # over RECORDQA_MAX_UPLOAD_BYTES


_lock = threading.Lock()


def store_for(request: Request, settings: Settings) -> Any:
    """The app's Store for the configured database (one engine per URL, made on first use).

    404 when the database is an SQLite file that does not exist yet: nothing has been audited."""
    from recordqa.store import Store, database_url

    url = database_url(settings.database_url)
    if missing_sqlite(url):
        raise ApiError(404, StoreCode.NO_STORE, "No audit results are stored yet: run an audit first.")
    with _lock:
        stores: dict[str, Any] = getattr(request.app.state, "stores", None) or {}
        request.app.state.stores = stores
        if url not in stores:
            stores[url] = Store(url)
        return stores[url]


@router.get(
    "/workers/{worker_id}/summary",
    response_model=WorkerSummary,
    responses={404: {"model": ErrorResponse, "description": "The worker has no stored records"}},
)
def worker_summary(
    request: Request,
    settings: SettingsDep,
    worker_id: Annotated[str, Path(min_length=1, max_length=200, description="The worker's id in the records")],
    team: Annotated[
        str | None,
        Query(max_length=200, description="Compare with this team (default: the worker's own team, else everyone)"),
    ] = None,
    since: Annotated[date | None, Query(description="Only records dated on or after this day (YYYY-MM-DD)")] = None,
) -> WorkerSummary:
    """A worker's coaching summary: pass rates beside the team's, trend, where to coach, what they do well."""
    store = store_for(request, settings)
    try:
        return for_worker(store, worker=worker_id, team=team or None, since=since)
    except NoRecordsError:
        when = f" dated on or after {since.isoformat()}" if since else ""
        raise ApiError(
            404,
            StoreCode.NO_WORKER,
            f"No scored records for worker '{worker_id}'{when}. Check the id, or audit their records.",
        ) from None
    except RecordQAError as exc:
        raise ApiError(503, exc.code.value, exc.message, {"Retry-After": "30"}) from None


@page_router.get("/coach")
def coach_page() -> FileResponse:
    """The coaching page: a worker's summary, printable for a supervision file."""
    return FileResponse(STATIC / "coach.html", media_type="text/html; charset=utf-8")
