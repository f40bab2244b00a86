"""The API's request and response shapes: they make the OpenAPI schema (and what
schemathesis checks the answers against)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ErrorBody(BaseModel):
    code: str = Field(description="A stable, machine-readable name: not_found, invalid_request, "
                                  "too_large, unauthorized, read_only, bad_input, store_unavailable, "
                                  "method_not_allowed, internal")
    message: str = Field(description="What went wrong and what to do, in one sentence or two.")
    details: list[dict[str, Any]] | None = Field(
        default=None, description="For invalid_request: each rejected parameter.")


class ErrorEnvelope(BaseModel):
    """Every error the API returns, whatever the status."""

    error: ErrorBody


class Page(BaseModel):
    limit: int
    offset: int
    next_offset: int | None = Field(description="Pass as `offset` for the next page; null on the last.")


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    snippet: str | None = Field(default=None, description="Search only: the matching words in [brackets].")
    story_id: int | None = None


class ArticlePage(Page):
    items: list[ArticleSummary]


class Dossier(BaseModel):
    """The dossier, as docs/dossier.md describes it (contract newstrace.dossier/1)."""

    model_config = ConfigDict(extra="allow")

    schema_: str = Field(alias="schema")
    id: str
    input: dict[str, Any]
    metadata: dict[str, Any]
    text: str
    removed: list[Any]
    entities: list[Any]
    quotes: list[Any]
    sources: dict[str, Any]
    events: list[Any]
    times: list[Any]
    quantities: list[Any]
    warnings: list[Any]


class ArticleContext(BaseModel):
    """Where an article sits in the corpus."""

    id: str
    story_id: int | None
    origin_id: str | None = Field(description="The earliest copy this article reprints, rewrites or translates.")
    relation: str | None
    similarity: float | None
    entities: dict[str, int] = Field(description="The dossier's entity ids (e1, e2, ...) to corpus entity ids.")


class LineageArticle(BaseModel):
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    origin_id: str | None
    relation: str | None
    similarity: float | None


class ExactCopy(BaseModel):
    """The article's content, met again at another address (kept, not stored twice)."""

    url: str
    publisher: str | None
    published: str | None
    source: str | None
    seen_at: datetime.datetime


class Lineage(BaseModel):
    article: LineageArticle
    origin: LineageArticle | None
    copies: list[LineageArticle]
    exact_copies: list[ExactCopy] = []


class EntityRow(BaseModel):
    id: int
    name: str
    type: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None
    mentions: int
    articles: int


class EntityPage(Page):
    items: list[EntityRow]


class EntityArticle(BaseModel):
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None


class EntityMention(BaseModel):
    article: EntityArticle
    text: str
    start: int
    end: int


class EntityQuote(BaseModel):
    kind: str
    text: str
    cue: str | None
    article_id: str
    title: str | None
    published: str | None


class EntityEvent(BaseModel):
    type: str
    mode: str | None
    evidence: str
    time_start: str | None
    factuality: str | None
    role: str
    article_id: str
    title: str | None
    published: str | None


class EntityReport(BaseModel):
    id: int
    name: str
    type: str
    aliases: list[str]
    place: dict[str, Any] | None
    mentions: list[EntityMention]
    quotes: list[EntityQuote]
    events: list[EntityEvent]
    articles: int = 0
    mention_count: int = Field(default=0, description="All its mentions; `mentions` is one page.")
    quote_count: int = Field(default=0, description="All its quotes; `quotes` is one page.")
    event_count: int = Field(default=0, description="All its event roles; `events` is one page.")
    first_published: str | None = None
    last_published: str | None = None


class EntityMatch(BaseModel):
    id: int
    name: str
    type: str
    articles: int = 0


class EntityMatches(BaseModel):
    items: list[EntityMatch]


class EventActor(BaseModel):
    id: int
    name: str
    country: str | None = None    # actor code in that article: ISO 3166-1 alpha-3
    sector: str | None = None     # CAMEO sector code (GOV, MIL, COP, OPP ...)


class EventRow(BaseModel):
    id: int
    type: str
    mode: str | None
    evidence: str
    time_start: str | None
    time_end: str | None
    factuality: str | None
    confidence: float | None      # null: stored before confidence existed
    article: EntityArticle
    actors: list[EventActor]
    targets: list[EventActor]
    place: EventActor | None


class EventPage(Page):
    items: list[EventRow]


class PlaceRow(BaseModel):
    id: int
    name: str
    type: str
    lat: float
    lon: float
    country: str | None
    feature: str | None
    mentions: int
    articles: int


class PlacePage(Page):
    items: list[PlaceRow]


class Story(BaseModel):
    id: int
    label: str | None
    size: int
    earliest_id: str | None


class StoryPage(Page):
    items: list[Story]


class StoryDetail(Story):
    articles: list[LineageArticle]


class SourceState(BaseModel):
    url: str = Field(description="The source as it is followed: a feed, a home page or a sitemap.")
    feed_url: str | None = Field(description="The feed found on a home page, polled in its place.")
    kind: str | None = Field(description="feed, sitemap or page (a home page with a feed).")
    status: str | None = Field(description="Its last poll: ok, not modified or error; null before the first.")
    error: str | None = Field(description="What went wrong at its last poll.")
    errors_in_row: int = Field(description="Polls in a row that failed (a failing source is polled less often).")
    last_fetch: datetime.datetime | None
    next_poll: datetime.datetime | None
    entries: int = Field(description="Entries its last listing held.")
    new_articles: int = Field(description="Articles stored from it at its last poll.")
    total_articles: int = Field(description="Articles stored from it since it was first followed.")


class SourcePage(Page):
    items: list[SourceState]


class Count(BaseModel):
    value: str
    count: int


class Facets(BaseModel):
    articles: int
    first_published: str | None
    last_published: str | None
    publishers: list[Count]
    event_types: list[Count]
    entity_types: list[Count]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    articles: int
    writable: bool = Field(description="Whether writes are enabled (the server has an API token).")


class AnalyzeRequest(BaseModel):
    # strict: "store": 0 or "content": 42 is refused, not read as false or "42"
    model_config = ConfigDict(extra="forbid", strict=True)

    content: str = Field(min_length=1, description="The article: an HTML page, scraped page text or clean text.")
    content_type: Literal["auto", "html", "text", "plain"] = "auto"
    url: str | None = Field(default=None, max_length=2048, description="The page's URL; wins over what the page says.")
    published: str | None = Field(default=None, max_length=40,
                                  description="The publication date (ISO 8601); wins over what the page says.")
    store: bool = Field(default=False, description="Also store the dossier (needs the API token).")

    @field_validator("content", "url", "published")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        # JSON can carry lone surrogates ("\ud800"), which no UTF-8 text holds.
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("is not valid Unicode text (it holds a lone surrogate)") from None
        return value


class StoreOutcome(BaseModel):
    stored: int
    replaced: int
    skipped: int = Field(description="Seen before (same content or URL): not stored twice.")
    copies: int = Field(description="Stored content met at a new address: kept as an exact copy.")
    linked: int = Field(description="Lineage links (copies, reprints, translations) the article made.")


class AnalyzeResponse(BaseModel):
    dossier: Dossier
    stored: StoreOutcome | None = Field(description="What the store did, when `store` was true.")
