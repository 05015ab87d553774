"""`recordqa audit`: every input ends as a scored record or an error row; outputs; resume after
SIGKILL and Ctrl-C with every record exactly once; the database going away; the Dask engine
(same results as the local one, a worker killed mid-run loses nothing)."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from recordqa import checkdocs
from recordqa.audit import AuditOptions, AuditProgress, run_audit
from recordqa.cli import main
from recordqa.models import Result
from recordqa.store import Store
from tests import synthetic
from tests.conftest import GOLD_DEV, ROOT
from tests.pgserver import PgServer
from tests.pgserver import unavailable as pg_unavailable


def jsonl_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_audit_of_gold_dev_gives_a_row_for_every_record(tmp_path: Path) -> None:
    if GOLD_DEV.exists():
        src = GOLD_DEV
        n_records = len([x for x in GOLD_DEV.read_text(encoding="utf-8").splitlines() if x.strip()])
    else:  # ../shared is not beside the repository: a small synthetic file instead
        src = tmp_path / "dev.jsonl"
        n_records = len(synthetic.write(src, 30))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "e1", "text": ""}\nnot json\n{"id": "e3", "text": "x", "record_type": "poem"}\n')
    out = tmp_path / "out"
    opts = AuditOptions(out=out, db_url=f"sqlite:///{tmp_path / 'a.db'}", jobs=2, chunk_size=10)
    seen: list[AuditProgress] = []
    summary = run_audit([src, bad], opts, progress=seen.append)
    assert summary.inputs == n_records + 3
    assert summary.scored + summary.errors + summary.skipped == summary.inputs
    assert summary.errors == 3 and summary.skipped == 0 and not summary.interrupted
    assert seen and seen[-1].done == summary.inputs
    for name in ("results.jsonl", "results.csv", "findings.csv", "errors.csv", "report.html"):
        assert (out / name).exists() and summary.outputs[name] == out / name
    results = [Result.model_validate_json(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(results) == summary.scored
    with (out / "results.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (out / "errors.csv").open(newline="") as fh:
        errs = list(csv.DictReader(fh))
    assert len(rows) == summary.scored and len(errs) == 3
    assert {r["key"] for r in rows} == {r.id for r in results}
    assert {"score", "grade", "worker", "team", "child-voice", "jargon"} <= set(rows[0])
    assert {e["code"] for e in errs} == {"RQE101", "RQE104", "RQE115"}
    with (out / "findings.csv").open(newline="") as fh:
        findings = list(csv.DictReader(fh))
    assert findings and all(f["text"] == "" for f in findings)  # no note text without --keep-text
    assert "<html" in (out / "report.html").read_text().lower()
    store = Store(opts.db_url)
    assert all(r.text is None for r in store.records())
    # Messages can quote the note ("'IRO' is not explained"): without --keep-text the store
    # keeps each finding's check title instead, and no suggestion.
    titles = checkdocs.titles()
    kept = [f for r in store.records() for f in r.findings]
    assert kept and all(f.message == titles[f.check] and f.suggestion is None and f.text is None for f in kept)
    # The manager's view of one worker in it, from the command line.
    worker = rows[0]["worker"]
    assert worker
    coached = io.StringIO()
    assert main(["coach", "--worker", worker, "--db", opts.db_url], out=coached) == 0
    assert worker in coached.getvalue() and "Where coaching would help most" in coached.getvalue()
    # Run again: everything is skipped, the outputs are the same records.
    again = run_audit([src, bad], opts)
    assert (again.scored, again.skipped, again.errors) == (0, summary.scored, 3)
    assert sorted(jsonl_ids(out / "results.jsonl")) == sorted(r.id for r in results if r.id)
    assert again.not_in_results_jsonl == 0
    # Another --out: the records come from the store (CSVs), and the summary says what
    # results.jsonl lacks.
    elsewhere = run_audit([src, bad], AuditOptions(out=tmp_path / "other", db_url=opts.db_url))
    assert elsewhere.skipped == summary.scored and elsewhere.not_in_results_jsonl == summary.scored
    with (tmp_path / "other" / "results.csv").open(newline="") as fh:
        assert len(list(csv.DictReader(fh))) == summary.scored


def test_cli_audit_of_a_csv_with_mapped_columns_and_kept_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from recordqa.cli import main

    rows = [synthetic.record(i) for i in range(6)]
    src = tmp_path / "export.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Ref", "Body", "Kind", "Visit date", "SW", "Team"])
        for r in rows:
            md = r["metadata"]
            assert isinstance(md, dict)
            w.writerow([r["id"], r["text"], r["record_type"], md["event_date"], md["worker"], md["team"]])
        w.writerow(["bad-date", "Some text.", "visit", "31/02/2025", "W01", "North"])
    db = f"sqlite:///{tmp_path / 'c.db'}"
    args = ["audit", str(src), "--db", db, "--out", str(tmp_path / "out"), "--jobs", "1", "--keep-text", "--quiet",
            "--id-col", "Ref", "--text-col", "Body", "--type-col", "Kind", "--event-date-col", "Visit date",
            "--worker-col", "SW", "--team-col", "Team"]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "7 inputs: 6 scored, 1 error rows, 0 already scored" in out
    stored = {r.key: r for r in Store(db).records()}
    assert set(stored) == {str(r["id"]) for r in rows}
    first = stored["syn-00000"]
    assert first.text == rows[0]["text"] and first.worker == "W00" and str(first.event_date) == "2025-01-01"
    assert all(f.text is not None for f in first.findings)
    (err,) = list(Store(db).errors())
    assert err.key == "bad-date" and err.code == "RQE110"


# -- kill and resume -----------------------------------------------------------------------------


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return int(c.execute("select count(*) from records").fetchone()[0])
    except sqlite3.Error:
        return 0


def _audit_cmd(src: Path, db_url: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "recordqa", "audit", str(src), "--db", db_url, "--out", str(out),
            "--jobs", "2", "--chunk-size", "20", "--quiet"]  # fmt: skip


def _start(cmd: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        cmd, cwd=cwd, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(proc: subprocess.Popen[str], count: Callable[[], int], target: int, limit: float = 240) -> bool:
    """Until the store holds `target` records (True) or the audit ended (False)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        if count() >= target:
            return True
        time.sleep(0.05)
    raise AssertionError("the audit made no progress")


def test_sigkill_and_ctrl_c_at_random_points_then_resume_scores_each_record_once(tmp_path: Path) -> None:
    ids = synthetic.write(tmp_path / "in.jsonl", 2000)
    db = tmp_path / "k.db"
    out = tmp_path / "out"
    cmd = _audit_cmd(tmp_path / "in.jsonl", f"sqlite:///{db}", out)
    rng = random.Random(int(os.environ.get("RECORDQA_KILL_SEED", time.time_ns() % 10_000)))
    # Half way, then at random points (issue 7); one of them a Ctrl-C, which must stop cleanly.
    plan: list[tuple[float, signal.Signals]] = [(0.5, signal.SIGKILL)]
    plan += [(rng.uniform(0.55, 0.7), signal.SIGINT), (rng.uniform(0.72, 0.9), signal.SIGKILL)]
    for share, sig in plan:
        proc = _start(cmd, tmp_path)
        reached = _wait_for(proc, lambda: _count(db), int(share * len(ids)))
        if not reached:  # finished before the point (a fast machine): nothing to interrupt
            proc.communicate()
            continue
        if sig == signal.SIGKILL:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        else:
            os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends: the whole group
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 130, err
            assert "run the same command again to resume" in err and "Traceback" not in err
        assert _count(db) < len(ids)
    proc = _start(cmd, tmp_path)
    stdout, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert f"{len(ids)} inputs:" in stdout and "0 error rows" in stdout
    # Every key exactly once, in the store and in results.jsonl.
    with sqlite3.connect(db) as c:
        keys = [k for (k,) in c.execute("select key from records")]
        runs = c.execute("select count(*) from runs").fetchone()[0]
        bare = c.execute(
            "select count(*) from records r where not exists (select 1 from check_statuses s where s.record_key = r.key)"
        ).fetchone()[0]
    assert sorted(keys) == sorted(ids) and bare == 0 and runs >= 2
    assert sorted(jsonl_ids(out / "results.jsonl")) == sorted(ids)
    with (out / "results.csv").open(newline="") as fh:
        assert sorted(r["key"] for r in csv.DictReader(fh)) == sorted(ids)


@pytest.mark.skipif(bool(pg_unavailable()), reason=pg_unavailable() or "")
def test_database_going_away_is_a_clear_error_and_leaves_no_half_written_record(tmp_path: Path) -> None:
    import psycopg

    ids = synthetic.write(tmp_path / "in.jsonl", 300)
    server = PgServer()
    try:
        url = server.new_database()
        dsn = url.replace("postgresql+psycopg://", "postgresql://")

        def count() -> int:
            try:
                with psycopg.connect(dsn, connect_timeout=3) as c:
                    row = c.execute("select count(*) from records").fetchone()
                    return int(row[0]) if row else 0
            except psycopg.Error:
                return 0

        out = tmp_path / "out"
        proc = _start(_audit_cmd(tmp_path / "in.jsonl", url, out), tmp_path)
        assert _wait_for(proc, count, 40)
        server.stop("immediate")
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 4, err
        assert "RQE401" in err and "run the same command again" in err and "Traceback" not in err
        server.start()
        with psycopg.connect(dsn) as c:
            saved = c.execute("select count(*) from records").fetchone()
            per = c.execute(
                "select count(*) from records r left join check_statuses s on s.record_key = r.key group by r.key"
            ).fetchall()
        assert saved is not None and 0 < saved[0] < len(ids)
        assert len({n for (n,) in per}) == 1 and per[0][0] > 1  # every saved record has all its statuses
        proc = _start(_audit_cmd(tmp_path / "in.jsonl", url, out), tmp_path)
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        assert count() == len(ids)
        assert sorted(jsonl_ids(out / "results.jsonl")) == sorted(ids)
    finally:
        server.close()


# -- Dask ----------------------------------------------------------------------------------------


def _rows(db_url: str) -> dict[str, tuple[object, ...]]:
    return {
        r.key: (r.score, r.grade, r.record_type, r.worker, r.team, r.event_date, sorted(r.statuses.items()),
                [(f.check, f.code, f.severity, f.start, f.end, f.message, f.suggestion, f.standard_id)
                 for f in r.findings])
        for r in Store(db_url).records()
    }  # fmt: skip


def test_dask_local_cluster_gives_the_same_results_as_the_local_engine(tmp_path: Path) -> None:
    synthetic.write(tmp_path / "in.jsonl", 60)
    local = AuditOptions(out=tmp_path / "l", db_url=f"sqlite:///{tmp_path / 'l.db'}", jobs=2, chunk_size=8)
    dask = AuditOptions(
        out=tmp_path / "d", db_url=f"sqlite:///{tmp_path / 'd.db'}", jobs=2, chunk_size=8, engine="dask"
    )
    a = run_audit([tmp_path / "in.jsonl"], local)
    b = run_audit([tmp_path / "in.jsonl"], dask)
    assert (a.scored, a.errors) == (b.scored, b.errors) == (60, 0)
    assert _rows(str(local.db_url)) == _rows(str(dask.db_url))
    la = [json.loads(x) for x in (tmp_path / "l" / "results.jsonl").read_text().splitlines()]
    lb = [json.loads(x) for x in (tmp_path / "d" / "results.jsonl").read_text().splitlines()]
    assert la == lb


def test_dask_worker_killed_mid_run_loses_no_record(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    ids = synthetic.write(tmp_path / "in.jsonl", 300)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    try:
        opts = AuditOptions(
            out=tmp_path / "out", db_url=f"sqlite:///{tmp_path / 'k.db'}", chunk_size=10, engine="dask",
            scheduler=cluster.scheduler_address,
        )  # fmt: skip
        killed = threading.Event()

        def on_progress(p: AuditProgress) -> None:
            if p.scored >= 60 and not killed.is_set():
                killed.set()
                pids = client.run(os.getpid)
                os.kill(next(iter(pids.values())), signal.SIGKILL)

        summary = run_audit([tmp_path / "in.jsonl"], opts, progress=on_progress)
        assert killed.is_set()
        assert (summary.scored, summary.errors, summary.inputs) == (len(ids), 0, len(ids))
        assert sorted(r.key for r in Store(opts.db_url).records()) == sorted(ids)
        assert sorted(jsonl_ids(tmp_path / "out" / "results.jsonl")) == sorted(ids)
    finally:
        client.close()
        cluster.close()


def test_local_worker_killed_mid_run_loses_no_record(tmp_path: Path) -> None:
    """A local worker process dying breaks the pool and every chunk in flight with it: each goes
    back in the queue, on a new pool, and every record is scored once."""
    import multiprocessing

    ids = synthetic.write(tmp_path / "in.jsonl", 300)
    opts = AuditOptions(out=tmp_path / "out", db_url=f"sqlite:///{tmp_path / 'l.db'}", jobs=2, chunk_size=10)
    killed = threading.Event()

    def on_progress(p: AuditProgress) -> None:
        if p.scored >= 60 and not killed.is_set():
            workers = [c for c in multiprocessing.active_children() if c.pid and "Tracker" not in type(c).__name__]
            if workers:
                killed.set()
                os.kill(workers[0].pid, signal.SIGKILL)  # type: ignore[arg-type]

    summary = run_audit([tmp_path / "in.jsonl"], opts, progress=on_progress)
    assert killed.is_set()
    assert (summary.scored, summary.errors, summary.inputs) == (len(ids), 0, len(ids))
    assert sorted(r.key for r in Store(opts.db_url).records()) == sorted(ids)
    assert sorted(jsonl_ids(tmp_path / "out" / "results.jsonl")) == sorted(ids)
