"""Same-story grouping, scored on the DEV half of ECB+ (../shared/eval/samestory).

Gold. `ecbplus_odd_topics.jsonl.gz` holds one document a line: `doc`, `topic`,
`subtopic`, `text` (the corpus tokens joined by spaces, a sentence a line). Each topic
has two sub-topics, `N_ecb` and `N_ecbplus`: two different stories of the same kind
(Tara Reid enters rehab; Lindsay Lohan enters rehab). Same sub-topic = same story.

Predictions. Every document is analysed with `content_type="plain"` (the detokenised
text as it is), and `newstrace.cluster_stories` groups the dossiers of all the
documents scored together. A document the pipeline refuses counts as a failure and
is clustered as an empty dossier (alone).

Metrics, over all pairs of the documents scored:

- pairwise P/R/F1: a pair put together is right when both are of one sub-topic;
- B-cubed P/R/F1: per document, the share of its predicted group that is of its
  sub-topic (P) and the share of its sub-topic that is in its group (R), averaged over
  documents; F1 of the two averages;
- hard-pair false-merge rate: of the pairs from one topic but different sub-topics
  (the same kind of event, another story), the share put together;
- cross-topic false-merge rate: the same over pairs from different topics.

Per topic, the same figures over the topic's documents (the predicted groups cut down
to them), and how many pairs join one of its documents to another topic's.

Mixed feed (`feed=`, `--feed ../shared/eval/extraction`): every ECB+ document is a
story's report, but on a real feed most articles belong to no story. The feed's pages
(the 990 dev pages of a real crawl, `html/*.html.gz`, nearly all unrelated) are analysed
as HTML and grouped together with the ECB+ documents. Reported beside the ECB+ figures
(scored on the ECB+ documents, the groups cut down to them): the pages put into a group
of two or more, the pages put into a group with an ECB+ document (all wrong), and the
groups made of pages only, with their pairs, listed in the JSON by file and title for
hand-checking (a page and its copy under another name belong together; other pairs
rarely).

Baseline (the README's, scored in the same run on the same texts): TF-IDF cosine over
lower-cased words of 3+ letters (`[a-z]{3,}`), sublinear term frequency (1 + ln tf), IDF
ln(n / df), rows L2-normalised; greedy clustering in input order against cluster
centroids (the sum of the members' vectors): a document joins the group whose centroid
is nearest by cosine when that is at least 0.25, else starts a group. The README does
not fix the TF and IDF variants; this one gives pairwise F1 0.815, B3 F1 0.866 and a
hard-pair rate of 0.223 on all 496 documents, against the README's 0.814, 0.873 and
0.232 (raw counts with smoothed IDF give 0.786 F1).
"""

from __future__ import annotations

import gzip
import json
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..api import analyze_many
from ..corpus.stories import cluster_stories
from ..errors import EvaluationError, InputError
from ..runner import parallel_map
from .common import PRF, TableData, fmt, require, sample

DATA_FILE = "ecbplus_odd_topics.jsonl.gz"
SYSTEMS = ("newstrace", "tfidf-baseline")
SHORT = {"newstrace": "nt", "tfidf-baseline": "tfidf"}   # column prefixes in the per-topic table
BATCH = 8               # documents per task handed to a worker
BASELINE_THRESHOLD = 0.25
BASELINE_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True, slots=True)
class Document:
    doc: str
    topic: int
    subtopic: str
    text: str


def read_documents(lines: Iterable[str]) -> list[Document]:
    documents = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            documents.append(Document(str(item["doc"]), int(item["topic"]),
                                      str(item["subtopic"]), str(item["text"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationError(f"line {number}: not a document record ({exc})") from exc
    return documents


def load_documents(data: str | Path) -> list[Document]:
    folder = require(data, DATA_FILE)
    with gzip.open(folder / DATA_FILE, "rt", encoding="utf-8") as handle:
        return read_documents(handle)


# --- Scoring a clustering ---------------------------------------------------------------


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


@dataclass(slots=True)
class ClusterScore:
    """A clustering's figures against gold sub-topics (and topics, for the hard pairs)."""

    documents: int = 0
    groups: int = 0
    pairwise: PRF = field(default_factory=PRF)
    b3_precision: float = 0.0
    b3_recall: float = 0.0
    hard_pairs: int = 0           # same topic, different sub-topic
    hard_merged: int = 0
    cross_pairs: int = 0          # different topics
    cross_merged: int = 0

    @property
    def b3_f1(self) -> float:
        p, r = self.b3_precision, self.b3_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def hard_rate(self) -> float:
        return self.hard_merged / self.hard_pairs if self.hard_pairs else 0.0

    @property
    def cross_rate(self) -> float:
        return self.cross_merged / self.cross_pairs if self.cross_pairs else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "groups": self.groups,
            "pairwise": {"precision": self.pairwise.precision, "recall": self.pairwise.recall,
                         "f1": self.pairwise.f1, "tp": self.pairwise.tp,
                         "fp": self.pairwise.fp, "fn": self.pairwise.fn},
            "b3": {"precision": self.b3_precision, "recall": self.b3_recall, "f1": self.b3_f1},
            "hard_pair_false_merge_rate": self.hard_rate,
            "hard_pairs": self.hard_pairs, "hard_pairs_merged": self.hard_merged,
            "cross_topic_false_merge_rate": self.cross_rate,
            "cross_topic_pairs": self.cross_pairs, "cross_topic_pairs_merged": self.cross_merged,
        }


def score_clustering(clusters: Sequence[Sequence[int]], subtopics: Sequence[Any],
                     topics: Sequence[Any]) -> ClusterScore:
    """Score `clusters` (lists of indices) against each index's gold sub-topic and topic.

    Every index in range(len(subtopics)) must be in exactly one cluster.
    """
    n = len(subtopics)
    if len(topics) != n:
        raise EvaluationError("subtopics and topics differ in length")
    label = [-1] * n
    for k, cluster in enumerate(clusters):
        for i in cluster:
            if not 0 <= i < n or label[i] != -1:
                raise EvaluationError(f"index {i} is out of range or in two clusters")
            label[i] = k
    if -1 in label:
        raise EvaluationError(f"index {label.index(-1)} is in no cluster")

    predicted = Counter(label)
    gold = Counter(subtopics)
    cells = Counter(zip(label, subtopics))                # predicted group x sub-topic
    by_topic = Counter(zip(label, topics))                # predicted group x topic
    topic_sizes = Counter(topics)
    if len(set(zip(subtopics, topics))) != len(gold):
        raise EvaluationError("a sub-topic belongs to two topics")

    together = sum(_pairs(c) for c in predicted.values())
    same_story = sum(_pairs(c) for c in gold.values())
    same_topic = sum(_pairs(c) for c in topic_sizes.values())
    tp = sum(_pairs(c) for c in cells.values())
    together_same_topic = sum(_pairs(c) for c in by_topic.values())

    score = ClusterScore(documents=n, groups=len(predicted))
    score.pairwise = PRF(tp=tp, fp=together - tp, fn=same_story - tp)
    if n:
        score.b3_precision = sum(cells[(label[i], subtopics[i])] / predicted[label[i]]
                                 for i in range(n)) / n
        score.b3_recall = sum(cells[(label[i], subtopics[i])] / gold[subtopics[i]]
                              for i in range(n)) / n
    score.hard_pairs = same_topic - same_story
    score.hard_merged = together_same_topic - tp
    score.cross_pairs = _pairs(n) - same_topic
    score.cross_merged = together - together_same_topic
    return score


@dataclass(slots=True)
class TopicScore:
    topic: Any
    score: ClusterScore
    outside_merged: int = 0       # pairs joining one of its documents to another topic's

    def as_dict(self) -> dict[str, Any]:
        return {**self.score.as_dict(), "pairs_merged_with_other_topics": self.outside_merged}


def score_topics(clusters: Sequence[Sequence[int]], subtopics: Sequence[Any],
                 topics: Sequence[Any]) -> dict[Any, TopicScore]:
    """Per topic: the clustering cut down to the topic's documents, scored."""
    results = {}
    for topic in sorted(set(topics), key=_topic_key):
        members = [i for i, t in enumerate(topics) if t == topic]
        position = {i: k for k, i in enumerate(members)}
        cut = [[position[i] for i in c if i in position] for c in clusters]
        cut = [c for c in cut if c]
        outside = sum(sum(1 for i in c if i in position) * sum(1 for i in c if i not in position)
                      for c in clusters)
        results[topic] = TopicScore(
            topic, score_clustering(cut, [subtopics[i] for i in members], [topic] * len(members)),
            outside)
    return results


def _topic_key(topic: Any) -> tuple[int, Any]:
    return (0, topic) if isinstance(topic, int) else (1, str(topic))


# --- The baseline -----------------------------------------------------------------------


def baseline_vectors(texts: Sequence[str]) -> np.ndarray:
    """The baseline's pair cosines (dense): 1 + ln tf times ln(n / df), L2-normalised."""
    counts = [Counter(BASELINE_WORD.findall(text.lower())) for text in texts]
    n = len(counts)
    df = Counter(word for c in counts for word in c)
    vocabulary = {word: k for k, word in enumerate(df)}
    matrix = np.zeros((n, max(1, len(vocabulary))))
    for row, counter in enumerate(counts):
        for word, count in counter.items():
            matrix[row, vocabulary[word]] = (1 + math.log(count)) * math.log(n / df[word])
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1
    matrix /= norms[:, None]
    return matrix @ matrix.T


def baseline_clusters(texts: Sequence[str], threshold: float = BASELINE_THRESHOLD) -> list[list[int]]:
    """Greedy clustering in input order against centroids (see the module's docstring)."""
    cosines = baseline_vectors(texts)
    groups: list[list[int]] = []
    norms2: list[float] = []      # squared norm of each group's centroid (sum of members)
    for i in range(len(texts)):
        best, best_similarity, dot_best = -1, -math.inf, 0.0
        for k, members in enumerate(groups):
            dot = float(cosines[i, members].sum())
            similarity = dot / math.sqrt(norms2[k]) if norms2[k] > 0 else 0.0
            if similarity > best_similarity:
                best, best_similarity, dot_best = k, similarity, dot
        if best >= 0 and best_similarity >= threshold:
            groups[best].append(i)
            norms2[best] += 2 * dot_best + float(cosines[i, i])
        else:
            groups.append([i])
            norms2.append(float(cosines[i, i]))
    return groups


# --- Running the systems ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _warm_up() -> None:
    """Load the model, the language detector and the pipeline before anything is timed."""
    list(analyze_many(["Warm-up: an earthquake struck Jakarta on Monday."],
                      content_type="plain", on_error="return"))


def analyze_batch(texts: list[str]) -> tuple[list[Any], float]:
    """Dossiers of a batch of texts (None for a failure), and the seconds spent."""
    _warm_up()
    started = time.perf_counter()
    dossiers = [None if isinstance(result, InputError) else result
                for result in analyze_many(texts, content_type="plain", on_error="return")]
    return dossiers, time.perf_counter() - started


FEED_FOLDER = "html"


@dataclass(slots=True)
class FeedScore:
    """What a clustering did with a feed's pages (see the module's docstring)."""

    pages: int = 0
    in_stories: int = 0           # pages in a group of two or more
    with_ecb: int = 0             # pages in a group with an ECB+ document
    page_groups: list[list[str]] = field(default_factory=list)   # groups of pages only, 2+

    @property
    def page_pairs(self) -> int:
        return sum(_pairs(len(g)) for g in self.page_groups)

    def as_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, "pages_in_stories": self.in_stories,
                "pages_with_ecb": self.with_ecb, "page_only_groups": len(self.page_groups),
                "page_only_pairs": self.page_pairs, "page_only_group_list": self.page_groups}


def score_feed(clusters: Sequence[Sequence[int]], ecb_count: int, labels: Sequence[str]) -> FeedScore:
    """Feed figures of a clustering over ECB+ documents (indices below `ecb_count`) and
    pages (the rest; `labels` names them, page by page)."""
    score = FeedScore(pages=len(labels))
    for group in clusters:
        pages = [i for i in group if i >= ecb_count]
        if len(group) < 2 or not pages:
            continue
        score.in_stories += len(pages)
        if len(pages) < len(group):
            score.with_ecb += len(pages)
        else:
            score.page_groups.append([labels[i - ecb_count] for i in pages])
    return score


def ecb_part(clusters: Sequence[Sequence[int]], ecb_count: int) -> list[list[int]]:
    """The groups cut down to the ECB+ documents (indices below `ecb_count`)."""
    return [kept for g in clusters if (kept := [i for i in g if i < ecb_count])]


def feed_paths(feed: str | Path, limit: int | None = None) -> list[Path]:
    folder = require(feed, FEED_FOLDER)
    return sample(sorted((folder / FEED_FOLDER).glob("*.html.gz")), limit)


def analyze_pages(paths: list[str]) -> tuple[list[Any], float]:
    """Dossiers of a batch of gzipped HTML pages (None for a failure), and the seconds."""
    _warm_up()
    started = time.perf_counter()
    contents = [gzip.decompress(Path(p).read_bytes()) for p in paths]
    dossiers = [None if isinstance(result, InputError) else result
                for result in analyze_many(contents, content_type="html", on_error="return")]
    return dossiers, time.perf_counter() - started


@dataclass(slots=True)
class SystemResult:
    overall: ClusterScore
    per_topic: dict[Any, TopicScore]
    clusters: list[list[int]] = field(default_factory=list, repr=False)
    seconds: float = 0.0          # clustering only (newstrace's analysis is counted apart)
    mixed: ClusterScore | None = None   # ECB+ figures when grouped with a feed's pages
    feed: FeedScore | None = None

    def as_dict(self) -> dict[str, Any]:
        found = {**self.overall.as_dict(), "seconds": self.seconds,
                 "per_topic": {str(t): s.as_dict() for t, s in self.per_topic.items()}}
        if self.mixed is not None and self.feed is not None:
            found["mixed_feed"] = {"ecb": self.mixed.as_dict(), **self.feed.as_dict()}
        return found


def system_result(clusters: list[list[int]], documents: Sequence[Document],
                  seconds: float) -> SystemResult:
    subtopics = [d.subtopic for d in documents]
    topics = [d.topic for d in documents]
    return SystemResult(score_clustering(clusters, subtopics, topics),
                        score_topics(clusters, subtopics, topics), clusters, seconds)


@dataclass(slots=True)
class SamestoryReport:
    documents: int
    topics: int
    subtopics: int
    failures: int
    analysis_seconds: float
    systems: dict[str, SystemResult]
    docs: list[str] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "topics": self.topics, "subtopics": self.subtopics,
                "failures": self.failures, "analysis_seconds": self.analysis_seconds,
                **{name: result.as_dict() for name, result in self.systems.items()}}

    def tables(self) -> list[TableData]:
        overall = TableData(
            f"Same-story grouping, {self.documents} documents, {self.topics} topics, "
            f"{self.subtopics} sub-topics (stories); {self.failures} failures; analysis "
            f"{self.analysis_seconds:.1f} s (summed over workers); seconds: clustering only",
            ["system", "pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1",
             "hard-pair merged", "cross-topic merged", "groups", "seconds"],
            [[name, fmt(s.overall.pairwise.precision), fmt(s.overall.pairwise.recall),
              fmt(s.overall.pairwise.f1), fmt(s.overall.b3_precision), fmt(s.overall.b3_recall),
              fmt(s.overall.b3_f1), fmt(s.overall.hard_rate), f"{s.overall.cross_rate:.4f}",
              str(s.overall.groups), f"{s.seconds:.2f}"]
             for name, s in self.systems.items()],
        )
        names = list(self.systems)
        first = self.systems[names[0]]
        per_topic = TableData(
            "Per topic: pairwise F1, B3 F1, hard-pair false-merge rate, groups its documents "
            "are in (nt: newstrace, tfidf: the baseline)",
            ["topic", "docs", *(f"{SHORT.get(name, name)} {column}" for name in names
                                for column in ("F1", "B3 F1", "hard", "groups"))],
            [[str(topic), str(score.score.documents),
              *(value for name in names for t in [self.systems[name].per_topic[topic].score]
                for value in (fmt(t.pairwise.f1), fmt(t.b3_f1), fmt(t.hard_rate), str(t.groups)))]
             for topic, score in first.per_topic.items()],
        )
        tables = [overall, per_topic]
        if all(r.feed is not None and r.mixed is not None for r in self.systems.values()):
            tables.append(TableData(
                "Mixed feed: the ECB+ documents grouped together with a real crawl's pages "
                "(nearly all unrelated); ECB+ figures on the ECB+ documents",
                ["system", "pages", "pages in stories", "pages with ECB+", "page-only groups",
                 "page-only pairs", "ECB+ B3 F1", "ECB+ hard-pair merged"],
                [[name, str(r.feed.pages), str(r.feed.in_stories), str(r.feed.with_ecb),
                  str(len(r.feed.page_groups)), str(r.feed.page_pairs), fmt(r.mixed.b3_f1),
                  fmt(r.mixed.hard_rate)]
                 for name, r in self.systems.items() if r.feed is not None and r.mixed is not None]))
        return tables


def evaluate_samestory(data: str | Path, limit: int | None = None,
                       workers: int = 1, feed: str | Path | None = None,
                       feed_limit: int | None = None) -> SamestoryReport:
    """Analyse the documents, group them with `cluster_stories` and with the TF-IDF
    baseline, and score both (see the module's docstring); with `feed`, also grouped
    together with the feed's pages."""
    documents = sample(load_documents(data), limit)
    if not documents:
        raise EvaluationError(f"{DATA_FILE} holds no documents")
    groups = [documents[i:i + BATCH] for i in range(0, len(documents), BATCH)]
    dossiers: list[Any] = []
    analysis = 0.0
    for batch, spent in parallel_map(analyze_batch, [[d.text for d in g] for g in groups], workers):
        dossiers.extend(batch)
        analysis += spent
    failures = sum(d is None for d in dossiers)

    started = time.perf_counter()
    ours = cluster_stories([{} if d is None else d for d in dossiers])
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    baseline = baseline_clusters([d.text for d in documents])
    baseline_seconds = time.perf_counter() - started

    systems = {SYSTEMS[0]: system_result(ours, documents, ours_seconds),
               SYSTEMS[1]: system_result(baseline, documents, baseline_seconds)}
    if feed is not None:
        analysis += _mix_feed(systems, documents, dossiers, feed_paths(feed, feed_limit), workers)
    return SamestoryReport(
        documents=len(documents), topics=len({d.topic for d in documents}),
        subtopics=len({d.subtopic for d in documents}), failures=failures,
        analysis_seconds=analysis, systems=systems, docs=[d.doc for d in documents])


def _mix_feed(systems: dict[str, SystemResult], documents: Sequence[Document], dossiers: list[Any],
              paths: list[Path], workers: int) -> float:
    """Group the documents with the feed's pages, by both systems; returns analysis seconds."""
    pages: list[Any] = []
    analysis = 0.0
    batches = [[str(p) for p in paths[i:i + BATCH]] for i in range(0, len(paths), BATCH)]
    for batch, spent in parallel_map(analyze_pages, batches, workers):
        pages.extend(batch)
        analysis += spent
    labels = [f"{p.name} | {(d.metadata.title or '') if d is not None else '(failed)'}"
              for p, d in zip(paths, pages)]
    count = len(documents)
    subtopics = [d.subtopic for d in documents]
    topics = [d.topic for d in documents]
    ours = cluster_stories([{} if d is None else d for d in [*dossiers, *pages]])
    texts = [d.text for d in documents] + [d.text if d is not None else "" for d in pages]
    baseline = baseline_clusters(texts)
    for name, clusters in ((SYSTEMS[0], ours), (SYSTEMS[1], baseline)):
        systems[name].mixed = score_clustering(ecb_part(clusters, count), subtopics, topics)
        systems[name].feed = score_feed(clusters, count, labels)
    return analysis
