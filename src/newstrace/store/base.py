"""The store's interface: what ingest, search, the CLI and the API may ask of a corpus.

Two implementations share it (`SqlStore`, store/sql.py; store/dialects.py): SQLite (the default, one file, no server)
and PostgreSQL (for a team). One test suite runs against both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol

from ..dossier import EVENT_TYPES


@dataclass(slots=True)
class StoredArticle:
    """What ingest hands the store: the dossier and where it came from."""

    dossier: dict[str, Any]
    content_hash: str
    source: str | None = None
    fingerprint: bytes | None = None
    key: str | None = None        # the record's key: a failure kept under it is cleared


@dataclass(slots=True)
class AddResult:
    stored: int = 0
    replaced: int = 0
    skipped: int = 0          # seen before (same content or URL): not stored twice
    copies: int = 0           # the same content at a new address: kept as an exact copy


@dataclass(slots=True)
class SearchFilters:
    query: str | None = None
    date_from: str | None = None         # ISO dates, inclusive
    date_to: str | None = None
    entity: str | None = None
    place: str | None = None
    event_type: str | None = None
    source: str | None = None            # an attributed source or a relayed outlet
    publisher: str | None = None
    story: int | None = None
    limit: int = 20
    offset: int = 0


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_date(value: str) -> str:
    """A filter's date: a calendar date written YYYY-MM-DD, nothing else ("yesterday",
    "2019/11/18" and "2019-13-45" are refused rather than matching nothing)."""
    if ISO_DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD, as 2019-11-18")


def check_event_type(value: str) -> str:
    """A filter's event type: one of the PLOVER types, in any case; given upper-cased."""
    if value.strip().upper() in EVENT_TYPES:
        return value.strip().upper()
    raise ValueError(f"{value!r} is not a PLOVER event type: one of {', '.join(EVENT_TYPES)}")


@dataclass(slots=True)
class ArticleSummary:
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    snippet: str | None = None
    story_id: int | None = None


@dataclass(slots=True)
class EntityMention:
    article: ArticleSummary
    text: str
    start: int
    end: int


@dataclass(slots=True)
class EntityReport:
    """One corpus entity: every mention across articles, its quotes and its events."""

    id: int
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    place: dict[str, Any] | None = None
    mentions: list[EntityMention] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0          # how many articles mention it
    # The totals: `mentions`, `quotes` and `events` are one page of each (`limit`
    # items from `offset`, in time order).
    mention_count: int = 0
    quote_count: int = 0
    event_count: int = 0
    first_published: str | None = None
    last_published: str | None = None


@dataclass(slots=True)
class LineageLink:
    article_id: str
    origin_id: str
    relation: str
    similarity: float | None = None


# story_anchors.anchor's width: anchors are kept, and looked up, cut to this length.
ANCHOR_LENGTH = 300


@dataclass(slots=True)
class StoryAnchors:
    """What an article could share with another report of its story (see
    corpus/stories.py), and its publication day (ISO, or None)."""

    day: str | None
    anchors: frozenset[str]


class Store(Protocol):
    """A corpus of dossiers."""

    url: str

    @property
    def safe_url(self) -> str:
        """The URL with any password masked, for messages."""
        ...

    def seen(self, content_hash: str, url: str | None) -> bool: ...

    def add(self, articles: Iterable[StoredArticle], replace: bool = False,
            lineage: Iterable[LineageLink] = ()) -> AddResult: ...

    def record_failure(self, key: str, message: str) -> None: ...

    def count(self) -> int: ...

    def unclustered(self) -> int: ...

    def get(self, article_id: str) -> dict[str, Any] | None: ...

    def articles(self, filters: SearchFilters) -> list[ArticleSummary]: ...

    def search(self, filters: SearchFilters) -> list[ArticleSummary]: ...

    def entity(self, name: str, limit: int = 200, offset: int = 0) -> list[EntityReport]: ...

    def entities(self, query: str | None = None, type: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[dict[str, Any]]: ...

    def fingerprints(self) -> list[tuple[str, str | None, bytes]]: ...

    def set_lineage(self, links: Iterable[LineageLink]) -> None: ...

    def lineage(self, article_id: str) -> dict[str, Any] | None: ...

    def set_stories(self, clusters: list[list[str]],
                    anchors: Mapping[str, StoryAnchors] | None = None) -> None: ...

    def place_stories(self, joins: Mapping[str, int], groups: list[list[str]],
                      anchors: Mapping[str, StoryAnchors], placed: Iterable[str]) -> None: ...

    def story_samples(self, article_ids: Iterable[str], per_story: int) -> dict[str, tuple[int, list[str]]]: ...

    def pending_stories(self) -> list[str]: ...

    def anchor_hits(self, anchors: Iterable[str], window: tuple[str, str] | None,
                    limit: int) -> dict[str, list[str]]: ...

    def dossiers_of(self, article_ids: Iterable[str]) -> Iterable[dict[str, Any]]: ...

    def sample_ids(self, limit: int) -> list[str]: ...

    def story_count(self) -> int: ...

    def lineage_pairs(self, article_ids: Iterable[str] | None = None) -> list[tuple[str, str]]: ...

    def copy_index(self) -> dict[str, dict[str, Any]]: ...

    def story_rows(self) -> Iterable[dict[str, Any]]: ...

    def record_copy(self, content_hash: str, url: str, publisher: str | None = None,
                    published: str | None = None, source: str | None = None) -> bool: ...

    def exact_copies(self, article_id: str) -> list[dict[str, Any]]: ...

    def stories(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]: ...

    def story_successor(self, story_id: int) -> int | None: ...

    def story(self, story_id: int) -> dict[str, Any] | None: ...

    def dossiers(self, batch: int = 500) -> Iterable[dict[str, Any]]: ...

    def lineage_entries(self) -> Iterable[dict[str, Any]]: ...

    def failures(self) -> list[dict[str, Any]]: ...

    # -- browsing (store/browse.py): what the web page asks -----------------------------

    def article_context(self, article_id: str) -> dict[str, Any] | None: ...

    def events(self, type: str | None = None, entity_id: int | None = None,
               article_id: str | None = None, date_from: str | None = None,
               date_to: str | None = None, min_confidence: float | None = None,
               limit: int = 50, offset: int = 0) -> list[dict[str, Any]]: ...

    def places(self, query: str | None = None, country: str | None = None,
               limit: int = 200, offset: int = 0) -> list[dict[str, Any]]: ...

    def entity_matches(self, name: str, limit: int = 20) -> list[dict[str, Any]]: ...

    def entity_name(self, entity_id: int) -> str | None: ...

    def facets(self) -> dict[str, Any]: ...

    # the follower's state (store/follow.py)
    def follow_sources(self) -> list[dict[str, Any]]: ...

    def save_follow_sources(self, rows: Iterable[dict[str, Any]]) -> None: ...

    def entry_states(self, urls: Iterable[str]) -> dict[str, tuple[str, int]]: ...

    def record_entries(self, rows: Iterable[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...
