"""Running a batch job: the same three steps on Ray Data or in this process.

    read (sources.read_units) -> analyse (analyzer.Analyzer) -> write (write_batch)

`engine="ray"` builds a Ray Data dataset of the pending units and maps the three steps
over it (the analysis on an actor pool of `workers` actors, `batch_size` records a call);
`engine="local"` calls the very same functions in a loop, in this process.

Output layout (OUT is a local folder or an fsspec URL):

    OUT/<table>/date=YYYY-MM-DD/<unit>-<seq>.parquet    dossiers, entities, quotes,
                                                         attributions, events, places
    OUT/errors/<unit>-<seq>.parquet                      bad records, with the reason
    OUT/_done/<unit>.json                                a finished unit's marker

`<unit>` is the first 20 hex digits of the SHA-256 of the unit's id (its absolute path or
URL), `<seq>` the first record of the unit in that file. A unit's marker is written once
every one of its rows has been written; a rerun skips units with a marker, and first
deletes what an unfinished unit wrote before, so nothing is written twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import posixpath
import sys
import time
import warnings
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Literal, TextIO, cast

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Options
from ..errors import ConfigError, NewstraceError
from ..inputs.units import Unit, is_url, list_units, read_units, unit_batches
from . import require
from .analyzer import Analyzer
from .tables import PARTITIONED, dossier_rows, error_row, to_table

Engine = Literal["local", "ray"]
DONE = "_done"
ERRORS = "errors"
DEFAULT_BATCH = 32
# Analysed rows per write: a unit's rows are written this many at a time, a file per
# table and date each time (about 5-10 MB of dossiers), not a file per analysis batch.
DEFAULT_ROWS_PER_FILE = 1000
# Reading and writing are light beside the analysis: they take no whole CPU from the
# actors (on a 2-CPU machine, 2 actors of 1 CPU would otherwise leave them none), and a
# few of each keep many actors fed (a core reads JSONL or WARC 20-50 times faster than
# it analyses it), so at most one of each runs per IO_SHARE actors, and 2 at least. Each
# of their processes imports newstrace (about 1.5 s), so a process per input is a waste.
IO_CPUS = 0
IO_SHARE = 8
# Ray Data's blocks, at most this size: one record each. A block goes to one actor, and
# the reading of one input is one task, whose output Ray cuts into blocks by size only
# (128 MB by default, minutes of analysis for one actor: one big input went to one
# worker). A block per record lets the actors share any input, record range by record
# range (`batch_size` consecutive records a call); an article's analysis (0.1-1 s)
# dwarfs a block's cost in Ray (well under a millisecond).
BLOCK_BYTES = 1
# How many blocks a task may produce before the job takes them: Ray Data's default, 2,
# suits blocks of 128 MB; with a block per record it throttled the reading to a few
# records per scheduling round (1 worker: 8 articles/s instead of 31 in bench_scale.py).
STREAM_BLOCKS = 128
# The job waits for every analysis actor to be up before it hands out records, at most
# this long (a cluster may have to add a node first); the first actor up took all of a
# small job's records while the others were still loading their models.
ACTORS_START_S = 600
RAY_DATA_SETTINGS = ("enable_progress_bars", "print_on_execution_start", "target_max_block_size",
                     "wait_for_min_actors_s", "_max_num_blocks_in_streaming_gen_buffer")
RAY_DATA_LOGGERS = {"ray.data": logging.WARNING, "ray.data._internal.progress": logging.ERROR}
# A job's report keeps this many error messages (the errors table has them all).
ERROR_SAMPLES = 20

SUMMARY_SCHEMA = pa.schema([
    ("unit", pa.string()),
    ("rows", pa.int64()),          # rows written (records and read errors), end rows aside
    ("dossiers", pa.int64()),
    ("errors", pa.int64()),
    ("total", pa.int64()),         # the unit's row count when its end row was here, else -1
    ("retry", pa.bool_()),
    ("samples", pa.list_(pa.string())),
    # articles analysed (dossiers and analysis errors) by each worker
    ("workers", pa.list_(pa.struct([("worker", pa.string()), ("articles", pa.int64())]))),
])


@dataclass(slots=True)
class BatchSummary:
    engine: str
    workers: int = 1
    units: int = 0                 # inputs given (files)
    skipped: int = 0               # finished by an earlier run
    done: int = 0                  # finished by this run
    retry: int = 0                 # could not be fetched: not marked, a rerun tries again
    records: int = 0               # rows read (articles and read errors)
    dossiers: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_samples: list[str] = field(default_factory=list)
    # articles each worker analysed (host:pid -> count): how busy each one was
    busy: dict[str, int] = field(default_factory=dict)
    log: str | None = None         # where Ray's own output went (run_batch's `log`)

    @property
    def rate(self) -> float:
        """Articles analysed (dossiers written) per second."""
        return self.dossiers / self.seconds if self.seconds else 0.0


Progress = Callable[[BatchSummary], None]


def unit_key(unit_id: str) -> str:
    return hashlib.sha256(unit_id.encode("utf-8")).hexdigest()[:20]


def output_root(out: str) -> str:
    """A local folder made absolute (Ray workers run elsewhere); URLs as they are."""
    return out if is_url(out) else os.path.abspath(out.removeprefix("file://"))


def run_batch(inputs: Iterable[str], out: str, *, engine: Engine = "local",
              address: str | None = None, workers: int = 0, batch_size: int = DEFAULT_BATCH,
              cpus_per_worker: float = 1.0, rows_per_file: int = DEFAULT_ROWS_PER_FILE,
              options: Options | None = None, force: bool = False,
              progress: Progress | None = None, progress_bars: bool = False,
              log: str | None = None) -> BatchSummary:
    """Analyse every input into `out`; inputs finished by an earlier run are skipped
    (all are done again with `force`). With `log` (a local file) and the Ray engine,
    everything Ray itself prints (its warnings, its core workers' lines, the lines the
    workers send back) goes to that file, not to this process's console."""
    if engine not in ("local", "ray"):
        raise ConfigError(f"engine must be local or ray, not {engine!r}")
    if batch_size < 1 or rows_per_file < 1:
        raise ConfigError("the batch size and the rows per file must be at least 1")
    if cpus_per_worker <= 0:
        raise ConfigError("the CPUs per worker must be more than 0")
    if engine == "ray":
        require("ray.data", "--engine ray")
    options = options or Options.load()
    started = time.perf_counter()
    out = output_root(out)
    fs, root = _fs(out)
    # The output may sit inside an input folder: its own files are never inputs.
    inside = (fs.unstrip_protocol(root) if is_url(out) else root).rstrip("/") + "/"
    units = [u for u in list_units(inputs) if not u.id.startswith(inside)]
    finished = set() if force else _finished(fs, root)
    pending = [u for u in units if unit_key(u.id) not in finished]
    summary = BatchSummary(engine, units=len(units), skipped=len(units) - len(pending),
                           log=log if engine == "ray" else None)
    _clear(fs, root, {unit_key(u.id) for u in pending})
    tracker = _Tracker(fs, root, pending, summary, progress, started)
    if pending:
        if engine == "local":
            _run_local(pending, out, options, batch_size, rows_per_file, tracker)
        else:
            with _output_to(summary.log):
                _run_ray(pending, out, options, batch_size, rows_per_file, tracker, address=address,
                         workers=workers, cpus_per_worker=cpus_per_worker,
                         progress_bars=progress_bars)
    summary.seconds = time.perf_counter() - started
    return summary


# -- the engines --------------------------------------------------------------------------


def _run_local(pending: list[Unit], out: str, options: Options, batch_size: int,
               rows_per_file: int, tracker: "_Tracker") -> None:
    analyzer = Analyzer(options)
    tracker.summary.workers = 1
    for unit in pending:
        analysed: list[pa.Table] = []
        for records in unit_batches(unit, options.max_input_bytes, batch_size,
                                    options.max_gzip_ratio):
            analysed.append(analyzer(records))
            if sum(t.num_rows for t in analysed) >= rows_per_file:
                tracker.update(write_batch(pa.concat_tables(analysed), out).to_pylist())
                analysed = []
        if analysed:
            tracker.update(write_batch(pa.concat_tables(analysed), out).to_pylist())


def _run_ray(pending: list[Unit], out: str, options: Options, batch_size: int,
             rows_per_file: int, tracker: "_Tracker", *, address: str | None, workers: int,
             cpus_per_worker: float, progress_bars: bool) -> None:
    import ray
    import ray.data

    started_here = not ray.is_initialized()
    if started_here:
        init: dict[str, Any] = {"address": address, "logging_level": logging.WARNING,
                                "configure_logging": True}
        if address is None and not os.environ.get("RAY_ADDRESS"):
            init["include_dashboard"] = False        # a local instance: nothing to serve
        try:
            ray.init(**init)
        except Exception as exc:  # noqa: BLE001  (Ray raises many kinds: say where and why)
            hint = ("; ray:// (Ray Client) also needs pip install 'ray[client]'"
                    if address and address.startswith("ray://") else "")
            raise NewstraceError(f"cannot start or join Ray at {address or 'a local instance'}: "
                                 f"{type(exc).__name__}: {exc}{hint}") from exc
    context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in RAY_DATA_SETTINGS if hasattr(context, name)}
    # Ray Data's INFO lines (plans, "progress bars disabled") are not for newstrace's users.
    loggers = {name: logging.getLogger(name) for name in RAY_DATA_LOGGERS}
    levels = {name: logger.level for name, logger in loggers.items()}
    for name, logger in loggers.items():
        logger.setLevel(RAY_DATA_LOGGERS[name])
    try:
        context.enable_progress_bars = progress_bars
        context.print_on_execution_start = False
        context.target_max_block_size = BLOCK_BYTES
        context.wait_for_min_actors_s = ACTORS_START_S
        if "_max_num_blocks_in_streaming_gen_buffer" in saved:     # private in Ray 2.60
            context._max_num_blocks_in_streaming_gen_buffer = STREAM_BLOCKS
        cpus = ray.cluster_resources().get("CPU", 1.0)  # type: ignore[no-untyped-call]  # unannotated in Ray
        size = workers or max(1, int(cpus // cpus_per_worker))
        if started_here and size * cpus_per_worker > cpus:
            # this machine alone: the workers beyond its CPUs would never start
            raise NewstraceError(f"{size} workers of {cpus_per_worker:g} CPU need {size * cpus_per_worker:g} "
                                 f"CPUs; this machine has {cpus:g}: ask for fewer (--workers)")
        tracker.summary.workers = size
        units = ray.data.from_items([{"id": u.id, "name": u.name} for u in pending],
                                    override_num_blocks=len(pending))
        # (no more than the inputs either: Ray warns when a limit exceeds the blocks it sees)
        io = ray.data.TaskPoolStrategy(size=min(max(2, -(-size // IO_SHARE)), len(pending)))
        records = units.map_batches(
            read_units, batch_size=1, batch_format="pyarrow", num_cpus=IO_CPUS, compute=io,  # type: ignore[arg-type]  # Ray's UDF type has no room for fn_kwargs
            fn_kwargs={"max_bytes": options.max_input_bytes, "rows": batch_size,
                       "gzip_ratio": options.max_gzip_ratio})
        analysed = records.map_batches(
            Analyzer, fn_constructor_kwargs={"options": options},
            # one call at a time per actor: a call queued on a busy actor while another
            # actor is still starting would leave that one idle (a small job on 2 workers
            # went all to the first actor ready)
            compute=ray.data.ActorPoolStrategy(size=size, max_tasks_in_flight_per_actor=1),
            batch_size=batch_size,
            batch_format="pyarrow", num_cpus=cpus_per_worker)
        written = analysed.map_batches(
            write_batch, batch_size=rows_per_file, batch_format="pyarrow", num_cpus=IO_CPUS,  # type: ignore[arg-type]  # Ray's UDF type has no room for fn_kwargs
            compute=io, fn_kwargs={"out": out})
        with warnings.catch_warnings():
            # A small job leaves the writers fewer blocks than their limit; Ray warns.
            warnings.filterwarnings("ignore", "The maximum number of concurrent tasks",
                                    UserWarning)
            try:
                for batch in written.iter_batches(batch_format="pyarrow", batch_size=None):
                    tracker.update(batch.to_pylist())  # type: ignore[union-attr]  # a pa.Table: batch_format="pyarrow"
            except ray.exceptions.GetTimeoutError as exc:
                raise NewstraceError(
                    f"the {size} analysis workers did not all start within {ACTORS_START_S} s: "
                    f"each needs {cpus_per_worker:g} CPU and about 1 GB of memory, and the "
                    f"cluster has {cpus:g} CPUs; ask for fewer (--workers)") from exc
    finally:
        for name, value in saved.items():
            setattr(context, name, value)
        for name, logger in loggers.items():
            logger.setLevel(levels[name])
        if started_here:
            ray.shutdown()


@contextmanager
def _output_to(log: str | None) -> Iterator[None]:
    """This process's standard output and error, as file descriptors, into `log` for a
    while: Ray writes from C++ (its core worker's lines) and from Python (warnings, its
    loggers, the lines it forwards from the workers), and only the descriptors catch
    both. The caller keeps its own console on a copy of the old descriptor
    (`console_stream`)."""
    if log is None:
        yield
        return
    os.makedirs(os.path.dirname(os.path.abspath(log)), exist_ok=True)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        with open(log, "ab") as handle:
            os.dup2(handle.fileno(), 1)
            os.dup2(handle.fileno(), 2)
            try:
                yield
            finally:
                for stream in (sys.stdout, sys.stderr):
                    stream.flush()
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved:
            os.close(fd)


def console_stream() -> TextIO:
    """A text stream on this process's standard error as it is now, which `_output_to`
    does not divert: where a command's progress goes while Ray's output goes to a log.
    Standard error without a descriptor (a test's capture) is returned as it is."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return sys.stderr
    sys.stderr.flush()
    return os.fdopen(os.dup(fd), "w", encoding="utf-8", errors="replace", buffering=1)


# -- writing ------------------------------------------------------------------------------


def write_batch(batch: pa.Table, out: str) -> pa.Table:
    """Write a batch of analysed rows (`analyzer.ANALYSED_SCHEMA`) as Parquet, a file per
    table, date and unit; returns a summary row per unit (`SUMMARY_SCHEMA`)."""
    fs, root = _fs(out)
    by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in batch.to_pylist():
        by_unit[row["unit"]].append(row)
    summaries = []
    for unit_id, rows in by_unit.items():
        name = f"{unit_key(unit_id)}-{min(r['seq'] for r in rows):010d}.parquet"
        tables: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        errors: list[dict[str, Any]] = []
        summary: dict[str, Any] = {"unit": unit_id, "rows": 0, "dossiers": 0, "errors": 0, "total": -1,
                   "retry": False, "samples": []}
        busy: dict[str, int] = defaultdict(int)
        for row in rows:
            if row["kind"] == "end":
                summary["total"], summary["retry"] = row["count"], bool(row["retry"])
                continue
            summary["rows"] += 1
            if row.get("worker"):
                busy[row["worker"]] += 1
            if row["kind"] == "dossier":
                summary["dossiers"] += 1
                dossier = json.loads(row["dossier"])
                parts = dossier_rows(dossier, key=row["key"], input_id=unit_id,
                                     content_hash=row["content_hash"], dossier_json=row["dossier"])
                for table, table_rows in parts.items():
                    tables[(table, row["date"])] += table_rows
            else:
                summary["errors"] += 1
                errors.append(error_row(input_id=unit_id, key=row["key"], stage=row["stage"],
                                        reason=row["error"], content_hash=row["content_hash"],
                                        url=row["url"]))
                if len(summary["samples"]) < ERROR_SAMPLES:
                    summary["samples"].append(f"{row['key']}: {row['error']}")
        for (table, date), table_rows in sorted(tables.items()):
            if table_rows:
                _write(fs, posixpath.join(root, table, f"date={date}", name),
                       to_table(table, table_rows))
        if errors:
            _write(fs, posixpath.join(root, ERRORS, name), to_table(ERRORS, errors))
        summary["workers"] = [{"worker": w, "articles": n} for w, n in sorted(busy.items())]
        summaries.append(summary)
    return pa.Table.from_pylist(summaries, schema=SUMMARY_SCHEMA)


def _write(fs: Any, path: str, table: pa.Table) -> None:
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    with fs.open(path, "wb") as handle:
        pq.write_table(table, handle, compression="zstd")


def _fs(out: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    return cast(tuple[Any, str], url_to_fs(out))


def _finished(fs: Any, root: str) -> set[str]:
    folder = posixpath.join(root, DONE)
    if not fs.exists(folder):
        return set()
    return {posixpath.basename(p).removesuffix(".json") for p in fs.ls(folder, detail=False)
            if p.endswith(".json")}


def _clear(fs: Any, root: str, keys: set[str]) -> None:
    """Delete what unfinished units wrote in an earlier run (a run killed half-way)."""
    if not keys or not fs.exists(root):
        return
    stale = [p for p in fs.find(root)
             if posixpath.basename(p).split("-", 1)[0] in keys and p.endswith(".parquet")]
    for path in stale:
        fs.rm(path)
    for key in keys:        # --force: the old markers go too
        marker = posixpath.join(root, DONE, f"{key}.json")
        if fs.exists(marker):
            fs.rm(marker)


class _Tracker:
    """Counts each unit's written rows; marks the unit done when all are written."""

    def __init__(self, fs: Any, root: str, pending: list[Unit], summary: BatchSummary,
                 progress: Progress | None, started: float) -> None:
        self.fs, self.root, self.summary, self.progress = fs, root, summary, progress
        self.started = started
        self.units = {u.id: u for u in pending}
        self.state: dict[str, dict[str, Any]] = {}

    def update(self, rows: list[dict[str, Any]]) -> None:
        summary = self.summary
        for row in rows:
            state = self.state.setdefault(row["unit"], {"rows": 0, "dossiers": 0, "errors": 0,
                                                        "total": None, "retry": False})
            for name in ("rows", "dossiers", "errors"):
                state[name] += row[name]
            summary.records += row["rows"]
            summary.dossiers += row["dossiers"]
            summary.errors += row["errors"]
            for item in row.get("workers") or []:
                summary.busy[item["worker"]] = summary.busy.get(item["worker"], 0) + item["articles"]
            room = ERROR_SAMPLES - len(summary.error_samples)
            summary.error_samples += (row["samples"] or [])[:max(room, 0)]
            if row["total"] >= 0:
                state["total"], state["retry"] = row["total"], row["retry"]
            if state["total"] is not None and state["rows"] == state["total"]:
                self._finish(row["unit"], state)
        summary.seconds = time.perf_counter() - self.started
        if self.progress:
            self.progress(summary)

    def _finish(self, unit_id: str, state: dict[str, Any]) -> None:
        if state["retry"]:
            self.summary.retry += 1
            return
        marker = {"input": unit_id, "rows": state["rows"], "dossiers": state["dossiers"],
                  "errors": state["errors"], "engine": self.summary.engine,
                  "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        path = posixpath.join(self.root, DONE, f"{unit_key(unit_id)}.json")
        self.fs.makedirs(posixpath.dirname(path), exist_ok=True)
        with self.fs.open(path, "w") as handle:
            handle.write(json.dumps(marker, ensure_ascii=False, indent=1))
        self.summary.done += 1


__all__ = ["BatchSummary", "DONE", "ERRORS", "PARTITIONED", "console_stream", "run_batch",
           "unit_key", "write_batch"]
