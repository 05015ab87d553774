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
            known_candidates = self._candidates
            for m in self.starts.finditer(text):
                p = m.start()
                head = text[p : p + PREFIX]
                key = (head.lower(), False) if head.isascii() else _fold(head)
                found = known_candidates.get(key)
                if found is None:
                    found = self.candidates(*key)
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


# The scanner of each list of entries, by the entries' identities (building the patterns'
# key costs more than scanning a short record). The entries are kept with it, so no other
# object can take one of their ids while the key is in use.
_SCANS: dict[tuple[int, ...], tuple[list[Any], MultiScan]] = {}


def scan(entries: list[Any], text: str) -> list[list[Span]]:
    """`[[m.span() for m in e.regex.finditer(text)] for e in entries]`, in one pass.
    Compiled once per process for each list of entries (a profile adds its own)."""
    key = tuple(map(id, entries))
    found = _SCANS.get(key)
    if found is None:
        if len(_SCANS) >= 64:
            _SCANS.clear()
        found = _SCANS[key] = (list(entries), _multiscan(tuple(tuple(e.patterns) for e in entries)))
    return found[1].spans(text)


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


# -- prefiltered patterns ---------------------------------------------------------------
#
# Most of the checks' patterns look for one of a few words in each sentence, and in most
# sentences none of them is there; `re` still tries the whole pattern at every word
# boundary, which costs microseconds a sentence (far more with IGNORECASE, whose
# alternatives it cannot skip by their first letter). A prefiltered pattern first asks
# `in` (a plain substring search, tens of nanoseconds) whether the text holds any of the
# strings one of which every match must contain, read from the pattern itself with the
# standard library's own parser, and answers "no match" at once when it holds none. Where
# one is there the pattern itself answers, so every answer is the pattern's own.

# The characters outside ASCII that IGNORECASE matches to an ASCII letter: İ and ı to "i",
# ſ to "s", the Kelvin sign to "k". `str.lower` does not fold them all to ASCII, so text
# holding one of them is given straight to the pattern.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_MAX_STRINGS = 256  # more exact strings than this for a part of a pattern: not worth listing


def _ascii(ch: str, icase: bool) -> str | None:
    return (ch.lower() if icase else ch) if ch.isascii() else None


def _exact(op: Any, av: Any, icase: bool) -> set[str] | None:
    """Every string this part of a pattern can match (case-folded under IGNORECASE), when
    they are few and only ASCII; else None."""
    name = getattr(op, "name", str(op))
    if name == "LITERAL":
        ch = _ascii(chr(av), icase)
        return None if ch is None else {ch}
    if name == "IN":
        chars: set[str] = set()
        for kind, value in av:
            kind_name = getattr(kind, "name", str(kind))
            if kind_name == "LITERAL":
                found = _ascii(chr(value), icase)
            elif kind_name == "RANGE" and value[1] < 128 and value[1] - value[0] < 32:
                for c in range(value[0], value[1] + 1):
                    chars.add(chr(c).lower() if icase else chr(c))
                continue
            else:
                return None  # a negated set, a category (\w, \d), a wide range
            if found is None:
                return None
            chars.add(found)
        return chars
    if name == "SUBPATTERN":
        if av[1] or av[2]:
            return None  # flags of its own: not read
        return _exact_seq(list(av[3]), icase)
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            sub = _exact_seq(list(alt), icase)
            if sub is None:
                return None
            out |= sub
        return out if len(out) <= _MAX_STRINGS else None
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub_items = av
        one = _exact_seq(list(sub_items), icase)
        if one is None or high > 3:
            return None
        out, acc = set(), {""}
        for count in range(high + 1):
            if count >= low:
                out |= acc
            acc = {s + t for s in acc for t in one}
            if len(acc) > _MAX_STRINGS:
                return None
        return out
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {""}  # takes no characters
    return None


def _exact_seq(items: list[Any], icase: bool) -> set[str] | None:
    out = {""}
    for op, av in items:
        one = _exact(op, av, icase)
        if one is None:
            return None
        out = {s + t for s in out for t in one}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _needs(op: Any, av: Any, icase: bool) -> set[str] | None:
    """Strings one of which every match of this part of a pattern contains, or None."""
    exact = _exact(op, av, icase)
    if exact is not None:
        return None if "" in exact else exact
    name = getattr(op, "name", str(op))
    if name == "SUBPATTERN":
        return None if av[1] or av[2] else _needs_seq(list(av[3]), icase)
    if name == "ATOMIC_GROUP":
        return _needs_seq(list(av), icase)
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            sub = _needs_seq(list(alt), icase)
            if sub is None:
                return None
            out |= sub
        return out
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        return _needs_seq(list(av[2]), icase)
    return None


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more telling of two sets of needed strings: longer shortest string, then fewer."""
    if a is None or b is None:
        return a if b is None else b
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if kb > ka else a


def _needs_seq(items: list[Any], icase: bool) -> set[str] | None:
    best: set[str] | None = None
    run: set[str] = {""}  # the exact strings of the parts since the last inexact one, joined
    for op, av in items:
        one = _exact(op, av, icase)
        if one is not None:
            joined = {s + t for s in run for t in one}
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
        if "" not in run:
            best = _better(best, run)
        run = {""} if one is None else one
        if one is None:
            best = _better(best, _needs(op, av, icase))
    if "" not in run:
        best = _better(best, run)
    return best


def _minimal(strings: set[str]) -> list[str]:
    """Drop each string that holds another (finding the shorter one is enough)."""
    out: list[str] = []
    for s in sorted(strings, key=lambda s: (len(s), s)):
        if not any(o in s for o in out):
            out.append(s)
    return out


def needed_strings(regex: re.Pattern[str]) -> list[str] | None:
    """Strings one of which every match of `regex` contains (lower-cased when it ignores
    case), or None when the pattern cannot be read for them."""
    try:
        parser = importlib.import_module("re._parser")
        tree = parser.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - another Python: no shortcut
        return None
    icase = bool(regex.flags & re.IGNORECASE)
    found = _needs_seq(list(tree), icase)
    return _minimal(found) if found and "" not in found else None


def lowered(text: str) -> str | None:
    """`text.lower()`, for the `search_lowered` of many prefiltered patterns on one text; None
    when the text holds a character that IGNORECASE matches to an ASCII letter (then each
    pattern reads the text itself)."""
    if not text.isascii() and any(c in text for c in _FOLDS_TO_ASCII):
        return None
    return text.lower()


class Prefiltered:
    """A compiled pattern that answers "no match" at once for text holding none of the
    strings one of which every match must contain (`needed_strings`); any other text it
    gives to the pattern itself. `search`, `match`, `fullmatch`, `finditer`, `findall` and
    `sub` answer exactly as the pattern's own do."""

    def __init__(self, regex: re.Pattern[str], needles: list[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.groups = regex.groups
        self.icase = bool(regex.flags & re.IGNORECASE)
        self.needles = tuple(needles)
        # The test as one expression (`"alone" in t or "own" in t`): no loop per call.
        test = " or ".join(f"{n!r} in t" for n in self.needles)
        if self.icase:
            folds = " or ".join(f"{c!r} in t" for c in _FOLDS_TO_ASCII)
            body = (
                f"def test(t):\n    return {test}\n"
                f"def maybe(t):\n    if not t.isascii() and ({folds}):\n        return True\n"
                f"    t = t.lower()\n    return {test}\n"
            )
        else:
            body = f"def test(t):\n    return {test}\n\nmaybe = test\n"
        scope: dict[str, Any] = {}
        exec(compile(body, f"<prefilter {regex.pattern[:40]!r}>", "exec"), scope)  # the needles are repr()s
        self.test: Any = scope["test"]  # on text already lower-cased when the pattern ignores case
        self.maybe: Any = scope["maybe"]  # on the text as it is

    def _maybe(self, text: str, pos: int, endpos: int | None) -> bool:
        if pos or (endpos is not None and endpos < len(text)):
            text = text[pos:endpos]  # a match lies inside these bounds
        return bool(self.maybe(text))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not pos and endpos is None:
            return self.regex.search(text) if self.maybe(text) else None
        if not self._maybe(text, pos, endpos):
            return None
        return self.regex.search(text, pos) if endpos is None else self.regex.search(text, pos, endpos)

    def search_lowered(self, text: str, low: str | None) -> re.Match[str] | None:
        """`search(text)`, given `lowered(text)`."""
        if self.icase:
            if low is not None and not self.test(low):
                return None
        elif not self.test(text):
            return None
        return self.regex.search(text)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self._maybe(text, pos, endpos):
            return None
        return self.regex.match(text, pos) if endpos is None else self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self._maybe(text, pos, endpos):
            return None
        return self.regex.fullmatch(text, pos) if endpos is None else self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self.maybe(text) else iter(())

    def findall(self, text: str) -> list[Any]:
        return self.regex.findall(text) if self.maybe(text) else []

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.regex.sub(repl, text, count) if self.maybe(text) else text

    def __repr__(self) -> str:
        return f"Prefiltered({self.regex!r}, needles={list(self.needles)!r})"


def prefiltered(regex: re.Pattern[str] | Prefiltered, min_length: int = 2) -> Prefiltered | re.Pattern[str]:
    """`regex`, prefiltered by the strings its matches need when they tell enough (each at
    least `min_length` characters); else `regex` itself."""
    if isinstance(regex, Prefiltered):
        return regex
    needles = needed_strings(regex)
    if not needles or min(map(len, needles)) < min_length:
        return regex
    return Prefiltered(regex, needles)
