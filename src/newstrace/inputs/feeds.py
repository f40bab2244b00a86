"""RSS, Atom, RDF and JSON feeds: an article per entry, parsed from the bytes (never
fetched); a feed that declares entities (an expansion bomb, external entities) is refused.

`parse_feed` gives each entry's link beside the record made of its own content: what
`newstrace follow` reads (it fetches the linked page, and falls back on the entry's
content); `feed_records` gives the records alone: what `newstrace ingest` reads.
"""

from __future__ import annotations

import html
import io
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..text.metaline import normalize_published
from .base import ReadError, Record, head_text

FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}


ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.I)


CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.S)


JSON_FEED_VERSION = "https://jsonfeed.org/version/"


@dataclass(slots=True)
class FeedEntry:
    """One entry: the page it links to, and the record its own content makes."""

    link: str | None
    record: Record | ReadError
    published: str | None = None


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    total: int = 0                 # entries in the feed (more than `entries` when capped)


def feed_records(name: str, data: bytes) -> Iterator[Record | ReadError]:
    parsed = parse_feed(name, data)
    if isinstance(parsed, ReadError):
        yield parsed
        return
    for entry in parsed.entries:
        yield entry.record


def parse_feed(name: str, data: bytes, max_entries: int | None = None) -> ParsedFeed | ReadError:
    """The feed's entries (the first `max_entries` when given), or why there are none."""
    if is_json_feed(data):
        return _json_feed(name, data, max_entries)
    import feedparser

    if _declares_entities(data):
        return ReadError(name, "declares XML entities in its DOCTYPE: refused (entity "
                               "expansion can blow up memory); remove the declarations")
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({problem})" if problem else ""
        return ReadError(name, f"holds no feed entries{reason}; is it an RSS or Atom feed?")
    return _parsed(name, (parsed.get("feed") or {}).get("title"), entries, max_entries)


def is_json_feed(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and JSON_FEED_VERSION.encode() in head.replace(b"\\/", b"/")


def _json_feed(name: str, data: bytes, max_entries: int | None) -> ParsedFeed | ReadError:
    """A JSON Feed (jsonfeed.org, 1 and 1.1), its items read as feedparser reads entries."""
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return ReadError(name, f"is not valid JSON ({exc}); is it a JSON Feed?")
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list) or not items:
        return ReadError(name, "holds no JSON Feed items")
    entries = [_json_item(item) for item in items if isinstance(item, dict)]
    return _parsed(name, feed.get("title") if isinstance(feed.get("title"), str) else None,
                   entries, max_entries)


def _json_item(item: dict[str, Any]) -> dict[str, Any]:
    contents = [{"value": item[key], "type": kind}
                for key, kind in (("content_html", "text/html"), ("content_text", "text/plain"))
                if isinstance(item.get(key), str)]
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    return {
        "id": str(item["id"]) if item.get("id") is not None else None,
        "link": item.get("url") if isinstance(item.get("url"), str) else None,
        "title": item.get("title") if isinstance(item.get("title"), str) else None,
        "content": contents,
        "summary": item.get("summary") if isinstance(item.get("summary"), str) else "",
        "published": item.get("date_published") or item.get("date_modified"),
        "authors": [a for a in authors if isinstance(a, dict)],
        "tags": [{"term": tag} for tag in item.get("tags") or [] if isinstance(tag, str)],
    }


def _parsed(name: str, feed_title: str | None, entries: list[Any],
            max_entries: int | None) -> ParsedFeed:
    parsed = ParsedFeed(feed_title, total=len(entries))
    for number, entry in enumerate(entries[:max_entries], 1):
        entry_id = entry.get("id") or entry.get("link")
        key = f"{name}#entry {number}" + (f" ({entry_id})" if entry_id else "")
        record = _entry_record(key, name, entry, feed_title)
        parsed.entries.append(FeedEntry(entry.get("link") or None, record, _entry_published(entry)))
    return parsed


def _declares_entities(data: bytes) -> bool:
    """Whether the document declares entities, read as feedparser will read it (its own
    conversion to UTF-8) and as sniffed. Declarations are looked for everywhere outside
    CDATA, not just before the root element: a comment or a literal holding "<x" would
    end a naive prolog early and hide the DOCTYPE behind it."""
    from feedparser.encodings import convert_to_utf8

    readings = [head_text(data)]
    try:
        readings.append(convert_to_utf8({}, data, {}).decode("utf-8", errors="replace"))
    except Exception:  # noqa: BLE001  (a conversion that fails leaves the sniffed reading)
        pass
    return any(ENTITY_DECLARATION.search(CDATA.sub("", text)) for text in readings)


def _entry_record(key: str, origin: str, entry: Any, feed_title: str | None) -> Record | ReadError:
    body, media_type = _entry_body(entry)
    if not body.strip():
        return ReadError(key, "has no content or summary: nothing to analyse")
    title = entry.get("title") or None
    metadata: dict[str, Any] = {k: v for k, v in (
        ("title", title),
        ("authors", [a["name"] for a in entry.get("authors") or [] if a.get("name")]),
        ("tags", [t["term"] for t in entry.get("tags") or [] if t.get("term")]),
        ("feed", feed_title),
        ("id", entry.get("id")),
    ) if v}
    if media_type == "text/plain":
        content, content_type = body, "text"
    else:
        # An entry's content is a fragment: made a page, its title reaches the dossier.
        head = f"<title>{html.escape(title)}</title>" if title else ""
        heading = f"<h1>{html.escape(title)}</h1>" if title else ""
        content = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">{head}</head>"
                   f"<body><article>{heading}\n{body}\n</article></body></html>")
        content_type = "html"
    return Record(key, content, content_type, entry.get("link") or None,
                  _entry_published(entry), metadata, origin)


def _entry_body(entry: Any) -> tuple[str, str]:
    """The entry's fullest content (HTML preferred), else its summary."""
    contents = entry.get("content") or []
    if contents:
        best = max(contents, key=lambda c: ("html" in (c.get("type") or ""),
                                            len(c.get("value") or "")))
        return best.get("value") or "", best.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _entry_published(entry: Any) -> str | None:
    """ISO 8601 as precise as the feed gives it ('2024-03-05T14:30' or '2024-03-05')."""
    for field_name in ("published", "updated", "created"):
        raw = entry.get(field_name)
        if not raw:
            continue
        iso = normalize_published(raw)
        if iso:
            return iso
        parsed = entry.get(f"{field_name}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M", parsed)
    return None
