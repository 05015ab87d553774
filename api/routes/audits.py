"""Audits through the service: upload a JSON Lines or CSV export, get a job id at once (202),
then follow `GET /v1/audits/{id}` until it is finished, and fetch the report and results.

Each job runs `recordqa.audit.run_audit` in a background thread (one audit at a time per
process; `RECORDQA_AUDIT_JOBS` worker processes each), scoring into the service's store
(`RECORDQA_DATABASE_URL`): records already in the store, by id, are skipped, as with
`recordqa audit`. The upload is streamed to `RECORDQA_AUDIT_DIR/<job id>/` under its own size
limit (`RECORDQA_MAX_UPLOAD_BYTES`) and deleted once scored; the outputs stay there until the
job is deleted (`DELETE /v1/audits/{id}`). Jobs are held in memory: a restart forgets them
(what was scored stays in the store). Nothing here logs note text: job ids and counts only.
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import ASGIApp, Receive, Scope, Send

from recordqa.errors import RecordQAError
from recordqa.models import RecordType

from ..deps import SettingsDep, builtin_profile
from ..errors import ApiError, ServiceCode
from ..middleware import BodyLimit
from ..schemas import ErrorDetail, ErrorResponse
from . import DocRoute
from .coach import StoreCode

if TYPE_CHECKING:
    from recordqa.audit import AuditProgress, AuditSummary

log = logging.getLogger("api")

UPLOAD_PATH = "/v1/audits"
JSONL_TYPES = frozenset(
    {"application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines"}
)
CSV_TYPES = frozenset({"text/csv", "application/csv"})
SUFFIXES = {".jsonl": ".jsonl", ".ndjson": ".jsonl", ".csv": ".csv"}
JOB_ID = r"^[0-9a-f]{32}$"

router = APIRouter(
    route_class=DocRoute,
    tags=["audits"],
    responses={401: {"model": ErrorResponse, "description": "API key missing"}},
)


class BodyLimitExceptUploads:
    """The service's body limit (`BodyLimit`) on every request but `POST /v1/audits`, whose route
    streams the upload to disk under its own, larger limit (RECORDQA_MAX_UPLOAD_BYTES)."""

    def __init__(self, app: ASGIApp, limit: Callable[[], int]) -> None:
        self.app = app
        self.limited = BodyLimit(app, limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].rstrip("/") == UPLOAD_PATH:
            await self.app(scope, receive, send)
        else:
            await self.limited(scope, receive, send)


# -- the answers ---------------------------------------------------------------------------

Status = Literal["queued", "running", "finished", "failed", "interrupted"]


class AuditProgressOut(BaseModel):
    total: int = Field(description="Input items: records and error rows")
    done: int
    scored: int
    errors: int
    skipped: int = Field(description="Already in the store (same id), not scored again")
    elapsed_seconds: float
    rate_per_second: float | None = None
    seconds_left: float | None = None


class AuditSummaryOut(BaseModel):
    run_id: str
    inputs: int
    scored: int
    errors: int
    skipped: int
    interrupted: bool
    elapsed_seconds: float


class AuditLinks(BaseModel):
    status: str
    report: str | None = Field(default=None, description="The HTML report (once finished)")
    results_jsonl: str | None = None
    results_csv: str | None = None


class AuditJob(BaseModel):
    id: str
    status: Status
    created: datetime
    finished: datetime | None = None
    progress: AuditProgressOut | None = None
    summary: AuditSummaryOut | None = None
    links: AuditLinks
    error: ErrorDetail | None = None


# -- jobs ----------------------------------------------------------------------------------


@dataclass
class Job:
    id: str
    folder: FilePath
    upload: FilePath
    options: Any  # recordqa.audit.AuditOptions
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    status: Status = "queued"
    finished: datetime | None = None
    progress: AuditProgress | None = None
    summary: AuditSummary | None = None
    error: tuple[str, str] | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def view(self) -> AuditJob:
        base = f"{UPLOAD_PATH}/{self.id}"
        done = self.status == "finished"
        prog = None
        if self.progress is not None:
            p = self.progress
            worked = p.scored + p.errors
            rate = worked / p.elapsed if p.elapsed > 0 and worked else None
            left = (p.total - p.done) / rate if rate else None
            prog = AuditProgressOut(
                total=p.total,
                done=p.done,
                scored=p.scored,
                errors=p.errors,
                skipped=p.skipped,
                elapsed_seconds=round(p.elapsed, 2),
                rate_per_second=round(rate, 2) if rate else None,
                seconds_left=round(left, 1) if left is not None else None,
            )
        summ = None
        if self.summary is not None:
            s = self.summary
            summ = AuditSummaryOut(
                run_id=s.run_id,
                inputs=s.inputs,
                scored=s.scored,
                errors=s.errors,
                skipped=s.skipped,
                interrupted=s.interrupted,
                elapsed_seconds=round(s.elapsed, 2),
            )
        return AuditJob(
            id=self.id,
            status=self.status,
            created=self.created,
            finished=self.finished,
            progress=prog,
            summary=summ,
            links=AuditLinks(
                status=base,
                report=f"{base}/report" if done else None,
                results_jsonl=f"{base}/results.jsonl" if done else None,
                results_csv=f"{base}/results.csv" if done else None,
            ),
            error=ErrorDetail(code=self.error[0], message=self.error[1]) if self.error else None,
        )


class Jobs:
    """The process's audit jobs (in memory), run one at a time in background threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.turn = threading.Lock()  # one audit at a time: each uses its own worker processes
        self.jobs: dict[str, Job] = {}

    def get(self, job_id: str) -> Job:
        with self.lock:
            job = self.jobs.get(job_id)
        if job is None:
            raise ApiError(
                404, StoreCode.NO_AUDIT, f"No audit '{job_id}' (jobs are forgotten when the service restarts)."
            )
        return job

    def start(self, job: Job) -> None:
        with self.lock:
            self.jobs[job.id] = job
        job.thread = threading.Thread(target=self._run, args=(job,), name=f"audit-{job.id[:8]}", daemon=True)
        job.thread.start()

    def remove(self, job: Job) -> None:
        job.stop.set()
        with self.lock:
            self.jobs.pop(job.id, None)
        if job.thread is not None and job.thread is not threading.current_thread():
            job.thread.join(timeout=60)
        shutil.rmtree(job.folder, ignore_errors=True)

    def _run(self, job: Job) -> None:
        from recordqa.audit import run_audit

        def progress(p: AuditProgress) -> None:
            job.progress = p

        try:
            while not self.turn.acquire(timeout=0.5):  # queued behind another audit
                if job.stop.is_set():
                    job.status = "interrupted"
                    return
            try:
                if job.stop.is_set():
                    job.status = "interrupted"
                    return
                job.status = "running"
                log.info("audit %s: started", job.id)
                summary = run_audit([job.upload], job.options, progress=progress, stop=job.stop)
            finally:
                self.turn.release()
            job.summary = summary
            job.status = "interrupted" if summary.interrupted else "finished"
            log.info(
                "audit %s: %s, %d inputs, %d scored, %d errors, %d skipped",
                job.id,
                job.status,
                summary.inputs,
                summary.scored,
                summary.errors,
                summary.skipped,
            )
        except RecordQAError as exc:
            job.status, job.error = "failed", (exc.code.value, exc.message)
            log.warning("audit %s: failed %s", job.id, exc.code.value)
        except Exception as exc:  # logged as its type only: a message could quote the data
            job.status = "failed"
            job.error = (
                ServiceCode.INTERNAL.value,
                "The audit failed with an internal error; it is logged without text.",
            )
            log.error("audit %s: internal error %s", job.id, type(exc).__name__)
        finally:
            job.finished = datetime.now(UTC)
            job.upload.unlink(missing_ok=True)  # the notes themselves are not kept once scored


def jobs_of(request: Request) -> Jobs:
    app = request.app
    with _init_lock:
        if not isinstance(getattr(app.state, "audits", None), Jobs):
            app.state.audits = Jobs()
        jobs: Jobs = app.state.audits
    return jobs


_init_lock = threading.Lock()


# -- the upload ----------------------------------------------------------------------------


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        StoreCode.UPLOAD_TOO_LARGE,
        f"The upload is larger than {limit:,} bytes (RECORDQA_MAX_UPLOAD_BYTES). Split the export, or run "
        "`recordqa audit` on the file.",
    )


async def _counted(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise _too_large(limit)
        yield chunk


def _kind(content_type: str, filename: str | None = None) -> str | None:
    """'.jsonl' or '.csv' from a file name's suffix, else from the media type."""
    if filename:
        suffix = SUFFIXES.get(FilePath(filename).suffix.lower())
        if suffix:
            return suffix
    media = content_type.split(";", 1)[0].strip().lower()
    if media in JSONL_TYPES:
        return ".jsonl"
    if media in CSV_TYPES:
        return ".csv"
    return None


UNSUPPORTED = (
    "Send a JSON Lines export (Content-Type: application/x-ndjson) or a CSV export (text/csv) as the "
    "request body, or as the file of a multipart/form-data upload (.jsonl, .ndjson or .csv)."
)


async def _save_upload(request: Request, folder: FilePath, limit: int) -> FilePath:
    content_type = request.headers.get("content-type", "")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "multipart/form-data":
        try:
            form = await MultiPartParser(request.headers, _counted(request, limit), max_files=1, max_fields=20).parse()
        except MultiPartException:
            raise ApiError(422, StoreCode.BAD_UPLOAD, "The multipart upload cannot be read. " + UNSUPPORTED) from None
        files = [v for v in form.values() if isinstance(v, UploadFile)]
        if not files:
            raise ApiError(422, StoreCode.BAD_UPLOAD, "The form has no file. " + UNSUPPORTED)
        upload = files[0]
        kind = _kind(upload.content_type or "", upload.filename)
        if kind is None:
            raise ApiError(415, StoreCode.BAD_UPLOAD, UNSUPPORTED)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"upload{kind}"
        try:
            with target.open("wb") as fh:
                while chunk := await upload.read(1 << 20):
                    fh.write(chunk)
        finally:
            await upload.close()
            await form.close()
        return target
    kind = _kind(content_type)
    if kind is None:
        raise ApiError(415, StoreCode.BAD_UPLOAD, UNSUPPORTED)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"upload{kind}"
    with target.open("wb") as fh:
        async for chunk in _counted(request, limit):
            fh.write(chunk)
    return target


# -- the routes ----------------------------------------------------------------------------

COLUMN = Annotated[str | None, Query(max_length=200)]


@router.post(
    "/audits",
    status_code=202,
    response_model=AuditJob,
    responses={
        413: {"model": ErrorResponse, "description": "Upload over RECORDQA_MAX_UPLOAD_BYTES"},
        415: {"model": ErrorResponse, "description": "Not JSON Lines or CSV"},
        422: {"model": ErrorResponse},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
        }
    },
)
async def start_audit(
    request: Request,
    settings: SettingsDep,
    profile: Annotated[
        str | None, Query(max_length=100, description="A built-in profile (default: the service's)")
    ] = None,
    record_type: Annotated[RecordType | None, Query(description="For records whose input gives none")] = None,
    keep_text: Annotated[bool, Query(description="Store the note text with the results (off by default)")] = False,
    title: Annotated[str | None, Query(max_length=200, description="The report's title")] = None,
    id_col: COLUMN = None,
    text_col: COLUMN = None,
    type_col: COLUMN = None,
    event_date_col: COLUMN = None,
    recorded_date_col: COLUMN = None,
    worker_col: COLUMN = None,
    team_col: COLUMN = None,
    case_col: COLUMN = None,
) -> JSONResponse:
    """Start an audit of a JSON Lines or CSV upload (the body, or a multipart file); 202 with the job."""
    from recordqa.audit import AuditOptions, ColumnMap

    chosen = builtin_profile(profile, settings)
    defaults = ColumnMap()
    columns = ColumnMap(
        id=id_col or defaults.id,
        text=text_col or defaults.text,
        record_type=type_col or defaults.record_type,
        event_date=event_date_col or defaults.event_date,
        recorded_date=recorded_date_col or defaults.recorded_date,
        worker=worker_col or defaults.worker,
        team=team_col or defaults.team,
        case_id=case_col or defaults.case_id,
    )
    job_id = uuid.uuid4().hex
    folder = FilePath(settings.audit_dir) / job_id
    try:
        upload = await _save_upload(request, folder, settings.max_upload_bytes)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if upload.stat().st_size == 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise ApiError(422, StoreCode.BAD_UPLOAD, "The upload is empty.")
    options = AuditOptions(
        out=folder / "out",
        db_url=settings.database_url,
        profile=chosen,
        record_type=record_type,
        keep_text=keep_text,
        jobs=settings.audit_jobs,
        columns=columns,
        title=title or "recordqa audit",
    )
    job = Job(id=job_id, folder=folder, upload=upload, options=options)
    jobs_of(request).start(job)
    return JSONResponse(
        status_code=202,
        content=job.view().model_dump(mode="json"),
        headers={"Location": f"{UPLOAD_PATH}/{job_id}"},
    )


JobId = Annotated[str, Path(pattern=JOB_ID, description="The job id POST /v1/audits gave")]


@router.get("/audits/{job_id}", response_model=AuditJob, responses={404: {"model": ErrorResponse}})
def get_audit(request: Request, job_id: JobId) -> AuditJob:
    """An audit's status and progress; once finished, its summary and links to the report and results."""
    return jobs_of(request).get(job_id).view()


@router.delete("/audits/{job_id}", status_code=204, responses={404: {"model": ErrorResponse}})
def delete_audit(request: Request, job_id: JobId) -> Response:
    """Stop an audit if it is running and delete its files (what it scored stays in the store)."""
    jobs = jobs_of(request)
    jobs.remove(jobs.get(job_id))
    return Response(status_code=204)


def _output(request: Request, job_id: str, name: str) -> FilePath:
    job = jobs_of(request).get(job_id)
    if job.status != "finished" or job.summary is None or name not in job.summary.outputs:
        state: str = job.status
        if job.progress is not None and state in ("queued", "running"):
            state += f", {job.progress.done:,} of {job.progress.total:,} done"
        raise ApiError(
            409, StoreCode.NOT_FINISHED, f"The audit is not finished ({state}); its {name} is written when it is."
        )
    path = FilePath(job.summary.outputs[name])
    if not path.is_file():
        raise ApiError(404, StoreCode.NO_AUDIT, f"The audit's {name} is gone from the work folder.")
    return path


@router.get(
    "/audits/{job_id}/report",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}, 404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}},
)
def audit_report(request: Request, job_id: JobId) -> Response:
    """The audit's HTML report: self-contained, printable, no script."""
    from recordqa.report import CSP

    path = _output(request, job_id, "report.html")
    return FileResponse(
        path,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": CSP + "; frame-ancestors 'none'"},
    )


@router.get(
    "/audits/{job_id}/results.jsonl",
    response_class=Response,
    responses={
        200: {"content": {"application/x-ndjson": {}}},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
)
def audit_results_jsonl(request: Request, job_id: JobId) -> Response:
    """One result object a line, in input order."""
    path = _output(request, job_id, "results.jsonl")
    return FileResponse(path, media_type="application/x-ndjson", filename=f"audit-{job_id[:8]}-results.jsonl")


@router.get(
    "/audits/{job_id}/results.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, 404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}},
)
def audit_results_csv(request: Request, job_id: JobId) -> Response:
    """One row a record: ids, metadata, score, grade and each check's status."""
    path = _output(request, job_id, "results.csv")
    return FileResponse(path, media_type="text/csv; charset=utf-8", filename=f"audit-{job_id[:8]}-results.csv")
