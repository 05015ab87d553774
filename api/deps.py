"""Dependencies as named types: the settings, the analysis runner, the API-key guard."""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from recordqa import engine, pipeline, profiles
from recordqa.errors import Code, InputError, RecordQAError
from recordqa.models import Record, Result

from .errors import ApiError, ServiceCode
from .settings import Settings, get_settings

log = logging.getLogger("api")

SettingsDep = Annotated[Settings, Depends(get_settings)]


class Runner:
    """The process's analyser: loaded and warmed once (in the lifespan), then used under a lock.

    spaCy does not promise that one `Language` may be called from several threads at
    once, and the work is CPU-bound, so requests take turns; run more workers to scale.
    """

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.failure: RecordQAError | None = None
        self._lock = threading.Lock()

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
        with self._lock:
            return list(engine.analyse_many(records))


def get_runner(request: Request, settings: SettingsDep) -> Runner:
    """The app's runner, once it is warm (waits up to `ready_wait_seconds`, then 503)."""
    runner: Runner = request.app.state.runner
    runner.wait(settings.ready_wait_seconds)
    return runner


RunnerDep = Annotated[Runner, Depends(get_runner)]

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
    matched = False
    for candidate in keys:  # every key is compared, in constant time each
        matched |= hmac.compare_digest(supplied.encode(), candidate.encode())
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
