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
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar, cast

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..geo.names import country_code
from ..nlp.names import fold
from ..text.sites import host_name
from . import parts
from . import schema as t
from .base import (
    AddResult,
    ArticleSummary,
    EntityMention,
    EntityReport,
    LineageLink,
    SearchFilters,
    StoredArticle,
)
from .browse import BrowseQueries, bare_name, named_entities
from .follow import FollowTables
from .links import StoryTables

MIGRATIONS = Path(__file__).parent / "migrations"
RETRIES_ENV = "NEWSTRACE_DB_RETRIES"
DEFAULT_RETRIES = 6
FIRST_BACKOFF = 0.5          # seconds; doubled after each failed try
MAX_BACKOFF = 8.0
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


class SqlStore(StoryTables, BrowseQueries, FollowTables):
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


def _reason(exc: DBAPIError) -> str:
    """The driver's message, on one line (the CLI prints one line per error)."""
    return " ".join(str(exc.orig).split()) or type(exc.orig).__name__


def _next_day(day: str) -> str:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return day
