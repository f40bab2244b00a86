"""Reading a corpus: files, directories, JSONL, WARC and feeds, gzipped or not, as records.

    for item in iter_records(["crawl/", "wire.jsonl.gz", "site.warc.gz"], max_bytes):
        if isinstance(item, ReadError):
            print(item)                  # "wire.jsonl.gz#line 17: is not valid JSON ..."
        else:
            analyze(item.content, item.content_type, url=item.url, published=item.published)

One path may hold many articles. What each path holds is read from its name (the
extension once `.gz` is taken off) and, where the name says nothing, from its first bytes:

| format       | named                          | sniffed                   | a record per  |
|--------------|--------------------------------|---------------------------|---------------|
| page or text | .html .htm .xhtml .shtml .txt  | anything else             | file          |
| JSONL        | .jsonl .ndjson .jsonlines      | a first line `{...}`      | line          |
| JSON         | .json                          |                           | object        |
| WARC         | .warc                          | `WARC/1.`                 | HTML response |
| WET          | .wet (.warc.wet)               | `WARC/1.`                 | text conversion |
| RSS/Atom/RDF | .rss .atom .rdf (.xml sniffed) | root rss, feed or rdf:RDF | entry         |

Limits. Every record is at most `max_bytes` (a page, a JSONL line, a WARC payload, a feed
file, a JSON file). Page, JSON and feed files are read through `paths.read_source`, so
gzip is inflated with the same limit. JSONL and WARC files are streamed, so they may be
any size: a line or payload over the limit is refused (and skipped without being held in
memory) and the batch goes on. Streamed gzip is inflated as it is read; past `max_bytes`
inflated bytes, data that inflates more than `gzip_ratio` times (`Options.max_gzip_ratio`,
200 by default) is refused as a gzip bomb. Feeds are parsed from their bytes, never fetched, and a feed that declares
entities (the "billion laughs" expansion bomb, or external entities) is refused.

A bad record is a `ReadError` in its place: the rest of its file, and the batch, go on.
A file that cannot be read at all is one `ReadError` keyed by its path.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError, InputTooLargeError
from ..text.decoding import decode_bytes
from .base import (
    CHUNK,
    GZIP_BOMB_RATIO,
    GZIP_MAGIC,
    SNIFF_BYTES,
    ReadError,
    Record,
    head_text,
    message_of,
)
from .feeds import FEED_ROOTS, feed_records
from .jsonl import json_records, jsonl_records
from .paths import HTML_SUFFIXES, STDIN, iter_paths, unreadable
from .streams import open_stream, read_whole
from .warc import warc_records

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
JSON_SUFFIXES = (".json",)
WARC_SUFFIXES = (".warc", ".wet")   # a WET file is a WARC of conversion records
FEED_SUFFIXES = (".rss", ".atom", ".rdf")
TEXT_SUFFIXES = (".txt", ".text")

# The root element: the first tag that is not a declaration, comment or instruction.
ROOT_ELEMENT = re.compile(r"<(?![?!])([\w:.-]+)")
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def iter_records(paths: Iterable[str], max_bytes: int,
                 gzip_ratio: int = GZIP_BOMB_RATIO) -> Iterator[Record | ReadError]:
    """Every record under `paths`, in order: directories recursively, in name order,
    hidden files skipped; `-` is standard input."""
    for given in paths:
        for name in iter_paths([given]):
            shown = relative_name(name, given)
            for item in _records_of(name, max_bytes, gzip_ratio):
                if isinstance(item, Record) and item.key.startswith(name):
                    item.path = shown + item.key[len(name):]
                    item.origin = shown
                yield item


def relative_name(name: str, given: str) -> str:
    """A file's name relative to what the user gave: the file's own name, or for a
    file found in a directory, the directory's name and the path below it."""
    if name == STDIN:
        return name
    path, root = Path(name), Path(given)
    if path == root:
        return path.name
    return (Path(root.resolve().name) / path.relative_to(root)).as_posix()


def content_hash(content: str | bytes) -> str:
    """SHA-256 (hex) of the content with its whitespace collapsed: the same article saved
    with other line endings or indentation has the same hash."""
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="surrogateescape")
    normal = " ".join(content.removeprefix("\ufeff").split())
    return hashlib.sha256(normal.encode("utf-8", errors="surrogateescape")).hexdigest()


# -- dispatch -----------------------------------------------------------------------------


def _records_of(name: str, max_bytes: int,
                gzip_ratio: int = GZIP_BOMB_RATIO) -> Iterator[Record | ReadError]:
    try:
        gzipped, head = _sniff_head(name)
    except InputError as exc:
        yield ReadError(name, message_of(exc))
        return
    kind = _kind(name, head)
    if kind in ("jsonl", "warc"):
        try:
            stream = open_stream(name, gzipped, max_bytes, gzip_ratio)
        except InputError as exc:
            yield ReadError(name, message_of(exc))
            return
        try:
            reader = jsonl_records if kind == "jsonl" else warc_records
            yield from reader(name, stream, max_bytes)
        finally:
            if name != STDIN:
                stream.close()
        return
    try:
        data, content_type = read_whole(name, gzipped, max_bytes)
    except InputTooLargeError as exc:
        hint = "; many articles are better as JSONL (one per line), which is streamed"
        yield ReadError(name, message_of(exc) + (hint if kind == "json" else ""))
        return
    except InputError as exc:
        yield ReadError(name, message_of(exc))
        return
    if kind == "feed":
        yield from feed_records(name, data)
    elif kind == "json":
        yield from json_records(name, data, max_bytes)
    else:
        yield _page_record(name, data, content_type)


def _kind(name: str, head: bytes) -> str:
    """What a path holds: from its name, else from its first bytes."""
    suffix = _suffix(name)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in WARC_SUFFIXES:
        return "warc"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES or suffix in TEXT_SUFFIXES:
        return "page"
    return _sniffed(head)


def _suffix(name: str) -> str:
    if name == STDIN:
        return ""
    path = Path(name)
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return path.suffix.lower()


def _sniffed(head: bytes) -> str:
    if head.startswith(b"WARC/1."):
        return "warc"
    text = head_text(head).lstrip()
    if text.startswith("{") and _json_object_line(text):
        return "jsonl"
    if text.startswith("<"):
        root = ROOT_ELEMENT.search(COMMENT.sub("", text))
        if root and root.group(1).lower() in FEED_ROOTS:
            return "feed"
    return "page"


def _json_object_line(text: str) -> bool:
    """Whether the first line is a JSON object (or too long to tell and starts like one)."""
    line, newline, _ = text.partition("\n")
    if not newline:
        return line.startswith('{"')
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


# -- opening ------------------------------------------------------------------------------


def _sniff_head(name: str) -> tuple[bool, bytes]:
    """Whether the input is gzipped, and its first (inflated) bytes."""
    if name == STDIN:
        peek = getattr(sys.stdin.buffer, "peek", None)
        raw = peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek else b""
    else:
        try:
            with open(name, "rb") as handle:
                raw = handle.read(CHUNK)
        except OSError as exc:
            raise (unreadable(exc, name)
                   or InputError(f"cannot be read ({exc.strerror or exc})", name)) from None
    if not raw.startswith(GZIP_MAGIC):
        return False, raw[:SNIFF_BYTES]
    try:
        return True, zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, SNIFF_BYTES)
    except zlib.error as exc:
        raise InputError(f"is not valid gzip data ({exc}); decompress it by hand to check",
                         name) from None


# -- one document per file ----------------------------------------------------------------


def _page_record(name: str, data: bytes, content_type: str) -> Record | ReadError:
    try:
        text = decode_bytes(data)
    except InputError as exc:
        return ReadError(name, message_of(exc).replace("input ", "", 1))
    return Record(name, text, content_type, origin=name)


# -- JSONL --------------------------------------------------------------------------------


# -- WARC ---------------------------------------------------------------------------------


# -- feeds --------------------------------------------------------------------------------


__all__ = ["ReadError", "Record", "content_hash", "iter_records"]
