"""The web application: the REST API (routes.py) and the page (static/), one FastAPI app.

    from newstrace.web import create_app
    app = create_app("newstrace.db", token=None)       # read-only
    uvicorn.run(app, host="127.0.0.1", port=8765)

Safety, all in this module and the page's code:
- every response carries a Content-Security-Policy without inline script or style, and
  nosniff, DENY framing and no-referrer headers;
- request bodies are limited (`max_body_bytes`, 5 MB by default), before they are read;
- every error is one JSON envelope, {"error": {"code", "message"}}; an unexpected
  exception is logged and answered with a 500 envelope that shows no internals;
- writing (POST /api/analyze with "store": true) needs the API token, compared in
  constant time; without one the server is read-only;
- each client address has a token bucket (ratelimit.py): past it, 429 with Retry-After.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import ApiError, StoreError
from ..store import open_store
from ..store.base import Store
from .ratelimit import (
    DEFAULT_BURST,
    DEFAULT_RATE,
    TokenBuckets,
    client_key,
    request_cost,
    retry_after,
)
from .routes import ServerState, router

STATIC = Path(__file__).resolve().parent / "static"
DEFAULT_MAX_BODY = 5 * 1024 * 1024
log = logging.getLogger("newstrace.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid_request", 429: "too_many_requests", 500: "internal", 503: "store_unavailable"}


def envelope(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None,
             headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status, headers=headers)


class BodyTooLarge(HTTPException):
    """Raised while the body is read (FastAPI passes its own HTTPException through)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {limit:,} bytes; "
                              "send a smaller article (or start the server with a larger --max-body-mb).")


class Guard:
    """Pure ASGI middleware, outermost: security headers on every response, the body
    limit, and a 500 envelope for anything unexpected."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            if not length.isdigit():
                await envelope(400, "bad_request", "The Content-Length header is not a number.")(
                    scope, receive, send_with_headers)
                return
            if int(length) > self.max_body:
                await envelope(413, "too_large", BodyTooLarge(self.max_body).detail)(
                    scope, receive, send_with_headers)
                return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:       # a chunked body without a length
                    raise BodyTooLarge(self.max_body)
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await envelope(500, "internal", "Something went wrong on the server; it has been "
                           "logged. Try again, or report it with what you did.")(scope, receive, send_with_headers)


class RateLimit:
    """Pure ASGI middleware inside Guard (so a 429 gets the security headers): one token
    bucket per client address, over the page, its files and the API alike."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets) -> None:
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            wait = self.buckets.take(client_key(scope), request_cost(scope))
            if wait:
                seconds = retry_after(wait)
                await envelope(429, "too_many_requests", f"Too many requests from this address; "
                               f"try again in {seconds} s.", headers={"Retry-After": seconds})(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)


def _validation_message(errors: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    details = []
    for error in errors:
        if error.get("type") == "json_invalid":
            details.append({"in": "body", "parameter": "body",
                            "message": "is not valid JSON: send an object such as "
                                       '{"content": "...", "content_type": "auto"}'})
            continue
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        where = error.get("loc", ("",))[0]
        details.append({"in": where, "parameter": ".".join(location) or where,
                        "message": error.get("msg", "is not valid")})
    if not details:
        return "The request is not valid.", details
    first = details[0]
    message = f"{first['parameter']}: {first['message']}" if first["parameter"] else first["message"]
    if len(details) > 1:
        message += f" (and {len(details) - 1} more)"
    return message, details


def create_app(store_url: str | None = None, token: str | None = None, *,
               max_body_bytes: int = DEFAULT_MAX_BODY, store: Store | None = None,
               rate_limit: float = DEFAULT_RATE, burst: int = DEFAULT_BURST) -> FastAPI:
    """The app over the store at `store_url` (a SQLite path or a postgresql:// URL), or
    over an open `store`. Writes need `token`; without one the server is read-only.
    Each client address may send `burst` requests at once, then `rate_limit` a second
    (ratelimit.py); `rate_limit=0` turns the limit off."""
    if token is not None and not token.strip():
        token = None
    if rate_limit < 0 or (rate_limit > 0 and burst < 1):
        raise ValueError("rate_limit must be 0 (off) or positive, with a burst of at least 1")
    store = store or open_store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="newstrace",
        version=__version__,
        summary="News articles as sourced, structured dossiers: search them, read them, follow "
                "their entities, places, events, stories and lineage.",
        openapi_url="/api/openapi.json",
        docs_url=None,           # Swagger UI and ReDoc load scripts from a CDN: the page
        redoc_url=None,          # works offline, so docs/web.md documents the API instead
        lifespan=lifespan,
    )
    app.state.newstrace = ServerState(store=store, token=token)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return envelope(exc.status, exc.code, exc.message, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "The request cannot be served."
        if exc.status_code == 404 and message == "Not Found":
            message = f"There is nothing at {request.url.path}; the API is under /api (see /api/openapi.json)."
        elif exc.status_code == 400 and message == "There was an error parsing the body":
            message = "The body cannot be read: send JSON in UTF-8."
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}."
        return envelope(exc.status_code, CODES.get(exc.status_code, "error"), message,
                        headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = list(exc.errors())
        message, details = _validation_message(errors)
        if errors and all(error.get("type") == "json_invalid" for error in errors):
            # a body that is not JSON at all is a bad request (400, as one not UTF-8 is);
            # 422 is for JSON whose values are wrong
            return envelope(400, "bad_request", details[0]["message"].replace("is not", "The body is not", 1))
        return envelope(422, "invalid_request", message, details)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error: %s", exc)
        return envelope(503, "store_unavailable", "The corpus store cannot be read right now; "
                        "check that the database is reachable, then try again.")

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    # The last added is the outermost: Guard wraps the rate limit, so a 429 has its headers.
    if rate_limit > 0:
        app.add_middleware(RateLimit, buckets=TokenBuckets(rate_limit, burst))
    app.add_middleware(Guard, max_body_bytes=max_body_bytes)
    return app
