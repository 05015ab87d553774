"""Any text gives a valid result or a clear error, and every offset is a valid slice."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordqa import engine
from recordqa.errors import Code, InputError
from recordqa.models import Record, Result

PIECES = st.sampled_from(
    [
        'Amy said, "I miss my brother."',
        "‘It’s fine,’ he told me.",
        "SW to monitor, ongoing.",
        "Dad said it was rough handling.",
        "I saw Amy alone.",
        "Mum is chaotic.",
        "\n- I will visit on 3 May.\n",
        "Analysis:",
        "“",
        "'",
        '"',
        "😀",
        "\u200b",
        "\u202e",
        "مرحبا",
        "\x00",
        "\x07",
        "\t",
        "  ",
        "CIN (child in need)",
        "...",
        "??",
        "S47",
        "A&E",
        "Mum's",
        "don't",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=25).map("".join),
)


def check_offsets(result: Result, text: str) -> None:
    for check in result.checks:
        for f in check.findings:
            assert 0 <= f.start <= f.end <= len(text)
            assert text[f.start : f.end] == f.text
    for q in result.child_voice.quotes:
        assert text[q.start : q.end] == q.text
    for s in result.sentences:
        assert 0 <= s.start < s.end <= len(text)
    sa = result.seen_alone
    if sa.start is not None and sa.end is not None:
        assert 0 <= sa.start <= sa.end <= len(text)
    assert 0 <= result.score <= 100


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_a_valid_result_or_a_clear_error(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        result = engine.analyse(Record(text=text))
    except InputError as exc:
        assert exc.code in (Code.EMPTY_TEXT, Code.TOO_LONG)
        assert not text.strip() or len(text) > engine.MAX_CHARS
        return
    check_offsets(result, text)
    Result.model_validate_json(result.model_dump_json())  # it round-trips as JSON


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(InputError) as err:
        engine.analyse(text)
    assert err.value.code is Code.EMPTY_TEXT


def test_text_over_the_limit_is_refused_without_echoing_it() -> None:
    text = "secret " * (engine.MAX_CHARS // 7 + 10)
    with pytest.raises(InputError) as err:
        engine.analyse(text)
    assert err.value.code is Code.TOO_LONG
    assert "secret" not in str(err.value)


def test_a_long_record_at_the_limit_is_analysed(nlp) -> None:  # type: ignore[no-untyped-def]
    unit = 'I saw Amy alone. She said, "I like school." Mum is chaotic. '
    text = (unit * (engine.MAX_CHARS // len(unit)))[: engine.MAX_CHARS]
    result = engine.analyse(text)
    check_offsets(result, text)
