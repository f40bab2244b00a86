"""Events: what the `actors` and `events` stages add to analysis time (target: under 5%).

    .venv/bin/python bench/bench_events.py [--texts N] [--repeat N] [--generated]

`analyze_many(texts, content_type="plain")` on news texts (the PolNeAR articles,
../shared/eval/quotes/*/text/*.txt; generated news-like paragraphs without them, or with
--generated), in this one process after a warm-up, with the default stages
(`newstrace.stages.DEFAULT_STAGES`) and with the same list less `actors` and `events` (and
any later stage that would then lack something it reads), through `Options(stages=...)`;
the best of --repeat rounds of each. The added share is (with - without) / without. As
that difference is small beside the whole pipeline and noisy, the two stages are also
timed alone, batch by batch as `Pipeline.pipe` runs them, and their share given against
the rest of that run. When there is no `events` stage yet, it says so and exits with
status 0.

A benchmark, not a test: run it by hand on a quiet machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _stages import stage_seconds, with_and_without

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "quotes"
EVENTS = ("actors", "events")   # coding events: the actors' codes and agents, then events
TARGET = 0.05


def load_texts(count: int | None, generated: bool) -> tuple[str, list[str]]:
    from newstrace.evaluate.common import sample

    paths = sorted(POLNEAR.glob("*/text/*.txt")) if not generated else []
    if paths:
        texts = [p.read_text(encoding="utf-8") for p in sample(paths, count)]
        return "PolNeAR articles", texts
    sys.path.insert(0, str(BENCH))
    from bench_nlp import generated_texts

    return "generated paragraphs", generated_texts(count or 200)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=None,
                        help="number of texts (default: all 924 PolNeAR articles, or 200 "
                             "generated)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="timed rounds; the best round of each pipeline is kept")
    parser.add_argument("--generated", action="store_true",
                        help="use generated paragraphs even when the PolNeAR texts are there")
    args = parser.parse_args(argv)

    from newstrace.pipeline import registered
    from newstrace.stages import DEFAULT_STAGES

    if not set(EVENTS) <= set(DEFAULT_STAGES) or not set(EVENTS) <= set(registered()):
        print(f"no {' and '.join(EVENTS)} stages in the default stages yet: nothing to time")
        return 0
    source, texts = load_texts(args.texts, args.generated)
    words = sum(len(t.split()) for t in texts)
    best, dossiers, dropped, full = with_and_without(texts, EVENTS, args.repeat)
    done = [d for d in dossiers if not isinstance(d, Exception)]
    events = sum(len(d.events) for d in done)
    alone, total = stage_seconds(texts, full, EVENTS)
    difference = best["with"] - best["without"]
    added = difference / best["without"]
    added_alone = alone / (total - alone) if total > alone else float("inf")

    def verdict(share: float) -> str:
        return "meets" if share < TARGET else "ABOVE"

    print(f"{len(texts)} texts ({source}), {words} words; one process; best of {args.repeat}"
          + (f"; {len(dossiers) - len(done)} failed" if len(done) < len(dossiers) else ""))
    print(f"  events coded: {events} ({events / max(len(done), 1):.1f} a text)")
    print(f"  analyze_many, default stages          {best['with']:8.2f} s")
    print(f"  analyze_many, without {', '.join(dropped):<16}{best['without']:8.2f} s")
    print(f"  actors+events, by difference          {difference:8.2f} s  "
          + (f"added {added:6.1%} ({verdict(added)} the under-{TARGET:.0%} target)"
             if difference > 0 else "(within noise)"))
    print(f"  actors+events, timed alone            {alone:8.2f} s  added {added_alone:6.1%} "
          f"of the other stages' {total - alone:.2f} s ({verdict(added_alone)} the target)"
          + (f"; {events / alone:.0f} events/s" if alone > 0 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
