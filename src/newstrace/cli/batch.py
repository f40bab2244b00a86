"""Scale-out commands: batch (analyse a corpus into Parquet, on Ray or locally) and load."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Any

import typer
from rich.console import Console

from ..config import Options
from ..errors import NewstraceError
from ..store import DEFAULT_DB
from .app import app, fail, report_error


class EngineChoice(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="Files, directories or fsspec URLs: JSONL, WARC, Parquet (and any format ingest reads)."),
    out: str = typer.Option(..., "--out", "-o", help="Output folder or fsspec URL (s3://bucket/path)."),
    engine: EngineChoice = typer.Option(EngineChoice.local, "--engine", help="local (this process) or ray (Ray Data)."),
    address: str = typer.Option(None, "--address", help="Ray cluster to join (auto: the one on this node; ray://head:10001); default: RAY_ADDRESS, else a new local instance."),
    workers: int = typer.Option(0, "--workers", help="Analysis actors with --engine ray (0: one per CPU of the cluster)."),
    cpus_per_worker: float = typer.Option(1.0, "--cpus-per-worker", help="CPUs each analysis actor reserves."),
    batch_size: int = typer.Option(32, "--batch-size", help="Articles per call of an analysis worker."),
    rows_per_file: int = typer.Option(1000, "--rows-per-file", help="Articles per written Parquet file (per table and date)."),
    force: bool = typer.Option(False, "--force", help="Analyse finished inputs again (their outputs are replaced)."),
    progress_bars: bool = typer.Option(False, "--progress-bars", help="Show Ray Data's progress bars."),
    log: str = typer.Option(None, "--log", help="With --engine ray: the file Ray's own messages go to (default: OUT/_logs/batch-TIME.log, or ./ for a URL output)."),
    config: str = typer.Option(None, "--config", help="A newstrace.toml settings file."),
) -> None:
    """Analyse a corpus into Parquet tables partitioned by date, resumably, on Ray or locally."""
    from ..scale import run_batch
    from ..scale.runner import console_stream

    if address and engine is not EngineChoice.ray:
        fail("--address is for --engine ray; add --engine ray to run on that cluster")
    if engine is EngineChoice.ray and log is None:
        log = _default_log(out)
    # our progress goes to the console as it is now: Ray's output is diverted to the log
    err = Console(file=console_stream(), highlight=False)
    last = {"done": -1}

    def report(summary: Any) -> None:
        if summary.done + summary.retry != last["done"]:
            last["done"] = summary.done + summary.retry
            err.print(f"batch: {summary.done} of {summary.units - summary.skipped} inputs done, "
                      f"{summary.dossiers} articles, {summary.errors} errors, "
                      f"{summary.rate:.1f} articles/s", highlight=False, soft_wrap=True)

    try:
        summary = run_batch(inputs, out, engine=engine.value, address=address, workers=workers,
                            batch_size=batch_size, cpus_per_worker=cpus_per_worker,
                            rows_per_file=rows_per_file, options=Options.load(config),
                            force=force, progress=report, progress_bars=progress_bars,
                            log=log if engine is EngineChoice.ray else None)
    except NewstraceError as exc:
        fail(str(exc) + (f" (Ray's own messages: {log})" if engine is EngineChoice.ray else ""))
    for message in summary.error_samples:
        report_error(message)
    if summary.errors > len(summary.error_samples):
        report_error(f"... and {summary.errors - len(summary.error_samples)} more; every bad "
                     f"record is in {out}/errors/")
    err.print(f"{summary.units} inputs: {summary.done} done, {summary.skipped} skipped (done "
              f"before), {summary.retry} to retry; {summary.records} records, {summary.dossiers} "
              f"dossiers, {summary.errors} errors; {summary.seconds:.1f} s, {summary.rate:.1f} "
              f"articles/s ({summary.engine}, {summary.workers} "
              f"worker{'s' if summary.workers != 1 else ''}); output: {out}",
              highlight=False, soft_wrap=True)
    if summary.busy:
        counts = sorted(summary.busy.values(), reverse=True)
        err.print(f"articles analysed by each worker: {', '.join(map(str, counts))} "
                  f"({len(counts)} of {summary.workers} busy)", highlight=False, soft_wrap=True)
    if summary.log:
        err.print(f"Ray's own messages: {summary.log}", highlight=False, soft_wrap=True)
    if err.file is not sys.stderr:
        err.file.close()
    if summary.errors or summary.retry:
        raise typer.Exit(1)


def _default_log(out: str) -> str:
    """Ray's messages beside the output (a local one), else in the working directory."""
    import datetime as dt
    import os

    from ..inputs.units import is_url

    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    folder = "." if is_url(out) else os.path.join(out.removeprefix("file://"), "_logs")
    return os.path.join(folder, f"batch-{stamp}.log")


@app.command()
def load(
    out: str = typer.Argument(..., help="A `newstrace batch` output folder or URL."),
    db: str = typer.Option(DEFAULT_DB, "--db", envvar="NEWSTRACE_DB", help="SQLite file path, or postgresql://user:password@host/database."),
    batch_size: int = typer.Option(500, "--batch-size", help="Articles per stored batch (one transaction)."),
    replace: bool = typer.Option(False, "--replace", help="Replace articles the store has seen (same content or URL)."),
    stories: bool = typer.Option(True, "--stories/--no-stories", help="Cluster same-story articles at the end."),
) -> None:
    """Load a batch job's finished output (dossiers and errors) into a store."""
    from ..scale import load_results
    from ..store import open_store

    try:
        store = open_store(db)
        summary = load_results(out, store, batch_size=batch_size, replace=replace, stories=stories)
    except NewstraceError as exc:
        fail(str(exc))
    Console(stderr=True).print(
        f"read {summary.read}, stored {summary.stored}, replaced {summary.replaced}, skipped "
        f"{summary.skipped} (seen before), errors {summary.failed} (kept as failures); "
        f"{summary.linked} copies linked, {summary.stories} stories in the store; "
        f"{summary.seconds:.1f} s; store: {store.safe_url}", highlight=False, soft_wrap=True)
    store.close()
