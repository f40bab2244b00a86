"""Main-text and metadata extraction, scored as trafilatura scores itself.

Snippets that must appear (`with`) and must not (`without`) are looked up in the
whitespace-collapsed body; title, author and date by exact match. newstrace and
plain trafilatura (its default `extract()`) run on the same pages in the same run.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from ..api import analyze
from ..errors import InputError
from .common import TableData, fmt, parallel_map, require, sample

SPACES = re.compile(r"\s+")
SYSTEMS = ("newstrace", "trafilatura")
FIELDS = ("title", "author", "date")


def collapse(text: str) -> str:
    return SPACES.sub(" ", text).strip()


@dataclass(slots=True)
class Extracted:
    body: str | None          # None: the extractor failed on the page
    title: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass(slots=True)
class SystemScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    failures: int = 0
    seconds: float = 0.0
    meta_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    meta_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    def meta_accuracy(self, name: str) -> float:
        total = self.meta_total[name]
        return self.meta_hits[name] / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "accuracy": self.accuracy, "failures": self.failures, "seconds": self.seconds,
            **{f"{name}_accuracy": self.meta_accuracy(name) for name in FIELDS},
        }


@dataclass(slots=True)
class ExtractionReport:
    pages: int
    systems: dict[str, SystemScore]

    def as_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, **{k: v.as_dict() for k, v in self.systems.items()}}

    def tables(self) -> list[TableData]:
        columns = ["system", "P", "R", "F1", "accuracy", *FIELDS, "failures", "seconds"]
        rows = [
            [name, fmt(s.precision), fmt(s.recall), fmt(s.f1), fmt(s.accuracy),
             *(fmt(s.meta_accuracy(f)) for f in FIELDS), str(s.failures), f"{s.seconds:.1f}"]
            for name, s in self.systems.items()
        ]
        return [TableData(f"Extraction, {self.pages} pages", columns, rows)]


def load_items(data: str | Path) -> list[tuple[str, dict[str, Any]]]:
    folder = require(data, "evaldata.json.gz", "html")
    with gzip.open(folder / "evaldata.json.gz", "rt", encoding="utf-8") as handle:
        entries = json.load(handle)
    return [(url, {**entry, "path": str(folder / "html" / (entry["file"] + ".gz"))})
            for url, entry in sorted(entries.items())]


def newstrace_extract(html: bytes, url: str) -> Extracted:
    try:
        dossier = analyze(html, content_type="html", url=url)
    except InputError:
        return Extracted(body=None)
    meta = dossier.metadata
    return Extracted(
        body=body_of(dossier.text, meta.title, meta.subtitle),
        title=meta.title,
        author="; ".join(meta.authors) or None,
        date=(meta.published or "")[:10] or None,
    )


def body_of(text: str, title: str | None, subtitle: str | None) -> str:
    """The text without its leading title and subtitle paragraphs (the README's rule)."""
    paragraphs = text.split("\n\n")
    if paragraphs and title is not None and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if paragraphs and subtitle is not None and paragraphs[0] == subtitle:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def trafilatura_extract(html: bytes, url: str) -> Extracted:
    try:
        body = trafilatura.extract(html)
        meta = trafilatura.extract_metadata(html)
    except Exception:  # a crash of the baseline is scored as a miss, as for us
        return Extracted(body=None)
    if meta is None:
        return Extracted(body=body)
    return Extracted(body=body, title=meta.title, author=meta.author, date=meta.date)


EXTRACTORS = {"newstrace": newstrace_extract, "trafilatura": trafilatura_extract}


def score_page(item: tuple[str, dict[str, Any]]) -> dict[str, tuple[Extracted, float]]:
    url, entry = item
    with gzip.open(entry["path"], "rb") as handle:
        html = handle.read()
    results = {}
    for name, extract in EXTRACTORS.items():
        started = time.perf_counter()
        results[name] = (extract(html, url), time.perf_counter() - started)
    return results


def tally(score: SystemScore, entry: dict[str, Any], got: Extracted) -> None:
    body = collapse(got.body) if got.body is not None else ""
    if got.body is None:
        score.failures += 1
    for snippet in entry.get("with", []):
        if collapse(snippet) in body and got.body is not None:
            score.tp += 1
        else:
            score.fn += 1
    for snippet in entry.get("without", []):
        if got.body is not None and collapse(snippet) in body:
            score.fp += 1
        else:
            score.tn += 1
    for name in FIELDS:
        gold = entry.get(name)
        if not gold:
            continue
        gold = "; ".join(gold) if isinstance(gold, list) else gold
        score.meta_total[name] += 1
        if collapse(getattr(got, name) or "") == collapse(gold):
            score.meta_hits[name] += 1


def evaluate_extraction(data: str | Path, limit: int | None = None,
                        workers: int = 1) -> ExtractionReport:
    items = sample(load_items(data), limit)
    systems = {name: SystemScore() for name in SYSTEMS}
    for (url, entry), results in zip(items, parallel_map(score_page, items, workers)):
        for name, (got, seconds) in results.items():
            tally(systems[name], entry, got)
            systems[name].seconds += seconds
    return ExtractionReport(pages=len(items), systems=systems)
