"""Batch throughput: bare analysis, `--engine local`, Ray on 1 and 2 workers, in one run.

    .venv/bin/python bench/bench_scale.py [--articles 400] [--parts 4] [--batch-size 32]
                                          [--repeat 1] [--polnear N]

Builds a corpus of 4 x --parts files in a temporary folder (the made-up articles of
`tools/sample.py` in JSONL, gzipped JSONL, WARC and Parquet; or, with --polnear N,
N PolNeAR news texts from ../shared/eval/quotes as JSONL), then times, on the same
records:

1. the bare analysis: `Pipeline.pipe` over the records in memory, in this process, after
   the pipeline is loaded and warmed up (no reading, no writing): the rate of one core;
2. `run_batch(engine="local")`: reading, analysis and writing the Parquet tables, in this
   process (the pipeline is already loaded here, so no model load is counted);
3. a local Ray instance of 2 CPUs (`ray.init` timed), a first small job (it starts the
   processes that read and write, once per instance; timed, not counted after), one
   analysis actor started alone (a worker's start-up: a process, imports, the models) and
   its peak memory after a batch; then `run_batch(engine="ray")` with 1 worker and with 2;
4. the same records in ONE JSONL file (a crawl's file is the common case) on 1 and 2
   workers: articles/s and the articles each worker analysed (how busy each was).

In the Ray jobs each analysis call is timed inside its actor (the bench gives the runner
an `Analyzer` whose calls append their times to a file), which splits a job's time into its start
(until the first call), its *stream* (first call to last) and its end (the last writes
and markers). Ray's overhead per article is the 1-worker stream less the bare analysis
time, over the articles; its fixed overhead is the start and the end. The projection
multiplies one worker's streaming rate by the number of workers: linearly, and at the
2-worker efficiency measured here (on a shared 2-core machine, a floor).

With --repeat N each timed step runs N times and the best is kept.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newstrace.api import get_pipeline, make_work
from newstrace.config import Options
from newstrace.inputs.units import list_units, rows_table, unit_rows
from newstrace.scale import run_batch, runner
from newstrace.scale.analyzer import WARM_UP, Analyzer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))    # the tools, outside the package
from tools.sample import write_corpus  # noqa: E402

POLNEAR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "quotes"
CLUSTERS = (16, 64, 256)
YEAR_OF_NEWS = 30_000_000        # articles: roughly a year of a large news crawl


class TimedAnalyzer(Analyzer):
    """`Analyzer` that appends each call's start, end and rows to the file `calls` (a class
    attribute: the class travels to the actors by value, this file's name with it)."""

    calls = ""

    def __call__(self, batch: Any) -> Any:
        started = time.time()
        result = super().__call__(batch)
        if self.calls:
            with open(self.calls, "a", encoding="utf-8") as handle:
                handle.write(json.dumps([os.getpid(), started, time.time(), batch.num_rows]) + "\n")
        return result

    def peak_rss_mb(self) -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(folder: Path, articles: int, polnear: int, parts: int) -> str:
    """The corpus in 4 x `parts` files (the units Ray shares among its workers)."""
    if not polnear:
        for part in range(parts):
            first, last = articles * part // parts, articles * (part + 1) // parts
            write_corpus(folder, last - first, first=first, prefix=f"{part:02d}-")
        return f"made-up wire stories (tools/sample.py) in {4 * parts} files"
    texts = sorted(POLNEAR.glob("*/text/*.txt"))
    if not texts:
        raise SystemExit(f"--polnear needs {POLNEAR}; it is absent")
    chosen = texts[::max(1, len(texts) // polnear)][:polnear]
    folder.mkdir(parents=True)
    for part in range(4 * parts):
        with open(folder / f"polnear-{part:02d}.jsonl", "w", encoding="utf-8") as handle:
            for path in chosen[part::4 * parts]:
                handle.write(json.dumps({"url": f"https://polnear.example/{path.stem}",
                                         "content": path.read_text(encoding="utf-8"),
                                         "content_type": "plain"}) + "\n")
    return f"PolNeAR news texts ({POLNEAR}) in {4 * parts} JSONL files"


def records_of(folder: Path, max_bytes: int) -> list[dict[str, Any]]:
    return [row for unit in list_units([str(folder)]) for row in unit_rows(unit, max_bytes)
            if row["kind"] == "record"]


def bare(records: list[dict[str, Any]], options: Options, batch: int) -> tuple[float, float]:
    """(seconds to load and warm the pipeline, seconds to analyse every record)."""
    started = time.perf_counter()
    pipeline = get_pipeline(options)
    pipeline.run(make_work(WARM_UP, "plain", options=options))
    loaded = time.perf_counter() - started
    works = [make_work(r["content"], r["content_type"] or "auto", url=r["url"],
                       published=r["published"], path=r["key"], options=options) for r in records]
    started = time.perf_counter()
    for first in range(0, len(works), batch):
        list(pipeline.pipe(works[first:first + batch], batch_size=options.batch_size))
    return loaded, time.perf_counter() - started


def ray_job(folder: Path, out: Path, workers: int, batch: int,
            options: Options) -> dict[str, float]:
    """One timed Ray job: its seconds, and its start, stream and end from the calls."""
    calls = out.with_suffix(".calls")
    TimedAnalyzer.calls = str(calls)
    started = time.time()
    summary = run_batch([str(folder)], str(out), engine="ray", workers=workers,
                        batch_size=batch, options=options)
    ended = time.time()
    rows = [json.loads(line) for line in calls.read_text().splitlines()]
    first, last = min(r[1] for r in rows), max(r[2] for r in rows)
    analysed = sum(r[3] for r in rows)
    return {"seconds": ended - started, "dossiers": summary.dossiers, "start": first - started,
            "stream": last - first, "end": ended - last, "rows": analysed,
            "busy": sum(r[2] - r[1] for r in rows), "workers": len({r[0] for r in rows}),
            "per_worker": sorted(summary.busy.values(), reverse=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="made-up articles (default 400)")
    parser.add_argument("--polnear", type=int, default=0, metavar="N",
                        help="use N PolNeAR news texts instead (../shared/eval/quotes)")
    parser.add_argument("--parts", type=int, default=4,
                        help="the corpus is 4 x N files (default 4: 16 files)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=1, help="timed rounds; the best is kept")
    args = parser.parse_args()
    options = Options()
    folder = Path(tempfile.mkdtemp(prefix="newstrace-bench-scale-"))
    load_before = os.getloadavg()
    try:
        described = build(folder / "in", args.articles, args.polnear, args.parts)
        records = records_of(folder / "in", options.max_input_bytes)
        n = len(records)
        words = sum(len(r["content"].split()) for r in records)
        print(f"{n} articles, {words / n:.0f} words each on average: {described}; "
              f"{os.cpu_count()} cores, load average {load_before[0]:.1f} at the start; "
              f"batches of {args.batch_size}")

        loaded, bare_s = bare(records, options, args.batch_size)
        for _ in range(args.repeat - 1):
            bare_s = min(bare_s, bare(records, options, args.batch_size)[1])
        bare_ms = bare_s / n * 1000
        print(f"  bare analysis, 1 process       {bare_s:6.1f} s  {n / bare_s:6.1f} articles/s"
              f"  ({bare_ms:.1f} ms an article; pipeline load {loaded:.1f} s, peak memory "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")

        local = min((run_batch([str(folder / "in")], str(folder / f"out-local-{r}"),
                               engine="local", batch_size=args.batch_size, options=options)
                     for r in range(args.repeat)), key=lambda s: s.seconds)
        assert local.dossiers == n, local
        added = (local.seconds - bare_s) / n * 1000
        print(f"  --engine local, 1 process      {local.seconds:6.1f} s  "
              f"{local.rate:6.1f} articles/s  (reading and writing {added:+.1f} ms an article)")

        import ray

        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR,
                 log_to_driver=False)
        init_s = time.perf_counter() - started
        runner.Analyzer = TimedAnalyzer          # type: ignore[misc]
        # The first job on a fresh instance also starts the processes that read and write;
        # paid once per instance, not per job: timed, and kept out of the runs below.
        write_corpus(folder / "warm-up", 8, parquet=False, warc=False)
        warm = ray_job(folder / "warm-up", folder / "out-warm-up", 2, args.batch_size, options)
        started = time.perf_counter()
        probe = ray.remote(num_cpus=1)(TimedAnalyzer).remote(options)
        ray.get(probe.__ray_ready__.remote())
        actor_s = time.perf_counter() - started
        sample = rows_table([{**r, "seq": i} for i, r in enumerate(records[:args.batch_size])])
        ray.get(probe.__call__.remote(sample))
        worker_mb = ray.get(probe.peak_rss_mb.remote())
        ray.kill(probe)
        print(f"  ray.init, local, 2 CPUs        {init_s:6.1f} s; a first job of 8 articles "
              f"{warm['seconds']:.1f} s (not counted below)")
        print(f"  a Ray worker: start-up (process, imports, models) {actor_s:.1f} s alone, "
              f"peak memory after a batch {worker_mb:.0f} MB")

        runs = {}
        for workers in (1, 2):
            run = min((ray_job(folder / "in", folder / f"out-ray-{workers}-{r}", workers,
                               args.batch_size, options) for r in range(args.repeat)),
                      key=lambda r: r["seconds"])
            assert run["dossiers"] == n, run
            runs[workers] = run
            print(f"  --engine ray, {workers} worker{'s' if workers > 1 else ' '}        "
                  f"{run['seconds']:6.1f} s  {n / run['seconds']:6.1f} articles/s  (start "
                  f"{run['start']:.1f} s, stream {run['stream']:.1f} s = "
                  f"{n / run['stream']:.1f} articles/s, end {run['end']:.1f} s; workers busy "
                  f"{run['busy'] / (run['stream'] * workers):.0%} of the stream)")
        # One big input (the common case: a crawl's JSONL, WARC or WET file) must keep every
        # worker busy too: the same records in one JSONL file.
        (folder / "one").mkdir()
        with open(folder / "one" / "all.jsonl", "w", encoding="utf-8") as handle:
            for r in records:
                handle.write(json.dumps({k: r[k] for k in ("url", "content", "content_type", "published")
                                         if r[k] is not None}) + "\n")
        for workers in (1, 2):
            run = ray_job(folder / "one", folder / f"out-one-{workers}", workers, args.batch_size, options)
            assert run["dossiers"] == n, run
            print(f"  one input, ray, {workers} worker{'s' if workers > 1 else ' '}      "
                  f"{run['seconds']:6.1f} s  {n / run['seconds']:6.1f} articles/s  (articles per "
                  f"worker {', '.join(map(str, run['per_worker']))}; {run['workers']} of {workers} "
                  f"busy, {run['busy'] / (run['stream'] * workers):.0%} of the stream)")
        ray.shutdown()

        one, two = runs[1], runs[2]
        per_article = (one["stream"] - bare_s) / n * 1000
        print(f"  Ray's overhead: {one['start'] + one['end']:.1f} s a job (start and end), "
              f"then {per_article:+.1f} ms an article ({per_article / bare_ms:+.0%} of the bare "
              f"{bare_ms:.1f} ms)")
        worker_rate = n / one["stream"]
        efficiency = min(1.0, (n / two["stream"]) / (2 * worker_rate))
        print(f"  2 workers against 1 (streams): {one['stream'] / two['stream']:.2f}x, "
              f"efficiency {efficiency:.0%} (load average now {os.getloadavg()[0]:.1f})")
        print(f"  projection from one worker's {worker_rate:.1f} articles/s (a core each; "
              f"{YEAR_OF_NEWS / 1e6:.0f} M articles is about a year of a large news crawl):")
        for workers in CLUSTERS:
            linear = workers * worker_rate
            print(f"    {workers:4d} workers  linear {linear:6.0f} articles/s, "
                  f"{linear * 86400 / 1e6:5.0f} M a day, {YEAR_OF_NEWS / 1e6:.0f} M in "
                  f"{YEAR_OF_NEWS / linear / 3600:4.1f} h;  at {efficiency:.0%}: "
                  f"{linear * efficiency:6.0f} articles/s, "
                  f"{YEAR_OF_NEWS / (linear * efficiency) / 3600:4.1f} h;"
                  f"  memory {workers * worker_mb / 1024:.0f} GB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
