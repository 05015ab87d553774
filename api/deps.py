"""Dependencies as named types: the settings, the analysis runner, the API-key guard."""

from __future__ import annotations

import asyncio
import hmac
import logging
import math
import threading
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from recordqa import engine, pipeline, profiles
from recordqa.errors import Code, InputError, RecordQAError
from recordqa.models import Record, Result

from .errors import ApiError, ServiceCode
from .settings import Settings, get_settings, hash_key

log = logging.getLogger("api")

SettingsDep = Annotated[Settings, Depends(get_settings)]


class Gate:
    """Admission to the analyser: at most `limit` requests at once, at most `queue` more
    waiting, each for at most `timeout` seconds; beyond that 503 with Retry-After, never a hang."""

    def __init__(self, limit: int, queue: int, timeout: float) -> None:
        self.limit, self.queue, self.timeout = limit, queue, timeout
        self.waiting = 0
        self.mean_seconds = 0.1  # how long a place is held, a moving average (for Retry-After)
        self._places = asyncio.Semaphore(limit)

    def retry_after(self) -> int:
        """Seconds until the queue ahead has likely drained (at least 1, at most 120)."""
        return max(1, min(120, math.ceil((self.waiting + 1) * self.mean_seconds / self.limit)))

    def _busy(self, why: str) -> ApiError:
        wait = self.retry_after()
        return ApiError(
            503, ServiceCode.BUSY, f"The service is busy ({why}); try again in {wait} s.", {"Retry-After": str(wait)}
        )

    @asynccontextmanager
    async def place(self) -> AsyncIterator[None]:
        if self._places.locked() and self.waiting >= self.queue:
            raise self._busy(f"{self.waiting} requests already waiting")
        self.waiting += 1
        try:
            async with asyncio.timeout(self.timeout):
                await self._places.acquire()
        except TimeoutError:
            raise self._busy(f"no place within {self.timeout:g} s") from None
        finally:
            self.waiting -= 1
        started = time.monotonic()
        try:
            yield
        finally:
            self._places.release()
            self.mean_seconds = 0.8 * self.mean_seconds + 0.2 * (time.monotonic() - started)


class Runner:
    """The process's analyser: loaded and warmed once (in the lifespan), then used under a lock.

    spaCy does not promise that one `Language` may be called from several threads at
    once, and the work is CPU-bound, so requests take turns; run more workers to scale.
    Requests are admitted through a `Gate` (`max_concurrent`, `max_queue`, `queue_timeout_seconds`).
    """

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.failure: RecordQAError | None = None
        self._lock = threading.Lock()
        self._gate: Gate | None = None

    def gate(self, settings: Settings) -> Gate:
        """The admission gate, made on first use from the app's settings (in the event loop)."""
        if self._gate is None:
            self._gate = Gate(settings.max_concurrent, settings.max_queue, settings.queue_timeout_seconds)
        return self._gate

    def warm(self, profile: str) -> None:
        """Load the spaCy pipeline, the classifier and the default profile; analyse one tiny record."""
        try:
            pipeline.load()
            profiles.load(profile)
            engine.warm(profile)  # analyses a short record, then freezes what is loaded (engine.warm)
        except RecordQAError as exc:
            self.failure = exc
            log.error("not ready: %s %s", exc.code.value, exc.message)
            return
        self.ready.set()
        log.info("ready: model %s loaded and warm", pipeline.model_name())

    def wait(self, seconds: float) -> None:
        if self.failure is not None:
            raise ApiError(503, self.failure.code.value, self.failure.message)
        if not self.ready.wait(seconds):
            raise ApiError(
                503, ServiceCode.NOT_READY, "The analyser is still loading; try again shortly.", {"Retry-After": "5"}
            )

    def analyse(self, record: Record, profile: str, record_type: str | None) -> Result:
        with self._lock:
            return engine.analyse(record, profile=profile, record_type=record_type)

    def analyse_many(self, records: Sequence[Record]) -> list[Result | InputError]:
        """One result or InputError per record, in order (engine.analyse_many puts each error in place)."""
        with self._lock:
            return list(engine.analyse_many(records))


async def get_runner(request: Request, settings: SettingsDep) -> AsyncIterator[Runner]:
    """The app's runner, once it is warm (waits up to `ready_wait_seconds`, then 503), and a
    place at it (waits up to `queue_timeout_seconds`, then 503), held until the route returns."""
    runner: Runner = request.app.state.runner
    deadline = time.monotonic() + settings.ready_wait_seconds
    while not runner.ready.is_set() and runner.failure is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    runner.wait(0)
    async with runner.gate(settings).place():
        yield runner


RunnerDep = Annotated[Runner, Depends(get_runner, scope="function")]

_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="One of RECORDQA_API_KEYS")
_bearer = HTTPBearer(auto_error=False, description="One of RECORDQA_API_KEYS, as a bearer token")


def require_api_key(
    settings: SettingsDep,
    key: Annotated[str | None, Security(_key_header)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> None:
    """When RECORDQA_API_KEYS is set, the request must carry one of them (X-API-Key or Bearer)."""
    keys = settings.keys()
    if not keys:
        return
    supplied = key or (bearer.credentials if bearer else "")
    # Only hashes are held: the supplied key is hashed, and compared with every hash in constant time.
    digest = hash_key(supplied).encode()
    matched = False
    for candidate in keys:
        matched |= hmac.compare_digest(digest, candidate.encode())
    if not supplied or not matched:
        raise ApiError(
            401,
            ServiceCode.UNAUTHORISED,
            "An API key is required: send it as the X-API-Key header or as 'Authorization: Bearer <key>'.",
            {"WWW-Authenticate": "Bearer"},
        )


def builtin_profile(name: str | None, settings: Settings, field: str = "profile") -> str:
    """A built-in profile name (the settings' default when none is given); never a file path."""
    chosen = name or settings.profile
    names = profiles.builtin_names()
    if chosen not in names:
        raise ApiError(
            422,
            Code.UNKNOWN_PROFILE.value,
            f"field '{field}': unknown profile '{chosen}'; built in: {', '.join(names)}.",
        )
    return chosen
