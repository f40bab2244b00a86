"""Inputs to record batches: one *unit* per input file, its records in batches of rows.

A unit is the grain of resumption: the job writes all of a unit's outputs, then marks
it done. Local paths are read with `newstrace.inputs` (JSONL, WARC, pages, feeds, JSON,
gzipped or not); a Parquet file (named `.parquet`/`.pq`, or starting with `PAR1`) is read
with pyarrow, a record per row from its `url`, `html`/`text`/`content`, `published` and
`content_type` columns. An fsspec URL (`s3://`, `gs://`, `https://`, `memory://` ...) is
opened with fsspec: Parquet is read in place, anything else is copied to a temporary file
first and read like a local file.

Rows carry `unit` (the input's id), `seq` (0, 1, ... within the unit) and `kind`:
"record" (an article to analyse), "error" (a record that could not be read, with the
reason) or, last, one "end" row whose `count` is how many rows came before it. The end
row is how the runner knows that every row of a unit has been written; `retry` on it
says the unit could not be fetched at all (a network error) and must not be marked done.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Iterable, Iterator, cast

import pyarrow as pa

from ..errors import FetchError, InputNotFoundError
from .base import GZIP_BOMB_RATIO
from .jsonl import article_record
from .paths import STDIN, is_hidden, iter_paths
from .records import ReadError, Record, iter_records

PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_MAGIC = b"PAR1"
# The Parquet columns a record is made of (as in JSONL); other columns are not read.
PARQUET_COLUMNS = ("url", "html", "text", "content", "published", "content_type")
GLOB_CHARS = "*?["
# A batch of rows is cut at this many rows or this many bytes of content.
BATCH_BYTES = 64 << 20

RECORD_SCHEMA = pa.schema([
    ("unit", pa.string()),
    ("seq", pa.int64()),
    ("kind", pa.string()),
    ("key", pa.string()),
    ("content", pa.large_string()),
    ("content_type", pa.string()),
    ("url", pa.string()),
    ("published", pa.string()),
    ("error", pa.string()),
    ("count", pa.int64()),
    ("retry", pa.bool_()),
])


@dataclass(frozen=True, slots=True)
class Unit:
    """One input file. `id` is stable wherever the job runs (an absolute path or a URL)
    and names the unit's marker and output files; `name` is how record keys begin (the
    path as the user gave it, as `newstrace ingest` keys records)."""

    id: str
    name: str


def is_url(name: str) -> bool:
    return "://" in name and not name.startswith("file://")


def list_units(inputs: Iterable[str]) -> list[Unit]:
    """Every input file: directories (local or remote) recursively in name order, hidden
    files skipped; globs in URLs expanded. A missing input is an error before any work."""
    units: list[Unit] = []
    for raw in inputs:
        if raw == STDIN:
            raise InputNotFoundError("standard input cannot be split into units; give files "
                                     "(or use `newstrace ingest -`)", raw)
        if raw.startswith("file://"):
            raw = raw.removeprefix("file://")
        units += _remote_units(raw) if is_url(raw) else _local_units(raw)
    return list({u.id: u for u in units}.values())       # each file once, in order


def _local_units(raw: str) -> list[Unit]:
    if not os.path.exists(raw):
        raise InputNotFoundError("no such file or directory; check the path", raw)
    return [Unit(os.path.abspath(name), name) for name in iter_paths([raw])]


def _remote_units(url: str) -> list[Unit]:
    from fsspec.core import url_to_fs

    try:
        fs, path = url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise InputNotFoundError(f"cannot be opened ({exc}); install the fsspec backend for "
                                 "this protocol (s3fs, gcsfs, adlfs ...)", url) from None
    try:
        if any(c in path for c in GLOB_CHARS):
            paths = sorted(p for p in fs.glob(path) if fs.isfile(p))
        elif fs.isdir(path):
            root = PurePosixPath(path.rstrip("/"))
            paths = sorted(p for p in fs.find(path) if not is_hidden(PurePosixPath(p), root))
        elif fs.exists(path):
            paths = [path]
        else:
            raise InputNotFoundError("no such file or directory; check the URL", url)
    except OSError as exc:
        raise InputNotFoundError(f"cannot be listed ({exc})", url) from None
    if not paths and not fs.isdir(path):
        raise InputNotFoundError("matches no file", url)
    # fsspec's spelling of each URL, however it was found (named, listed or globbed), so
    # that a unit has one id across runs.
    return [Unit(fs.unstrip_protocol(p), fs.unstrip_protocol(p)) for p in paths]


# -- reading one unit ---------------------------------------------------------------------


def unit_rows(unit: Unit, max_bytes: int,
              gzip_ratio: int = GZIP_BOMB_RATIO) -> Iterator[dict[str, Any]]:
    """Every row of one unit, in order, ending with its "end" row."""
    seq = 0
    retry = False
    try:
        for item in _items(unit, max_bytes, gzip_ratio):
            yield _row(unit, seq, item)
            seq += 1
    except FetchError as exc:
        yield _row(unit, seq, ReadError(unit.name, f"could not be fetched ({exc}); it is "
                                                   "not marked done, so a rerun tries it again"))
        seq += 1
        retry = True
    yield {"unit": unit.id, "seq": seq, "kind": "end", "key": unit.name, "count": seq,
           "retry": retry}


def unit_batches(unit: Unit, max_bytes: int, rows: int,
                 gzip_ratio: int = GZIP_BOMB_RATIO) -> Iterator[pa.Table]:
    """`unit_rows` in tables of at most `rows` rows (or `BATCH_BYTES` of content)."""
    batch: list[dict[str, Any]] = []
    size = 0
    for row in unit_rows(unit, max_bytes, gzip_ratio):
        batch.append(row)
        size += len(row.get("content") or "")
        if len(batch) >= rows or size >= BATCH_BYTES:
            yield rows_table(batch)
            batch, size = [], 0
    if batch:
        yield rows_table(batch)


def rows_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=RECORD_SCHEMA)


def read_units(batch: pa.Table, max_bytes: int, rows: int,
               gzip_ratio: int = GZIP_BOMB_RATIO) -> Iterator[pa.Table]:
    """Ray Data's reading step (`map_batches` over a table of units): record batches."""
    for item in batch.to_pylist():
        yield from unit_batches(Unit(item["id"], item["name"]), max_bytes, rows, gzip_ratio)


def _row(unit: Unit, seq: int, item: Record | ReadError) -> dict[str, Any]:
    if isinstance(item, ReadError):
        return {"unit": unit.id, "seq": seq, "kind": "error", "key": _clean(item.key),
                "error": _clean(item.message)}
    content = item.content
    if isinstance(content, bytes):       # readers decode; kept for safety
        content = content.decode("utf-8", errors="replace")
    return {"unit": unit.id, "seq": seq, "kind": "record", "key": _clean(item.key),
            "content": _clean(content), "content_type": item.content_type,
            "url": _clean(item.url), "published": _clean(item.published)}


def _clean(text: str | None) -> str | None:
    """Text Arrow can hold: a lone surrogate (JSON can carry "\\ud800") becomes U+FFFD."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _items(unit: Unit, max_bytes: int,
           gzip_ratio: int = GZIP_BOMB_RATIO) -> Iterator[Record | ReadError]:
    if is_url(unit.id):
        yield from _remote_items(unit, max_bytes, gzip_ratio)
        return
    if _is_parquet(unit.id):
        try:
            handle = open(unit.id, "rb")
        except OSError as exc:
            yield ReadError(unit.name, f"cannot be read ({exc.strerror or exc})")
            return
        with handle:
            yield from _parquet_records(unit.name, handle, max_bytes)
        return
    yield from _renamed(iter_records([unit.id], max_bytes, gzip_ratio), unit.id, unit.name)


def _remote_items(unit: Unit, max_bytes: int,
                  gzip_ratio: int = GZIP_BOMB_RATIO) -> Iterator[Record | ReadError]:
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(unit.id)
    try:
        if _suffix(path) in PARQUET_SUFFIXES or _head(fs, path) == PARQUET_MAGIC:
            handle = fs.open(path, "rb")
        else:
            handle = None
    except FileNotFoundError:
        yield ReadError(unit.name, "no such file (it was there when the job started)")
        return
    except OSError as exc:
        raise FetchError(str(exc) or type(exc).__name__) from exc
    if handle is not None:
        with handle:
            yield from _parquet_records(unit.name, handle, max_bytes, remote=True)
        return
    folder = tempfile.mkdtemp(prefix="newstrace-fetch-")
    try:
        local = os.path.join(folder, PurePosixPath(path).name or "input")
        try:
            fs.get_file(path, local)
        except FileNotFoundError:
            yield ReadError(unit.name, "no such file (it was there when the job started)")
            return
        except OSError as exc:
            raise FetchError(str(exc) or type(exc).__name__) from exc
        yield from _renamed(iter_records([local], max_bytes, gzip_ratio), local, unit.name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _renamed(items: Iterator[Record | ReadError], path: str,
             name: str) -> Iterator[Record | ReadError]:
    """Keys (and origins) as the user named the input, not as it was opened."""
    for item in items:
        if item.key.startswith(path):
            item.key = name + item.key[len(path):]
        if isinstance(item, Record):
            item.origin = name
        yield item


def _suffix(path: str) -> str:
    return PurePosixPath(path).suffix.lower()


def _head(fs: Any, path: str) -> bytes:
    with fs.open(path, "rb") as handle:
        return cast(bytes, handle.read(len(PARQUET_MAGIC)))


def _is_parquet(path: str) -> bool:
    if _suffix(path) in PARQUET_SUFFIXES:
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PARQUET_MAGIC)) == PARQUET_MAGIC
    except OSError:
        return False          # the readers report it


# -- Parquet ------------------------------------------------------------------------------


def _parquet_records(name: str, handle: Any, max_bytes: int,
                     remote: bool = False) -> Iterator[Record | ReadError]:
    """A record per row, validated as a JSONL line is (`readers.article_record`). A remote
    file that stops being readable half-way is a `FetchError` (a rerun tries again)."""
    import pyarrow.parquet as pq



    try:
        parquet = pq.ParquetFile(handle)
    except (pa.ArrowException, OSError) as exc:
        if remote and isinstance(exc, OSError) and not isinstance(exc, pa.ArrowException):
            raise FetchError(str(exc) or type(exc).__name__) from exc
        yield ReadError(name, f"is not a readable Parquet file ({exc})")
        return
    columns = [c for c in PARQUET_COLUMNS if c in parquet.schema_arrow.names]
    if not any(c in columns for c in ("html", "text", "content")):
        yield ReadError(name, 'has no "html", "text" or "content" column: nothing to analyse '
                              f"(columns: {', '.join(parquet.schema_arrow.names)})")
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=256, columns=columns):
            for item in batch.to_pylist():
                number += 1
                key = f"{name}#row {number}"
                item = {k: _text(v) for k, v in item.items() if v is not None}
                content = next((item[f] for f in ("html", "text", "content") if f in item), None)
                if isinstance(content, str) and _utf8_size(content) > max_bytes:
                    yield ReadError(key, f"is over {max_bytes:,} bytes: refused; raise "
                                         "max_input_bytes if one article really is that long")
                    continue
                yield article_record(key, name, item)
    except (pa.ArrowException, OSError) as exc:
        if remote and isinstance(exc, OSError) and not isinstance(exc, pa.ArrowException):
            raise FetchError(str(exc) or type(exc).__name__) from exc
        yield ReadError(f"{name}#row {number + 1}", f"cannot be read ({exc}); the file is "
                                                    "damaged here and its reading stops")


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _text(value: Any) -> Any:
    """Timestamps and dates as ISO 8601 (what a `published` string would be; midnight
    without a time zone is taken for a day kept as a timestamp); bytes as UTF-8 text."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time():
            return value.date().isoformat()        # a day kept as a timestamp
        return value.isoformat(timespec="minutes") if value.tzinfo is None else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


__all__ = ["RECORD_SCHEMA", "Unit", "list_units", "read_units", "rows_table", "unit_batches",
           "unit_rows"]
