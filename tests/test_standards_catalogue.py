"""The standards catalogue (recordqa/data/standards.yaml): its shape, and every quote
checked against the practice standards documents it cites (../shared/seeds/)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import pytest
import yaml

from recordqa.checks import REGISTRY

AUTHORITIES = {"Leeds", "Calderdale", "Barnet", "York", "St Helens"}
PREFIXES = {
    "Leeds": "leeds-",
    "Calderdale": "calderdale-",
    "Barnet": "barnet-",
    "York": "york-",
    "St Helens": "st-helens-",
}
CHECK_IDS = set(REGISTRY)
KEYS = {"authority", "document", "source", "line", "quote", "digest_id", "checks"}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
WINDOW = 12  # lines joined when looking for a quote that wraps across PDF lines
QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)


def normalise(text: str) -> str:
    """Straight quotes and apostrophes, whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def _load() -> dict:
    path = resources.files("recordqa") / "data" / "standards.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries() -> dict[str, dict]:
    data = _load()
    assert isinstance(data, dict) and set(data) == {"standards"}
    assert isinstance(data["standards"], dict) and data["standards"]
    return data["standards"]


def test_every_entry_is_well_formed(entries: dict[str, dict]) -> None:
    problems = []
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            problems.append(f"{key}: not a mapping")
            continue
        if set(entry) != KEYS:
            problems.append(f"{key}: keys {sorted(entry)} != {sorted(KEYS)}")
            continue
        authority = entry["authority"]
        if authority not in AUTHORITIES:
            problems.append(f"{key}: unknown authority {authority!r}")
        elif not key.startswith(PREFIXES[authority]):
            problems.append(f"{key}: id does not start with {PREFIXES[authority]!r}")
        if not KEBAB.match(key):
            problems.append(f"{key}: id is not kebab-case")
        for field in ("document", "source", "quote"):
            if not isinstance(entry[field], str) or not entry[field].strip():
                problems.append(f"{key}: {field} must be a non-empty string")
        if not isinstance(entry["line"], int) or isinstance(entry["line"], bool) or entry["line"] < 1:
            problems.append(f"{key}: line must be a positive integer")
        digest_id = entry["digest_id"]
        if digest_id is not None and not (isinstance(digest_id, str) and KEBAB.match(digest_id)):
            problems.append(f"{key}: digest_id must be a kebab-case id or null")
        checks = entry["checks"]
        if not isinstance(checks, list) or not checks:
            problems.append(f"{key}: checks must be a non-empty list")
        else:
            unknown = [c for c in checks if c not in CHECK_IDS]
            if unknown:
                problems.append(f"{key}: unknown check ids {unknown}")
            if len(set(checks)) != len(checks):
                problems.append(f"{key}: repeated check ids")
        if isinstance(entry["quote"], str) and len(entry["quote"]) > 220:
            problems.append(f"{key}: quote is {len(entry['quote'])} characters; quote one clause")
    assert not problems, "\n".join(problems)


def test_one_source_file_and_document_per_authority(entries: dict[str, dict]) -> None:
    sources: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    for entry in entries.values():
        sources[entry["authority"]].add(entry["source"])
        documents[entry["authority"]].add(entry["document"])
    assert all(len(s) == 1 for s in sources.values()), dict(sources)
    assert all(len(d) == 1 for d in documents.values()), dict(documents)
    files = [next(iter(s)) for s in sources.values()]
    assert len(files) == len(set(files)), "two authorities cite the same seed file"


def test_every_check_is_served_by_at_least_two_clauses(
    entries: dict[str, dict],
) -> None:
    counts = Counter(check for entry in entries.values() for check in entry["checks"])
    thin = {check: counts[check] for check in sorted(CHECK_IDS) if counts[check] < 2}
    assert not thin, f"checks with fewer than 2 standards: {thin}"


def test_quotes_are_verbatim_and_start_at_their_line(entries: dict[str, dict]) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present: cannot verify quotes against the source documents")
    cache: dict[str, list[str]] = {}
    problems = []
    for key, entry in entries.items():
        path = SEEDS / entry["source"]
        if not path.is_file():
            problems.append(f"{key}: seed file {entry['source']} not found")
            continue
        if entry["source"] not in cache:
            cache[entry["source"]] = path.read_text(encoding="utf-8").splitlines()
        lines = cache[entry["source"]]
        line = entry["line"]
        if line > len(lines):
            problems.append(f"{key}: line {line} is past the end of {entry['source']}")
            continue
        first = normalise(lines[line - 1])
        joined = normalise(" ".join(lines[line - 1 : line - 1 + WINDOW]))
        quote = normalise(entry["quote"])
        at = joined.find(quote)
        if at == -1:
            problems.append(f"{key}: quote not found in {entry['source']} lines {line}-{line + WINDOW - 1}")
        elif not first or at >= len(first):
            problems.append(f"{key}: quote does not start on line {line} of {entry['source']}")
    assert not problems, "\n".join(problems)
