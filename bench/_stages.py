"""What the stage benchmarks share: timing a run, and the pipeline with and without one
stage (bench_events.py, bench_geo.py; bench_nlp.py times runs too)."""

from __future__ import annotations

import time
from typing import Any, Callable

WARM_UP = 4         # texts analysed first by each pipeline, untimed


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def without(names: tuple[str, ...], removed: str | tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """`names` less `removed` (one stage or several) and every later stage that then lacks
    something it reads."""
    removed = (removed,) if isinstance(removed, str) else removed
    from newstrace.api import default_options
    from newstrace.pipeline import INITIAL, Pipeline

    available, kept, dropped = set(INITIAL), [], []
    for stage in Pipeline(names, default_options()).stages:
        provided = all(any(".".join(r.split(".")[:i]) in available
                           for i in range(1, len(r.split(".")) + 1)) for r in stage.reads)
        if stage.name in removed or not provided:
            dropped.append(stage.name)
            continue
        kept.append(stage.name)
        available.update(stage.adds)
    return tuple(kept), dropped


def with_and_without(texts: list[str], name: str | tuple[str, ...], repeat: int) -> tuple[dict[str, float], list[Any], list[str], Any]:
    """The best of `repeat` runs of `analyze_many` over `texts` with the default stages
    ("with") and without stage `name` and what depends on it ("without"); the dossiers of
    the last full run (exceptions for failed texts), the stages left out, and the full
    pipeline's options."""
    from newstrace import analyze_many
    from newstrace.api import default_options
    from newstrace.stages import DEFAULT_STAGES

    full = default_options().replace(stages=tuple(DEFAULT_STAGES))
    kept, dropped = without(tuple(DEFAULT_STAGES), name)
    less = default_options().replace(stages=kept)

    def run(options: Any) -> list[Any]:
        return list(analyze_many(texts, content_type="plain", options=options, on_error="return"))

    for options in (full, less):   # models, detector, gazetteer and pipelines, untimed
        list(analyze_many(texts[:WARM_UP], content_type="plain", options=options,
                          on_error="return"))
    best = {"with": float("inf"), "without": float("inf")}
    dossiers: list[Any] = []
    for _ in range(repeat):
        best["without"] = min(best["without"], timed(lambda: run(less)))
        started = time.perf_counter()
        dossiers = run(full)
        best["with"] = min(best["with"], time.perf_counter() - started)
    return best, dossiers, dropped, full


def stage_seconds(texts: list[str], options: Any, name: str | tuple[str, ...]) -> tuple[float, float]:
    """One more run, batch by batch as `Pipeline.pipe` runs the stages: the seconds of
    stage `name` (or of several) and of all the stages together."""
    names = (name,) if isinstance(name, str) else name
    from newstrace.api import get_pipeline, make_work

    pipeline = get_pipeline(options)
    spent = total = 0.0
    for i in range(0, len(texts), options.batch_size):
        batch = [make_work(t, "plain", options=options) for t in texts[i:i + options.batch_size]]
        for stage in pipeline.stages:
            seconds = timed(lambda: stage.pipe(batch))
            total += seconds
            if stage.name in names:
                spent += seconds
    return spent, total
