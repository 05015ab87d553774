"""Load: many concurrent clients against the service as `make run` starts it, over loopback.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--json out.json]

Starts `.venv/bin/python -m api` (what `make run` runs) on a free loopback port with the
default limits, waits until it is ready, then runs N asyncio clients (httpx) for S seconds.
Each client sends one request after another: `POST /v1/analyse` with a realistic record
(bench/corpus.py recombines our synthetic tuning records, 60–400 words), and every fifth
request the same record to `POST /v2/check` as the LanguageTool extension sends it. It
reports the requests made, the throughput, the latency percentiles, the count of each status
(and of transport errors), and the server's resident memory sampled every second from /proc.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from corpus import records  # noqa: E402  (bench/corpus.py, beside this file)
from machine import percentile  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (uvicorn workers), from /proc, in MiB."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


@dataclass
class Server:
    """`python -m api` in a subprocess, its output in `log`."""

    proc: subprocess.Popen[bytes]
    base: str
    log: Path

    def rss_mib(self) -> float:
        return rss_mib(self.proc.pid)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)


def start_server(env: dict[str, str] | None = None, log: Path | None = None, timeout: float = 180) -> Server:
    """Start the service as `make run` does (`python -m api`, RECORDQA_PORT) and wait for /readyz."""
    port = free_port()
    if log is None:
        log = Path(os.environ.get("TMPDIR", "/tmp")) / f"recordqa-load-{port}.log"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RECORDQA_")}
    environ.update({"RECORDQA_HOST": "127.0.0.1", "RECORDQA_PORT": str(port), **(env or {})})
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "api"], cwd=ROOT, env=environ, stdout=out, stderr=out)
    server = Server(proc, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=server.base, timeout=5) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the service exited with {proc.returncode}:\n{server.output()[-2000:]}")
            try:
                if client.get("/readyz").status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    server.stop()
    raise RuntimeError("the service did not become ready")


@dataclass
class LoadReport:
    clients: int
    seconds: float
    requests: int
    throughput_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]
    rss_mib: list[tuple[float, float]] = field(default_factory=list)  # (seconds into the run, MiB)
    words_per_record: float = 0.0

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s.startswith("5") or not s.isdigit())

    def rss_summary(self) -> dict[str, float]:
        values = [m for _, m in self.rss_mib]
        if not values:
            return {}
        return {"start": values[0], "max": max(values), "end": values[-1]}

    def lines(self) -> list[str]:
        rss = self.rss_summary()
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        return [
            f"{self.clients} concurrent clients for {self.seconds:.0f} s: {self.requests} requests "
            f"({self.throughput_per_s:.1f}/s), records of {self.words_per_record:.0f} words on average",
            f"latency: p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, p99 {self.p99_ms:.0f} ms, "
            f"max {self.max_ms:.0f} ms",
            f"statuses: {statuses}",
            (
                f"server RSS: {rss['start']:.0f} MiB at the start, {rss['max']:.0f} MiB at most, "
                f"{rss['end']:.0f} MiB at the end"
                if rss
                else "server RSS: not sampled"
            ),
        ]


def bodies(n: int = 200) -> list[dict[str, Any]]:
    """Realistic records, JSON-ready: recombined tuning records with their record types and metadata."""
    return [r.model_dump(mode="json", exclude_defaults=True) for r in records(n)]


async def run_load(base: str, clients: int, seconds: float, sample_rss: Any = None, warm_up: float = 0.0) -> LoadReport:
    """`clients` loops of requests for `seconds` (after `warm_up` seconds not counted)."""
    recs = bodies()
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    rss: list[tuple[float, float]] = []
    start = time.monotonic()
    counting_from = start + warm_up
    stop_at = counting_from + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(k: int, http: httpx.AsyncClient) -> None:
        i = k
        while time.monotonic() < stop_at:
            rec = recs[i % len(recs)]
            i += clients
            t0 = time.monotonic()
            try:
                if i % 5 == 0:
                    r = await http.post("/v2/check", data={"text": rec["text"], "language": "en-GB"})
                else:
                    r = await http.post("/v1/analyse", json=rec)
                status = str(r.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            t1 = time.monotonic()
            if t0 >= counting_from:
                latencies.append((t1 - t0) * 1000)
                statuses[status] += 1

    async def sampler() -> None:
        while time.monotonic() < stop_at:
            if sample_rss is not None:
                rss.append((round(time.monotonic() - start, 1), sample_rss()))
            await asyncio.sleep(1.0)

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        await asyncio.gather(sampler(), *(client(k, http) for k in range(clients)))
    if sample_rss is not None:
        rss.append((round(time.monotonic() - start, 1), sample_rss()))
    took = time.monotonic() - counting_from
    done = len(latencies) or 1
    return LoadReport(
        clients=clients,
        seconds=seconds,
        requests=len(latencies),
        throughput_per_s=len(latencies) / took,
        p50_ms=percentile(latencies, 50) if latencies else 0.0,
        p95_ms=percentile(latencies, 95) if latencies else 0.0,
        p99_ms=percentile(latencies, 99) if latencies else 0.0,
        max_ms=max(latencies, default=0.0),
        statuses=dict(statuses),
        rss_mib=rss,
        words_per_record=sum(len(r["text"].split()) for r in recs) / len(recs) if done else 0.0,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--warm-up", type=float, default=0.0, help="seconds of load before counting starts")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    server = start_server()
    try:
        t0 = time.monotonic()
        report = asyncio.run(run_load(server.base, args.clients, args.seconds, server.rss_mib, args.warm_up))
        took = time.monotonic() - t0
    finally:
        server.stop()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("service: `python -m api` (as `make run` starts it), default limits, one worker")
    for line in report.lines():
        print(line)
    print(f"wall time {took:.1f} s; 5xx or transport errors: {report.server_errors}")
    if args.json:
        out = {**asdict(report), "server_errors": report.server_errors, "rss": report.rss_summary()}
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
