"""The store's follower tables: each followed source's state and the entries handled.

`FollowTables` is part of `SqlStore` (store/sql.py), beside `StoryTables` and
`BrowseQueries`; it runs its SQL through the store's retried units of work (`_run`).
Writes replace a row whole (delete, then insert, in one transaction): the same SQL on
SQLite and PostgreSQL, and idempotent, so a retried unit of work does no harm.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, TypeVar

from sqlalchemy import Connection, delete, insert, select

from . import schema as t
from .links import slices

T = TypeVar("T")


class FollowTables:
    """Sources and entries; the class using it has `_run`."""

    def _run(self, work: Callable[[Connection], T], write: bool = True) -> T:
        raise NotImplementedError     # SqlStore's: a unit of work, retried

    def follow_sources(self) -> list[dict[str, Any]]:
        """Every followed source's state, by URL."""
        query = select(t.follow_sources).order_by(t.follow_sources.c.url)
        return self._run(lambda c: [dict(row) for row in c.execute(query).mappings()], write=False)

    def save_follow_sources(self, rows: Iterable[dict[str, Any]]) -> None:
        """Replace the state of these sources (each a full row of `follow_sources`)."""
        batch = list(rows)

        def work(connection: Connection) -> None:
            urls = [row["url"] for row in batch]
            for part in slices(urls):
                connection.execute(delete(t.follow_sources).where(t.follow_sources.c.url.in_(part)))
            if batch:
                connection.execute(insert(t.follow_sources), batch)

        self._run(work)

    def entry_states(self, urls: Iterable[str]) -> dict[str, tuple[str, int]]:
        """What the store knows of these entry links: ("stored", 0) for a link stored as
        an article or an exact copy, else the follower's (state, attempts) for it."""
        wanted = list(dict.fromkeys(urls))

        def work(connection: Connection) -> dict[str, tuple[str, int]]:
            found: dict[str, tuple[str, int]] = {}
            for part in slices(wanted):
                entries = t.follow_entries
                for url, state, attempts in connection.execute(
                        select(entries.c.url, entries.c.state, entries.c.attempts)
                        .where(entries.c.url.in_(part))):
                    found[url] = (state, attempts)
                for table in (t.articles, t.exact_copies):
                    for url in connection.execute(select(table.c.url).where(table.c.url.in_(part))).scalars():
                        found[url] = ("stored", 0)
            return found

        return self._run(work, write=False)

    def record_entries(self, rows: Iterable[dict[str, Any]]) -> None:
        """Replace the follower's record of these entries (full rows of `follow_entries`)."""
        batch = list(rows)

        def work(connection: Connection) -> None:
            for part in slices([row["url"] for row in batch]):
                connection.execute(delete(t.follow_entries).where(t.follow_entries.c.url.in_(part)))
            if batch:
                connection.execute(insert(t.follow_entries), batch)

        self._run(work)

