"""The analysis step: an actor class Ray Data keeps one of per worker.

    ds.map_batches(Analyzer, fn_constructor_kwargs={"options": options},
                   compute=ray.data.ActorPoolStrategy(size=4), batch_size=32,
                   batch_format="pyarrow")

`__init__` builds the pipeline once (the spaCy model, the gazetteer, the language
detector load there); `__call__` takes a batch of record rows (`sources.RECORD_SCHEMA`)
and gives a batch of `ANALYSED_SCHEMA` rows: for each record its dossier as JSON, with its
id, date partition, key and content hash, or the reason it failed. Read errors and the
units' end rows pass through. The records are run through `runner.analyse_jobs`, as
`analyze_many` and `ingest` run theirs (`Pipeline.pipe` over works made with the
record's URL, date and key), so the dossier is the one `newstrace.analyze` gives for the
same input.
"""

from __future__ import annotations

import json
import os
import re
import socket
from typing import Any

import pyarrow as pa

from ..config import Options
from ..dossier import Dossier
from ..errors import NewstraceError
from ..inputs import content_hash
from ..pipeline import Work
from ..runner import Job, analyse_jobs, get_pipeline, make_work

UNKNOWN_DATE = "unknown"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
WARM_UP = "The council of Lisbon met on Monday. \"We agreed,\" the mayor, Ana Costa, said."

ANALYSED_SCHEMA = pa.schema([
    ("unit", pa.string()),
    ("seq", pa.int64()),
    ("kind", pa.string()),            # "dossier", "error" or "end"
    ("key", pa.string()),
    ("id", pa.string()),
    ("date", pa.string()),            # YYYY-MM-DD from metadata.published, else "unknown"
    ("content_hash", pa.string()),
    ("url", pa.string()),
    ("dossier", pa.large_string()),   # the dossier's to_dict() as JSON
    ("stage", pa.string()),           # for errors: "read" or "analyse"
    ("error", pa.string()),
    ("count", pa.int64()),            # end rows: the unit's rows before this one
    ("retry", pa.bool_()),
    ("worker", pa.string()),          # which worker analysed it (host:pid): who was busy
])


class Analyzer:
    """Record batches to dossier batches; the pipeline is built once, in `__init__`."""

    def __init__(self, options: Options | None = None, warm: bool = True) -> None:
        self.options = options or Options.load()
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.pipeline = get_pipeline(self.options)
        if warm:        # load what loads lazily (models, tables) before the first batch
            self.pipeline.run(make_work(WARM_UP, "plain", options=self.options))

    def __call__(self, batch: pa.Table | dict[str, Any]) -> pa.Table:
        rows = batch.to_pylist() if isinstance(batch, pa.Table) else _rows(batch)
        out: list[dict[str, Any] | None] = [None] * len(rows)
        records: list[int] = []
        for index, row in enumerate(rows):
            kind = row.get("kind")
            if kind == "record":
                records.append(index)
            elif kind == "error":
                out[index] = _base(row) | {"kind": "error", "stage": "read", "error": row["error"]}
            else:
                out[index] = _base(row) | {"kind": "end", "count": row.get("count"),
                                           "retry": bool(row.get("retry"))}
        for index, result in zip(records, self._analyse([rows[i] for i in records])):
            out[index] = result | {"worker": self.worker}
        return pa.Table.from_pylist(out, schema=ANALYSED_SCHEMA)

    def _analyse(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each record's result row, through the runner's chunk function (batched parsing;
        a batch that fails as a whole is run one by one, so only the record that breaks
        it fails)."""
        jobs = [Job(row["content"], row.get("content_type") or "auto", row.get("url"),
                    row.get("published"), row["key"]) for row in rows]
        return [_result(row, outcome) for row, outcome in zip(rows, analyse_jobs(jobs, self.options))]


def _rows(batch: dict[str, Any]) -> list[dict[str, Any]]:
    """A dict of columns (numpy arrays or lists) as rows."""
    names = list(batch)
    columns = [list(batch[n]) for n in names]
    return [dict(zip(names, values)) for values in zip(*columns)] if names else []


def _base(row: dict[str, Any]) -> dict[str, Any]:
    return {"unit": row["unit"], "seq": row["seq"], "key": row.get("key"), "url": row.get("url")}


def _result(row: dict[str, Any], work: Work | NewstraceError) -> dict[str, Any]:
    base = _base(row) | {"content_hash": content_hash(row["content"])}
    error = work if isinstance(work, NewstraceError) else work.error
    if error is not None:
        return base | {"kind": "error", "stage": "analyse", "error": Exception.__str__(error)}
    dossier: Dossier = work.dossier  # type: ignore[union-attr]
    return base | {"kind": "dossier", "id": dossier.id,
                   "date": date_partition(dossier.metadata.published),
                   "dossier": dossier_json(dossier.to_dict())}


def date_partition(published: str | None) -> str:
    """"YYYY-MM-DD" of a publication date known to the day, else "unknown"."""
    return published[:10] if published and DAY.match(published) else UNKNOWN_DATE


def dossier_json(data: dict[str, Any]) -> str:
    """Compact JSON; text that is not valid Unicode (lone surrogates) is escaped, so that
    the JSON is valid UTF-8 and reads back to the same dossier."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text


__all__ = ["ANALYSED_SCHEMA", "Analyzer", "date_partition", "dossier_json"]
