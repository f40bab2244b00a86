"""Quotes and source attribution, scored on PolNeAR (train + dev) as its README says.

Gold. Each article is `<split>/text/<name>.txt` (read with its newlines as they are) and
ONE annotation file, the first of `<split>/attributions/<name>_<annotator>.ann` by sorted
file name. Each BRAT `E` event whose trigger is `Attribution` or `Attribution-no-source`
is one attribution: its content is the fragments of its Content and Content2 spans, its
Source and Cue are optional (a Source may be shared by several events; any span may be
discontinuous, "s e;s e"). An event with neither Content nor Content2 cannot be scored
and is counted apart (`skipped_events`). `Discuss` and `Discard` are not attributions.

Predictions. `newstrace.analyze(text, content_type="plain")` on each article:

- each of `sources.attributions` is one prediction: content = `span`, cue = `cue`,
  source = `source_span`, `source` (the string) and `source_entity`;
- each of `quotes` is one prediction: content = `span` (its `parts` instead, when the
  cue interrupts the quotation: '"A," he said, "B"'), cue = `cue`, source =
  `speaker_span` and `speaker` (an entity id);
- a quote whose span *matches* an attribution's span (the same test as for contents:
  token Jaccard >= 0.5, paired one-to-one, highest first) is merged into it: one
  prediction with the attribution's span, both source routes, the attribution's cue (the
  quote's when the attribution has none), and the quote's kind.

Metrics.

- Content P/R/F1. Tokens are the `\\w+` words of the text; a span's tokens are the
  words it overlaps. A prediction matches a gold content when the Jaccard index of their
  tokens is >= 0.5; matching is one-to-one, greedy by highest Jaccard first (ties: text
  order). Quote marks are not words, so they do not matter.
- Source accuracy, over matched pairs whose gold has a Source. Correct when any of:
  (1) the predicted `speaker_span` / `source_span` overlaps the gold Source;
  (2) the predicted `source` string, at its occurrence in the text (case-insensitive)
      nearest to the predicted cue (to the content when there is no cue), overlaps it;
  (3) a mention of the predicted entity (`speaker` / `source_entity`) overlaps it.
  Also without the gold Sources that are bare pronouns (`PRONOUNS`): mentions exclude
  pronouns, so route (3) can never find those.
- Cue accuracy, over matched pairs whose gold has a Cue: the predicted cue overlaps it.
- The same again for direct quotes: gold contents that begin (after whitespace) with a
  quotation mark, matched against the predictions that are direct: a quote of kind
  "direct" (merged or not), or a span that sits inside quotation marks: the first
  non-space character before it is a quote mark, or it begins with one itself.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..api import analyze_many
from ..errors import EvaluationError, InputError
from ..runner import parallel_map
from .common import PRF, TableData, fmt, require, sample, two_folds

SPLITS = ("train", "dev")
TRIGGERS = ("Attribution", "Attribution-no-source")
CONTENT_ROLES = ("Content", "Content2")
QUOTE_MARKS = "\"“”„«»'‘’"
# Gold Sources that are only a pronoun: personal, possessive, reflexive, relative, demonstrative.
PRONOUNS = frozenset("""
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    who whom whose which that this these those
""".split())
WORD = re.compile(r"\w+")
BATCH = 4  # articles per task handed to a worker

Fragments = tuple[tuple[int, int], ...]   # character spans, sorted; one unless discontinuous


# --- Gold ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    id: str                      # the event's id in the annotation file
    content: Fragments
    source: Fragments | None
    cue: Fragments | None
    direct: bool                 # the content begins with a quotation mark
    pronoun_source: bool         # the Source is a bare pronoun


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    split: str
    text: str
    annotation: str              # the annotation file used
    gold: tuple[GoldAttribution, ...]
    skipped_events: int = 0      # attribution events without any content


def parse_fragments(spec: str) -> Fragments:
    """BRAT offsets, "s e" or "s e;s e", as sorted (start, end) pairs."""
    fragments = []
    for part in spec.split(";"):
        bounds = part.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise EvaluationError(f"{spec!r} is not a BRAT span (`start end[;start end]`)")
        start, end = int(bounds[0]), int(bounds[1])
        if end < start:
            raise EvaluationError(f"{spec!r}: a span ends before it starts")
        fragments.append((start, end))
    return tuple(sorted(fragments))


def starts_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in QUOTE_MARKS


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in PRONOUNS


def read_brat(annotation: str, text: str) -> tuple[list[GoldAttribution], int]:
    """The attributions of one BRAT file over `text`, and how many events had no content.

    Lines other than `T` and `E` (notes, and the continuation lines of annotations whose
    text holds a newline) are ignored.
    """
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[tuple[str, list[str]]] = []
    for number, line in enumerate(annotation.splitlines(), start=1):
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0][1:].isdigit():
            continue
        if fields[0][0] == "T":
            label, _, offsets = fields[1].partition(" ")
            try:
                spans[fields[0]] = (label, parse_fragments(offsets))
            except EvaluationError as exc:
                raise EvaluationError(f"line {number}: {exc}") from None
        elif fields[0][0] == "E":
            events.append((fields[0], fields[1].split()))
    found, skipped = [], 0
    for event_id, arguments in events:
        trigger = arguments[0].partition(":")[2] if arguments else ""
        if trigger not in spans or spans[trigger][0] not in TRIGGERS:
            continue   # Discuss, Discard and anything else
        roles: dict[str, list[Fragments]] = {}
        for argument in arguments[1:]:
            role, _, target = argument.partition(":")
            if target not in spans:
                raise EvaluationError(f"event {event_id} refers to {target!r}, which is not a span")
            if role in CONTENT_ROLES:
                role = "Content"
            roles.setdefault(role, []).append(spans[target][1])
        content = tuple(sorted(f for fragments in roles.get("Content", []) for f in fragments))
        if not content:
            skipped += 1
            continue
        source = roles.get("Source", [None])[0]
        cue = roles.get("Cue", [None])[0]
        found.append(GoldAttribution(
            id=event_id,
            content=content,
            source=source,
            cue=cue,
            direct=starts_with_quote(text[content[0][0]:content[0][1]]),
            pronoun_source=source is not None and is_pronoun(" ".join(text[s:e] for s, e in source)),
        ))
    return found, skipped


def load_articles(data: str | Path, split: str = "all") -> list[Article]:
    """The articles of `split` ("train", "dev" or "all"), in name order (dev after train)."""
    if split not in (*SPLITS, "all"):
        raise EvaluationError(f"split must be train, dev or all, not {split!r}")
    splits = SPLITS if split == "all" else (split,)
    folder = require(data, *(f"{s}/{sub}" for s in splits for sub in ("text", "attributions")))
    articles = []
    for name in splits:
        annotations: dict[str, Path] = {}
        for path in sorted((folder / name / "attributions").glob("*.ann")):
            annotations.setdefault(path.stem.rsplit("_", 1)[0], path)   # the first by name
        for path in sorted((folder / name / "text").glob("*.txt")):
            with path.open(encoding="utf-8", newline="") as handle:  # offsets count "\r" too
                text = handle.read()
            if path.stem not in annotations:
                raise EvaluationError(f"{path} has no annotation file in {name}/attributions")
            annotation = annotations[path.stem]
            try:
                gold, skipped = read_brat(annotation.read_text(encoding="utf-8"), text)
            except EvaluationError as exc:
                raise EvaluationError(f"{annotation}: {exc}") from None
            articles.append(Article(path.stem, name, text, annotation.name, tuple(gold), skipped))
    return articles


# --- Spans and tokens ------------------------------------------------------------------


class Tokens:
    """The `\\w+` words of a text; a span's tokens are the indices of the words it overlaps."""

    def __init__(self, text: str) -> None:
        words = [m.span() for m in WORD.finditer(text)]
        self.starts = [s for s, _ in words]
        self.ends = [e for _, e in words]

    def of(self, fragments: Fragments) -> frozenset[int]:
        found: set[int] = set()
        for start, end in fragments:
            found.update(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        return frozenset(found)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match(gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]],
          threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold index, predicted index, Jaccard) with Jaccard >= threshold,
    greedy by highest Jaccard first (ties in text order)."""
    candidates = sorted(
        ((jaccard(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if score < threshold:
            break
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((i, j, score))
    return sorted(pairs)


def overlaps(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    b = list(b)
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans; 0 when they touch or overlap."""
    return max(0, b[0] - a[1], a[0] - b[1])


def nearest_occurrence(text: str, needle: str, anchor: tuple[int, int]) -> tuple[int, int] | None:
    """Where `needle` occurs in `text` (case-insensitive) nearest to `anchor`; None if nowhere."""
    needle = needle.strip()
    if not needle:
        return None
    occurrences = [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]
    if not occurrences:
        return None
    return min(occurrences, key=lambda o: (distance(o, anchor), o[0]))


def inside_quotes(text: str, start: int, end: int) -> bool:
    """The span sits inside quotation marks: a quote mark opens it (the first non-space
    character before it, or its own first character) and one closes it (the first
    non-space character after it, past its closing punctuation, or its own last
    character). A claim that only begins with a quoted fragment and goes on outside
    it ('"a total disaster" for his party') does not sit inside them."""
    span = text[start:end].strip()
    before = text[:start].rstrip()
    opened = starts_with_quote(span) or (bool(before) and before[-1] in QUOTE_MARKS)
    after = text[end:].lstrip(" ,.;:!?…")
    closed = (bool(span) and span[-1] in QUOTE_MARKS) or (bool(after) and after[0] in QUOTE_MARKS)
    return opened and (closed or not after.strip())


# --- Predictions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Predicted:
    """One prediction, reduced to character spans (picklable; built in the workers)."""

    content: Fragments
    kind: str                          # "quote:direct", "attribution:anonymous", ... (see label)
    cue: Fragments | None = None
    source_spans: Fragments = ()       # speaker_span / source_span
    source_string: Fragments = ()      # the source string's occurrence nearest to the cue
    mentions: Fragments = ()           # mentions of the speaker / source entity
    direct: bool = False
    quote_kind: str | None = None
    attribution_kind: str | None = None

    @property
    def merged(self) -> bool:
        return self.quote_kind is not None and self.attribution_kind is not None


def _span(span: Any) -> Fragments:
    return ((span.start, span.end),) if span is not None else ()


def _mentions(dossier: Any, entity_id: str | None) -> Fragments:
    if entity_id is None:
        return ()
    return tuple((m.start, m.end) for e in dossier.entities if e.id == entity_id
                 for m in e.mentions)


def quote_content(quote: Any) -> Fragments:
    """A quote's (or attribution's) content: its `parts` when its cue interrupts it
    ('"A," he said, "B"'; a field newstrace adds to the contract), else its `span`."""
    parts = getattr(quote, "parts", None) or ()
    return tuple(sorted((p.start, p.end) for p in parts)) or _span(quote.span)


def predictions_of(dossier: Any) -> list[Predicted]:
    """A dossier's attributions and quotes as predictions, quotes that match an
    attribution merged into it."""
    text = dossier.text
    tokens = Tokens(text)
    attributions = list(dossier.sources.attributions)
    quotes = list(dossier.quotes)
    pairs = match([tokens.of(quote_content(a)) for a in attributions],
                  [tokens.of(quote_content(q)) for q in quotes])
    quote_of = {i: quotes[j] for i, j, _ in pairs}
    merged_quotes = {j for _, j, _ in pairs} | {
        j for j, q in enumerate(quotes) if j not in {p[1] for p in pairs}
        and any(_within(q, a) for a in attributions)}
    found = []
    for i, a in enumerate(attributions):
        quote = quote_of.get(i)
        cue = a.cue if a.cue is not None or quote is None else quote.cue
        anchor = _span(cue or a.span)[0]
        occurrence = nearest_occurrence(text, a.source or "", anchor)
        direct = inside_quotes(text, a.span.start, a.span.end)
        source_spans, mentions = _span(a.source_span), _mentions(dossier, a.source_entity)
        if quote is not None:
            # The merged prediction's content is the attribution's span: it is direct
            # when that sits inside quotation marks or the quote is a direct one (a
            # partial quote merged into the clause around it is not).
            direct = direct or quote.kind == "direct"
            source_spans += _span(quote.speaker_span)
            mentions += _mentions(dossier, quote.speaker)
        found.append(Predicted(
            content=quote_content(a), kind=f"attribution:{a.kind}", cue=_span(cue) or None,
            source_spans=source_spans, source_string=(occurrence,) if occurrence else (),
            mentions=mentions, direct=direct,
            quote_kind=quote.kind if quote is not None else None, attribution_kind=a.kind,
        ))
    for j, q in enumerate(quotes):
        if j in merged_quotes:
            continue
        found.append(Predicted(
            content=quote_content(q), kind=f"quote:{q.kind}", cue=_span(q.cue) or None,
            source_spans=_span(q.speaker_span), mentions=_mentions(dossier, q.speaker),
            direct=q.kind == "direct" or inside_quotes(text, q.span.start, q.span.end),
            quote_kind=q.kind,
        ))
    return found


def _within(quote: Any, attribution: Any) -> bool:
    """A partial quote inside an attribution of the same source is part of that
    attribution's content ('taken "very seriously" by ..., says X'): it matches it."""
    inside = attribution.span.start <= quote.span.start and quote.span.end <= attribution.span.end
    same = (quote.speaker is not None and quote.speaker == attribution.source_entity) or (
        quote.speaker_span is not None and attribution.source_span is not None
        and quote.speaker_span.start < attribution.source_span.end
        and attribution.source_span.start < quote.speaker_span.end)
    return quote.kind == "partial" and inside and same


def predict_batch(texts: list[str]) -> list[list[Predicted] | None]:
    """Predictions for a batch of articles; None for an article newstrace failed on."""
    return [None if isinstance(result, InputError) else predictions_of(result)
            for result in analyze_many(texts, content_type="plain", on_error="return")]


# --- Scores ----------------------------------------------------------------------------


ROUTES = ("span", "string", "mention")


def source_routes(gold_source: Fragments, predicted: Predicted) -> list[str]:
    """Which of the three routes find the gold Source (empty: the source is wrong)."""
    return [route for route, spans in zip(ROUTES, (predicted.source_spans,
                                                   predicted.source_string, predicted.mentions))
            if overlaps(spans, gold_source)]


@dataclass(slots=True)
class Score:
    """Content P/R/F1 and source / cue accuracy over one selection of gold and predictions."""

    content: PRF = field(default_factory=PRF)
    source_total: int = 0
    source_correct: int = 0
    source_total_no_pronoun: int = 0
    source_correct_no_pronoun: int = 0
    cue_total: int = 0
    cue_correct: int = 0
    routes: Counter[str] = field(default_factory=Counter)   # pairs whose source each route finds

    @property
    def gold(self) -> int:
        return self.content.tp + self.content.fn

    @property
    def predicted(self) -> int:
        return self.content.tp + self.content.fp

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.source_total if self.source_total else 0.0

    @property
    def source_accuracy_no_pronoun(self) -> float:
        total = self.source_total_no_pronoun
        return self.source_correct_no_pronoun / total if total else 0.0

    @property
    def cue_accuracy(self) -> float:
        return self.cue_correct / self.cue_total if self.cue_total else 0.0

    def pair(self, gold: GoldAttribution, predicted: Predicted) -> None:
        """Tally one matched pair's source and cue."""
        self.content.tp += 1
        if gold.source is not None:
            routes = source_routes(gold.source, predicted)
            self.routes.update(routes)
            self.source_total += 1
            self.source_correct += bool(routes)
            if not gold.pronoun_source:
                self.source_total_no_pronoun += 1
                self.source_correct_no_pronoun += bool(routes)
        if gold.cue is not None:
            self.cue_total += 1
            self.cue_correct += predicted.cue is not None and overlaps(predicted.cue, gold.cue)

    def as_dict(self) -> dict[str, Any]:
        c = self.content
        return {
            "precision": c.precision, "recall": c.recall, "f1": c.f1,
            "tp": c.tp, "fp": c.fp, "fn": c.fn, "gold": self.gold, "predicted": self.predicted,
            "source_accuracy": self.source_accuracy, "source_pairs": self.source_total,
            "source_accuracy_no_pronoun": self.source_accuracy_no_pronoun,
            "source_pairs_no_pronoun": self.source_total_no_pronoun,
            "cue_accuracy": self.cue_accuracy, "cue_pairs": self.cue_total,
            "source_routes": {route: self.routes[route] for route in ROUTES},
        }


@dataclass(slots=True)
class ArticleResult:
    """One article's gold, predictions and matched pairs (gold index, predicted index)."""

    article: Article
    predicted: list[Predicted] | None    # None: newstrace failed on the article
    pairs: list[tuple[int, int, float]]


def kind_labels(predicted: Predicted) -> list[str]:
    """The rows of the by-kind table a prediction counts in."""
    labels = []
    if predicted.quote_kind is not None:
        labels.append(f"quote:{predicted.quote_kind}")
    if predicted.attribution_kind is not None:
        labels.append(f"attribution:{predicted.attribution_kind}")
    if predicted.merged:
        labels.append("merged")
    return labels


def score_article(article: Article, predicted: Sequence[Predicted], overall: Score,
                  direct: Score, kinds: dict[str, list[int]] | None = None
                  ) -> list[tuple[int, int, float]]:
    """Tally one article into `overall` and `direct` (and `kinds`: [predicted, matched]
    per kind label); returns the overall pairs."""
    tokens = Tokens(article.text)
    gold_tokens = [tokens.of(g.content) for g in article.gold]
    predicted_tokens = [tokens.of(p.content) for p in predicted]
    pairs = []
    for score, selected_gold, selected_predicted in (
        (overall, range(len(article.gold)), range(len(predicted))),
        (direct, [i for i, g in enumerate(article.gold) if g.direct],
         [j for j, p in enumerate(predicted) if p.direct]),
    ):
        found = match([gold_tokens[i] for i in selected_gold],
                      [predicted_tokens[j] for j in selected_predicted])
        for i, j, _ in found:
            score.pair(article.gold[selected_gold[i]], predicted[selected_predicted[j]])
        score.content.fn += len(selected_gold) - len(found)
        score.content.fp += len(selected_predicted) - len(found)
        if score is overall:
            pairs = found
    if kinds is not None:
        matched = {j for _, j, _ in pairs}
        for j, p in enumerate(predicted):
            for label in kind_labels(p):
                counts = kinds.setdefault(label, [0, 0])
                counts[0] += 1
                counts[1] += j in matched
    return pairs


@dataclass(slots=True)
class QuotesReport:
    articles: int
    split: str
    overall: Score
    direct: Score
    kinds: dict[str, list[int]]          # kind label -> [predicted, matched]
    failures: int = 0
    skipped_events: int = 0
    seconds: float = 0.0
    results: list[ArticleResult] = field(default_factory=list, repr=False)
    # The same figures on the two halves of the articles (evaluate.common.two_folds, by
    # name): tune on A, read B.
    folds: dict[str, "QuotesReport"] = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "split": self.split, "failures": self.failures,
            "seconds": self.seconds, "skipped_events": self.skipped_events,
            "gold_attributions": self.overall.gold, "gold_direct": self.direct.gold,
            "overall": self.overall.as_dict(), "direct": self.direct.as_dict(),
            "kinds": {k: {"predicted": p, "matched": m} for k, (p, m) in sorted(self.kinds.items())},
            "folds": {name: {"articles": fold.articles, "overall": fold.overall.as_dict(),
                             "direct": fold.direct.as_dict()}
                      for name, fold in self.folds.items()},
        }

    def tables(self) -> list[TableData]:
        scores = TableData(
            f"Quotes and attributions, {self.articles} articles ({self.split}), "
            f"{self.overall.gold} gold attributions, {self.failures} failures, "
            f"{self.seconds:.1f} s",
            ["scope", "P", "R", "F1", "source acc", "source acc w/o pronouns", "cue acc",
             "n gold", "n pred", "matched"],
            [[name, fmt(s.content.precision), fmt(s.content.recall), fmt(s.content.f1),
              fmt(s.source_accuracy), fmt(s.source_accuracy_no_pronoun), fmt(s.cue_accuracy),
              str(s.gold), str(s.predicted), str(s.content.tp)]
             for name, s in self._scopes()],
        )
        kinds = TableData(
            "Predictions by kind (merged: counted under both kinds)",
            ["kind", "predicted", "matched"],
            [[kind, str(p), str(m)] for kind, (p, m) in sorted(self.kinds.items())]
            or [["(none)", "0", "0"]],
        )
        return [scores, kinds]

    def _scopes(self) -> list[tuple[str, Score]]:
        scopes = [("all", self.overall), ("direct quotes", self.direct)]
        for name, fold in self.folds.items():
            scopes += [(f"fold {name}: all", fold.overall), (f"fold {name}: direct", fold.direct)]
        return scopes


def evaluate_quotes(data: str | Path, split: str = "all", limit: int | None = None,
                    workers: int = 1) -> QuotesReport:
    started = time.perf_counter()
    articles = sample(load_articles(data, split), limit)
    report = QuotesReport(articles=len(articles), split=split, overall=Score(), direct=Score(),
                          kinds={})
    groups = [articles[i:i + BATCH] for i in range(0, len(articles), BATCH)]
    outputs = parallel_map(predict_batch, [[a.text for a in group] for group in groups], workers)
    for group, output in zip(groups, outputs):
        for article, predicted in zip(group, output):
            report.skipped_events += article.skipped_events
            if predicted is None:
                report.failures += 1
            pairs = score_article(article, predicted or [], report.overall, report.direct,
                                  report.kinds)
            report.results.append(ArticleResult(article, predicted, pairs))
    report.seconds = time.perf_counter() - started
    halves = two_folds(sorted(report.results, key=lambda r: (r.article.split, r.article.name)))
    for name, half in zip("AB", halves):
        fold = QuotesReport(articles=len(half), split=split, overall=Score(), direct=Score(), kinds={})
        for result in half:
            score_article(result.article, result.predicted or [], fold.overall, fold.direct, fold.kinds)
        report.folds[name] = fold
    return report
