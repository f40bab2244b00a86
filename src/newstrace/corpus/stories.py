"""Same-story grouping: which dossiers, from different outlets, report one real-world event.

    import newstrace
    dossiers = list(newstrace.analyze_many(texts))
    newstrace.cluster_stories(dossiers)      # [[0, 3, 4], [1], [2, 5]]

Two reports of one story share more than a topic: the same people and organisations
(a rare name says more than "police"), the same town, the same days, the same acts by
the same actors. Two stories of one kind ("actress enters rehab", "earthquake hits")
share the vocabulary and differ in exactly those. So a pair of dossiers is scored on
five kinds of evidence, each a cosine between TF-IDF vectors whose IDF is taken over the
batch (what most of the batch shares counts for little):

- `words`: the text's content words (lower-cased, stop words and web-address debris
  dropped, plural and verb endings cut off);
- `names`: the entities that are not places, by normalised name (a person also by
  surname), each weighted by how often it is mentioned;
- `places`: the places the dossier resolves (GeoNames id or rounded coordinates, the
  1-degree cell around a town, the country), so "Reno" and "Sparks" agree a little and
  "Bakersfield" and "Jakarta" not at all;
- `times`: the years and months the text's time expressions name, and the resolved days
  (each day also counts toward its neighbours, so dates a day or two apart agree);
- `events`: the PLOVER event types, each with its actors' names.

The pair's score is a weighted sum of the five cosines (`WEIGHTS`), less `YEAR_CONFLICT`
when both texts name years and no year is the same. Dossiers are then grouped by average
linkage: two groups join while the mean score over all their cross pairs is at least
`THRESHOLD`, so a story does not grow by chaining one near neighbour to the next.

Only pairs that share something are compared: the vectors are sparse matrices and
their products give every candidate pair at once. Since a group can join another only
through a pair scoring at least `THRESHOLD`, the batch is first split into the connected
components of those pairs, and average linkage runs within each.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

BLOCKS = ("words", "names", "places", "times", "events")

# How much each kind of evidence counts: a pair's score is the sum of the blocks'
# cosines times these weights (they sum to 1, so a score is at most 1).
WEIGHTS: dict[str, float] = {
    "words": 0.45,
    "names": 0.30,
    "places": 0.10,
    "times": 0.10,
    "events": 0.05,
}
# Subtracted from a pair's score when both texts name years and none is the same:
# reports of one story agree on the year they are about.
YEAR_CONFLICT = 0.0
# Groups join while their average pair score is at least this.
THRESHOLD = 0.25

# Entity types whose names identify a story's participants (places are a block of their own).
NAME_TYPES = frozenset({"PERSON", "ORG", "NORP", "EVENT", "OTHER", "FAC"})
# Features of a place: its own point counts fully, the 1-degree cell around a town or a
# seat of government half, the country a quarter (a country says little about a story).
PLACE_POINT, PLACE_CELL, PLACE_COUNTRY = 1.0, 0.5, 0.25
LOCAL_FEATURES = frozenset({"city", "facility", "admin", "other"})
# A resolved day also counts toward the days this close to it (same story, next day's report).
DAY_SPREAD = 2
# Time features: a day counts most, a month less, a year least.
TIME_DAY, TIME_MONTH, TIME_YEAR = 1.0, 0.5, 0.35
YEARS = re.compile(r"\b(1[89]\d\d|20\d\d)\b")

WORD = re.compile(r"[^\W\d_]{3,}")
# Left of spaCy's stop words: the debris of web addresses that scraped texts start with.
WEB_WORDS = frozenset({
    "http", "https", "www", "com", "org", "net", "html", "htm", "php", "asp", "aspx",
    "index", "news", "article", "articles", "story", "stories",
})


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | WEB_WORDS


STOP_WORDS = _stop_words()


def stem(word: str) -> str:
    """A light suffix stripper: enough that "quake", "quakes"; "kill", "killed",
    "killing" meet. Words of five letters or fewer are kept as they are."""
    if len(word) <= 5:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "es" and not word.endswith(("sses", "shes", "ches", "xes")):
                continue
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: len(word) - len(suffix)] + keep
    return word


def _get(value: Any, name: str, default: Any = None) -> Any:
    """A field of a dossier part, whether a dataclass or its `to_dict()` dict."""
    if isinstance(value, Mapping):
        return value.get(name, default)
    return getattr(value, name, default)


def _norm_name(name: str) -> str:
    return " ".join(w.lower() for w in re.findall(r"[^\W_]+", name))


@dataclass(slots=True)
class StoryFeatures:
    """One dossier's evidence, as weighted feature counts per block."""

    blocks: dict[str, Counter] = field(default_factory=lambda: {b: Counter() for b in BLOCKS})
    years: frozenset[int] = frozenset()


def story_features(dossier: Any) -> StoryFeatures:
    """The features `cluster_stories` compares, read off a dossier (object or dict)."""
    features = StoryFeatures()
    words, names, places, times, events = (features.blocks[b] for b in BLOCKS)

    text = _get(dossier, "text") or ""
    for token in WORD.findall(text.lower()):
        if token not in STOP_WORDS:
            words[stem(token)] += 1

    entities = _get(dossier, "entities") or []
    by_id: dict[str, str] = {}
    for entity in entities:
        kind = _get(entity, "type")
        name = _norm_name(_get(entity, "name") or "")
        if not name:
            continue
        by_id[_get(entity, "id")] = name
        count = max(1, len(_get(entity, "mentions") or []))
        place = _get(entity, "place")
        if place is not None:
            _add_place(places, place, count)
        if kind in NAME_TYPES and place is None:
            names[f"{kind[0]}:{name}"] += count
            parts = name.split()
            if kind == "PERSON" and len(parts) > 1:
                names[f"P:{parts[-1]}"] += count
    metadata = _get(dossier, "metadata")
    dateline_place = _get(metadata, "dateline_place") if metadata is not None else None
    if dateline_place is not None:
        _add_place(places, dateline_place, 2)

    years: set[int] = set()
    for expression in _get(dossier, "times") or []:
        span = _get(expression, "span")
        for year in YEARS.findall(_get(span, "text") or ""):
            years.add(int(year))
        start, end = _get(expression, "start"), _get(expression, "end")
        kind = _get(expression, "kind")
        if not start or kind == "duration":
            continue
        years.add(int(start[:4]))
        if start == end and len(start) == 10:
            _add_days(times, start)
        if start[:7] == (end or "")[:7]:
            times[f"m:{start[:7]}"] += TIME_MONTH
    for year in years:
        times[f"y:{year}"] += TIME_YEAR
    features.years = frozenset(years)

    for event in _get(dossier, "events") or []:
        kind = _get(event, "type")
        events[f"t:{kind}"] += 0.5
        for actor in [*(_get(event, "actors") or []), *(_get(event, "targets") or [])]:
            if actor in by_id:
                events[f"a:{kind}:{by_id[actor]}"] += 1
    return features


def _add_place(places: Counter, place: Any, count: int) -> None:
    lat, lon = _get(place, "lat"), _get(place, "lon")
    weight = 1 + math.log(count)
    geonames = _get(place, "geonames_id")
    feature = _get(place, "feature")
    point = f"g:{geonames}" if geonames else f"p:{round(lat, 1)},{round(lon, 1)}"
    places[point] += PLACE_POINT * weight
    if feature in LOCAL_FEATURES:
        places[f"cell:{math.floor(lat)},{math.floor(lon)}"] += PLACE_CELL * weight
    country = _get(place, "country")
    if country and feature != "country":
        places[f"c:{country}"] += PLACE_COUNTRY * weight


def _add_days(times: Counter, day: str) -> None:
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return
    for shift in range(-DAY_SPREAD, DAY_SPREAD + 1):
        times[f"d:{(when + timedelta(days=shift)).isoformat()}"] += TIME_DAY / (1 + abs(shift))


def tfidf_matrix(counts: Sequence[Mapping[str, float]], sublinear: bool = True) -> sparse.csr_matrix:
    """Rows of TF-IDF weights, L2-normalised; IDF over these rows, smoothed:
    ln((1 + n) / (1 + df)) + 1, so that a feature every row has still counts a little."""
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, counter in enumerate(counts):
        for key, value in counter.items():
            if value <= 0:
                continue
            rows.append(row)
            cols.append(vocabulary.setdefault(key, len(vocabulary)))
            values.append(1 + math.log(value) if sublinear and value >= 1 else value)
    n = len(counts)
    matrix = sparse.csr_matrix((np.array(values, dtype=np.float64), (rows, cols)),
                               shape=(n, max(1, len(vocabulary))))
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ matrix)


def score_matrix(features: Sequence[StoryFeatures],
                 weights: Mapping[str, float] = WEIGHTS,
                 year_conflict: float = YEAR_CONFLICT) -> sparse.csr_matrix:
    """Pair scores (sparse, symmetric; the diagonal is meaningless)."""
    n = len(features)
    total = sparse.csr_matrix((n, n))
    for block in BLOCKS:
        if weights.get(block, 0):
            matrix = tfidf_matrix([f.blocks[block] for f in features])
            total = total + weights[block] * (matrix @ matrix.T)
    total = sparse.csr_matrix(total)
    if year_conflict:
        coo = total.tocoo()
        years = [f.years for f in features]
        penalty = np.array([year_conflict if years[i] and years[j] and not years[i] & years[j]
                            else 0.0 for i, j in zip(coo.row, coo.col)])
        total = sparse.csr_matrix((coo.data - penalty, (coo.row, coo.col)), shape=(n, n))
    return total


def average_linkage(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage groups of a dense score matrix, joined while the mean is >= threshold."""
    n = scores.shape[0]
    if n == 1:
        return [[0]]
    top = float(max(scores.max(), threshold)) + 1.0
    distances = top - scores
    np.fill_diagonal(distances, 0)
    tree = linkage(squareform(distances, checks=False), method="average")
    labels = fcluster(tree, t=top - threshold + 1e-9, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return list(groups.values())


def cluster_features(features: Sequence[StoryFeatures], threshold: float = THRESHOLD,
                     weights: Mapping[str, float] = WEIGHTS,
                     year_conflict: float = YEAR_CONFLICT) -> list[list[int]]:
    n = len(features)
    if n == 0:
        return []
    scores = score_matrix(features, weights, year_conflict)
    strong = scores.multiply(scores >= threshold)
    count, labels = connected_components(strong, directed=False)
    clusters: list[list[int]] = []
    for component in range(count):
        members = np.flatnonzero(labels == component)
        if len(members) == 1:
            clusters.append([int(members[0])])
            continue
        block = scores[members][:, members].toarray()
        for group in average_linkage(block, threshold):
            clusters.append(sorted(int(members[i]) for i in group))
    return sorted(clusters, key=lambda c: c[0])


def cluster_stories(dossiers: Iterable[Any], threshold: float = THRESHOLD) -> list[list[int]]:
    """Group dossiers (objects or `to_dict()` dicts) that report the same story.

    Returns the input indices grouped into stories: every index once, each group in
    ascending order, the groups ordered by their first index. A dossier alone in its
    story is a group of one.
    """
    return cluster_features([story_features(d) for d in dossiers], threshold)
