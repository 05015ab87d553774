"""Note text never reaches a log: every record logged while requests run (uvicorn's access and
error logs, ours, the libraries') is captured at DEBUG, on success, on a 422 and on a 500."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest

from api.deps import Runner
from recordqa.models import Record, Result

from .conftest import Served

SECRET = "Zephyrine Quillon-Marchetti"
NOTE = f'SW visited {SECRET} at home. Mum is chaotic. {SECRET} said, "I want to see my dad."'


CLIENT_LOGGERS = ("httpx", "httpcore")


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(CLIENT_LOGGERS):
            return  # the test's own HTTP client logs the URLs it requests: not the service's logs
        self.lines.append(self.format(record))  # the message, its args, and any traceback


@pytest.fixture()
def captured() -> Iterator[Capture]:
    handler = Capture()
    names = ["", "uvicorn", "uvicorn.error", "uvicorn.access", "api", "recordqa", "fastapi", "starlette"]
    names += [n for n in logging.root.manager.loggerDict]
    loggers = [logging.getLogger(n) for n in dict.fromkeys(names)]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    yield handler
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)


def _boom(self: Runner, record: Record, profile: str, record_type: str | None) -> Result:
    raise RuntimeError(f"could not analyse {record.text}")


def test_no_note_text_in_any_log(
    served: Served, captured: Capture, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with served.client() as c:
        ok = c.post("/v1/analyse", json={"text": NOTE, "record_type": "visit", "id": "p-1"})
        assert ok.status_code == 200 and SECRET in ok.text  # the answer quotes it; the logs must not
        bad = c.post("/v1/analyse", json={"text": NOTE, "record_type": "not-a-type"})
        assert bad.status_code == 422 and SECRET not in bad.text
        broken = c.post(
            "/v1/analyse", content=f'{{"text": "{NOTE}"'.encode(), headers={"content-type": "application/json"}
        )
        assert broken.status_code == 422 and SECRET not in broken.text
        assert c.post("/v1/analyse/batch", json={"records": [{"text": NOTE}, {"text": ""}]}).status_code == 200
        assert c.post("/v2/check", data={"text": NOTE, "language": "en-GB"}).status_code == 200
        # A client that puts the text in the URL: refused, and the query string is not logged.
        assert c.get("/v2/check", params={"text": NOTE, "language": "en-GB"}).status_code == 405
        # An unexpected fault whose message carries the text: a 500 that says nothing of it.
        monkeypatch.setattr(Runner, "analyse", _boom)
        fault = c.post("/v1/analyse", json={"text": NOTE})
        assert fault.status_code == 500
        assert fault.json()["error"]["code"] == "RQE399" and SECRET not in fault.text
    logged = "\n".join(captured.lines)
    assert "POST /v1/analyse" in logged and "RuntimeError" in logged  # the logs did run
    assert "GET /v2/check?" in logged
    out, err = capfd.readouterr()
    for where, text in (("log records", logged), ("stdout", out), ("stderr", err)):
        for fragment in (SECRET, "Quillon", "Zephyrine", "Mum is chaotic", "see my dad"):
            assert fragment not in text, f"note text in {where}"


def test_results_are_not_cacheable(client: httpx.Client) -> None:
    r = client.post("/v1/analyse", json={"text": NOTE})
    assert r.headers["cache-control"] == "no-store"
