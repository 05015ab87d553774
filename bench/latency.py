"""Latency of one ~300-word record through the library, once the model is loaded.

    .venv/bin/python bench/latency.py [--runs 100] [--words 300] [--json out.json]

Builds the record from our own tuning records (corpora/records), so anyone can rerun it.
The process is warmed first with `engine.warm()` (as the service does); then the same
record goes through `engine.analyse` --runs times, and, for comparison, through the bare
spaCy pipeline alone.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import time
from pathlib import Path

from machine import median, percentile, warm

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


def run(runs: int, words: int) -> dict[str, object]:
    t0 = time.perf_counter()
    warm()
    load = time.perf_counter() - t0
    rec = record_of(words)
    nlp = pipeline.load()
    for _ in range(5):
        engine.analyse(rec)
    times, parse = [], []
    for _ in range(runs):
        t = time.perf_counter()
        engine.analyse(rec)
        times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        nlp(rec.text)
        parse.append((time.perf_counter() - t) * 1000)
    return {
        "words": len(rec.text.split()),
        "runs": runs,
        "load_s": load,
        "median_ms": median(times),
        "p95_ms": percentile(times, 95),
        "parse_median_ms": median(parse),
        "parse_p95_ms": percentile(parse, 95),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    out = run(args.runs, args.words)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"model load, warm-up and first record: {out['load_s']:.2f} s")
    print(
        f"{out['words']}-word record, {out['runs']} runs: median {out['median_ms']:.1f} ms, "
        f"95th percentile {out['p95_ms']:.1f} ms "
        f"(the bare parse alone: median {out['parse_median_ms']:.1f} ms, 95th percentile {out['parse_p95_ms']:.1f} ms)"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
