"""JSON and JSONL: an article per object or line (`content`, `html` or `text`, with
`url`, `published`, `content_type`; other fields are kept). Lines are streamed: a line
over the limit is skipped without being held in memory."""

from __future__ import annotations

import codecs
import io
import json
from typing import IO, Any, Iterator

from ..errors import InputError
from .base import CHUNK, TRUNCATED_GZIP, ReadError, Record, message_of
from .streams import ends_early

CONTENT_TYPES = ("auto", "html", "text", "plain")


# JSONL fields that are the record itself; every other field is kept as metadata.
CONTENT_FIELDS = ("html", "text", "content")


RECORD_FIELDS = {"url", "published", "content_type", *CONTENT_FIELDS}


def json_records(name: str, data: bytes, max_bytes: int) -> Iterator[Record | ReadError]:
    """A .json file: one article object, or a list of them (else it is read as JSONL)."""
    try:
        value = json.loads(data.removeprefix(codecs.BOM_UTF8))
    except (ValueError, UnicodeDecodeError):
        yield from jsonl_records(name, io.BytesIO(data), max_bytes)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, 1):
        key = f"{name}#item {number}" if isinstance(value, list) else name
        yield article_record(key, name, item)


def jsonl_records(name: str, stream: IO[bytes], max_bytes: int) -> Iterator[Record | ReadError]:
    number = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except InputError as exc:
            yield ReadError(f"{name}#line {number + 1}", message_of(exc))
            return
        if not line:
            if ends_early(stream):
                yield ReadError(f"{name}#line {number + 1}", TRUNCATED_GZIP)
            return
        number += 1
        key = f"{name}#line {number}"
        if not line.endswith(b"\n") and ends_early(stream):
            yield ReadError(key, TRUNCATED_GZIP)
            return
        if len(line.rstrip(b"\r\n")) > max_bytes:
            try:
                _skip_line(line, stream)
            except InputError as exc:
                yield ReadError(key, message_of(exc))
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
        yield article_record(key, name, item)


def _skip_line(start: bytes, stream: IO[bytes]) -> None:
    """Read past the rest of an over-long line, a chunk at a time."""
    line = start
    while line and not line.endswith(b"\n"):
        line = stream.readline(CHUNK)


def article_record(key: str, origin: str, item: Any) -> Record | ReadError:
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
