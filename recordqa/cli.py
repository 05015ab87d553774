"""The `recordqa` command line: check, evaluate, explain, train."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import Code, InputError, RecordQAError
from .models import RECORD_TYPES, Record, Result
from .render import render_result

SAMPLE = Path(__file__).resolve().parent / "data" / "sample_visit.txt"


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # findings at or above --fail-on
    USAGE = 2
    INPUT = 3
    ERROR = 4


def _read_text(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError(Code.NO_SUCH_FILE, f"{path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise InputError(Code.NO_SUCH_FILE, f"{path} is a folder; name the files in it.") from exc
    except OSError as exc:
        raise InputError(Code.NO_SUCH_FILE, f"{path}: cannot read ({exc.strerror}).") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        name = "standard input" if path == "-" else path
        raise InputError(
            Code.NOT_UTF8, f"{name} is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8."
        ) from exc


def _jsonl_records(path: str) -> list[tuple[int, Record | InputError]]:
    out: list[tuple[int, Record | InputError]] = []
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("a record must be a JSON object")
            out.append((n, Record.model_validate(obj)))
        except json.JSONDecodeError as exc:
            out.append((n, InputError(Code.BAD_JSON, f"{path}:{n}: not valid JSON ({exc.msg}).")))
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            first = str(exc).splitlines()
            out.append(
                (n, InputError(Code.BAD_RECORD, f"{path}:{n}: {first[1] if len(first) > 1 else first[0]}".strip()))
            )
    return out


def _worst(results: list[Result]) -> str | None:
    order = {"info": 0, "suggestion": 1, "warning": 2, "error": 3}
    worst = None
    for r in results:
        for c in r.checks:
            for f in c.findings:
                if worst is None or order[f.severity] > order[worst]:
                    worst = f.severity
    return worst


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from .engine import analyse_many, warm

    results: list[Result] = []
    failed = 0
    if args.jsonl:
        items = _jsonl_records(args.jsonl)
        records = [r for _, r in items if isinstance(r, Record)]
        if len(records) > 50:
            warm()  # a batch run: load once, then keep the garbage collector off what is loaded
        analysed = iter(analyse_many(records, profile=args.profile, record_type=args.record_type))
        for n, item in items:
            res = item if isinstance(item, InputError) else next(analysed)
            if isinstance(res, InputError):
                failed += 1
                rid = item.id if isinstance(item, Record) else None
                out.write(
                    json.dumps({"id": rid, "line": n, "error": {"code": res.code.value, "message": res.message}}) + "\n"
                )
            else:
                results.append(res)
                out.write(res.model_dump_json() + "\n")
    else:
        if not args.files:
            raise InputError(Code.BAD_RECORD, "Name at least one file, '-' for standard input, or use --jsonl.")
        texts = [(f, _read_text(f)) for f in args.files]
        records = [Record(text=t, id=None if f == "-" else f) for f, t in texts]
        analysed = analyse_many(records, profile=args.profile, record_type=args.record_type)
        for (name, text), res in zip(texts, analysed, strict=False):
            if isinstance(res, InputError):
                failed += 1
                print(f"recordqa: {name}: {res}", file=sys.stderr)
                continue
            results.append(res)
            if args.format == "json":
                out.write(res.model_dump_json(indent=2) + "\n")
            else:
                colour = args.color == "always" or (args.color == "auto" and out.isatty())
                out.write(render_result(res, text, name=name, colour=colour) + "\n")
    if failed and not results:
        return Exit.INPUT
    worst = _worst(results)
    levels = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[args.fail_on]
    if worst in levels:
        return Exit.FINDINGS
    return Exit.INPUT if failed else Exit.OK


def cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from .evaluate import evaluate, table

    ev = evaluate(Path(args.gold), profile=args.profile)
    if args.json:
        data = ev.as_dict()
        if args.misses:
            data["misses"] = ev.misses
        out.write(json.dumps(data, indent=2) + "\n")
    else:
        out.write(table(ev) + "\n")
        if args.misses:
            for m in ev.misses:
                out.write(json.dumps(m, ensure_ascii=False) + "\n")
    return Exit.OK


def cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    from .explain import explain, explain_all

    if args.all:
        out.write(explain_all(args.format) + "\n")
        return Exit.OK
    if not args.check:
        raise InputError(Code.UNKNOWN_CHECK, "Name a check (or a finding code), or use --all.")
    out.write(explain(args.check, args.format, profile=args.profile) + "\n")
    return Exit.OK


def cmd_profiles(args: argparse.Namespace, out: TextIO) -> int:
    from . import profiles

    for name in profiles.builtin_names():
        p = profiles.load(name)
        out.write(f"{name:<12} {p.authority or '':<12} {profiles.describe(p)}\n")
    return Exit.OK


def cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    from . import coverage

    if args.profile:
        cov = coverage.load(args.profile)
        if args.json:
            out.write(
                json.dumps(
                    {
                        "authority": cov.authority,
                        "share": round(cov.share, 3),
                        "covered": len(cov.covered),
                        "total": len(cov.standards),
                        "standards": {k: e.model_dump() for k, e in cov.standards.items()},
                    },
                    indent=2,
                )
                + "\n"
            )
        else:
            out.write(coverage.report(cov) + "\n")
        return Exit.OK
    for name in coverage.names():
        cov = coverage.load(name)
        out.write(f"{name:<12} {len(cov.covered):>4} of {len(cov.standards):<4} covered ({cov.share:.0%})\n")
    return Exit.OK


def cmd_train(args: argparse.Namespace, out: TextIO) -> int:
    from .classifier import train

    rep = train([Path(c) for c in args.corpus], Path(args.out))
    out.write(f"trained on {rep.n_train} sentences, held back {rep.n_test}; macro-F1 {rep.macro_f1:.3f}\n")
    out.write(rep.report + "\n")
    out.write(f"wrote {Path(args.out) / 'fact_opinion.joblib'} and its model card\n")
    return Exit.OK


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def cmd_coach(args: argparse.Namespace, out: TextIO) -> int:
    from .coach import for_worker, missing_sqlite, render_html, render_text
    from .store import Store, database_url

    url = database_url(args.db)
    if missing := missing_sqlite(url):
        raise InputError(Code.NO_SUCH_FILE, f"No store at {missing}: run `recordqa audit` first, or give --db.")
    store = Store(url)
    try:
        summary = for_worker(store, worker=args.worker, team=args.team, since=args.since)
    finally:
        store.dispose()
    if args.format == "json":
        out.write(summary.model_dump_json(indent=2) + "\n")
    elif args.format == "html":
        out.write(render_html(summary))
    else:
        out.write(render_text(summary) + "\n")
    return Exit.OK


def cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    import signal

    from .audit import AuditOptions, run_audit
    from .inputs import ColumnMap, check_paths

    paths = [Path(p) for p in args.inputs]
    try:
        check_paths(paths)  # no such file, empty folder: a usage error, before any work
    except InputError as exc:
        print(f"recordqa: {exc}", file=sys.stderr)
        return Exit.USAGE
    columns = ColumnMap(
        id=args.id_col,
        text=args.text_col,
        record_type=args.type_col,
        event_date=args.event_date_col,
        recorded_date=args.recorded_date_col,
        worker=args.worker_col,
        team=args.team_col,
        case_id=args.case_col,
    )
    options = AuditOptions(
        out=Path(args.out),
        db_url=args.db,
        profile=args.profile,
        record_type=args.record_type,
        keep_text=args.keep_text,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        columns=columns,
        chunk_size=args.chunk_size,
        title=args.title,
        progress_bar=not args.quiet,
    )
    def interrupted(signum: int, frame: object) -> None:
        # The first Ctrl-C (or a polite kill, SIGTERM) stops the audit cleanly: finished chunks
        # are saved. Another one while it stops is ignored, so the stop is not itself broken.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    saved: list[tuple[signal.Signals, Any]] = []
    with contextlib.suppress(ValueError):  # not the main thread
        for which in (signal.SIGINT, signal.SIGTERM):
            saved.append((which, signal.signal(which, interrupted)))
    try:
        summary = run_audit(paths, options)
    except RecordQAError as exc:  # the store or the engine unreachable: ERROR; bad input or profile: INPUT
        print(f"recordqa: {exc}", file=sys.stderr)
        return Exit.ERROR if exc.code in (Code.STORE_UNAVAILABLE, Code.ENGINE_UNAVAILABLE) else Exit.INPUT
    finally:
        for which, handler in saved:
            signal.signal(which, handler)
    line = (
        f"{summary.inputs} inputs: {summary.scored} scored, {summary.errors} error rows, "
        f"{summary.skipped} already scored (skipped); run {summary.run_id}; store {summary.db_url}"
    )
    if summary.interrupted:
        left = summary.inputs - summary.scored - summary.errors - summary.skipped
        print(
            f"recordqa: interrupted. {line}. {left} not scored yet: run the same command again to resume "
            "(records in the store are skipped).",
            file=sys.stderr,
        )
        return 130
    out.write(line + "\n")
    if summary.not_in_results_jsonl:
        out.write(
            f"  note: {summary.not_in_results_jsonl} records scored by an earlier run with another --out are in the "
            "CSVs and the report but not in results.jsonl\n"
        )
    for name, path in summary.outputs.items():
        out.write(f"  {name:<14} {path}\n")
    return Exit.OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="recordqa",
        description=(
            "Score how a children's social care record is written against published recording "
            "standards. It makes no prediction about any child or family."
        ),
    )
    p.add_argument("--version", action="version", version=f"recordqa {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="analyse records and show findings in place")
    c.add_argument("files", nargs="*", help="text files, or - for standard input")
    c.add_argument("--jsonl", metavar="IN.jsonl", help="records in the input shape, one JSON object a line")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--record-type", choices=RECORD_TYPES)
    c.add_argument("--profile", default=None, help="a built-in profile name or a profile file")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    c.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="never",
        help="exit 1 when a finding is at least this severe (default: never)",
    )
    c.set_defaults(func=cmd_check)

    e = sub.add_parser("evaluate", help="measure accuracy against a gold JSON Lines file")
    e.add_argument("gold")
    e.add_argument("--json", action="store_true")
    e.add_argument("--misses", action="store_true", help="also list each disagreement")
    e.add_argument("--profile", default=None)
    e.set_defaults(func=cmd_evaluate)

    x = sub.add_parser("explain", help="what a check looks for, why, and the standards it cites")
    x.add_argument("check", nargs="?")
    x.add_argument("--all", action="store_true")
    x.add_argument("--format", choices=("text", "json"), default="text")
    x.add_argument("--profile", default=None, help="also show this profile's rule for the check, with its citation")
    x.set_defaults(func=cmd_explain)

    pr = sub.add_parser("profiles", help="list the built-in profiles")
    pr.set_defaults(func=cmd_profiles)

    cv = sub.add_parser("coverage", help="which of an authority's standards recordqa checks, and which not")
    cv.add_argument("--profile", help="an authority profile (leeds, calderdale, barnet, york, st-helens)")
    cv.add_argument("--json", action="store_true")
    cv.set_defaults(func=cmd_coverage)

    a = sub.add_parser(
        "audit",
        help="score a folder, CSV or JSON Lines export into the store; CSV, JSON Lines and HTML reports",
    )
    a.add_argument("inputs", nargs="+", metavar="INPUT", help="a folder (.txt, .md, .docx), a .csv or a .jsonl file")
    a.add_argument("--out", default="audit-out", help="folder for the outputs (default: ./audit-out)")
    a.add_argument("--db", default=None, help="database URL (default: RECORDQA_DATABASE_URL, else sqlite:///recordqa.db)")
    a.add_argument("--profile", default=None, help="a built-in profile name or a profile file")
    a.add_argument("--record-type", choices=RECORD_TYPES, help="for records whose input gives none")
    a.add_argument("--keep-text", action="store_true", help="store the note text (records and findings)")
    a.add_argument("--jobs", type=int, default=None, help="worker processes (default: the core count)")
    a.add_argument("--engine", choices=("local", "dask"), default="local")
    a.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")
    a.add_argument("--chunk-size", type=int, default=50, help="records per task and per store transaction")
    a.add_argument("--title", default="recordqa audit", help="the HTML report's title")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    for opt, default in (
        ("--id-col", "id"),
        ("--text-col", "text"),
        ("--type-col", "record_type"),
        ("--event-date-col", "event_date"),
        ("--recorded-date-col", "recorded_date"),
        ("--worker-col", "worker"),
        ("--team-col", "team"),
        ("--case-col", "case_id"),
    ):
        a.add_argument(opt, default=default, help=f"CSV column or JSON field (default: {default})")
    a.set_defaults(func=cmd_audit)

    t = sub.add_parser("train", help="train the fact/opinion classifier from corpora/")
    t.add_argument(
        "--corpus",
        nargs="+",
        default=["corpora/fact_opinion/sentences.jsonl", "corpora/fact_opinion/supplement.jsonl"],
        help="labelled sentence files (JSON Lines: text, label)",
    )
    t.add_argument("--out", default="models")
    t.set_defaults(func=cmd_train)

    co = sub.add_parser("coach", help="one worker's coaching summary from the audit store")
    co.add_argument("--worker", required=True, help="the worker's id, as in the records' metadata")
    co.add_argument("--team", help="compare with this team (default: the worker's own team, else everyone)")
    co.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="only records dated on or after this")
    co.add_argument(
        "--db", metavar="URL", help="the store (default: RECORDQA_DATABASE_URL, else sqlite:///recordqa.db)"
    )
    co.add_argument("--format", choices=("text", "json", "html"), default="text")
    co.set_defaults(func=cmd_coach)
    return p


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return int(args.func(args, out))
    except RecordQAError as exc:
        print(f"recordqa: {exc}", file=sys.stderr)
        return Exit.INPUT
    except KeyboardInterrupt:
        print("recordqa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return Exit.OK


def run() -> None:
    sys.exit(main())
