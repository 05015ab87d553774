"""Latency of one ~300-word record through the library, once the model is loaded.

    .venv/bin/python bench/latency.py [--runs 100]

Builds the record from our own tuning records (corpora/records), so anyone can rerun it.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import time
from pathlib import Path

from recordqa import engine, pipeline
from recordqa.models import Record

ROOT = Path(__file__).resolve().parents[1]


def record_of(words: int) -> Record:
    rows = [json.loads(line) for line in (ROOT / "corpora" / "records" / "tune.jsonl").read_text().splitlines()]
    text = ""
    for row in rows:
        text = (text + "\n" + row["text"]).strip()
        if len(text.split()) >= words:
            break
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return Record(text=text[: ends[min(words, len(ends)) - 1]], record_type="visit")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--words", type=int, default=300)
    args = ap.parse_args()
    t0 = time.perf_counter()
    pipeline.load()
    engine.analyse("Warm up: I saw Amy alone.")
    load = time.perf_counter() - t0
    rec = record_of(args.words)
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        engine.analyse(rec)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"model load and first record: {load:.2f} s")
    print(f"{len(rec.text.split())}-word record, {args.runs} runs: median {statistics.median(times):.1f} ms, "
          f"95th percentile {p95:.1f} ms")


if __name__ == "__main__":
    main()
