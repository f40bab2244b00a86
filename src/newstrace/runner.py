"""The one runner: articles through the pipeline, in this process or on a process pool.

`analyze_many`, `newstrace ingest` and `newstrace batch` (its local engine and each of
its Ray actors) all analyse through `analyse_jobs`, which runs a chunk of jobs through
`Pipeline.pipe`, so that the spaCy model parses `options.batch_size` texts at a time
(`nlp.pipe`) whichever way the articles came. `run` spreads chunks over a process pool
when asked for more than one worker:

- results come back in input order, a chunk at a time;
- at most `IN_FLIGHT_PER_WORKER` chunks per worker are queued, so a huge input is never
  read into memory ahead of the analysis;
- a worker exits when the process that started it is gone (a kill -9 gives the pool no
  chance to stop it);
- stopping early (the caller raised, say the store failed) drops the queued chunks.

What each caller keeps of a result (a dossier, its dict and fingerprint, a Parquet row)
is made where the result is, by the `keep` function it passes: in the pool's workers, so
that only what is kept crosses between processes. `parallel_map` is the same pool for
the evaluation scorers, which map a function over a gold corpus.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .config import Options
from .dossier import InputInfo
from .errors import AnalysisError, ConfigError, NewstraceError
from .pipeline import Hints, Pipeline, Work
from .stages import DEFAULT_STAGES

CONTENT_TYPES = ("auto", "html", "text", "plain")
# Chunks kept in flight per worker: enough to keep every core busy, few enough that a
# huge input is never read into memory ahead of the analysis.
IN_FLIGHT_PER_WORKER = 2

Kept = TypeVar("Kept")
Item = TypeVar("Item")


@dataclass(slots=True)
class Job:
    """One article to analyse, in a form a worker process can receive."""

    content: str | bytes
    content_type: str = "auto"
    url: str | None = None
    published: str | None = None
    path: str | None = None


JobT = TypeVar("JobT", bound=Job)   # a Job, or a subclass that carries more (IngestJob)

Outcome = Work | NewstraceError
Keep = Callable[[JobT, Outcome], Kept]


@lru_cache(maxsize=8)
def get_pipeline(options: Options) -> Pipeline:
    """The pipeline for these options, built once per process (models load once)."""
    return Pipeline(options.stages or DEFAULT_STAGES, options)


@lru_cache(maxsize=1)
def default_options() -> Options:
    return Options.load()


def make_work(
    content: str | bytes,
    content_type: str = "auto",
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
    options: Options | None = None,
) -> Work:
    check_content_type(content_type)
    check_content(content)
    work = Work(
        content=content,
        options=options or default_options(),
        input=InputInfo(path=path, url=url, content_type=content_type),  # type: ignore[arg-type]
        hints=Hints(url=url, published=published),
        source=path or url or "<input>",
    )
    work.dossier.input = work.input
    return work


def check_content_type(content_type: str) -> None:
    if content_type not in CONTENT_TYPES:
        raise ConfigError(
            f"content_type must be one of {', '.join(CONTENT_TYPES)}, not {content_type!r}"
        )


def check_content(content: object) -> None:
    if not isinstance(content, (str, bytes)):
        raise ConfigError(f"content must be str or bytes, not {type(content).__name__}")


def analyse_jobs(jobs: Sequence[Job], options: Options) -> list[Outcome]:
    """A chunk of jobs, in order: each one's finished `Work` (its `error` set when it
    failed), or the error that kept a work from being made. A chunk that fails as a
    whole (a stage that batches raised) is run again one job at a time, so that only
    the job that breaks it fails."""
    pipeline = get_pipeline(options)
    outcomes = [_work(job, options) for job in jobs]
    works = [w for w in outcomes if isinstance(w, Work)]
    try:
        list(pipeline.pipe(works, batch_size=options.batch_size))
    except Exception:  # noqa: BLE001  (one article must never stop the others)
        outcomes = [_alone(job, options, pipeline) for job in jobs]
    return outcomes


def _work(job: Job, options: Options) -> Outcome:
    try:
        return make_work(job.content, job.content_type, job.url, job.published, job.path, options)
    except NewstraceError as exc:
        return exc


def _alone(job: Job, options: Options, pipeline: Pipeline) -> Outcome:
    work = _work(job, options)
    if isinstance(work, Work):
        try:
            pipeline.run(work)
        except Exception as exc:  # noqa: BLE001
            error = AnalysisError(f"analysis failed ({type(exc).__name__}: {exc}); this is "
                                  "a bug, please report it with this input", work.source)
            error.__cause__ = exc
            return error
    return work


def run(jobs: Iterable[JobT], options: Options, keep: Keep[JobT, Kept], *, workers: int = 1,
        chunk_size: int | None = None, pool: bool = False) -> Iterator[list[Kept]]:
    """`keep(job, outcome)` for every job, a chunk (`chunk_size` jobs, by default
    `options.batch_size`) at a time, in input order; on `workers` processes when more
    than one, or when `pool` (the models then stay out of this process, which may be
    analysing on another thread). `keep` must be a module-level function (it goes to
    the workers)."""
    iterator = iter(jobs)
    size = chunk_size or options.batch_size
    chunks = iter(lambda: list(islice(iterator, size)), [])
    task = partial(_chunk, options=options, keep=keep)
    if workers <= 1 and not pool:
        for chunk in chunks:
            yield task(chunk)
        return
    workers = max(1, workers)
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent,
                                   initargs=(os.getpid(),))
    try:
        pending: list[Future[list[Kept]]] = []
        for chunk in chunks:
            pending.append(executor.submit(task, chunk))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    finally:
        # Stopped early: queued chunks are dropped, not analysed first.
        executor.shutdown(wait=True, cancel_futures=True)


def _chunk(jobs: list[JobT], options: Options, keep: Keep[JobT, Kept]) -> list[Kept]:
    return [keep(job, outcome) for job, outcome in zip(jobs, analyse_jobs(jobs, options))]


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """In a pool worker: exit when the process that started it is gone. A kill -9 (or
    the OOM killer) gives the pool no chance to stop its workers, and a worker waiting
    for work never learns of it otherwise: it would live on, holding its memory and the
    parent's output pipes."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="newstrace-parent-watch", daemon=True).start()


def parallel_map(func: Callable[[Item], Kept], items: Iterable[Item], workers: int) -> Iterator[Kept]:
    """`map` over a process pool (in order), or in this process when workers <= 1: for the
    scorers of `newstrace eval`, whose items are a gold corpus's documents."""
    if workers <= 1:
        yield from map(func, items)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield from pool.map(func, items, chunksize=4)
