"""Property tests: any Unicode string gives a valid result or a clear coded error, through the
library and through the service over real HTTP, and every offset is a valid slice.

tests/test_bad_input.py has the first, plain property (random text and record fragments);
this file adds the strategies issue 7 names: control characters, emoji and other astral
characters, zero-width and right-to-left marks, lone and unbalanced quotation marks, only
punctuation, one word repeated to the 200,000-character limit, and lone surrogates, which
reach the service escaped in JSON ("\\ud800") and must be refused with a code, never a 500.

The number of generated inputs each property tried is printed at the end of the module and
written to test-artifacts/properties.json (the README quotes it).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from api.main import create_app
from api.settings import Settings
from recordqa import engine
from recordqa.errors import Code, InputError
from recordqa.models import Record, Result

from .api.conftest import Served, serve
from .conftest import ROOT
from .test_bad_input import check_offsets

TRIED: Counter[str] = Counter()

CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.characters(min_codepoint=0x7F, max_codepoint=0x9F)
EMOJI = st.sampled_from(["😀", "👩🏽‍⚕️", "🏳️‍🌈", "👨‍👩‍👧", "🇬🇧", "𝔄", "𓀀", "🧒"]) | st.characters(
    min_codepoint=0x1F300, max_codepoint=0x1FAFF
)
# zero-width (space, non-joiner, joiner, word joiner, BOM, soft hyphen...) and bidirectional controls
INVISIBLE = st.sampled_from(list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e\u200e\u200f\u061c"))
INVISIBLE |= st.sampled_from(list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
QUOTES = st.sampled_from(['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "「", "」", "`", "´", "″"])
PUNCT = st.characters(categories=["P", "S"])
WORDS = st.sampled_from(
    ["Amy", "said", "I", "saw", "her", "alone", "Mum", "chaotic", "SW", "CIN", "rough", "handling", "visit", "the"]
) | st.sampled_from(["مرحبا", "שלום", "Ωμέγα", "café", "ﬁle", "İstanbul", "straße", "A&E", "S47", "3/5/24", "\r\n"])
PIECES = st.one_of(CONTROL, EMOJI, INVISIBLE, QUOTES, PUNCT, WORDS, st.just(" "), st.text(max_size=8))

TEXTS = st.one_of(
    st.text(max_size=400),  # any code point but lone surrogates (they are not Unicode text)
    st.lists(PIECES, max_size=80).map("".join),  # words mixed with the awkward characters
    st.lists(QUOTES | st.just(" ") | WORDS, min_size=1, max_size=40).map("".join),  # quotes, balanced or not
    st.text(alphabet=QUOTES, min_size=1, max_size=200),  # only quotation marks
    st.text(alphabet=PUNCT | st.just(" "), min_size=1, max_size=300),  # only punctuation
    st.text(alphabet=CONTROL | INVISIBLE, min_size=1, max_size=100),  # nothing visible at all
    st.lists(EMOJI | st.just(" "), min_size=1, max_size=60).map("".join),
    st.builds(lambda w, n: (w + " ") * n, WORDS, st.integers(1, 300)),  # one word, repeated
)


def valid_result(result: Result, text: str) -> None:
    """Every offset is a slice of `text`, every quoted span is exactly that slice, and it round-trips as JSON."""
    check_offsets(result, text)
    for f in result.suppressed:
        assert 0 <= f.start <= f.end <= len(text) and text[f.start : f.end] == f.text
    for s in result.sentences:
        assert text[s.start : s.end].strip(), "a sentence is a non-blank slice"
    sa = result.seen_alone
    if sa.start is not None and sa.end is not None:
        assert text[sa.start : sa.end]
    assert Result.model_validate_json(result.model_dump_json()) == result


def clear_error(exc: InputError, text: str) -> None:
    """The only reasons a string may be refused: empty (or only spaces), or over the limit."""
    if exc.code is Code.EMPTY_TEXT:
        assert not text.strip()
    else:
        assert exc.code is Code.TOO_LONG and len(text) > engine.MAX_CHARS, exc.code
    assert exc.message and (not text.strip() or text.strip() not in exc.message)


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not TRIED:
        return
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "properties.json").write_text(json.dumps({**TRIED, "total": sum(TRIED.values())}, indent=1))
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        counts = ", ".join(f"{k} {v}" for k, v in TRIED.items())
        reporter.write_line(f"\nproperty tests: {sum(TRIED.values())} generated inputs tried ({counts})")


# -- the library -----------------------------------------------------------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(TEXTS)
@example("")
@example("\u200b\u200b")
@example('""""')
@example('"unbalanced')
@example("‘’’‘")
@example("?!.,;:")
@example("\u202eSW visited Amy.\u202c")
@example("A\x00B\x07C\x1b[31m")
@example("👩🏽‍⚕️ said “hello” 👨‍👩‍👧")
def test_any_string_gives_a_result_or_a_coded_error(nlp: Language, text: str) -> None:
    TRIED["library"] += 1
    try:
        result = engine.analyse(Record(text=text))
    except InputError as exc:
        clear_error(exc, text)
        return
    valid_result(result, text)


@pytest.mark.parametrize("word", ["word", "chaotic", "😀", "\u200bx"])
def test_one_word_repeated_to_the_limit(nlp: Language, word: str) -> None:
    """200,000 characters of one word (spaced): analysed, with valid offsets; one more character is refused."""
    TRIED["library, 200,000 characters"] += 1
    unit = word + " "
    text = (unit * (engine.MAX_CHARS // len(unit) + 1))[: engine.MAX_CHARS]
    valid_result(engine.analyse(Record(text=text)), text)
    with pytest.raises(InputError) as err:
        engine.analyse(Record(text=text + "x"))
    assert err.value.code is Code.TOO_LONG


def test_a_lone_surrogate_is_refused_by_the_library(nlp: Language) -> None:
    with pytest.raises(InputError) as err:
        engine.analyse(Record(text="I saw Amy \ud800 alone."))
    assert err.value.code is Code.NOT_UTF8 and "Amy" not in err.value.message


@pytest.mark.parametrize("run", ["!" * 1_001, "(" * 5_000, "a" * 150_000])
def test_a_run_with_no_space_over_the_limit_is_refused(nlp: Language, run: str) -> None:
    """Punctuation runs make the tokenizer's time grow with the square of their length."""
    with pytest.raises(InputError) as err:
        engine.analyse(Record(text="I saw Amy. " + run))
    assert err.value.code is Code.LONG_RUN
    assert len(engine.analyse(Record(text="I saw Amy. " + run[: engine.MAX_RUN])).checks) > 0


# -- the service, over real HTTP --------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(nlp: Language) -> Iterator[Served]:
    s = serve(create_app(Settings()))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def http(service: Served) -> Iterator[httpx.Client]:
    with service.client() as c:
        yield c


SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
API_TEXTS = TEXTS | st.lists(PIECES | SURROGATES, min_size=1, max_size=60).map("".join)


def has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(API_TEXTS, st.sampled_from(["text", "id"]))
@example("I saw \ud800 Amy alone.", "text")
@example("\udfff", "text")
@example("\ud83d\ude00 is a pair, written as two escapes", "text")
@example("Amy", "id")
def test_any_string_through_the_api(http: httpx.Client, text: str, field: str) -> None:
    """Sent as JSON with every non-ASCII character escaped (so lone surrogates arrive as "\\udXXX"):
    200 with a valid result whose offsets slice the text, or 422 with a code and no echo of it."""
    TRIED["POST /v1/analyse"] += 1
    body = {"text": text} if field == "text" else {"text": "I saw Amy alone.", "id": text}
    raw = json.dumps(body, ensure_ascii=True).encode("ascii")
    text = json.loads(raw)[field]  # as the service reads it: an escaped high+low pair is one character
    r = http.post("/v1/analyse", content=raw, headers={"content-type": "application/json"})
    assert r.status_code in (200, 422), (r.status_code, r.text[:300])
    if r.status_code == 422:
        err = r.json()["error"]
        if has_lone_surrogate(text):
            assert err["code"] == Code.NOT_UTF8.value and f"field '{field}'" in err["message"]
        else:
            assert field == "text" and err["code"] == Code.EMPTY_TEXT.value and not text.strip()
        if text.strip() and len(text.strip()) > 3:
            assert text.strip() not in r.text
        return
    assert not has_lone_surrogate(text)
    result = Result.model_validate(r.json())
    if field == "text":
        valid_result(result, text)
    else:
        assert result.id == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(API_TEXTS)
@example("\ud800 alone")
def test_any_string_through_languagetool(http: httpx.Client, text: str) -> None:
    """/v2/check with the text in LanguageTool's `data` JSON (surrogates escaped): 200 with matches
    whose UTF-16 offsets lie inside the text, or a 400 in plain text naming the problem."""
    TRIED["POST /v2/check"] += 1
    data = json.dumps({"annotation": [{"text": text}]}, ensure_ascii=True)
    text = json.loads(data)["annotation"][0]["text"]
    r = http.post("/v2/check", data={"data": data, "language": "en-GB"})
    if has_lone_surrogate(text):
        assert r.status_code == 400 and "surrogate" in r.text and r.text.startswith("Error:")
        return
    assert r.status_code == 200, (r.status_code, r.text[:300])
    units = len(text.encode("utf-16-le")) // 2
    for m in r.json()["matches"]:
        assert m["offset"] >= 0 and m["length"] >= 0 and m["offset"] + m["length"] <= units
