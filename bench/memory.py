"""Memory: resident memory of one process through a long run, sampled as it goes.

    .venv/bin/python bench/memory.py [--records 10000] [--every 500] [--json out.json]

One process, `engine.warm()`, then `engine.analyse_many` over --records generated records
(bench/corpus.py), each result serialised to JSON and dropped, as a batch job would. Every
--every records it notes the resident memory now (/proc/self/statm) and the peak so far
(getrusage): flat lines mean nothing accumulates per record.
"""

from __future__ import annotations

import argparse
import json
import time

from corpus import records
from machine import peak_rss_mib, rss_mib, warm

from recordqa import engine


def run(n: int, every: int) -> dict[str, object]:
    before = rss_mib()
    warm()
    warmed = rss_mib()
    recs = records(n)
    samples = [{"records": 0, "rss_mib": rss_mib(), "peak_rss_mib": peak_rss_mib(), "seconds": 0.0}]
    t = time.perf_counter()
    for k, res in enumerate(engine.analyse_many(recs), 1):
        if not isinstance(res, Exception):
            res.model_dump_json()
        if k % every == 0 or k == n:
            samples.append(
                {"records": k, "rss_mib": rss_mib(), "peak_rss_mib": peak_rss_mib(), "seconds": time.perf_counter() - t}
            )
    return {"records": n, "start_rss_mib": before, "warm_rss_mib": warmed, "samples": samples}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    out = run(args.records, args.every)
    print(f"interpreter and imports: {out['start_rss_mib']:.0f} MiB; loaded and warm: {out['warm_rss_mib']:.0f} MiB")
    print(f"{'records':>8} {'RSS MiB':>8} {'peak MiB':>9} {'seconds':>8}")
    for s in out["samples"]:  # type: ignore[attr-defined]
        print(f"{s['records']:>8} {s['rss_mib']:>8.0f} {s['peak_rss_mib']:>9.0f} {s['seconds']:>8.1f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
