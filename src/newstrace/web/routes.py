"""The REST API: thin handlers over the store (store/base.py) and `newstrace.analyze`.

Every list is a page (`limit` 1..200, `offset`, `next_offset`); every error is the JSON
envelope of models.ErrorEnvelope. Handlers are plain functions: FastAPI runs them in its
thread pool, so a slow query never blocks the event loop.
"""

from __future__ import annotations

import hmac
import re
import threading
from dataclasses import asdict, dataclass, field
from datetime import timezone
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any, TypeVar, cast

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .. import __version__
from ..dossier import EVENT_TYPES
from ..errors import ApiError, NewstraceError
from ..store import SearchFilters
from ..store.base import Store, check_date, check_event_type
from . import models as m

MAX_LIMIT = 200
# The user:password@ of a URL (a followed source may carry one).
USERINFO = re.compile(r"(https?://)[^/@\s]+@", re.I)
MAX_OFFSET = 1_000_000
MAX_ID = 2**31 - 1
# Text parameters may hold anything but NUL (PostgreSQL refuses it in text).
NO_NUL = r"^[^\x00]*$"


@dataclass
class ServerState:
    store: Store
    token: str | None = None
    analyze_lock: threading.Lock = field(default_factory=threading.Lock)
    store_lock: threading.Lock = field(default_factory=threading.Lock)


def state(request: Request) -> ServerState:
    return cast(ServerState, request.app.state.newstrace)


State = Annotated[ServerState, Depends(state)]

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": m.ErrorEnvelope, "description": "No such article, entity or story."},
    422: {"model": m.ErrorEnvelope, "description": "A parameter has the wrong type or is out of range."},
    429: {"model": m.ErrorEnvelope, "description": "Too many requests from this address: wait the "
                                                   "seconds its Retry-After header says."},
    503: {"model": m.ErrorEnvelope, "description": "The store cannot be read (database down)."},
}
router = APIRouter(prefix="/api", responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page, 1 to 200.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
ArticleId = Annotated[str, Path(min_length=1, max_length=64, pattern=NO_NUL,
                                description="A dossier id (nt-...).")]


def _iso_date(value: str | None) -> str | None:
    return None if value is None else check_date(value)


def _event_type(value: str | None) -> str | None:
    """A PLOVER type in any case, as the CLI takes it; another word is refused (422)
    rather than matching nothing."""
    return None if value is None else check_event_type(value)


EventType = Annotated[str, AfterValidator(_event_type)]


# A calendar date, written YYYY-MM-DD: nothing else (pydantic's dates would also take
# Unix timestamps such as "0.0").
IsoDate = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"}),
                    AfterValidator(_iso_date)]


def _text(max_length: int, description: str) -> Any:
    return Field(default=None, min_length=1, max_length=max_length, pattern=NO_NUL,
                 description=description)


class ArticleFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date_from: IsoDate | None = Field(default=None, description="Published on or after (YYYY-MM-DD).")
    date_to: IsoDate | None = Field(default=None, description="Published on or before (YYYY-MM-DD).")
    entity: str | None = _text(300, "Mentions this entity (a name or an alias).")
    place: str | None = _text(300, "Mentions this place (a name, or an ISO country code).")
    event_type: EventType | None = Field(default=None, description="Has an event of this PLOVER type (any case).",
                                         json_schema_extra={"enum": list(EVENT_TYPES)})
    source: str | None = _text(300, "Attributes a claim to this source.")
    publisher: str | None = _text(300, "Published by (exact name, any case).")
    story: int | None = Field(default=None, ge=1, le=MAX_ID, description="In this story.")
    limit: int = Field(default=20, ge=1, le=MAX_LIMIT, description="Items per page, 1 to 200.")
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET, description="Items to skip.")


class SearchQuery(ArticleFilters):
    q: str = Field(min_length=1, max_length=500, pattern=NO_NUL,
                   description="Words to find; every one must match.")


T = TypeVar("T")


def page(items: list[T], limit: int, offset: int) -> dict[str, Any]:
    """A page from `limit + 1` fetched items: the extra one says there is a next page."""
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


def _filters(f: ArticleFilters, query: str | None = None) -> SearchFilters:
    return SearchFilters(query=query, date_from=f.date_from, date_to=f.date_to, entity=f.entity,
                         place=f.place, event_type=f.event_type, source=f.source,
                         publisher=f.publisher, story=f.story, limit=f.limit + 1, offset=f.offset)


def _not_found(what: str, key: Any) -> ApiError:
    return ApiError(404, "not_found", f"There is no {what} {key!r} in this corpus.")


# -- the corpus ----------------------------------------------------------------------------


@router.get("/health", response_model=m.Health, tags=["corpus"], summary="Is the server up")
def health(s: State) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "articles": s.store.count(),
            "writable": s.token is not None}


@router.get("/facets", response_model=m.Facets, tags=["corpus"],
            summary="What the corpus holds: publishers, event types, dates")
def facets(s: State) -> dict[str, Any]:
    return s.store.facets()


@router.get("/articles", response_model=m.ArticlePage, tags=["articles"],
            summary="List articles, newest first, with filters")
def list_articles(s: State, f: Annotated[ArticleFilters, Query()]) -> dict[str, Any]:
    hits = s.store.articles(_filters(f))
    return page([asdict(h) for h in hits], f.limit, f.offset)


@router.get("/search", response_model=m.ArticlePage, tags=["articles"],
            summary="Full-text search, best match first, with filters")
def search(s: State, f: Annotated[SearchQuery, Query()]) -> dict[str, Any]:
    hits = s.store.search(_filters(f, f.q))
    return page([asdict(h) for h in hits], f.limit, f.offset)


@router.get("/articles/{article_id}", response_model=m.Dossier, tags=["articles"],
            summary="An article's dossier")
def get_article(s: State, article_id: ArticleId) -> Any:
    dossier = s.store.get(article_id)
    if dossier is None:
        raise _not_found("article", article_id)
    # stored dossiers are valid already: no second validation
    return JSONResponse(_no_machine_path(dossier))


@router.get("/articles/{article_id}/context", response_model=m.ArticleContext, tags=["articles"],
            summary="Where an article sits: its story, its origin, its entities' corpus ids")
def article_context(s: State, article_id: ArticleId) -> dict[str, Any]:
    found = s.store.article_context(article_id)
    if found is None:
        raise _not_found("article", article_id)
    return found


@router.get("/articles/{article_id}/lineage", response_model=m.Lineage, tags=["articles"],
            summary="An article's origin and every copy of it")
def lineage(s: State, article_id: ArticleId) -> dict[str, Any]:
    found = s.store.lineage(article_id)
    if found is None:
        raise _not_found("article", article_id)
    for copy in found["exact_copies"]:
        copy["source"] = _relative(copy.get("source"))
    return found


def _relative(path: str | None) -> str | None:
    """A stored path as the API may show it: relative to what was ingested (ingest
    stores it so), or nothing, for one a store written before kept whole: the server's
    file layout is not the client's business."""
    if path and (PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute()):
        return None
    return path


def _no_machine_path(dossier: dict[str, Any]) -> dict[str, Any]:
    source = dossier.get("input") or {}
    if source.get("path") and _relative(source["path"]) is None:
        return {**dossier, "input": {**source, "path": None}}
    return dossier


# -- entities, events, places ----------------------------------------------------------------


@router.get("/entities", response_model=m.EntityPage, tags=["entities"],
            summary="Entities across the corpus, the most mentioned first")
def list_entities(
    s: State,
    q: Annotated[str | None, Query(min_length=1, max_length=300, pattern=NO_NUL,
                                   description="Part of the name.")] = None,
    type: Annotated[str | None, Query(min_length=1, max_length=16, pattern=r"^[A-Za-z_]+$",
                                      description="PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, OTHER.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = s.store.entities(query=q, type=type, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/entities/lookup", response_model=m.EntityMatches, tags=["entities"],
            summary="Entities called by a name or one of its aliases")
def lookup_entity(
    s: State,
    name: Annotated[str, Query(min_length=1, max_length=300, pattern=NO_NUL)],
    limit: Limit = 20,
) -> dict[str, Any]:
    return {"items": s.store.entity_matches(name, limit)}


@router.get("/entities/{entity_id}", response_model=m.EntityReport, tags=["entities"],
            summary="An entity: every mention across articles, its quotes and its events")
def get_entity(
    s: State,
    entity_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Mentions, quotes and events, each.")] = 200,
    offset: Offset = 0,
) -> dict[str, Any]:
    report = _entity_report(s.store, entity_id, limit, offset)
    if report is None:
        raise _not_found("entity", entity_id)
    return asdict(report)


def _entity_report(store: Store, entity_id: int, limit: int, offset: int = 0) -> Any:
    """The store's report on one entity. The store looks entities up by name (trimmed)
    or by an id written as text: by name first, then, for a name that does not match back
    (one with spaces at its ends, as hostile data has), by the id."""
    name = store.entity_name(entity_id)
    if name is None:
        return None
    for key in (name, str(entity_id)):
        for report in store.entity(key, limit=limit, offset=offset):
            if report.id == entity_id:
                return report
    return None


@router.get("/events", response_model=m.EventPage, tags=["entities"],
            summary="Events across the corpus, the latest first")
def list_events(
    s: State,
    type: Annotated[EventType | None, Query(description="A PLOVER type (any case).",
                                            json_schema_extra={"enum": list(EVENT_TYPES)})] = None,
    entity_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Taking part.")] = None,
    article_id: Annotated[str | None, Query(min_length=1, max_length=64, pattern=NO_NUL)] = None,
    date_from: Annotated[IsoDate | None, Query(description="On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[IsoDate | None, Query(description="On or before (YYYY-MM-DD).")] = None,
    min_confidence: Annotated[float | None, Query(
        ge=0.0, le=1.0, description="Only events at least this likely to be right (0-1).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = s.store.events(type=type, entity_id=entity_id, article_id=article_id,
                          date_from=date_from, date_to=date_to, min_confidence=min_confidence,
                          limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


@router.get("/places", response_model=m.PlacePage, tags=["entities"],
            summary="Places with coordinates, the most mentioned first")
def list_places(
    s: State,
    q: Annotated[str | None, Query(min_length=1, max_length=300, pattern=NO_NUL)] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166 alpha-2.")] = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = s.store.places(query=q, country=country, limit=limit + 1, offset=offset)
    return page(rows, limit, offset)


# -- stories ---------------------------------------------------------------------------------


@router.get("/stories", response_model=m.StoryPage, tags=["stories"],
            summary="Same-story clusters, the largest first")
def list_stories(s: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return page(s.store.stories(limit=limit + 1, offset=offset), limit, offset)


@router.get("/stories/{story_id}", response_model=m.StoryDetail, tags=["stories"],
            summary="A story with its articles and their lineage")
def get_story(s: State, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    found = s.store.story(story_id)
    if found is None:
        raise _not_found("story", story_id)
    return found


# -- followed sources ------------------------------------------------------------------------


@router.get("/sources", response_model=m.SourcePage, tags=["corpus"],
            summary="The sources `newstrace follow` polls: last fetch, new articles, errors")
def list_sources(s: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = s.store.follow_sources()
    for row in rows:
        for name in ("last_fetch", "next_poll"):
            if row[name] is not None and row[name].tzinfo is None:
                row[name] = row[name].replace(tzinfo=timezone.utc)   # SQLite: written in UTC
        for name in ("url", "feed_url", "error"):
            if row[name]:
                row[name] = USERINFO.sub(r"\1***@", row[name])     # no password to readers
    return page(rows[offset:offset + limit + 1], limit, offset)


# -- analysis --------------------------------------------------------------------------------

bearer = HTTPBearer(auto_error=False, description="The API token given to `newstrace serve --token`.")


def _check_token(s: ServerState, credentials: HTTPAuthorizationCredentials | None) -> None:
    if s.token is None:
        raise ApiError(403, "read_only", "This server is read-only: start it with --token "
                       "(or NEWSTRACE_API_TOKEN) to allow storing articles.")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), s.token.encode()):
        raise ApiError(401, "unauthorized", "Storing needs the API token: send the header "
                       "'Authorization: Bearer <token>'.", {"WWW-Authenticate": "Bearer"})


@router.post("/analyze", response_model=m.AnalyzeResponse, tags=["analysis"],
             summary="Analyse one article; optionally store its dossier",
             # The token is needed only to store: without it, analysis alone is allowed.
             openapi_extra={"security": [{}]},
             responses={400: {"model": m.ErrorEnvelope, "description": "The body is not JSON in UTF-8."},
                        401: {"model": m.ErrorEnvelope, "description": "Storing without the right token."},
                        403: {"model": m.ErrorEnvelope, "description": "Storing on a read-only server."},
                        413: {"model": m.ErrorEnvelope, "description": "The request body is too large."}})
def analyze(
    s: State,
    body: m.AnalyzeRequest,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> Any:
    import newstrace

    if body.store:
        _check_token(s, credentials)
    try:
        # The pipeline's models are shared: one analysis at a time.
        with s.analyze_lock:
            dossier = newstrace.analyze(body.content, content_type=body.content_type,
                                        url=body.url, published=body.published).to_dict()
    except NewstraceError as exc:
        raise ApiError(422, "bad_input", str(exc)) from exc
    outcome = None
    if body.store:
        outcome = _store_analysed(s, body, dossier)
    return JSONResponse({"dossier": dossier, "stored": outcome})


def _store_analysed(s: ServerState, body: m.AnalyzeRequest, dossier: dict[str, Any]) -> dict[str, int]:
    """Store as `ingest` does (corpus.service): the same content hash and fingerprint,
    lineage links to the stored articles, the article placed in a story."""
    from ..corpus.service import CorpusWriter, Done

    with s.store_lock:
        # A writer per request: its lineage index is read when it is needed, so that it
        # includes what an ingest running beside the server has stored meanwhile.
        writer = CorpusWriter(s.store)
        result = writer.add([Done.of(body.url or "api", body.content, "api", dossier)])
        writer.place_stories()
    return {"stored": result.stored, "replaced": result.replaced, "skipped": result.skipped,
            "copies": result.copies, "linked": writer.summary.linked}
