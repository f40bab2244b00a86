"""A batch job's output into a store: `newstrace load OUT --db ...`.

Only finished units (those with a marker in `OUT/_done/`) are loaded: a job still
running, or killed half-way, leaves files that a rerun will replace. Dossiers are added
in batches, one transaction each, through the `corpus.service.CorpusWriter` that
`newstrace ingest` and the API store through (the content hash and fingerprint the job
computed, copies linked as they arrive, same-story clusters placed at the end); the
errors table goes to the store's failures. An article the store has seen (same content or URL) is skipped unless
`replace` is set, so loading twice stores each article once.
"""

from __future__ import annotations

import posixpath
import time
from typing import TYPE_CHECKING, Any, Callable, Iterator, cast

import pyarrow.parquet as pq

from ..corpus.service import CorpusWriter, Done, IngestSummary
from ..errors import InputNotFoundError
from ..store.base import Store
from .runner import DONE, ERRORS, _finished, _fs, output_root

if TYPE_CHECKING:
    import pyarrow as pa

DEFAULT_BATCH = 500
DOSSIER_COLUMNS = ["key", "content_hash", "dossier", "fingerprint"]

Progress = Callable[[IngestSummary], None]


def load_results(out: str, store: Store, *, batch_size: int = DEFAULT_BATCH,
                 replace: bool = False, stories: bool = True,
                 progress: Progress | None = None) -> IngestSummary:
    """Store every dossier (and error) of the finished units under `out`."""
    import json

    started = time.perf_counter()
    fs, root = _fs(output_root(out))
    if not fs.exists(posixpath.join(root, DONE)):
        raise InputNotFoundError(f"holds no finished batch output (no {DONE}/ folder); run "
                                 "`newstrace batch INPUT... --out DIR` first", out)
    finished = _finished(fs, root)
    writer = CorpusWriter(store)
    summary = writer.summary
    chunk: list[Done] = []
    for path in _files(fs, root, "dossiers", finished):
        for row in _read(fs, path, DOSSIER_COLUMNS):
            summary.read += 1
            chunk.append(Done(row["key"], row["content_hash"], row["key"],
                              json.loads(row["dossier"]), row["fingerprint"]))
            if len(chunk) >= batch_size:
                _store(chunk, writer, replace, progress, started)
                chunk = []
    for path in _files(fs, root, ERRORS, finished):
        for row in _read(fs, path):
            summary.read += 1
            chunk.append(Done(row["key"] or row["input"], row["content_hash"] or "", row["input"],
                              error=row["reason"]))
            if len(chunk) >= batch_size:
                _store(chunk, writer, replace, progress, started)
                chunk = []
    if chunk:
        _store(chunk, writer, replace, progress, started)
    if stories:
        writer.place_stories()
    summary.seconds = time.perf_counter() - started
    return summary


def read_table(out: str, table: str = "dossiers", *, finished: bool = True) -> "pa.Table":
    """One table of a batch job's output in memory (for a look, a test or a small job;
    query a large one where it lies, with DuckDB, Spark or `ray.data.read_parquet`), with
    its `date` partition as a column; only finished units' rows unless `finished` is
    False."""
    import pyarrow as pa

    from .tables import SCHEMAS

    fs, root = _fs(output_root(out))
    done = _finished(fs, root) if finished else None
    parts = []
    for path in _files(fs, root, table, done):
        part = pa.Table.from_pylist(_read(fs, path), schema=SCHEMAS[table])
        folder = posixpath.basename(posixpath.dirname(path))
        if folder.startswith("date="):
            part = part.append_column("date", pa.array([folder[5:]] * part.num_rows, pa.string()))
        parts.append(part)
    if not parts:
        schema = SCHEMAS[table]
        return schema.empty_table() if table == ERRORS else \
            schema.append(pa.field("date", pa.string())).empty_table()
    return pa.concat_tables(parts)


def _store(chunk: list[Done], writer: CorpusWriter, replace: bool, progress: Progress | None,
           started: float) -> None:
    writer.add(chunk, replace=replace)
    writer.summary.seconds = time.perf_counter() - started
    if progress:
        progress(writer.summary)


def _read(fs: Any, path: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    with fs.open(path, "rb") as handle:
        return cast(list[dict[str, Any]], pq.read_table(handle, columns=columns).to_pylist())


def _files(fs: Any, root: str, table: str, finished: set[str] | None) -> Iterator[str]:
    """A table's files (of finished units, unless `finished` is None), in path order:
    by date, then unit, then position in the unit."""
    folder = posixpath.join(root, table)
    if not fs.exists(folder):
        return
    for path in sorted(p for p in fs.find(folder) if p.endswith(".parquet")):
        if finished is None or posixpath.basename(path).split("-", 1)[0] in finished:
            yield path


__all__ = ["load_results", "read_table"]
