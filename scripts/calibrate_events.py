#!/usr/bin/env python3
"""Fit the event confidence model (src/newstrace/data/events/confidence.toml).

Each event the pipeline codes has grounds (newstrace.nlp.confidence.Grounds): which source
gave its trigger, who its actor is, its certainty, and so on. This script labels events
right (1) or wrong (0), fits a logistic regression of the label on the grounds' features
(L2-regularised, Newton's method, numpy) and writes the weights with their provenance.

Labelled events come from two places, both dev data:
- the PLOVER gold records of fold A (the half rules are tuned on; `evaluate.common.two_folds`
  over `../shared/eval/events`): an event is right when its type is the record's and its
  actor matches the record's source (the scorer's name match), wrong otherwise;
- events of real pages read by a person (`--labels`, JSON lines, kept outside the
  repository: the pages are evaluation data): {"page": file name under
  ../shared/eval/extraction/html, "examples/<name>" for a bundled example, "polnear/<file>"
  for a news article of `--texts`, "lgl/<docid>" or "geovirus/<position>" for a news
  article of the geoparsing corpora in `--geo` (../shared/eval/geo), "type": ...,
  "evidence": the evidence's first words, "right": 0 or 1}. Right means the type and the main actor are what the text says.
Real pages count `--page-weight` times a gold record: they are what the model is for.

    python scripts/calibrate_events.py --events ../shared/eval/events \\
        --pages ../shared/eval/extraction/html --labels labels.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import xml.etree.ElementTree as ET
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

import newstrace
import newstrace.stages.events as events_stage
from newstrace.evaluate.common import two_folds
from newstrace.evaluate.events import entity_surfaces, load_records, names_match
from newstrace.nlp.confidence import Grounds

REPOSITORY = Path(__file__).resolve().parent.parent
OUT = REPOSITORY / "src" / "newstrace" / "data" / "events" / "confidence.toml"
L2 = 1.0
# Real-page events at 0.5 or above must be right this often in the labelled data.
TARGET = 0.92


def analysed_with_grounds(content: Any, **kwargs: Any) -> tuple[Any, list[Grounds]]:
    """A dossier and the grounds of its events, in order (the stage scores each kept
    event once, in order; the call is wrapped to record them)."""
    seen: list[Grounds] = []
    original = events_stage.confidence

    def recording(grounds: Grounds) -> float:
        seen.append(grounds)
        return original(grounds)

    events_stage.confidence = recording
    try:
        dossier = newstrace.analyze(content, **kwargs)
    finally:
        events_stage.confidence = original
    return dossier, seen


def gold_examples(folder: Path) -> list[tuple[Grounds, int]]:
    records = sorted(load_records(folder), key=lambda r: r.id)
    fold_a, _ = two_folds(records)
    examples = []
    for record in fold_a:
        dossier, grounds = analysed_with_grounds(record.text, content_type="plain")
        surfaces = {e.id: entity_surfaces(e) for e in dossier.entities}
        for event, ground in zip(dossier.events, grounds, strict=True):
            actor_ok = not record.sources or any(
                names_match(g, surfaces.get(a, ())) for g in record.sources for a in event.actors)
            examples.append((ground, int(event.type == record.type and actor_ok)))
    return examples


@lru_cache(maxsize=2)
def geo_articles(geo: Path, corpus: str) -> dict[str, str]:
    """The news articles of a geoparsing corpus by id: LGL's docid, GeoVirus's position
    (four digits, as the reading audits name them)."""
    root = ET.fromstring(gzip.open(geo / f"{'lgl' if corpus == 'lgl' else 'GeoVirus'}.xml.gz").read())
    return {(article.get("docid") or f"{i:04d}"): article.findtext("text") or ""
            for i, article in enumerate(root.iter("article"))}


def page_examples(pages: Path, labels: Path, texts: Path | None = None,
                  geo: Path | None = None) -> list[tuple[Grounds, int]]:
    wanted: dict[str, list[dict]] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            wanted.setdefault(item["page"], []).append(item)
    examples = []
    for page, items in sorted(wanted.items()):
        if page.startswith("polnear/"):   # a PolNeAR news article (clean text)
            text = (texts / page.split("/", 1)[1]).read_text(encoding="utf-8")
            dossier, grounds = analysed_with_grounds(text, content_type="plain")
        elif page.split("/", 1)[0] in ("lgl", "geovirus"):   # news of the geoparsing corpora
            corpus, ident = page.split("/", 1)
            dossier, grounds = analysed_with_grounds(geo_articles(geo, corpus)[ident], content_type="plain")
        elif page.startswith("examples/"):   # the bundled examples, as `setup.sh` reads them
            path = REPOSITORY / page
            dossier, grounds = analysed_with_grounds(path.read_bytes(), content_type="auto",
                                                     path=str(path))
        else:
            raw = gzip.open(pages / page).read() if page.endswith(".gz") else (pages / page).read_bytes()
            dossier, grounds = analysed_with_grounds(raw, content_type="html")
        for item in items:
            match = next((g for e, g in zip(dossier.events, grounds)
                          if e.type == item["type"] and e.evidence.text.startswith(item["evidence"])), None)
            if match is not None:   # a label for an event no longer coded is left out
                examples.append((match, int(item["right"])))
    return examples


def fit(examples: list[tuple[Grounds, int]], weights: list[float]) -> dict[str, float]:
    names = sorted({name for g, _ in examples for name in g.features()})
    x = np.array([[1.0] + [g.features().get(n, 0.0) for n in names] for g, _ in examples])
    y = np.array([label for _, label in examples], dtype=float)
    w = np.array(weights, dtype=float)
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 0.0   # the intercept is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ beta))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"intercept": float(beta[0]), **{n: float(b) for n, b in zip(names, beta[1:])}}


def threshold_shift(examples: list[tuple[Grounds, int]], model: dict[str, float]) -> float:
    """How much to lower the intercept so that the real-page events at 0.5 or above are
    right at least TARGET of the time: 0.5 is the line an analyst filters on
    (`--min-confidence 0.5`), and it must mean "right at least 85% of the time" in a
    reading audit; the margin covers the audit's sampling error. Below the line the
    scores keep their order."""
    from newstrace.nlp.confidence import score

    shift = 0.0
    while shift > -6.0:
        trial = {**model, "intercept": model["intercept"] + shift}
        high = [y for g, y in examples if score(g, trial) >= 0.5]
        if not high or sum(high) / len(high) >= TARGET:
            return shift
        shift -= 0.05
    return shift


def report(examples: list[tuple[Grounds, int]], model: dict[str, float], label: str) -> str:
    from newstrace.nlp.confidence import score

    scored = [(score(g, model), y) for g, y in examples]
    high = [y for p, y in scored if p >= 0.5]
    lines = [f"{label}: {len(scored)} events, {sum(y for _, y in scored)} right; "
             f"at >= 0.5: {len(high)} events, precision "
             f"{(sum(high) / len(high)) if high else 0:.3f}"]
    for low, upper in ((0, .3), (.3, .5), (.5, .7), (.7, .85), (.85, 1.01)):
        bucket = [y for p, y in scored if low <= p < upper]
        if bucket:
            lines.append(f"  {low:.2f}-{min(upper, 1):.2f}: {len(bucket):4d} events, "
                         f"right {sum(bucket) / len(bucket):.3f}")
    return "\n".join(lines)


def write(model: dict[str, float], counts: dict[str, int], out: Path) -> None:
    header = (
        "# Weights of the event confidence model (newstrace.nlp.confidence): a logistic score\n"
        "# over the grounds of each event. Written by scripts/calibrate_events.py on "
        f"{date.today().isoformat()}:\n"
        f"# {counts['gold']} events of the PLOVER gold records' fold A (right: type and actor\n"
        f"# match the record) and {counts['pages']} events of real pages read by a person\n"
        "# (right: type and main actor are what the text says), real pages weighted "
        f"{counts['weight']}x;\n# L2 {L2}; the intercept lowered so that labelled real-page events at 0.5 or\n"
        f"# above are right at least {TARGET:.0%} of the time. Refit after changing what the\n"
        "# events stage codes.\n\n[weights]\n")
    rows = "".join(f'"{name}" = {value:.4f}\n' if "." in name else f"{name} = {value:.4f}\n"
                   for name, value in model.items())
    out.write_text(header + rows, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=Path, required=True, help="../shared/eval/events")
    parser.add_argument("--pages", type=Path, required=True, help="../shared/eval/extraction/html")
    parser.add_argument("--labels", type=Path, required=True, help="labelled real-page events (JSONL)")
    parser.add_argument("--texts", type=Path, default=None,
                        help="news articles as clean text (../shared/eval/quotes/train/text), for "
                             "labels whose page is polnear/<file>")
    parser.add_argument("--geo", type=Path, default=None,
                        help="../shared/eval/geo, for labels whose page is lgl/<docid> or geovirus/<n>")
    parser.add_argument("--page-weight", type=float, default=3.0)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    gold = gold_examples(args.events)
    pages = page_examples(args.pages, args.labels, args.texts, args.geo)
    examples = gold + pages
    model = fit(examples, [1.0] * len(gold) + [args.page_weight] * len(pages))
    model["intercept"] += threshold_shift(pages, model)
    print(report(gold, model, "gold fold A"))
    print(report(pages, model, "real pages"))
    write(model, {"gold": len(gold), "pages": len(pages), "weight": args.page_weight}, args.out)
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
