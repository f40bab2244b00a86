"""A news site on a free loopback port, for the follower's tests and bench/bench_follow.py:
feeds (RSS, Atom, JSON Feed), article pages, sitemaps, robots.txt, and every bad case a
follower meets (404/500, HTML where a feed should be, redirect loops, a server that
trickles, a page of a gigabyte, a feed of 100,000 entries).

Every request is counted by path, with the headers it came with, so that tests can say
what was fetched and how (conditional GET, robots.txt obeyed, a page never fetched
twice). Nothing here is a test.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable, Iterator
from xml.sax.saxutils import escape

from ..fault_harness import article_page

Body = bytes | Callable[[], Iterable[bytes]]


@dataclass
class Route:
    body: Body = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    length: int | None = None           # a Content-Length to declare (None: the body's)
    raw: Callable[[BaseHTTPRequestHandler], None] | None = None   # writes the whole answer


class NewsSite:
    """Routes by path; `hits` counts requests by path, `headers` keeps each one's."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, list[dict[str, str]]] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()          # set when the server stops: trickles end
        self.port = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: Body = b"", **route: object) -> str:
        self.routes[path] = Route(body, **route)  # type: ignore[arg-type]
        return self.url(path)

    # -- content ---------------------------------------------------------------------------------

    def article(self, path: str, seed: int, number: int) -> tuple[str, str]:
        title, html = article_page(seed, number)
        self.add(path, html.encode())
        return self.url(path), title

    def rss(self, path: str, links: list[tuple[str, str]], etag: str | None = None,
            summaries: bool = False) -> str:
        items = "".join(
            f"<item><title>{escape(title)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
            + (f"<description>{escape(_summary(title))}</description>" if summaries else "")
            + "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>" for link, title in links)
        body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Feed {escape(path)}</title><link>{self.url('/')}</link>{items}</channel></rss>")
        return self.add(path, body.encode(), content_type="application/rss+xml", etag=etag)

    def atom(self, path: str, links: list[tuple[str, str]]) -> str:
        entries = "".join(
            f"<entry><title>{escape(title)}</title><link href=\"{escape(link)}\"/><id>{escape(link)}</id>"
            "<updated>2024-03-05T10:00:00Z</updated></entry>" for link, title in links)
        body = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Atom {escape(path)}</title><id>{self.url(path)}</id>"
                f"<updated>2024-03-05T10:00:00Z</updated>{entries}</feed>")
        return self.add(path, body.encode(), content_type="application/atom+xml")

    def json_feed(self, path: str, links: list[tuple[str, str]]) -> str:
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": f"JSON {path}",
                "items": [{"id": link, "url": link, "title": title,
                           "date_published": "2024-03-05T10:00:00Z"} for link, title in links]}
        return self.add(path, json.dumps(feed).encode(), content_type="application/feed+json")

    def sitemap(self, path: str, links: list[str]) -> str:
        urls = "".join(f"<url><loc>{escape(link)}</loc></url>" for link in links)
        body = ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
        return self.add(path, body.encode(), content_type="application/xml")

    def home(self, path: str, feed_path: str) -> str:
        body = (f'<!doctype html><html><head><title>Home</title><link rel="alternate" '
                f'type="application/rss+xml" title="News" href="{feed_path}"></head>'
                "<body><h1>The Daily Example</h1><p>Today's news.</p></body></html>")
        return self.add(path, body.encode())

    def robots(self, text: str) -> None:
        self.add("/robots.txt", text.encode(), content_type="text/plain")

    # -- serving ---------------------------------------------------------------------------------

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        with self.lock:
            self.hits[path] += 1
            self.headers.setdefault(path, []).append({k.lower(): v for k, v in request.headers.items()})
        route = self.routes.get(path)
        if route is None:
            request.send_response(404)
            request.send_header("Content-Length", "9")
            request.end_headers()
            request.wfile.write(b"not found")
            return
        if route.raw is not None:
            route.raw(request)
            return
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            request.send_response(304)
            request.send_header("ETag", route.etag)
            request.end_headers()
            return
        request.send_response(route.status)
        request.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            request.send_header(name, value)
        if route.etag:
            request.send_header("ETag", route.etag)
        if callable(route.body):
            if route.length is not None:
                request.send_header("Content-Length", str(route.length))
            request.send_header("Connection", "close")
            request.end_headers()
            try:
                for chunk in route.body():
                    if self.stop.is_set():
                        return
                    request.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return                      # the follower hung up: what it should do
            return
        request.send_header("Content-Length", str(route.length if route.length is not None
                                                  else len(route.body)))
        request.end_headers()
        request.wfile.write(route.body)


def _summary(title: str) -> str:
    return (f"{title}. The interior minister said on Tuesday that the talks would go on, "
            "according to the state news agency.")


def trickle(stop: threading.Event, every: float = 0.05) -> Callable[[], Iterator[bytes]]:
    """A body sent a byte at a time, forever (until the server stops)."""
    def body() -> Iterator[bytes]:
        yield b"<html><body>"
        while not stop.is_set():
            time.sleep(every)
            yield b" "
    return body


def trickled_headers(stop: threading.Event, every: float = 0.05) -> Callable[[BaseHTTPRequestHandler], None]:
    """An answer whose headers never end: a byte of a header line at a time, forever."""
    def answer(request: BaseHTTPRequestHandler) -> None:
        try:
            request.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            request.wfile.flush()
            while not stop.is_set():
                time.sleep(every)
                request.wfile.write(b"a")
                request.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
    return answer


def endless(chunk: int = 1 << 20, total: int = 1 << 30) -> Callable[[], Iterator[bytes]]:
    """`total` bytes (a gigabyte), a megabyte at a time, made as they are sent."""
    block = b"<p>" + b"a" * (chunk - 7) + b"</p>\n"

    def body() -> Iterator[bytes]:
        for _ in range(total // chunk):
            yield block
    return body


@contextmanager
def serving(site: NewsSite) -> Iterator[NewsSite]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go in two writes: without this a kept-alive connection waits
        # for the client's delayed ACK (40 ms) on every response
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            site.handle(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass            # a client hanging up (as the follower does on a huge page) is fine

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
