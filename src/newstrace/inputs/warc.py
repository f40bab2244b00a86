"""WARC and WET files: an article per HTML response (WARC) or text conversion (WET)
record, payloads streamed, a record over the limit skipped and the file read on."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from typing import IO, Any, Iterator

from ..errors import InputError
from ..text.decoding import decode_bytes
from .base import CHUNK, ReadError, Record, message_of
from .streams import Inflater, ends_early

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")


def warc_records(name: str, stream: IO[bytes], max_bytes: int) -> Iterator[Record | ReadError]:
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
            if ends_early(stream):
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
    if isinstance(raw, Inflater):
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
        reason = message_of(exc)
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
        return ReadError(key, message_of(exc).replace("input ", "", 1))
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
        return ReadError(key, message_of(exc).replace("input ", "", 1))
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
