"""Audit throughput and memory: `recordqa audit` over generated records with the local engine.

    .venv/bin/python bench/audit.py [--records 10000] [--jobs N] [--every 5] [--json out.json]

Writes --records records (bench/corpus.py: 60-400 words, most 100-200, recombined from our
synthetic tuning records) as JSON Lines with ids, workers, teams and dates, then runs
`recordqa audit` on them in a fresh temporary folder (a new SQLite store, outputs in --out)
exactly as a user would, and samples the resident memory of the parent and of each worker
process every --every seconds (psutil). Reports records per second over the whole run
(start-up, pipeline loading and writing the reports included) and over the scoring alone
(from the first to the last chunk saved), and the memory samples: flat lines mean nothing
accumulates per record.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from corpus import records
from machine import info

ROOT = Path(__file__).resolve().parents[1]


def write_input(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, rec in enumerate(records(n)):
            obj = rec.model_dump(mode="json", exclude_none=True)
            obj["id"] = f"bench-{i:06d}"
            md = obj.setdefault("metadata", {})
            md["worker"] = f"W{i % 23:02d}"
            md["team"] = ("North", "South", "East", "West")[i % 4]
            fh.write(json.dumps(obj) + "\n")


def scored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return int(c.execute("select count(*) from records").fetchone()[0])
    except sqlite3.Error:
        return 0


def run(n: int, jobs: int | None, every: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="recordqa-bench-audit-") as tmp:
        d = Path(tmp)
        src = d / "in.jsonl"
        write_input(src, n)
        db = d / "audit.db"
        cmd = [sys.executable, "-m", "recordqa", "audit", str(src), "--db", f"sqlite:///{db}", "--out", str(d / "out"),
               "--quiet"] + (["--jobs", str(jobs)] if jobs else [])  # fmt: skip
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        parent = psutil.Process(proc.pid)
        samples: list[dict[str, object]] = []
        first_at: float | None = None
        first_n = 0
        last_at, last_n = 0.0, 0
        while proc.poll() is None:
            time.sleep(every)
            try:
                children = parent.children(recursive=True)
                parent_rss = parent.memory_info().rss / 2**20
                workers = sorted(c.memory_info().rss / 2**20 for c in children if c.is_running())
            except psutil.Error:
                continue
            k = scored(db)
            now = time.perf_counter() - t0
            if k and first_at is None:
                first_at, first_n = now, k
            if k > last_n:
                last_at, last_n = now, k
            samples.append({"seconds": round(now, 1), "records": k, "parent_mib": round(parent_rss, 1),
                            "workers_mib": [round(w, 1) for w in workers]})  # fmt: skip
        out, err = proc.communicate()
        total = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"audit failed ({proc.returncode}): {err[-2000:]}")
        steady = (last_n - first_n) / (last_at - first_at) if first_at is not None and last_at > first_at else None
        return {
            "records": n,
            "jobs": jobs or len(os.sched_getaffinity(0)),
            "seconds": round(total, 1),
            "records_per_second": round(n / total, 2),
            "scoring_records_per_second": round(steady, 2) if steady else None,
            "summary": out.strip().splitlines()[0],
            "samples": samples,
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--every", type=float, default=5.0, help="seconds between memory samples")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    res = run(args.records, args.jobs, args.every)
    res["machine"] = info()
    print(json.dumps(res["machine"]))
    print(res["summary"])
    print(
        f"{res['records']} records, {res['jobs']} worker processes: {res['seconds']} s, "
        f"{res['records_per_second']} records/s overall, {res['scoring_records_per_second']} records/s while scoring"
    )
    print(f"{'seconds':>8} {'records':>8} {'parent MiB':>11}  workers MiB")
    for s in res["samples"]:  # type: ignore[attr-defined]
        print(f"{s['seconds']:>8} {s['records']:>8} {s['parent_mib']:>11}  {s['workers_mib']}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
