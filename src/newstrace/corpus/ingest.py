"""Ingest: read records, analyse them in parallel, store them in batches.

- Records come from `newstrace.inputs` (files, directories, JSONL, WARC, feeds, gzip).
- A record seen before (same content, or same URL) is skipped before any analysis,
  unless `reprocess` is set, in which case it is analysed again and replaced.
- Analysis runs on all cores through `newstrace.runner` (a process pool; each worker
  loads the models once and parses a chunk's texts in batches).
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
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..config import Options
from ..errors import StoreError
from ..inputs import ReadError, Record, content_hash, iter_records
from ..pipeline import Work
from ..runner import Job, Outcome, run
from ..store.base import Store
from .lineage import Fingerprint
from .service import CorpusWriter, Done, IngestSummary

DEFAULT_BATCH = 32


@dataclass(slots=True)
class IngestJob(Job):
    """A record to analyse, with what storing it needs: its key, hash and origin."""

    key: str = ""
    content_hash: str = ""
    origin: str = ""


Progress = Callable[[IngestSummary], None]


def ingest(paths: Iterable[str], store: Store, options: Options | None = None, *,
           reprocess: bool = False, workers: int | None = None, batch_size: int = DEFAULT_BATCH,
           stories: bool = True, progress: Progress | None = None) -> IngestSummary:
    options = options or Options.load()
    records = iter_records(paths, options.max_input_bytes, options.max_gzip_ratio)
    return ingest_records(records, store, options, reprocess=reprocess, workers=workers,
                          batch_size=batch_size, stories=stories, progress=progress)


def ingest_records(records: Iterable[Record | ReadError], store: Store, options: Options, *,
                   reprocess: bool = False, workers: int | None = None,
                   batch_size: int = DEFAULT_BATCH, stories: bool = True,
                   progress: Progress | None = None, pool: bool = False,
                   on_batch: Callable[[list[Done]], None] | None = None) -> IngestSummary:
    """Records from anywhere (files, or pages `newstrace follow` fetched) into the
    store. `pool`: analyse on a process pool even with one worker (a caller sharing
    its process with other analysis, as `serve --follow` does). `on_batch` hears of
    each batch once it is committed (what each record became)."""
    writer = CorpusWriter(store)
    summary = writer.summary
    started = time.perf_counter()
    try:
        jobs = _jobs(iter(records), writer, reprocess)
        for chunk in run(jobs, options, _done, workers=workers or os.cpu_count() or 1,
                         chunk_size=batch_size, pool=pool):
            writer.add(chunk, replace=reprocess)
            if on_batch:
                on_batch(chunk)
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


def _jobs(records: Iterator[Record | ReadError], writer: CorpusWriter,
          reprocess: bool) -> Iterator[IngestJob]:
    for record in records:
        writer.summary.read += 1
        if isinstance(record, ReadError):
            writer.fail(record.key, record.message)
            continue
        digest = content_hash(record.content)
        if not reprocess and not writer.is_new(digest, record.url, record.published, record.origin):
            continue
        yield IngestJob(record.content, record.content_type, record.url, record.published,
                        record.path or record.key, record.key, digest, record.origin)


def _done(job: IngestJob, outcome: Outcome) -> Done:
    """Worker side: a job's dossier (as a dict) and its fingerprint, or why it failed."""
    if isinstance(outcome, Work) and outcome.error is None:
        dossier = outcome.dossier.to_dict()
        return Done(job.key, job.content_hash, job.origin, dossier, Fingerprint.of(dossier).to_bytes())
    error = outcome.error if isinstance(outcome, Work) else outcome
    return Done(job.key, job.content_hash, job.origin, error=str(error))
