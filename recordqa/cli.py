"""The `recordqa` command line: check, evaluate, explain, train."""

from __future__ import annotations

import argparse
import json
import sys
from enum import IntEnum
from pathlib import Path
from typing import TextIO

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

    t = sub.add_parser("train", help="train the fact/opinion classifier from corpora/")
    t.add_argument(
        "--corpus",
        nargs="+",
        default=["corpora/fact_opinion/sentences.jsonl", "corpora/fact_opinion/supplement.jsonl"],
        help="labelled sentence files (JSON Lines: text, label)",
    )
    t.add_argument("--out", default="models")
    t.set_defaults(func=cmd_train)
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
