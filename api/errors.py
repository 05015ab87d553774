"""Error bodies and handlers: every error is `{"error": {"code", "message"}}`, never with note text.

Codes RQE1xx and RQE2xx are the library's (`recordqa.errors.Code`); RQE3xx are the service's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from recordqa.errors import Code, RecordQAError


class ServiceCode(StrEnum):
    BODY_TOO_LARGE = "RQE301"
    UNAUTHORISED = "RQE302"
    BATCH_TOO_LARGE = "RQE303"
    NOT_READY = "RQE304"
    UNSUPPORTED_LANGUAGE = "RQE305"
    BUSY = "RQE306"
    TIMED_OUT = "RQE307"
    NOT_FOUND = "RQE308"
    METHOD_NOT_ALLOWED = "RQE309"
    HTTP_ERROR = "RQE300"
    INTERNAL = "RQE399"


class ApiError(Exception):
    """An error the client can act on: an HTTP status, a stable code and a message without note text."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"[{code}] {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def from_library(exc: RecordQAError, status: int = 422) -> ApiError:
    return ApiError(status, exc.code.value, exc.message)


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "form"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _plain(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def public_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """pydantic's error list without `input` (it would echo the note back) and without `url`."""
    out: list[dict[str, Any]] = []
    for err in errors:
        item: dict[str, Any] = {"type": err.get("type"), "loc": list(err.get("loc", ())), "msg": err.get("msg")}
        ctx = err.get("ctx")
        if isinstance(ctx, dict):
            safe = {k: v for k, v in ctx.items() if _plain(v)}
            if safe:
                item["ctx"] = safe
        out.append(item)
    return out


_NOT_JSON = "The request body is not valid JSON (in UTF-8)."


async def validation_handler(request: Request, exc: Exception) -> JSONResponse:
    """422 naming the first bad field; FastAPI's `detail` list is kept, minus the submitted values."""
    assert isinstance(exc, RequestValidationError)
    detail = public_errors(exc.errors())
    first = detail[0] if detail else {"type": "", "loc": [], "msg": "invalid request"}
    if first["type"] == "json_invalid":
        code, message = Code.BAD_JSON.value, _NOT_JSON
    else:
        code, message = Code.BAD_RECORD.value, f"field '{_field(first['loc'])}': {first['msg']}"
    return JSONResponse(status_code=422, content={**error_body(code, message), "detail": detail})


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(status_code=exc.status, content=error_body(exc.code, exc.message), headers=exc.headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette's own 405 names only the first route's)."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        if route.methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= set(route.methods)
    return sorted(methods)


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's and FastAPI's HTTP errors (no such route, method not allowed...) in the service's shape."""
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 404 and exc.detail == "Not Found":
        code, message = (
            ServiceCode.NOT_FOUND.value,
            f"No such route: {request.url.path}. The routes are listed at /docs.",
        )
    elif exc.status_code == 405:
        allowed = _allowed_methods(request)
        if allowed:
            headers["Allow"] = ", ".join(allowed)
        code = ServiceCode.METHOD_NOT_ALLOWED.value
        message = f"{request.method} is not served at this path; use {' or '.join(allowed) or 'another route'}."
    elif exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        # FastAPI's answer to a JSON body that is not UTF-8: the same 422 as any body that is not JSON.
        return JSONResponse(status_code=422, content={**error_body(Code.BAD_JSON.value, _NOT_JSON), "detail": []})
    else:
        code, message = ServiceCode.HTTP_ERROR.value, str(exc.detail)
    return JSONResponse(status_code=exc.status_code, content=error_body(code, message), headers=headers or None)
