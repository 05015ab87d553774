"""The HTTP service over real HTTP: every route, the limits, the errors, the headers."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from api.deps import Runner
from api.main import create_app
from api.settings import Settings
from recordqa import engine, explain
from recordqa.checks import REGISTRY
from recordqa.models import RECORD_TYPES, Record

from ..conftest import ROOT
from .conftest import Serve, Served

SAMPLE = (ROOT / "recordqa" / "data" / "sample_visit.txt").read_text(encoding="utf-8")


# -- health and the page ------------------------------------------------------------------


def test_healthz_and_readyz(client: httpx.Client) -> None:
    h = client.get("/healthz")
    assert h.status_code == 200 and h.json()["status"] == "ok"
    r = client.get("/readyz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ready" and body["spacy_model"].startswith("en_core_web_sm")


class _Blocked(Runner):
    """A runner whose warm-up waits for the test to let it go."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def warm(self, profile: str) -> None:
        self.go.wait(60)
        super().warm(profile)


def test_readyz_is_503_until_warm_and_analysis_waits(serve_app: Serve) -> None:
    app = create_app(Settings(ready_wait_seconds=0))
    runner = _Blocked()
    app.state.runner = runner
    s = serve_app(app, wait_ready=False)
    with s.client() as c:
        r = c.get("/readyz")
        assert r.status_code == 503 and r.json()["status"] == "loading"
        assert c.get("/healthz").status_code == 200
        a = c.post("/v1/analyse", json={"text": "I saw Amy alone."})
        assert a.status_code == 503
        assert a.json()["error"]["code"] == "RQE304" and a.headers["retry-after"]
        runner.go.set()
        assert runner.ready.wait(60)
        assert c.get("/readyz").status_code == 200
        assert c.post("/v1/analyse", json={"text": "I saw Amy alone."}).status_code == 200


def test_creating_the_app_loads_nothing() -> None:
    code = (
        "import api.main\n"
        "from recordqa import pipeline, classifier\n"
        "assert pipeline.load.cache_info().currsize == 0, 'spaCy loaded at import'\n"
        "assert classifier.load_model.cache_info().currsize == 0, 'classifier loaded at import'\n"
        "api.main.create_app()\n"
        "assert pipeline.load.cache_info().currsize == 0\n"
        "print('clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0 and "clean" in out.stdout, out.stderr


def test_the_library_never_imports_api() -> None:
    for path in (ROOT / "recordqa").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert "import api" not in src and "from api" not in src, path


def test_openapi_and_docs(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/v1/analyse", "/v1/analyse/batch", "/v1/checks", "/v1/profiles", "/v2/check", "/v2/languages"):
        assert path in spec["paths"], path
    assert spec["paths"]["/v1/analyse"]["post"]["summary"] == "Analyse one record."
    assert spec["paths"]["/v1/analyse"]["post"]["operationId"] == "analyse-analyse"
    assert client.get("/docs").status_code == 200


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.inline_code = False
        self._in_script = False
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if any(k == "style" for k, _ in attrs) or tag == "style":
            self.styles += 1
        if tag == "script":
            self.scripts.append(dict(attrs))
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_code = True


def test_page_and_its_security_headers(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    tags = _Tags()
    tags.feed(r.text)
    assert tags.scripts == [{"src": "/static/app.js", "defer": None}]
    assert not tags.inline_code and not tags.handlers and not tags.styles
    assert "http://" not in r.text.replace('xmlns="http://www.w3.org', "") and "https://" not in r.text  # no CDN
    for asset, kind in (("/static/app.js", "javascript"), ("/static/app.css", "text/css")):
        a = client.get(asset)
        assert a.status_code == 200 and kind in a.headers["content-type"]
        assert a.headers["x-content-type-options"] == "nosniff"
        assert a.headers["content-security-policy"] == csp
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    api = client.get("/v1/checks")
    assert api.headers["cache-control"] == "no-store" and api.headers["x-content-type-options"] == "nosniff"


# -- /v1/analyse ------------------------------------------------------------------------------


def test_analyse_returns_the_library_result(client: httpx.Client) -> None:
    body = {"id": "visit-7", "text": SAMPLE, "record_type": "visit"}
    r = client.post("/v1/analyse", json=body)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["id"] == "visit-7" and data["record_type"] == "visit" and data["profile"] == "default"
    expected = engine.analyse(Record.model_validate(body)).model_dump(mode="json")
    assert data == expected
    codes = {f["code"] for c in data["checks"] for f in c["findings"]}
    assert "jargon/acronym" in codes
    for c in data["checks"]:
        for f in c["findings"]:
            assert SAMPLE[f["start"] : f["end"]] == f["text"]


def test_analyse_422_names_the_field_and_never_echoes_the_text(client: httpx.Client) -> None:
    secret = "Quillon-Marchetti said the flat was chaotic"
    r = client.post("/v1/analyse", json={"text": secret, "record_type": "home-visit"})
    assert r.status_code == 422
    err = r.json()
    assert err["error"]["code"] == "RQE105" and "record_type" in err["error"]["message"]
    assert err["detail"][0]["loc"] == ["body", "record_type"]
    assert secret not in r.text and "input" not in err["detail"][0]

    r = client.post("/v1/analyse", json={"txt": secret})
    assert r.status_code == 422 and "'text'" in r.json()["error"]["message"]
    assert secret not in r.text

    r = client.post("/v1/analyse", json={"text": ["a", secret]})
    assert r.status_code == 422 and secret not in r.text

    r = client.post(
        "/v1/analyse", content=b'{"text": "' + secret.encode() + b'",', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "RQE104" and secret not in r.text


def test_analyse_input_errors(client: httpx.Client) -> None:
    r = client.post("/v1/analyse", json={"text": "   \n "})
    assert r.status_code == 422 and r.json()["error"]["code"] == "RQE101"
    r = client.post("/v1/analyse", json={"text": "a" * (engine.MAX_CHARS + 1)})
    assert r.status_code == 422 and r.json()["error"]["code"] == "RQE102"
    r = client.post("/v1/analyse", json={"text": "I saw Amy.", "profile": "no-such-council"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "RQE202"
    assert "'profile'" in r.json()["error"]["message"]


def test_a_profile_is_never_a_file_path(client: httpx.Client, tmp_path: object) -> None:
    for name in ("/etc/passwd", "../../etc/hosts.yaml", str(ROOT / "recordqa" / "data" / "profiles" / "default.yaml")):
        r = client.post("/v1/analyse", json={"text": "I saw Amy.", "profile": name})
        assert r.status_code == 422 and r.json()["error"]["code"] == "RQE202"
        assert "root:" not in r.text


def test_413_by_content_length_and_by_streamed_size(small: Served) -> None:
    with small.client() as c:
        big = {"text": "Amy was seen alone. " * 400}
        r = c.post("/v1/analyse", json=big)
        assert r.status_code == 413
        assert r.json()["error"]["code"] == "RQE301"

        def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
            yield b'{"text": "'
            for _ in range(100):
                yield b"Amy was seen alone. " * 10
            yield b'"}'

        r = c.post("/v1/analyse", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "RQE301"

        def small_chunks() -> Iterator[bytes]:
            yield b'{"text": "I saw Amy alone '
            yield b'in her room."}'

        r = c.post("/v1/analyse", content=small_chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 200, r.text
        assert r.json()["seen_alone"]["status"] == "alone"


# -- /v1/analyse/batch --------------------------------------------------------------------------


def test_batch_keeps_order_and_puts_errors_in_place(client: httpx.Client) -> None:
    body: dict[str, Any] = {
        "records": [
            {"id": "a", "text": 'I saw Jo alone. She said, "I am fine."', "record_type": "visit"},
            {"id": "b", "text": "   "},
            {"id": "c", "text": "Mum is chaotic.", "profile": "nope"},
            {"id": "d", "text": "Case closed."},
        ],
        "record_type": "case_note",
    }
    r = client.post("/v1/analyse/batch", json=body)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["count"] == 4
    rows = data["results"]
    assert [row["id"] for row in rows] == ["a", "b", "c", "d"]
    assert rows[0]["record_type"] == "visit" and rows[3]["record_type"] == "case_note"
    assert rows[1]["error"]["code"] == "RQE101" and rows[1]["index"] == 1
    assert rows[2]["error"]["code"] == "RQE202"
    single = client.post("/v1/analyse", json={"id": "a", "text": body["records"][0]["text"], "record_type": "visit"})
    assert rows[0] == single.json()


def test_batch_limit(small: Served) -> None:
    with small.client() as c:
        records = [{"text": f"I saw child {i} alone."} for i in range(4)]
        r = c.post("/v1/analyse/batch", json={"records": records})
        assert r.status_code == 422
        err = r.json()["error"]
        assert err["code"] == "RQE303" and "'records'" in err["message"] and "3" in err["message"]
        assert c.post("/v1/analyse/batch", json={"records": records[:3]}).json()["count"] == 3
        r = c.post("/v1/analyse/batch", json={"records": []})
        assert r.status_code == 422 and "records" in r.json()["error"]["message"]


# -- catalogue -----------------------------------------------------------------------------------


def test_checks_catalogue_cites_standards(client: httpx.Client) -> None:
    data = client.get("/v1/checks").json()
    assert data["count"] == len(REGISTRY) == len(data["checks"])
    assert [c["id"] for c in data["checks"]] == list(REGISTRY)
    assert data["checks"] == json.loads(explain.explain_all("json"))  # the library's pages, as they are
    for c in data["checks"]:
        assert c["title"] and c["what"] and isinstance(c["codes"], dict)
        for s in c["standards"]:
            assert s["authority"] and s["source"].endswith(".txt") and s["line"] >= 1 and s["quote"]
    one = client.get("/v1/checks/jargon").json()
    assert one["id"] == "jargon" and "jargon/acronym" in one["codes"]
    assert client.get("/v1/checks/jargon/term").json()["id"] == "jargon"
    missing = client.get("/v1/checks/spelling")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "RQE107"


def test_profiles_and_record_types(client: httpx.Client) -> None:
    data = client.get("/v1/profiles").json()
    assert data["default"] == "default"
    names = [p["name"] for p in data["profiles"]]
    assert "default" in names and data["count"] == len(names)
    default = data["profiles"][names.index("default")]
    assert set(default["grades"]) == {"outstanding", "good", "requires_improvement"}
    assert set(default["checks"]) <= set(REGISTRY)
    types = client.get("/v1/record-types").json()
    assert types["record_types"] == list(RECORD_TYPES)


# -- API keys ------------------------------------------------------------------------------------


def test_open_when_no_keys(client: httpx.Client) -> None:
    assert client.get("/v1/checks").status_code == 200
    assert client.post("/v2/check", data={"text": "I saw Amy.", "language": "en-GB"}).status_code == 200


def test_keys_required_when_set(keyed: Served) -> None:
    with keyed.client() as c:
        for method, path, kwargs in (
            ("GET", "/v1/checks", {}),
            ("GET", "/v1/profiles", {}),
            ("POST", "/v1/analyse", {"json": {"text": "I saw Amy alone."}}),
            ("POST", "/v1/analyse/batch", {"json": {"records": [{"text": "I saw Amy alone."}]}}),
            ("POST", "/v2/check", {"data": {"text": "I saw Amy.", "language": "en-GB"}}),
            ("GET", "/v2/languages", {}),
        ):
            r = c.request(method, path, **kwargs)
            assert r.status_code == 401, path
            assert r.json()["error"]["code"] == "RQE302" and r.headers["www-authenticate"] == "Bearer"
            wrong = c.request(method, path, headers={"X-API-Key": "alpha-key-12"}, **kwargs)
            assert wrong.status_code == 401, path
            ok = c.request(method, path, headers={"X-API-Key": "alpha-key-123"}, **kwargs)
            assert ok.status_code == 200, (path, ok.text)
        bearer = c.get("/v1/checks", headers={"Authorization": "Bearer beta-key-456"})
        assert bearer.status_code == 200
        assert c.get("/v1/checks", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/v1/checks", headers={"Authorization": "Basic YWxwaGEta2V5LTEyMw=="}).status_code == 401
        # Health, the page and its files stay open.
        assert c.get("/healthz").status_code == 200 and c.get("/readyz").status_code == 200
        assert c.get("/").status_code == 200 and c.get("/static/app.js").status_code == 200


# -- LanguageTool /v2 -----------------------------------------------------------------------------


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_languagetool_check_as_clients_send_it(client: httpx.Client) -> None:
    text = "😀 SW talked to Amy about contact with her dad.\nIn my view Amy is happy because she laughed."
    r = client.post(
        "/v2/check",
        content=urlencode(
            {"text": text, "language": "en-GB", "enabledOnly": "false", "level": "picky", "motherTongue": "de-DE"}
        ).encode(),  # as browser extensions send it: URL-encoded UTF-8
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "Accept": "application/json"},
    )
    assert r.status_code == 200, r.text
    data = r.json()
    assert set(data) >= {"software", "warnings", "language", "matches"}
    assert data["software"]["name"] == "recordqa" and data["software"]["apiVersion"] == 1
    assert data["warnings"] == {"incompleteResults": False}
    assert data["language"]["code"] == "en-GB" and data["language"]["detectedLanguage"]["code"] == "en-GB"
    by_id = {m["rule"]["id"]: m for m in data["matches"]}
    sw = by_id["jargon/acronym"]
    assert sw["offset"] == 3 and sw["length"] == 2  # the emoji is two UTF-16 units: Python's index is 2
    assert text.index("SW") == 2
    assert [x["value"] for x in sw["replacements"]] == ["social worker"]
    term = by_id["jargon/term"]
    assert term["offset"] == _utf16(text[: text.index("contact")]) and term["length"] == 7
    assert term["replacements"] == [{"value": "family time"}]
    assert term["rule"]["issueType"] == "style" and term["rule"]["category"]["id"] == "JARGON"
    assert term["rule"]["urls"][0]["value"].endswith("/v1/checks/jargon")
    assert term["type"]["typeName"] == "Other" and term["message"] and term["shortMessage"]
    assert term["sentence"].startswith("😀 SW talked")
    for m in data["matches"]:
        ctx = m["context"]
        units = ctx["text"].encode("utf-16-le")
        flagged = units[2 * ctx["offset"] : 2 * (ctx["offset"] + ctx["length"])].decode("utf-16-le")
        whole = text.encode("utf-16-le")[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le")
        assert flagged == whole.replace("\n", " ")
        assert not m["rule"]["id"].endswith(("/quote", "/alone", "/present")), "info findings are not matches"
    offsets = [m["offset"] for m in data["matches"]]
    assert offsets == sorted(offsets)


def test_languagetool_advice_is_not_a_replacement(client: httpx.Client) -> None:
    r = client.post("/v2/check", data={"text": "Mum is chaotic and the kitchen was messy.", "language": "en-GB"})
    matches = r.json()["matches"]
    labels = [m for m in matches if m["rule"]["id"].startswith("respectful-language/")]
    assert labels and all(m["replacements"] == [] for m in labels)
    assert {m["rule"]["issueType"] for m in labels} == {"register"}


def test_languagetool_rule_filters_and_data(client: httpx.Client) -> None:
    text = "SW visited. We talked about contact with dad."
    base = client.post("/v2/check", data={"text": text, "language": "en-GB"}).json()["matches"]
    ids = {m["rule"]["id"] for m in base}
    assert "jargon/acronym" in ids
    fewer = client.post("/v2/check", data={"text": text, "language": "en-GB", "disabledRules": "jargon/acronym"})
    assert "jargon/acronym" not in {m["rule"]["id"] for m in fewer.json()["matches"]}
    only = client.post(
        "/v2/check", data={"text": text, "language": "auto", "enabledRules": "jargon", "enabledOnly": "true"}
    ).json()["matches"]
    assert only and {m["rule"]["category"]["id"] for m in only} == {"JARGON"}
    nocat = client.post("/v2/check", data={"text": text, "language": "en", "disabledCategories": "JARGON"})
    assert not [m for m in nocat.json()["matches"] if m["rule"]["id"].startswith("jargon/")]

    # `data`: markup is skipped (or read as interpretAs); offsets are into the original with markup.
    annotation = {
        "annotation": [
            {"markup": "<p>"},
            {"text": "😀 "},
            {"markup": "<b>"},
            {"text": "SW"},
            {"markup": "</b>"},
            {"text": " visited Amy."},
            {"markup": "<br/>", "interpretAs": "\n"},
            {"text": "Contact went well."},
            {"markup": "</p>"},
        ]
    }
    original = "".join(p.get("text", p.get("markup", "")) for p in annotation["annotation"])
    r = client.post("/v2/check", data={"data": json.dumps(annotation), "language": "en-GB"})
    assert r.status_code == 200, r.text
    by_id = {m["rule"]["id"]: m for m in r.json()["matches"]}
    sw = by_id["jargon/acronym"]
    assert sw["offset"] == _utf16(original[: original.index("SW")]) and sw["length"] == 2
    contact = by_id["jargon/term"]
    assert contact["offset"] == _utf16(original[: original.index("Contact")])
    assert contact["replacements"] == [{"value": "Family time"}]


def test_languagetool_errors_are_plain_text(client: httpx.Client) -> None:
    r = client.post("/v2/check", data={"text": "Hallo", "language": "de-DE"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith("Error:")
    assert client.post("/v2/check", data={"text": "Hi"}).status_code == 400
    assert client.post("/v2/check", data={"language": "en-GB"}).status_code == 400
    assert client.post("/v2/check", data={"data": "{not json", "language": "en-GB"}).status_code == 400
    empty = client.post("/v2/check", data={"text": "  ", "language": "en-GB"})
    assert empty.status_code == 200 and empty.json()["matches"] == []


def test_languagetool_languages(client: httpx.Client) -> None:
    r = client.get("/v2/languages")
    assert r.status_code == 200
    assert r.json() == [{"name": "English (GB)", "code": "en", "longCode": "en-GB"}]


@pytest.mark.parametrize("path", ["/v1/analyse", "/v2/check"])
def test_unknown_methods_are_refused(client: httpx.Client, path: str) -> None:
    assert client.get(path).status_code == 405


def test_a_misspelt_setting_is_reported() -> None:
    from api.settings import unknown_variables

    env = {"RECORDQA_API_KEY": "x", "RECORDQA_API_KEYS": "y", "RECORDQA_PORT": "1", "PATH": "/bin"}
    assert unknown_variables(env) == ["RECORDQA_API_KEY"]
