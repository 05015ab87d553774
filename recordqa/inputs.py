"""Audit inputs: a folder of .txt/.md/.docx files, a CSV or a JSON Lines export.

Every input item becomes either an `Item` (a Record with a stable key and a source) or an
`ErrorRow` with a coded reason: nothing is dropped. Messages name the file, row or line and
the field, never the note's text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import Code, InputError
from .limits import check_text
from .models import RECORD_TYPES, Metadata, Record
from .store.rows import ErrorRow

FOLDER_SUFFIXES = (".txt", ".md", ".docx")
CSV_FIELD_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which column (CSV) or field (JSON Lines) holds what."""

    id: str = "id"
    text: str = "text"
    record_type: str = "record_type"
    event_date: str = "event_date"
    recorded_date: str = "recorded_date"
    worker: str = "worker"
    team: str = "team"
    case_id: str = "case_id"


@dataclass(frozen=True, slots=True)
class Item:
    """One record to score: its stable key (unique in the store) and where it came from."""

    key: str
    source: str
    record: Record = field(repr=False)  # never in a log line: a repr names the key and the source only


Entry = Item | ErrorRow


def display_path(path: Path) -> str:
    """The path as keys and sources name it: relative to the current folder when inside it (so a
    run from the same folder gives the same keys), absolute otherwise."""
    p = path.resolve()
    try:
        return p.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def _err(key: str, source: str, code: Code, message: str) -> ErrorRow:
    return ErrorRow(key=key, run_id="", source=source, code=code.value, message=message)


_SAFE_VALUE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-")


def _shown(value: str) -> str:
    """A short field value (a record type) quoted in a message, only when it cannot be note text."""
    v = value.strip()
    return repr(v) if len(v) <= 30 and set(v) <= _SAFE_VALUE else "(a value that is not a record type)"


def parse_date(value: str) -> date:
    """YYYY-MM-DD (a time after it is ignored) or DD/MM/YYYY, as case systems export them."""
    v = value.strip()
    if len(v) >= 10 and v[4:5] == "-":
        return date.fromisoformat(v[:10])
    if v.count("/") == 2:
        d, m, y = (int(x) for x in v.split("/"))
        return date(y, m, d)
    raise ValueError(v)


class _Fields:
    """One input row or object read through the column map."""

    def __init__(self, get: Any, columns: ColumnMap) -> None:
        self.get = get
        self.columns = columns

    def text(self, name: str) -> str:
        v = self.get(getattr(self.columns, name), name)
        if v is None:
            return ""
        return v if isinstance(v, str) else str(v)


def make_entry(
    get: Any,
    columns: ColumnMap,
    *,
    fallback_key: str,
    source: str,
    default_type: str | None,
    extra_metadata: dict[str, Any] | None = None,
) -> Entry:
    """An Item or an ErrorRow from one row/object; `get(column, field_name)` returns its value or None."""
    f = _Fields(get, columns)
    key = f.text("id").strip() or fallback_key
    raw_text = get(columns.text, "text")
    if raw_text is None:
        return _err(key, source, Code.MISSING_TEXT, f"{source}: no '{columns.text}' field (use --text-col).")
    if not isinstance(raw_text, str):
        return _err(key, source, Code.BAD_RECORD, f"{source}: '{columns.text}' is not a string.")
    try:
        check_text(raw_text)
    except InputError as exc:
        return _err(key, source, exc.code, f"{source}: {exc.message}")
    rtype = f.text("record_type").strip().lower().replace(" ", "_") or default_type
    if rtype is not None and rtype not in RECORD_TYPES:
        return _err(
            key,
            source,
            Code.UNKNOWN_RECORD_TYPE,
            f"{source}: unknown record type {_shown(f.text('record_type'))}; one of {', '.join(RECORD_TYPES)}.",
        )
    meta: dict[str, Any] = dict(extra_metadata or {})
    for name in ("event_date", "recorded_date"):
        v = f.text(name).strip()
        if not v:
            meta.pop(name, None)
            continue
        try:
            meta[name] = parse_date(v)
        except ValueError:
            col = getattr(columns, name)
            return _err(key, source, Code.BAD_DATE, f"{source}: '{col}' is not a date (YYYY-MM-DD or DD/MM/YYYY).")
    for name in ("worker", "team", "case_id"):
        v = f.text(name).strip()
        if v:
            meta[name] = v
    try:
        metadata = Metadata.model_validate(meta)
        record = Record(text=raw_text, record_type=rtype, id=key, metadata=metadata)  # type: ignore[arg-type]
    except ValueError as exc:  # pydantic: name the field, never the value
        loc = ".".join(str(x) for x in getattr(exc, "errors", lambda: [{"loc": ("?",)}])()[0]["loc"])
        return _err(key, source, Code.BAD_RECORD, f"{source}: field '{loc}' is not valid.")
    return Item(key=key, source=source, record=record)


def read_csv(path: Path, columns: ColumnMap, default_type: str | None = None) -> Iterator[Entry]:
    """A CSV export with a header row. A malformed row gives its error row and the rest go on."""
    name = display_path(path)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # Undecodable bytes survive as lone surrogates, so only their rows are refused.
    text = data.decode("utf-8", errors="surrogateescape")
    if not text.strip():
        yield _err(name, name, Code.EMPTY_INPUT, f"{name}: the file is empty.")
        return
    # Long notes: the limit is set by the text check (TOO_LONG), not by the csv module's 128 KiB.
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error:
        yield _err(name, name, Code.BAD_CSV, f"{name}: the header row is not valid CSV.")
        return
    header = [h.strip() for h in header]
    if columns.text not in header:
        yield _err(
            name,
            name,
            Code.MISSING_TEXT,
            f"{name}: no '{columns.text}' column (columns: {', '.join(h[:40] for h in header[:30])}); use --text-col.",
        )
        return
    index = {h: i for i, h in enumerate(header)}
    while True:
        line_start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            src = f"{name}:{line_start}"
            yield _err(src, src, Code.BAD_CSV, f"{src}: malformed CSV row (an unclosed quote or a stray character).")
            continue
        if not any(c.strip() for c in row):
            continue  # a blank line is not a record
        src = f"{name}:{line_start}"
        if len(row) != len(header):
            key = row[index[columns.id]].strip() if columns.id in index and index[columns.id] < len(row) else ""
            yield _err(
                key or src,
                src,
                Code.BAD_CSV,
                f"{src}: the row has {len(row)} fields; the header has {len(header)}.",
            )
            continue

        def get(col: str, _field: str, row: list[str] = row) -> str | None:
            i = index.get(col)
            return None if i is None else row[i]

        yield make_entry(get, columns, fallback_key=src, source=src, default_type=default_type)


_META_FIELDS = ("child_names", "child_ages", "author_role")


def read_jsonl(path: Path, columns: ColumnMap, default_type: str | None = None) -> Iterator[Entry]:
    """JSON Lines: flat objects through the column map, or the input shape with a nested
    `metadata` object (the gold files). A bad line gives its error row and the rest go on."""
    name = display_path(path)
    with path.open("rb") as fh:
        any_line = False
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            any_line = True
            src = f"{name}:{n}"
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                yield _err(src, src, Code.NOT_UTF8, f"{src}: the line is not UTF-8.")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _err(src, src, Code.BAD_JSON, f"{src}: not valid JSON ({exc.msg}, column {exc.colno}).")
                continue
            if not isinstance(obj, dict):
                yield _err(src, src, Code.BAD_RECORD, f"{src}: a record must be a JSON object.")
                continue
            nested = obj.get("metadata")
            nested = nested if isinstance(nested, dict) else {}

            def get(col: str, field_name: str, obj: dict[str, Any] = obj, nested: dict[str, Any] = nested) -> Any:
                if col in obj:
                    return obj[col]
                return nested.get(col, nested.get(field_name))

            extra = {k: nested[k] for k in _META_FIELDS if k in nested}
            yield make_entry(
                get, columns, fallback_key=src, source=src, default_type=default_type, extra_metadata=extra
            )
        if not any_line:
            yield _err(name, name, Code.EMPTY_INPUT, f"{name}: the file is empty.")


def docx_text(path: Path) -> str:
    """The paragraphs of a Word document, then its tables' cells, one a line."""
    import docx  # python-docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def read_file(path: Path, key: str, default_type: str | None = None) -> Entry:
    """One .txt, .md or .docx file as one record."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        if not zipfile.is_zipfile(path):
            return _err(key, key, Code.BAD_DOCX, f"{key}: not a Word .docx file (it is not a zip archive).")
        try:
            text = docx_text(path)
        except Exception as exc:  # python-docx raises many kinds for a damaged package
            return _err(key, key, Code.BAD_DOCX, f"{key}: the Word document cannot be read ({type(exc).__name__}).")
    elif suffix in (".txt", ".md"):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return _err(key, key, Code.NOT_UTF8, f"{key}: not UTF-8 text (bad byte at offset {exc.start}).")
    else:
        return _err(key, key, Code.UNSUPPORTED_FILE, f"{key}: not a .txt, .md or .docx file.")
    values = {"id": key, "text": text}
    return make_entry(
        lambda col, field_name: values.get(field_name) if field_name in ("id", "text") else None,
        ColumnMap(),
        fallback_key=key,
        source=key,
        default_type=default_type,
    )


def _folder(path: Path, default_type: str | None) -> Iterator[Entry]:
    base = display_path(path)
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    if not files:
        raise InputError(Code.EMPTY_INPUT, f"{base}: the folder has no files to audit.")
    for p in files:
        yield read_file(p, f"{base}/{p.relative_to(path).as_posix()}", default_type)


def _one(path: Path, columns: ColumnMap, default_type: str | None) -> Iterator[Entry]:
    if not path.exists():
        raise InputError(Code.NO_SUCH_FILE, f"{path}: no such file or folder.")
    if path.is_dir():
        yield from _folder(path, default_type)
        return
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from read_csv(path, columns, default_type)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        yield from read_jsonl(path, columns, default_type)
    elif suffix in FOLDER_SUFFIXES:
        yield read_file(path, display_path(path), default_type)
    else:
        raise InputError(
            Code.UNSUPPORTED_FILE,
            f"{path}: not a folder, .csv, .jsonl, .txt, .md or .docx file.",
        )


def check_paths(paths: Sequence[Path]) -> None:
    """Refuse, before any work, inputs that cannot be read at all (exit 2 in the CLI)."""
    if not paths:
        raise InputError(Code.NO_SUCH_FILE, "Name at least one folder, CSV or JSON Lines file.")
    for p in paths:
        if not p.exists():
            raise InputError(Code.NO_SUCH_FILE, f"{p}: no such file or folder.")
        if p.is_dir() and not any(
            q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts) for q in p.rglob("*")
        ):
            raise InputError(Code.EMPTY_INPUT, f"{p}: the folder has no files to audit.")
        if p.is_file() and p.suffix.lower() not in (*FOLDER_SUFFIXES, ".csv", ".jsonl", ".ndjson", ".json"):
            raise InputError(Code.UNSUPPORTED_FILE, f"{p}: not a folder, .csv, .jsonl, .txt, .md or .docx file.")


def read_inputs(
    paths: Sequence[Path], columns: ColumnMap | None = None, default_type: str | None = None
) -> Iterator[Entry]:
    """Every item of every input, in order; a key seen before becomes a duplicate-id error row
    (keyed by its own place, so that it too is kept)."""
    columns = columns or ColumnMap()
    check_paths(paths)
    seen: dict[str, str] = {}
    for path in paths:
        for entry in _one(path, columns, default_type):
            first = seen.get(entry.key)
            if first is not None:
                src = entry.source
                yield _err(
                    src if src not in seen else f"{src}#dup",
                    src,
                    Code.DUPLICATE_ID,
                    f"{src}: the id is used already (by {first}); ids must be unique.",
                )
                seen.setdefault(src, src)
                continue
            seen[entry.key] = entry.source
            yield entry
