"""The library's entry points: `analyze` one article, `analyze_many` a batch."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from typing import Iterable, Iterator, Literal

from .config import Options
from .dossier import Dossier, InputInfo
from .errors import ConfigError, InputError
from .pipeline import Hints, Pipeline, Work
from .stages import DEFAULT_STAGES

CONTENT_TYPES = ("auto", "html", "text", "plain")
OnError = Literal["raise", "return"]


@lru_cache(maxsize=8)
def get_pipeline(options: Options) -> Pipeline:
    """The pipeline for these options, built once per process (models load once)."""
    return Pipeline(options.stages or DEFAULT_STAGES, options)


def make_work(
    content: str | bytes,
    content_type: str = "auto",
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
    options: Options | None = None,
) -> Work:
    if content_type not in CONTENT_TYPES:
        raise ConfigError(
            f"content_type must be one of {', '.join(CONTENT_TYPES)}, not {content_type!r}"
        )
    if not isinstance(content, (str, bytes)):
        raise ConfigError(f"content must be str or bytes, not {type(content).__name__}")
    work = Work(
        content=content,
        options=options or default_options(),
        input=InputInfo(path=path, url=url, content_type=content_type),  # type: ignore[arg-type]
        hints=Hints(url=url, published=published),
        source=path or url or "<input>",
    )
    work.dossier.input = work.input
    return work


@lru_cache(maxsize=1)
def default_options() -> Options:
    return Options.load()


def analyze(
    content: str | bytes,
    content_type: str = "auto",
    url: str | None = None,
    published: str | None = None,
    *,
    path: str | None = None,
    options: Options | None = None,
) -> Dossier:
    """One article (HTML, scraped text or clean text) -> its dossier.

    Raises an `InputError` subclass, naming the input, when it cannot be analysed.
    """
    work = make_work(content, content_type, url, published, path, options)
    get_pipeline(work.options).run(work)
    if work.error is not None:
        raise work.error
    return work.dossier


def analyze_many(
    contents: Iterable[str | bytes],
    content_type: str = "auto",
    n_process: int = 1,
    *,
    options: Options | None = None,
    on_error: OnError = "raise",
) -> Iterator[Dossier | InputError]:
    """Dossiers in input order, batched through the pipeline.

    With `on_error="return"` a bad input yields its `InputError` in its place and the
    batch goes on; with "raise" the first bad input raises.
    """
    options = options or default_options()
    works = (make_work(c, content_type, options=options) for c in contents)
    results = _run_parallel(works, options, n_process) if n_process > 1 else _run(works, options)
    for work in results:
        if work.error is not None:
            if on_error == "raise":
                raise work.error
            yield work.error
        else:
            yield work.dossier


def _run(works: Iterable[Work], options: Options) -> Iterator[Work]:
    return get_pipeline(options).pipe(works, batch_size=options.batch_size)


def _run_chunk(works: list[Work]) -> list[Work]:
    """Worker side: run, then drop the parse and the hand-overs (`Work.release`: they stay in the worker)."""
    done = list(_run(works, works[0].options))
    for work in done:
        work.release()
    return done


def _run_parallel(works: Iterable[Work], options: Options, n_process: int) -> Iterator[Work]:
    """Chunks of works to a process pool; results come back in input order."""
    iterator = iter(works)
    chunks = iter(lambda: list(islice(iterator, options.batch_size)), [])
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        for done in pool.map(_run_chunk, chunks):
            yield from done
