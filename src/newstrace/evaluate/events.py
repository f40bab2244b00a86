"""Political events, scored on the PLOVER Gold Standard Records (../shared/eval/events).

Gold. `plover_gsr_dev.json` is a JSON list; its DOCUMENT record (the header) is set
aside, every other record is one sentence (`text`) coded with one event: `event` (a
PLOVER 0.5 type), `source` and `target` (lists of actors, each with an `actorText`).
A `target` that is absent, empty or not a list of actors (one record has the bare
string "diplomatic") means the record has no gold target; likewise for `source` (one
record has none). The 2016 types are mapped to the contract's 2021 list as
CAMEO2PLOVER-2021.txt does (`TYPE_MAP`):

    DEMAND -> REQUEST;  DISAPPROVE -> ACCUSE;  INVESTIGATE -> ACCUSE;  FIGHT -> ASSAULT

Modes are not scored (the mode lists changed between the versions), nor are the actor
codes (a dossier carries none).

Predictions. `newstrace.analyze_many(texts, content_type="plain")`, one sentence per
text (the same dossiers as `analyze` one by one, batched); a sentence the pipeline
refuses counts as a failure with no event.

Metrics.

- Type accuracy: the dossier has at least one event of the gold type.
- Per-type P/R/F1, multi-label per sentence: the predicted labels of a sentence are the
  set of its events' types, the gold label is the record's type. Per type: TP when
  predicted and gold, FP when predicted and not gold, FN when gold and not predicted.
  Macro-F1 is the mean F1 over the types present in the gold records; micro P/R/F1 sums
  the counts over every type, predicted-only types included.
- Actor matching, by name: a gold `actorText` matches an entity when the word set of
  one contains the other's (`words`: case-folded, punctuation ignored, a possessive
  "'s" and a leading "the" dropped), tried against the entity's name, its aliases and
  its mention texts.
- Source accuracy, over records with a gold source: some event *of the gold type* has
  an actor that matches ANY of the gold sources. A record whose gold lists several
  sources (compound actors: "Hungarian and Romanian officials agreed", the reciprocal
  SRC/TAR of the markup) is right when one of them is found; the README does not say
  otherwise. Target accuracy likewise, over records with a gold target, with the
  events' targets. `source_accuracy_any_type` relaxes the type (an actor of any event):
  it shows whether actors are found even where the type is wrong.
- Triple accuracy, over all records: ONE event of the gold type whose actors match a
  gold source (when the record has one) and whose targets match a gold target (when it
  has one).
- Also: the share of sentences with no event at all and with more than two event types
  (a coder that emits many types per sentence buys type accuracy with precision), and
  the confusion of gold types with predicted types.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..api import analyze_many
from ..dossier import EVENT_TYPES
from ..errors import EvaluationError, InputError
from ..runner import parallel_map
from .common import PRF, TableData, fmt, require, sample, two_folds

DATA_FILE = "plover_gsr_dev.json"
HEADER = "DOCUMENT"
PLOVER_TYPES = EVENT_TYPES
# PLOVER 0.5 (2016) types that the 2021 list renamed or merged, as CAMEO2PLOVER-2021.txt.
TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
            "FIGHT": "ASSAULT"}
NO_EVENT = "(none)"
MANY_TYPES = 2   # a sentence with more event types than this is "many types"
BATCH = 16       # sentences per task handed to a worker

POSSESSIVE = re.compile(r"['’]s\b")
INNER_PUNCTUATION = re.compile(r"['’.]")    # U.S. -> us, O'Neil -> oneil
WORD = re.compile(r"[^\W_]+")


def map_type(kind: str) -> str:
    """A PLOVER 0.5 type as the 2021 list names it."""
    return TYPE_MAP.get(kind, kind)


def words(text: str) -> frozenset[str]:
    """The word set of a name: case-folded, punctuation and a leading "the" dropped."""
    folded = INNER_PUNCTUATION.sub("", POSSESSIVE.sub("", text.casefold()))
    tokens = WORD.findall(folded)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return frozenset(tokens)


def names_match(gold: str, surfaces: Iterable[str]) -> bool:
    """Whether a gold actor text and one of an entity's surface forms contain each other."""
    wanted = words(gold)
    if not wanted:
        return False
    for surface in surfaces:
        found = words(surface)
        if found and (wanted <= found or found <= wanted):
            return True
    return False


# --- Gold ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    type: str                    # the 2021 type
    original_type: str           # as coded (PLOVER 0.5)
    sources: tuple[str, ...]     # actorText of each gold source; empty: none
    targets: tuple[str, ...]
    event_text: str = ""
    markup: str = ""


def actor_texts(value: Any) -> tuple[str, ...]:
    """The actor texts of a `source` or `target` field; () unless a list of actors."""
    if not isinstance(value, list):
        return ()
    return tuple(a["actorText"].strip() for a in value
                 if isinstance(a, dict) and isinstance(a.get("actorText"), str)
                 and a["actorText"].strip())


def read_records(items: Any) -> list[GoldRecord]:
    """The coded records of the GSR's JSON list, the DOCUMENT header set aside."""
    if not isinstance(items, list):
        raise EvaluationError("the PLOVER file must hold a JSON list of records")
    records = []
    for number, item in enumerate(items):
        if not isinstance(item, dict):
            raise EvaluationError(f"record {number} is not a JSON object")
        original = item.get("event")
        if original == HEADER:
            continue
        text = item.get("text")
        if not isinstance(original, str) or not isinstance(text, str) or not text.strip():
            raise EvaluationError(f"record {number} ({item.get('id')}) lacks `event` or `text`")
        kind = map_type(original)
        if kind not in PLOVER_TYPES:
            raise EvaluationError(f"record {number} ({item.get('id')}): unknown event type "
                                  f"{original!r}")
        markup = item.get("textInfo", {}).get("markup", "") if isinstance(
            item.get("textInfo"), dict) else ""
        records.append(GoldRecord(
            id=str(item.get("id", number)), text=text, type=kind, original_type=original,
            sources=actor_texts(item.get("source")), targets=actor_texts(item.get("target")),
            event_text=str(item.get("eventText", "")), markup=str(markup or "")))
    return records


def load_records(data: str | Path) -> list[GoldRecord]:
    folder = require(data, DATA_FILE)
    try:
        items = json.loads((folder / DATA_FILE).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{folder / DATA_FILE} is not valid JSON: {exc}") from exc
    return read_records(items)


# --- Predictions -----------------------------------------------------------------------


Surfaces = tuple[str, ...]   # an entity's name, aliases and mention texts


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    type: str
    actors: tuple[Surfaces, ...]
    targets: tuple[Surfaces, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    events: tuple[PredictedEvent, ...]
    failed: bool = False


def entity_surfaces(entity: Any) -> Surfaces:
    forms = [entity.name, *entity.aliases, *(m.text for m in entity.mentions)]
    return tuple(dict.fromkeys(f for f in forms if f))


def prediction_of(dossier: Any) -> Prediction:
    """A dossier's events with their actors' and targets' surface forms."""
    entities = {e.id: entity_surfaces(e) for e in dossier.entities}
    return Prediction(tuple(
        PredictedEvent(event.type, tuple(entities.get(i, ()) for i in event.actors),
                       tuple(entities.get(i, ()) for i in event.targets))
        for event in dossier.events))


@lru_cache(maxsize=1)
def _warm_up() -> None:
    """Load the model, the language detector and the pipeline before anything is timed."""
    list(analyze_many(["Warm-up: France and Germany agreed to talk."], content_type="plain",
                      on_error="return"))


def predict_batch(texts: list[str]) -> tuple[list[Prediction], float]:
    _warm_up()
    started = time.perf_counter()
    predictions = [Prediction((), failed=True) if isinstance(result, InputError)
                   else prediction_of(result)
                   for result in analyze_many(texts, content_type="plain", on_error="return")]
    return predictions, time.perf_counter() - started


# --- Scoring ---------------------------------------------------------------------------


def any_match(gold: Sequence[str], entities: Iterable[Surfaces]) -> bool:
    entities = list(entities)
    return any(names_match(g, surfaces) for g in gold for surfaces in entities)


@dataclass(frozen=True, slots=True)
class RecordResult:
    record: GoldRecord
    predicted_types: frozenset[str]
    events: int
    failed: bool
    type_ok: bool
    source_ok: bool | None        # None: no gold source
    target_ok: bool | None        # None: no gold target
    source_any_type_ok: bool | None
    triple_ok: bool

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.record.id, "gold": self.record.type,
                "original": self.record.original_type,
                "predicted": sorted(self.predicted_types), "events": self.events,
                "failed": self.failed, "type": self.type_ok, "source": self.source_ok,
                "target": self.target_ok, "triple": self.triple_ok}


def score_record(record: GoldRecord, prediction: Prediction) -> RecordResult:
    of_type = [e for e in prediction.events if e.type == record.type]

    def source_right(event: PredictedEvent) -> bool:
        return not record.sources or any_match(record.sources, event.actors)

    def target_right(event: PredictedEvent) -> bool:
        return not record.targets or any_match(record.targets, event.targets)

    return RecordResult(
        record=record,
        predicted_types=frozenset(e.type for e in prediction.events),
        events=len(prediction.events),
        failed=prediction.failed,
        type_ok=bool(of_type),
        source_ok=any(map(source_right, of_type)) if record.sources else None,
        target_ok=any(map(target_right, of_type)) if record.targets else None,
        source_any_type_ok=(any(map(source_right, prediction.events)) if record.sources
                            else None),
        triple_ok=any(source_right(e) and target_right(e) for e in of_type),
    )


@dataclass(slots=True)
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, ok: bool | None) -> None:
        if ok is not None:
            self.total += 1
            self.right += ok

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": self.value, "right": self.right, "of": self.total}


@dataclass(slots=True)
class TypeScore:
    """One 2021 type: its multi-label counts and its gold records' accuracies."""

    gold: int = 0                         # records of this gold type
    predicted: int = 0                    # sentences with an event of this type
    prf: PRF = field(default_factory=PRF)
    source: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    triple: Accuracy = field(default_factory=Accuracy)
    confusion: Counter[str] = field(default_factory=Counter)  # predicted types of its records

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "predicted": self.predicted,
                **_prf(self.prf), "source_accuracy": self.source.value,
                "target_accuracy": self.target.value, "triple_accuracy": self.triple.value}


def _prf(score: PRF) -> dict[str, float | int]:
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1,
            "tp": score.tp, "fp": score.fp, "fn": score.fn}


@dataclass(slots=True)
class EventsReport:
    records: int
    per_type: dict[str, TypeScore]
    original_counts: dict[str, int]
    type: Accuracy
    source: Accuracy
    target: Accuracy
    source_any_type: Accuracy
    triple: Accuracy
    no_event: int
    many_types: int
    events: int
    failures: int
    seconds: float = 0.0
    results: list[RecordResult] = field(default_factory=list, repr=False)
    # The same figures on the two halves of the records (evaluate.common.two_folds):
    # fold A is the half rules are tuned on, fold B is only ever scored.
    folds: dict[str, "EventsReport"] = field(default_factory=dict, repr=False)

    @property
    def gold_types(self) -> list[str]:
        return [t for t, s in self.per_type.items() if s.gold]

    @property
    def macro_f1(self) -> float:
        types = self.gold_types
        return sum(self.per_type[t].prf.f1 for t in types) / len(types) if types else 0.0

    @property
    def micro(self) -> PRF:
        total = PRF()
        for score in self.per_type.values():
            total.add(score.prf)
        return total

    @property
    def type_accuracy(self) -> float:
        return self.type.value

    @property
    def source_accuracy(self) -> float:
        return self.source.value

    @property
    def target_accuracy(self) -> float:
        return self.target.value

    @property
    def triple_accuracy(self) -> float:
        return self.triple.value

    @property
    def no_event_share(self) -> float:
        return self.no_event / self.records if self.records else 0.0

    @property
    def many_types_share(self) -> float:
        return self.many_types / self.records if self.records else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "type_accuracy": self.type_accuracy,
            "macro_f1": self.macro_f1,
            "micro": _prf(self.micro),
            "source_accuracy": self.source.as_dict(),
            "source_accuracy_any_type": self.source_any_type.as_dict(),
            "target_accuracy": self.target.as_dict(),
            "triple_accuracy": self.triple.as_dict(),
            "no_event_share": self.no_event_share,
            "many_types_share": self.many_types_share,
            "no_event_sentences": self.no_event,
            "many_types_sentences": self.many_types,
            "events": self.events,
            "failures": self.failures,
            "seconds": self.seconds,
            "gold_counts": {t: s.gold for t, s in self.per_type.items() if s.gold},
            "gold_counts_original": self.original_counts,
            "per_type": {t: s.as_dict() for t, s in self.per_type.items()},
            "confusion": {t: dict(s.confusion.most_common()) for t, s in self.per_type.items()
                          if s.gold},
            "folds": {name: report.headline() for name, report in self.folds.items()},
            "records_detail": [r.as_dict() for r in self.results],
        }

    def headline(self) -> dict[str, float | int]:
        """The figures the issue's bars are set on."""
        return {"records": self.records, "type_accuracy": self.type_accuracy,
                "macro_f1": self.macro_f1, "source_accuracy": self.source_accuracy,
                "target_accuracy": self.target_accuracy, "triple_accuracy": self.triple_accuracy,
                "micro_precision": self.micro.precision,
                "events_per_sentence": self.events / self.records if self.records else 0.0}

    def tables(self) -> list[TableData]:
        micro = self.micro
        overall = TableData(
            f"Events, PLOVER gold standard records: {self.records} sentences, "
            f"{len(self.gold_types)} gold types",
            ["figure", "value", "over"],
            [["type accuracy", fmt(self.type_accuracy), f"{self.type.total} sentences"],
             ["macro-F1 (gold types)", fmt(self.macro_f1), f"{len(self.gold_types)} types"],
             ["micro P / R / F1", f"{fmt(micro.precision)} / {fmt(micro.recall)} / "
              f"{fmt(micro.f1)}", f"tp {micro.tp} fp {micro.fp} fn {micro.fn}"],
             ["source accuracy", fmt(self.source_accuracy),
              f"{self.source.total} with a gold source"],
             ["source accuracy, any event type", fmt(self.source_any_type.value),
              f"{self.source_any_type.total} with a gold source"],
             ["target accuracy", fmt(self.target_accuracy),
              f"{self.target.total} with a gold target"],
             ["triple accuracy", fmt(self.triple_accuracy), f"{self.triple.total} sentences"],
             ["no event", fmt(self.no_event_share), f"{self.no_event} sentences"],
             [f"more than {MANY_TYPES} event types", fmt(self.many_types_share),
              f"{self.many_types} sentences"],
             ["events predicted", str(self.events),
              f"{self.events / self.records:.2f} a sentence" if self.records else "-"],
             ["failures", str(self.failures), "sentences"],
             ["seconds", f"{self.seconds:.1f}", "analysis"]],
        )
        by_type = TableData(
            "Per type (2021 types; gold = records, predicted = sentences with that type)",
            ["type", "gold", "predicted", "tp", "fp", "fn", "P", "R", "F1", "source acc",
             "target acc", "triple acc"],
            [[kind, str(s.gold), str(s.predicted), str(s.prf.tp), str(s.prf.fp), str(s.prf.fn),
              fmt(s.prf.precision), fmt(s.prf.recall), fmt(s.prf.f1),
              fmt(s.source.value) if s.source.total else "-",
              fmt(s.target.value) if s.target.total else "-",
              fmt(s.triple.value) if s.gold else "-"]
             for kind, s in self.per_type.items() if s.gold or s.predicted],
        )
        confusion = TableData(
            "Confusion: gold type -> predicted types (sentences)",
            ["gold type", "sentences", "predicted types"],
            [[kind, str(s.gold), ", ".join(f"{t} {n}" for t, n in s.confusion.most_common())]
             for kind, s in self.per_type.items() if s.gold],
        )
        tables = [overall, by_type, confusion]
        if self.folds:
            parts = {**self.folds, "all": self}
            figures = list(self.headline())
            tables.insert(1, TableData(
                "Two-fold: A = records at even positions by id (tuned on), B = odd (only scored)",
                ["figure", *parts],
                [[name, *(fmt(v) if isinstance(v := part.headline()[name], float) else str(v)
                          for part in parts.values())] for name in figures]))
        return tables


def summarize(results: Sequence[RecordResult], seconds: float = 0.0) -> EventsReport:
    """The report over scored records."""
    per_type = {kind: TypeScore() for kind in PLOVER_TYPES}
    report = EventsReport(
        records=len(results), per_type=per_type,
        original_counts=dict(Counter(r.record.original_type for r in results).most_common()),
        type=Accuracy(), source=Accuracy(), target=Accuracy(), source_any_type=Accuracy(),
        triple=Accuracy(), no_event=0, many_types=0,
        events=sum(r.events for r in results), failures=sum(r.failed for r in results),
        seconds=seconds, results=list(results))
    for result in results:
        gold = result.record.type
        score = per_type.setdefault(gold, TypeScore())
        score.gold += 1
        for kind in result.predicted_types:
            per_type.setdefault(kind, TypeScore()).predicted += 1
        for kind in result.predicted_types | {gold}:
            prf = per_type[kind].prf
            if kind == gold and kind in result.predicted_types:
                prf.tp += 1
            elif kind == gold:
                prf.fn += 1
            else:
                prf.fp += 1
        score.confusion.update(result.predicted_types or {NO_EVENT})
        for accuracy, ok in ((report.type, result.type_ok), (report.source, result.source_ok),
                             (report.target, result.target_ok),
                             (report.source_any_type, result.source_any_type_ok),
                             (report.triple, result.triple_ok),
                             (score.source, result.source_ok), (score.target, result.target_ok),
                             (score.triple, result.triple_ok)):
            accuracy.add(ok)
        report.no_event += not result.predicted_types
        report.many_types += len(result.predicted_types) > MANY_TYPES
    return report


def batches(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def evaluate_events(data: str | Path, limit: int | None = None,
                    workers: int = 1) -> EventsReport:
    records = sample(load_records(data), limit)
    groups = batches(records, BATCH)
    results: list[RecordResult]
    results, seconds = [], 0.0
    outputs = parallel_map(predict_batch, [[r.text for r in group] for group in groups], workers)
    for group, (predictions, spent) in zip(groups, outputs):
        seconds += spent
        results.extend(score_record(r, p) for r, p in zip(group, predictions, strict=True))
    report = summarize(results, seconds)
    fold_a, fold_b = two_folds(sorted(results, key=lambda r: r.record.id))
    report.folds = {"A": summarize(fold_a), "B": summarize(fold_b)}
    return report
