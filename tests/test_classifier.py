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
