"""The library's entry points: `analyze` one article, `analyze_many` a batch."""

from __future__ import annotations

from typing import Iterable, Iterator, Literal

from .config import Options
from .dossier import Dossier
from .errors import InputError
from .pipeline import Work
from .runner import (
    CONTENT_TYPES,
    Job,
    Outcome,
    check_content,
    check_content_type,
    default_options,
    get_pipeline,
    make_work,
    run,
)

# What runs one article is the runner's; callers may take it from here too.
__all__ = ["CONTENT_TYPES", "OnError", "analyze", "analyze_many", "default_options", "get_pipeline",
           "make_work"]

OnError = Literal["raise", "return"]


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
    check_content_type(content_type)
    jobs = (_job(content, content_type) for content in contents)
    for chunk in run(jobs, options, _dossier_or_error, workers=n_process):
        for result in chunk:
            if isinstance(result, InputError) and on_error == "raise":
                raise result
            yield result


def _job(content: str | bytes, content_type: str) -> Job:
    check_content(content)          # here, so that a wrong value raises before any analysis
    return Job(content, content_type)


def _dossier_or_error(job: Job, outcome: Outcome) -> Dossier | InputError:
    """What `analyze_many` yields for one job (in a pool worker: only this crosses back)."""
    if isinstance(outcome, Work):
        return outcome.error if outcome.error is not None else outcome.dossier
    return outcome if isinstance(outcome, InputError) else InputError(str(outcome))
