"""Throughput of `newstrace.analyze_many` beside the bare spaCy pipeline, in words per second.

    .venv/bin/python bench/bench_nlp.py [--texts N] [--repeat N] [--generated] [--stages]

Both run on the same texts, in this one process, after a warm-up (the model, the
language detector and the pipeline loaded): `analyze_many(texts, content_type="plain")`
against `nlp.pipe(texts, batch_size=...)` with the model newstrace itself loads and the
batch size newstrace gives it (Options.batch_size: batch size alone moves spaCy's speed
by 20-30% on these texts, so both get the same). The texts are the CoNLL-2003 dev
documents when ../shared/eval/ner exists, else (or with --generated) generated news-like
paragraphs. The ratio is what newstrace's stages around the model cost; target >= 0.70.
With --stages, the seconds spent in each of newstrace's stages are printed too.

A benchmark, not a test: run it by hand on a quiet machine.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from _stages import WARM_UP, timed

from newstrace import analyze_many
from newstrace.api import default_options, get_pipeline, make_work
from newstrace.evaluate.common import sample
from newstrace.nlp.model import bare_model

ROOT = Path(__file__).resolve().parent.parent
CONLL = ROOT.parent / "shared" / "eval" / "ner"
TARGET = 0.70

PEOPLE = ["Maria Okafor", "Tomas Lindqvist", "Aiko Tanaka", "Rahul Mehta", "Elena Petrova",
          "James Whitfield", "Fatima Haddad", "Lucas Moreau"]
ORGS = ["the World Bank", "Nordic Shipping Group", "the Ministry of Finance", "Reuters",
        "the European Commission", "Atlas Mining Corp", "the Red Cross", "Harbor Bank"]
PLACES = ["Lisbon", "Nairobi", "Hanoi", "Ottawa", "the Baltic Sea", "Lagos", "Bavaria", "Quito"]
SENTENCES = [
    "{person} of {org} said on {day} that talks in {place} would resume next week.",
    "Officials in {place} confirmed that {org} had agreed to a {n} million dollar loan.",
    "\"We are not there yet,\" {person} told reporters after meeting {person2} in {place}.",
    "{org} shares fell {n} percent after {person} warned of weaker demand in {place}.",
    "According to {org}, at least {n} people were evacuated from villages near {place}.",
    "{person2}, a spokesman for {org}, declined to comment on the report.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generated_texts(count: int, seed: int = 7) -> list[str]:
    """Deterministic news-like paragraphs (used when the CoNLL data is absent)."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            sentences = [rng.choice(SENTENCES).format(
                person=rng.choice(PEOPLE), person2=rng.choice(PEOPLE), org=rng.choice(ORGS),
                place=rng.choice(PLACES), day=rng.choice(DAYS), n=rng.randint(2, 90))
                for _ in range(rng.randint(2, 5))]
            paragraphs.append(" ".join(s[0].upper() + s[1:] for s in sentences))
        texts.append("\n\n".join(paragraphs))
    return texts


def load_texts(count: int | None, generated: bool = False) -> tuple[str, list[str]]:
    if not generated and (CONLL / "conllpp_dev.txt.gz").exists():
        from newstrace.evaluate.ner import load_documents

        documents = sample(load_documents(CONLL), count)
        return "CoNLL-2003 dev documents", [d.text for d in documents]
    return "generated paragraphs", generated_texts(count or 200)


def stage_seconds(texts: list[str]) -> dict[str, float]:
    """The pipeline run batch by batch as `Pipeline.pipe` runs it, each stage timed."""
    options = default_options()
    pipeline = get_pipeline(options)
    seconds = dict.fromkeys(pipeline.names, 0.0)
    for i in range(0, len(texts), options.batch_size):
        batch = [make_work(t, "plain", options=options) for t in texts[i:i + options.batch_size]]
        for stage in pipeline.stages:
            seconds[stage.name] += timed(lambda: stage.pipe(batch))
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=None,
                        help="number of texts (default: all CoNLL dev documents, or 200 generated)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="timed rounds; the best round of each system is kept")
    parser.add_argument("--generated", action="store_true",
                        help="use generated paragraphs even when the CoNLL data is there")
    parser.add_argument("--stages", action="store_true",
                        help="also print the seconds spent in each of newstrace's stages")
    args = parser.parse_args(argv)

    source, texts = load_texts(args.texts, args.generated)
    words = sum(len(t.split()) for t in texts)
    nlp = bare_model(default_options().spacy_model)
    batch_size = default_options().batch_size

    def ours() -> None:
        for _ in analyze_many(texts, content_type="plain"):
            pass

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass

    # Warm-up: model, language detector, pipeline and their caches, outside the timing.
    list(analyze_many(texts[:WARM_UP], content_type="plain"))
    list(nlp.pipe(texts[:WARM_UP], batch_size=batch_size))

    best = {"newstrace analyze_many": float("inf"), "bare spaCy nlp.pipe": float("inf")}
    for _ in range(args.repeat):
        best["bare spaCy nlp.pipe"] = min(best["bare spaCy nlp.pipe"], timed(bare))
        best["newstrace analyze_many"] = min(best["newstrace analyze_many"], timed(ours))

    meta = nlp.meta
    print(f"{len(texts)} texts ({source}), {words} words; model {meta.get('lang')}_"
          f"{meta.get('name')} {meta.get('version')}; batch size {batch_size}; one process; "
          f"best of {args.repeat}")
    rates = {}
    for name, seconds in best.items():
        rates[name] = words / seconds
        print(f"  {name:<24} {seconds:8.2f} s  {rates[name]:10.0f} words/s")
    ratio = rates["newstrace analyze_many"] / rates["bare spaCy nlp.pipe"]
    verdict = "meets" if ratio >= TARGET else "BELOW"
    print(f"  ratio newstrace / bare spaCy: {ratio:.2f} ({verdict} the {TARGET:.0%} target)")
    if args.stages:
        seconds = stage_seconds(texts)
        total = sum(seconds.values())
        print(f"  newstrace's stages, one more run ({total:.2f} s):")
        for name, spent in sorted(seconds.items(), key=lambda item: -item[1]):
            print(f"    {name:<16} {spent:8.2f} s  {spent / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
