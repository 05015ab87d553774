"""Where the time goes after the parse: each shared stage and each check, per record.

    .venv/bin/python bench/stages.py [--records 300]

Parses the benchmark records first (bench/corpus.py), then times, record by record, the
shared stages every check reads (sentence index, layout and sentences, quotes, the cast of
people, quote speakers, sentence labels), then each check, then building the Result.
A check's time excludes the shared stages (they are forced first), so the rows add up. As in
engine.analyse_many, the classifier scores each batch of 32 records' sentences in one call.
"""

from __future__ import annotations

import argparse
import collections
import time
from collections import defaultdict

from corpus import records
from machine import warm

from recordqa import classifier, engine, pipeline, profiles
from recordqa.checks import REGISTRY
from recordqa.checks.jargon import all_hits
from recordqa.checks.readability import figures
from recordqa.checks.respectful import word_hits
from recordqa.context import make_context

STAGES = {
    "context: sentence index (tokens, sentences)": lambda c: c.index,
    "context: layout and sentences": lambda c: c.sentences,
    "context: quotations": lambda c: c.quote_spans,
    "context: cast of people": lambda c: c.cast,
    "context: quote speakers": lambda c: c.quotes,
    "context: word-list matches (respectful, jargon, minimising: one scan)": lambda c: c.word_list_spans("jargon"),
    "context: respectful-language words (read by labels)": word_hits,
    "context: sentence labels (rules on the classifier's probabilities)": lambda c: c.labels,
    "context: jargon hits (read by readability)": all_hits,
    "context: readability figures (textstat)": figures,
}


def measure(n: int) -> tuple[float, dict[str, float]]:
    """Milliseconds per record: the parse, and each stage after it."""
    recs = records(n)
    warm()
    list(engine.analyse_many(recs[:64]))  # caches filled
    t = time.perf_counter()
    docs = list(pipeline.parse_many(r.text for r in recs))
    parse_ms = 1000 * (time.perf_counter() - t) / n
    out: dict[str, float] = defaultdict(float)
    for lo in range(0, n, engine.BATCH):
        # As engine.analyse_many does: a batch's sentences go through the classifier at once.
        ctxs = []
        for doc, rec in zip(docs[lo : lo + engine.BATCH], recs[lo : lo + engine.BATCH], strict=True):
            prof = profiles.load(rec.profile or "default")
            rtype = rec.record_type or engine.infer_record_type(rec.text)
            t = time.perf_counter()
            ctxs.append(make_context(doc, rec, rtype, prof))
            out["context: make"] += time.perf_counter() - t
        for ctx in ctxs:
            for name in ("context: sentence index (tokens, sentences)", "context: layout and sentences"):
                t = time.perf_counter()
                STAGES[name](ctx)
                out[name] += time.perf_counter() - t
        t = time.perf_counter()
        classifier.prefill(ctxs)
        out["context: classifier probabilities (one call per batch)"] += time.perf_counter() - t
        for ctx in ctxs:
            for name, stage in STAGES.items():
                t = time.perf_counter()
                stage(ctx)
                out[name] += time.perf_counter() - t
            for cid, check in REGISTRY.items():
                t = time.perf_counter()
                check.run(ctx)
                out["check: " + cid] += time.perf_counter() - t
    t = time.perf_counter()
    collections.deque(engine.analyse_many(recs), maxlen=0)
    out["(whole analysis, again, for the total)"] = time.perf_counter() - t
    return parse_ms, {k: 1000 * v / n for k, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300)
    args = ap.parse_args()
    parse_ms, stages = measure(args.records)
    total = stages.pop("(whole analysis, again, for the total)")
    print(
        f"{args.records} records: engine.analyse_many {total:.2f} ms/record; the parse alone (nlp.pipe) "
        f"{parse_ms:.2f} ms/record; the stages after it, each timed on its own, add up to {sum(stages.values()):.2f} ms/record"
        f" (more than the {total - parse_ms:.2f} ms measured after the parse: timed apart, each pays its own set-up)"
    )
    for name, ms in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {ms:7.3f} ms  {name}")


if __name__ == "__main__":
    main()
