"""Same-story grouping: which dossiers, from different outlets, report one real-world event.

    import newstrace
    dossiers = list(newstrace.analyze_many(texts))
    newstrace.cluster_stories(dossiers)      # [[0, 3, 4], [1], [2, 5]]

Two reports of one story share more than a topic: the same people and organisations
(a rare name says more than "police"), the same town, the same days, the same figures,
the same acts by the same actors. Two stories of one kind ("actress enters rehab",
"earthquake hits") share the vocabulary and differ in exactly those. So a pair of
dossiers is scored on six kinds of evidence, read off the dossiers (nothing is parsed
again), each a cosine between TF-IDF vectors whose IDF is taken over the batch, so that
what much of the batch shares counts for little:

- `words`: the text's content words and pairs of consecutive content words
  (lower-cased; stop words and web-address debris dropped; plural and verb endings cut);
- `names`: the entities that are not places, by normalised name ("Jim O'Brien 's" is
  "jim obrien"), a person also by surname, weighted by how often each is mentioned;
- `places`: the places the dossier resolves (GeoNames id or rounded coordinates, the
  1-degree cell around a town, the country), so that "Reno" and "Sparks" agree a little
  and "Bakersfield" and "Jakarta" not at all;
- `times`: the years and months the text's time expressions name, the resolved days and
  the publication day (a day also counts toward its neighbours: dates a day or two apart
  agree);
- `events`: the PLOVER event types, each with its actors' and targets' names;
- `numbers`: quantities with their unit ("6.1 magnitude", "$334 million", "16 years
  (age)") and results as printed ("31-24").

A pair's score is the weighted sum of the six cosines (`WEIGHTS`, summing to 1), divided
by the weight of the blocks that at least one of the two has (a block both lack says
nothing; `SILENT_FLOOR`), less `YEAR_CONFLICT` when both texts name years and no year is
the same.

Only pairs that share an anchor are scored at all: a participant's name (a person,
organisation, group, event or work) or a specific place (a GeoNames place, not only its
country or its 1-degree cell). Words alone make a topic, not a story: on a real crawl
(the 990 extraction pages mixed with ECB+), scoring words without an anchor put 582
pages into 110 page-only "stories"; with anchors, 7 pages. Nor are pairs out of time:
two dated reports of one story are published at most `WINDOW_DAYS` apart, and a dated
report and an undated one that names years are of one story only if a year is within
`WINDOW_YEARS` of the publication year (on the crawl, a Python-tooling guide of 2019 and
one of 2020 were one "story", and a 2023 page on Gaza joined an ECB+ story of 2009). A
dossier in a language the
pipeline does not read (`metadata.language` set and not "en") has no features at all and
joins no story: its words are not understood (its stop words look like content words,
and German pages grouped by their German).

A copy is of its origin's story (`join_copies`): when the lineage (corpus/lineage.py)
links two dossiers as a reprint, rewrite or translation, one alone joins the other's group
(two alone make one). This is how pages in a language the pipeline does not read get a
story, and it never joins two stories (a link pulls in the copy, not what surrounds it).
On the crawl mixed with ECB+, it put three more pairs of pages into stories, all right
(one exact duplicate, a press release on two sites, one wire story rewritten), and
changed nothing on ECB+.

Grouping is in two steps, neither of which chains:

1. Average linkage: two groups join while the mean score over all their cross pairs is
   at least `THRESHOLD`. This makes tight, precise groups.
2. A group of at most `SMALL` dossiers (often a short report saying little) joins the
   larger group with the best mean score to its members, if that mean is at least
   `ATTACH_THRESHOLD` and beats the next-best group's by `ATTACH_MARGIN`, and, when it
   is dated, was published within `WINDOW_YEARS` of a year the group names or was
   published in (the story as a whole is judged, not the member nearest to it). Only
   groups made in step 1 receive, so small groups never gather one another.

Only pairs that share something are scored: the features are sparse matrices whose
products give every such pair at once (in blocks of rows, keeping scores of at least
`MIN_SCORE`). A group can join another in step 1 only through a pair scoring at least
`THRESHOLD`, so the batch is split into the connected components of those pairs and
average linkage runs within each.

The weights and thresholds were tuned on the DEV half of ECB+ (`newstrace eval
samestory`), where each topic pairs a story with another of the same kind: B-cubed F1
0.927 with 3.1% of the same-kind, different-story pairs merged (0.929 and 3.1% before
anchors), against 0.866 and 22% for TF-IDF over words alone. Grouping 3,000 dossiers takes about a second; the pairs scored
grow with the square of the batch (most texts share some word), 12,000 take ~10 s.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence, cast

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

BLOCKS = ("words", "names", "places", "times", "events", "numbers")

# How much each kind of evidence counts; they sum to 1, so a score is at most 1. Words
# carry the topic, names the participants; places, times and numbers are rarer but tell
# apart two stories of one kind; event types and actors, as the events stage finds them,
# are sparse and add little.
WEIGHTS: dict[str, float] = {
    "words": 0.32,
    "names": 0.26,
    "places": 0.13,
    "times": 0.13,
    "events": 0.03,
    "numbers": 0.13,
}
# A block empty in both dossiers of a pair (neither names a place, say) says nothing
# about it: the pair's score is divided by the weight of the other blocks, but by no
# less than SILENT_FLOOR (two texts with nothing but words join from a words cosine of
# 0.31 up).
SILENT_FLOOR = 0.5
# Subtracted from a pair's score when both texts name years and none is the same:
# reports of one story agree on its year (on ECB+ DEV, 84% of same-kind, different-story
# pairs with years in both have none in common, and 19% of same-story pairs).
YEAR_CONFLICT = 0.03
# When: two reports of one story are published at most WINDOW_DAYS apart; a report with
# no publication date but years in its text is of a story within a year of those.
WINDOW_DAYS = 30
WINDOW_YEARS = 1
# Step 1: groups join while their mean pair score is at least this.
THRESHOLD = 0.20
# Step 2: a group of at most SMALL dossiers joins the best larger group when its mean
# score to that group's members is at least ATTACH_THRESHOLD and exceeds the mean to the
# next-best group by ATTACH_MARGIN.
SMALL = 2
ATTACH_THRESHOLD = 0.09
ATTACH_MARGIN = 0.013
# Scores below this are taken as 0 (they would only shift means by a hair).
MIN_SCORE = 0.01
ROWS_PER_BLOCK = 1024

# Entity types whose names identify a story's participants (places have their own block).
NAME_TYPES = frozenset({"PERSON", "ORG", "NORP", "EVENT", "OTHER", "FAC"})
# Place features: the place itself counts fully, the 1-degree cell around a local place
# (town, facility, state, river) half, the country a quarter.
PLACE_POINT, PLACE_CELL, PLACE_COUNTRY = 1.0, 0.5, 0.25
LOCAL_FEATURES = frozenset({"city", "facility", "admin", "other"})
DATELINE_MENTIONS = 2  # the dateline's place counts as this many mentions
# A resolved day also counts toward the days up to DAY_SPREAD away, less with distance.
DAY_SPREAD = 2
# Time features: a day counts most, a month less, a year least.
TIME_DAY, TIME_MONTH, TIME_YEAR = 1.0, 0.5, 0.35
# Numbers without a unit are kept from this value up (small counts are everywhere).
BARE_NUMBER_MIN = 10
EVENT_TYPE = 0.5  # an event type alone, beside 1 for a type with an actor's name

YEARS = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
WORD = re.compile(r"[^\W\d_]{3,}")
NAME_WORD = re.compile(r"[^\W_]+")
POSSESSIVE = re.compile(r"\s?['’]\s?s\b")
APOSTROPHE = re.compile(r"['’]")
# A result as printed: "31-24", "20 - 13".
SCORE = re.compile(r"(?<![\d.,:/])(\d{1,3}) ?[-–] ?(\d{1,3})(?!\d|[.,:/]\d)")
# Added to spaCy's stop words: the debris of web addresses that scraped texts start with.
WEB_WORDS = frozenset({
    "http", "https", "www", "com", "org", "net", "html", "htm", "php", "asp", "aspx",
    "index", "news", "article", "articles", "story", "stories",
})


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | WEB_WORDS


STOP_WORDS = _stop_words()


def stem(word: str) -> str:
    """A light suffix stripper: enough that "quakes" meets "quake" and "killed" and
    "killing" meet "kill". Words of five letters or fewer are kept as they are."""
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


def content_words(text: str) -> list[str]:
    """The text's content words, lower-cased and stemmed, in order."""
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOP_WORDS]


def normalise_name(name: str) -> str:
    """Lower-cased words without a possessive ("Garrard 's"), apostrophes ("O'Brien" is
    "obrien"), one-letter words or a leading "the"."""
    name = APOSTROPHE.sub("", POSSESSIVE.sub("", name))
    words = [w.lower() for w in NAME_WORD.findall(name)]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(w for w in words if len(w) > 1)


def _get(value: Any, name: str, default: Any = None) -> Any:
    """A field of a dossier part, whether a dataclass or its `to_dict()` dict."""
    if value is None:
        return default
    if isinstance(value, Mapping):
        return value.get(name, default)
    return getattr(value, name, default)


# The Counters below hold float weights; typeshed types a Counter's counts as int,
# hence the `type: ignore[assignment]` where a weight is added.
@dataclass(slots=True)
class StoryFeatures:
    """One dossier's evidence: weighted feature counts per block, the years named, and
    the anchors (names of participants, specific places) a story's reports share."""

    blocks: dict[str, Counter[str]] = field(default_factory=lambda: {b: Counter() for b in BLOCKS})
    years: frozenset[int] = frozenset()
    anchors: frozenset[str] = frozenset()
    day: int | None = None     # the publication day (a proleptic ordinal), when known


def story_features(dossier: Any) -> StoryFeatures:
    """The features `cluster_stories` compares, read off a dossier (object or dict)."""
    features = StoryFeatures()
    language = _get(_get(dossier, "metadata"), "language")
    if language and language != "en":
        return features   # read without understanding (no names, no stop words): joins no story
    blocks = features.blocks
    text = _get(dossier, "text") or ""

    tokens = content_words(text)
    blocks["words"].update(tokens)
    blocks["words"].update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))

    names_by_id = _names_and_places(dossier, blocks["names"], blocks["places"])
    features.years = _times(dossier, blocks["times"])
    features.day = _publication_day(dossier)
    features.anchors = _anchors(blocks["names"], blocks["places"])

    for event in _get(dossier, "events") or []:
        kind = _get(event, "type")
        blocks["events"][kind] += EVENT_TYPE  # type: ignore[assignment]  # float weight
        for actor in [*(_get(event, "actors") or []), *(_get(event, "targets") or [])]:
            if actor in names_by_id:
                blocks["events"][f"{kind}:{names_by_id[actor]}"] += 1

    for quantity in _get(dossier, "quantities") or []:
        value, unit = _get(quantity, "value"), _get(quantity, "unit")
        if value is not None and (unit or value >= BARE_NUMBER_MIN):
            blocks["numbers"][f"{value:g} {unit or ''}"] += 1
    for first, second in SCORE.findall(text):
        blocks["numbers"][f"{first}-{second}"] += 1
    return features


def _names_and_places(dossier: Any, names: Counter[str], places: Counter[str]) -> dict[str, str]:
    """Fill the names and places blocks; return every entity's normalised name by id."""
    by_id: dict[str, str] = {}
    for entity in _get(dossier, "entities") or []:
        name = normalise_name(_get(entity, "name") or "")
        if not name:
            continue
        by_id[_get(entity, "id")] = name
        count = max(1, len(_get(entity, "mentions") or []))
        place = _get(entity, "place")
        if place is not None:
            _add_place(places, place, count)
        elif _get(entity, "type") in NAME_TYPES:
            names[name] += count
            parts = name.split()
            if _get(entity, "type") == "PERSON" and len(parts) > 1:
                names[parts[-1]] += count
    dateline_place = _get(_get(dossier, "metadata"), "dateline_place")
    if dateline_place is not None:
        _add_place(places, dateline_place, DATELINE_MENTIONS)
    return by_id


def _anchors(names: Counter[str], places: Counter[str]) -> frozenset[str]:
    """What two reports of one story share at least one of: a participant's name (a
    person, by full name or surname; an organisation, group, event or work) or a
    specific place (its GeoNames id; not its cell or its country)."""
    return frozenset(names) | frozenset(key for key in places if key.startswith("g"))


def _add_place(places: Counter[str], place: Any, count: int) -> None:
    lat, lon = _get(place, "lat"), _get(place, "lon")
    if lat is None or lon is None:
        return
    weight = 1 + math.log(count)
    geonames, feature = _get(place, "geonames_id"), _get(place, "feature")
    places[f"g{geonames}" if geonames else f"{round(lat, 1)},{round(lon, 1)}"] += (  # type: ignore[assignment]  # float weight
        PLACE_POINT * weight)
    if feature in LOCAL_FEATURES:
        places[f"cell {math.floor(lat)},{math.floor(lon)}"] += PLACE_CELL * weight  # type: ignore[assignment]  # float weight
    country = _get(place, "country")
    if country and feature != "country":
        places[f"country {country}"] += PLACE_COUNTRY * weight  # type: ignore[assignment]  # float weight


def _times(dossier: Any, times: Counter[str]) -> frozenset[int]:
    """Fill the times block from the time expressions and the publication date; return
    the years named."""
    years: set[int] = set()
    published = _get(_get(dossier, "metadata"), "published")
    if published and len(published) >= 10:
        _add_day(times, published[:10])
        years.add(int(published[:4]))
    for expression in _get(dossier, "times") or []:
        years.update(int(y) for y in YEARS.findall(_get(_get(expression, "span"), "text") or ""))
        start, end = _get(expression, "start"), _get(expression, "end")
        if not start or _get(expression, "kind") == "duration" or not start[:4].isdigit():
            continue
        years.add(int(start[:4]))
        if start == end and len(start) == 10:
            _add_day(times, start)
        if start[:7] == (end or "")[:7]:
            times[f"month {start[:7]}"] += TIME_MONTH  # type: ignore[assignment]  # float weight
    for year in years:
        times[f"year {year}"] += TIME_YEAR  # type: ignore[assignment]  # float weight
    return frozenset(years)


def _publication_day(dossier: Any) -> int | None:
    published = _get(_get(dossier, "metadata"), "published") or ""
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _add_day(times: Counter[str], day: str) -> None:
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return
    for shift in range(-DAY_SPREAD, DAY_SPREAD + 1):
        times[f"day {(when + timedelta(days=shift)).isoformat()}"] += TIME_DAY / (1 + abs(shift))  # type: ignore[assignment]  # float weight


def tfidf_matrix(counts: Sequence[Mapping[str, float]]) -> sparse.csr_matrix:
    """One L2-normalised row per counter: sublinear term weights (1 + ln count, or the
    weight itself below 1) times a smoothed IDF over these rows, ln((1 + n)/(1 + df)) + 1,
    so that a feature every row has still counts a little (a batch of two can agree)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, counter in enumerate(counts):
        for key, value in counter.items():
            if value > 0:
                rows.append(row)
                columns.append(vocabulary.setdefault(key, len(vocabulary)))
                values.append(1 + math.log(value) if value >= 1 else value)
    n = len(counts)
    matrix = sparse.csr_matrix((np.asarray(values, dtype=np.float64), (rows, columns)),
                               shape=(n, max(1, len(vocabulary))))
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    matrix = sparse.csr_matrix(matrix @ sparse.diags(np.log((1 + n) / (1 + df)) + 1))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ matrix)


def score_matrix(features: Sequence[StoryFeatures], background: Sequence[StoryFeatures] = (),
                 only: Iterable[int] | None = None) -> sparse.csr_matrix:
    """Pair scores as a symmetric sparse matrix (zero diagonal; scores under MIN_SCORE
    are dropped). `background`: more dossiers whose features count in the IDF only (a
    store's sample, when a few new articles are compared with their candidates).
    `only`: score only these rows (each against every dossier; the rest of the matrix is
    left empty)."""
    n = len(features)
    used = [b for b in BLOCKS if WEIGHTS.get(b)]
    everyone = [*features, *background]
    # All the blocks side by side, each scaled by the root of its weight: a row times
    # another is the weighted sum of the blocks' cosines. Features of one dossier only
    # are left out once the rows are normalised (they add to no pair).
    combined = sparse.hstack([math.sqrt(WEIGHTS[b]) * tfidf_matrix([f.blocks[b] for f in everyone])[:n]
                              for b in used], format="csc")
    combined = sparse.csr_matrix(combined[:, np.flatnonzero(np.diff(combined.indptr) > 1)])
    transposed = sparse.csr_matrix(combined.T)
    # Which blocks each dossier lacks, as bits; the weight of the blocks two lack alike.
    empty = np.zeros(n, dtype=np.int64)
    for bit, block in enumerate(used):
        empty |= np.array([not f.blocks[block] for f in features], dtype=np.int64) << bit
    silent = np.array([sum(WEIGHTS[b] for bit, b in enumerate(used) if mask >> bit & 1)
                       for mask in range(1 << len(used))])
    divisor = np.maximum(1 - silent, SILENT_FLOOR)
    named = sorted({y for f in features for y in f.years})
    column = {y: k for k, y in enumerate(named)}
    year_rows = [i for i, f in enumerate(features) for _ in f.years]
    year_columns = [column[y] for f in features for y in f.years]
    years = sparse.csr_matrix((np.ones(len(year_rows)), (year_rows, year_columns)),
                              shape=(n, max(1, len(named))))
    has_years = np.diff(years.indptr) > 0
    anchor_matrix = _anchor_matrix(features)
    days = np.array([-1 if f.day is None else f.day for f in features], dtype=np.int64)
    near = _near_years(features, column)
    parts = []
    wanted = np.arange(n) if only is None else np.asarray(sorted(set(only)), dtype=np.int64)
    for first in range(0, len(wanted), ROWS_PER_BLOCK):
        index = wanted[first:first + ROWS_PER_BLOCK]
        anchored = (anchor_matrix[index] @ anchor_matrix.T).toarray() > 0
        block = (combined[index] @ transposed).tocoo()
        local, columns, data = block.row, block.col, block.data
        rows = index[local]
        # No division raises a score more than 1/SILENT_FLOOR times: drop the hopeless first.
        keep = (data >= MIN_SCORE * SILENT_FLOOR) & (rows != columns)
        local, rows, columns, data = local[keep], rows[keep], columns[keep], data[keep]
        data = data / divisor[empty[rows] & empty[columns]]
        if YEAR_CONFLICT and len(named):
            shared = (years[index] @ years.T).toarray() > 0
            conflict = has_years[rows] & has_years[columns] & ~shared[local, columns]
            data = data - YEAR_CONFLICT * conflict
        keep = ((data >= MIN_SCORE) & anchored[local, columns]
                & _in_window(rows, columns, days, near, years, has_years))
        parts.append((rows[keep], columns[keep], data[keep]))
    rows = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, int)
    columns = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, int)
    data = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0)
    return sparse.csr_matrix((data, (rows, columns)), shape=(n, n))


def _near_years(features: Sequence[StoryFeatures], column: dict[int, int]) -> sparse.csr_matrix:
    """Dossiers by the named years within WINDOW_YEARS of their publication year, 0/1."""
    rows: list[int] = []
    columns: list[int] = []
    for i, f in enumerate(features):
        if f.day is not None:
            year = date.fromordinal(f.day).year
            for near in range(year - WINDOW_YEARS, year + WINDOW_YEARS + 1):
                if near in column:
                    rows.append(i)
                    columns.append(column[near])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, columns)),
                             shape=(len(features), max(1, len(column))))


def _in_window(rows: np.ndarray, columns: np.ndarray, days: np.ndarray,
               near: sparse.csr_matrix, years: sparse.csr_matrix, has_years: np.ndarray) -> np.ndarray:
    """Which pairs could report one story by their dates: both published within
    WINDOW_DAYS, or, when only one is dated, the other's years (if it names any) near
    the publication year. A story reported years apart is history, not the same news."""
    first_day, second_day = days[rows], days[columns]
    both = (first_day >= 0) & (second_day >= 0)
    ok = ~both | (np.abs(first_day - second_day) <= WINDOW_DAYS)
    one = (first_day >= 0) != (second_day >= 0)
    if one.any():
        dated = np.where(first_day >= 0, rows, columns)[one]
        undated = np.where(first_day >= 0, columns, rows)[one]
        close = np.asarray(near[dated].multiply(years[undated]).sum(axis=1)).ravel() > 0
        ok[one] = ~has_years[undated] | close
    return cast(np.ndarray, ok)


def _anchor_matrix(features: Sequence[StoryFeatures]) -> sparse.csr_matrix:
    """Dossiers by anchors, 0/1: two dossiers with no anchor in common are no pair."""
    vocabulary: dict[str, int] = {}
    rows = [i for i, f in enumerate(features) for _ in f.anchors]
    columns = [vocabulary.setdefault(a, len(vocabulary)) for f in features for a in f.anchors]
    return sparse.csr_matrix((np.ones(len(rows)), (rows, columns)),
                             shape=(len(features), max(1, len(vocabulary))))


def average_linkage(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of a dense, symmetric score matrix, joined while the mean is >= threshold."""
    n = scores.shape[0]
    if n == 1:
        return [[0]]
    top = float(max(scores.max(), threshold)) + 1.0  # scores -> non-negative distances
    distances = top - scores
    np.fill_diagonal(distances, 0)
    tree = linkage(squareform(distances, checks=False), method="average")
    labels = fcluster(tree, t=top - threshold + 1e-9, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())


def _link(scores: sparse.csr_matrix) -> list[list[int]]:
    """Step 1: average linkage within the components of the pairs >= THRESHOLD."""
    strong = scores.multiply(scores >= THRESHOLD)
    count, labels = connected_components(strong, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    groups: list[list[int]] = []
    for component in range(count):
        members = order[bounds[component]:bounds[component + 1]]
        if len(members) == 1:
            groups.append([int(members[0])])
            continue
        block = scores[members][:, members].toarray()
        groups.extend([int(members[i]) for i in group]
                      for group in average_linkage(block, THRESHOLD))
    return groups


def _attach(groups: list[list[int]], scores: sparse.csr_matrix,
            features: Sequence[StoryFeatures]) -> list[list[int]]:
    """Step 2: small groups join the best larger group when clearly close enough and,
    when dated, published in a year the group names or was published in: the story as
    a whole is judged, not its nearest member."""
    large = [g for g in groups if len(g) > SMALL]
    small = [g for g in groups if len(g) <= SMALL]
    if not large or not small:
        return groups
    n = scores.shape[0]
    rows = [i for g in large for i in g]
    columns = [k for k, g in enumerate(large) for _ in g]
    membership = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, len(large)))
    sizes = np.array([len(g) for g in large], dtype=np.float64)
    years_of = [group_years(features, g) for g in large]
    received: list[list[int]] = [[] for _ in large]
    alone: list[list[int]] = []
    for group in small:
        totals = np.asarray((scores[group] @ membership).sum(axis=0)).ravel()
        means = totals / (sizes * len(group))
        best = int(np.argmax(means))
        runner_up = np.partition(means, -2)[-2] if len(means) > 1 else -math.inf
        if means[best] >= ATTACH_THRESHOLD and means[best] - runner_up >= ATTACH_MARGIN \
                and same_time(group_years(features, group, named=False), years_of[best]):
            received[best].extend(group)
        else:
            alone.append(group)
    return [g + r for g, r in zip(large, received)] + alone


def group_years(features: Sequence[StoryFeatures], group: Sequence[int], named: bool = True) -> set[int]:
    """The years a group's texts were published in, and those they name."""
    years: set[int] = set()
    for i in group:
        if named:
            years |= features[i].years
        if features[i].day is not None:
            years.add(date.fromordinal(cast(int, features[i].day)).year)
    return years


def same_time(first: set[int], second: set[int]) -> bool:
    """Two groups could be of one story by their years: either names none, or a year of
    one is within WINDOW_YEARS of a year of the other."""
    return not first or not second or any(abs(a - b) <= WINDOW_YEARS for a in first for b in second)


def cluster_features(features: Sequence[StoryFeatures],
                     background: Sequence[StoryFeatures] = ()) -> list[list[int]]:
    """`cluster_stories` on features already read (see `story_features`); `background`
    counts in the IDF only (see `score_matrix`)."""
    if not features:
        return []
    scores = score_matrix(features, background)
    groups = _attach(_link(scores), scores, features)
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def cluster_stories(dossiers: Iterable[Any]) -> list[list[int]]:
    """Group dossiers (`Dossier` objects or their `to_dict()` dicts) that report the same
    story: the input indices in groups, every index once, each group in ascending order,
    the groups ordered by their first index. A dossier alone in its story is a group of
    one. See the module's docstring for the method, its weights and thresholds.
    """
    from .lineage import lineage

    batch = list(dossiers)
    groups = cluster_features([story_features(d) for d in batch])
    index = {_get(d, "id"): i for i, d in enumerate(batch) if _get(d, "id")}
    links = [(index[link.copy_id], index[link.origin_id]) for link in lineage(d for d in batch if _get(d, "id"))
             if link.copy_id in index and link.origin_id in index]
    return join_copies(groups, links)


def join_copies(groups: list[list[int]], links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """A copy is of its origin's story (lineage: a reprint, rewrite or translation; in any
    language, where the story features see nothing): of two linked articles, one alone
    joins the other's group, two alone make a group. Two groups are never joined through
    a copy: a link pulls in the copy, not the stories around it."""
    group_of = {i: k for k, group in enumerate(groups) for i in group}
    members = {k: list(group) for k, group in enumerate(groups)}
    for copy, origin in links:
        first, second = group_of[copy], group_of[origin]
        if first == second or (len(members[first]) > 1 and len(members[second]) > 1):
            continue
        alone, into = (first, second) if len(members[first]) == 1 else (second, first)
        for i in members.pop(alone):
            members[into].append(i)
            group_of[i] = into
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])
