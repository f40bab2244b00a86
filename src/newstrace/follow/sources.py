"""What a followed source is, and what its answer lists.

A source is a feed URL (RSS, Atom, RDF, JSON Feed), a site's home page (its feeds are
found as trafilatura's `feeds` module finds them: `<link rel="alternate">`, then links
that look like feeds), a sitemap (a `urlset`, or a `sitemapindex` whose first sitemaps
are read; parsed by lxml with entities and network off), or a file listing such URLs, one a line, `#`
starting a comment. What a URL is, is read from its answer, not from its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin, urlsplit

from ..errors import ConfigError, FetchError
from ..inputs import ReadError, Record
from ..inputs.feeds import FEED_ROOTS, is_json_feed, parse_feed
from ..text.decoding import decode_bytes
from .fetcher import Fetched

FEED, SITEMAP, PAGE = "feed", "sitemap", "page"
ROOT = re.compile(rb"<([A-Za-z][\w:.-]*)[\s>/]")
SITEMAP_ROOTS = {"urlset", "sitemapindex"}
COMMENT = re.compile(r"\s+#")
MAX_URL_BYTES = 2000                 # the store's URL columns (follow_sources, follow_entries)


@dataclass(slots=True)
class Entry:
    """An article link a source listed, with the entry's own content when a feed gave it
    (the fallback when the page cannot be fetched)."""

    url: str
    source: str
    published: str | None = None
    fallback: Record | None = None


@dataclass(slots=True)
class Listing:
    kind: str
    entries: list[Entry] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)        # what a home page links to
    sitemaps: list[str] = field(default_factory=list)     # what a sitemap index lists
    total: int = 0                                        # entries before the cap


def source_urls(given: Iterable[str]) -> list[str]:
    """The URLs to follow: each given URL, and the URLs each given file lists."""
    urls: list[str] = []
    for item in given:
        if _is_web_address(item):
            urls.append(item.strip())
            continue
        path = Path(item)
        if not path.is_file():
            raise ConfigError(f"source {item!r} is neither an http(s) URL nor a file listing URLs")
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = COMMENT.split(raw.strip(), maxsplit=1)[0]    # "#" inside a URL stays
            if not line or line.startswith("#"):
                continue
            if not _is_web_address(line):
                raise ConfigError(f"{path}:{number}: {line!r} is not an http(s) URL")
            urls.append(line)
    return list(dict.fromkeys(urls))


def _is_web_address(text: str) -> bool:
    """An http(s) URL with a host, short enough to be kept (a longer link is junk, and
    the store keys entries by their URL)."""
    try:
        parts = urlsplit(text.strip())
        host = parts.hostname
    except ValueError:                  # "http://[bad/" and the like
        return False
    return (parts.scheme in ("http", "https") and bool(host)
            and len(text.encode("utf-8", "replace")) <= MAX_URL_BYTES)


def kind_of(fetched: Fetched) -> str:
    """feed, sitemap or page, from the answer's first element (or JSON Feed)."""
    if is_json_feed(fetched.body):
        return FEED
    head = re.sub(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", b"", fetched.body[:8192], flags=re.S)
    match = ROOT.search(head)
    root = match[1].decode("ascii", "replace").lower() if match else ""
    if root in FEED_ROOTS:
        return FEED
    if root.split(":")[-1] in SITEMAP_ROOTS:
        return SITEMAP
    if root == "html" or "html" in fetched.content_type:
        return PAGE
    raise FetchError(f"{fetched.url}: is neither a feed, a sitemap nor a web page "
                     f"({fetched.content_type or 'no content type'}, starting {head[:40]!r})",
                     permanent=True)


def read_listing(source: str, fetched: Fetched, max_entries: int) -> Listing:
    """The entries (its first `max_entries`), feeds or sitemaps a source's answer lists."""
    kind = kind_of(fetched)
    if kind == FEED:
        return _feed(source, fetched, max_entries)
    if kind == SITEMAP:
        return _sitemap(source, fetched.url, fetched.body, max_entries)
    return _page(fetched.url, decode_bytes(fetched.body))


def _feed(source: str, fetched: Fetched, max_entries: int) -> Listing:
    parsed = parse_feed(fetched.url, fetched.body, max_entries)
    if isinstance(parsed, ReadError):
        raise FetchError(str(parsed), permanent=True)
    listing = Listing(FEED, total=parsed.total)
    for entry in parsed.entries:
        # a relative link is relative to the feed's own address
        link = urljoin(fetched.url, entry.link.strip()) if entry.link else ""
        if not _is_web_address(link):
            continue
        fallback = entry.record if isinstance(entry.record, Record) else None
        listing.entries.append(Entry(link, source, entry.published, fallback))
    return listing


def _sitemap(source: str, url: str, data: bytes, max_entries: int) -> Listing:
    """A `urlset`'s pages, or a `sitemapindex`'s sitemaps; only those on the sitemap's own
    host, as the sitemaps protocol requires (a sitemap cannot send us elsewhere)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)      # its own encoding declaration holds
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise FetchError(f"{url}: is not a sitemap that can be read", permanent=True)
    host = urlsplit(url).hostname
    locations = [loc.text.strip() for loc in root.iter("{*}loc", "loc")
                 if loc.text and len(loc) == 0]
    links = list(dict.fromkeys(link for link in locations
                               if _is_web_address(link) and urlsplit(link).hostname == host))
    if etree.QName(root).localname == "sitemapindex":
        return Listing(SITEMAP, sitemaps=links)
    return Listing(SITEMAP, [Entry(link, source) for link in links[:max_entries]], total=len(links))


def _page(url: str, text: str) -> Listing:
    from courlan import get_hostinfo
    from trafilatura.feeds import FeedParameters, determine_feed

    domain, base = get_hostinfo(url)
    feeds = determine_feed(text, FeedParameters(base, domain or "", url))
    if not feeds:
        raise FetchError(f"{url}: is a web page that links to no feed (no <link rel=\"alternate\" "
                         "type=\"application/rss+xml\">); give its feed or sitemap URL instead",
                         permanent=True)
    return Listing(PAGE, feeds=feeds)
