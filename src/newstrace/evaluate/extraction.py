"""Main-text and metadata extraction, scored as trafilatura scores itself.

Snippets that must appear (`with`) and must not (`without`) are looked up in the
whitespace-collapsed body; title, author and date by exact match. newstrace and
plain trafilatura (its default `extract()`) run on the same pages in the same run.

Whole-page text (`whole_page=True`, `--whole-page`): what a naive scraper keeps of a
page, menus, share buttons, teaser lists and footers included (Common Crawl's WET files
are this kind of text). Each page's HTML is turned into text by inscriptis, the whole
page, as such a scraper would; newstrace reads that text in its `text` mode, beside
"keep everything" (the text as it is). Only the body is scored: the metadata a page's
HTML carries is gone.

Every figure is also given for the two halves of the pages (`common.two_folds`: fold
A, the pages at even positions in URL order, is the half rules are tuned on; fold B
is only scored).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import trafilatura

from ..api import analyze
from ..errors import InputError
from ..runner import parallel_map
from .common import PRF, TableData, fmt, require, sample

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
class SystemScore(PRF):
    """Snippet counts (precision, recall and F1 as every scorer's, `common.PRF`), the
    true negatives for accuracy, and metadata hits."""

    tn: int = 0
    failures: int = 0
    seconds: float = 0.0
    meta_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    meta_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

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
    folds: dict[str, dict[str, SystemScore]] = field(default_factory=dict)   # "A"/"B" -> system
    whole_page: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, "whole_page": self.whole_page,
                **{k: v.as_dict() for k, v in self.systems.items()},
                "folds": {fold: {k: v.as_dict() for k, v in systems.items()}
                          for fold, systems in self.folds.items()}}

    def tables(self) -> list[TableData]:
        fields = ("title",) if self.whole_page else FIELDS   # text mode reads no byline markup
        columns = ["system", "P", "R", "F1", "accuracy", *fields, "failures", "seconds"]
        rows = [
            [name, fmt(s.precision), fmt(s.recall), fmt(s.f1), fmt(s.accuracy),
             *(fmt(s.meta_accuracy(f)) for f in fields), str(s.failures), f"{s.seconds:.1f}"]
            for name, s in self.systems.items()
        ]
        kind = "Whole-page text" if self.whole_page else "Extraction"
        tables = [TableData(f"{kind}, {self.pages} pages", columns, rows)]
        if self.folds:
            tables.append(TableData(
                f"{kind}, by half (A: tuned on, B: held out)", ["half", "system", "P", "R", "F1"],
                [[fold, name, fmt(s.precision), fmt(s.recall), fmt(s.f1)]
                 for fold, systems in self.folds.items() for name, s in systems.items()]))
        return tables


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


def whole_page_text(html: bytes) -> str:
    """The whole page as text, as a naive scraper keeps it (inscriptis, every element)."""
    from inscriptis import get_text

    from ..text.decoding import decode_bytes

    return cast(str, get_text(decode_bytes(html)))


def newstrace_text_extract(text: str, url: str) -> Extracted:
    try:
        dossier = analyze(text, content_type="text", url=url)
    except InputError:
        return Extracted(body=None)
    meta = dossier.metadata
    return Extracted(body=body_of(dossier.text, meta.title, meta.subtitle), title=meta.title)


def keep_everything(text: str, url: str) -> Extracted:
    return Extracted(body=text)


TEXT_EXTRACTORS = {"newstrace": newstrace_text_extract, "keep-everything": keep_everything}


def score_page(item: tuple[str, dict[str, Any]]) -> dict[str, tuple[Extracted, float]]:
    url, entry = item
    with gzip.open(entry["path"], "rb") as handle:
        html = handle.read()
    results = {}
    for name, extract in EXTRACTORS.items():
        started = time.perf_counter()
        results[name] = (extract(html, url), time.perf_counter() - started)
    return results


def score_whole_page(item: tuple[str, dict[str, Any]]) -> dict[str, tuple[Extracted, float]]:
    url, entry = item
    with gzip.open(entry["path"], "rb") as handle:
        text = whole_page_text(handle.read())
    results = {}
    for name, extract in TEXT_EXTRACTORS.items():
        started = time.perf_counter()
        results[name] = (extract(text, url), time.perf_counter() - started)
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
                        workers: int = 1, whole_page: bool = False) -> ExtractionReport:
    items = sample(load_items(data), limit)
    names = TEXT_EXTRACTORS if whole_page else SYSTEMS
    systems = {name: SystemScore() for name in names}
    folds = {fold: {name: SystemScore() for name in names} for fold in ("A", "B")}
    scorer = score_whole_page if whole_page else score_page
    for position, ((url, entry), results) in enumerate(zip(items, parallel_map(scorer, items, workers))):
        fold = "AB"[position % 2]     # as common.two_folds splits them
        for name, (got, seconds) in results.items():
            tally(systems[name], entry, got)
            tally(folds[fold][name], entry, got)
            systems[name].seconds += seconds
    return ExtractionReport(pages=len(items), systems=systems, folds=folds, whole_page=whole_page)
