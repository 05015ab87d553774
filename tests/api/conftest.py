"""Real HTTP: the app served by uvicorn on 127.0.0.1 (a free port, a background thread),
spoken to with httpx. The spaCy pipeline is the session's one (`nlp`)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from spacy.language import Language

from api.main import create_app
from api.settings import Settings, get_settings, hash_key

from ..conftest import ROOT


@dataclass
class Served:
    app: FastAPI
    base: str
    server: uvicorn.Server
    thread: threading.Thread

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=60, **kwargs)  # type: ignore[arg-type]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def serve(app: FastAPI, wait_ready: bool = True) -> Served:
    """Start `app` under uvicorn (access log on, as in production) and wait until it answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="info", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    served = Served(app, f"http://127.0.0.1:{port}", server, thread)
    deadline = time.monotonic() + 120
    with httpx.Client(base_url=served.base, timeout=5) as client:
        while time.monotonic() < deadline:
            try:
                path = "/readyz" if wait_ready else "/healthz"
                if client.get(path).status_code == 200:
                    return served
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    served.stop()
    raise RuntimeError("the test server did not become ready")


@pytest.fixture(scope="session")
def served(nlp: Language) -> Iterator[Served]:
    """The app as `api.main` builds it from the environment (no keys), warm."""
    get_settings.cache_clear()
    s = serve(create_app())
    yield s
    s.stop()


@pytest.fixture(scope="session")
def client(served: Served) -> Iterator[httpx.Client]:
    with served.client() as c:
        yield c


@pytest.fixture(scope="session")
def small(nlp: Language) -> Iterator[Served]:
    """Tight limits: 4 KiB bodies, 3 records a batch."""
    s = serve(create_app(Settings(max_body_bytes=4096, max_batch=3)))
    yield s
    s.stop()


@pytest.fixture(scope="session")
def keyed(nlp: Language) -> Iterator[Served]:
    """API keys from RECORDQA_API_KEYS, read by `get_settings` (then held by this app: the
    other servers of the session share the cached settings and stay open)."""
    old = os.environ.get("RECORDQA_API_KEYS")
    os.environ["RECORDQA_API_KEYS"] = "alpha-key-123, beta-key-456"
    get_settings.cache_clear()
    try:
        assert get_settings().keys() == (hash_key("alpha-key-123"), hash_key("beta-key-456"))
        s = serve(create_app(get_settings()))
    finally:
        if old is None:
            os.environ.pop("RECORDQA_API_KEYS", None)
        else:
            os.environ["RECORDQA_API_KEYS"] = old
        get_settings.cache_clear()
    yield s
    s.stop()


Serve = Callable[..., Served]


@pytest.fixture()
def serve_app() -> Iterator[Serve]:
    """Serve apps made in a test; stopped after it."""
    started: list[Served] = []

    def run(app: FastAPI, wait_ready: bool = True) -> Served:
        s = serve(app, wait_ready)
        started.append(s)
        return s

    yield run
    for s in started:
        s.stop()


# The browser tests: Debian's Chromium driven by Playwright, one browser per module.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
NEEDS_BROWSER = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium: `apt-get install chromium` (make test does, as root)"
)


@pytest.fixture(scope="module")  # module: Playwright's sync API holds an event loop while open
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
