"""Batch scoring for auditors: inputs → parallel scoring → the store → CSV/JSONL/HTML outputs.

`run_audit` is the one entry point (the CLI's `recordqa audit` and the service's
`POST /v1/audits` call it). The parent process is the single writer to the store, one
transaction per chunk; records already in the store are skipped, so an interrupted run is
resumed by running it again.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from .errors import Code, InputError, RecordQAError, StoreError
from .inputs import ColumnMap, Item, display_path, read_inputs
from .models import Result
from .store.rows import ErrorRow, StoredRecord, stored_record

Engine = Literal["local", "dask"]


@dataclass(frozen=True, slots=True)
class AuditOptions:
    out: Path = Path("audit-out")  # results.jsonl, results.csv, findings.csv, errors.csv, report.html
    db_url: str | None = None  # None: RECORDQA_DATABASE_URL, else sqlite:///recordqa.db in the current folder
    profile: str | None = None  # a built-in profile name or a profile file; None: default
    record_type: str | None = None  # for records whose input gives none (None: inferred)
    keep_text: bool = False  # store note text (records and findings) only when asked
    jobs: int | None = None  # worker processes (local) or Dask workers for a LocalCluster; None: core count
    engine: Engine = "local"
    scheduler: str | None = None  # Dask scheduler address; None with engine="dask": a LocalCluster
    columns: ColumnMap = field(default_factory=ColumnMap)
    chunk_size: int = 50  # records per task and per store transaction
    title: str = "recordqa audit"
    progress_bar: bool = False  # a tqdm bar on stderr (the CLI turns it on)


@dataclass(frozen=True, slots=True)
class AuditProgress:
    run_id: str
    total: int  # input items (records and error rows)
    done: int  # scored + errors + skipped so far
    scored: int
    errors: int
    skipped: int  # already scored in the store by an earlier run
    elapsed: float  # seconds


@dataclass(frozen=True, slots=True)
class AuditSummary:
    run_id: str
    inputs: int  # every input item; inputs == scored + errors + skipped
    scored: int  # scored by this run
    errors: int  # error rows (input that cannot be scored, with the reason)
    skipped: int  # already scored in the store, not scored again
    interrupted: bool  # stopped (Ctrl-C or the stop event) before the end; run again to resume
    db_url: str  # without any password
    outputs: dict[str, Path] = field(default_factory=dict)  # name -> path (empty when interrupted)
    elapsed: float = 0.0
    # Records of these inputs in the store with no line in results.jsonl: scored by an earlier
    # run that wrote to another --out (their rows are in the CSVs and the report).
    not_in_results_jsonl: int = 0


OUTPUTS = ("results.jsonl", "results.csv", "findings.csv", "errors.csv", "report.html")
PARTS = ".parts"  # per-run result files in --out, merged (each key once) into results.jsonl
MAX_ATTEMPTS = 2  # a chunk whose worker died is tried again, then record by record


# -- the worker side: one pipeline per process, loaded once ---------------------------------

_WARM: set[str] = set()
_WARM_LOCK = threading.Lock()


def _warm(profile: str) -> None:
    """Load the pipeline (and the profile) once per process; later chunks find it loaded."""
    if profile in _WARM:
        return
    with _WARM_LOCK:
        if profile not in _WARM:
            from . import engine

            engine.warm(profile)
            _WARM.add(profile)


def _init_local_worker(profile: str, parent: int) -> None:
    """A local worker: Ctrl-C is the parent's to handle; the worker ends if the parent dies
    (a SIGKILL of the audit leaves no orphan scoring on); the pipeline is loaded once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="recordqa-parent-watch").start()
    _warm(profile)


ChunkOut = list[tuple[str | None, StoredRecord | ErrorRow]]  # (Result JSON or None, row)


def score_chunk(items: Sequence[Item], profile: str, run_id: str, keep_text: bool) -> ChunkOut:
    """Score one chunk where it runs (a local worker or a Dask worker): each item gives its
    stored row with the Result JSON, or an error row."""
    from . import engine

    _warm(profile)
    recs = [i.record for i in items]
    results: list[Result | Exception]
    try:
        results = list(engine.analyse_many(recs, profile=profile))
    except Exception:  # one record broke the batch: score one by one so only it fails
        results = []
        for r in recs:
            try:
                results.append(engine.analyse(r, profile=profile))
            except Exception as exc:
                results.append(exc)
    now = datetime.now(UTC)
    out: ChunkOut = []
    for item, res in zip(items, results, strict=True):
        if isinstance(res, Result):
            row = stored_record(
                res, item.record, key=item.key, run_id=run_id, source=item.source, keep_text=keep_text, scored_at=now
            )
            out.append((res.model_dump_json(), row))
        elif isinstance(res, InputError):
            out.append((None, ErrorRow(item.key, run_id, item.source, res.code.value, f"{item.source}: {res.message}")))
        else:
            out.append((None, _failed(item, run_id, type(res).__name__)))
    return out


def _failed(item: Item, run_id: str, why: str) -> ErrorRow:
    return ErrorRow(
        item.key,
        run_id,
        item.source,
        Code.ANALYSIS_FAILED.value,
        f"{item.source}: the analysis failed ({why}); the record was not scored.",
    )


# -- engines: submit chunks, get them back as they complete ----------------------------------


class _Backend(Protocol):
    def submit(self, chunk: Sequence[Item]) -> Any: ...
    def wait(self, pending: set[Any], timeout: float) -> set[Any]: ...
    def result(self, fut: Any) -> ChunkOut: ...
    def restart(self) -> None: ...
    def close(self, *, kill: bool) -> None: ...
    @property
    def slots(self) -> int: ...


class _Local:
    def __init__(self, jobs: int, profile: str, run_id: str, keep_text: bool) -> None:
        import multiprocessing as mp

        self.jobs, self.profile, self.run_id, self.keep_text = jobs, profile, run_id, keep_text
        self.ctx = mp.get_context("spawn")  # safe from a threaded parent (the service)
        self.pool = self._pool()

    def _pool(self) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=self.ctx,
            initializer=_init_local_worker,
            initargs=(self.profile, os.getpid()),
        )

    @property
    def slots(self) -> int:
        return self.jobs

    def submit(self, chunk: Sequence[Item]) -> Any:
        return self.pool.submit(score_chunk, list(chunk), self.profile, self.run_id, self.keep_text)

    def wait(self, pending: set[Any], timeout: float) -> set[Any]:
        from concurrent.futures import FIRST_COMPLETED, wait

        done, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        return set(done)

    def result(self, fut: Any) -> ChunkOut:
        return fut.result()  # type: ignore[no-any-return]

    def restart(self) -> None:
        """After a worker process died the pool is broken: a new one."""
        self.close(kill=True)
        self.pool = self._pool()

    def close(self, *, kill: bool) -> None:
        if kill:
            procs = list(getattr(self.pool, "_processes", {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                with contextlib.suppress(Exception):
                    p.kill()
            for p in procs:
                with contextlib.suppress(Exception):
                    p.join(5)
        else:
            self.pool.shutdown(wait=True)


class _Dask:
    def __init__(self, scheduler: str | None, jobs: int, profile: str, run_id: str, keep_text: bool) -> None:
        from distributed import Client, LocalCluster

        self.profile, self.run_id, self.keep_text = profile, run_id, keep_text
        self.cluster: Any = None
        if scheduler:
            self.client: Any = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
        else:
            self.cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
            )
            self.client = Client(self.cluster)  # type: ignore[no-untyped-call]
        info = self.client.scheduler_info()
        self.n = max(1, sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()) or jobs)

    @property
    def slots(self) -> int:
        return self.n

    def submit(self, chunk: Sequence[Item]) -> Any:
        # pure=False: a resubmitted chunk is a new task, not the lost one's key.
        return self.client.submit(score_chunk, list(chunk), self.profile, self.run_id, self.keep_text, pure=False)

    def wait(self, pending: set[Any], timeout: float) -> set[Any]:
        from distributed import wait

        try:
            done, _ = wait(list(pending), timeout=timeout, return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]
        except TimeoutError:
            return set()
        return set(done)

    def result(self, fut: Any) -> ChunkOut:
        return fut.result()  # type: ignore[no-any-return]

    def restart(self) -> None:
        return None  # the scheduler reschedules on the workers left (and the nanny restarts the dead)

    def close(self, *, kill: bool) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()


# -- the parent: single writer ---------------------------------------------------------------


def _jobs(options: AuditOptions) -> int:
    if options.jobs:
        return max(1, options.jobs)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _options_record(options: AuditOptions) -> dict[str, Any]:
    d = asdict(options)
    d["out"] = str(options.out)
    d.pop("db_url", None)  # may hold a password
    return d


def run_audit(
    inputs: Sequence[Path],
    options: AuditOptions,
    *,
    progress: Callable[[AuditProgress], None] | None = None,
    stop: threading.Event | None = None,
) -> AuditSummary:
    """Score every input item into the store and write the outputs. Raises RecordQAError for
    inputs that cannot be read at all (no such file, empty folder), an unknown profile, and
    StoreError when the database cannot be reached or goes away (what was committed stays)."""
    from . import profiles
    from .store.db import Store

    t0 = time.monotonic()
    stop = stop or threading.Event()
    profile_arg = options.profile or "default"
    prof_name = profiles.load(profile_arg).name  # an unknown profile fails here
    scan = _scan(inputs, options)  # the first pass: keys and error rows, no record text kept
    store = Store(options.db_url)
    try:
        store.upgrade()
        run_id = store.start_run(
            profile=prof_name, inputs=[display_path(p) for p in inputs], options=_options_record(options)
        )
        return _run(scan, inputs, options, store, run_id, prof_name, profile_arg, progress, stop, t0)
    finally:
        store.dispose()


@dataclass(slots=True)
class _Scan:
    """What the first pass over the inputs keeps: the count, the item keys in input order and
    the error rows (input that cannot be scored). No record text."""

    total: int = 0
    keys: list[str] = field(default_factory=list)
    errors: list[ErrorRow] = field(default_factory=list)


def _scan(inputs: Sequence[Path], options: AuditOptions) -> _Scan:
    scan = _Scan()
    for e in read_inputs(inputs, options.columns, options.record_type):
        scan.total += 1
        if isinstance(e, Item):
            scan.keys.append(e.key)
        else:
            scan.errors.append(e)
    return scan


def _todo_chunks(
    inputs: Sequence[Path], options: AuditOptions, store: Any, on_skipped: Callable[[int], None]
) -> Generator[list[Item], None, None]:
    """The second pass: the items read again lazily, looked up in the store a chunk at a time
    (those scored already are counted through `on_skipped`), the rest yielded in chunks of
    `chunk_size`, in input order. At most two chunks of items are held here."""
    size = max(1, options.chunk_size)
    batch: list[Item] = []
    todo: list[Item] = []

    def lookup() -> None:
        done = store.scored_keys(i.key for i in batch)
        if done:
            on_skipped(sum(1 for i in batch if i.key in done))
        todo.extend(i for i in batch if i.key not in done)
        batch.clear()

    for e in read_inputs(inputs, options.columns, options.record_type):
        if not isinstance(e, Item):
            continue  # error rows were kept by the first pass
        batch.append(e)
        if len(batch) >= size:
            lookup()
            while len(todo) >= size:
                yield todo[:size]
                del todo[:size]
    if batch:
        lookup()
    while todo:
        yield todo[:size]
        del todo[:size]


def _run(
    scan: _Scan,
    inputs: Sequence[Path],
    options: AuditOptions,
    store: Any,
    run_id: str,
    prof_name: str,
    profile_arg: str,
    progress: Callable[[AuditProgress], None] | None,
    stop: threading.Event,
    t0: float,
) -> AuditSummary:
    from tqdm import tqdm

    total = scan.total
    input_errors = [replace(e, run_id=run_id) for e in scan.errors]
    scan.errors = []
    counts = {"inputs": total, "scored": 0, "errors": len(input_errors), "skipped": 0}
    store.save([], input_errors)
    out = Path(options.out)
    (out / PARTS).mkdir(parents=True, exist_ok=True)
    part = out / PARTS / f"{run_id}.jsonl"
    errors_all: list[ErrorRow] = list(input_errors)

    bar = tqdm(
        total=total,
        initial=counts["errors"],
        unit="rec",
        file=sys.stderr,
        disable=not options.progress_bar,
        dynamic_ncols=True,
        smoothing=0.1,
    )

    def report() -> None:
        done = counts["scored"] + counts["errors"] + counts["skipped"]
        bar.n = done
        bar.set_postfix(scored=counts["scored"], errors=counts["errors"], refresh=False)
        bar.refresh()
        if progress is not None:
            progress(
                AuditProgress(
                    run_id,
                    total,
                    done,
                    counts["scored"],
                    counts["errors"],
                    counts["skipped"],
                    time.monotonic() - t0,
                )
            )

    def skipped(n: int) -> None:
        counts["skipped"] += n
        report()

    report()
    interrupted = False
    # The items still to score, read lazily; the first chunk is looked for before any worker
    # starts, so that a run with nothing left to score starts none.
    chunks = _todo_chunks(inputs, options, store, skipped)
    first = next(chunks, None)
    if first is not None and not stop.is_set():
        jobs = _jobs(options)
        try:
            backend: _Backend = (
                _Dask(options.scheduler, jobs, profile_arg, run_id, options.keep_text)
                if options.engine == "dask"
                else _Local(jobs, profile_arg, run_id, options.keep_text)
            )
        except Exception as exc:
            bar.close()
            with contextlib.suppress(Exception):
                store.finish_run(run_id, status="failed", counts=counts)
            where = f"the Dask scheduler at {options.scheduler}" if options.scheduler else "the worker processes"
            raise RecordQAError(
                Code.ENGINE_UNAVAILABLE, f"cannot start scoring on {where} ({type(exc).__name__})."
            ) from None
        failed = False
        try:
            with part.open("a", encoding="utf-8") as fh:
                for chunk_out in _score(backend, itertools.chain([first], chunks), run_id, stop):
                    # The Result JSON first (flushed to disk), then the store: a kill between the two
                    # leaves a line that the resume writes again and the merge keeps once.
                    lines = [js for js, _ in chunk_out if js is not None]
                    if lines:
                        fh.write("\n".join(lines) + "\n")
                        fh.flush()
                        os.fsync(fh.fileno())
                    recs = [r for _, r in chunk_out if isinstance(r, StoredRecord)]
                    errs = [r for _, r in chunk_out if isinstance(r, ErrorRow)]
                    store.save(recs, errs)  # one transaction
                    errors_all.extend(errs)
                    counts["scored"] += len(recs)
                    counts["errors"] += len(errs)
                    report()
        except KeyboardInterrupt:
            stop.set()
        except BaseException:
            failed = True
            raise
        finally:
            backend.close(kill=stop.is_set() or failed)
            bar.close()
            if failed:
                with contextlib.suppress(Exception):
                    store.finish_run(run_id, status="failed", counts=counts)
        interrupted = stop.is_set() and counts["scored"] + counts["errors"] + counts["skipped"] < total
    else:
        bar.close()
        interrupted = stop.is_set() and first is not None
    chunks.close()

    outputs: dict[str, Path] = {}
    missing = 0
    if not interrupted:  # an interrupted run writes no outputs: running it again finishes them
        outputs, missing = write_outputs(out, scan.keys, errors_all, store, title=options.title, profile=prof_name)
    store.finish_run(run_id, status="interrupted" if interrupted else "finished", counts=counts)
    return AuditSummary(
        run_id,
        counts["inputs"],
        counts["scored"],
        counts["errors"],
        counts["skipped"],
        interrupted,
        store.safe_url,
        outputs,
        time.monotonic() - t0,
        missing,
    )


def _score(backend: _Backend, chunks: Iterator[list[Item]], run_id: str, stop: threading.Event) -> Iterator[ChunkOut]:
    """Chunks through the backend, a bounded number in flight (memory stays flat), yielded as
    they complete; `chunks` is read only as slots free up. A chunk whose worker died is
    submitted again; one that fails again is split into single records, and a record that
    still fails becomes an error row: nothing is lost."""
    queue: list[tuple[list[Item], int]] = []  # chunks to try again; pop() from the end, before new ones
    pending: dict[Any, tuple[list[Item], int]] = {}
    limit = 2 * backend.slots
    more = True
    while True:
        while len(pending) < limit and not stop.is_set():
            if queue:
                chunk, attempts = queue.pop()
            elif more:
                nxt = next(chunks, None)
                if nxt is None:
                    more = False
                    break
                chunk, attempts = nxt, 0
            else:
                break
            pending[backend.submit(chunk)] = (chunk, attempts)
        if not (queue or pending or more):
            return
        if stop.is_set():
            return
        for fut in backend.wait(set(pending), timeout=0.5):
            entry = pending.pop(fut, None)
            if entry is None:  # in flight when the pool broke: already back in the queue
                continue
            chunk, attempts = entry
            try:
                res = backend.result(fut)
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception as exc:
                if _broken(exc):
                    backend.restart()
                    # Every chunk in flight on the broken pool goes back in the queue too.
                    for other, (c, a) in list(pending.items()):
                        queue.append((c, a))
                        del pending[other]
                if attempts + 1 < MAX_ATTEMPTS:
                    queue.append((chunk, attempts + 1))
                elif len(chunk) > 1:
                    queue.extend(([i], 0) for i in reversed(chunk))
                else:
                    yield [(None, _failed(chunk[0], run_id, type(exc).__name__))]
                continue
            yield res


def _broken(exc: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(exc, BrokenProcessPool)


# -- outputs ---------------------------------------------------------------------------------


def _merge_results(out: Path, keys: Sequence[str]) -> tuple[Path, int]:
    """results.jsonl from every run's part file: each input key once (the latest line), in
    input order, copied line by line (only a key -> place index is held). Returns the path and how many scored records had no line (scored with
    another --out)."""
    index: dict[str, tuple[Path, int, int]] = {}
    parts = sorted((out / PARTS).glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
    for p in parts:
        with p.open("rb") as fh:
            offset = 0
            for raw in fh:
                n = len(raw)
                if raw.endswith(b"\n"):  # a torn last line (a kill mid-write) is ignored
                    try:
                        key = json.loads(raw)["id"]
                    except (ValueError, KeyError, TypeError):
                        key = None
                    if isinstance(key, str):
                        index[key] = (p, offset, n)
                offset += n
    target = out / "results.jsonl"
    tmp = target.with_suffix(".jsonl.tmp")
    handles: dict[Path, Any] = {}
    written = 0
    try:
        with tmp.open("wb") as w:
            for key in keys:
                loc = index.get(key)
                if loc is None:
                    continue
                p, offset, n = loc
                fh = handles.get(p) or handles.setdefault(p, p.open("rb"))
                fh.seek(offset)
                w.write(fh.read(n))
                written += 1
    finally:
        for fh in handles.values():
            fh.close()
    tmp.replace(target)
    return target, written


OUTPUT_BATCH = 1_000  # stored records read back at a time to write the outputs


def _stored_in_order(store: Any, keys: Sequence[str]) -> Iterator[StoredRecord]:
    """The stored records of these keys in input order, read in batches of OUTPUT_BATCH keys:
    one batch of StoredRecords in memory at a time."""
    for lo in range(0, len(keys), OUTPUT_BATCH):
        part = keys[lo : lo + OUTPUT_BATCH]
        order = {k: n for n, k in enumerate(part)}
        batch = list(store.records_for(part))
        batch.sort(key=lambda r: order.get(r.key, 0))
        yield from batch


def write_outputs(
    out: Path, keys: Sequence[str], errors: Sequence[ErrorRow], store: Any, *, title: str, profile: str
) -> tuple[dict[str, Path], int]:
    """The five outputs from the store (and the part files), for the input item keys `keys` in
    input order; with how many stored records of these inputs have no results.jsonl line.
    The stored records are read back in batches, twice (the report's counts and the CSV
    header, then the CSVs): memory does not grow with the size of the audit."""
    from .report import ReportStats, render_stats

    out.mkdir(parents=True, exist_ok=True)
    results_path, in_jsonl = _merge_results(out, keys)
    checks: list[str] = []  # in the order the results list them (the registry's)
    seen_checks: set[str] = set()
    stats = ReportStats()  # the report's counts, record by record
    for r in _stored_in_order(store, keys):  # a first pass: the report's counts and the CSV header
        stats.add(r)
        for c in r.statuses:
            if c not in seen_checks:
                seen_checks.add(c)
                checks.append(c)
    meta = ["key", "source", "run_id", "worker", "team", "case_id", "record_type", "event_date", "recorded_date"]
    finding_head = [
        "key",
        "worker",
        "team",
        "check",
        "code",
        "severity",
        "start",
        "end",
        "message",
        "suggestion",
        "standard_id",
        "text",
    ]
    with (
        (out / "results.csv").open("w", encoding="utf-8", newline="") as rfh,
        (out / "findings.csv").open("w", encoding="utf-8", newline="") as ffh,
    ):
        rw = csv.writer(rfh)
        fw = csv.writer(ffh)
        rw.writerow([*meta, "profile", "score", "grade", *checks])
        fw.writerow(finding_head)
        for r in _stored_in_order(store, keys):
            rw.writerow(
                [
                    r.key,
                    r.source,
                    r.run_id,
                    r.worker,
                    r.team,
                    r.case_id,
                    r.record_type,
                    r.event_date.isoformat() if r.event_date else "",
                    r.recorded_date.isoformat() if r.recorded_date else "",
                    r.profile,
                    f"{r.score:.1f}",
                    r.grade,
                    *(r.statuses.get(c, "") for c in checks),
                ]
            )
            for f in r.findings:
                fw.writerow(
                    [
                        r.key,
                        r.worker,
                        r.team,
                        f.check,
                        f.code,
                        f.severity,
                        f.start,
                        f.end,
                        f.message,
                        f.suggestion or "",
                        f.standard_id or "",
                        f.text or "",
                    ]
                )
    with (out / "errors.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["key", "source", "code", "message"])
        for e in errors:
            w.writerow([e.key, e.source, e.code, e.message])
    html = render_stats(stats, list(errors), title=title, profile=profile)
    (out / "report.html").write_text(html, encoding="utf-8")
    return {name: out / name for name in OUTPUTS} | {"results.jsonl": results_path}, max(0, stats.whole.n - in_jsonl)


__all__ = ["AuditOptions", "AuditProgress", "AuditSummary", "ColumnMap", "RecordQAError", "StoreError", "run_audit"]
