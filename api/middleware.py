"""ASGI middleware: body size limit, a catch-all that logs no note text, security headers;
and the filter that keeps query strings out of uvicorn's access log."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
        whole = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

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
