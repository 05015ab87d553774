"""Word lists as data: jargon, acronyms, minimising and respectful language.

The YAML files live in `recordqa/data/lexicons/`; each pattern is a case-insensitive
regular expression wrapped in word boundaries. They are compiled once per process.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import Code, DataError


class Source(BaseModel):
    model_config = ConfigDict(extra="allow")
    authority: str
    file: str | None = None
    line: int | None = None
    note: str | None = None


class Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    patterns: list[str]
    source: Source | None = None

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for p in value:
            re.compile(p)
        return value

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return compile_terms(self.patterns)


class JargonTerm(Entry):
    plain: str
    tier: Literal["core", "extra"] = "extra"
    sense: str | None = None


class MinimisingPhrase(Entry):
    when: Literal["always", "harm", "exploitation"]
    message: str
    suggestion: str


class RespectEntry(Entry):
    category: Literal["label", "evaluative", "descriptor"]
    message: str
    suggestion: str
    tier: Literal["core", "extra"] = "core"


class SlangEntry(Entry):
    suggestion: str = "Use standard English in a report."


class Report(BaseModel):
    model_config = ConfigDict(extra="ignore")
    slang: list[SlangEntry] = []
    family_names: list[str] = ["mum", "dad"]


class Lexicons(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    jargon: list[JargonTerm]
    acronym_allow: frozenset[str]
    acronym_expansions: dict[str, str]
    minimising: list[MinimisingPhrase]
    respectful: list[RespectEntry]
    report: Report
    evidence_cues: list[str]
    explanation_cues: list[str]

    @functools.cached_property
    def evidence_regex(self) -> re.Pattern[str]:
        return compile_terms(self.evidence_cues)

    @functools.cached_property
    def explanation_regex(self) -> re.Pattern[str]:
        return compile_terms(self.explanation_cues)


def compile_terms(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def finditer(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return regex.finditer(text)


Span = tuple[int, int]


class MultiScan:
    r"""Every entry's matches in one pass over the text, exactly as each entry's own
    `regex.finditer` finds them.

    Each entry's pattern is read (with the standard library's own regular-expression
    parser) for the first three letters any match can begin with: "placement" and
    "placements" begin "pla", "core[- ]groups?" begins "cor". One pattern, built as a tree
    of those beginnings, finds in one pass the positions where a word can start
    (`(?<![\w-])`, as every entry requires) with one of them; at each, only the entries
    that can begin there are tried, with their own compiled pattern anchored at that
    position, which finds what `finditer` finds when it tries that position. Per entry,
    matches are kept left to right without overlapping, as `finditer` keeps them, so
    entries whose matches overlap are all found. Where a letter is outside ASCII and has
    case (where case-insensitive matching has its exceptions: the Kelvin sign is a "k"),
    every entry whose beginning fits the letters before it is tried. An entry whose
    beginnings cannot be read this way is scanned with its own `finditer`.
    """

    def __init__(self, patterns: list[list[str]]) -> None:
        self.size = len(patterns)
        self.regexes = [compile_terms(pats) for pats in patterns]
        self.alone: dict[int, re.Pattern[str]] = {}
        self.needs: dict[int, re.Pattern[str] | None] = {}  # what any match of an entry alone contains
        self.begins: dict[str, set[int]] = {}  # a folded beginning -> the entries with it
        for k, regex in enumerate(self.regexes):
            found = None
            if not regex.groups and not _may_be_empty(regex):
                found = _beginnings("|".join(f"(?:{p})" for p in patterns[k]), PREFIX)
            if not found:
                self.alone[k] = regex
                self.needs[k] = _required(patterns[k])
                continue
            for b in found:
                self.begins.setdefault(b, set()).add(k)
        self._candidates: dict[tuple[str, bool], list[int]] = {}
        self.starts: re.Pattern[str] | None = None
        if self.begins:
            # Zero-width, so that no start hides the next one.
            self.starts = re.compile(r"(?<![\w-])(?=" + _trie(sorted(self.begins)) + ")")

    def candidates(self, known: str, more: bool) -> list[int]:
        """The entries that can match where the text begins with the folded letters `known`,
        followed (`more`) by a letter that cannot be folded, or by nothing more to go on."""
        key = (known, more)
        found = self._candidates.get(key)
        if found is None:
            found = sorted(
                {
                    k
                    for b, ks in self.begins.items()
                    if known.startswith(b) or (more and b.startswith(known))
                    for k in ks
                }
            )
            if len(self._candidates) >= 20_000:
                self._candidates.clear()
            self._candidates[key] = found
        return found

    def spans(self, text: str) -> list[list[Span]]:
        """For each entry, in order, the (start, end) of each match."""
        out: list[list[Span]] = [[] for _ in range(self.size)]
        if self.starts is not None:
            ends = [-1] * self.size
            regexes = self.regexes
            for m in self.starts.finditer(text):
                p = m.start()
                head = text[p : p + PREFIX]
                if head.isascii():
                    found = self.candidates(head.lower(), False)
                else:
                    known, more = _fold(head)
                    found = self.candidates(known, more)
                for k in found:
                    if p < ends[k]:  # inside this entry's last match: finditer has moved past p
                        continue
                    hit = regexes[k].match(text, p)
                    if hit is not None:
                        out[k].append(hit.span())
                        ends[k] = hit.end()
        for k, regex in self.alone.items():
            need = self.needs[k]
            if need is None or need.search(text):
                out[k] = [m.span() for m in regex.finditer(text)]
        return out


def _caseless(ch: str) -> bool:
    return ch.lower() == ch == ch.upper()


def _fold(head: str) -> tuple[str, bool]:
    """The letters of `head` as beginnings are written (ASCII lower-cased, caseless ones
    such as ’ “ — as they are) up to the first that has case outside ASCII, and whether
    there is such a letter after them."""
    out = []
    for ch in head:
        if ch.isascii():
            out.append(ch.lower())
        elif _caseless(ch):
            out.append(ch)
        else:
            return "".join(out), True
    return "".join(out), False


_OTHER = "\\u0080-\\U0010ffff"  # a character outside ASCII: the entries are sorted out in Python


def _trie(begins: list[str]) -> str:
    """A pattern matching text that begins with one of `begins` (each letter in either
    case), or that reaches a character outside ASCII before it can tell."""
    tree: dict[str, Any] = {}
    for b in begins:
        node = tree
        for ch in b:
            node = node.setdefault(ch, {})
        node[""] = {}  # a beginning ends here: whatever follows

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        branches = [f"[{_OTHER}]"]
        for ch in sorted(node):
            cases = "".join(sorted({re.escape(ch), re.escape(ch.upper())}))
            branches.append(f"[{cases}]" + emit(node[ch]))
        return "(?:" + "|".join(branches) + ")"

    return emit(tree)


PREFIX = 3  # letters of each entry's beginnings to index
_MAX_BEGINNINGS = 400


def _may_be_empty(regex: re.Pattern[str]) -> bool:
    try:
        parser = importlib.import_module("re._parser")  # the standard library's own: the shortest match

        return bool(parser.parse(regex.pattern, regex.flags).getwidth()[0] == 0)
    except Exception:  # pragma: no cover - another Python: be safe, scan it on its own
        return True


def _beginnings(body: str, n: int) -> set[str] | None:
    r"""The lower-case strings of `n` characters (fewer where a match can be shorter) that
    every case-insensitive match of `body` begins with, or None when they cannot be told
    (a wildcard or class such as \w, a character that is not ASCII, too many)."""
    try:
        parser = importlib.import_module("re._parser")
        tree = parser.parse(body, re.IGNORECASE)
    except Exception:  # pragma: no cover - another Python: scan the entry on its own
        return None
    found = _seq(list(tree), n)
    return found if found and "" not in found else None


def _required(patterns: list[str]) -> re.Pattern[str] | None:
    """For an entry scanned on its own: a pattern for the words one of which every match
    contains ("(?:his|her|\\w+'s) presentation" always contains " presentation"), found
    case-insensitively as the entry finds them, or None."""
    words = []
    try:
        parser = importlib.import_module("re._parser")
        for pat in patterns:
            run: list[str] = []
            best = ""
            for op, av in [*parser.parse(pat, re.IGNORECASE), (None, None)]:
                if getattr(op, "name", "") == "LITERAL":
                    run.append(chr(av))
                    continue
                if len(run) > len(best):
                    best = "".join(run)
                run = []
            if len(best) < 3:
                return None
            words.append(best)
    except Exception:  # pragma: no cover - another Python: no shortcut
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _seq(items: list[Any], n: int) -> set[str] | None:
    out = {""}
    for op, av in items:
        if all(len(s) >= n for s in out):
            break
        item = _item(op, av, n)
        if item is None:
            return None
        out = {s if len(s) >= n else (s + t)[:n] for s in out for t in item}
        if len(out) > _MAX_BEGINNINGS:
            return None
    return out


def _item(op: Any, av: Any, n: int) -> set[str] | None:
    name = getattr(op, "name", str(op))
    if name == "LITERAL":
        ch = chr(av)
        return {ch.lower()} if ch.isascii() or _caseless(ch) else None
    if name == "IN":
        chars: set[str] = set()
        for kind, value in av:
            kind_name = getattr(kind, "name", str(kind))
            if kind_name == "LITERAL":
                chars.add(chr(value))
            elif kind_name == "RANGE" and value[1] - value[0] < 64:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None  # a negated set, a category (\w, \d), a wide range
        return {c.lower() for c in chars} if all(c.isascii() or _caseless(c) for c in chars) else None
    if name == "SUBPATTERN":
        return _seq(list(av[3]), n)
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            sub = _seq(list(alt), n)
            if sub is None:
                return None
            out |= sub
        return out
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub_items = av
        one = _seq(list(sub_items), n)
        if one is None:
            return None
        # c copies begin with B(c); beyond n copies nothing new begins the first n letters.
        first, last = min(low, n), min(high, n)
        out = {""} if first == 0 else set()
        acc = {""}
        for count in range(1, last + 1):
            acc = {s if len(s) >= n else (s + t)[:n] for s in acc for t in one}
            if count >= first:
                out |= acc
            if len(acc) > _MAX_BEGINNINGS:
                return None
        return out
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {""}  # takes no characters: the beginning is what follows
    return None  # anything else (., \w, a back-reference, ...): cannot tell


@functools.lru_cache(maxsize=64)
def _multiscan(patterns: tuple[tuple[str, ...], ...]) -> MultiScan:
    return MultiScan([list(p) for p in patterns])


def scan(entries: list[Any], text: str) -> list[list[Span]]:
    """`[[m.span() for m in e.regex.finditer(text)] for e in entries]`, in one pass.
    Compiled once per process for each list of entries (a profile adds its own)."""
    return _multiscan(tuple(tuple(e.patterns) for e in entries)).spans(text)


def _read(name: str) -> Any:
    path = resources.files("recordqa") / "data" / "lexicons" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(Code.BAD_DATA_FILE, f"lexicons/{name}: {exc}") from exc


def _entries(model: type[BaseModel], items: list[Any], where: str) -> list[Any]:
    out = []
    for n, item in enumerate(items or []):
        try:
            out.append(model.model_validate(item))
        except (ValidationError, re.error) as exc:
            raise DataError(Code.BAD_DATA_FILE, f"{where}[{n}]: {exc}") from exc
    return out


@functools.lru_cache(maxsize=1)
def load() -> Lexicons:
    jargon = _read("jargon.yaml")
    acr = _read("acronyms.yaml")
    mini = _read("minimising.yaml")
    resp = _read("respectful.yaml")
    return Lexicons(
        jargon=_entries(JargonTerm, jargon.get("terms", []), "jargon.yaml terms"),
        acronym_allow=frozenset(acr.get("allow", [])),
        acronym_expansions={str(k): str(v) for k, v in (acr.get("expansions") or {}).items()},
        minimising=_entries(MinimisingPhrase, mini.get("phrases", []), "minimising.yaml phrases"),
        respectful=_entries(RespectEntry, resp.get("entries", []), "respectful.yaml entries"),
        report=Report.model_validate(resp.get("report") or {}),
        evidence_cues=list(resp.get("evidence_cues") or []),
        explanation_cues=list(resp.get("explanation_cues") or []),
    )
