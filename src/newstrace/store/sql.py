"""The store on SQL databases, through SQLAlchemy 2: SQLite and PostgreSQL.

Everything but full-text search is the same SQL for both; `SqliteStore` and
`PostgresStore` differ in how they index and search text (FTS5; tsvector), and in
their upserts. Every write of a batch is one transaction: a killed ingest loses at
most the batch it was writing, and rerunning it stores each article exactly once.

Faults. Every unit of work the ingest does (`_run`) is retried when the connection
drops (the server restarted, the network went away, the backend was terminated): up to
NEWSTRACE_DB_RETRIES times (default 6), waiting 0.5 s, 1 s, 2 s ... (at most 8 s)
between tries, on a fresh connection. Retrying is safe because every write is idempotent:
an article already stored is skipped, a failure is kept once per record. When the
connection does not come back, or the disk is full, the store raises a `StoreError` that
says what to do: what was committed before is kept, and the same command run again
goes on from there.

SQLite runs in WAL mode with real transactions (SQLAlchemy emits BEGIN; Python's sqlite3
would otherwise autocommit DDL, so a migration killed part-way would leave half a schema).
For tests only, NEWSTRACE_SQLITE_MAX_PAGES sets `PRAGMA max_page_count` on every
connection: writes past that many pages fail as on a full disk (SQLITE_FULL).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar, cast, overload

from sqlalchemy import (
    ColumnClause,
    Connection,
    Engine,
    Float,
    Text,
    and_,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from ..geo.names import country_code
from ..nlp.names import fold
from ..text.sites import host_name
from . import parts
from . import schema as t
from .base import (
    ANCHOR_LENGTH,
    AddResult,
    ArticleSummary,
    EntityMention,
    EntityReport,
    LineageLink,
    SearchFilters,
    StoredArticle,
    StoryAnchors,
)
from .browse import BrowseQueries, bare_name, named_entities

DEFAULT_DB = "newstrace.db"
# A store held in memory for the life of the process (tests, notebooks, one-off scripts):
# `open_store(":memory:")`.
MEMORY = ":memory:"
MEMORY_URLS = ("sqlite://", "sqlite:///:memory:")
MIGRATIONS = Path(__file__).parent / "migrations"
RETRIES_ENV = "NEWSTRACE_DB_RETRIES"
DEFAULT_RETRIES = 6
FIRST_BACKOFF = 0.5          # seconds; doubled after each failed try
MAX_BACKOFF = 8.0
SQLITE_MAX_PAGES_ENV = "NEWSTRACE_SQLITE_MAX_PAGES"
# Kept in pg_stat_activity: tells an operator (and the fault tests) which sessions are ours.
APPLICATION_NAME = "newstrace"
RERUN = "rerun the same command to go on: what was stored before is kept and skipped"

T = TypeVar("T")
# Retries are told on standard error (Python's last-resort handler prints warnings when
# nothing configured logging): someone watching an ingest sees why it paused.
log = logging.getLogger("newstrace.store")


def retries_allowed() -> int:
    """How many times a unit of work is tried again after its connection dropped."""
    raw = os.environ.get(RETRIES_ENV, "")
    try:
        return max(0, int(raw)) if raw.strip() else DEFAULT_RETRIES
    except ValueError:
        raise StoreError(f"{RETRIES_ENV}={raw!r} is not a whole number of retries") from None


def backoff(attempt: int) -> float:
    """Seconds to wait before try `attempt + 1` (attempt 0 is the first retry)."""
    return cast(float, min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** attempt))


# An article as lineage and story listings show it.
LINEAGE_COLUMNS = (t.articles.c.id, t.articles.c.title, t.articles.c.publisher,
                   t.articles.c.published, t.articles.c.url, t.articles.c.origin_id,
                   t.articles.c.relation, t.articles.c.similarity)


def entity_key(entity: dict[str, Any]) -> str:
    """The same person or place across articles: one key. Places by their gazetteer
    identity, others by type and folded canonical name."""
    place = entity.get("place")
    if place:
        if place.get("geonames_id"):
            return f"place:{place['geonames_id']}"
        return f"place:{place.get('country')}:{place.get('feature')}:{fold(entity['name'])}"
    if entity["type"] == "AGENT":
        # "police" in Kabul and in Ohio are not one agent: the code is part of the key
        code = entity.get("actor_code") or {}
        return f"agent:{code.get('country') or ''}:{code.get('sector') or ''}:{fold(entity['name'])}"[:300]
    return f"{entity['type'].lower()}:{fold(entity['name'])}"[:300]


def migrate(connection: Connection) -> None:
    """Bring the database to the newest schema (Alembic, run in this process)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


class SqlStore(BrowseQueries):
    """The shared implementation; subclasses bring full-text search."""

    dialect = ""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        try:
            with self.engine.connect() as connection:
                # One write transaction: a migration killed part-way leaves nothing behind.
                connection.execution_options(newstrace_write=True)
                with connection.begin():
                    migrate(connection)
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {self.safe_url}: {exc.orig}; "
                             "check the path or that the database server is running") from exc

    @property
    def safe_url(self) -> str:
        return re.sub(r"://([^:/@]+):[^@]+@", r"://\1:***@", self.url)

    def close(self) -> None:
        self.engine.dispose()

    # -- units of work, retried when the connection drops ------------------------------

    def _run(self, work: Callable[[Connection], T], write: bool = True) -> T:
        """`work` in one transaction (committed when `write`), tried again on a fresh
        connection when the connection dropped; a `StoreError` that says what to do when
        it cannot be done. `work` must be idempotent: a retry may follow a commit whose
        answer was lost."""
        retries = retries_allowed()
        started = time.monotonic()
        for attempt in range(retries + 1):
            try:
                with self.engine.connect() as connection:
                    # SQLite: a writer takes the write lock up front (BEGIN IMMEDIATE), so it
                    # waits for another writer instead of failing when it upgrades a read.
                    connection.execution_options(newstrace_write=write)
                    with connection.begin():
                        return work(connection)
            except DBAPIError as exc:
                if self._is_full(exc):
                    raise StoreError(
                        f"the disk holding the store at {self.safe_url} is full ({_reason(exc)}): "
                        f"free some space, then {RERUN}") from exc
                if not self._is_disconnect(exc):
                    raise StoreError(f"could not {'write to' if write else 'read'} the store at "
                                     f"{self.safe_url}: {_reason(exc)}") from exc
                if attempt == retries:
                    raise StoreError(
                        f"lost the connection to the store at {self.safe_url} and could not get it "
                        f"back ({attempt + 1} tries in {time.monotonic() - started:.0f} s; last error: "
                        f"{_reason(exc)}): check that the database server is running, then "
                        f"{RERUN}") from exc
                log.warning("newstrace: lost the connection to the store at %s (%s); trying again "
                            "in %.1f s (retry %d of %d)", self.safe_url, _reason(exc),
                            backoff(attempt), attempt + 1, retries)
                time.sleep(backoff(attempt))
            except SQLAlchemyError as exc:
                raise StoreError(f"could not {'write to' if write else 'read'} the store at "
                                 f"{self.safe_url}: {exc}") from exc
        raise AssertionError("unreachable: the loop returns or raises")

    def _is_full(self, exc: DBAPIError) -> bool:
        """The database cannot grow: retrying will not help, freeing space will."""
        return False

    def _is_disconnect(self, exc: DBAPIError) -> bool:
        """The connection dropped or the server is (re)starting: worth another try."""
        return bool(exc.connection_invalidated)

    # -- writing -----------------------------------------------------------------------

    def seen(self, content_hash: str, url: str | None) -> bool:
        condition = t.articles.c.content_hash == content_hash
        if url:
            condition = or_(condition, t.articles.c.url == url)
        return bool(self._run(lambda c: c.execute(select(exists().where(condition))).scalar(),
                              write=False))

    def add(self, articles: Iterable[StoredArticle], replace: bool = False,
            lineage: Iterable[LineageLink] = ()) -> AddResult:
        """Store a batch, and the lineage links it made, in one transaction: after a kill
        either all of it is there or none of it. Articles seen before are skipped (or
        replaced), so the batch can be tried again after an unanswered commit."""
        batch, links = list(articles), list(lineage)

        def work(connection: Connection) -> AddResult:
            result = AddResult()       # afresh on each try: a failed try counted nothing
            for article in batch:
                self._add_one(connection, article, replace, result)
            self._set_lineage(connection, links)
            keys = [article.key for article in batch if article.key]
            if keys:
                # Stored now: the record no longer counts as failed.
                connection.execute(delete(t.failures).where(t.failures.c.key.in_(keys)))
            return result

        return self._run(work)

    def _add_one(self, connection: Connection, article: StoredArticle, replace: bool,
                 result: AddResult) -> None:
        dossier = article.dossier
        meta = dossier["metadata"]
        url = meta.get("url")
        existing = self._existing(connection, dossier["id"], article.content_hash, url)
        if existing and not replace:
            # the same content at a new address (two in one batch): kept as a copy
            if url and self._add_copy(connection, article.content_hash, url,
                                      meta.get("publisher") or host_name(url),
                                      meta.get("published"), article.source):
                result.copies += 1
            else:
                result.skipped += 1
            return
        copies: list[dict[str, Any]] = []
        if existing:
            # its exact copies stay with it (they are copies of this content, stored again)
            copies = [dict(r) for r in connection.execute(
                select(t.exact_copies).where(t.exact_copies.c.article_id.in_(existing))).mappings()]
            self._delete(connection, existing)
            result.replaced += 1
        else:
            result.stored += 1
        connection.execute(insert(t.articles).values(
            id=dossier["id"], content_hash=article.content_hash, url=url,
            title=meta.get("title"), publisher=meta.get("publisher"),
            published=meta.get("published"), language=meta.get("language"),
            text=dossier["text"], dossier=dossier, source=article.source,
            ingested_at=dt.datetime.now(dt.timezone.utc), fingerprint=article.fingerprint,
        ))
        connection.execute(insert(t.story_pending).values(article_id=dossier["id"]))
        for copy in copies:
            copy.pop("id")
            connection.execute(insert(t.exact_copies).values({**copy, "article_id": dossier["id"]}))
        self._index_text(connection, dossier["id"], meta.get("title"), dossier["text"])
        ids = self._upsert_entities(connection, dossier["entities"])
        self._add_parts(connection, dossier, ids)

    def _existing(self, connection: Connection, article_id: str, content_hash: str,
                  url: str | None) -> list[str]:
        condition = or_(t.articles.c.id == article_id, t.articles.c.content_hash == content_hash)
        if url:
            condition = or_(condition, t.articles.c.url == url)
        return list(connection.execute(select(t.articles.c.id).where(condition)).scalars())

    def record_copy(self, content_hash: str, url: str, publisher: str | None = None,
                    published: str | None = None, source: str | None = None) -> bool:
        """Content stored before, met at another address: keep the address as an exact
        copy of the stored article. False (nothing written) when no article has this
        content, or the address is known already (stored, or a copy kept before)."""
        return self._run(lambda c: self._add_copy(c, content_hash, url, publisher, published, source))

    @staticmethod
    def _add_copy(connection: Connection, content_hash: str, url: str, publisher: str | None,
                  published: str | None, source: str | None) -> bool:
        article_id = connection.execute(select(t.articles.c.id).where(
            t.articles.c.content_hash == content_hash)).scalar()
        known = connection.execute(select(exists().where(t.articles.c.url == url))).scalar() \
            or connection.execute(select(exists().where(t.exact_copies.c.url == url))).scalar()
        if article_id is None or known:
            return False
        connection.execute(insert(t.exact_copies).values(
            article_id=article_id, url=url, publisher=publisher, published=published,
            source=source, seen_at=dt.datetime.now(dt.timezone.utc)))
        return True

    def exact_copies(self, article_id: str) -> list[dict[str, Any]]:
        """The addresses where an article's content was met again, the earliest first."""
        c = t.exact_copies
        return self._run(lambda connection: [dict(r) for r in connection.execute(
            select(c.c.url, c.c.publisher, c.c.published, c.c.source, c.c.seen_at)
            .where(c.c.article_id == article_id)
            .order_by(c.c.published.nulls_last(), c.c.seen_at, c.c.id)).mappings()], write=False)

    def _delete(self, connection: Connection, article_ids: list[str]) -> None:
        connection.execute(delete(t.exact_copies).where(t.exact_copies.c.article_id.in_(article_ids)))
        for table in t.ARTICLE_CHILDREN:
            connection.execute(delete(table).where(table.c.article_id.in_(article_ids)))
        self._unindex_text(connection, article_ids)
        connection.execute(delete(t.articles).where(t.articles.c.id.in_(article_ids)))

    def _upsert_entities(self, connection: Connection, entities: list[dict[str, Any]]) -> dict[str, int]:
        """Corpus ids of a dossier's entities, creating the ones not met before."""
        rows = {}
        for entity in entities:
            key = entity_key(entity)
            place = entity.get("place") or {}
            # a place is one corpus entity under its own name, whichever article came
            # first ("Americans" and "America" are the United States)
            kind = "GPE" if entity["type"] == "NORP" and place else entity["type"]   # "Syrians": Syria
            rows[key] = dict(key=key, name=place.get("name") or entity["name"], type=kind,
                             lat=place.get("lat"), lon=place.get("lon"),
                             country=place.get("country"), feature=place.get("feature"),
                             geonames_id=place.get("geonames_id"))
        if rows:
            connection.execute(self._insert_ignore(t.entities, ["key"]), list(rows.values()))
            found = connection.execute(select(t.entities.c.key, t.entities.c.id)
                                       .where(t.entities.c.key.in_(list(rows)))).all()
            by_key = dict(found)
        else:
            by_key = {}
        return {entity["id"]: by_key[entity_key(entity)] for entity in entities}

    def _insert_ignore(self, table: Any, keys: list[str]) -> Any:
        raise NotImplementedError

    def _add_parts(self, connection: Connection, dossier: dict[str, Any], ids: dict[str, int]) -> None:
        article_id = dossier["id"]
        mention_rows = [dict(article_id=article_id, entity_id=ids[e["id"]], local_id=e["id"],
                             start=m["start"], end=m["end"], text=m["text"])
                        for e in dossier["entities"] for m in e["mentions"]]
        quote_rows = [dict(article_id=article_id, local_id=q.id, kind=q.kind,
                           speaker_id=ids.get(q.speaker) if q.speaker else None,
                           start=q.span.start, end=q.span.end, text=q.span.text, cue=q.cue)
                      for q in parts.quotes(dossier)]
        attribution_rows = [dict(article_id=article_id, local_id=a.id, kind=a.kind,
                                 source=a.source, factuality=a.factuality,
                                 source_id=ids.get(a.source_entity) if a.source_entity else None,
                                 start=a.span.start, end=a.span.end, text=a.span.text)
                            for a in parts.attributions(dossier)]
        for table, rows in ((t.mentions, mention_rows), (t.quotes, quote_rows),
                            (t.attributions, attribution_rows)):
            if rows:
                connection.execute(insert(table), rows)
        event_rows: list[dict[str, Any]] = []
        role_rows: list[dict[str, Any]] = []
        codes = {e["id"]: e.get("actor_code") for e in dossier["entities"]}
        for event_ in parts.events(dossier):
            event_rows.append(dict(
                article_id=article_id, local_id=event_.id, type=event_.type, mode=event_.mode,
                place_id=ids.get(event_.place) if event_.place else None,
                time_start=event_.time_start, time_end=event_.time_end,
                factuality=event_.factuality, attribution=event_.attribution,
                start=event_.evidence.start, end=event_.evidence.end,
                evidence=event_.evidence.text, confidence=event_.confidence))
            roles: dict[tuple[int, str], dict[str, Any]] = {}
            for role, local in [("actor", e) for e in event_.actors] + \
                    [("target", e) for e in event_.targets]:
                if local in ids:
                    code = codes.get(local) or {}
                    roles.setdefault((ids[local], role), dict(
                        article_id=article_id, event_local_id=event_.id, entity_id=ids[local],
                        role=role, country=code.get("country"), sector=code.get("sector")))
            role_rows += roles.values()
        for table, rows in ((t.events, event_rows), (t.event_roles, role_rows)):
            if rows:
                connection.execute(insert(table), rows)

    def record_failure(self, key: str, message: str) -> None:
        """Keep one row per failed record: a rerun that fails on it again replaces its
        row instead of adding a second one."""
        def work(connection: Connection) -> None:
            connection.execute(delete(t.failures).where(t.failures.c.key == key))
            connection.execute(insert(t.failures).values(
                key=key, message=message[:2000], at=dt.datetime.now(dt.timezone.utc)))

        self._run(work)

    # -- full-text search (the dialects') -------------------------------------------------------

    def _index_text(self, connection: Connection, article_id: str, title: str | None, body: str) -> None:
        """Postgres indexes through a generated column; SQLite writes its FTS table."""

    def _unindex_text(self, connection: Connection, article_ids: list[str]) -> None:
        """See _index_text."""

    def _text_match(self, query: str) -> tuple[Any, Any, Any]:
        """(condition, rank column, snippet column) for a full-text query."""
        raise NotImplementedError

    # -- reading -------------------------------------------------------------------------

    def count(self) -> int:
        return self._run(lambda c: c.execute(select(func.count()).select_from(t.articles))
                         .scalar_one(), write=False)

    def unclustered(self) -> int:
        """Articles stored since the last clustering (with --no-stories, or by an ingest
        stopped before its clustering committed)."""
        return self._run(lambda c: c.execute(select(func.count()).select_from(t.story_pending))
                         .scalar_one(), write=False)

    def pending_stories(self) -> list[str]:
        """The ids of the articles stored since the last clustering."""
        return self._run(lambda c: list(c.execute(select(t.story_pending.c.article_id)
                                                  .order_by(t.story_pending.c.article_id)).scalars()),
                         write=False)

    def failures(self) -> list[dict[str, Any]]:
        return self._run(lambda c: [dict(r) for r in c.execute(
            select(t.failures).order_by(t.failures.c.id)).mappings()], write=False)

    def get(self, article_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(t.articles.c.dossier, t.articles.c.story_id,
                                            t.articles.c.origin_id, t.articles.c.relation)
                                     .where(t.articles.c.id == article_id)).first()
        if row is None:
            return None
        return dict(row.dossier)

    def articles(self, filters: SearchFilters) -> list[ArticleSummary]:
        return self.search(filters)

    def search(self, filters: SearchFilters) -> list[ArticleSummary]:
        a = t.articles
        snippet = None
        rank = None
        query = select(a.c.id, a.c.title, a.c.publisher, a.c.published, a.c.url, a.c.story_id)
        conditions = self._filters(filters)
        if filters.query and filters.query.strip():
            match, rank, snippet = self._text_match(filters.query)
            conditions.append(match)
        if snippet is not None:
            query = query.add_columns(snippet.label("snippet"))
        query = query.where(and_(*conditions)) if conditions else query
        order = [rank] if rank is not None else []
        query = query.order_by(*order, a.c.published.desc().nulls_last(), a.c.id)
        query = query.limit(max(1, min(filters.limit, 500))).offset(max(0, filters.offset))
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [ArticleSummary(id=r["id"], title=r["title"], publisher=r["publisher"],
                               published=r["published"], url=r["url"], snippet=r.get("snippet"),
                               story_id=r["story_id"]) for r in rows]

    def _filters(self, f: SearchFilters) -> list[Any]:
        a = t.articles
        conditions: list[Any] = []
        if f.date_from:
            conditions.append(a.c.published >= f.date_from[:10])
        if f.date_to:
            conditions.append(a.c.published < _next_day(f.date_to[:10]))
        if f.publisher:
            conditions.append(func.lower(a.c.publisher) == f.publisher.lower())
        if f.story is not None:
            conditions.append(a.c.story_id == f.story)
        if f.entity:
            # by identity: every article of the entities so named or so mentioned anywhere
            # ("US" finds the articles that only say "America")
            conditions.append(exists().where(and_(
                t.mentions.c.article_id == a.c.id, t.mentions.c.entity_id.in_(named_entities(f.entity)))))
        if f.place:
            code = country_code(bare_name(f.place)) or (f.place.upper() if len(f.place.strip()) == 2 else None)
            places = select(t.entities.c.id).where(and_(
                t.entities.c.lat.is_not(None),
                or_(t.entities.c.id.in_(named_entities(f.place)),
                    *([t.entities.c.country == code] if code else []))))
            conditions.append(exists().where(and_(
                t.mentions.c.article_id == a.c.id, t.mentions.c.entity_id.in_(places))))
        if f.event_type:
            conditions.append(exists().where(and_(t.events.c.article_id == a.c.id,
                                                  t.events.c.type == f.event_type.upper())))
        if f.source:
            conditions.append(exists().where(and_(t.attributions.c.article_id == a.c.id,
                                                  func.lower(t.attributions.c.source) == f.source.lower())))
        return conditions

    def entities(self, query: str | None = None, type: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        e, m = t.entities, t.mentions
        count = func.count(m.c.id).label("mentions")
        articles = func.count(func.distinct(m.c.article_id)).label("articles")
        q = select(e.c.id, e.c.name, e.c.type, e.c.lat, e.c.lon, e.c.country, e.c.feature,
                   count, articles).join(m, m.c.entity_id == e.c.id).group_by(e.c.id)
        if query:
            # autoescape: a % or _ in the words is a character to find, not a LIKE wildcard
            q = q.where(func.lower(e.c.name).contains(query.lower(), autoescape=True))
        if type:
            q = q.where(e.c.type == type.upper())
        q = q.order_by(count.desc(), e.c.name).limit(max(1, min(limit, 1000))).offset(max(0, offset))
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(q).mappings()]

    def entity(self, name: str, limit: int = 200, offset: int = 0) -> list[EntityReport]:
        e = t.entities
        with self.engine.connect() as connection:
            ids = connection.execute(named_entities(name)).scalars().all()
            if not ids and name.strip().isdigit():
                ids = [int(name)]
            reports = [self._entity_report(connection, entity_id, limit, max(0, offset)) for entity_id in ids
                       if connection.execute(select(e.c.id).where(e.c.id == entity_id)).first()]
        # the entity most articles are about first: "Trump" is Donald Trump before a company
        return sorted(reports, key=lambda r: (-r.articles, r.id))

    def _entity_report(self, connection: Connection, entity_id: int, limit: int,
                       offset: int = 0) -> EntityReport:
        e, m, a = t.entities, t.mentions, t.articles
        row = connection.execute(select(e).where(e.c.id == entity_id)).mappings().one()
        report = EntityReport(id=row["id"], name=row["name"], type=row["type"])
        if row["lat"] is not None:
            report.place = {k: row[k] for k in ("lat", "lon", "country", "feature", "geonames_id")}
        mentions = connection.execute(
            select(m.c.text, m.c.start, m.c.end, a.c.id, a.c.title, a.c.publisher, a.c.published, a.c.url)
            .join(a, a.c.id == m.c.article_id).where(m.c.entity_id == entity_id)
            .order_by(a.c.published.nulls_last(), a.c.id, m.c.start).limit(limit).offset(offset)).mappings()
        (report.articles, report.mention_count, report.first_published,
         report.last_published) = connection.execute(
            select(func.count(func.distinct(m.c.article_id)), func.count(), func.min(a.c.published),
                   func.max(a.c.published)).join(a, a.c.id == m.c.article_id)
            .where(m.c.entity_id == entity_id)).one()
        report.articles = report.articles or 0
        for r in mentions:
            summary = ArticleSummary(r["id"], r["title"], r["publisher"], r["published"], r["url"])
            report.mentions.append(EntityMention(summary, r["text"], r["start"], r["end"]))
            if r["text"] != report.name and r["text"] not in report.aliases:
                report.aliases.append(r["text"])
        quotes = connection.execute(
            select(t.quotes.c.kind, t.quotes.c.text, t.quotes.c.cue, a.c.id.label("article_id"),
                   a.c.title, a.c.published)
            .join(a, a.c.id == t.quotes.c.article_id).where(t.quotes.c.speaker_id == entity_id)
            .order_by(a.c.published.nulls_last(), a.c.id, t.quotes.c.start).limit(limit).offset(offset)).mappings()
        report.quotes = [dict(q) for q in quotes]
        report.quote_count = connection.execute(
            select(func.count()).select_from(t.quotes).where(t.quotes.c.speaker_id == entity_id)).scalar_one()
        events = connection.execute(
            select(t.events.c.type, t.events.c.mode, t.events.c.evidence, t.events.c.time_start,
                   t.events.c.factuality, t.event_roles.c.role, a.c.id.label("article_id"),
                   a.c.title, a.c.published)
            .join(t.event_roles, and_(t.event_roles.c.article_id == t.events.c.article_id,
                                      t.event_roles.c.event_local_id == t.events.c.local_id))
            .join(a, a.c.id == t.events.c.article_id)
            .where(t.event_roles.c.entity_id == entity_id)
            .order_by(func.coalesce(t.events.c.time_start, a.c.published).nulls_last(), a.c.id,
                      t.events.c.local_id, t.event_roles.c.role).limit(limit).offset(offset)).mappings()
        report.events = [dict(ev) for ev in events]
        report.event_count = connection.execute(
            select(func.count()).select_from(t.event_roles).where(t.event_roles.c.entity_id == entity_id)).scalar_one()
        return report

    # -- lineage and stories ---------------------------------------------------------------

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
            for part in _parts(done):
                connection.execute(delete(t.story_pending).where(t.story_pending.c.article_id.in_(part)))

        self._run(work)

    def story_samples(self, article_ids: Iterable[str], per_story: int) -> dict[str, tuple[int, list[str]]]:
        """For each of these articles that is in a story: the story's id and up to
        `per_story` of its members, the most recently published first."""
        a = t.articles
        found: dict[str, tuple[int, list[str]]] = {}

        def work(connection: Connection) -> dict[str, tuple[int, list[str]]]:
            story_of: dict[str, int] = {}
            for part in _parts(sorted(set(article_ids))):
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
            for part in _parts(sorted(anchors)):
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
        for part in _parts(sorted(set(article_ids))):
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
            for part in _parts(sorted(set(article_ids))):
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

    def dossiers(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            query = (select(t.articles.c.dossier).order_by(t.articles.c.ingested_at, t.articles.c.id)
                     .limit(batch).offset(offset))
            rows = self._run(lambda c: c.execute(query).scalars().all(), write=False)
            if not rows:
                return
            yield from (dict(r) for r in rows)
            offset += batch


# Merges are re-pointed to the live story as they happen; a few hops cover any left.
MAX_MERGE_HOPS = 8
ROWS_PER_INSERT = 5000
IDS_PER_QUERY = 500          # ids bound in one IN (...): under SQLite's variable limit


@overload
def _parts(ids: list[Any]) -> Iterator[list[Any]]: ...


@overload
def _parts(ids: None) -> Iterator[None]: ...


def _parts(ids: list[Any] | None) -> Iterator[list[Any] | None]:
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


def _reason(exc: DBAPIError) -> str:
    """The driver's message, on one line (the CLI prints one line per error)."""
    return " ".join(str(exc.orig).split()) or type(exc.orig).__name__


def _next_day(day: str) -> str:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return day


# -- the two databases -----------------------------------------------------------------------


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        if url in MEMORY_URLS:
            # One connection shared by every thread (the API's workers too): each new
            # connection to an in-memory database would be another, empty database.
            engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            engine = create_engine(url, connect_args={"timeout": 60})
        max_pages = sqlite_max_pages()

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, record: Any) -> None:
            # SQLAlchemy, not sqlite3, begins transactions (see `_begin`): sqlite3's own
            # mode runs DDL outside any transaction.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")      # readers never block the writer
            cursor.execute("PRAGMA synchronous=NORMAL")    # safe with WAL; much faster
            cursor.execute("PRAGMA foreign_keys=ON")
            if max_pages:
                cursor.execute(f"PRAGMA max_page_count={max_pages}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            write = connection.get_execution_options().get("newstrace_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        super().__init__(url, engine)

    def _is_full(self, exc: DBAPIError) -> bool:
        code = getattr(exc.orig, "sqlite_errorcode", None)
        return (code is not None and code & 0xFF == SQLITE_FULL) or \
            "database or disk is full" in str(exc.orig)

    def _insert_ignore(self, table: Any, keys: list[str]) -> Any:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)

    def _index_text(self, connection: Connection, article_id: str, title: str | None, body: str) -> None:
        connection.execute(text("INSERT INTO articles_fts (article_id, title, text) VALUES (:i, :t, :b)"),
                           {"i": article_id, "t": title or "", "b": body})

    def _unindex_text(self, connection: Connection, article_ids: list[str]) -> None:
        for article_id in article_ids:
            connection.execute(text("DELETE FROM articles_fts WHERE article_id = :i"), {"i": article_id})

    def _text_match(self, query: str) -> tuple[Any, Any, Any]:
        # One FTS5 query joined once: rank and snippet come out of the same MATCH instead of
        # two correlated subqueries per matching row (a 3x difference under load).
        terms = fts5_terms(query)
        fts = (text("SELECT article_id, rank, snippet(articles_fts, 2, '[', ']', '…', 16) AS snippet "
                    "FROM articles_fts WHERE articles_fts MATCH :q")
               .bindparams(q=terms)
               .columns(article_id=t.articles.c.id.type, rank=Float, snippet=Text)
               .subquery("fts"))
        return t.articles.c.id == fts.c.article_id, fts.c.rank, fts.c.snippet


SQLITE_FULL = 13      # the primary result code; extended codes keep it in the low byte


def sqlite_max_pages() -> int | None:
    """The page limit NEWSTRACE_SQLITE_MAX_PAGES sets (tests simulate a full disk with it)."""
    raw = os.environ.get(SQLITE_MAX_PAGES_ENV, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise StoreError(f"{SQLITE_MAX_PAGES_ENV}={raw!r} is not a positive number of pages")
    return int(raw)


def fts5_terms(query: str) -> str:
    """A user's words as an FTS5 query of quoted terms (all must match): nothing the
    user types is read as FTS5 syntax."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words) or '""'


# admin_shutdown (a fast stop, or pg_terminate_backend), crash_shutdown, cannot_connect_now
# (starting up or shutting down): the server comes back, so the work is tried again.
RESTARTING = {"57P01", "57P02", "57P03"}


class PostgresStore(SqlStore):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        connect_args = {} if "application_name=" in url else {"application_name": APPLICATION_NAME}
        # pre_ping: a pooled connection that died with a server restart is replaced, not used.
        # A pool as large as the web server's thread pool (40 handlers at once): connections
        # past the pool's size are opened and closed per request, a new backend each time.
        # Connections are opened as needed: an ingest holds one.
        engine = create_engine(url, pool_pre_ping=True, pool_size=40, max_overflow=10,
                               connect_args=connect_args)
        super().__init__(url, engine)

    def _is_full(self, exc: DBAPIError) -> bool:
        return getattr(exc.orig, "sqlstate", None) == "53100"       # disk_full

    def _is_disconnect(self, exc: DBAPIError) -> bool:
        import psycopg

        state = getattr(exc.orig, "sqlstate", None)
        if exc.connection_invalidated or (state or "").startswith("08") or state in RESTARTING:
            return True
        # No SQLSTATE at all: the server could not be reached or closed the socket.
        return isinstance(exc.orig, psycopg.OperationalError) and state is None

    def _insert_ignore(self, table: Any, keys: list[str]) -> Any:
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        return postgres_insert(table).on_conflict_do_nothing(index_elements=keys)

    def _text_match(self, query: str) -> tuple[Any, Any, Any]:
        # plainto_tsquery: every word must match and nothing is syntax, as with FTS5 above
        # (websearch_to_tsquery would read "-word" as NOT and "or" as OR).
        tsquery = func.plainto_tsquery("english", query)
        column: ColumnClause[Any] = literal_column("articles.search")   # a generated column the migration adds
        condition = column.op("@@")(tsquery)
        rank = -func.ts_rank(column, tsquery)
        snippet = func.ts_headline("english", t.articles.c.text, tsquery,
                                   "StartSel=[, StopSel=], MaxWords=30, MinWords=10")
        return condition, rank, snippet


def open_store(url: str | None = None, create: bool = True) -> SqlStore:
    """The store at `url`: a file path or sqlite:/// URL (the default, newstrace.db),
    postgresql://user:password@host/database, or ":memory:" (SQLite in memory, gone
    when the store is closed). With `create=False` (a command that
    only reads the corpus), a SQLite file that does not exist is an error, not a new
    empty corpus."""
    url = url or DEFAULT_DB
    if url == MEMORY or url in MEMORY_URLS:
        return SqliteStore("sqlite://")
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return PostgresStore(url)
    if url.startswith("sqlite:"):
        if not create:
            _require_file(url[len("sqlite:///"):] if url.startswith("sqlite:///") else "")
        return SqliteStore(url)
    if "://" in url:
        raise StoreError(f"unknown database URL {url!r}: give a file path (SQLite) or "
                         "postgresql://user:password@host/database")
    path = Path(url).expanduser()
    if not create:
        _require_file(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"the folder of {path} does not exist; create it or give another --db")
    return SqliteStore(f"sqlite:///{path}")


def _require_file(path: Path | str) -> None:
    """A corpus to read must exist (an in-memory SQLite database aside)."""
    if path and str(path) != ":memory:" and not Path(path).exists():
        raise StoreError(f"no corpus at {path}: ingest articles into it first "
                         f"(newstrace ingest FILES --db {path}), or give another --db")
