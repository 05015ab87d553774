"""Audit inputs: every bad input kind gives its error row (or, for an input that cannot be read
at all, a clear message and exit 2), and the rest of the batch goes on."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from recordqa.cli import main
from recordqa.errors import Code, InputError
from recordqa.inputs import ColumnMap, Item, read_inputs
from recordqa.store.rows import ErrorRow
from tests.conftest import GOLD_DEV

NOTE = "Visit to Amy. I saw Amy alone in her room and she said she likes school."
SECRET = "Zebedee-private-words"  # note text that must never reach a message


def entries(*paths: Path, columns: ColumnMap | None = None) -> list[Item | ErrorRow]:
    return list(read_inputs(list(paths), columns))


def codes(items: list[Item | ErrorRow]) -> list[str]:
    return ["ok" if isinstance(e, Item) else e.code for e in items]


def no_text_in_messages(items: list[Item | ErrorRow]) -> None:
    for e in items:
        if isinstance(e, ErrorRow):
            assert SECRET not in e.message and NOTE not in e.message


def test_csv_with_column_map_and_every_row_kind(tmp_path: Path) -> None:
    p = tmp_path / "export.csv"
    p.write_text(
        "Ref,Body,Kind,Date of visit,Written,SW,Team,Case\n"
        f'r1,"{NOTE}",visit,2025-01-02,03/01/2025,W01,North,C9\n'
        f'r2,"{SECRET} {NOTE}",visit,2025-13-40,,W01,North,C9\n'
        "r3,,visit,,,W01,North,C9\n"
        f'r4,"{SECRET}",dinner,,,W01,North,C9\n'
        f'r1,"{NOTE}",visit,,,W01,North,C9\n'
        f'r5,"{NOTE}",visit,,,W01,North\n'
        f'r6,"{"x" * 200_001}",visit,,,W01,North,C9\n'
        f',"{NOTE}",,,,,,\n',
        encoding="utf-8",
    )
    cols = ColumnMap(
        id="Ref", text="Body", record_type="Kind", event_date="Date of visit", recorded_date="Written",
        worker="SW", team="Team", case_id="Case",
    )
    got = entries(p, columns=cols)
    assert codes(got) == [
        "ok", Code.BAD_DATE, Code.EMPTY_TEXT, Code.UNKNOWN_RECORD_TYPE, Code.DUPLICATE_ID, Code.BAD_CSV,
        Code.TOO_LONG, "ok",
    ]
    first = got[0]
    assert isinstance(first, Item) and first.key == "r1"
    md = first.record.metadata
    assert (md.event_date, md.recorded_date, md.worker, md.team, md.case_id) == (
        date(2025, 1, 2), date(2025, 1, 3), "W01", "North", "C9",
    )
    assert first.record.record_type == "visit"
    last = got[-1]
    assert isinstance(last, Item) and last.key.endswith("export.csv:9")  # no id: the file and row
    no_text_in_messages(got)


def test_malformed_csv_rows_and_the_rest_go_on(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_bytes(
        b"id,text\n"
        b'a,"' + NOTE.encode() + b'"\n'
        b'b,"bad "quote" inside' + SECRET.encode() + b'"\n'
        b"c,\xff\xfe" + SECRET.encode() + b"\n"
        b"d,\"" + NOTE.encode() + b"\"\n"
    )
    got = entries(p)
    assert codes(got) == ["ok", Code.BAD_CSV, Code.NOT_UTF8, "ok"]
    no_text_in_messages(got)


def test_csv_without_the_text_column_says_which_option(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text(f"id,note\n1,{NOTE}\n", encoding="utf-8")
    (row,) = entries(p)
    assert isinstance(row, ErrorRow) and row.code == Code.MISSING_TEXT and "--text-col" in row.message


def test_csv_unclosed_quote_at_the_end(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text(f'id,text\n1,"{NOTE}"\n2,"{SECRET} never closed\n', encoding="utf-8")
    got = entries(p)
    assert codes(got) == ["ok", Code.BAD_CSV]
    no_text_in_messages(got)


def test_jsonl_bad_lines_and_the_gold_shape(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "g1", "text": NOTE, "record_type": "visit",
                    "metadata": {"worker": "W03", "team": "North", "event_date": "2025-02-11", "child_names": ["Amy"]},
                    "gold": {"seen_alone": "alone"}}).encode(),
        b'{"id": "broken", "text": "' + SECRET.encode() + b'"',
        b"[1, 2]",
        b'{"id": "nu", "text": "\xff' + SECRET.encode() + b'"}',
        json.dumps({"id": "flat", "text": NOTE, "worker": "W04", "recorded_date": "2025-01-01"}).encode(),
        json.dumps({"id": "num", "text": 42}).encode(),
        json.dumps({"id": "none"}).encode(),
        b'{"id": "lone", "text": "Visit \\ud800 ' + SECRET.encode() + b'"}',
        b"",
    ]
    p.write_bytes(b"\n".join(lines) + b"\n")
    got = entries(p)
    assert codes(got) == ["ok", Code.BAD_JSON, Code.BAD_RECORD, Code.NOT_UTF8, "ok", Code.BAD_RECORD, Code.MISSING_TEXT, Code.NOT_UTF8]
    g1 = got[0]
    assert isinstance(g1, Item) and g1.record.metadata.worker == "W03" and g1.record.metadata.child_names == ["Amy"]
    assert g1.record.metadata.event_date == date(2025, 2, 11)
    flat = got[4]
    assert isinstance(flat, Item) and flat.record.metadata.worker == "W04"
    assert got[1].key.endswith("in.jsonl:2")  # a line that is not JSON: keyed by its place
    no_text_in_messages(got)


def test_folder_recursive_sorted_with_bad_files(tmp_path: Path) -> None:
    import docx

    d = tmp_path / "notes"
    (d / "sub").mkdir(parents=True)
    (d / "b.txt").write_text(NOTE, encoding="utf-8")
    (d / "a.md").write_text(NOTE, encoding="utf-8")
    (d / "sub" / "c.txt").write_bytes(b"\xff\xfe" + SECRET.encode())
    (d / "sub" / "fake.docx").write_text(SECRET, encoding="utf-8")
    (d / "sub" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (d / ".hidden.txt").write_text(NOTE, encoding="utf-8")
    real = docx.Document()
    real.add_paragraph(NOTE)
    real.save(str(d / "sub" / "real.docx"))
    got = entries(d)
    keys = [e.key.split("notes/")[1] for e in got]
    assert keys == ["a.md", "b.txt", "sub/c.txt", "sub/fake.docx", "sub/real.docx", "sub/scan.pdf"]
    assert codes(got) == ["ok", "ok", Code.NOT_UTF8, Code.BAD_DOCX, "ok", Code.UNSUPPORTED_FILE]
    real_item = got[4]
    assert isinstance(real_item, Item) and real_item.record.text.strip() == NOTE
    no_text_in_messages(got)


def test_empty_folder_and_missing_file_are_clear_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        entries(tmp_path / "empty")
    assert caught.value.code == Code.EMPTY_INPUT
    assert main(["audit", str(tmp_path / "empty"), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    assert "no files to audit" in capsys.readouterr().err
    assert main(["audit", str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "x", "text": NOTE}) + "\n", encoding="utf-8")
    b.write_text(json.dumps({"id": "x", "text": NOTE}) + "\n", encoding="utf-8")
    got = entries(a, b)
    assert codes(got) == ["ok", Code.DUPLICATE_ID]
    assert got[1].key != got[0].key


@pytest.mark.skipif(not GOLD_DEV.exists(), reason="../shared/gold/dev.jsonl is not beside the repository")
def test_gold_dev_reads_whole() -> None:
    got = entries(GOLD_DEV)
    assert all(isinstance(e, Item) for e in got) and len(got) == len(GOLD_DEV.read_text().splitlines())
