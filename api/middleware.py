"""ASGI middleware: body size limit, lone-surrogate guard, request timeout, a catch-all that
logs no note text, security headers; and the filter that keeps query strings out of uvicorn's
access log."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import traceback
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from recordqa.errors import Code

from .errors import ServiceCode, error_body

log = logging.getLogger("api")

# The page and its files: scripts only from this origin, no inline script or style.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# JSON answers: nothing to run at all.
API_CSP = "default-src 'none'; frame-ancestors 'none'"
# Swagger UI and ReDoc load their own scripts: they get no CSP of ours (they show no note text).
DOCS_PATHS = ("/docs", "/redoc")


async def send_json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] = []) -> None:  # noqa: B006
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


class BodyLimit:
    """413 for a body over the limit: by its Content-Length, or by the bytes actually streamed.

    The body is read here (at most the limit, 1 MiB by default) and replayed to the app.
    """

    DRAIN_CAP = 8 * 1_048_576  # read and drop up to this much of an oversized body, so the client sees the 413

    def __init__(self, app: ASGIApp, limit: Callable[[], int]) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit()
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._drain(receive, int(declared))
            await self._too_large(send, limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                await self._drain(receive, self.DRAIN_CAP if message.get("more_body") else 0)
                await self._too_large(send, limit)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _drain(self, receive: Receive, up_to: int) -> None:
        seen = 0
        while seen < min(up_to, self.DRAIN_CAP):
            message = await receive()
            if message["type"] != "http.request":
                return
            seen += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    @staticmethod
    async def _too_large(send: Send, limit: int) -> None:
        message = f"The request body is larger than {limit:,} bytes. Send a shorter record, or fewer in a batch."
        await send_json(send, 413, error_body(ServiceCode.BODY_TOO_LARGE, message), [(b"connection", b"close")])


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None if the client went away."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


# A JSON escape of a UTF-16 surrogate (paired ones are fine; the parse below tells), or a
# surrogate's own bytes as UTF-8 would write them (json.loads decodes them with surrogatepass).
_SURROGATE = re.compile(rb"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}|\xed[\xa0-\xbf]")


def _json_body(scope: Scope) -> bool:
    """Whether FastAPI would read this body as JSON: no content type, or application/json or */*+json."""
    content_type = dict(scope["headers"]).get(b"content-type", b"").split(b";", 1)[0].strip().lower()
    return not content_type or content_type == b"application/json" or content_type.endswith(b"+json")


def lone_surrogate_field(data: Any) -> tuple[str, int] | None:
    """The first string in parsed JSON holding a lone surrogate: its field path and the character's index."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                return path or "body", exc.start
        elif isinstance(value, dict):
            for k, v in reversed(list(value.items())):
                try:
                    k.encode("utf-8")
                except UnicodeEncodeError as exc:
                    return (f"{path}.(a key)" if path else "(a key)"), exc.start
                stack.append((f"{path}.{k}" if path else k, v))
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in reversed(list(enumerate(value))))
    return None


class UnicodeGuard:
    """422 (RQE103) for a JSON body with a lone surrogate ("\\ud800") in any string.

    JSON lets a client write one; it is not Unicode, so spaCy cannot read it and no UTF-8
    answer can carry it back (an `id` or a profile name echoed would fail to encode). Checked
    only when the raw body has such an escape; the message names the field, never its value.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS") or not _json_body(scope):
            await self.app(scope, receive, send)  # forms and uploads pass as they stream
            return
        body = await _read_body(receive)
        if body is None:
            return
        if _SURROGATE.search(body):
            try:
                found = lone_surrogate_field(json.loads(body))
            except (ValueError, RecursionError):
                found = None  # not JSON: the route answers that
            if found is not None:
                field, at = found
                message = (
                    f"field '{field}': character {at} is a lone UTF-16 surrogate, which is not Unicode text; "
                    "send UTF-8 (astral characters as surrogate pairs)."
                )
                await send_json(send, 422, {**error_body(Code.NOT_UTF8.value, message), "detail": []})
                return
        await self.app(scope, _replay(body, receive), send)


class RequestTimeout:
    """503 with Retry-After for a request not answered within the limit, instead of a hang.

    The route runs as its own task; if it has not started its answer in time the client gets
    the 503 and whatever the route sends later is dropped. Work already running in a thread
    cannot be stopped: it finishes and frees its place at the analyser before the next starts.
    """

    def __init__(self, app: ASGIApp, seconds: Callable[[], float]) -> None:
        self.app = app
        self.seconds = seconds
        self._running: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.seconds()
        started = False
        abandoned = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if abandoned:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        done, _ = await asyncio.wait({task}, timeout=limit)
        if done or started:
            await task  # finished, or its answer is under way: let it end (and raise what it raised)
            return
        abandoned = True
        task.cancel()
        self._running.add(task)  # keep it referenced until it has wound down
        task.add_done_callback(self._wound_down)
        log.warning("request timed out after %g s on %s %s", limit, scope["method"], scope["path"])
        wait = max(1, math.ceil(limit / 10))
        message = f"The request was not answered within {limit:g} s; try again in {wait} s, or send less at once."
        await send_json(send, 503, error_body(ServiceCode.TIMED_OUT, message), [(b"retry-after", str(wait).encode())])

    def _wound_down(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("internal error %s after a timed-out request", type(exc).__name__)


class CatchAll:
    """A 500 with a JSON error for any unhandled exception, logged as its type and where it
    happened: never its message or locals, which may hold note text."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            frames = traceback.extract_tb(exc.__traceback__)
            where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames[-4:]))
            log.error("internal error %s on %s %s at %s", type(exc).__name__, scope["method"], scope["path"], where)
            if not started:
                await send_json(
                    send, 500, error_body(ServiceCode.INTERNAL, "Internal error; it has been logged without the text.")
                )


class SecurityHeaders:
    """nosniff and no-referrer on everything; a CSP (the page's, or none-at-all for JSON);
    `Cache-Control: no-store` on the API, whose answers quote the record."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if not path.startswith(DOCS_PATHS):
                    csp = API_CSP if path.startswith(("/v1", "/v2")) else PAGE_CSP
                    extra += [(b"content-security-policy", csp.encode()), (b"x-frame-options", b"DENY")]
                if path.startswith(("/v1", "/v2")):
                    extra.append((b"cache-control", b"no-store"))
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, add_headers)


class NoQueryString(logging.Filter):
    """uvicorn's access log prints the request line; drop any query string from it, so
    that a client sending text in a URL (`GET /v2/check?text=...`) never has it logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def install_log_filter() -> None:
    """Drop query strings from uvicorn's access log; show the service's own messages (level,
    message: never a record's text) when nothing else has configured logging."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, NoQueryString) for f in access.filters):
        access.addFilter(NoQueryString())
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
