"""The fact/opinion classifier: training is reproducible and the shipped model loads."""

from __future__ import annotations

import json
from pathlib import Path

import joblib
import numpy as np

from recordqa import classifier

from .conftest import ROOT


def _small_corpus(path: Path) -> Path:
    rows = [
        json.loads(line)
        for line in (ROOT / "corpora" / "fact_opinion" / "sentences.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()[:600]
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_training_twice_gives_the_same_model(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path / "c.jsonl")
    a = classifier.train([corpus], tmp_path / "a")
    b = classifier.train([corpus], tmp_path / "b")
    assert a.macro_f1 == b.macro_f1 and a.report == b.report
    ma = joblib.load(tmp_path / "a" / classifier.MODEL_FILE)["model"]
    mb = joblib.load(tmp_path / "b" / classifier.MODEL_FILE)["model"]
    assert np.array_equal(ma.named_steps["clf"].coef_, mb.named_steps["clf"].coef_)
    card = (tmp_path / "a" / "fact_opinion.md").read_text(encoding="utf-8")
    assert "Metrics on held-back sentences" in card and "macro-F1" in card


def test_shipped_model_separates_the_labels() -> None:
    model = classifier.load_model()["model"]
    predicted = model.predict(
        [
            "I saw a bruise on her left arm.",
            "Her teacher told me she has been late three times.",
            "In my view she needs a medical because the bruise is on her arm.",
            "Mum is not coping and the house is a disgrace.",
            "I will visit again on 4 June.",
        ]
    )
    assert list(predicted) == ["observed", "reported", "opinion_attributed", "opinion_unattributed", "other"]


def _sentences() -> list[str]:
    out = []
    for name in ("sentences.jsonl", "hand.jsonl", "supplement.jsonl"):
        path = ROOT / "corpora" / "fact_opinion" / name
        out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def test_the_fast_path_gives_the_models_own_probabilities_bit_for_bit() -> None:
    model = classifier.load_model()["model"]
    assert classifier.FastModel.supports(model)
    fast = classifier.FastModel(model)
    texts = [*_sentences(), "", "   ", "I  saw\tAmy\n\nalone.", "Ünïcödé café — naïve “quotes”", "x" * 300]
    expected = model.predict_proba(texts)
    assert np.array_equal(fast.predict_proba(texts), expected)  # one batch
    for k in range(0, len(texts), 97):  # and in pieces, with the word cache warm
        assert np.array_equal(fast.predict_proba(texts[k : k + 97]), expected[k : k + 97])
    assert np.array_equal(classifier.probabilities(texts[:50]), expected[:50])


def test_a_model_it_does_not_know_goes_through_the_pipeline() -> None:
    model = classifier.load_model()["model"]
    other = classifier.build_model()
    other.steps[0][1].transformer_list.pop()  # no cue features: not the shape FastModel knows
    assert classifier.FastModel.supports(model) and not classifier.FastModel.supports(other)


def test_a_batch_labels_each_record_as_it_would_alone() -> None:
    from recordqa import engine
    from recordqa.models import Record

    rows = [json.loads(line) for line in (ROOT / "corpora" / "records" / "tune.jsonl").read_text().splitlines()]
    records = [Record.model_validate(r) for r in rows[:40]]
    together = list(engine.analyse_many(records))
    for rec, res in zip(records, together, strict=True):
        assert engine.analyse(rec) == res
