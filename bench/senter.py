"""Could the sentence recogniser stand in for the parser? Measured, not adopted.

    .venv/bin/python bench/senter.py [--records 500] [--repeats 3] [--json out.json]

recordqa's pipeline keeps the dependency parser: it sets sentence boundaries, and speaker
attribution (the subject of a speech verb), the child's reported views (the subject of
"said", "wants"...), the cast of people (names that are subjects) and the passive share
read its dependency labels. en_core_web_sm also ships `senter`, a small sentence
recogniser, disabled by default. This measures, on the benchmark records, the pipeline as
recordqa runs it against the same pipeline with `senter` in place of `parser`: the time,
and how often the two put sentence boundaries in the same places.
"""

from __future__ import annotations

import argparse
import collections
import json
import time

import spacy
from corpus import records
from machine import median

from recordqa import pipeline


def senter_pipeline() -> spacy.language.Language:
    nlp = spacy.load(pipeline.model_name(), exclude=[*pipeline.EXCLUDED, "parser"])
    nlp.enable_pipe("senter")
    nlp.add_pipe("rq_line_breaks", before="senter")
    return nlp


def run(n: int, repeats: int) -> dict[str, object]:
    texts = [r.text for r in records(n)]
    with_parser = pipeline.load()
    with_senter = senter_pipeline()
    for nlp in (with_parser, with_senter):
        collections.deque(nlp.pipe(texts[:64], batch_size=32), maxlen=0)
    times: dict[str, list[float]] = {"parser": [], "senter": []}
    for k in range(repeats):
        for name in ("parser", "senter") if k % 2 == 0 else ("senter", "parser"):
            nlp = with_parser if name == "parser" else with_senter
            t = time.perf_counter()
            collections.deque(nlp.pipe(texts, batch_size=32), maxlen=0)
            times[name].append(time.perf_counter() - t)
    same_docs = same_bounds = bounds = 0
    for a, b in zip(with_parser.pipe(texts, batch_size=32), with_senter.pipe(texts, batch_size=32), strict=True):
        sa = {s.start_char for s in a.sents}
        sb = {s.start_char for s in b.sents}
        same_docs += sa == sb
        same_bounds += len(sa & sb)
        bounds += len(sa)
    p, s = median(times["parser"]), median(times["senter"])
    return {
        "records": n,
        "repeats": repeats,
        "pipes_parser": with_parser.pipe_names,
        "pipes_senter": with_senter.pipe_names,
        "parser_ms_per_record": 1000 * p / n,
        "senter_ms_per_record": 1000 * s / n,
        "saving": 1 - s / p,
        "records_same_sentences": same_docs / n,
        "parser_boundaries_found_by_senter": same_bounds / max(1, bounds),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    out = run(args.records, args.repeats)
    print(f"with the parser ({', '.join(out['pipes_parser'])}): {out['parser_ms_per_record']:.1f} ms/record")  # type: ignore[arg-type]
    print(f"with senter instead ({', '.join(out['pipes_senter'])}): {out['senter_ms_per_record']:.1f} ms/record")  # type: ignore[arg-type]
    print(
        f"senter saves {out['saving']:.0%} of the parse; same sentences in {out['records_same_sentences']:.0%} of "
        f"records; {out['parser_boundaries_found_by_senter']:.1%} of the parser's sentence starts found by senter"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
