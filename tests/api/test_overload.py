"""Overload and load against the real service: `python -m api` in a subprocess on loopback,
configured through RECORDQA_* as an operator would.

- Tiny limits: beyond them a request waits a bounded time and gets 503 with Retry-After,
  never a hang, and the service answers normally once the burst is over.
- A request timeout: a request that takes longer gets 503 with Retry-After in time.
- Load with the default limits (bench/load.py, shortened): 50 clients, no 5xx, memory flat.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from recordqa import engine

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
load = importlib.import_module("load")  # bench/load.py: the load client and the server starter


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One analysis at a time, two more may wait, each at most 0.4 s; requests time out after 3 s."""
    env = {
        "RECORDQA_MAX_CONCURRENT": "1",
        "RECORDQA_MAX_QUEUE": "2",
        "RECORDQA_QUEUE_TIMEOUT_SECONDS": "0.4",
        "RECORDQA_REQUEST_TIMEOUT_SECONDS": "3",
    }
    server = load.start_server(env, tmp_path_factory.mktemp("tiny") / "server.log")
    yield server
    server.stop()


def _record(words: int = 300) -> dict[str, str]:
    rec = load.bodies(20)
    text = " ".join(r["text"] for r in rec)
    cut = " ".join(text.split()[:words])
    return {"text": cut, "record_type": "visit"}


async def _burst(base: str, n: int, body: dict[str, str]) -> list[httpx.Response]:
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=n)) as http:
        return list(await asyncio.gather(*(http.post("/v1/analyse", json=body) for _ in range(n))))


def test_beyond_the_limits_503_with_retry_after_not_a_hang(tiny: object) -> None:
    base = tiny.base  # type: ignore[attr-defined]
    t0 = time.monotonic()
    answers = asyncio.run(_burst(base, 16, _record(400)))
    took = time.monotonic() - t0
    codes = [r.status_code for r in answers]
    assert set(codes) <= {200, 503}, codes
    assert codes.count(200) >= 1 and codes.count(503) >= 8, codes
    for r in answers:
        if r.status_code == 503:
            err = r.json()["error"]
            assert err["code"] == "RQE306" and "busy" in err["message"]
            assert int(r.headers["retry-after"]) >= 1
            assert r.headers["x-content-type-options"] == "nosniff"
    # Nobody hung: the refused were refused at once or after the 0.4 s wait, the rest analysed.
    assert took < 30, took
    with httpx.Client(base_url=base, timeout=60) as http:
        assert http.post("/v1/analyse", json=_record(50)).status_code == 200  # and it recovers


def test_a_slow_request_times_out_with_503_and_the_service_recovers(tiny: object) -> None:
    base = tiny.base  # type: ignore[attr-defined]
    unit = "I saw Amy alone in her bedroom and she said she was happy at school. "
    slow = {"text": (unit * (engine.MAX_CHARS // len(unit)))[: engine.MAX_CHARS]}  # several seconds of work
    with httpx.Client(base_url=base, timeout=60) as http:
        t0 = time.monotonic()
        r = http.post("/v1/analyse", json=slow)
        took = time.monotonic() - t0
        assert r.status_code == 503, r.text[:200]
        assert r.json()["error"]["code"] == "RQE307" and int(r.headers["retry-after"]) >= 1
        assert took < 6, took  # answered at the 3 s timeout, not when the work ended
        assert "I saw Amy" not in r.text
        # The work finishes in the background and frees its place; the service then answers.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ok = http.post("/v1/analyse", json=_record(50))
            if ok.status_code == 200:
                break
            assert ok.status_code == 503 and ok.headers["retry-after"]
            time.sleep(0.5)
        assert ok.status_code == 200
        assert http.get("/healthz").status_code == 200


def test_50_clients_with_the_default_limits_get_no_5xx_and_memory_stays_flat(tmp_path: Path) -> None:
    """bench/load.py for 10 s instead of 60 (after 3 s of warm-up load that is not counted)."""
    server = load.start_server(log=tmp_path / "server.log")
    try:
        report = asyncio.run(load.run_load(server.base, clients=50, seconds=10, sample_rss=server.rss_mib, warm_up=3))
    finally:
        server.stop()
    print("\n".join(report.lines()))
    assert report.requests >= 50, report.statuses
    assert report.statuses == {"200": report.requests}, report.statuses  # no 5xx, no 4xx, no transport error
    rss = report.rss_summary()
    after_warm_up = next(m for t, m in report.rss_mib if t >= 3)
    assert rss["end"] - after_warm_up < 150, report.rss_mib  # generous: flat memory, not a leak per request
    assert rss["max"] < 1500, report.rss_mib
