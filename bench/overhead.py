"""Overhead ratio: recordqa's full analysis against the bare spaCy pipeline, same records.

    .venv/bin/python bench/overhead.py [--records 2000] [--repeats 3] [--json out.json]

On the same records (bench/corpus.py: 60–400 words, generated from our tuning records with
a fixed seed), in one process, alternating block by block (128 records: bare then full,
then full then bare, ...), each repeat going through every record both ways:

- bare: `pipeline.load().pipe(texts, batch_size=32)` — the same components recordqa runs
  (tok2vec, tagger, line breaks, parser, attribute ruler, lemmatizer; NER excluded) and
  the batch size `engine.analyse_many` uses;
- full: `engine.analyse_many(records)` — the parse and every check, score and result.

Both are consumed one item at a time and not kept (as a batch job writing results does).
The process is warmed first with `engine.warm()`. Reports the ratio of the medians of the
repeats' totals (and each repeat's own ratio, to show the spread).
"""

from __future__ import annotations

import argparse
import collections
import json
import time

from corpus import records, words
from machine import batch_size, median, warm

from recordqa import engine, pipeline

BLOCK = 128  # records per interleaved block: four nlp.pipe / analyse_many batches


def run(n: int, repeats: int, block: int = BLOCK) -> dict[str, object]:
    recs = records(n)
    warm()
    nlp = pipeline.load()
    collections.deque(engine.analyse_many(recs[:64]), maxlen=0)  # first batches: caches filled
    blocks = [recs[k : k + block] for k in range(0, n, block)]
    bare: list[float] = []
    full: list[float] = []
    for rep in range(repeats):
        # Interleaved block by block (a few batches each), the order flipping every block,
        # so both sides see the same machine: a slow minute slows both.
        b = f = 0.0
        for k, chunk in enumerate(blocks):
            texts = [r.text for r in chunk]
            for which in ("bare", "full") if (k + rep) % 2 == 0 else ("full", "bare"):
                t = time.perf_counter()
                if which == "bare":
                    collections.deque(nlp.pipe(texts, batch_size=batch_size()), maxlen=0)
                    b += time.perf_counter() - t
                else:
                    collections.deque(engine.analyse_many(chunk), maxlen=0)
                    f += time.perf_counter() - t
        bare.append(b)
        full.append(f)
    bm, fm = median(bare), median(full)
    return {
        "records": n,
        "words": words(recs),
        "repeats": repeats,
        "block": block,
        "bare_s": bare,
        "full_s": full,
        "bare_median_s": bm,
        "full_median_s": fm,
        "ratio": fm / bm,
        "ratios": [x / y for x, y in zip(full, bare, strict=True)],
        "bare_ms_per_record": 1000 * bm / n,
        "full_ms_per_record": 1000 * fm / n,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    out = run(args.records, args.repeats)
    print(
        f"{out['records']} records ({out['words']} words), {out['repeats']} repeats each, alternating: "
        f"bare parse median {out['bare_median_s']:.2f} s ({out['bare_ms_per_record']:.1f} ms/record), "
        f"full analysis median {out['full_median_s']:.2f} s ({out['full_ms_per_record']:.1f} ms/record); "
        f"ratio of medians {out['ratio']:.3f} (each repeat: {', '.join(f'{r:.3f}' for r in out['ratios'])})"  # type: ignore[attr-defined]
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
