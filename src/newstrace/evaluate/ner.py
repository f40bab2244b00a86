"""Named entities, scored on the CoNLL-2003 English dev set as conlleval scores them.

Each document becomes one text (tokens joined by single spaces, sentences by "\\n"),
analysed with `content_type="plain"` so that offsets line up with the tokens. Every
mention of every entity is a predicted entity; its character span is aligned to the
tokens it overlaps. Metric: strict entity-level micro P/R/F1 (conlleval, strict
seqeval): a prediction counts only if its token span and its type both match a gold
entity. Per-type P/R/F1 too.

Label mapping, dossier entity types -> CoNLL types:

    PERSON -> PER;  GPE, LOC, FAC -> LOC;  ORG -> ORG;  NORP, EVENT, OTHER -> MISC

The bare spaCy model (`newstrace.nlp.model.bare_model()`, `nlp.pipe`) is scored on the
same texts in the same run, its `doc.ents` mapped the same way:

    PERSON -> PER;  GPE, LOC, FAC -> LOC;  ORG -> ORG;
    NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC;
    DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL dropped.

The dossier's OTHER comes from PRODUCT, WORK_OF_ART, LAW and LANGUAGE, so the two
mappings agree and the difference between the systems is what newstrace does to the
model's entities.
"""

from __future__ import annotations

import gzip
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..api import analyze_many, default_options
from ..errors import EvaluationError, InputError
from ..nlp.model import bare_model
from ..runner import parallel_map
from .common import PRF, TableData, fmt, require, sample

if TYPE_CHECKING:
    from spacy.tokens import Doc

DATA_FILE = "conllpp_dev.txt.gz"
DOCSTART = "-DOCSTART-"
SYSTEMS = ("newstrace", "spacy")
TYPES = ("PER", "LOC", "ORG", "MISC")
BATCH = 8  # documents per task handed to a worker (each system batches them)

# The dossier's entity types -> CoNLL types.
DOSSIER_TYPES = {
    "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
    "NORP": "MISC", "EVENT": "MISC", "OTHER": "MISC",
}
# spaCy's OntoNotes labels -> CoNLL types; times and numbers are dropped.
SPACY_LABELS = {
    "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC",
}

Chunk = tuple[int, int, str]       # token start, token end (exclusive), CoNLL type
CharSpan = tuple[int, int, str]    # character start, end (exclusive), CoNLL type


@dataclass(frozen=True, slots=True)
class Document:
    """One CoNLL document: its sentences' tokens and its gold entities."""

    sentences: tuple[tuple[str, ...], ...]
    gold: frozenset[Chunk]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(sentence) for sentence in self.sentences)

    def offsets(self) -> list[tuple[int, int]]:
        """Each token's character span in `text`, in document order."""
        spans, position = [], 0
        for sentence in self.sentences:
            for token in sentence:
                spans.append((position, position + len(token)))
                position += len(token) + 1  # the space, or the newline after the last token
        return spans


def iob_chunks(tags: Sequence[str], first: int = 0) -> set[Chunk]:
    """The entities of one sentence's IOB2 tags, as token spans numbered from `first`.

    As conlleval reads them: an I- tag that does not continue an entity of its type
    (after O, or after another type) starts a new entity.
    """
    found: set[Chunk] = set()
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I", "O") or (prefix != "O" and not label):
            raise EvaluationError(f"{tag!r} is not an IOB2 tag")
        continues = prefix == "I" and label == kind
        if start is not None and not continues:
            found.add((first + start, first + i, kind))  # type: ignore[arg-type]
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, label
    return found


def read_conll(lines: Iterable[str]) -> list[Document]:
    """Documents from CoNLL-2003 lines (`token POS chunk NER`; blank lines end sentences)."""
    documents: list[Document] = []
    sentences: list[tuple[str, ...]] = []
    gold: set[Chunk] = set()
    tokens: list[str] = []
    tags: list[str] = []
    count = 0  # tokens of the document so far

    def end_sentence() -> None:
        nonlocal count
        if tokens:
            gold.update(iob_chunks(tags, count))
            sentences.append(tuple(tokens))
            count += len(tokens)
            tokens.clear()
            tags.clear()

    def end_document() -> None:
        nonlocal count
        end_sentence()
        if sentences:
            documents.append(Document(tuple(sentences), frozenset(gold)))
        sentences.clear()
        gold.clear()
        count = 0

    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            end_sentence()
        elif fields[0] == DOCSTART:
            end_document()
        elif len(fields) < 2:
            raise EvaluationError(f"line {number}: expected `token ... NER-tag`, got {line!r}")
        else:
            tokens.append(fields[0])
            tags.append(fields[-1])
    end_document()
    return documents


def load_documents(data: str | Path) -> list[Document]:
    folder = require(data, DATA_FILE)
    with gzip.open(folder / DATA_FILE, "rt", encoding="utf-8") as handle:
        return read_conll(handle)


def align(start: int, end: int, offsets: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The tokens a character span overlaps, as (first, last + 1); None if none."""
    first = bisect_right([e for _, e in offsets], start)
    last = bisect_left([s for s, _ in offsets], end)
    return (first, last) if first < last else None


def to_chunks(spans: Iterable[CharSpan], offsets: Sequence[tuple[int, int]]) -> set[Chunk]:
    chunks = set()
    for start, end, kind in spans:
        tokens = align(start, end, offsets)
        if tokens is not None:
            chunks.add((*tokens, kind))
    return chunks


def compare(gold: Iterable[Chunk], predicted: Iterable[Chunk]) -> dict[str, PRF]:
    """Strict matching, counted per type."""
    gold, predicted = set(gold), set(predicted)
    counts = {kind: PRF() for kind in TYPES}
    for chunk in predicted | gold:
        score = counts.setdefault(chunk[2], PRF())
        if chunk in gold and chunk in predicted:
            score.tp += 1
        elif chunk in predicted:
            score.fp += 1
        else:
            score.fn += 1
    return counts


def dossier_spans(dossier: Any) -> list[CharSpan]:
    return [(m.start, m.end, DOSSIER_TYPES[e.type]) for e in dossier.entities
            if e.type in DOSSIER_TYPES for m in e.mentions]


def spacy_spans(doc: Doc) -> list[CharSpan]:
    return [(e.start_char, e.end_char, SPACY_LABELS[e.label_]) for e in doc.ents
            if e.label_ in SPACY_LABELS]


@dataclass(slots=True)
class Prediction:
    spans: list[CharSpan] | None   # None: the system failed on the document
    language: str | None = None


@lru_cache(maxsize=1)
def _warm_up() -> None:
    """Load the model, the language detector and the pipeline before anything is timed."""
    list(analyze_many(["Warm-up text about Paris ."], content_type="plain", on_error="return"))


def predict_batch(texts: list[str]) -> dict[str, tuple[list[Prediction], float]]:
    """Both systems on a batch of texts: predictions and seconds, per system."""
    _warm_up()
    started = time.perf_counter()
    ours = []
    for result in analyze_many(texts, content_type="plain", on_error="return"):
        if isinstance(result, InputError):
            ours.append(Prediction(None))
        else:
            ours.append(Prediction(dossier_spans(result), result.metadata.language))
    middle = time.perf_counter()
    nlp = bare_model(default_options().spacy_model)  # the model newstrace uses, as shipped
    bare = [Prediction(spacy_spans(doc)) for doc in nlp.pipe(texts)]
    return {"newstrace": (ours, middle - started),
            "spacy": (bare, time.perf_counter() - middle)}


@dataclass(slots=True)
class SystemScore:
    overall: PRF = field(default_factory=PRF)
    per_type: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in TYPES})
    zero_entity_docs: int = 0   # documents with no predicted entity at all
    non_english_docs: int = 0   # documents detected as another language (not "en" nor "und")
    failures: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.overall.precision

    @property
    def recall(self) -> float:
        return self.overall.recall

    @property
    def f1(self) -> float:
        return self.overall.f1

    def tally(self, counts: dict[str, PRF]) -> None:
        for kind, score in counts.items():
            self.per_type.setdefault(kind, PRF()).add(score)
            self.overall.add(score)

    def as_dict(self) -> dict[str, Any]:
        return {
            **_prf(self.overall),
            "per_type": {kind: _prf(score) for kind, score in self.per_type.items()},
            "zero_entity_docs": self.zero_entity_docs,
            "non_english_docs": self.non_english_docs,
            "failures": self.failures,
            "seconds": self.seconds,
        }


def _prf(score: PRF) -> dict[str, float | int]:
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1,
            "tp": score.tp, "fp": score.fp, "fn": score.fn}


@dataclass(slots=True)
class DocumentResult:
    """One document's gold and predicted entities (token spans), for error analysis."""

    document: Document
    predicted: dict[str, frozenset[Chunk]]


@dataclass(slots=True)
class NerReport:
    documents: int
    gold_entities: int
    systems: dict[str, SystemScore]
    results: list[DocumentResult] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "gold_entities": self.gold_entities,
                **{k: v.as_dict() for k, v in self.systems.items()}}

    def tables(self) -> list[TableData]:
        overall = TableData(
            f"Named entities, {self.documents} documents, {self.gold_entities} gold entities",
            ["system", "P", "R", "F1", *(f"{t} F1" for t in TYPES), "zero-entity docs",
             "non-English docs", "failures", "seconds"],
            [[name, fmt(s.precision), fmt(s.recall), fmt(s.f1),
              *(fmt(s.per_type[t].f1) for t in TYPES), str(s.zero_entity_docs),
              str(s.non_english_docs), str(s.failures), f"{s.seconds:.1f}"]
             for name, s in self.systems.items()],
        )
        by_type = TableData(
            "Per type", ["type", "system", "P", "R", "F1", "tp", "fp", "fn"],
            [[kind, name, fmt(prf.precision), fmt(prf.recall), fmt(prf.f1), str(prf.tp),
              str(prf.fp), str(prf.fn)]
             for kind in TYPES for name, s in self.systems.items() for prf in [s.per_type[kind]]],
        )
        return [overall, by_type]


def batches(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def evaluate_ner(data: str | Path, limit: int | None = None, workers: int = 1) -> NerReport:
    documents = sample(load_documents(data), limit)
    systems = {name: SystemScore() for name in SYSTEMS}
    results = []
    groups = batches(documents, BATCH)
    outputs = parallel_map(predict_batch, [[d.text for d in group] for group in groups], workers)
    for group, output in zip(groups, outputs):
        for name, (predictions, seconds) in output.items():
            systems[name].seconds += seconds
        for i, document in enumerate(group):
            offsets = document.offsets()
            predicted = {}
            for name, (predictions, _) in output.items():
                score, got = systems[name], predictions[i]
                if got.spans is None:
                    score.failures += 1
                if not got.spans:
                    score.zero_entity_docs += 1
                if got.language not in (None, "en", "und"):
                    score.non_english_docs += 1
                chunks = to_chunks(got.spans or [], offsets)
                score.tally(compare(document.gold, chunks))
                predicted[name] = frozenset(chunks)
            results.append(DocumentResult(document, predicted))
    return NerReport(documents=len(documents), gold_entities=sum(len(d.gold) for d in documents),
                     systems=systems, results=results)
