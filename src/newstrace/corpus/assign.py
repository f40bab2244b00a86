"""Stories in a store: the articles stored since the last clustering are placed among the
stories already there, at a cost that grows with the new articles, not with the store.

    cluster_store(store)              # after an ingest: the pending articles
    cluster_store(store, full=True)   # the whole store again (`stories --recompute`)

A whole clustering (`corpus.stories.cluster_features` over every article) compares every
pair that shares an anchor and reads every dossier: its cost grows with the square of the
store. New articles are few beside it, and a new article can only join a story it shares
an anchor with in its time. So each new article is compared with:

- its candidates: for each anchor it has (a participant's name, a specific place), the
  `HITS_PER_ANCHOR` most recent stored articles with it published within `WINDOW_DAYS`
  of it (or undated); of these, the `CANDIDATES_PER_ARTICLE` that share the most rare
  anchors with it (an anchor found `k` times counts 1/k: "United States" says little,
  "Fahie" much);
- the stories those candidates are in, each as a whole: up to `MEMBERS_PER_STORY` of its
  members, the most recent;
- the new articles placed before it.

Scores are those of the whole clustering (`score_matrix`, with a fixed sample of
`BACKGROUND` stored articles counting in the IDF only, so that the names the candidates
share do not look common for being gathered), and the decision is its two steps, made
for one article at a time, in publication order:

1. it joins the story (or the article alone, making a story of two) with the best mean
   score over its members, if that mean is at least `THRESHOLD` (average linkage);
2. else it joins the best story of more than `SMALL` articles if its mean is at least
   `ATTACH_THRESHOLD`, beats the next story's by `ATTACH_MARGIN`, and the story is of its
   time;
3. else it stays alone (a later article may still join it);
4. then, a copy is of its origin's story (`stories.join_copies`): of a new article and
   the stored one the lineage links it to, one alone joins the other's story.

Existing stories keep their ids and their members: an incremental placement never merges
or splits them (`stories --recompute` clusters the whole store again, with merges and
splits, ids kept as far as they can be). When the new articles are at least `FULL_SHARE`
of the store (a first ingest), the whole store is clustered: a store made in one ingest
has exactly `newstrace.cluster_stories`' grouping, and later ingests of a few articles
give the same grouping on the cases in tests/corpus/test_story_assign.py.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any, Hashable, Iterable, cast

import numpy as np

from ..store.base import ANCHOR_LENGTH, Store, StoryAnchors
from .stories import (
    ATTACH_MARGIN,
    ATTACH_THRESHOLD,
    SMALL,
    THRESHOLD,
    WINDOW_DAYS,
    StoryFeatures,
    cluster_features,
    group_years,
    join_copies,
    same_time,
    score_matrix,
    story_features,
)

FULL_SHARE = 0.5
HITS_PER_ANCHOR = 50
CANDIDATES_PER_ARTICLE = 5
MEMBERS_PER_STORY = 6
BACKGROUND = 1000


def cluster_store(store: Store, full: bool = False) -> int:
    """Place the articles stored since the last clustering into stories (the whole store,
    with `full` or when they are most of it); returns how many stories the store holds."""
    pending = store.pending_stories()
    if full or (pending and len(pending) >= FULL_SHARE * store.count()):
        _cluster_all(store)
    elif pending:
        _cluster_new(store, pending)
    return store.story_count()


def _cluster_all(store: Store) -> None:
    # Features are taken one dossier at a time: a large store's dossiers never sit in
    # memory together, only their (much smaller) story features.
    ids: list[str] = []
    features: list[StoryFeatures] = []
    for dossier in store.dossiers():
        ids.append(dossier["id"])
        features.append(story_features(dossier))
    index = {article_id: k for k, article_id in enumerate(ids)}
    links = [(index[copy], index[origin]) for copy, origin in store.lineage_pairs()
             if copy in index and origin in index]
    groups = [[ids[i] for i in group] for group in join_copies(cluster_features(features), links)]
    store.set_stories(groups, anchors={i: anchors_of(f) for i, f in zip(ids, features)})


def _cluster_new(store: Store, pending: list[str]) -> None:
    new = _features(store, pending)
    found = candidates(store, new)
    old = set().union(*found.values()) if found else set()
    samples = store.story_samples(old, MEMBERS_PER_STORY)
    local = old | {m for _, members in samples.values() for m in members}
    features = {**_features(store, local - set(new)), **new}
    background = list(_features(store, [i for i in store.sample_ids(BACKGROUND)
                                         if i not in features]).values())
    placing = Placing(features, background, new)
    for article_id in old:
        placing.add_unit(article_id, samples.get(article_id))
    for article_id in sorted(new, key=lambda i: (new[i].day is None, new[i].day or 0, i)):
        placing.place(article_id)
    links = store.lineage_pairs(new)
    partners = {i for link in links for i in link if i not in placing.unit_of}
    for article_id, story in store.story_samples(partners, MEMBERS_PER_STORY).items():
        placing.add_unit(article_id, story)
    for copy, origin in links:
        placing.join_copy(copy, origin)
    store.place_stories(placing.joins, placing.new_groups(),
                        anchors={i: anchors_of(new[i]) for i in new}, placed=new)


class Placing:
    """The units a new article may join (stories, articles alone, new groups) and the
    decisions made so far."""

    def __init__(self, features: dict[str, StoryFeatures], background: list[StoryFeatures],
                 new: dict[str, StoryFeatures]) -> None:
        self.features = features
        self.order = sorted(features)
        self.index = {article_id: k for k, article_id in enumerate(self.order)}
        self.scores = score_matrix([features[i] for i in self.order], background,
                                   only=[self.index[i] for i in new]).tocsr()
        self.unit_of: dict[str, Hashable] = {}
        self.members: dict[Hashable, list[str]] = {}
        self.joins: dict[str, int] = {}

    def add_unit(self, article_id: str, story: tuple[int, list[str]] | None) -> None:
        """A stored candidate: in its story (sampled), or alone."""
        if article_id in self.unit_of:
            return
        key: Hashable = ("story", story[0]) if story else ("article", article_id)
        self.members.setdefault(key, list(story[1]) if story else [article_id])
        for member in self.members[key]:
            self.unit_of[member] = key
        self.unit_of[article_id] = key

    def place(self, article_id: str) -> None:
        means = self._means(article_id)
        best = max(means, key=lambda key: (means[key], str(key)), default=None)
        if best is not None and means[best] >= THRESHOLD:
            self._join(article_id, best)
            return
        large = sorted((key for key in means if len(self.members[key]) > SMALL),
                       key=lambda key: (-means[key], str(key)))
        if large:
            runner_up = means[large[1]] if len(large) > 1 else 0.0
            top = large[0]
            if means[top] >= ATTACH_THRESHOLD and means[top] - runner_up >= ATTACH_MARGIN and same_time(
                    group_years([self.features[article_id]], [0], named=False),
                    group_years([self.features[m] for m in self.members[top]], range(len(self.members[top])))):
                self._join(article_id, top)
                return
        self.unit_of[article_id] = ("article", article_id)
        self.members[("article", article_id)] = [article_id]

    def _means(self, article_id: str) -> dict[Hashable, float]:
        """The mean score of the article to each unit it scores with."""
        row = self.scores[self.index[article_id]]
        score = {self.order[c]: float(v) for c, v in zip(row.indices, row.data)}
        units = {self.unit_of[other] for other in score if other in self.unit_of}
        return {key: float(np.mean([score.get(m, 0.0) for m in self.members[key]])) for key in units}

    def _join(self, article_id: str, key: Hashable) -> None:
        kind, name = cast("tuple[str, Any]", key)   # name: an article's id, or a story's number
        if kind == "article":       # two articles alone: a new story
            del self.members[key]
            key = ("group", name)
            self.members[key] = [name]
            self.unit_of[name] = key
        elif kind == "story":
            self.joins[article_id] = name
        self.members[key].append(article_id)
        self.unit_of[article_id] = key

    def join_copy(self, copy: str, origin: str) -> None:
        """A copy is of its origin's story (`stories.join_copies`): of the two, one alone
        joins the other's unit; two in stories stay where they are."""
        for article_id in (copy, origin):
            if article_id not in self.unit_of:     # a stored article alone, not met before
                self.add_unit(article_id, None)
        first, second = self.unit_of[copy], self.unit_of[origin]
        if first == second or (len(self.members[first]) > 1 and len(self.members[second]) > 1):
            return
        alone, into = (copy, second) if len(self.members[first]) == 1 else (origin, first)
        del self.members[self.unit_of[alone]]
        self._join(alone, into)

    def new_groups(self) -> list[list[str]]:
        return [members for key, members in self.members.items() if key[0] == "group"]  # type: ignore[index]


def _features(store: Store, ids: Iterable[str]) -> dict[str, StoryFeatures]:
    return {dossier["id"]: story_features(dossier) for dossier in store.dossiers_of(ids)}


def candidates(store: Store, new: dict[str, StoryFeatures]) -> dict[str, list[str]]:
    """Each new article's stored candidates (see the module's docstring)."""
    by_day: dict[int | None, list[str]] = defaultdict(list)
    for article_id, features in new.items():
        by_day[features.day].append(article_id)
    chosen: dict[str, list[str]] = {}
    for day, ids in sorted(by_day.items(), key=lambda item: (item[0] is None, item[0] or 0)):
        anchors = set().union(*(new[i].anchors for i in ids))
        hits = store.anchor_hits(anchors, _window(day), HITS_PER_ANCHOR)
        for article_id in ids:
            weight: Counter[str] = Counter()
            for anchor in new[article_id].anchors:
                found = [h for h in hits.get(anchor[:ANCHOR_LENGTH], []) if h not in new]
                for hit in found:
                    weight[hit] += 1 / len(found)  # type: ignore[assignment]  # float weight; typeshed's Counter counts int
            ranked = sorted(weight, key=lambda hit: (-weight[hit], hit))
            chosen[article_id] = ranked[:CANDIDATES_PER_ARTICLE]
    return chosen


def _window(day: int | None) -> tuple[str, str] | None:
    if day is None:
        return None
    when = date.fromordinal(day)
    return ((when - timedelta(days=WINDOW_DAYS)).isoformat(),
            (when + timedelta(days=WINDOW_DAYS)).isoformat())


def anchors_of(features: StoryFeatures) -> StoryAnchors:
    day = None if features.day is None else date.fromordinal(features.day).isoformat()
    return StoryAnchors(day=day, anchors=features.anchors)
