#!/usr/bin/env python3
"""Train the whole-page line model (src/newstrace/data/boilerplate_model.json).

A naive scraper's text of a page (inscriptis over the whole HTML, as
`newstrace eval extraction --whole-page` makes it) goes through the pipeline's front
stages up to `boilerplate`; each body line gets the features of
`newstrace.text.line_features`. The extraction dev pages (../shared/eval/extraction)
name snippets that belong to the article ("with") and snippets that do not
("without"): a body line holding a snippet is labelled 1 or 0. Snippets label few
short lines, so a short line no snippet labels takes a light silver label: 1 if our
HTML reader keeps it in the page's article, else 0. LightGBM fits boosted trees of the
label on the features, in two passes (`newstrace.text.line_features.LineModel`).
LightGBM is a training extra (`pip install -e '.[train]'`); the package scores the
trees with numpy (`newstrace.nlp.trees`).

The threshold: the highest probability at which the model, cross-validated on its own
training pages (two halves), still keeps `--recall` of their snippet-labelled article
lines. The default, 0.95, is the lowest of 0.97, 0.95 and 0.94 at which the model
trained on half B kept 95% of half A's article snippets.

Honest figures: the script trains on fold A (`common.two_folds`), scores the whole-page
text of fold B's pages with that model, then the other way round, and prints both
halves' page-level body precision, recall and F1 (the figures of `--whole-page`, each
half scored by a model that never saw it). The model it writes is trained on all the
dev pages, so `newstrace eval extraction --whole-page` with it scores pages it has seen.

    python scripts/train_boilerplate.py --data ../shared/eval/extraction
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.api import get_pipeline, make_work
from newstrace.config import Options
from newstrace.evaluate.common import two_folds
from newstrace.evaluate.extraction import (
    SystemScore,
    collapse,
    load_items,
    newstrace_text_extract,
    tally,
    whole_page_text,
)
from newstrace.nlp import trees
from newstrace.stages import DEFAULT_STAGES
from newstrace.stages import boilerplate as stage
from newstrace.text.blocks import BODY
from newstrace.text.line_features import (
    CONTEXT,
    FEATURES,
    LineModel,
    context_features,
    line_features,
)

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "data" / stage.MODEL_FILE
FRONT = DEFAULT_STAGES[:DEFAULT_STAGES.index("boilerplate")]
HTML_FRONT = DEFAULT_STAGES[:DEFAULT_STAGES.index("assemble_text") + 1]
# The weight of a snippet's label, and of a silver label (our HTML reader's): snippets
# label few short lines (a menu item is too short to be a snippet), so the silver labels
# of short lines teach the trees what a page's short lines are, but weigh little, as
# the HTML reader is wrong on some (its body F1 is 0.93).
GOLD_WEIGHT = 4.0
SILVER_WEIGHT = 0.05
DATA_NOTE = ("the extraction dev pages (../shared/eval/extraction), both halves: lines holding a snippet, "
             "labelled by it; short lines holding none, labelled by our HTML reader's article")
# The fewest characters of a line that, inside a paragraph of the HTML reader's
# article, label it the article's.
SILVER_PIECE = 30
# Small trees, many of them, slowly: a few thousand labelled lines.
PARAMS = {"objective": "binary", "num_leaves": 4, "learning_rate": 0.05, "n_estimators": 200,
          "min_child_samples": 30, "verbose": -1, "random_state": 0, "deterministic": True,
          "force_row_wise": True, "n_jobs": 1}
# A snippet is found in a line by its first characters (snippets may run past a line).
SNIPPET_PREFIX = 60

Item = tuple[str, dict[str, Any]]


def page_text(item: Item) -> str:
    with gzip.open(item[1]["path"], "rb") as handle:
        return whole_page_text(handle.read())


@dataclass(slots=True)
class PageLines:
    rows: np.ndarray              # the features of the page's body lines, in order
    labels: dict[int, float]      # row -> 1 (a snippet of the article) or 0 (one of furniture)
    silver: np.ndarray            # per row: 1 if our HTML reader keeps the line, else 0


def html_paragraphs(item: Item) -> list[str]:
    """The page's article as our HTML reader extracts it (title, subtitle, body
    paragraphs), collapsed: the silver labels of the lines no snippet labels."""
    url, entry = item
    with gzip.open(entry["path"], "rb") as handle:
        html = handle.read()
    work = make_work(html, "html", url, None, None, Options(stages=HTML_FRONT))
    get_pipeline(work.options).run(work)
    metadata = work.dossier.metadata
    return [collapse(p) for p in [metadata.title or "", metadata.subtitle or "", *work.dossier.text.split("\n\n")] if p]


def in_article(line: str, paragraphs: list[str]) -> bool:
    """A line our HTML reader keeps: a paragraph of its article, or a long enough piece
    of one (a scraper may break a paragraph at a `<br>`)."""
    return any(line == p or (len(line) >= SILVER_PIECE and line in p) for p in paragraphs)


def page_lines(item: Item) -> PageLines | None:
    """The features of a page's body lines, and the labels of those holding a snippet."""
    url, entry = item
    work = make_work(page_text(item), "text", url, None, None, Options(stages=FRONT))
    get_pipeline(work.options).run(work)
    page = stage.read_page(work.blocks)
    if page is None:
        return None
    body = [i for i, block in enumerate(page.blocks) if block.kind == BODY]
    row_of = {index: row for row, index in enumerate(body)}
    lines = [collapse(block.text) for block in page.blocks]
    labels: dict[int, float] = {}
    for label, key in ((1.0, "with"), (0.0, "without")):
        for snippet in entry.get(key, []):
            head = collapse(snippet)[:SNIPPET_PREFIX]
            index = next((i for i, line in enumerate(lines) if head in line), None)
            if index in row_of:
                labels.setdefault(row_of[index], label)
    paragraphs = html_paragraphs(item)
    silver = np.array([in_article(lines[i], paragraphs) for i in body], dtype=float)
    return PageLines(line_features(page)[body], labels, silver)


def gather(items: list[Item], workers: int) -> list[PageLines]:
    with ProcessPoolExecutor(workers) as pool:
        return [p for p in pool.map(page_lines, items, chunksize=8) if p is not None and p.labels]


def labelled(pages: list[PageLines], columns: list[np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The snippet-labelled rows of `pages` (or of `columns`, one array per page) and
    their labels."""
    columns = columns or [p.rows for p in pages]
    rows = [c[list(p.labels)] for p, c in zip(pages, columns)]
    return np.vstack(rows), np.concatenate([list(p.labels.values()) for p in pages])


def training(pages: list[PageLines], columns: list[np.ndarray] | None = None) -> tuple[np.ndarray, ...]:
    """Every body row of `pages` with its label and weight: a snippet's label weighs
    GOLD_WEIGHT; a short or bad line no snippet labels has its silver label, weighing
    SILVER_WEIGHT; other lines weigh nothing."""
    columns = columns or [p.rows for p in pages]
    labels = [p.silver.copy() for p in pages]
    short = [FEATURES.index("short"), FEATURES.index("bad")]
    weights = [SILVER_WEIGHT * (p.rows[:, short].max(axis=1) > 0) for p in pages]
    for page, label, weight in zip(pages, labels, weights):
        for row, value in page.labels.items():
            label[row], weight[row] = value, GOLD_WEIGHT
    return np.vstack(columns), np.concatenate(labels), np.concatenate(weights)


def trees_on(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray, names: tuple[str, ...]) -> trees.Ensemble:
    import lightgbm

    model = lightgbm.LGBMClassifier(**PARAMS).fit(rows, labels, sample_weight=weights)
    ensemble = trees.from_lightgbm(model.booster_.dump_model(), names)
    # the numpy scorer must give LightGBM's own probabilities
    assert np.allclose(ensemble.probabilities(rows), model.predict_proba(rows)[:, 1], atol=1e-9)
    return ensemble


def with_context(pages: list[PageLines], first: list[np.ndarray]) -> list[np.ndarray]:
    return [np.hstack([p.rows, context_features(f)]) for p, f in zip(pages, first)]


def halves(pages: list[PageLines]) -> tuple[list[int], list[int]]:
    return list(range(0, len(pages), 2)), list(range(1, len(pages), 2))


def fit(pages: list[PageLines], recall: float, about: dict[str, Any]) -> LineModel:
    """Both passes on all the pages. The second pass learns from first probabilities
    the first pass gave pages it was not trained on (two halves, each scored by the
    other's trees), as it will meet them on new pages; the threshold is the one that
    keeps `recall` of the article lines when each half is scored by both passes trained
    on the other."""
    first_names, second_names = FEATURES, FEATURES + CONTEXT
    first = trees_on(*training(pages), first_names)
    out_of_half: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for train, test in (halves(pages), halves(pages)[::-1]):
        model = trees_on(*training([pages[i] for i in train]), first_names)
        for i in test:
            out_of_half[i] = model.probabilities(pages[i].rows)
    contexts = with_context(pages, out_of_half)
    held_out, held_labels = [], []
    for train, test in (halves(pages), halves(pages)[::-1]):
        model = trees_on(*training([pages[i] for i in train], [contexts[i] for i in train]), second_names)
        rows, labels = labelled([pages[i] for i in test], [contexts[i] for i in test])
        held_out.append(model.probabilities(rows))
        held_labels.append(labels)
    threshold = recall_threshold(np.concatenate(held_out), np.concatenate(held_labels), recall)
    second = trees_on(*training(pages, contexts), second_names)
    return LineModel(first, second, threshold, about)


def recall_threshold(scores: np.ndarray, labels: np.ndarray, recall: float) -> float:
    """The highest threshold keeping at least `recall` of the positive rows."""
    positives = np.sort(scores[labels == 1])[::-1]
    return float(positives[min(len(positives) - 1, int(np.ceil(recall * len(positives))) - 1)])


def score_half(items: list[Item], model: LineModel, workers: int) -> SystemScore:
    """Page-level body scores of the whole-page text of `items` with `model`."""
    score = SystemScore()
    with ProcessPoolExecutor(workers, initializer=stage.use_model, initargs=(model,)) as pool:
        for item, extracted in zip(items, pool.map(_extract, items, chunksize=8)):
            tally(score, item[1], extracted)
    return score


def _extract(item: Item) -> Any:
    return newstrace_text_extract(page_text(item), item[0])


def figures(score: SystemScore) -> str:
    return f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/eval/extraction")
    parser.add_argument("--recall", type=float, default=0.95,
                        help="share of article lines the threshold keeps in cross-validation")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--fold-models", type=Path, metavar="DIR",
                        help="also write the models trained on each half (A.json, B.json) here")
    args = parser.parse_args(argv)
    items = load_items(args.data)
    half_a, half_b = two_folds(items)
    data = {name: gather(half, args.workers) for name, half in (("A", half_a), ("B", half_b))}
    report: dict[str, Any] = {}
    for train, test, test_items in (("A", "B", half_b), ("B", "A", half_a)):
        model = fit(data[train], args.recall, {})
        score = score_half(test_items, model, args.workers)
        if args.fold_models:
            args.fold_models.mkdir(parents=True, exist_ok=True)
            (args.fold_models / f"{train}.json").write_text(json.dumps(model.to_json()), "utf-8")
        report[f"trained on {train}, scored on {test}"] = {
            "threshold": round(model.threshold, 4), "precision": round(score.precision, 4),
            "recall": round(score.recall, 4), "f1": round(score.f1, 4)}
        print(f"trained on {train} (threshold {model.threshold:.3f}), half {test}: {figures(score)}",
              file=sys.stderr)
    pages = data["A"] + data["B"]
    about = {"trained": date.today().isoformat(), "pages": len(items),
             "lines": sum(len(p.labels) for p in pages),
             "article_lines": int(sum(sum(p.labels.values()) for p in pages)),
             "data": DATA_NOTE, "gold_weight": GOLD_WEIGHT, "silver_weight": SILVER_WEIGHT,
             "lightgbm": PARAMS, "recall": args.recall, "held_out": report}
    model = fit(pages, args.recall, about)
    args.out.write_text(json.dumps(model.to_json(), indent=None, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {args.out}: threshold {model.threshold:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
