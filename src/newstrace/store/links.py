"""The store's lineage and story tables: fingerprints and the copies they link, same-story
clusters with ids that last, the anchors new articles are placed by (corpus/assign.py).

`StoryTables` is part of `SqlStore` (store/sql.py), beside `BrowseQueries`; it runs its
SQL through the store's retried units of work (`_run`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar, cast, overload

from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    insert,
    or_,
    select,
    true,
    update,
)

from . import schema as t
from .base import (
    ANCHOR_LENGTH,
    LineageLink,
    StoryAnchors,
)

T = TypeVar("T")


# An article as lineage and story listings show it.
LINEAGE_COLUMNS = (t.articles.c.id, t.articles.c.title, t.articles.c.publisher,
                   t.articles.c.published, t.articles.c.url, t.articles.c.origin_id,
                   t.articles.c.relation, t.articles.c.similarity)


# Merges are re-pointed to the live story as they happen; a few hops cover any left.
MAX_MERGE_HOPS = 8


ROWS_PER_INSERT = 5000
IDS_PER_QUERY = 500          # ids bound in one IN (...): under SQLite's variable limit


class StoryTables:
    """Lineage links and stories; the class using it has an `engine` and `_run`."""

    engine: Engine

    def _run(self, work: Callable[[Connection], T], write: bool = True) -> T:
        raise NotImplementedError     # SqlStore's: a unit of work, retried

    def fingerprints(self) -> list[tuple[str, str | None, bytes]]:
        a = t.articles
        query = (select(a.c.id, a.c.published, a.c.fingerprint).where(a.c.fingerprint.is_not(None))
                 .order_by(a.c.ingested_at, a.c.id))
        return self._run(lambda c: [tuple(r) for r in c.execute(query)], write=False)

    def lineage_entries(self) -> Iterator[dict[str, Any]]:
        """What the lineage index needs of each fingerprinted article, in ingest order: a
        slim dossier (id, the metadata lineage reads, the outlet chain) and its MinHash.
        The fields are picked out by the database so that whole dossiers are never loaded."""
        a = t.articles
        doc = a.c.dossier
        query = (select(a.c.id, a.c.published, a.c.language, a.c.publisher, a.c.fingerprint,
                        doc[("metadata", "original_language")].as_string().label("original_language"),
                        doc[("sources", "chain")].label("chain"))
                 .where(a.c.fingerprint.is_not(None)).order_by(a.c.ingested_at, a.c.id))
        with self.engine.connect() as connection:
            for row in connection.execute(query).mappings():
                yield {"id": row["id"], "fingerprint": row["fingerprint"],
                       "metadata": {"published": row["published"], "language": row["language"],
                                    "publisher": row["publisher"],
                                    "original_language": row["original_language"]},
                       "sources": {"chain": row["chain"] or []}}

    def set_lineage(self, links: Iterable[LineageLink]) -> None:
        batch = list(links)
        self._run(lambda c: self._set_lineage(c, batch))

    def _set_lineage(self, connection: Connection, links: list[LineageLink]) -> None:
        for link in links:
            connection.execute(update(t.articles).where(t.articles.c.id == link.article_id).values(
                origin_id=link.origin_id, relation=link.relation, similarity=link.similarity))

    def lineage(self, article_id: str) -> dict[str, Any] | None:
        a = t.articles
        columns = (a.c.id, a.c.title, a.c.publisher, a.c.published, a.c.url, a.c.origin_id,
                   a.c.relation, a.c.similarity)
        with self.engine.connect() as connection:
            row = connection.execute(select(*columns).where(a.c.id == article_id)).mappings().first()
            if row is None:
                return None
            origin_id = row["origin_id"] or row["id"]
            origin = connection.execute(select(*columns).where(a.c.id == origin_id)).mappings().first()
            copies = connection.execute(select(*columns).where(a.c.origin_id == origin_id)
                                        .order_by(a.c.published.nulls_last())).mappings().all()
        return {"article": dict(row), "origin": dict(origin) if origin else None,
                "copies": [dict(c) for c in copies],
                "exact_copies": self.exact_copies(row["id"])}

    def exact_copies(self, article_id: str) -> list[dict[str, Any]]:
        """The addresses where an article's content was met again, the earliest first."""
        c = t.exact_copies
        return self._run(lambda connection: [dict(r) for r in connection.execute(
            select(c.c.url, c.c.publisher, c.c.published, c.c.source, c.c.seen_at)
            .where(c.c.article_id == article_id)
            .order_by(c.c.published.nulls_last(), c.c.seen_at, c.c.id)).mappings()], write=False)

    def set_stories(self, clusters: list[list[str]],
                    anchors: Mapping[str, StoryAnchors] | None = None) -> None:
        """Replace the stories in one transaction (a kill leaves the former ones). A story
        has two articles or more: an article alone is in no story. Ids are kept: a group
        takes the id of the former story it shares most articles with (a re-run or a new
        ingest renumbers nothing); a former story none takes, whose articles went to
        another story, is merged into it (its id leads there); one whose articles are all
        alone now is gone. `anchors`: every article's anchors, kept for placing later
        articles (`place_stories`). No article is pending afterwards."""
        self._run(lambda c: self._set_stories(c, clusters, anchors or {}))

    def _set_stories(self, connection: Connection, clusters: list[list[str]],
                     anchors: Mapping[str, StoryAnchors]) -> None:
        groups = [sorted(set(c)) for c in clusters if len(set(c)) > 1]
        a = t.articles
        former = dict(connection.execute(select(a.c.id, a.c.story_id).where(a.c.story_id.is_not(None))).all())
        live = set(connection.execute(select(t.stories.c.id).where(t.stories.c.merged_into.is_(None)))
                   .scalars())
        kept = keep_story_ids(groups, former, live)
        connection.execute(update(a).values(story_id=None))
        connection.execute(delete(t.story_pending))
        ids = [self._write_story(connection, members, kept.get(index)) for index, members in enumerate(groups)]
        self._retire_stories(connection, groups, ids, former, live - set(kept.values()))
        self._set_anchors(connection, anchors, everything=True)

    def place_stories(self, joins: Mapping[str, int], groups: list[list[str]],
                      anchors: Mapping[str, StoryAnchors], placed: Iterable[str]) -> None:
        """Place new articles, in one transaction: `joins` puts articles into existing
        stories (which keep their ids), `groups` makes new stories (of new articles and
        articles that were alone); `anchors` are the new articles' anchors; the `placed`
        articles are no longer pending."""
        done = sorted(set(placed))

        def work(connection: Connection) -> None:
            stories: dict[int, list[str]] = defaultdict(list)
            for article_id, story_id in joins.items():
                stories[story_id].append(article_id)
            for story_id, members in sorted(stories.items()):
                connection.execute(update(t.articles).where(t.articles.c.id.in_(members))
                                   .values(story_id=story_id))
                every = list(connection.execute(select(t.articles.c.id)
                                                .where(t.articles.c.story_id == story_id)).scalars())
                self._write_story(connection, every, story_id)
            for members in groups:
                if len(set(members)) > 1:
                    self._write_story(connection, sorted(set(members)), None)
            self._set_anchors(connection, anchors, everything=False)
            for part in slices(done):
                connection.execute(delete(t.story_pending).where(t.story_pending.c.article_id.in_(part)))

        self._run(work)

    def story_samples(self, article_ids: Iterable[str], per_story: int) -> dict[str, tuple[int, list[str]]]:
        """For each of these articles that is in a story: the story's id and up to
        `per_story` of its members, the most recently published first."""
        a = t.articles
        found: dict[str, tuple[int, list[str]]] = {}

        def work(connection: Connection) -> dict[str, tuple[int, list[str]]]:
            story_of: dict[str, int] = {}
            for part in slices(sorted(set(article_ids))):
                story_of.update(connection.execute(select(a.c.id, a.c.story_id).where(
                    a.c.id.in_(part), a.c.story_id.is_not(None))).all())
            members: dict[int, list[str]] = {}
            for story_id in sorted(set(story_of.values())):
                members[story_id] = list(connection.execute(
                    select(a.c.id).where(a.c.story_id == story_id)
                    .order_by(a.c.published.desc().nulls_last(), a.c.id).limit(per_story)).scalars())
            for article_id, story_id in story_of.items():
                found[article_id] = (story_id, members[story_id])
            return found

        return self._run(work, write=False)

    @staticmethod
    def _write_story(connection: Connection, members: list[str], story_id: int | None) -> int:
        """Write one story (under `story_id`, or a new id) and place its members in it."""
        a = t.articles
        first = connection.execute(
            select(a.c.id, a.c.title).where(a.c.id.in_(members))
            .order_by(a.c.published.nulls_last(), a.c.ingested_at)).first()
        values = {"label": first.title if first else None, "size": len(members),
                  "earliest_id": first.id if first else None, "merged_into": None}
        if story_id is not None:
            connection.execute(update(t.stories).where(t.stories.c.id == story_id).values(**values))
        else:
            story_id = connection.execute(insert(t.stories).values(**values)
                                          .returning(t.stories.c.id)).scalar_one()
        connection.execute(update(a).where(a.c.id.in_(members)).values(story_id=story_id))
        return story_id

    @staticmethod
    def _set_anchors(connection: Connection, anchors: Mapping[str, StoryAnchors], everything: bool) -> None:
        """Replace the anchors of these articles (of every article, when `everything`)."""
        if everything:
            connection.execute(delete(t.story_anchors))
        else:
            for part in slices(sorted(anchors)):
                connection.execute(delete(t.story_anchors).where(t.story_anchors.c.article_id.in_(part)))
        rows = [{"anchor": anchor, "article_id": article_id, "day": found.day}
                for article_id, found in anchors.items()
                for anchor in sorted({name[:ANCHOR_LENGTH] for name in found.anchors})]
        for start in range(0, len(rows), ROWS_PER_INSERT):
            connection.execute(insert(t.story_anchors), rows[start:start + ROWS_PER_INSERT])

    def anchor_hits(self, anchors: Iterable[str], window: tuple[str, str] | None,
                    limit: int) -> dict[str, list[str]]:
        """For each anchor, up to `limit` stored articles that have it, the most recent
        first; with a `window` (first and last ISO day), only those published in it or
        undated."""
        s = t.story_anchors
        when = true() if window is None else or_(s.c.day.is_(None), s.c.day.between(*window))

        def work(connection: Connection) -> dict[str, list[str]]:
            return {anchor[:ANCHOR_LENGTH]: list(connection.execute(
                select(s.c.article_id).where(s.c.anchor == anchor[:ANCHOR_LENGTH], when)
                .order_by(s.c.day.desc().nulls_last(), s.c.article_id).limit(limit)).scalars())
                for anchor in sorted(set(anchors))}

        return self._run(work, write=False)

    def dossiers_of(self, article_ids: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The dossiers of these articles (those stored), in id order."""
        for part in slices(sorted(set(article_ids))):
            query = select(t.articles.c.dossier).where(t.articles.c.id.in_(part)).order_by(t.articles.c.id)
            fetch = cast(Callable[[Connection], Sequence[Any]], lambda c, q=query: c.execute(q).scalars().all())
            yield from (dict(r) for r in self._run(fetch, write=False))

    def sample_ids(self, limit: int) -> list[str]:
        """Up to `limit` article ids, the same ones each time for the same store (ids are
        content hashes: the first in order are a fair sample)."""
        return self._run(lambda c: list(c.execute(select(t.articles.c.id).order_by(t.articles.c.id)
                                                  .limit(limit)).scalars()), write=False)

    def copy_index(self) -> dict[str, dict[str, Any]]:
        """Each article's lineage origin (null: none) and publisher, and the publishers of
        its exact copies, by article id (for the events export)."""
        a, c = t.articles, t.exact_copies

        def work(connection: Connection) -> dict[str, dict[str, Any]]:
            found = {row.id: {"origin": row.origin_id, "publisher": row.publisher, "exact": []}
                     for row in connection.execute(select(a.c.id, a.c.origin_id, a.c.publisher))}
            for row in connection.execute(select(c.c.article_id, c.c.publisher).order_by(c.c.id)):
                if row.article_id in found:
                    found[row.article_id]["exact"].append(row.publisher)
            return found

        return self._run(work, write=False)

    def story_rows(self) -> Iterator[dict[str, Any]]:
        """Every live story with its articles (id, title, publisher, published), the
        largest story first, its articles in publication order."""
        a, s = t.articles, t.stories
        with self.engine.connect() as connection:
            stories = connection.execute(
                select(s.c.id, s.c.label, s.c.size, s.c.earliest_id).where(s.c.merged_into.is_(None))
                .order_by(s.c.size.desc(), s.c.id)).mappings().all()
            for story in stories:
                members = connection.execute(
                    select(a.c.id, a.c.title, a.c.publisher, a.c.published).where(a.c.story_id == story["id"])
                    .order_by(a.c.published.nulls_last(), a.c.id)).mappings().all()
                yield {**story, "articles": [dict(m) for m in members]}

    def lineage_pairs(self, article_ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """(copy, origin) for every lineage link; with `article_ids`, only the links one
        of these articles is in (as the copy or the origin)."""
        a = t.articles
        query = select(a.c.id, a.c.origin_id).where(a.c.origin_id.is_not(None))

        def work(connection: Connection) -> list[tuple[str, str]]:
            if article_ids is None:
                return [(r.id, r.origin_id) for r in connection.execute(query.order_by(a.c.id))]
            found: set[tuple[str, str]] = set()
            for part in slices(sorted(set(article_ids))):
                found.update((r.id, r.origin_id) for r in connection.execute(
                    query.where(or_(a.c.id.in_(part), a.c.origin_id.in_(part)))))
            return sorted(found)

        return self._run(work, write=False)

    def story_count(self) -> int:
        """How many live stories the store holds."""
        return self._run(lambda c: c.execute(select(func.count()).select_from(t.stories)
                                             .where(t.stories.c.merged_into.is_(None))).scalar_one(),
                         write=False)

    @staticmethod
    def _retire_stories(connection: Connection, groups: list[list[str]], ids: list[int],
                        former: dict[str, int], retired: set[int]) -> None:
        """Former stories no group kept: merged into the story most of their articles
        joined, or gone when their articles are alone now."""
        story_of = {member: story_id for members, story_id in zip(groups, ids) for member in members}
        members_of: dict[int, list[str]] = {}
        for article, story in former.items():
            if story in retired:
                members_of.setdefault(story, []).append(article)
        for old in sorted(retired):
            went = Counter(story_of[a] for a in members_of.get(old, []) if a in story_of)
            if went:
                successor = min(went, key=lambda s: (-went[s], s))
                connection.execute(update(t.stories).where(t.stories.c.id == old)
                                   .values(merged_into=successor, size=0))
                # the stories merged into this one lead on to its successor
                connection.execute(update(t.stories).where(t.stories.c.merged_into == old)
                                   .values(merged_into=successor))
            else:   # gone, and the ids that led to it with it
                connection.execute(delete(t.stories).where(
                    or_(t.stories.c.id == old, t.stories.c.merged_into == old)))

    def stories(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """The live stories (not those merged into another), the largest first."""
        columns = [c for c in t.stories.c if c.name != "merged_into"]
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(
                select(*columns).where(t.stories.c.merged_into.is_(None))
                .order_by(t.stories.c.size.desc(), t.stories.c.id).limit(limit).offset(offset)).mappings()]

    def story(self, story_id: int) -> dict[str, Any] | None:
        """A story and its articles, oldest first; a merged story's id gives the story
        it was merged into. None when there is no such story."""
        s, a = t.stories, t.articles
        live = self.story_successor(story_id)
        if live is None:
            return None
        story_id = live
        with self.engine.connect() as connection:
            row = connection.execute(select(s).where(s.c.id == story_id)).mappings().first()
            if row is None:
                return None
            members = connection.execute(select(*LINEAGE_COLUMNS).where(a.c.story_id == story_id)
                                         .order_by(a.c.published.nulls_last(), a.c.id)).mappings().all()
        return {**dict(row), "articles": [dict(m) for m in members]}

    def story_successor(self, story_id: int) -> int | None:
        """The live story a story id leads to (itself when live); None when unknown."""
        with self.engine.connect() as connection:
            for _ in range(MAX_MERGE_HOPS):
                found = connection.execute(select(t.stories.c.merged_into)
                                           .where(t.stories.c.id == story_id)).first()
                if found is None:
                    return None
                if found.merged_into is None:
                    return story_id
                story_id = found.merged_into
        return None


@overload
def slices(ids: list[Any]) -> Iterator[list[Any]]: ...


@overload
def slices(ids: None) -> Iterator[None]: ...


def slices(ids: list[Any] | None) -> Iterator[list[Any] | None]:
    """`ids` in slices of IDS_PER_QUERY; None (everything) once."""
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), IDS_PER_QUERY):
        yield ids[start:start + IDS_PER_QUERY]


def keep_story_ids(groups: list[list[str]], former: dict[str, int], live: set[int]) -> dict[int, int]:
    """Group index -> the former story id it keeps: pairs (group, story) by the articles
    they share, the most first (ties: the lower id, the earlier group); each story and
    each group taken once."""
    shared: Counter[tuple[int, int]] = Counter()
    for index, members in enumerate(groups):
        for member in members:
            story = former.get(member)
            if story in live:
                shared[(index, story)] += 1
    kept: dict[int, int] = {}
    taken: set[int] = set()
    for (index, story), _count in sorted(shared.items(), key=lambda item: (-item[1], item[0][1], item[0][0])):
        if index not in kept and story not in taken:
            kept[index] = story
            taken.add(story)
    return kept


