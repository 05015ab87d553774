"""The fact/opinion sentence classifier: scikit-learn on our own corpus, combined with rules.

The model (TF-IDF word and character n-grams plus a few cue features, logistic
regression) gives each sentence a label; rules then apply what the annotation guide
states outright: an owning phrase ("In my view") or an owning heading ("Analysis:")
makes an opinion the writer's own; a quotation with its speaker is reported.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import joblib
import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils import _align_api_if_sparse

from .errors import Code, DataError
from .lexicon import Prefiltered, lowered, prefiltered

if TYPE_CHECKING:
    from .context import RecordContext

LABELS = ("observed", "reported", "opinion_attributed", "opinion_unattributed", "other")
MODEL_FILE = "fact_opinion.joblib"
SEED = 20261122

OWNED = prefiltered(
    re.compile(
        r"\b(?:in\s+my\s+(?:professional\s+)?(?:view|opinion|assessment|judgement|judgment|experience)|"
        r"my\s+(?:professional\s+)?(?:view|opinion|assessment|analysis|concern|worry|judgement|judgment|sense|"
        r"impression|hypothesis|belief)\s+(?:is|was|remains)|"
        r"it\s+is\s+my\s+(?:professional\s+)?(?:view|opinion|assessment|judgement|belief)|"
        r"(?:I|we)\s+(?:(?:do|did)\s+not\s+|don't\s+|didn't\s+|also\s+|still\s+|now\s+)?(?:think|thought|feel|felt|"
        r"believe|believed|consider|considered|judge|suspect|would\s+say|would\s+describe)\b|"
        r"(?:I|we)\s+(?:am|are|was|were|remain|remained|feel|felt)\s+(?:(?:still|very|really|also|not|more|less|"
        r"increasingly|now|so|quite|particularly)\s+)*(?:worried|concerned|pleased|confident|reassured|satisfied|"
        r"unsure|uncertain|not\s+sure|of\s+the\s+view|impressed|hopeful|optimistic|encouraged|anxious|"
        r"clear\s+that)|"
        r"(?:I|we)\s+(?:have|had|still\s+have)\s+(?:no\s+|some\s+|serious\s+|significant\s+|real\s+)?concerns?|"
        r"(?:I|we)\s+agreed\s+that|I\s+noticed\s+that\s+\w+\s+seemed|\bmy\s+(?:worry|concern)\b)",
        re.IGNORECASE,
    )
)
# A heading owns what follows when it names the writer ("My view:") or, written with a
# colon, is the analysis section ("Analysis:"); a bare "Analysis" line owns nothing.
OWNED_HEADING = prefiltered(
    re.compile(
        r"^(?:analysis:|reflection:)|\b(?:my\s+view|(?:social\s+)?worker'?s?['’]?s?\s+(?:view|analysis|assessment|opinion)|"
        r"sw\s+(?:view|analysis)|professional\s+(?:view|opinion|judgement)|tm\s+view|manager'?s?['’]?s?\s+(?:view|analysis)|"
        r"my\s+assessment|my\s+analysis)\b",
        re.IGNORECASE,
    )
)
_CUES: dict[str, re.Pattern[str] | Prefiltered] = {
    "owned": OWNED,
    "first_person": re.compile(r"\b(?:I|we|my|me)\b"),
    "saw": re.compile(
        r"\b(?:I|we)\s+(?:saw|observed|noticed|noted|heard|visited|met|arrived|spoke|checked|looked|watched|found|went|asked)\b",
        re.I,
    ),
    "report_verb": re.compile(
        r"\b(?:said|says|told|tells|reported|reports|stated|states|explained|confirmed|informed|described|shared|disclosed|advised|feels|felt|thinks|believes|according\s+to|raised|alleged|claims?|denied|admitted)\b",
        re.I,
    ),
    "seem": re.compile(
        r"\b(?:appear(?:s|ed)?|seem(?:s|ed)?|present(?:s|ed|ing)\s+as|looked\s+(?:happy|well|tired|sad|anxious|settled))\b",
        re.I,
    ),
    "evaluative": re.compile(
        r"\b(?:good|well|happy|settled|anxious|positive|negative|poor|chaotic|appropriate|inappropriate|coping|struggling|engag\w*|resilient|mature|caring|loving|concern(?:s|ing)?|risk|safe|unsafe|worrying|progress|improv\w*|doing\s+well|understands?)\b",
        re.I,
    ),
    "future": re.compile(
        r"\b(?:will|shall|to\s+be|going\s+to|next|plan(?:ned)?|arrange\w*|book\w*|by\s+\d|action)\b", re.I
    ),
    "digit": re.compile(r"\d"),
    "quote": re.compile(r"[\"“”‘]|(?<!\w)'"),
}


# Each cue prefiltered: most sentences hold none of a cue's words (the same answers).
CUES: dict[str, re.Pattern[str] | Prefiltered] = {name: prefiltered(rx) for name, rx in _CUES.items()}


class CueFeatures(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """Binary features for the phrases the annotation guide names."""

    def fit(self, X: Any, y: Any = None) -> CueFeatures:
        return self

    def transform(self, X: Any) -> np.ndarray:
        return np.array([[1.0 if rx.search(t) else 0.0 for rx in CUES.values()] for t in X])

    @staticmethod
    def transform_lowered(texts: list[str], lows: list[str | None]) -> np.ndarray:
        """`transform(texts)`, given each text's `lexicon.lowered` (found once for all cues)."""
        tests = [_lowered_search(rx) for rx in CUES.values()]
        return np.array([[1.0 if test(t, low) else 0.0 for test in tests] for t, low in zip(texts, lows, strict=True)])


def _lowered_search(rx: re.Pattern[str] | Prefiltered) -> Callable[[str, str | None], Any]:
    if isinstance(rx, Prefiltered):
        return rx.search_lowered
    search = rx.search
    return lambda text, low: search(text)


def build_model() -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
            ("cues", CueFeatures()),
        ]
    )
    clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", random_state=SEED)
    return Pipeline([("features", features), ("clf", clf)])


@dataclass
class TrainReport:
    n_train: int
    n_test: int
    macro_f1: float
    report: str
    data_sha256: str


def read_corpus(path: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(Code.BAD_DATA_FILE, f"{path}:{n}: not JSON ({exc.msg})") from exc
        if row.get("label") not in LABELS or not str(row.get("text", "")).strip():
            raise DataError(Code.BAD_DATA_FILE, f"{path}:{n}: needs text and a label in {LABELS}")
        texts.append(row["text"])
        labels.append(row["label"])
    return texts, labels


def train(corpora: list[Path], out_dir: Path) -> TrainReport:
    texts: list[str] = []
    labels: list[str] = []
    for corpus in corpora:
        t, lab = read_corpus(corpus)
        texts += t
        labels += lab
    x_tr, x_te, y_tr, y_te = train_test_split(texts, labels, test_size=0.2, random_state=SEED, stratify=labels)
    held = build_model().fit(x_tr, y_tr)
    pred = held.predict(x_te)
    report = classification_report(y_te, pred, digits=3, zero_division=0)
    macro = float(f1_score(y_te, pred, average="macro"))
    final = build_model().fit(texts, labels)  # the shipped model sees all our data
    sha = hashlib.sha256()
    for corpus in corpora:
        sha.update(corpus.read_bytes())
    digest = sha.hexdigest()
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump({"model": final, "labels": LABELS, "data_sha256": digest, "version": 1}, out_dir / MODEL_FILE)
    card = _model_card(corpora, len(texts), len(x_tr), len(x_te), macro, report, digest, labels)
    (out_dir / "fact_opinion.md").write_text(card, encoding="utf-8")
    return TrainReport(len(x_tr), len(x_te), macro, report, digest)


def _model_card(
    corpora: list[Path], n: int, n_tr: int, n_te: int, macro: float, report: str, digest: str, labels: list[str]
) -> str:
    counts = {lab: labels.count(lab) for lab in LABELS}
    return f"""# Model card: fact/opinion sentence classifier

- **File**: `models/{MODEL_FILE}` (scikit-learn {__import__("sklearn").__version__}, joblib).
- **Trained**: {date.today().isoformat()} by `recordqa train` (seed {SEED}); the same data gives the same model.
- **Task**: label one sentence of a case record `observed`, `reported`, `opinion_attributed`,
  `opinion_unattributed` or `other`, as `shared/standards/checks.md` defines them.
- **Data**: {", ".join(f"`{c.name}`" for c in corpora)} in `corpora/fact_opinion/`, {n} synthetic
  sentences written for recordqa (see DATASHEET.md there); sha256 of the files `{digest[:16]}…`.
  Per label: {counts}.
- **Features**: TF-IDF of word 1–2-grams and character 2–5-grams, and {len(CUES)} binary cue
  features (owning phrases, reporting verbs, "appears/seems", evaluative words, plans).
- **Model**: multinomial logistic regression, C=4, balanced class weights.
- **Used with rules**: owning phrases and owning headings, quotations with a speaker, and
  headings/plans are applied on top (`recordqa/classifier.py`).

## Metrics on held-back sentences

A stratified 20% of the corpus ({n_te} sentences) was held back; the model trained on the
other {n_tr} scored macro-F1 **{macro:.3f}**:

```
{report}
```

The shipped model is then refitted on all {n} sentences. The gold dev set is never used for
training; `recordqa evaluate` measures the whole analyser (rules and model) on it.

## Limits

Synthetic training text; English social-care writing as practised in England. It labels
sentences, never people, and it predicts nothing about any child or family.
"""


def model_path() -> Path:
    """models/ beside the package (the repository's, or the image's /app/models), unless
    RECORDQA_MODEL_DIR names another folder."""
    folder = os.environ.get("RECORDQA_MODEL_DIR")
    base = Path(folder) if folder else Path(__file__).resolve().parent.parent / "models"
    return base / MODEL_FILE


@functools.lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    path = model_path()
    if not path.exists():
        raise DataError(Code.NO_MODEL, f"No classifier at {path}: run `recordqa train`.")
    model: dict[str, Any] = joblib.load(path)
    return model


def model_name() -> str:
    try:
        data = load_model()
    except DataError:
        return "rules only"
    return f"{MODEL_FILE} (data sha256 {str(data.get('data_sha256', ''))[:12]})"


class FastModel:
    """The shipped model's `predict_proba`, computed by its own fitted components without
    the Pipeline, FeatureUnion and joblib layers around them, and with each word's
    character n-grams looked up once per process instead of once per sentence.

    The numbers are the model's, bit for bit: the same count matrices (the same vocabulary
    indices, counts, dtypes and order), then the fitted TF-IDF transforms, the same
    `scipy.sparse.hstack`, and the fitted logistic regression's own `predict_proba`.
    Each row depends only on its own sentence, so a batch gives what one record at a
    time gives. tests/test_classifier.py compares it with `model.predict_proba`.
    """

    WORD_CACHE = 50_000  # distinct words remembered; cleared when full, so memory stays flat

    def __init__(self, model: Pipeline) -> None:
        features = model.named_steps["features"]
        self.words, self.chars, self.cues = (t for _, t in features.transformer_list)
        self.clf = model.named_steps["clf"]
        self.classes_ = model.classes_
        self._word_analyze = self.words.build_analyzer()
        self._char_preprocess = self.chars.build_preprocessor()
        self._char_cache: dict[str, np.ndarray] = {}
        # The word vectoriser as `build_model` makes it (lower-case, the token pattern, words
        # and pairs of words, nothing else): its n-grams are made here, the same ones.
        plain = {"preprocessor": None, "tokenizer": None, "stop_words": None, "strip_accents": None}
        self._word_tokens = (
            self.words.build_tokenizer()
            if self.words.lowercase
            and tuple(self.words.ngram_range) == (1, 2)
            and all(getattr(self.words, k) is v for k, v in plain.items())
            and self.chars.lowercase
            and all(getattr(self.chars, k) is v for k, v in plain.items())
            else None
        )

    @staticmethod
    def supports(model: Any) -> bool:
        """Is this the model `build_model` makes (anything else goes through the Pipeline)?"""
        if not isinstance(model, Pipeline) or [n for n, _ in model.steps] != ["features", "clf"]:
            return False
        features, clf = model.named_steps["features"], model.named_steps["clf"]
        if not isinstance(features, FeatureUnion) or not isinstance(clf, LogisticRegression):
            return False
        if features.transformer_weights is not None or [n for n, _ in features.transformer_list] != [
            "words",
            "chars",
            "cues",
        ]:
            return False
        words, chars, cues = (t for _, t in features.transformer_list)
        vectorisers = isinstance(words, TfidfVectorizer) and isinstance(chars, TfidfVectorizer)
        return (
            vectorisers
            and isinstance(cues, CueFeatures)
            and words.analyzer == "word"
            and chars.analyzer == "char_wb"
            and not words.binary
            and not chars.binary
            and words.input == chars.input == "content"
            and getattr(model, "_sklearn_output_config", None) is None
        )

    def _char_indices(self, word: str) -> np.ndarray:
        found = self._char_cache.get(word)
        if found is None:
            vocab = self.chars.vocabulary_
            # A single word through the vectoriser's own char_wb n-grams, in its order.
            found = np.array([vocab[g] for g in self.chars._char_wb_ngrams(word) if g in vocab], dtype=np.int64)
            if len(self._char_cache) >= self.WORD_CACHE:
                self._char_cache.clear()
            self._char_cache[word] = found
        return found

    def _char_counts(self, texts: list[str]) -> Any:
        white = self.chars._white_spaces
        docs = []
        for text in texts:
            # char_wb n-grams never cross a word: a sentence's are its words' in turn.
            words = white.sub(" ", self._char_preprocess(self.chars.decode(text))).split()
            docs.append(np.concatenate([self._char_indices(w) for w in words]) if words else _NONE)
        return _count_matrix(docs, len(self.chars.vocabulary_), self.chars.dtype)

    def _word_counts(self, texts: list[str]) -> Any:
        vocab = self.words.vocabulary_
        analyze = self._word_analyze
        docs = [[vocab[f] for f in analyze(text) if f in vocab] for text in texts]
        return _count_matrix(docs, len(vocab), self.words.dtype)

    def _lower_counts(self, lows: list[str]) -> tuple[Any, Any]:
        """`_word_counts` and `_char_counts` of texts given lower-cased (both vectorisers'
        own preprocessing is `str.lower`, and decoding a str leaves it as it is)."""
        vocab = self.words.vocabulary_
        get = vocab.get
        tokenize = self._word_tokens
        assert tokenize is not None
        word_docs = []
        cache = self._char_cache
        white = self.chars._white_spaces
        char_parts: list[np.ndarray] = []
        char_lengths = []
        for low in lows:
            toks = tokenize(low)
            # The analyzer's words, then each pair joined by a space (`_word_ngrams`).
            found = [get(t) for t in toks]
            found += [get(a + " " + b) for a, b in itertools.pairwise(toks)]
            word_docs.append([f for f in found if f is not None])
            n = 0
            for w in white.sub(" ", low).split():
                arr = cache.get(w)
                if arr is None:
                    arr = self._char_indices(w)
                char_parts.append(arr)
                n += len(arr)
            char_lengths.append(n)
        xw = _count_matrix(word_docs, len(vocab), self.words.dtype)
        xc = _count_rows(
            np.concatenate(char_parts) if char_parts else _NONE,
            np.array(char_lengths, dtype=np.int64),
            len(self.chars.vocabulary_),
            self.chars.dtype,
        )
        return xw, xc

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if self._word_tokens is not None:
            lows = [t.lower() for t in texts]
            counts_w, counts_c = self._lower_counts(lows)
            xw = self.words._tfidf.transform(counts_w, copy=False)
            xc = self.chars._tfidf.transform(counts_c, copy=False)
            # The cues' prefilters read the same lower-cased text (unless it holds a letter
            # IGNORECASE folds to ASCII: then `lowered` is None and the cue reads the text).
            xq = self.cues.transform_lowered(texts, [lowered(t) for t in texts])
            proba: np.ndarray = self.clf.predict_proba(sparse.hstack([xw, xc, xq]).tocsr())
            return proba
        xw = self.words._tfidf.transform(self._word_counts(texts), copy=False)
        xc = self.chars._tfidf.transform(self._char_counts(texts), copy=False)
        xq = self.cues.transform(texts)
        proba = self.clf.predict_proba(sparse.hstack([xw, xc, xq]).tocsr())
        return proba


_NONE = np.zeros(0, dtype=np.int64)


def _count_matrix(docs: list[Any], n_features: int, dtype: Any) -> Any:
    """CountVectorizer._count_vocab's matrix (fixed vocabulary) from each document's
    in-vocabulary feature indices (a list or an array each): per row, the distinct indices
    in ascending order with their counts, which is what its counting and `sort_indices`
    leave."""
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    if docs and isinstance(docs[0], np.ndarray):
        features = np.concatenate(docs) if docs else _NONE
    else:
        features = np.fromiter(itertools.chain.from_iterable(docs), dtype=np.int64, count=int(lengths.sum()))
    return _count_rows(features, lengths, n_features, dtype)


def _count_rows(features: np.ndarray, lengths: np.ndarray, n_features: int, dtype: Any) -> Any:
    """`_count_matrix` from all documents' feature indices end to end and each one's count."""
    n_docs = len(lengths)
    rows = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    keys, counts = np.unique(rows * n_features + features, return_counts=True)
    indptr = np.searchsorted(keys // n_features, np.arange(n_docs + 1), side="left")
    x = sparse.csr_array(
        (counts.astype(np.intc), (keys % n_features).astype(np.int32), indptr.astype(np.int32)),
        shape=(n_docs, n_features),
        dtype=dtype,
    )
    x.sort_indices()
    return _align_api_if_sparse(x)


_FAST: list[tuple[Any, FastModel | None]] = []  # (the loaded model, its fast path)


def _fast(model: Any) -> FastModel | None:
    if not _FAST or _FAST[0][0] is not model:  # built once per loaded model
        _FAST[:] = [(model, FastModel(model) if FastModel.supports(model) else None)]
    return _FAST[0][1]


def probabilities(texts: list[str]) -> np.ndarray:
    """The model's class probabilities for each sentence (rows), in `model.classes_` order.
    Raises DataError when there is no model."""
    model = load_model()["model"]
    fast = _fast(model)
    proba: np.ndarray = fast.predict_proba(texts) if fast is not None else model.predict_proba(texts)
    return proba


PROBA_MEMO = "sentence-proba"


def prefill(contexts: list[RecordContext]) -> None:
    """Score the sentences of many records in one call (engine.analyse_many): the same
    numbers as one record at a time, with the per-call costs paid once per batch."""
    todo = [c for c in contexts if c.sentences and PROBA_MEMO not in c._memo]
    if not todo:
        return
    try:
        proba = probabilities([s.text for c in todo for s in c.sentences])
    except DataError:
        return  # each record then labels without a model, as label_sentences does
    k = 0
    for c in todo:
        n = len(c.sentences)
        c._memo[PROBA_MEMO] = proba[k : k + n]
        k += n


def label_sentences(ctx: RecordContext) -> list[str]:
    sents = ctx.sentences
    if not sents:
        return []
    judged = _judged(ctx)
    try:
        model = load_model()["model"]
        proba = ctx.memo(PROBA_MEMO, lambda: probabilities([s.text for s in sents]))
        classes = [str(c) for c in model.classes_]
        # Rows as Python floats (the same values; reading a NumPy row item by item is slow).
        decided = [_decide(classes, row, k in judged) for k, row in enumerate(proba.tolist())]
    except DataError:
        decided = [("other", "other")] * len(sents)
    quoted_speech = {q.span.start for q in ctx.quotes}
    out = []
    for s, (label, second) in zip(sents, decided, strict=True):
        if s.index in judged and label == "reported" and not _reporting_outside_quotes(ctx, s):
            label = "opinion_unattributed"
        out.append(_apply_rules(ctx, s, label, second, quoted_speech, s.index in judged))
    return out


# An unowned-opinion finding is a criticism of the writer: it needs a confident model.
# Tuned on corpora/records/tune.jsonl (never on the gold sets).
UNOWNED_MIN = 0.7


# Judgements stated as fact that the guide names outright; with a flagged label word in
# the sentence, these make an unowned opinion whatever the model says of the rest.
EVALUATIVE = (
    r"stable|settled|unsettled|good|fine|ok|okay|well|happy|unhappy|positive|negative|adequate|appropriate|"
    r"tidy|clean|safe|unsafe|calm|warm|loving|caring|kind|better|worse|improved|poor|excellent|lovely|"
    r"great|nice|pleasant|suitable|unsuitable|chaotic|overwhelmed|vulnerable|resilient|mature|immature"
)
UNOWNED = prefiltered(
    re.compile(
        r"^\W*(?:no\s+(?:further\s+)?(?:concerns?|worries|issues)\b|(?:overall\s+)?(?:a\s+)?(?:positive|good|productive)\s+visit\b)|"
        r"\b(?:present(?:s|ed|ing)\s+as|risks?\s+(?:is|are|remains?)\s+(?:high|low|medium|significant|reduced)|"
        r"(?:is|are|was|were)\s+(?:not\s+)?coping|is\s+known\s+to\s+be|"
        r"doing\s+(?:really\s+|very\s+|much\s+|so\s+)?(?:well|better|ok|okay|great|fine|brilliantly|badly)|"
        r"can(?:not|'t|’t)\s+be\s+bothered|in\s+denial|needs?\s+to\s+(?:take\s+responsibility|recognise|accept|"
        r"understand\s+the\s+risks)|(?:is|are|was|were|seems?|seemed)\s+(?:very\s+|really\s+|quite\s+)?"
        r"(?:overwhelmed|struggling|unable\s+to\s+cope|vulnerable|resilient|mature|immature))\b|"
        # a bare evaluative ending a short statement: "Placement stable.", "Home clean and tidy."
        rf"^(?:\w+\s+){{0,3}}(?:(?:is|are|was|were|remains?|seems?|looks?)\s+)?(?:very\s+|really\s+|quite\s+)?"
        rf"(?:{EVALUATIVE})(?:\s+(?:and|but)\s+(?:{EVALUATIVE}))*(?:\s+and\s+meeting\s+(?:his|her|their)\s+needs)?\W*$",
        re.IGNORECASE,
    )
)
REPORTING = prefiltered(
    re.compile(
        r"\b(?:said|says|told|tells|reported|reports|report|stated|states|explained|confirmed|informed|described|"
        r"shared|disclosed|advised|according\s+to|feels|thinks|believes|alleged|claims?|denied|admitted)\b",
        re.IGNORECASE,
    )
)


def _decide(classes: list[str], row: Any, judged: bool) -> tuple[str, str]:
    """The label, and the runner-up to fall back on when a rule rules the label out."""
    order = sorted(range(len(classes)), key=lambda i: -row[i])
    best, second = classes[order[0]], classes[order[1]]
    if best == "opinion_unattributed" and row[order[0]] < UNOWNED_MIN and not judged:
        return second, best
    if judged and best in ("observed", "other"):
        return "opinion_unattributed", best
    return best, second


# Interpretation under an owning heading is the writer's opinion ("For Amy this means…").
ANALYTIC = prefiltered(
    re.compile(
        r"\b(?:this\s+(?:means|suggests|shows|indicates)|which\s+means|means\s+(?:that|she|he|they)|suggests|shows\s+(?:that|how)|"
        r"is\s+likely\s+to|fits\s+with|impact|because|so\s+that|helping|is\s+(?:working|making\s+a\s+difference))\b",
        re.IGNORECASE,
    )
)


def _reporting_outside_quotes(ctx: RecordContext, s: Any) -> bool:
    return bool(REPORTING.search(_outside_quotes(ctx, s)))


def _judged(ctx: RecordContext) -> set[int]:
    """Sentences holding a judgement word or phrase outside quotation marks."""
    from .checks.respectful import word_hits

    out: set[int] = set()
    for hit in word_hits(ctx):
        if hit.severity is None:  # core list only
            s = ctx.sentence_at(hit.start)
            if s is not None:
                out.add(s.index)
    for s in ctx.sentences:
        m = UNOWNED.search(s.text)
        if m and not ctx.in_quote(s.start + m.start(), s.start + m.end()):
            out.add(s.index)
    return out


GREETING = re.compile(r"^\s*(?:dear|hello|hi)\b", re.I)


def _apply_rules(ctx: RecordContext, s: Any, label: str, second: str, quote_starts: set[int], judged: bool) -> str:
    text = s.text
    if text.rstrip().endswith("?") or GREETING.match(text):
        return "other"
    if OWNED.search(_outside_quotes(ctx, s)):
        return "opinion_attributed"
    owned_heading = bool(s.heading and OWNED_HEADING.search(s.heading))
    if label == "opinion_attributed" and not owned_heading:
        # The guide's owned opinion is marked as the writer's; without a mark, fall back.
        label = second if second != "opinion_attributed" else "other"
    has_quote = any(s.start <= q < s.end for q in quote_starts)
    if label.startswith("opinion") and has_quote and not judged:
        return "reported"
    if owned_heading and (label in ("opinion_unattributed", "opinion_attributed") or ANALYTIC.search(text)):
        return "opinion_attributed"
    return label


def _outside_quotes(ctx: RecordContext, s: Any) -> str:
    if not ctx.in_quote_any(s.start, s.end):
        return str(s.text)
    return ctx.quote_index.blank(str(s.text), s.start)
