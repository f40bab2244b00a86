"""Ingest: read records, analyse them in parallel, store them in batches.

- Records come from `corpus.readers` (files, directories, JSONL, WARC, feeds, gzip).
- A record seen before (same content, or same URL) is skipped before any analysis,
  unless `reprocess` is set, in which case it is analysed again and replaced.
- Analysis runs on all cores (a process pool; each worker loads the models once).
- Each batch is stored through `corpus.service.CorpusWriter`, as `load` and the API
  store, in one transaction with the lineage links it made: a killed
  ingest loses at most the batch it was writing, and running it again stores every
  article exactly once.
- A bad record is reported, kept in the store's failures table (once, however many
  runs meet it; cleared when it is stored), and skipped.
- The store retries when its database connection drops and otherwise stops the ingest
  with a `StoreError` that says to run the command again (see `store.sql`); what was
  committed is kept. Same-story clustering is redone by the next run when the one that
  should have done it was stopped (articles without a story are left).
- Syndicated copies are linked to their origin as they arrive; same-story clusters
  are computed at the end.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from ..api import analyze
from ..config import Options
from ..errors import InputError, StoreError
from ..store.base import Store
from .lineage import Fingerprint
from .readers import ReadError, Record, content_hash, iter_records
from .service import CorpusWriter, Done, IngestSummary

DEFAULT_BATCH = 32
# Chunks kept in flight per worker: enough to keep every core busy, few enough that a
# huge input is never read into memory ahead of the analysis.
IN_FLIGHT_PER_WORKER = 2


@dataclass(slots=True)
class Job:
    """One record to analyse, in a form a worker process can receive."""

    key: str
    content: str | bytes
    content_type: str
    url: str | None
    published: str | None
    content_hash: str
    origin: str
    path: str | None = None     # the key relative to what was ingested (Record.path)


Progress = Callable[[IngestSummary], None]


def ingest(paths: Iterable[str], store: Store, options: Options | None = None, *,
           reprocess: bool = False, workers: int | None = None, batch_size: int = DEFAULT_BATCH,
           stories: bool = True, progress: Progress | None = None) -> IngestSummary:
    options = options or Options.load()
    writer = CorpusWriter(store)
    summary = writer.summary
    started = time.perf_counter()
    try:
        records = iter_records(paths, options.max_input_bytes, options.max_gzip_ratio)
        jobs = _jobs(records, writer, reprocess)
        for chunk in _analysed(jobs, options, workers or os.cpu_count() or 1, batch_size):
            writer.add(chunk, replace=reprocess)
            summary.seconds = time.perf_counter() - started
            if progress:
                progress(summary)
        if stories:
            writer.place_stories()
    except StoreError as exc:
        done = summary.stored + summary.replaced
        raise StoreError(f"{exc} (this run had stored {done} articles when it stopped)") from exc
    summary.seconds = time.perf_counter() - started
    return summary


def _jobs(records: Iterator[Record | ReadError], writer: CorpusWriter, reprocess: bool) -> Iterator[Job]:
    for record in records:
        writer.summary.read += 1
        if isinstance(record, ReadError):
            writer.fail(record.key, record.message)
            continue
        digest = content_hash(record.content)
        if not reprocess and not writer.is_new(digest, record.url, record.published, record.origin):
            continue
        yield Job(record.key, record.content, record.content_type, record.url, record.published,
                  digest, record.origin, record.path)


def analyse_chunk(jobs: list[Job], options: Options | None = None) -> list[Done]:
    """Worker side: each job to a dossier (as a dict) and its fingerprint, or an error."""
    done = []
    for job in jobs:
        try:
            dossier = analyze(job.content, job.content_type, url=job.url, published=job.published,
                              path=job.path or job.key, options=options).to_dict()
        except InputError as exc:
            done.append(Done(job.key, job.content_hash, job.origin, error=str(exc)))
            continue
        fingerprint = Fingerprint.of(dossier).to_bytes()
        done.append(Done(job.key, job.content_hash, job.origin, dossier, fingerprint))
    return done


def _analysed(jobs: Iterator[Job], options: Options, workers: int, size: int) -> Iterator[list[Done]]:
    chunks = iter(lambda: list(islice(jobs, size)), [])
    if workers <= 1:
        for chunk in chunks:
            yield analyse_chunk(chunk, options)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent,
                               initargs=(os.getpid(),))
    try:
        pending: list[Future[list[Done]]] = []
        for chunk in chunks:
            pending.append(pool.submit(analyse_chunk, chunk, options))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    finally:
        # Stopped early (the store failed): queued chunks are dropped, not analysed first.
        pool.shutdown(wait=True, cancel_futures=True)


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """In a pool worker: exit when the ingest that started it is gone. A kill -9 (or the
    OOM killer) gives the pool no chance to stop its workers, and a worker waiting for
    work never learns of it otherwise: it would live on, holding its memory and the
    parent's output pipes."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="newstrace-parent-watch", daemon=True).start()
