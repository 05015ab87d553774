"""The app factory. Creating the app loads nothing: the model is loaded and warmed in the
lifespan, in a worker thread, so /healthz answers at once and /readyz once it is warm."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from recordqa import __version__

from .deps import Runner, require_api_key
from .errors import ApiError, api_error_handler, http_error_handler, validation_handler
from .middleware import CatchAll, RequestTimeout, SecurityHeaders, UnicodeGuard, install_log_filter, log
from .routes import analyse, audits, catalogue, coach, health, languagetool, page
from .settings import Settings, get_settings, unknown_variables

DESCRIPTION = """Scores how a children's social care case record is **written** against the recording
standards English local authorities publish. It predicts nothing about any child or family.
Note text is never logged or stored."""


def _operation_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app; `settings` replaces the environment's (tests), else RECORDQA_* are read on first use."""
    current: Callable[[], Settings] = (lambda: settings) if settings is not None else get_settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        install_log_filter()
        for name in unknown_variables():
            log.warning(
                "%s is not a recordqa setting (known: RECORDQA_%s); ignored",
                name,
                "|".join(f.upper() for f in Settings.model_fields),
            )
        keys = len(current().keys())
        log.info("API keys: %s", f"{keys} set" if keys else "none set, the API is open (bind to loopback)")
        runner: Runner = app.state.runner
        warming = asyncio.get_running_loop().run_in_executor(None, runner.warm, current().profile)
        yield
        if not warming.done():
            warming.cancel()

    app = FastAPI(
        title="recordqa",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.runner = Runner()
    if settings is not None:
        app.dependency_overrides[get_settings] = current

    app.add_exception_handler(RequestValidationError, validation_handler)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)

    guarded = [Depends(require_api_key)]
    v1 = APIRouter(prefix="/v1", dependencies=guarded)
    v1.include_router(analyse.router)
    v1.include_router(catalogue.router)
    v1.include_router(coach.router)
    v1.include_router(audits.router)
    v2 = APIRouter(prefix="/v2", dependencies=guarded)
    v2.include_router(languagetool.router)
    app.include_router(v1)
    app.include_router(v2)
    app.include_router(health.router)
    app.include_router(page.router)
    app.include_router(coach.page_router)
    app.mount("/static", StaticFiles(directory=page.STATIC), name="static")

    # Last added runs first: headers on every answer, the request timeout, the catch-all, the
    # size limit, then the lone-surrogate guard.
    app.add_middleware(UnicodeGuard)
    app.add_middleware(audits.BodyLimitExceptUploads, limit=lambda: current().max_body_bytes)  # uploads: own limit
    app.add_middleware(CatchAll)
    app.add_middleware(RequestTimeout, seconds=lambda: current().request_timeout_seconds)
    app.add_middleware(SecurityHeaders)
    return app


app = create_app()
