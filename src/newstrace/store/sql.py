"""The store on SQL databases, through SQLAlchemy 2: SQLite and PostgreSQL.

Everything but full-text search is the same SQL for both; `SqliteStore` and
`PostgresStore` differ in how they index and search text (FTS5; tsvector), and in
their upserts. Every write of a batch is one transaction: a killed ingest loses at
most the batch it was writing, and rerunning it stores each article exactly once.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import (
    Connection,
    Engine,
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
    update,
)
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..nlp.names import fold
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

DEFAULT_DB = "newstrace.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def entity_key(entity: dict[str, Any]) -> str:
    """The same person or place across articles: one key. Places by their gazetteer
    identity, others by type and folded canonical name."""
    place = entity.get("place")
    if place:
        if place.get("geonames_id"):
            return f"place:{place['geonames_id']}"
        return f"place:{place.get('country')}:{place.get('feature')}:{fold(entity['name'])}"
    return f"{entity['type'].lower()}:{fold(entity['name'])}"[:300]


def migrate(connection: Connection) -> None:
    """Bring the database to the newest schema (Alembic, run in this process)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


class SqlStore:
    """The shared implementation; subclasses bring full-text search."""

    dialect = ""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        try:
            with self.engine.begin() as connection:
                migrate(connection)
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {self.safe_url}: {exc.orig}; "
                             "check the path or that the database server is running") from exc

    @property
    def safe_url(self) -> str:
        return re.sub(r"://([^:/@]+):[^@]+@", r"://\1:***@", self.url)

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -----------------------------------------------------------------------

    def seen(self, content_hash: str, url: str | None) -> bool:
        condition = t.articles.c.content_hash == content_hash
        if url:
            condition = or_(condition, t.articles.c.url == url)
        with self.engine.connect() as connection:
            return connection.execute(select(exists().where(condition))).scalar()

    def add(self, articles: Iterable[StoredArticle], replace: bool = False) -> AddResult:
        result = AddResult()
        try:
            with self.engine.begin() as connection:
                for article in articles:
                    self._add_one(connection, article, replace, result)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not write to the store at {self.safe_url}: {exc}") from exc
        return result

    def _add_one(self, connection: Connection, article: StoredArticle, replace: bool,
                 result: AddResult) -> None:
        dossier = article.dossier
        meta = dossier["metadata"]
        url = meta.get("url")
        existing = self._existing(connection, dossier["id"], article.content_hash, url)
        if existing and not replace:
            result.skipped += 1
            return
        if existing:
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
        self._index_text(connection, dossier["id"], meta.get("title"), dossier["text"])
        ids = self._upsert_entities(connection, dossier["entities"])
        self._add_parts(connection, dossier, ids)

    def _existing(self, connection: Connection, article_id: str, content_hash: str,
                  url: str | None) -> list[str]:
        condition = or_(t.articles.c.id == article_id, t.articles.c.content_hash == content_hash)
        if url:
            condition = or_(condition, t.articles.c.url == url)
        return list(connection.execute(select(t.articles.c.id).where(condition)).scalars())

    def _delete(self, connection: Connection, article_ids: list[str]) -> None:
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
            rows[key] = dict(key=key, name=entity["name"], type=entity["type"],
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
        quote_rows = [dict(article_id=article_id, local_id=q["id"], kind=q["kind"],
                           speaker_id=ids.get(q["speaker"]) if q.get("speaker") else None,
                           start=q["span"]["start"], end=q["span"]["end"], text=q["span"]["text"],
                           cue=(q.get("cue") or {}).get("text"))
                      for q in dossier["quotes"]]
        attribution_rows = [dict(article_id=article_id, local_id=a["id"], kind=a["kind"],
                                 source=a["source"], factuality=a.get("factuality"),
                                 source_id=ids.get(a["source_entity"]) if a.get("source_entity") else None,
                                 start=a["span"]["start"], end=a["span"]["end"], text=a["span"]["text"])
                            for a in dossier["sources"]["attributions"]]
        for table, rows in ((t.mentions, mention_rows), (t.quotes, quote_rows),
                            (t.attributions, attribution_rows)):
            if rows:
                connection.execute(insert(table), rows)
        event_rows, role_rows = [], []
        for event_ in dossier["events"]:
            time = event_.get("time") or {}
            event_rows.append(dict(
                article_id=article_id, local_id=event_["id"], type=event_["type"],
                mode=event_.get("mode"), place_id=ids.get(event_["place"]) if event_.get("place") else None,
                time_start=time.get("start"), time_end=time.get("end"),
                factuality=event_.get("factuality"), attribution=event_.get("attribution"),
                start=event_["evidence"]["start"], end=event_["evidence"]["end"],
                evidence=event_["evidence"]["text"]))
            roles = {(ids[e], "actor") for e in event_["actors"] if e in ids}
            roles |= {(ids[e], "target") for e in event_["targets"] if e in ids}
            role_rows += [dict(article_id=article_id, event_local_id=event_["id"], entity_id=entity,
                               role=role) for entity, role in roles]
        for table, rows in ((t.events, event_rows), (t.event_roles, role_rows)):
            if rows:
                connection.execute(insert(table), rows)

    def record_failure(self, key: str, message: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(t.failures).values(
                key=key, message=message[:2000], at=dt.datetime.now(dt.timezone.utc)))

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
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(t.articles)).scalar_one()

    def failures(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(t.failures).order_by(t.failures.c.id)).mappings()
            return [dict(r) for r in rows]

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
            conditions.append(exists().where(and_(
                t.mentions.c.article_id == a.c.id, t.mentions.c.entity_id == t.entities.c.id,
                or_(func.lower(t.entities.c.name) == f.entity.lower(),
                    func.lower(t.mentions.c.text) == f.entity.lower()))))
        if f.place:
            conditions.append(exists().where(and_(
                t.mentions.c.article_id == a.c.id, t.mentions.c.entity_id == t.entities.c.id,
                t.entities.c.lat.is_not(None),
                or_(func.lower(t.entities.c.name) == f.place.lower(),
                    func.lower(t.mentions.c.text) == f.place.lower(),
                    t.entities.c.country == f.place.upper()))))
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
            q = q.where(func.lower(e.c.name).contains(query.lower()))
        if type:
            q = q.where(e.c.type == type.upper())
        q = q.order_by(count.desc(), e.c.name).limit(max(1, min(limit, 1000))).offset(max(0, offset))
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(q).mappings()]

    def entity(self, name: str, limit: int = 200) -> list[EntityReport]:
        e, m = t.entities, t.mentions
        lowered = name.strip().lower()
        with self.engine.connect() as connection:
            ids = connection.execute(
                select(e.c.id).where(func.lower(e.c.name) == lowered)
                .union(select(m.c.entity_id).where(func.lower(m.c.text) == lowered))
            ).scalars().all()
            if not ids and name.strip().isdigit():
                ids = [int(name)]
            return [self._entity_report(connection, entity_id, limit) for entity_id in ids
                    if connection.execute(select(e.c.id).where(e.c.id == entity_id)).first()]

    def _entity_report(self, connection: Connection, entity_id: int, limit: int) -> EntityReport:
        e, m, a = t.entities, t.mentions, t.articles
        row = connection.execute(select(e).where(e.c.id == entity_id)).mappings().one()
        report = EntityReport(id=row["id"], name=row["name"], type=row["type"])
        if row["lat"] is not None:
            report.place = {k: row[k] for k in ("lat", "lon", "country", "feature", "geonames_id")}
        mentions = connection.execute(
            select(m.c.text, m.c.start, m.c.end, a.c.id, a.c.title, a.c.publisher, a.c.published, a.c.url)
            .join(a, a.c.id == m.c.article_id).where(m.c.entity_id == entity_id)
            .order_by(a.c.published.nulls_last(), a.c.id, m.c.start).limit(limit)).mappings()
        for r in mentions:
            summary = ArticleSummary(r["id"], r["title"], r["publisher"], r["published"], r["url"])
            report.mentions.append(EntityMention(summary, r["text"], r["start"], r["end"]))
            if r["text"] != report.name and r["text"] not in report.aliases:
                report.aliases.append(r["text"])
        quotes = connection.execute(
            select(t.quotes.c.kind, t.quotes.c.text, t.quotes.c.cue, a.c.id.label("article_id"),
                   a.c.title, a.c.published)
            .join(a, a.c.id == t.quotes.c.article_id).where(t.quotes.c.speaker_id == entity_id)
            .order_by(a.c.published.nulls_last()).limit(limit)).mappings()
        report.quotes = [dict(q) for q in quotes]
        events = connection.execute(
            select(t.events.c.type, t.events.c.mode, t.events.c.evidence, t.events.c.time_start,
                   t.events.c.factuality, t.event_roles.c.role, a.c.id.label("article_id"),
                   a.c.title, a.c.published)
            .join(t.event_roles, and_(t.event_roles.c.article_id == t.events.c.article_id,
                                      t.event_roles.c.event_local_id == t.events.c.local_id))
            .join(a, a.c.id == t.events.c.article_id)
            .where(t.event_roles.c.entity_id == entity_id)
            .order_by(func.coalesce(t.events.c.time_start, a.c.published).nulls_last()).limit(limit)).mappings()
        report.events = [dict(ev) for ev in events]
        return report

    # -- lineage and stories ---------------------------------------------------------------

    def fingerprints(self) -> list[tuple[str, str | None, bytes]]:
        a = t.articles
        with self.engine.connect() as connection:
            return [tuple(r) for r in connection.execute(
                select(a.c.id, a.c.published, a.c.fingerprint).where(a.c.fingerprint.is_not(None))
                .order_by(a.c.ingested_at))]

    def set_lineage(self, links: Iterable[LineageLink]) -> None:
        with self.engine.begin() as connection:
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
                "copies": [dict(c) for c in copies]}

    def set_stories(self, clusters: list[list[str]]) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(t.articles).values(story_id=None))
            connection.execute(delete(t.stories))
            for members in clusters:
                first = connection.execute(
                    select(t.articles.c.id, t.articles.c.title).where(t.articles.c.id.in_(members))
                    .order_by(t.articles.c.published.nulls_last(), t.articles.c.ingested_at)).first()
                story_id = connection.execute(insert(t.stories).values(
                    label=first.title if first else None, size=len(members),
                    earliest_id=first.id if first else None).returning(t.stories.c.id)).scalar_one()
                connection.execute(update(t.articles).where(t.articles.c.id.in_(members))
                                   .values(story_id=story_id))

    def stories(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(
                select(t.stories).order_by(t.stories.c.size.desc(), t.stories.c.id)
                .limit(limit).offset(offset)).mappings()]

    def dossiers(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(select(t.articles.c.dossier).order_by(
                    t.articles.c.ingested_at, t.articles.c.id).limit(batch).offset(offset)).scalars().all()
            if not rows:
                return
            yield from (dict(r) for r in rows)
            offset += batch


def _next_day(day: str) -> str:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return day


# -- the two databases -----------------------------------------------------------------------


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")      # readers never block the writer
            cursor.execute("PRAGMA synchronous=NORMAL")    # safe with WAL; much faster
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        super().__init__(url, engine)

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
        terms = fts5_terms(query)
        matching = text("SELECT article_id FROM articles_fts WHERE articles_fts MATCH :q") \
            .bindparams(q=terms).columns(article_id=t.articles.c.id.type)
        condition = t.articles.c.id.in_(select(matching.subquery().c.article_id))
        rank = select(text("bm25(articles_fts)")).select_from(text("articles_fts")).where(
            text("articles_fts MATCH :q2").bindparams(q2=terms),
            text("articles_fts.article_id = articles.id")).scalar_subquery()
        snippet = select(text("snippet(articles_fts, 2, '[', ']', '…', 16)")).select_from(
            text("articles_fts")).where(text("articles_fts MATCH :q3").bindparams(q3=terms),
                                        text("articles_fts.article_id = articles.id")).scalar_subquery()
        return condition, rank, snippet


def fts5_terms(query: str) -> str:
    """A user's words as an FTS5 query of quoted terms (all must match): nothing the
    user types is read as FTS5 syntax."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words) or '""'


class PostgresStore(SqlStore):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        super().__init__(url, create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10))

    def _insert_ignore(self, table: Any, keys: list[str]) -> Any:
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        return postgres_insert(table).on_conflict_do_nothing(index_elements=keys)

    def _text_match(self, query: str) -> tuple[Any, Any, Any]:
        tsquery = func.websearch_to_tsquery("english", query)
        column = literal_column("articles.search")   # a generated column the migration adds
        condition = column.op("@@")(tsquery)
        rank = -func.ts_rank(column, tsquery)
        snippet = func.ts_headline("english", t.articles.c.text, tsquery,
                                   "StartSel=[, StopSel=], MaxWords=30, MinWords=10")
        return condition, rank, snippet


def open_store(url: str | None = None) -> SqlStore:
    """The store at `url`: a file path or sqlite:/// URL (the default, newstrace.db),
    or postgresql://user:password@host/database."""
    url = url or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return PostgresStore(url)
    if url.startswith("sqlite:"):
        return SqliteStore(url)
    if "://" in url:
        raise StoreError(f"unknown database URL {url!r}: give a file path (SQLite) or "
                         "postgresql://user:password@host/database")
    path = Path(url).expanduser()
    if path.parent and not path.parent.exists():
        raise StoreError(f"the folder of {path} does not exist; create it or give another --db")
    return SqliteStore(f"sqlite:///{path}")
