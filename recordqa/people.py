"""Who is who in a record: the children it is about, adults by role, and who a pronoun means.

Names come from the record's metadata when given, and from the text otherwise
("Amy (7)", "his sister, Jo", the most-mentioned given name).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from .sentindex import SentIndex

Role = Literal["child", "adult", "unknown"]
Gender = Literal["f", "m", "n", "?"]

FEMALE = {
    "mum",
    "mother",
    "mummy",
    "mam",
    "mom",
    "grandma",
    "grandmother",
    "gran",
    "nan",
    "nana",
    "nanny",
    "aunt",
    "auntie",
    "aunty",
    "stepmum",
    "stepmother",
    "sister",
    "daughter",
    "girl",
    "girlfriend",
    "mrs",
    "ms",
    "miss",
    "she",
    "her",
    "hers",
    "herself",
    "niece",
    "wife",
    "granddaughter",
    "stepdaughter",
    "stepsister",
    "half-sister",
}
MALE = {
    "dad",
    "father",
    "daddy",
    "grandad",
    "granddad",
    "grandfather",
    "grandpa",
    "uncle",
    "stepdad",
    "stepfather",
    "brother",
    "son",
    "boy",
    "boyfriend",
    "mr",
    "he",
    "him",
    "his",
    "himself",
    "nephew",
    "husband",
    "grandson",
    "stepson",
    "stepbrother",
    "half-brother",
}
CHILD_WORDS = {
    "child",
    "children",
    "boy",
    "girl",
    "baby",
    "toddler",
    "son",
    "daughter",
    "brother",
    "sister",
    "sibling",
    "siblings",
    "twins",
    "twin",
    "infant",
    "kids",
    "kid",
    "niece",
    "nephew",
    "granddaughter",
    "grandson",
    "stepson",
    "stepdaughter",
    "stepbrother",
    "stepsister",
    "half-brother",
    "half-sister",
    "youngster",
    "teenager",
    "pupil",
}
ADULT_WORDS = {
    "mum",
    "mother",
    "mummy",
    "mam",
    "mom",
    "dad",
    "father",
    "daddy",
    "stepdad",
    "stepmum",
    "stepfather",
    "stepmother",
    "carer",
    "carers",
    "grandma",
    "grandmother",
    "gran",
    "nan",
    "nana",
    "nanny",
    "grandad",
    "granddad",
    "grandfather",
    "grandpa",
    "grandparent",
    "grandparents",
    "aunt",
    "auntie",
    "aunty",
    "uncle",
    "teacher",
    "headteacher",
    "head",
    "nurse",
    "doctor",
    "gp",
    "officer",
    "police",
    "pc",
    "dc",
    "ds",
    "sergeant",
    "worker",
    "manager",
    "chair",
    "advocate",
    "interpreter",
    "partner",
    "boyfriend",
    "girlfriend",
    "parent",
    "parents",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "staff",
    "keyworker",
    "practitioner",
    "therapist",
    "visitor",
    "midwife",
    "dsl",
    "senco",
    "iro",
    "solicitor",
    "guardian",
    "minute-taker",
    "taker",
    "paediatrician",
    "consultant",
    "clinician",
    "counsellor",
    "mentor",
    "coordinator",
    "lead",
    "head-teacher",
    "principal",
    "receptionist",
    "caller",
    "referrer",
    "neighbour",
    "landlord",
    "husband",
    "wife",
    "paramedic",
    "psychologist",
    "psychiatrist",
    "sw",
    "tm",
    "fc",
    "hv",
    "lady",
    "man",
    "woman",
    "men",
    "women",
    "adults",
    "adult",
    "professional",
    "professionals",
    "colleague",
    "supervisor",
    "agency",
    "school",
    "nursery",
    "college",
    "team",
}
AGENCIES = {"school", "nursery", "college", "team", "agency", "police", "staff", "professionals", "service"}
TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "pc",
    "dc",
    "ds",
    "sgt",
    "nurse",
    "dame",
    "sir",
    "sergeant",
    "inspector",
    "detective",
    "constable",
    "officer",
    "professor",
    "councillor",
    "judge",
}
RELAYS = {"interpreter", "signer", "translator", "intermediary"}
SIBLING_CUE = re.compile(
    r"\b(?:brother|sister|sibling|son|daughter|baby|twin|half-brother|half-sister),?\s+"
    r"(?P<name>[A-Z][a-z'’-]+)"
)
AGE_CUE = re.compile(
    r"\b(?P<name>[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+)?\s*(?:\((?:age[d]?\s*)?\d{1,2}\)|,\s*aged?\s+\d{1,2}|,\s*\d{1,2},)"
)
ADULT_APPOS = re.compile(
    r"\b(?P<role>mother|mum|father|dad|carer|foster carer|grandmother|grandfather|nan|grandad|aunt|uncle|"
    r"partner|boyfriend|girlfriend|stepfather|stepmother|stepdad|stepmum|teacher|manager|advocate|worker|"
    r"interpreter|signer|translator|intermediary),?\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
    r"(?P<name>[A-Z][a-z'’-]+)"
)
CHILD_PRONOUNS = {"he", "she", "they", "him", "her", "them"}


@dataclass(frozen=True)
class Person:
    text: str
    role: Role
    gender: Gender


def _norm(word: str) -> str:
    return word.lower().strip("'’.")


class Cast:
    """The people of one record, and a resolver from a token to a Person."""

    def __init__(
        self,
        doc: Doc,
        child_names: Iterable[str],
        to_child: bool,
        in_quote: Callable[[int, int], bool] = lambda start, end: False,
        sents: SentIndex | None = None,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.sents = sents or SentIndex(doc)
        self.in_quote = in_quote
        self.to_child = to_child
        names: set[str] = set()
        for full in child_names:
            first = full.split()[:1]
            if first:
                names.add(first[0].lower())
        text = doc.text if text is None else text  # the caller's copy: Doc.text joins every token
        for m in SIBLING_CUE.finditer(text):
            names.add(m.group("name").lower())
        for m in AGE_CUE.finditer(text):
            age = re.search(r"\d{1,2}", m.group(0)[len(m.group("name")) :])
            if age and int(age.group(0)) < 18:
                names.add(m.group("name").lower())
        self.adult_names = self._titled_names()
        self.adult_gender: dict[str, Gender] = {}
        self.relay_names: set[str] = set()
        self.names_given = bool(names)
        for m in ADULT_APPOS.finditer(text):
            name = m.group("name").lower()
            if name not in names:
                self.adult_names.add(name)
                self.adult_gender[name] = _gender_of_word(m.group("role").split()[-1])
                if m.group("role") in RELAYS:
                    self.relay_names.add(name)
        lowers, deps, pos = self.sents.lowers, self.sents.deps, self.sents.pos
        self.subject_names = {
            lowers[i] for i in range(len(lowers)) if deps[i] in ("nsubj", "nsubjpass") and pos[i] == "PROPN"
        }
        if not names:
            names |= self._likely_subject()
        self.child_names = names - self.adult_names
        self.name_gender = self._learn_genders()
        self._persons: dict[int, Person | None] = {}

    def _titled_names(self) -> set[str]:
        out: set[str] = set()
        self.title_gender: dict[str, Gender] = {}
        texts, norms = self.sents.texts, self.sents.norms
        for i in [i for i, w in enumerate(norms) if w in TITLES]:
            title = norms[i]
            if i + 1 < len(texts):
                nxt = texts[i + 1]
                if nxt[:1].isupper():
                    out.add(nxt.lower())
                    g: Gender = "m" if title == "mr" else "f" if title in ("mrs", "ms", "miss") else "?"
                    self.title_gender[nxt.lower()] = g
        return out

    def _likely_subject(self) -> set[str]:
        counts: Counter[str] = Counter()
        texts, pos, norms = self.sents.texts, self.sents.pos, self.sents.norms
        for i in [i for i, p in enumerate(pos) if p == "PROPN"]:
            text = texts[i]
            if text[:1].isupper() and text.isalpha():
                word = text.lower()
                if word in ADULT_WORDS or word in TITLES or len(word) < 2:
                    continue
                if i > 0 and norms[i - 1] in TITLES:
                    continue
                counts[word] += 1
        if not counts:
            return set()
        top, n = counts.most_common(1)[0]
        return {top} if n >= 2 else set()

    def _learn_genders(self) -> dict[str, Gender]:
        votes: dict[str, Counter[str]] = {}
        texts, lowers, pos = self.sents.texts, self.sents.lowers, self.sents.pos
        n_tokens = len(texts)
        for i in [i for i, p in enumerate(pos) if p == "PROPN"]:
            text = texts[i]
            if not text[:1].isupper():
                continue
            word = lowers[i]
            # The first gendered pronoun after the name, before another person is named.
            for j in range(i + 1, min(i + 25, n_tokens)):
                w = lowers[j]
                if pos[j] == "PROPN" and texts[j][:1].isupper() and w != word:
                    break
                if w in {"he", "him", "his", "himself"}:
                    votes.setdefault(word, Counter())["m"] += 1
                    break
                if w in {"she", "her", "hers", "herself"}:
                    votes.setdefault(word, Counter())["f"] += 1
                    break
        out: dict[str, Gender] = {}
        for k, v in votes.items():
            (top, n), other = v.most_common(1)[0], sum(v.values()) - v.most_common(1)[0][1]
            if n - other >= 1 and (n >= 2 or k in self.child_names):
                out[k] = top  # type: ignore[assignment]
        return out

    def gender_of_name(self, word: str) -> Gender:
        return self.title_gender.get(word) or self.adult_gender.get(word) or self.name_gender.get(word, "?")

    # -- classifying mentions ---------------------------------------------------------

    def person_of(self, tok: Token) -> Person | None:
        """The person a noun or name token names, or None if it names no one."""
        i = tok.i
        texts = self.sents.texts
        text = texts[i]  # tok.text
        word = self.sents.norms[i]  # _norm(tok.text)
        if i >= 2 and texts[i - 1] in "-‐":  # "Ruby-Mae"
            joined = _norm(texts[i - 2] + "-" + text)
            if joined in self.child_names:
                return Person(texts[i - 2] + "-" + text, "child", self.name_gender.get(joined, "?"))
        for part in tok.lefts:  # "Amara Okafor": the given name decides
            if part.dep_ == "compound" and _norm(part.text) in self.child_names:
                return Person(part.text, "child", self.name_gender.get(_norm(part.text), "?"))
        if self.sents.pos[i] == "PROPN" or (text[:1].isupper() and word in self.child_names):
            if word in self.child_names:
                return Person(text, "child", self.name_gender.get(word, "?"))
            if word in ADULT_WORDS or word in TITLES:
                return Person(text, "adult", _gender_of_word(word))
            if word in self.adult_names or self._has_title(tok):
                return Person(text, "adult", self.gender_of_name(word))
            if text[:1].isupper() and text.isalpha() and word in self.subject_names:
                # With the children named, another speaking person is taken for an adult.
                return Person(text, "adult" if self.names_given else "unknown", self.gender_of_name(word))
            return None
        if word in CHILD_WORDS:
            return Person(tok.text, "child", _gender_of_word(word))
        if word in ADULT_WORDS:
            return Person(tok.text, "adult", _gender_of_word(word))
        return None

    def _person_at(self, i: int) -> Person | None:
        """`person_of` the token at index `i`, worked out once (the Cast does not change)."""
        if i in self._persons:
            return self._persons[i]
        p = self._persons[i] = self.person_of(self.sents.token(i))
        return p

    def _has_title(self, tok: Token) -> bool:
        return any(left in TITLES for left in self.sents.norms[max(0, tok.i - 2) : tok.i])

    def mentions_before(self, tok: Token, sentences_back: int = 3) -> list[tuple[Token, Person | None, int]]:
        """Mentions before `tok` outside quotations: this sentence nearest first, then each
        earlier sentence with its main subject first. Pronouns come back with None."""
        k0 = self.sents.number(tok)
        sents: list[Span] = [self.sents.spans[k] for k in range(k0, max(-1, k0 - sentences_back - 1), -1)]
        found: list[tuple[Token, Person | None, int]] = []
        seen: set[int] = set()
        index = self.sents
        token, starts, texts, lowers, deps, punct, heads = (
            index.token,
            index.starts,
            index.texts,
            index.lowers,
            index.deps,
            index.punct,
            index.heads,
        )
        # Token indices throughout (a Token object is made only for a mention found).
        for k, s in enumerate(sents):
            limit = tok.i if k == 0 else s.end
            cands = [
                j
                for j in range(s.start, min(s.end, limit))
                if not punct[j] and not self.in_quote(starts[j], starts[j] + len(texts[j]))
            ]
            # Sentence order. (This was sorted by a depth in the tree that compared fresh
            # Token objects with `is`, so it gave 50 for every token and the order stayed.)
            subjects = [j for j in cands if deps[j] in ("nsubj", "nsubjpass")]
            if k == 0:
                subjects = list(reversed(subjects))
                # "Through Ms Hart she said": the pronoun is not the preposition's object.
                cands = [j for j in cands if deps[j] != "pobj"]
            chosen = set(subjects)
            others = [j for j in reversed(cands) if j not in chosen]
            for j in subjects + others:
                if lowers[j] in {"he", "she"}:
                    if j not in seen:
                        seen.add(j)
                        found.append((token(j), None, k))
                    continue
                head = j  # _compound_head
                while deps[head] in ("compound", "flat") and heads[head] != head:
                    head = heads[head]
                p = self._person_at(head)
                if p is not None and head not in seen:
                    seen.add(head)
                    found.append((token(head), p, k))
        return found

    def resolve(self, tok: Token, depth: int = 0) -> Person | None:
        """The person a speaker token refers to, resolving pronouns to the nearest fit."""
        word = tok.text.lower()
        if word in {"i", "we", "me", "us"}:
            return Person(tok.text, "adult", "?")
        if word == "you":
            return Person(tok.text, "child" if self.to_child else "unknown", "?")
        if word in {"he", "she", "they"}:
            gender: Gender = "m" if word == "he" else "f" if word == "she" else "n"
            fallback: Person | None = None
            loose: Person | None = None  # a fit of unknown gender in the current sentence
            current = 0
            for cand, p, k in self.mentions_before(tok):
                if k != current:
                    if loose is not None:
                        return loose
                    current = k
                if p is None:  # an earlier he/she: the same person if the same pronoun
                    if cand.text.lower() == word and depth < 4:
                        chained = self.resolve(cand, depth + 1)
                        if chained is not None and chained.role != "unknown":
                            return loose or chained
                    continue
                if cand.text.lower() in RELAYS or cand.text.lower() in self.relay_names:
                    continue  # an interpreter relays the child's words
                if _compatible(p, gender):
                    if p.role == "unknown":
                        fallback = fallback or p
                    elif p.gender == gender:
                        return Person(p.text, p.role, p.gender)
                    else:
                        loose = loose or Person(p.text, p.role, p.gender)
            return loose or fallback or Person(tok.text, "unknown", gender)
        head = _compound_head(tok)
        person = self.person_of(head)
        if person is None:
            # "his mum", "the school nurse": the noun phrase's own head.
            for t in tok.subtree:
                p = self.person_of(t)
                if p is not None:
                    return p
        return person


def _compound_head(tok: Token) -> Token:
    while tok.dep_ in ("compound", "flat") and tok.head is not tok:
        tok = tok.head
    return tok


def _gender_of_word(word: str) -> Gender:
    if word in AGENCIES:
        return "n"
    return "f" if word in FEMALE else "m" if word in MALE else "?"


def _compatible(p: Person, gender: Gender) -> bool:
    if gender == "n":
        return True
    if p.gender == "n":
        return False
    if p.text.lower() in {"parents", "children", "carers", "siblings", "twins"}:
        return False
    return p.gender in ("?", gender)
