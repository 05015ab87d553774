"""Cost growth: time for one record of 100, 1,000, 10,000 and 100,000 characters.

    .venv/bin/python bench/growth.py [--sizes 100 1000 10000 100000] [--json out.json]

Each record is our tuning records one after another (bench/corpus.py), cut at a word, as
a long assessment or chronology is. After `engine.warm()`, each size goes through
`engine.analyse` several times (fewer for the long ones) and, for comparison, through the
bare spaCy pipeline. Time per character staying flat as records grow means linear cost.
"""

from __future__ import annotations

import argparse
import json
import time

from corpus import record_of_chars
from machine import median, warm

from recordqa import engine, pipeline

REPEATS = {100: 50, 1_000: 20, 10_000: 5, 100_000: 3}


def run(sizes: list[int]) -> list[dict[str, object]]:
    warm()
    nlp = pipeline.load()
    out = []
    for size in sizes:
        rec = record_of_chars(size)
        engine.analyse(rec)  # first time at this size
        full, parse = [], []
        for _ in range(REPEATS.get(size, 3)):
            t = time.perf_counter()
            engine.analyse(rec)
            full.append(time.perf_counter() - t)
            t = time.perf_counter()
            nlp(rec.text)
            parse.append(time.perf_counter() - t)
        f, p = median(full), median(parse)
        out.append(
            {
                "chars": len(rec.text),
                "words": len(rec.text.split()),
                "repeats": len(full),
                "full_ms": 1000 * f,
                "parse_ms": 1000 * p,
                "full_us_per_char": 1e6 * f / len(rec.text),
                "parse_us_per_char": 1e6 * p / len(rec.text),
            }
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 100_000])
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    out = run(args.sizes)
    print(f"{'chars':>8} {'words':>7} {'analyse ms':>11} {'µs/char':>8} {'parse ms':>9} {'µs/char':>8}")
    for r in out:
        print(
            f"{r['chars']:>8} {r['words']:>7} {r['full_ms']:>11.1f} {r['full_us_per_char']:>8.1f} "
            f"{r['parse_ms']:>9.1f} {r['parse_us_per_char']:>8.1f}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
