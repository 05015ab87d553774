"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SAMPLE = ROOT / "recordqa" / "data" / "sample_visit.txt"


def rq(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "recordqa", *args], input=stdin, capture_output=True, cwd=ROOT, env=env, timeout=300
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def test_check_marks_findings_in_place_and_prints_the_table() -> None:
    out = rq("check", str(SAMPLE), "--record-type", "visit", "--color", "never")
    assert out.returncode == 0, out.stderr
    assert "[SW](" in out.stdout  # the acronym is marked where it stands
    assert "jargon/acronym" in out.stdout and "Write 'social worker' in full." in out.stdout
    for check in ("child-voice", "seen-alone", "fact-opinion", "actions"):
        assert check in out.stdout
    assert "grade:" in out.stdout


def test_check_json_is_the_result_shape() -> None:
    out = rq("check", str(SAMPLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in (
        "record_type",
        "profile",
        "score",
        "grade",
        "addressed_to_child",
        "checks",
        "child_voice",
        "seen_alone",
        "sentences",
        "readability",
    ):
        assert key in data
    text = SAMPLE.read_text(encoding="utf-8")
    for check in data["checks"]:
        for f in check["findings"]:
            assert text[f["start"] : f["end"]] == f["text"]


def test_check_reads_standard_input() -> None:
    out = rq("check", "-", "--format", "json", stdin=b'Amy said, "I like it here."')
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["child_voice"]["quotes"][0]["text"] == "I like it here."


def test_jsonl_gives_one_line_per_input_line_errors_included(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": 'I saw Jo alone. She said, "I am fine."', "record_type": "visit"}),
                "{not json",
                json.dumps({"id": "b", "text": "   "}),
                json.dumps({"id": "c", "text": "Mum is chaotic.", "record_type": "nonsense"}),
                json.dumps({"id": "d", "text": "Case closed."}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = rq("check", "--jsonl", str(src))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, "b", None, "d"]
    assert rows[1]["error"]["code"] == "RQE104" and rows[1]["line"] == 2
    assert rows[2]["error"]["code"] == "RQE101"
    assert rows[3]["error"]["code"] == "RQE105" and "record_type" in rows[3]["error"]["message"]
    assert rows[4]["record_type"] == "case_note"
    assert out.returncode == 3  # some records could not be analysed


def test_bytes_that_are_not_utf8_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "note.txt"
    bad.write_bytes("Mum said caf\u00e9".encode("latin-1"))
    out = rq("check", str(bad))
    assert out.returncode == 3
    assert "note.txt is not UTF-8" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(("content", "code"), [("", "RQE101"), ("  \n ", "RQE101")])
def test_empty_files_are_refused_clearly(tmp_path: Path, content: str, code: str) -> None:
    f = tmp_path / "empty.txt"
    f.write_text(content, encoding="utf-8")
    out = rq("check", str(f))
    assert out.returncode == 3 and code in out.stderr and "Traceback" not in out.stderr


def test_missing_file_and_unknown_profile() -> None:
    assert "no such file" in rq("check", "does-not-exist.txt").stderr
    out = rq("check", str(SAMPLE), "--profile", "atlantis")
    assert out.returncode == 3 and "Unknown profile 'atlantis'" in out.stderr


def test_fail_on_error_exits_one() -> None:
    out = rq("check", "-", "--fail-on", "error", "--record-type", "visit", stdin=b"Dad said it was rough handling.")
    assert out.returncode == 1


def test_explain_prints_what_why_and_the_standards() -> None:
    out = rq("explain", "minimising-language")
    assert out.returncode == 0
    assert "## Why it matters" in out.stdout
    assert "000_21d4c26a094ea204.txt" in out.stdout and "rough handling" in out.stdout
    as_json = json.loads(rq("explain", "jargon/acronym", "--format", "json").stdout)
    assert as_json["id"] == "jargon" and as_json["standards"]
    assert rq("explain", "nonsense").returncode == 3


def test_evaluate_prints_every_metric(tmp_path: Path) -> None:
    gold = ROOT / "corpora" / "records" / "tune.jsonl"
    out = rq("evaluate", str(gold), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["records"] == sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if line.strip())
    assert set(data["spans"]) >= {"child_quotes", "adult_quotes", "unattributed_opinions", "jargon", "minimising"}
    assert set(data["verdicts"]) >= {"seen_alone", "analysis", "actions"}
