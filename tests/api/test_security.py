"""Security over real HTTP: API keys (hashed, on every /v1 and /v2 route), no note text in
any log line or error answer at DEBUG, the size and batch limits, and security headers on
every kind of answer."""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.routing import iter_route_contexts
from pydantic import ValidationError

from api.main import create_app
from api.settings import Settings, hash_key
from recordqa import engine

from ..conftest import ROOT
from .conftest import Serve, Served

sys.path.insert(0, str(ROOT / "bench"))
load = importlib.import_module("load")  # bench/load.py: starts `python -m api` as `make run` does


# -- API keys --------------------------------------------------------------------------------------


def guarded_routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path) of the app under /v1 or /v2, path parameters filled in: taken from
    the app's own routes, so a route added later is covered without touching this test."""
    out = []
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if not path.startswith(("/v1", "/v2")):
            continue
        concrete = re.sub(r"\{[^}]+\}", "x", path)
        out += [(method, concrete) for method in sorted(route.methods or ()) if method != "HEAD"]
    return out


def test_every_v1_and_v2_route_needs_a_key(keyed: Served) -> None:
    routes = guarded_routes(keyed.app)
    paths = {p for _, p in routes}
    assert {"/v1/analyse", "/v1/analyse/batch", "/v1/checks", "/v1/checks/x", "/v2/check"} <= paths, paths
    with keyed.client() as c:
        for method, path in routes:
            bare = c.request(method, path)
            assert bare.status_code == 401, (method, path, bare.status_code)
            assert bare.json()["error"]["code"] == "RQE302" and bare.headers["www-authenticate"] == "Bearer"
            assert c.request(method, path, headers={"X-API-Key": "alpha-key-1234"}).status_code == 401
            assert c.request(method, path, headers={"Authorization": "Bearer beta"}).status_code == 401
            ok = c.request(method, path, headers={"X-API-Key": "alpha-key-123"})
            assert ok.status_code != 401, (method, path)
            ok = c.request(method, path, headers={"Authorization": "Bearer beta-key-456"})
            assert ok.status_code != 401, (method, path)


def test_keys_may_be_given_hashed_and_only_hashes_are_kept(serve_app: Serve) -> None:
    gamma = "gamma-key-789"
    settings = Settings(api_keys=f"{hash_key(gamma)}, delta-plain-key ,SHA256:{'A' * 64}")
    held = settings.model_dump_json() + repr(settings) + str(settings.keys())
    assert "delta-plain-key" not in held and "gamma-key" not in held
    assert settings.keys() == (hash_key(gamma), hash_key("delta-plain-key"), "sha256:" + "a" * 64)
    assert hash_key(gamma) == "sha256:" + hashlib.sha256(gamma.encode()).hexdigest()
    s = serve_app(create_app(settings))
    with s.client() as c:
        assert c.get("/v1/checks", headers={"X-API-Key": gamma}).status_code == 200
        assert c.get("/v1/checks", headers={"Authorization": "Bearer delta-plain-key"}).status_code == 200
        # The hash itself is not a key.
        assert c.get("/v1/checks", headers={"X-API-Key": hash_key(gamma)}).status_code == 401
        assert c.get("/v1/checks").status_code == 401


def test_a_malformed_hash_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValidationError) as err:
        Settings(api_keys="sha256:not-hex-secret-value")
    assert "not-hex-secret-value" not in str(err.value) and "64 hex digits" in str(err.value)


def test_hash_key_command() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "api", "hash-key"], input="epsilon-key\n", capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0 and run.stdout.strip() == hash_key("epsilon-key")
    new = subprocess.run([sys.executable, "-m", "api", "hash-key", "--new"], capture_output=True, text=True, cwd=ROOT)
    key = re.search(r"key:\s+(\S+)", new.stdout)
    digest = re.search(r"hash:\s+(\S+)", new.stdout)
    assert key and digest and digest.group(1) == hash_key(key.group(1)) and len(key.group(1)) >= 40


# -- no note text in logs or error answers, with every logger at DEBUG ------------------------------

MARKER = "Xylophrenia-Quokkabend"
NOTE = f'SW visited {MARKER} at home. Mum is chaotic. {MARKER} said, "I want to see my dad."'


@pytest.fixture(scope="module")
def debug_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """`python -m api` with RECORDQA_LOG_LEVEL=debug: uvicorn's access and error logs, fastapi,
    recordqa, python-multipart and every other logger (the root) at DEBUG, all to one file."""
    log = tmp_path_factory.mktemp("debug") / "server.log"
    server = load.start_server({"RECORDQA_LOG_LEVEL": "debug"}, log)
    yield server
    server.stop()


def _requests(c: httpx.Client) -> list[tuple[str, httpx.Response]]:
    """Valid, invalid, oversize, malformed and echo-prone requests, every one carrying the note."""
    json_headers = {"content-type": "application/json"}
    latin1 = json.dumps({"text": NOTE + " café"}, ensure_ascii=False).encode("latin-1")
    surrogate = json.dumps({"text": NOTE + " \ud800"})  # escaped as JSON allows: "\ud800"
    out = [
        ("valid", c.post("/v1/analyse", json={"text": NOTE, "record_type": "visit", "id": "r1"})),
        ("batch", c.post("/v1/analyse/batch", json={"records": [{"text": NOTE}, {"text": " "}]})),
        ("languagetool", c.post("/v2/check", data={"text": NOTE, "language": "en-GB"})),
        ("languagetool data", c.post("/v2/check", data={"data": json.dumps({"annotation": [{"text": NOTE}]})})),
        ("bad record type", c.post("/v1/analyse", json={"text": NOTE, "record_type": "home-visit"})),
        ("text a list", c.post("/v1/analyse", json={"text": [NOTE]})),
        ("text an object", c.post("/v1/analyse", json={"text": {"note": NOTE}})),
        ("no text", c.post("/v1/analyse", json={"txt": NOTE})),
        ("ages", c.post("/v1/analyse", json={"text": NOTE, "metadata": {"child_ages": [NOTE]}})),
        ("date", c.post("/v1/analyse", json={"text": NOTE, "metadata": {"event_date": NOTE}})),
        ("suppression", c.post("/v1/analyse", json={"text": NOTE, "suppress": [{"reason": NOTE, "bad": NOTE}]})),
        ("batch records", c.post("/v1/analyse/batch", json={"records": NOTE})),
        ("malformed JSON", c.post("/v1/analyse", content=f'{{"text": "{NOTE}"'.encode(), headers=json_headers)),
        ("not UTF-8", c.post("/v1/analyse", content=latin1, headers=json_headers)),
        ("lone surrogate", c.post("/v1/analyse", content=surrogate, headers=json_headers)),
        ("too long", c.post("/v1/analyse", json={"text": (NOTE + " ") * (engine.MAX_CHARS // len(NOTE) + 1)})),
        ("oversize", c.post("/v1/analyse", json={"text": NOTE * (1_100_000 // len(NOTE))})),
        ("too many", c.post("/v1/analyse/batch", json={"records": [{"text": NOTE}] * 101})),
        ("unknown profile", c.post("/v1/analyse", json={"text": NOTE, "profile": "nowhere"})),
        ("text in the URL", c.get("/v2/check", params={"text": NOTE, "language": "en-GB"})),
        ("form, no language", c.post("/v2/check", data={"text": NOTE})),
        ("form, bad data", c.post("/v2/check", data={"data": NOTE, "language": "en"})),
    ]
    return out


def test_no_note_text_in_any_log_line_or_error_answer(debug_server: Any) -> None:
    with httpx.Client(base_url=debug_server.base, timeout=120) as c:
        answers = _requests(c)
    got = {name: r.status_code for name, r in answers}
    assert got["valid"] == 200 and got["batch"] == 200 and got["languagetool"] == 200
    assert MARKER in answers[0][1].text  # the result quotes the record to its sender, as it must
    expected = {
        "bad record type": 422,
        "text a list": 422,
        "text an object": 422,
        "no text": 422,
        "ages": 422,
        "date": 422,
        "suppression": 422,
        "batch records": 422,
        "malformed JSON": 422,
        "not UTF-8": 422,
        "lone surrogate": 422,
        "too long": 422,
        "oversize": 413,
        "too many": 422,
        "unknown profile": 422,
        "text in the URL": 405,
        "form, no language": 400,
        "form, bad data": 400,
    }
    assert {k: got[k] for k in expected} == expected
    for name, r in answers:
        if r.status_code >= 400:
            assert MARKER not in r.text and "Quokka" not in r.text and "chaotic" not in r.text, (name, r.text[:300])
            if r.headers["content-type"].startswith("application/json"):
                assert all("input" not in d for d in r.json().get("detail", [])), name
    by_name = dict(answers)
    assert by_name["oversize"].json()["error"]["code"] == "RQE301"
    assert by_name["too many"].json()["error"]["code"] == "RQE303"
    assert by_name["too long"].json()["error"]["code"] == "RQE102"
    assert by_name["lone surrogate"].json()["error"]["code"] == "RQE103"
    assert by_name["not UTF-8"].json()["error"]["code"] == "RQE104"
    debug_server.stop()  # flush and close: the log is complete
    logged = debug_server.output()
    assert "DEBUG" in logged and '"POST /v1/analyse HTTP/1.1" 422' in logged  # the logs did run, at DEBUG
    assert "GET /v2/check?…" in logged
    for fragment in (MARKER, "Xylophrenia", "Quokkabend", "Mum is chaotic", "see my dad"):
        assert fragment not in logged, f"note text in the server's log: {fragment}"


# -- headers on every kind of answer ----------------------------------------------------------------


def _open_paths(app: Any) -> list[str]:
    paths = ["/", "/static/app.js", "/static/app.css", "/static/missing.js", "/no-such-page", "/healthz", "/readyz"]
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if (
            "GET" in (route.methods or ())
            and not path.startswith(("/v1", "/v2", "/docs", "/redoc"))
            and "{" not in path
        ):
            paths.append(path)
    return list(dict.fromkeys(paths))


def _assert_headers(r: httpx.Response, what: str) -> None:
    assert r.headers.get("x-content-type-options") == "nosniff", what
    assert r.headers.get("referrer-policy") == "no-referrer", what
    csp = r.headers.get("content-security-policy", "")
    assert csp.startswith("default-src 'none'"), (what, csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, what
    assert "frame-ancestors 'none'" in csp, what


def test_security_headers_on_every_answer(served: Served, small: Served, keyed: Served) -> None:
    with served.client() as c:
        for path in _open_paths(served.app):
            r = c.get(path)
            _assert_headers(r, f"GET {path} {r.status_code}")
            if r.headers.get("content-type", "").startswith("text/html"):
                csp = r.headers["content-security-policy"]
                assert "script-src 'self'" in csp, path
        _assert_headers(c.get("/v1/analyse"), "405")
        _assert_headers(c.post("/v1/analyse", json={"text": 1}), "422")
        _assert_headers(c.post("/v1/analyse", content=b"{", headers={"content-type": "application/json"}), "422 json")
        _assert_headers(c.post("/v1/analyse", json={"text": NOTE}), "200")
        _assert_headers(c.post("/v2/check", data={"text": NOTE}), "400 plain text")
    with small.client() as c:
        _assert_headers(c.post("/v1/analyse", json={"text": "x" * 10_000}), "413")
    with keyed.client() as c:
        _assert_headers(c.get("/v1/checks"), "401")


def test_limits_at_their_defaults() -> None:
    s = Settings()
    assert (s.max_body_bytes, s.max_batch) == (1_048_576, 100)
    assert (s.max_concurrent, s.max_queue, s.queue_timeout_seconds, s.request_timeout_seconds) == (2, 200, 30.0, 300.0)


def test_the_page_files_have_no_inline_script(served: Served) -> None:
    static = ROOT / "api" / "static"
    with served.client() as c:
        for html in sorted(static.glob("*.html")):
            text = html.read_text(encoding="utf-8")
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), html.name
            assert not re.search(r"\son[a-z]+\s*=", text), html.name
        for js in sorted(static.glob("*.js")):
            code = js.read_text(encoding="utf-8")
            assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "eval(" not in code, js.name
            assert "document.write" not in code, js.name
            assert c.get(f"/static/{js.name}").headers["x-content-type-options"] == "nosniff"
