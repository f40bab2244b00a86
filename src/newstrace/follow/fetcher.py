"""The polite fetcher: one GET, with every limit a follower of other people's sites needs.

- robots.txt is read (Protego) and obeyed for every URL and redirect hop, its
  Crawl-delay included; an unreachable robots.txt (5xx) disallows the host, as RFC 9309
  asks, and one that is missing (4xx) allows it;
- one host is asked at most once per `per_host_delay` seconds (`HostClock`);
- conditional GET: a stored ETag and Last-Modified are sent, a 304 is "not modified";
- retries with exponential backoff (tenacity) on a dropped connection, a timeout, 429
  and 5xx, never on an answer that will not change (404, too large, refused);
- redirects are followed by hand, at most `max_redirects`, each hop checked again;
- a response over its size limit is refused by its Content-Length, or cut off as it
  streams in, and one that takes over `timeout` seconds in all is cut off;
- connections go only to public addresses unless allowed by name (guard.py).

Every failure is a `FetchError` whose message names the URL and says what happened.
"""

from __future__ import annotations

import email.utils
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from ..errors import FetchError, RobotsError
from .guard import AddressPolicy, guarded_transport
from .guard import deadline as within
from .settings import ROBOTS_TOKEN, FollowSettings

REDIRECTS = (301, 302, 303, 307, 308)
RETRIED = (429, 500, 502, 503, 504)
ROBOTS_BYTES = 512_000          # RFC 9309: at least 500 KiB are read; the rest is left
ROBOTS_TTL = 86_400.0           # RFC 9309: a robots.txt may be cached up to a day
ROBOTS_PROBLEM_TTL = 300.0      # one that could not be read is asked again after this
MAX_CRAWL_DELAY = 60.0          # a Crawl-delay past this would stall a round
LONG_RETRY_AFTER = 30.0         # a server asking for a longer wait is asked again next round
MAX_RETRY_AFTER = 86_400.0      # a Retry-After past a day is read as a day
DECODERS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


@dataclass(slots=True)
class Fetched:
    """A response read whole (or a 304)."""

    url: str                     # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostClock:
    """Spaces the requests to one host by a delay; hosts do not wait for each other."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.clock, self.sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float) -> None:
        with self._lock:
            now = self.clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + delay
        if slot > now:
            self.sleep(slot - now)


class Fetcher:
    """GETs through one HTTP client; safe to share between threads."""

    def __init__(self, settings: FollowSettings, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.clock, self.sleep = clock, sleep
        self.hosts = HostClock(clock, sleep)
        self.client = httpx.Client(
            transport=guarded_transport(AddressPolicy(settings.allow_hosts), settings.concurrency * 2),
            # gzip and deflate only: the body is inflated here, within its size limit
            follow_redirects=False, headers={"User-Agent": settings.user_agent,
                                             "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout))
        # per origin: until when, the rules, why none can be read, whether the host is down
        self._robots: dict[str, tuple[float, Protego | None, str | None, bool]] = {}
        self._robots_lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, max_bytes: int, *, etag: str | None = None,
            last_modified: str | None = None, robots: bool = True, cut: bool = False) -> Fetched:
        """`url`, following redirects; conditional when validators are given. A body over
        `max_bytes` is refused, or with `cut` kept up to it."""
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            _check_scheme(current)
            if robots:
                self._obey_robots(current)
            response = self._retried(current, max_bytes, etag, last_modified, cut)
            if isinstance(response, str):
                current = response          # a redirect: its Location, made absolute
                continue
            return response
        raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects (a redirect "
                         "loop?)", permanent=True)

    # -- one request, retried -------------------------------------------------------------------

    def _retried(self, url: str, max_bytes: int, etag: str | None,
                 last_modified: str | None, cut: bool) -> Fetched | str:
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.retries + 1),
            wait=wait_exponential(multiplier=self.settings.retry_wait, max=60),
            retry=retry_if_exception(_worth_retrying), sleep=self.sleep, reraise=True)
        return retrying(self._once, url, max_bytes, etag, last_modified, cut)

    def _once(self, url: str, max_bytes: int, etag: str | None,
              last_modified: str | None, cut: bool) -> Fetched | str:
        headers = {k: v for k, v in (("If-None-Match", etag),
                                     ("If-Modified-Since", last_modified)) if v}
        self.hosts.wait(_host(url), self.delay(url))
        try:
            # every socket read and write of the exchange ends by its deadline (guard.py),
            # in real time, not `self.clock` (which paces requests and may be a test's fake)
            with within(self.settings.timeout), self.client.stream("GET", url, headers=headers) as response:
                return self._answer(url, response, max_bytes, cut)
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: took over {self.settings.timeout:g} s to answer; cut off "
                             f"({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"{url}: {_transport_reason(exc)}") from exc
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise FetchError(f"{url}: not a URL that can be fetched ({exc})", permanent=True) from exc

    def _answer(self, url: str, response: httpx.Response, max_bytes: int,
                cut: bool) -> Fetched | str:
        status = response.status_code
        if status in REDIRECTS and response.headers.get("location"):
            return urljoin(url, response.headers["location"])
        if status == 304:
            return Fetched(url, 304, etag=response.headers.get("etag"),
                           last_modified=response.headers.get("last-modified"))
        if status >= 400:
            retry_after = _retry_after(response.headers.get("retry-after"))
            raise FetchError(f"{url}: the server answered HTTP {status} "
                             f"{response.reason_phrase}".rstrip(),
                             permanent=status not in RETRIED, retry_after=retry_after,
                             status=status)
        body = self._body(url, response, max_bytes, cut)
        return Fetched(url, status, body, response.headers.get("content-type", ""),
                       response.headers.get("etag"), response.headers.get("last-modified"))

    def _body(self, url: str, response: httpx.Response, max_bytes: int, cut: bool) -> bytes:
        """The body, inflated here (never more than `max_bytes` + 1 bytes at once, however
        well it compresses), refused past `max_bytes`, or cut there with `cut`."""
        declared = response.headers.get("content-length", "")
        if not cut and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url}: is {int(declared):,} bytes, over the limit of {max_bytes:,}; "
                             "not read (raise max_page_bytes or max_feed_bytes to take it)",
                             permanent=True)
        decoder = _decoder(url, response.headers.get("content-encoding", ""))
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw():
            data = _inflate(url, decoder, raw, max_bytes - size + 1)
            size += len(data)
            if size > max_bytes:
                if cut:
                    chunks.append(data[:len(data) - (size - max_bytes)])
                    break
                raise FetchError(f"{url}: is over the limit of {max_bytes:,} bytes; cut off "
                                 "(raise max_page_bytes or max_feed_bytes to take it)",
                                 permanent=True)
            chunks.append(data)
        return b"".join(chunks)

    # -- robots.txt -----------------------------------------------------------------------------

    def _obey_robots(self, url: str) -> None:
        rules, problem, down = self._rules(url)
        if down:
            # the host did not answer for its robots.txt a moment ago: neither will it now
            raise FetchError(f"{url}: {problem}")
        if problem:
            raise RobotsError(f"{url}: {problem}", permanent=False)
        if rules is not None and not rules.can_fetch(url, ROBOTS_TOKEN):
            raise RobotsError(f"{url}: disallowed by the site's robots.txt for {ROBOTS_TOKEN}")

    def delay(self, url: str) -> float:
        """Seconds between two requests to the URL's host: the pace, or robots.txt's
        Crawl-delay when it is known and longer."""
        with self._robots_lock:
            cached = self._robots.get(_origin(url))
        rules = cached[1] if cached else None
        asked = (rules.crawl_delay(ROBOTS_TOKEN) if rules is not None else None) or 0.0
        return max(self.settings.per_host_delay, min(float(asked), MAX_CRAWL_DELAY))

    def _rules(self, url: str) -> tuple[Protego | None, str | None, bool]:
        """The host's robots.txt rules (None: everything allowed), or why nothing is, and
        whether that is because the host cannot be reached."""
        origin = _origin(url)
        with self._robots_lock:
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:                  # one fetch of a host's robots.txt at a time
            with self._robots_lock:
                cached = self._robots.get(origin)
            if not cached or self.clock() >= cached[0]:
                cached = self._read_robots(origin)
                with self._robots_lock:
                    self._robots[origin] = cached
        return cached[1], cached[2], cached[3]

    def _read_robots(self, origin: str) -> tuple[float, Protego | None, str | None, bool]:
        """(until when to keep it, the rules, why there are none, whether the host is down)."""
        robots_url = origin + "/robots.txt"
        try:
            # RFC 9309: a long robots.txt is read up to its first 500 KiB
            fetched = self.get(robots_url, ROBOTS_BYTES, robots=False, cut=True)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return self.clock() + ROBOTS_TTL, None, None, False    # none: all allowed
            if exc.status is not None:
                return (self.clock() + ROBOTS_PROBLEM_TTL, None,
                        "its robots.txt answers with a server error, which RFC 9309 reads as "
                        "disallowing everything; tried again later", False)
            reason = str(exc).removeprefix(f"{robots_url}: ")
            return self.clock() + ROBOTS_PROBLEM_TTL, None, reason, True
        rules = Protego.parse(fetched.body.decode("utf-8", errors="replace"))
        return self.clock() + ROBOTS_TTL, rules, None, False


def _decoder(url: str, encoding: str) -> Any:
    """A zlib decoder for the Content-Encoding, or None for none."""
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name not in DECODERS:
        raise FetchError(f"{url}: is sent in the encoding {encoding!r}, which the follower does "
                         "not read (it asks for gzip or deflate)", permanent=True)
    return zlib.decompressobj(DECODERS[name])


def _inflate(url: str, decoder: Any, raw: bytes, room: int) -> bytes:
    """`raw` inflated, at most `room` bytes of it."""
    if decoder is None:
        return raw[:room]
    try:
        out: bytes = decoder.decompress(raw, room)
        while decoder.unconsumed_tail and len(out) < room:
            out += decoder.decompress(decoder.unconsumed_tail, room - len(out))
    except zlib.error as exc:
        raise FetchError(f"{url}: its compressed body is broken ({exc})", permanent=True) from exc
    return out


def _worth_retrying(exc: BaseException) -> bool:
    if not isinstance(exc, FetchError) or exc.permanent:
        return False
    return exc.retry_after is None or exc.retry_after <= LONG_RETRY_AFTER


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) URL; only web addresses are fetched",
                         permanent=True)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
        seconds = when.timestamp() - time.time()
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


def _transport_reason(exc: httpx.TransportError) -> str:
    cause: BaseException = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__  # type: ignore[assignment]
    detail = str(cause) or str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({detail}); is the host up?"
    return f"the connection failed ({detail})"
