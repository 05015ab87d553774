"""Measure the analyser against a hand-labelled gold file (shared/gold/*.jsonl)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine import analyse_many
from .errors import Code, InputError
from .models import Record, Result

SPAN_LISTS = (
    "child_quotes",
    "adult_quotes",
    "unattributed_opinions",
    "attributed_opinions",
    "jargon",
    "explained_acronyms",
    "minimising",
    "pejorative",
)
VERDICTS = ("seen_alone", "seen_alone_reason", "plain_english", "analysis", "actions", "to_child")
JARGON_CODES = {"jargon/acronym", "jargon/term"}


def _norm(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^(?:[-*•]|\d{1,2}[.)])\s+", "", s)


@dataclass
class SpanScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: list[str], gold: list[str]) -> None:
        p, g = Counter(map(_norm, predicted)), Counter(map(_norm, gold))
        tp = sum((p & g).values())
        self.tp += tp
        self.fp += sum(p.values()) - tp
        self.fn += sum(g.values()) - tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    records: int = 0
    errors: list[str] = field(default_factory=list)
    spans: dict[str, SpanScore] = field(default_factory=lambda: {k: SpanScore() for k in SPAN_LISTS})
    verdicts: dict[str, list[bool]] = field(default_factory=lambda: {k: [] for k in VERDICTS})
    adult_as_child: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def accuracy(self, key: str) -> float:
        v = self.verdicts[key]
        return sum(v) / len(v) if v else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "errors": self.errors,
            "spans": {
                k: {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                }
                for k, s in self.spans.items()
            },
            "verdicts": {k: {"accuracy": round(self.accuracy(k), 3), "n": len(v)} for k, v in self.verdicts.items()},
            "adult_quotes_counted_as_child": self.adult_as_child,
        }


def compare(result: Result, text: str) -> dict[str, Any]:
    """The gold-comparable view of a result."""
    sents = {
        lab: [text[s.start : s.end] for s in result.sentences if s.label == lab]
        for lab in ("opinion_unattributed", "opinion_attributed")
    }
    quotes = result.child_voice.quotes
    findings = {c.id: c.findings for c in result.checks}
    jargon = result.check("jargon")
    pred: dict[str, Any] = {
        "child_quotes": [q.text for q in quotes if q.speaker_role == "child"],
        "adult_quotes": [q.text for q in quotes if q.speaker_role == "adult"],
        "unattributed_opinions": sents["opinion_unattributed"],
        "attributed_opinions": sents["opinion_attributed"],
        "jargon": [f.text for f in findings["jargon"] if f.code in JARGON_CODES],
        "explained_acronyms": list((jargon.detail or {}).get("explained_acronyms", [])),
        "minimising": [f.text for f in findings["minimising-language"]],
        "pejorative": [
            f.text
            for f in sorted(findings["respectful-language"] + findings["report-tone"], key=lambda f: f.start)
            if f.severity != "suggestion"
        ],
        "seen_alone": result.seen_alone.status,
        "seen_alone_reason": result.seen_alone.reason_given,
        "plain_english": (result.check("readability").detail or {}).get("plain_english"),
        "analysis": (result.check("analysis").detail or {}).get("present"),
        "actions": (result.check("actions").detail or {}).get("verdict"),
        "to_child": result.addressed_to_child,
    }
    return pred


def read_gold(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(Code.NOT_UTF8, f"{path} is not UTF-8 text (byte {exc.start}).") from exc
    except OSError as exc:
        raise InputError(Code.NO_SUCH_FILE, f"Cannot read {path}: {exc.strerror}.") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(Code.BAD_JSON, f"{path}:{n}: not valid JSON ({exc.msg}).") from exc
        if not isinstance(row, dict) or "gold" not in row or "text" not in row:
            raise InputError(Code.BAD_RECORD, f"{path}:{n}: a gold record needs 'text' and 'gold'.")
        rows.append(row)
    return rows


def evaluate(path: Path, profile: str | None = None) -> Evaluation:
    rows = read_gold(path)
    ev = Evaluation()
    records = [Record.model_validate(r) for r in rows]
    for row, rec, res in zip(rows, records, analyse_many(records, profile=profile), strict=False):
        ev.records += 1
        if isinstance(res, InputError):
            ev.errors.append(f"{row.get('id')}: {res.message}")
            continue
        gold = row["gold"]
        pred = compare(res, rec.text)
        for key in SPAN_LISTS:
            ev.spans[key].add(pred[key], gold.get(key) or [])
        for key in VERDICTS:
            if key == "seen_alone_reason" and gold.get("seen_alone") not in ("not_alone", "not_seen"):
                continue
            ok = pred[key] == gold.get(key)
            ev.verdicts[key].append(ok)
            if not ok:
                ev.misses.append({"id": row.get("id"), "key": key, "gold": gold.get(key), "predicted": pred[key]})
        child = Counter(map(_norm, pred["child_quotes"]))
        ev.adult_as_child += sum((child & Counter(map(_norm, gold.get("adult_quotes") or []))).values())
        for key in SPAN_LISTS:
            p, g = Counter(map(_norm, pred[key])), Counter(map(_norm, gold.get(key) or []))
            extra, missing = list((p - g).elements()), list((g - p).elements())
            if extra or missing:
                ev.misses.append({"id": row.get("id"), "key": key, "extra": extra, "missing": missing})
    return ev


def table(ev: Evaluation) -> str:
    lines = [
        f"{ev.records} records" + (f", {len(ev.errors)} not analysed" if ev.errors else ""),
        "",
        f"{'span list':<24}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}",
    ]
    for k, s in ev.spans.items():
        lines.append(f"{k:<24}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    lines += ["", f"{'verdict':<24}{'accuracy':>10}{'n':>5}"]
    for k in VERDICTS:
        lines.append(f"{k:<24}{ev.accuracy(k):>10.3f}{len(ev.verdicts[k]):>5}")
    lines += ["", f"adult quotes counted as the child's: {ev.adult_as_child}"]
    return "\n".join(lines)
