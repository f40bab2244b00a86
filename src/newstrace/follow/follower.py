"""Rounds of following: poll the sources that are due, fetch their new entries' pages,
analyse and store them through the same path as `newstrace ingest`.

One round:

1. each due source is fetched (conditional GET with its stored validators) and read as
   a feed, a sitemap or a home page whose feed is then fetched (sources.py);
2. its entries are checked against the store: a link stored as an article or a copy, or
   handled before, is never fetched again;
3. the new entries' pages are fetched, several at once, each host at its own pace; a
   page that robots.txt keeps from us is replaced by the entry's own content when the
   feed gave some;
4. the pages go through `corpus.ingest.ingest_records`, as files do: analysed on the
   process pool, stored in batches with their lineage links, placed in stories;
5. the entries and the sources' states (validators, counts, error, next poll time) are
   written to the store.

A source that fails is reported with its error and polled again later (backing off
while it keeps failing); the others go on. A page that fails is tried again in the next
rounds, up to `page_attempts`, unless retrying cannot help (404, too large, refused).
A follower killed at any point resumes from the store: what was stored is not fetched
or stored again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from ..config import Options
from ..corpus.ingest import ingest_records
from ..corpus.service import Done, IngestSummary
from ..errors import FetchError, RobotsError
from ..inputs import ReadError, Record
from ..store.base import Store
from .fetcher import Fetched, Fetcher
from .settings import FollowSettings
from .sources import FEED, PAGE, SITEMAP, Entry, Listing, read_listing

# A home page's feeds tried in one poll, and a sitemap index's sitemaps read.
MAX_FEEDS_TRIED = 3
MAX_CHILD_SITEMAPS = 5
# A failing source waits its interval times 2, 4, ... up to this many times.
MAX_BACKOFF_FACTOR = 16
# With --every 0 (poll each round) a failing source still waits this long.
MIN_ERROR_WAIT = 60.0
# Seconds between two rounds at least, whatever the interval.
MIN_ROUND_WAIT = 10.0
# A listing is read this many times `max_entries` deep, so that the first `max_entries`
# entries not stored yet are found below the ones stored before.
LISTED_PER_NEW = 10
# Pages fetched ahead of the analysis, per request in flight.
PAGES_AHEAD = 4

Clock = Callable[[], dt.datetime]
log = logging.getLogger(__name__)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(slots=True)
class SourceReport:
    """What one round did with one source."""

    url: str
    status: str                 # ok, not modified, error, not due
    listed: int = 0             # entries its answer listed
    new: int = 0                # of them, not handled before
    stored: int = 0             # articles stored from it
    error: str | None = None
    next_poll: dt.datetime | None = None


@dataclass(slots=True)
class RoundSummary:
    sources: list[SourceReport] = field(default_factory=list)
    fetched: int = 0            # pages fetched
    fetch_failed: int = 0
    from_feed: int = 0          # entries analysed from the feed's own content
    ingest: IngestSummary = field(default_factory=IngestSummary)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for report in self.sources if report.status == status)

    @property
    def rate(self) -> float:
        """Articles stored per second of the whole round (fetching included)."""
        return self.ingest.stored / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class _Polled:
    report: SourceReport
    state: dict[str, Any]
    entries: list[Entry] = field(default_factory=list)
    retry_after: float | None = None
    left_over: int = 0           # new entries left for a later round (over a limit)


@dataclass(slots=True)
class _Page:
    entry: Entry
    record: Record | ReadError
    retry: bool = False          # the failure may pass: try again next round


class Follower:
    """Follows `settings.sources` into `store`. Use one per process; not thread-safe."""

    def __init__(self, store: Store, settings: FollowSettings, options: Options | None = None, *,
                 clock: Clock = utc_now, fetcher: Fetcher | None = None, pool: bool = False,
                 batch_size: int = 16) -> None:
        self.store, self.settings = store, settings
        self.options = options or Options.load()
        self.clock = clock
        self.fetcher = fetcher or Fetcher(settings)
        self.pool, self.batch_size = pool, batch_size

    def close(self) -> None:
        self.fetcher.close()

    @property
    def _depth(self) -> int:
        """How deep a listing is read."""
        return self.settings.max_entries * LISTED_PER_NEW

    # -- a round ------------------------------------------------------------------------------

    def round(self, force: bool = False,
              progress: Callable[[IngestSummary], None] | None = None) -> RoundSummary:
        """Poll the due sources (every source when `force`), store what is new."""
        started = time.perf_counter()
        summary = RoundSummary()
        now = self.clock()
        states = {row["url"]: row for row in self.store.follow_sources()}
        due: list[dict[str, Any]] = []
        waiting: list[dict[str, Any]] = []
        for url in self.settings.sources:
            state = states.get(url) or _fresh_state(url)
            (due if force or _is_due(state, now) else waiting).append(state)
        polled = self._map(self._poll, due)
        attempts: dict[str, int] = {}
        entries = self._new_entries(polled, attempts)
        pages: list[_Page] = []              # filled as the analysis takes them
        by_url = {entry.url: entry for entry in entries}

        def committed(batch: list[Done]) -> None:
            # Entries marked as soon as their batch is in: a follower killed later in the
            # round does not fetch them again (their article's address may differ).
            self.store.record_entries(
                _entry_state(by_url[done.key], attempts.get(done.key, 0), now,
                             "done" if done.dossier is not None else "left", done.error)
                for done in batch if done.key in by_url)

        summary.ingest = ingest_records(
            (page.record for page in self._fetch_pages(entries, summary, pages)), self.store,
            self.options, workers=self.settings.workers or None, batch_size=self.batch_size,
            pool=self.pool, progress=progress, on_batch=committed)
        self._record(polled, pages, attempts, summary, now)
        summary.sources = [p.report for p in polled] + [
            SourceReport(s["url"], "not due", next_poll=_aware(s["next_poll"])) for s in waiting]
        summary.seconds = time.perf_counter() - started
        return summary

    def next_due(self) -> dt.datetime | None:
        """When the next source is due (None when no source is followed)."""
        states = {row["url"]: row for row in self.store.follow_sources()}
        times = [_aware(states[url]["next_poll"]) or self.clock() if url in states
                 else self.clock() for url in self.settings.sources]
        return min(times) if times else None

    def run(self, stop: threading.Event, report: Callable[[RoundSummary], None],
            once: bool = False, force: bool = False,
            progress: Callable[[IngestSummary], None] | None = None) -> None:
        """Rounds until `stop` is set (after one with `once`), waiting between them
        until a source is due; the first round polls every source when `force`.
        `progress` hears of each stored batch, `report` of each round."""
        while not stop.is_set():
            report(self.round(force=force, progress=progress))
            force = False
            if once:
                return
            due = self.next_due()
            wait = (due - self.clock()).total_seconds() if due else self.settings.every
            stop.wait(max(MIN_ROUND_WAIT, wait))

    def _map(self, function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        if not items:
            return []
        with ThreadPoolExecutor(max_workers=min(self.settings.concurrency, len(items))) as pool:
            return list(pool.map(function, items))

    # -- polling a source ----------------------------------------------------------------------

    def _poll(self, state: dict[str, Any]) -> _Polled:
        url = state["url"]
        polled = _Polled(SourceReport(url, "ok"), dict(state))
        try:
            listing = self._listing(polled.state)
        except FetchError as exc:
            polled.report.status, polled.report.error = "error", str(exc)
            polled.retry_after = exc.retry_after
            polled.state = dict(state)      # what a failed poll read is not kept
            return polled
        except Exception as exc:  # noqa: BLE001  (one source's bug never stops the round)
            log.exception("follow: %s", url)
            polled.report.status = "error"
            polled.report.error = f"{url}: could not be read ({type(exc).__name__}: {exc}); please report it"
            polled.state = dict(state)
            return polled
        if listing is None:
            polled.report.status = "not modified"
            return polled
        polled.state["kind"] = listing.kind
        polled.report.listed = listing.total
        polled.entries = listing.entries
        return polled

    def _listing(self, state: dict[str, Any]) -> Listing | None:
        """The source's entries; None when its feed is not modified."""
        url, target = state["url"], state.get("feed_url") or state["url"]
        try:
            fetched = self._get_listing(target, state)
        except FetchError as exc:
            if target == url or not exc.permanent:
                raise
            # the feed found on the home page before is gone: look for it again
            state["feed_url"] = state["etag"] = state["last_modified"] = None
            fetched = self._get_listing(url, state)
        if fetched.not_modified:
            return None
        listing = read_listing(url, fetched, self._depth)
        if listing.kind == PAGE:
            return self._discovered(state, listing)
        if listing.kind == SITEMAP and listing.sitemaps:
            self._read_children(url, listing)
        return listing

    def _get_listing(self, target: str, state: dict[str, Any]) -> Fetched:
        # A source with entries left for later rounds is read whole: a 304 would hide them.
        conditional = not state.get("pending")
        fetched = self.fetcher.get(target, self.settings.max_feed_bytes,
                                   etag=state.get("etag") if conditional else None,
                                   last_modified=state.get("last_modified") if conditional else None)
        if not fetched.not_modified:
            state["etag"], state["last_modified"] = fetched.etag, fetched.last_modified
        return fetched

    def _discovered(self, state: dict[str, Any], page: Listing) -> Listing:
        """The first feed of a home page's that answers as a feed or a sitemap."""
        problems = []
        for feed in page.feeds[:MAX_FEEDS_TRIED]:
            try:
                fetched = self.fetcher.get(feed, self.settings.max_feed_bytes)
                listing = read_listing(state["url"], fetched, self._depth)
            except FetchError as exc:
                problems.append(str(exc))
                continue
            if listing.kind in (FEED, SITEMAP):
                state["feed_url"], state["etag"] = feed, fetched.etag
                state["last_modified"] = fetched.last_modified
                return listing
            problems.append(f"{feed}: is not a feed")
        raise FetchError(f"{state['url']}: none of the feeds it links to could be read: "
                         + "; ".join(problems[:MAX_FEEDS_TRIED]), permanent=True)

    def _read_children(self, source: str, index: Listing) -> None:
        """A sitemap index: the entries of its first sitemaps."""
        for child in index.sitemaps[:MAX_CHILD_SITEMAPS]:
            room = self._depth - len(index.entries)
            if room <= 0:
                return
            try:
                fetched = self.fetcher.get(child, self.settings.max_feed_bytes)
                listing = read_listing(source, fetched, room)
            except FetchError:
                continue       # one bad child sitemap leaves the others
            index.entries += listing.entries
            index.total += listing.total

    # -- entries and pages ------------------------------------------------------------------------

    def _new_entries(self, polled: list[_Polled], attempts: dict[str, int]) -> list[Entry]:
        """Entries not stored and not given up on, each once, in the sources' order;
        `attempts` gets the tries each has had."""
        listed: dict[str, Entry] = {}
        for source in polled:
            for entry in source.entries:
                listed.setdefault(entry.url, entry)
        known = self.store.entry_states(listed)
        attempts.update({url: known[url][1] for url in listed if url in known})
        fresh: list[Entry] = []
        by_source: dict[str, int] = {}
        by_host: dict[str, int] = {}
        left_over: dict[str, int] = {}
        for url, entry in listed.items():
            if known.get(url, ("new", 0))[0] not in ("new", "failed"):
                continue
            host = urlsplit(url).hostname or ""
            if (by_source.get(entry.source, 0) >= self.settings.max_entries
                    or by_host.get(host, 0) >= self._host_budget(url)):
                left_over[entry.source] = left_over.get(entry.source, 0) + 1   # a later round's
                continue
            by_source[entry.source] = by_source.get(entry.source, 0) + 1
            by_host[host] = by_host.get(host, 0) + 1
            fresh.append(entry)
        for source in polled:
            source.report.new = by_source.get(source.report.url, 0)
            source.left_over = left_over.get(source.report.url, 0)
        return _interleaved(fresh)

    def _host_budget(self, url: str) -> int:
        """Pages of one host fetched in a round: as many as its pace allows in the
        interval, so that a slow host's backlog spreads over rounds instead of holding
        up the round (every host gets one at least)."""
        delay = self.fetcher.delay(url)
        if delay <= 0 or self.settings.every <= 0:
            return 1 << 30
        return max(1, int(self.settings.every / delay))

    def _fetch_pages(self, entries: list[Entry], summary: RoundSummary,
                     collected: list[_Page]) -> Iterator[_Page]:
        """The entries' pages, fetched a few at a time, in order, as the analysis takes
        them (it starts before the last page is in, and at most `PAGES_AHEAD` pages per
        request in flight wait in memory); each also goes to `collected`."""
        if not entries:
            return
        ahead = self.settings.concurrency * PAGES_AHEAD
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            queued = iter(entries)
            pending: deque[Future[_Page]] = deque(
                pool.submit(self._page, entry) for entry in islice(queued, ahead))
            while pending:
                page = pending.popleft().result()
                following = next(queued, None)
                if following is not None:
                    pending.append(pool.submit(self._page, following))
                self._count(page, summary)
                collected.append(page)
                yield page

    @staticmethod
    def _count(page: _Page, summary: RoundSummary) -> None:
        if isinstance(page.record, ReadError):
            summary.fetch_failed += 1
        elif page.record.metadata.get("from_feed"):
            summary.from_feed += 1
        else:
            summary.fetched += 1

    def _page(self, entry: Entry) -> _Page:
        try:
            fetched = self.fetcher.get(entry.url, self.settings.max_page_bytes)
        except RobotsError as exc:
            if exc.permanent and entry.fallback is not None:
                # robots.txt keeps the page from us; the feed itself gave its content
                fallback = entry.fallback
                record = Record(entry.url, fallback.content, fallback.content_type, entry.url,
                                entry.published, {**fallback.metadata, "from_feed": True},
                                entry.source, entry.url)
                return _Page(entry, record)
            return _Page(entry, ReadError(entry.url, str(exc)), retry=not exc.permanent)
        except FetchError as exc:
            return _Page(entry, ReadError(entry.url, str(exc)), retry=not exc.permanent)
        except Exception as exc:  # noqa: BLE001  (one page's bug never stops the round)
            log.exception("follow: %s", entry.url)
            return _Page(entry, ReadError(entry.url, f"could not be fetched ({type(exc).__name__}: "
                                                     f"{exc}); please report it"))
        # The page's own date, not the feed's: the page is the evidence the dossier keeps
        # (a feed's date may be when the entry was updated); the feed's date serves only
        # an entry analysed from the feed's own content.
        return _Page(entry, Record(entry.url, fetched.body, "auto", fetched.url, None,
                                   {}, entry.source, entry.url))

    # -- the state kept -------------------------------------------------------------------------

    def _record(self, polled: list[_Polled], pages: list[_Page], attempts: dict[str, int],
                summary: RoundSummary, now: dt.datetime) -> None:
        failed = dict(summary.ingest.failures)
        # entries left to try again (a failed page) keep their source's listing whole
        retry: dict[str, int] = {}
        rows: list[dict[str, Any]] = []
        stored_by_source: dict[str, int] = {}
        for page in pages:
            row = self._entry_row(page, attempts.get(page.entry.url, 0), failed, now)
            rows.append(row)
            if row["state"] == "failed":
                retry[page.entry.source] = retry.get(page.entry.source, 0) + 1
            # analysed without failing: stored, or kept as a copy at its address
            if isinstance(page.record, Record) and page.entry.url not in failed:
                stored_by_source[page.entry.source] = stored_by_source.get(page.entry.source, 0) + 1
        self.store.record_entries(rows)
        self.store.save_follow_sources(
            self._source_row(p, stored_by_source.get(p.report.url, 0),
                             p.left_over + retry.get(p.report.url, 0), now) for p in polled)

    def _entry_row(self, page: _Page, attempts: int, failed: dict[str, str],
                   now: dt.datetime) -> dict[str, Any]:
        error = page.record.message if isinstance(page.record, ReadError) else None
        if error is None and page.entry.url in failed:
            error = failed[page.entry.url]
            state = "left"                 # analysing it again gives the same answer
        elif error is None:
            state = "done"
        elif page.retry and attempts + 1 < self.settings.page_attempts:
            state = "failed"
        else:
            state = "left"
        return _entry_state(page.entry, attempts, now, state, error)

    def _source_row(self, polled: _Polled, stored: int, pending: int,
                    now: dt.datetime) -> dict[str, Any]:
        state, report = polled.state, polled.report
        report.stored = stored
        errors = (state.get("errors_in_row") or 0) + 1 if report.status == "error" else 0
        wait = self.settings.every
        if errors:
            wait = max(wait, MIN_ERROR_WAIT) * min(2 ** (errors - 1), MAX_BACKOFF_FACTOR)
            wait = max(wait, polled.retry_after or 0.0)
        report.next_poll = now + dt.timedelta(seconds=wait)
        return {**{k: state.get(k) for k in _fresh_state(state["url"])},
                "last_fetch": now, "next_poll": report.next_poll, "status": report.status,
                "error": report.error, "errors_in_row": errors,
                "entries": report.listed if report.status == "ok" else state.get("entries") or 0,
                "new_articles": stored, "pending": pending if report.status != "error"
                else state.get("pending") or 0,
                "total_articles": (state.get("total_articles") or 0) + stored}


def _fresh_state(url: str) -> dict[str, Any]:
    return {"url": url, "feed_url": None, "kind": None, "etag": None, "last_modified": None,
            "last_fetch": None, "next_poll": None, "status": None, "error": None,
            "errors_in_row": 0, "entries": 0, "pending": 0, "new_articles": 0, "total_articles": 0}


def _entry_state(entry: Entry, attempts: int, now: dt.datetime, state: str,
                 error: str | None) -> dict[str, Any]:
    """A row of `follow_entries`: the entry after this round's try."""
    return {"url": entry.url, "source_url": entry.source, "state": state,
            "attempts": attempts + 1, "error": error, "seen_at": now}


def _interleaved(entries: list[Entry]) -> list[Entry]:
    """One host's entries after another's in turn, so that the pages of a slow host never
    keep every fetching thread waiting on its pace."""
    by_host: dict[str, deque[Entry]] = {}
    for entry in entries:
        by_host.setdefault(urlsplit(entry.url).hostname or "", deque()).append(entry)
    ordered: list[Entry] = []
    while by_host:
        for host in list(by_host):
            ordered.append(by_host[host].popleft())
            if not by_host[host]:
                del by_host[host]
    return ordered


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: they were written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def _is_due(state: dict[str, Any], now: dt.datetime) -> bool:
    due = _aware(state.get("next_poll"))
    return due is None or due <= now
