"""Schemathesis against the service's own OpenAPI schema, over real HTTP: every operation
(routes added later are included: the schema is the app's), a bounded number of generated
requests each, no 5xx, and answers that conform to the schema.

The server has an API key, so schemathesis's own auth check (a made-up key must get 401)
holds; the generated requests carry a real key. Two checks are left out, both about requests
the service answers without a fault: `positive_data_acceptance` expects every schema-valid
request to succeed, but the service refuses, by design, what the schema cannot describe as
bad (text that is only spaces, a profile that is not built in, LanguageTool's `language`
missing, which LanguageTool answers with 400 too); `negative_data_rejection` expects every
schema-invalid one to be refused, but pydantic's lax mode accepts `0` for `false` and a number
of seconds for a date, as the library does.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from api.main import create_app
from api.settings import Settings

from ..conftest import ROOT
from .conftest import Served, serve

# The schema the service publishes at /openapi.json (creating the app loads no model).
schema = schemathesis.openapi.from_dict(create_app().openapi())
# JSON Lines uploads (POST /v1/audits) are sent as the generated text, as text/plain is.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
EXAMPLES = 25  # per operation and phase
SENT: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if SENT:
        out = ROOT / "test-artifacts"
        out.mkdir(exist_ok=True)
        (out / "schemathesis.json").write_text(json.dumps({**SENT, "total": sum(SENT.values())}, indent=1))
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"\nschemathesis: {sum(SENT.values())} generated requests over {len(SENT)} operations")


KEY = "schemathesis-key-1"


@pytest.fixture(scope="module")
def keyed_isolated(nlp: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A keyed server whose audit store and job folder are temporary (generated audits write there)."""
    tmp = tmp_path_factory.mktemp("schemathesis")
    wanted = {"api_keys": KEY, "database_url": f"sqlite:///{tmp / 'store.db'}", "audit_dir": str(tmp / "jobs")}
    s = serve(create_app(Settings(**{k: v for k, v in wanted.items() if k in Settings.model_fields})))
    yield s
    s.stop()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation(case: schemathesis.Case, keyed_isolated: Served) -> None:
    SENT[case.operation.label] += 1
    case.call_and_validate(
        base_url=keyed_isolated.base,
        headers={"X-API-Key": KEY},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
