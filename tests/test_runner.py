"""The one runner (newstrace.runner, issue 20): every way of analysing many articles
parses them in batches through `Pipeline.pipe`, keeps input order on a process pool, and
runs a chunk that breaks as a whole again one article at a time."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

import pytest

import newstrace
from newstrace.config import Options
from newstrace.pipeline import Pipeline, Work
from newstrace.runner import Job, Outcome, analyse_jobs, get_pipeline, run

TEXTS = [f"Workers in Porto began repairing harbour wall number {n} on Monday, the council said."
         for n in range(7)]


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every batch `Pipeline.pipe` runs, in this process."""
    sizes: list[int] = []
    original = Pipeline._run_batch

    def counted(self: Pipeline, batch: list[Work]) -> list[Work]:
        sizes.append(len(batch))
        return original(self, batch)

    monkeypatch.setattr(Pipeline, "_run_batch", counted)
    return sizes


def test_analyze_many_ingest_and_batch_all_parse_in_batches(batches: list[int], tmp_path: Path) -> None:
    from newstrace.corpus.ingest import ingest
    from newstrace.scale import run_batch
    from newstrace.store import open_store

    options = Options(batch_size=3)
    list(newstrace.analyze_many(TEXTS, "plain", options=options))
    assert batches == [3, 3, 1]
    folder = tmp_path / "in"
    folder.mkdir()
    for number, text in enumerate(TEXTS):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    batches.clear()
    ingest([str(folder)], open_store(":memory:"), options, workers=1, batch_size=7, stories=False)
    assert batches == [3, 3, 1]                   # before, ingest ran one article at a time
    batches.clear()
    wire = tmp_path / "wire.jsonl"                  # one unit of 7 records
    wire.write_text("".join(json.dumps({"text": t, "content_type": "plain"}) + "\n" for t in TEXTS))
    run_batch([str(wire)], str(tmp_path / "out"), options=options, batch_size=7)
    assert batches == [3, 3, 1]


def _pid(job: Job, outcome: Outcome) -> tuple[str | None, int]:
    return job.path, os.getpid()


def test_a_pool_keeps_input_order_and_keeps_results_in_its_workers() -> None:
    jobs = [Job(text, "plain", path=f"a{n}") for n, text in enumerate(TEXTS)]
    results = [r for chunk in run(jobs, Options(), _pid, workers=2, chunk_size=2) for r in chunk]
    assert [path for path, _ in results] == [f"a{n}" for n in range(len(TEXTS))]
    assert os.getpid() not in {pid for _, pid in results}
    here = [r for chunk in run(jobs, Options(), _pid, workers=1) for r in chunk]
    assert {pid for _, pid in here} == {os.getpid()}


def test_a_chunk_that_breaks_as_a_whole_is_run_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Options()
    pipeline = get_pipeline(options)
    run_one = pipeline.run

    def pipe(works: Iterable[Work], batch_size: int = 16) -> Iterator[Work]:
        raise RuntimeError("a whole batch failed")

    def one(work: Work) -> Work:
        if "BOOM" in str(work.content):
            raise RuntimeError("this article breaks a stage")
        return run_one(work)

    monkeypatch.setattr(pipeline, "pipe", pipe)
    monkeypatch.setattr(pipeline, "run", one)
    out: list[Any] = list(newstrace.analyze_many([TEXTS[0], "BOOM " + TEXTS[1], TEXTS[2]], "plain",
                                                 options=options, on_error="return"))
    assert isinstance(out[1], newstrace.errors.AnalysisError) and "breaks a stage" in str(out[1])
    assert [d.to_dict() for d in (out[0], out[2])] == \
        [newstrace.analyze(t, "plain", options=options).to_dict() for t in (TEXTS[0], TEXTS[2])]
    outcomes = analyse_jobs([Job(TEXTS[0], "plain"), Job(TEXTS[1], "pdf")], options)
    assert isinstance(outcomes[0], Work) and isinstance(outcomes[1], newstrace.errors.ConfigError)
