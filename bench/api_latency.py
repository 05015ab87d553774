"""Latency of POST /v1/analyse over real HTTP, one request at a time, once the service is warm.

    .venv/bin/python bench/api_latency.py [--runs 100] [--words 300] [--json out.json]

Starts the service (uvicorn, one worker) on a free loopback port, posts the same ~300-word
record as bench/latency.py builds (from our tuning records) N times with httpx, and prints
the median and the 95th percentile of the round trip: JSON in, analysis, JSON out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from latency import record_of  # bench/latency.py, beside this file
from machine import median, percentile

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "RECORDQA_API_KEYS": ""},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        t0 = time.perf_counter()
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                try:
                    if client.get("/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None or time.perf_counter() - t0 > 120:
                    raise SystemExit("the service did not start")
                time.sleep(0.05)
            ready = time.perf_counter() - t0
            rec = record_of(args.words)
            body = {"text": rec.text, "record_type": rec.record_type}
            client.post("/v1/analyse", json=body).raise_for_status()  # first request: connection set up
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                r = client.post("/v1/analyse", json=body)
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
        out = {
            "words": len(rec.text.split()),
            "runs": args.runs,
            "ready_s": ready,
            "median_ms": median(times),
            "p95_ms": percentile(times, 95),
        }
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}"
        )
        print(f"service start to ready (model loaded and warm): {ready:.2f} s")
        print(
            f"POST /v1/analyse, {out['words']}-word record, {args.runs} sequential requests: "
            f"median {out['median_ms']:.1f} ms, 95th percentile {out['p95_ms']:.1f} ms"
        )
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(out, f, indent=1)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
