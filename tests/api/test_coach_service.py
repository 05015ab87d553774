"""The coaching summary route, the /coach page and audits through the service, over real HTTP
(uvicorn on loopback), with a real SQLite store filled from real analyses of synthetic records."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from spacy.language import Language

from api.main import create_app
from api.settings import Settings
from recordqa.report import CSP

from ..rows_data import ERRORS, rows
from .conftest import Served, serve


def fill_store(url: str, keep_text: bool = False) -> None:
    from recordqa.store import Store

    store = Store(url)
    try:
        store.upgrade()
        data = list(rows(keep_text=keep_text))
        if keep_text:  # W03 keeps only the record whose flagged words hold markup
            data = [r for r in data if r.worker != "W03" or r.key == "W03-hostile"]
        store.save(data, list(ERRORS))
    finally:
        store.dispose()


@pytest.fixture(scope="module")
def stored(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server over a store of the synthetic rows (text not kept)."""
    folder = tmp_path_factory.mktemp("coach")
    url = f"sqlite:///{folder / 'store.db'}"
    fill_store(url)
    s = serve(create_app(Settings(database_url=url, audit_dir=str(folder / "jobs"))))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def http(stored: Served) -> Iterator[httpx.Client]:
    with stored.client() as c:
        yield c


def test_summary(http: httpx.Client) -> None:
    r = http.get("/v1/workers/W07/summary")
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    s = r.json()
    assert (s["worker"], s["team"], s["team_basis"], s["records"], s["team_records"]) == ("W07", "T1", "own", 4, 12)
    assert s["coaching"][0]["check"] == "jargon"
    assert s["coaching"][0]["examples"] and all(e["text"] is None for e in s["coaching"][0]["examples"])
    assert "seen-alone" in {x["check"] for x in s["strengths"]}
    assert [m["month"] for m in s["trend"]] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert "priority" in s["formula"]

    r = http.get("/v1/workers/W07/summary", params={"team": "T2", "since": "2026-02-01"})
    assert r.status_code == 200
    assert (r.json()["team"], r.json()["team_basis"], r.json()["records"]) == ("T2", "given", 3)


def test_summary_errors(http: httpx.Client, stored: Served) -> None:
    r = http.get("/v1/workers/W99/summary")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "RQE311"
    assert "No scored records for worker 'W99'" in r.json()["error"]["message"]
    r = http.get("/v1/workers/W07/summary", params={"since": "2030-01-01"})
    assert r.status_code == 404 and "2030-01-01" in r.json()["error"]["message"]
    r = http.get("/v1/workers/W07/summary", params={"since": "March"})
    assert r.status_code == 422 and "since" in r.json()["error"]["message"]
    assert "summary" in stored.app.openapi()["paths"]["/v1/workers/{worker_id}/summary"]["get"]["summary"]


def test_summary_without_a_store(nlp: Language, tmp_path: Path, serve_app: Any) -> None:
    s = serve_app(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'absent.db'}")))
    with s.client() as c:
        r = c.get("/v1/workers/W07/summary")
    assert r.status_code == 404 and r.json()["error"]["code"] == "RQE310"
    assert not (tmp_path / "absent.db").exists()


def test_routes_need_the_key(keyed: Served) -> None:
    with keyed.client() as c:
        for method, path in (
            ("GET", "/v1/workers/W07/summary"),
            ("POST", "/v1/audits"),
            ("GET", "/v1/audits/" + "0" * 32),
            ("GET", "/v1/audits/" + "0" * 32 + "/report"),
            ("GET", "/v1/audits/" + "0" * 32 + "/results.jsonl"),
            ("GET", "/v1/audits/" + "0" * 32 + "/results.csv"),
            ("DELETE", "/v1/audits/" + "0" * 32),
        ):
            r = c.request(method, path, content=b'{"text": "x"}\n', headers={"content-type": "application/x-ndjson"})
            assert r.status_code == 401, (method, path, r.status_code)
        assert c.get("/coach").status_code == 200  # the page itself is open; its calls need the key


def test_coach_page_over_http(http: httpx.Client) -> None:
    r = http.get("/coach")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    html = r.text
    assert '<script src="/static/coach.js" defer></script>' in html
    assert html.count("<script") == 1 and not re.search(r"\son[a-z]+\s*=", html)  # no inline handlers
    assert "style=" not in html
    for f in ("/static/coach.js", "/static/coach.css"):
        assert http.get(f).status_code == 200


# -- audits --------------------------------------------------------------------------------

AUDIT_TEXT = (
    "Home visit to see {child} at her mother's flat. The purpose was to hear how school is going. "
    'I spoke with {child} on her own in her room. She told me, "I like my new teacher." '
    "In my view {child} is settling, because she is sleeping well.\n"
    "Next steps:\n- I will phone the school by 14 March to ask how {child} is getting on."
)


def audit_lines(prefix: str, n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        child = ("Amy", "Beth", "Cara")[i % 3]
        text = AUDIT_TEXT.format(child=child)
        if i % 2:
            text = text.replace("The purpose was", "The IRO knows. The purpose was")
        out.append(
            {
                "id": f"{prefix}-{i}",
                "text": text,
                "record_type": "visit",
                "worker": f"{prefix}W{i % 2}",
                "team": f"{prefix}T",
                "event_date": f"2026-0{1 + i % 3}-10",
                "child_names": [child],
            }
        )
    return out


@pytest.fixture(scope="module")
def auditing(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("audits")
    s = serve(
        create_app(
            Settings(
                database_url=f"sqlite:///{folder / 'store.db'}",
                audit_dir=str(folder / "jobs"),
                audit_jobs=1,
                max_upload_bytes=64 * 1024,
            )
        )
    )
    yield s
    s.stop()


def wait_done(c: httpx.Client, job_id: str, seconds: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    seen: set[str] = set()
    while time.monotonic() < deadline:
        job = c.get(f"/v1/audits/{job_id}").json()
        seen.add(job["status"])
        if job["status"] in ("finished", "failed", "interrupted"):
            job["seen"] = sorted(seen)
            return job
        time.sleep(0.5)
    raise AssertionError(f"audit {job_id} not done in {seconds}s: {seen}")


def test_audit_jsonl_body(auditing: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    lines = [json.dumps(x) for x in audit_lines("A", 5)]
    lines.insert(2, "{not json")
    lines.append(json.dumps({"id": "A-empty", "text": "   "}))
    with auditing.client() as c:
        r = c.post(
            "/v1/audits",
            params={"title": "Upload <one>"},
            content="\n".join(lines).encode(),
            headers={"content-type": "application/x-ndjson"},
        )
        assert r.status_code == 202, r.text
        job = r.json()
        assert r.headers["location"] == f"/v1/audits/{job['id']}"
        assert job["status"] in ("queued", "running") and job["links"]["report"] is None
        early = c.get(f"/v1/audits/{job['id']}/report")
        assert early.status_code in (409, 200)
        if early.status_code == 409:
            assert early.json()["error"]["code"] == "RQE313"

        done = wait_done(c, job["id"])
        assert done["status"] == "finished", done
        summary = done["summary"]
        assert summary["inputs"] == 7 and summary["scored"] == 5 and summary["errors"] == 2
        assert done["progress"]["done"] == 7
        links = done["links"]

        report = c.get(links["report"])
        assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
        assert report.headers["content-security-policy"].startswith(CSP)
        assert "Upload &lt;one&gt;" in report.text and "<svg" in report.text

        results = c.get(links["results_jsonl"])
        assert results.status_code == 200 and results.headers["content-type"].startswith("application/x-ndjson")
        ids = [json.loads(x)["id"] for x in results.text.splitlines() if x.strip()]
        assert sorted(ids) == [f"A-{i}" for i in range(5)]

        table = c.get(links["results_csv"])
        assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
        got = list(csv.DictReader(io.StringIO(table.text)))
        assert len(got) == 5 and {g["worker"] for g in got} == {"AW0", "AW1"}

        # The upload itself is not kept once scored.
        folder = Path(auditing.app.state.audits.jobs[job["id"]].folder)
        assert not list(folder.glob("upload.*"))

        # The coaching view reads what the audit stored.
        s = c.get("/v1/workers/AW1/summary").json()
        assert s["records"] == 2 and s["team"] == "AT"
        assert s["coaching"] and s["coaching"][0]["check"] == "jargon"

        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert f"audit {job['id']}: finished" in logged
        assert "Home visit" not in logged and "teacher" not in logged  # ids and counts only

        assert c.delete(f"/v1/audits/{job['id']}").status_code == 204
        assert c.get(f"/v1/audits/{job['id']}").status_code == 404
        assert not folder.exists()


def test_audit_csv_multipart(auditing: Served) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["ref", "note", "record_type", "worker", "team", "event_date"])
    for x in audit_lines("B", 3):
        w.writerow([x["id"], x["text"], "visit", x["worker"], x["team"], x["event_date"]])
    w.writerow(["B-baddate", "I visited the home and saw Amy.", "visit", "BW0", "BT", "31/31/2026"])
    with auditing.client() as c:
        r = c.post(
            "/v1/audits",
            params={"id_col": "ref", "text_col": "note", "keep_text": "false"},
            files={"file": ("export.csv", buf.getvalue().encode(), "text/csv")},
        )
        assert r.status_code == 202, r.text
        done = wait_done(c, r.json()["id"])
        assert done["status"] == "finished", done
        assert (done["summary"]["scored"], done["summary"]["errors"]) == (3, 1)
        got = list(csv.DictReader(io.StringIO(c.get(done["links"]["results_csv"]).text)))
        assert sorted(g["key"] for g in got) == ["B-0", "B-1", "B-2"]


def test_audit_upload_errors(auditing: Served) -> None:
    with auditing.client() as c:
        r = c.post("/v1/audits", content=b"hello", headers={"content-type": "text/plain"})
        assert r.status_code == 415 and r.json()["error"]["code"] == "RQE314"
        r = c.post("/v1/audits", content=b"", headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 422 and "empty" in r.json()["error"]["message"]
        big = (json.dumps({"id": "x", "text": "word " * 1000}) + "\n").encode() * 20  # over 64 KiB
        r = c.post("/v1/audits", content=big, headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "RQE315"

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is counted as it streams
            for _ in range(20):
                yield big[: len(big) // 20]

        r = c.post("/v1/audits", content=chunks(), headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 413
        r = c.post("/v1/audits", files={"other": ("notes.txt", b"text", "text/plain")})
        assert r.status_code == 415
        r = c.post(
            "/v1/audits", params={"profile": "/etc/passwd"}, content=b"{}\n", headers={"content-type": "text/csv"}
        )
        assert r.status_code == 422 and "unknown profile" in r.json()["error"]["message"]
        assert c.get("/v1/audits/" + "f" * 32).status_code == 404
        assert c.get("/v1/audits/not-a-job").status_code == 422
        assert c.get("/v1/audits/" + "f" * 32 + "/report").status_code == 404
        # Other routes keep the service's 1 MiB body limit... a small app's would be 4 KiB; here the default.
        assert c.post("/v1/analyse", content=b"x" * (2 * 1_048_576)).status_code == 413


def test_delete_stops_a_running_audit(nlp: Language, tmp_path: Path, serve_app: Any) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    s = serve_app(create_app(Settings(database_url=url, audit_dir=str(tmp_path / "jobs"), audit_jobs=1)))
    body = "\n".join(json.dumps(x) for x in audit_lines("D", 400)).encode()
    with s.client() as c:
        r = c.post("/v1/audits", content=body, headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 202
        job_id = r.json()["id"]
        job = s.app.state.audits.jobs[job_id]
        deadline = time.monotonic() + 120
        while c.get(f"/v1/audits/{job_id}").json()["status"] == "queued" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert c.delete(f"/v1/audits/{job_id}").status_code == 204
        assert job.thread is not None and not job.thread.is_alive()
        assert job.status in ("interrupted", "finished")
        assert c.get(f"/v1/audits/{job_id}").status_code == 404
        assert not job.folder.exists()
    from recordqa.store import Store

    store = Store(url)
    try:
        scored = sum(1 for r in store.records() if r.key.startswith("D-"))
    finally:
        store.dispose()
    assert job.status == "finished" or scored < 400  # stopped part way; what was scored is kept
