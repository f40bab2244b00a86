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
file, a JSON file). Page, JSON and feed files are read through `inputs.read_source`, so
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

import codecs
import hashlib
import html
import io
import json
import os
import re
import stat
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from ..errors import InputError, InputTooLargeError
from ..inputs import HTML_SUFFIXES, STDIN, gunzip, iter_paths, read_source, unreadable
from ..text.decoding import decode_bytes

GZIP_MAGIC = b"\x1f\x8b"
# Text gzips 3 to 15 times; a gzip bomb (zeros, one repeated line) a thousand times.
GZIP_BOMB_RATIO = 200
SNIFF_BYTES = 4096
CHUNK = 1 << 16

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
JSON_SUFFIXES = (".json",)
WARC_SUFFIXES = (".warc", ".wet")   # a WET file is a WARC of conversion records
FEED_SUFFIXES = (".rss", ".atom", ".rdf")
TEXT_SUFFIXES = (".txt", ".text")
CONTENT_TYPES = ("auto", "html", "text", "plain")
# JSONL fields that are the record itself; every other field is kept as metadata.
CONTENT_FIELDS = ("html", "text", "content")
RECORD_FIELDS = {"url", "published", "content_type", *CONTENT_FIELDS}
HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")

# The root element: the first tag that is not a declaration, comment or instruction.
ROOT_ELEMENT = re.compile(r"<(?![?!])([\w:.-]+)")
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.I)
CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.S)
WHITESPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Record:
    """One article read from a corpus file, ready for `newstrace.analyze`.

    `key` names it within its source, stably: "a.html", "wire.jsonl#line 17",
    "crawl.warc.gz#record 3 (<urn:uuid:...>)", "feed.xml#entry 2 (tag:...)".
    `origin` is the file it was read from, relative to what was given (as `path`).
    """

    key: str
    content: str | bytes
    content_type: str = "auto"
    url: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    # The key relative to what was ingested ("crawl.jsonl#line 17", "pages/a.html" for a
    # file of the directory "pages" however it was named): what a stored dossier keeps
    # as `input.path`, so that the corpus never records where files sat on the machine.
    path: str | None = None


@dataclass(slots=True)
class ReadError:
    """A record (or a whole file) that could not be read; the batch goes on."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


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
        yield ReadError(name, _message(exc))
        return
    kind = _kind(name, head)
    if kind in ("jsonl", "warc"):
        try:
            stream = _open_stream(name, gzipped, max_bytes, gzip_ratio)
        except InputError as exc:
            yield ReadError(name, _message(exc))
            return
        try:
            reader = _jsonl_records if kind == "jsonl" else _warc_records
            yield from reader(name, stream, max_bytes)
        finally:
            if name != STDIN:
                stream.close()
        return
    try:
        data, content_type = _whole(name, gzipped, max_bytes)
    except InputTooLargeError as exc:
        hint = "; many articles are better as JSONL (one per line), which is streamed"
        yield ReadError(name, _message(exc) + (hint if kind == "json" else ""))
        return
    except InputError as exc:
        yield ReadError(name, _message(exc))
        return
    if kind == "feed":
        yield from _feed_records(name, data)
    elif kind == "json":
        yield from _json_records(name, data, max_bytes)
    else:
        yield _page_record(name, data, content_type)


def _message(exc: InputError) -> str:
    """The message without the source, which the ReadError's key already gives."""
    return Exception.__str__(exc)


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
    text = _head_text(head).lstrip()
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


def _head_text(data: bytes) -> str:
    """The first bytes as text, for sniffing: BOMs and BOM-less UTF-16 honoured, other
    bytes read as Latin-1 (every ASCII-compatible charset agrees on markup)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    sample = data[:512]
    if len(sample) >= 8 and sample[1::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-le", errors="replace")
    if len(sample) >= 8 and sample[0::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-be", errors="replace")
    return data.decode("latin-1")


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


def _whole(name: str, gzipped: bool, max_bytes: int) -> tuple[bytes, str]:
    """A one-document file's bytes (inflated), with the content type its name suggests."""
    source = read_source(name, max_bytes)
    data = source.content
    if gzipped and data.startswith(GZIP_MAGIC):      # gzip under a name without .gz
        data = gunzip(data, max_bytes, name)
    return data, source.content_type


def _truncated(stream: IO[bytes]) -> bool:
    """Whether a stream from `_open_stream` ended inside a gzip member."""
    raw = getattr(stream, "raw", None)
    return isinstance(raw, _Inflater) and raw.truncated


TRUNCATED_GZIP = "gzip data ends early here: the file is truncated; what came before was read"


def _open_stream(name: str, gzipped: bool, max_bytes: int,
                 gzip_ratio: int = GZIP_BOMB_RATIO) -> IO[bytes]:
    """A binary stream over the (inflated) input, for formats read record by record."""
    if name == STDIN:
        raw: IO[bytes] = sys.stdin.buffer
    else:
        try:
            raw = open(name, "rb")
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror or exc})", name) from None
    if not gzipped:
        return raw
    return io.BufferedReader(_Inflater(raw, name, max_bytes, gzip_ratio), buffer_size=CHUNK)


class _Inflater(io.RawIOBase):
    """Gzip (one member or many, as WARC files have) inflated as it is read, refusing
    bombs and noticing when the data ends inside a member (a truncated file)."""

    def __init__(self, raw: IO[bytes], name: str, max_bytes: int,
                 ratio: int = GZIP_BOMB_RATIO) -> None:
        self.raw, self.name, self.max_bytes, self.ratio = raw, name, max_bytes, ratio
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""            # compressed bytes read but not yet given to the inflater
        self.in_member = False        # inside a gzip member: the data may not end here
        self.finished = False
        self.truncated = False        # the data ended inside a member: told as an early end
        self.read_in = self.written = 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed and self.raw is not sys.stdin.buffer:
            self.raw.close()
        super().close()

    def readinto(self, buffer: Any) -> int:
        while not self.finished:
            data = self.inflater.unconsumed_tail or self._take()
            if not data:
                # A truncated member ends the stream where its data ends, so that what
                # came before is still read; the reader asks `truncated` afterwards.
                self.truncated = self.in_member
                self.finished = True
                break
            if not self.in_member:
                data = data.lstrip(b"\0")    # some writers pad between or after members
                if not data:
                    continue
                self.in_member = True
            out = self._inflate(data, len(buffer))
            if self.inflater.eof:
                self.pending = self.inflater.unused_data
                self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self.in_member = False
            if out:
                self.written += len(out)
                self._check_ratio()
                buffer[:len(out)] = out
                return len(out)
        return 0

    def _take(self) -> bytes:
        if self.pending:
            data, self.pending = self.pending, b""
            return data
        data = self.raw.read(CHUNK)
        self.read_in += len(data)
        return data

    def _inflate(self, data: bytes, size: int) -> bytes:
        try:
            return self.inflater.decompress(data, size)
        except zlib.error as exc:
            raise InputError(f"is not valid gzip data ({exc}); decompress it by hand to check",
                             self.name) from None

    def _check_ratio(self) -> None:
        if self.written > self.max_bytes and self.written > self.ratio * max(self.read_in, 1):
            raise InputTooLargeError(
                f"inflates more than {self.ratio} times, past {self.max_bytes:,} bytes: "
                "refused as a gzip bomb; decompress it by hand, or raise max_gzip_ratio, "
                "if it is genuine",
                self.name,
            )


# -- one document per file ----------------------------------------------------------------


def _page_record(name: str, data: bytes, content_type: str) -> Record | ReadError:
    try:
        text = decode_bytes(data)
    except InputError as exc:
        return ReadError(name, _message(exc).replace("input ", "", 1))
    return Record(name, text, content_type, origin=name)


def _json_records(name: str, data: bytes, max_bytes: int) -> Iterator[Record | ReadError]:
    """A .json file: one article object, or a list of them (else it is read as JSONL)."""
    try:
        value = json.loads(data.removeprefix(codecs.BOM_UTF8))
    except (ValueError, UnicodeDecodeError):
        yield from _jsonl_records(name, io.BytesIO(data), max_bytes)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, 1):
        key = f"{name}#item {number}" if isinstance(value, list) else name
        yield _article(key, name, item)


# -- JSONL --------------------------------------------------------------------------------


def _jsonl_records(name: str, stream: IO[bytes], max_bytes: int) -> Iterator[Record | ReadError]:
    number = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except InputError as exc:
            yield ReadError(f"{name}#line {number + 1}", _message(exc))
            return
        if not line:
            if _truncated(stream):
                yield ReadError(f"{name}#line {number + 1}", TRUNCATED_GZIP)
            return
        number += 1
        key = f"{name}#line {number}"
        if not line.endswith(b"\n") and _truncated(stream):
            yield ReadError(key, TRUNCATED_GZIP)
            return
        if len(line.rstrip(b"\r\n")) > max_bytes:
            try:
                _skip_line(line, stream)
            except InputError as exc:
                yield ReadError(key, _message(exc))
                return
            yield ReadError(key, f"is over {max_bytes:,} bytes: refused; raise max_input_bytes "
                                 "if one article really is that long")
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        try:
            item = json.loads(line.rstrip(b"\r\n"))
        except json.JSONDecodeError as exc:
            yield ReadError(key, f"is not valid JSON (column {exc.colno}: {exc.msg}); "
                                 "each line must be one JSON object")
            continue
        except UnicodeDecodeError:
            yield ReadError(key, "is not UTF-8 text; JSONL must be UTF-8")
            continue
        yield _article(key, name, item)


def _skip_line(start: bytes, stream: IO[bytes]) -> None:
    """Read past the rest of an over-long line, a chunk at a time."""
    line = start
    while line and not line.endswith(b"\n"):
        line = stream.readline(CHUNK)


def _article(key: str, origin: str, item: Any) -> Record | ReadError:
    """One JSON article object to a record: url, html/text/content, published, the rest
    (title, content_type aside) as metadata."""
    if not isinstance(item, dict):
        return ReadError(key, f"is a JSON {type(item).__name__}, not an object; give one "
                              'article object like {"url": ..., "html": ...}')
    fields = [f for f in CONTENT_FIELDS if item.get(f) is not None]
    if not fields:
        return ReadError(key, 'has no "html", "text" or "content" field: nothing to analyse')
    content = item[fields[0]]
    if not isinstance(content, str):
        return ReadError(key, f'has a "{fields[0]}" that is a {type(content).__name__}, '
                              "not a string")
    if not content.strip():
        return ReadError(key, f'has an empty "{fields[0]}": nothing to analyse')
    declared = item.get("content_type")
    if declared is not None and declared not in CONTENT_TYPES:
        return ReadError(key, f'has content_type {declared!r}; use one of '
                              f"{', '.join(CONTENT_TYPES)}")
    content_type = declared or {"html": "html", "text": "text"}.get(fields[0], "auto")
    url, published = item.get("url"), item.get("published")
    for label, value in (("url", url), ("published", published)):
        if value is not None and not isinstance(value, str):
            return ReadError(key, f'has a "{label}" that is a {type(value).__name__}, '
                                  "not a string")
    metadata = {k: v for k, v in item.items() if k not in RECORD_FIELDS}
    return Record(key, content, content_type, url or None, published or None, metadata, origin)


# -- WARC ---------------------------------------------------------------------------------


def _warc_records(name: str, stream: IO[bytes], max_bytes: int) -> Iterator[Record | ReadError]:
    """HTML responses (and resources) of a WARC file; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator

    # warcio trips over damaged data in many ways (a header cut off half-way leaves None
    # where it expects a string), so any failure of a record ends the file's reading.
    number = 0
    archive = ArchiveIterator(stream)
    records = iter(archive)
    while True:
        key = f"{name}#record {number + 1}"
        try:
            record = next(records)
        except StopIteration:
            if _truncated(stream):
                yield ReadError(key, f"gzip data ends early, after record {number}: the file "
                                     "is truncated; the records before were read")
            elif _left_over(stream, archive.offset):
                yield ReadError(key, "the file ends inside this record's header: it is "
                                     "truncated; the records before were read")
            return
        except Exception as exc:  # noqa: BLE001
            yield ReadError(key, _stopped(exc))
            return
        number += 1
        if record.format != "warc":        # warcio reads any line as an old ARC header
            yield ReadError(key, "is not a WARC record (the file does not start with "
                                 "WARC/1.x); only WARC files are read")
            return
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        if record_id:
            key = f"{key} ({record_id})"
        try:
            item = _warc_item(key, name, record, max_bytes)
            truncated = _drain(record)
        except Exception as exc:  # noqa: BLE001
            yield ReadError(key, _stopped(exc))
            return
        if truncated:
            yield ReadError(key, f"is truncated: the file ends {truncated:,} "
                                 f"byte{'s' if truncated > 1 else ''} before the record does; "
                                 "the records before it were read")
            return
        if item is not None:
            yield item


def _left_over(stream: IO[bytes], offset: int) -> bool:
    """Whether bytes are left after the last record warcio could parse (it ends quietly
    when a file is cut inside a record's header)."""
    raw = getattr(stream, "raw", None)
    if isinstance(raw, _Inflater):
        size = raw.written
    else:
        try:
            status = os.fstat(stream.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            return False
        if not stat.S_ISREG(status.st_mode):
            return False
        size = status.st_size
    return size - offset > 4          # the blank lines that end the last record


def _stopped(exc: BaseException) -> str:
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    if isinstance(exc, InputError):
        reason = _message(exc)
    elif isinstance(exc, (ArchiveLoadFailed, StatusAndHeadersParserException)):
        text = str(exc).strip()
        reason = f"cannot be read ({text.splitlines()[0] if text else type(exc).__name__})"
    else:       # warcio failing inside a record cut short or garbled
        reason = "has an incomplete or malformed header"
    return (f"{reason}; the WARC file is damaged here and its reading stops "
            "(earlier records were read)")


def _warc_item(key: str, name: str, record: Any, max_bytes: int) -> Record | ReadError | None:
    if record.rec_type == "conversion":
        return _wet_item(key, name, record, max_bytes)
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return None
    if record.rec_type == "response":
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
    media_type = headers.get_header("Content-Type") or ""
    if media_type.split(";")[0].strip().lower() not in HTML_MEDIA_TYPES:
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return ReadError(key, f"has an HTML payload over {max_bytes:,} bytes: refused")
    try:
        content = _decode_payload(payload, media_type)
    except InputError as exc:
        return ReadError(key, _message(exc).replace("input ", "", 1))
    metadata = {
        k: v for k, v in (
            ("warc_date", record.rec_headers.get_header("WARC-Date")),
            ("warc_record_id", record.rec_headers.get_header("WARC-Record-ID")),
        ) if v
    }
    url = record.rec_headers.get_header("WARC-Target-URI")
    return Record(key, content, "html", url or None, None, metadata, name)


def _wet_item(key: str, name: str, record: Any, max_bytes: int) -> Record | ReadError | None:
    """A conversion record (Common Crawl's WET files): the text a crawler took from a whole
    page, menus and footers included, read as scraped text (the `text` mode's cleaning is
    for exactly this). The URL is the record's; the WARC-Date is when the page was
    crawled, kept in the metadata, not taken for the publication date."""
    headers = record.rec_headers
    media_type = headers.get_header("Content-Type") or "text/plain"
    if media_type.split(";")[0].strip().lower() != "text/plain":
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return ReadError(key, f"has a text payload over {max_bytes:,} bytes: refused")
    try:
        content = _decode_payload(payload, media_type if "charset" in media_type else
                                  "text/plain; charset=utf-8")
    except InputError as exc:
        return ReadError(key, _message(exc).replace("input ", "", 1))
    if not content.strip():
        return ReadError(key, "is an empty conversion record (no text): skipped")
    metadata = {k: v for k, v in (
        ("warc_date", headers.get_header("WARC-Date")),
        ("warc_record_id", headers.get_header("WARC-Record-ID")),
        ("warc_refers_to", headers.get_header("WARC-Refers-To")),
        ("language", headers.get_header("WARC-Identified-Content-Language")),
    ) if v}
    url = headers.get_header("WARC-Target-URI")
    return Record(key, content, "text", url or None, None, metadata, name)


def _decode_payload(payload: bytes, media_type: str) -> str:
    """The HTTP header's charset first (it is what the browser used), then the page's."""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", media_type, re.I)
    if match:
        try:
            return payload.decode(codecs.lookup(match.group(1)).name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload)


def _drain(record: Any) -> int:
    """Read the rest of the record; how many of its declared bytes were missing."""
    stream = record.raw_stream
    while stream.read(CHUNK):
        pass
    missing = getattr(stream, "limit", 0)
    return missing if record.length and missing > 0 else 0


# -- feeds --------------------------------------------------------------------------------


def _feed_records(name: str, data: bytes) -> Iterator[Record | ReadError]:
    import feedparser

    if _declares_entities(data):
        yield ReadError(name, "declares XML entities in its DOCTYPE: refused (entity "
                              "expansion can blow up memory); remove the declarations")
        return
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({problem})" if problem else ""
        yield ReadError(name, f"holds no feed entries{reason}; is it an RSS or Atom feed?")
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, 1):
        entry_id = entry.get("id") or entry.get("link")
        key = f"{name}#entry {number}" + (f" ({entry_id})" if entry_id else "")
        yield _entry_record(key, name, entry, feed_title)


def _declares_entities(data: bytes) -> bool:
    """Whether the document declares entities, read as feedparser will read it (its own
    conversion to UTF-8) and as sniffed. Declarations are looked for everywhere outside
    CDATA, not just before the root element: a comment or a literal holding "<x" would
    end a naive prolog early and hide the DOCTYPE behind it."""
    from feedparser.encodings import convert_to_utf8

    readings = [_head_text(data)]
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
    from ..text.metaline import normalize_published

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


__all__ = ["ReadError", "Record", "content_hash", "iter_records"]
