"""The two databases behind `SqlStore`: SQLite (a file, or memory) and PostgreSQL. They
differ in full-text search (an FTS5 table; a generated tsvector column with a GIN
index), upserts, and what a full disk or a dropped connection looks like; `open_store`
picks one from a URL.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnClause,
    Connection,
    Float,
    Text,
    create_engine,
    event,
    func,
    literal_column,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from . import schema as t
from .sql import SqlStore

DEFAULT_DB = "newstrace.db"
# A store held in memory for the life of the process (tests, notebooks, one-off scripts):
# `open_store(":memory:")`.
MEMORY = ":memory:"
MEMORY_URLS = ("sqlite://", "sqlite:///:memory:")
SQLITE_MAX_PAGES_ENV = "NEWSTRACE_SQLITE_MAX_PAGES"


# Kept in pg_stat_activity: tells an operator (and the fault tests) which sessions are ours.
APPLICATION_NAME = "newstrace"


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


