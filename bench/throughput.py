"""Throughput and scaling: records and words per second with 1 and 2 worker processes.

    .venv/bin/python bench/throughput.py [--records 2000] [--processes 1 2] [--json out.json]

Batch scoring as a job would run it: a multiprocessing pool, one spaCy pipeline per
process (each worker loads and warms its own with `engine.warm()` before the clock
starts), the records (bench/corpus.py) sent in chunks of 64; each worker runs
`engine.analyse_many` on its chunk and serialises every result to JSON, as
`recordqa check --jsonl` writes it. Also reports each worker's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import time

from corpus import records, words
from machine import peak_rss_mib, warm

from recordqa import engine
from recordqa.models import Record

CHUNK = 64


def _init() -> None:
    warm()


def _ready(_: int) -> int:
    time.sleep(0.2)  # long enough for every worker to take one: each has finished _init
    return os.getpid()


def _score(chunk: list[Record]) -> tuple[int, int]:
    n = size = 0
    for res in engine.analyse_many(chunk):
        if not isinstance(res, Exception):
            size += len(res.model_dump_json())
        n += 1
    return n, size


def _peak(_: int) -> tuple[int, float]:
    time.sleep(0.2)
    return os.getpid(), peak_rss_mib()


def run(n: int, processes: int) -> dict[str, object]:
    recs = records(n)
    chunks = [recs[k : k + CHUNK] for k in range(0, n, CHUNK)]
    ctx = mp.get_context("spawn")  # a fresh interpreter per worker, on every platform
    with ctx.Pool(processes, initializer=_init) as pool:
        while len(set(pool.map(_ready, range(processes * 2), chunksize=1))) < processes:
            pass
        t = time.perf_counter()
        done = pool.map(_score, chunks, chunksize=1)
        elapsed = time.perf_counter() - t
        peaks = dict(pool.map(_peak, range(processes * 2), chunksize=1))
    return {
        "processes": processes,
        "records": sum(d[0] for d in done),
        "words": words(recs),
        "seconds": elapsed,
        "records_per_s": n / elapsed,
        "words_per_s": words(recs) / elapsed,
        "json_mib": sum(d[1] for d in done) / 2**20,
        "worker_peak_rss_mib": sorted(peaks.values()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    out = []
    for p in args.processes:
        r = run(args.records, p)
        out.append(r)
        print(
            f"{p} process{'es' * (p > 1)}: {r['records']} records in {r['seconds']:.1f} s = "
            f"{r['records_per_s']:.1f} records/s, {r['words_per_s']:,.0f} words/s; "
            f"worker peak RSS {', '.join(f'{m:.0f}' for m in r['worker_peak_rss_mib'])} MiB"  # type: ignore[union-attr]
        )
    if len(out) > 1:
        base = out[0]["records_per_s"]
        for r in out[1:]:
            print(f"scaling {out[0]['processes']} -> {r['processes']} processes: {r['records_per_s'] / base:.2f}x")  # type: ignore[operator]
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
