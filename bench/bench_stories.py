"""Incremental story assignment: the cost of placing 1,000 new articles into stores of
10,000 and of 50,000 articles.

    .venv/bin/python bench/bench_stories.py [--sizes 10000,50000] [--new 1000]
        [--cache /tmp/nt/bench-stories] [--rebuild] [--full-upto 10000]

The articles are generated as `bench_load.py` generates them: a few hundred varied news
articles written from templates and analysed by the real pipeline, from which the store's
articles are derived with their own ids, dates (spread over three years), publishers and
a paragraph of Zipf-distributed made-up words. Each store is built once through the
store's API (`store.add`), its stories placed as a whole clustering places them (the
anchors of every article written, nothing pending), and cached under --cache as a SQLite
file; a copy of it is what each run adds to.

Timed: `newstrace.corpus.assign.cluster_store(store)` after `store.add` of --new further
derived articles (new ids, dates in the same three years), that is the work an ingest
does after storing them: finding candidates by anchors, reading their dossiers and those
of their stories, clustering them, and writing the stories. Also reported: how many
stored articles were compared. For contrast, with --full-upto, the whole clustering
(`cluster_store(store, full=True)`) of the stores up to that size.

The claim it checks: the cost grows with the new articles, not with the store (the 50,000
store should take about as long as the 10,000 one, not five times as long). It also
counts the new reports of a stored burst that joined their burst's story, and the
reports of a burst of their own that stayed alone. The second is no measure of
precision: generated texts share their templates' words, so a report of another base,
with the same city or people, published within the window, often scores as the same
story (on real pages, see `newstrace eval samestory --feed`).

A benchmark, not a test: run it by hand, on a quiet machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_load import BASES, SEED, analysed_bases, derived, vocabulary

FIRST_DAY = dt.date(2022, 1, 1)
DAYS = 1100
PER_STORY = 5


def generated(stock: int, new: int) -> tuple[list[dict], list[dict]]:
    """`stock` derived articles for the stores and `new` ones to add (the same every run).
    Derived article k of a base is in that base's burst k // PER_STORY: the bursts of a
    base are its stories, PER_STORY reports a day apart at a date of their own. The new
    articles are reports of bursts the smallest store already has (each joins a story)
    and of bursts no store has (they make stories of their own, or stay alone)."""
    rng = random.Random(SEED)
    bases = analysed_bases(BASES, rng)
    words = vocabulary(rng)
    articles = list(derived(bases, stock + new, random.Random(SEED + 1), words))
    for number, d in enumerate(articles):
        base, copy = number % BASES, number // BASES
        if number >= stock:      # half into the first bursts, half into bursts of their own
            copy = (number - stock) // BASES % PER_STORY if number % 2 else 10_000 + number
        burst = copy // PER_STORY
        day = FIRST_DAY + dt.timedelta(days=_spread(base, burst) + copy % PER_STORY)
        d["id"] = f"nt-story{number:07d}"
        d["metadata"]["published"] = day.isoformat()
    return articles[:stock], articles[stock:]


def _spread(base: int, burst: int) -> int:
    digest = hashlib.sha256(f"{base}/{burst}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % DAYS


def stored(articles: list[dict]) -> list:
    from newstrace.store import StoredArticle

    return [StoredArticle(d, hashlib.sha256(d["id"].encode()).hexdigest(), "bench-stories")
            for d in articles]


def build(path: Path, size: int, articles: list[dict]) -> None:
    """A store of `size` articles whose stories are placed (nothing pending)."""
    from newstrace.corpus import assign
    from newstrace.corpus.stories import story_features
    from newstrace.store import open_store

    began = time.perf_counter()
    store = open_store(str(path))
    try:
        for start in range(0, size, 500):
            store.add(stored(articles[start:start + 500]))
        # The stories of the whole store: each base's bursts (a whole clustering of
        # 50,000 would take far longer than the benchmark); the anchors as a clustering
        # writes them.
        features = {d["id"]: story_features(d) for d in articles[:size]}
        ids = [d["id"] for d in articles[:size]]
        groups = []
        for base in range(BASES):
            members = ids[base::BASES]
            groups += [members[k:k + PER_STORY] for k in range(0, len(members), PER_STORY)]
        store.set_stories(groups, anchors={i: assign.anchors_of(f) for i, f in features.items()})
        assert store.count() == size and store.unclustered() == 0
    finally:
        store.close()
    print(f"  built a store of {size} in {time.perf_counter() - began:.0f} s", file=sys.stderr)


def run(path: Path, new: list[dict], full: bool) -> dict:
    from newstrace.corpus import assign
    from newstrace.store import open_store

    work = path.with_suffix(".run.db")
    shutil.copyfile(path, work)
    store = open_store(str(work))
    compared: list[int] = []
    try:
        store.add(stored(new))
        real = assign.candidates

        def counting(store_, new_):
            found = real(store_, new_)
            compared.append(len(set().union(*found.values())) if found else 0)
            return found

        assign.candidates = counting
        began = time.perf_counter()
        assign.cluster_store(store)
        incremental = time.perf_counter() - began
        assign.candidates = real
        placed = _placed_right(store, new)
        whole = None
        if full:
            began = time.perf_counter()
            assign.cluster_store(store, full=True)
            whole = time.perf_counter() - began
        return {"incremental": incremental, "compared": compared[0] if compared else 0, "full": whole,
                "placed": placed}
    finally:
        store.close()
        work.unlink(missing_ok=True)


def _placed_right(store, new: list[dict]) -> str:
    """How many new reports of a stored burst joined its story, and how many reports of a
    burst of their own stayed out of every story."""
    from sqlalchemy import select

    from newstrace.store import schema

    with store.engine.connect() as connection:
        story = dict(connection.execute(select(schema.articles.c.id, schema.articles.c.story_id)).all())
    joined = alone = 0
    for number, d in enumerate(new):
        if number % 2:
            base = int(d["id"][len("nt-story"):]) % BASES
            mates = [i for i, s in story.items() if s is not None and s == story.get(d["id"])
                     and int(i[len("nt-story"):]) % BASES == base and i != d["id"]]
            joined += bool(mates)
        else:
            alone += story.get(d["id"]) is None
    return f"{joined}/{len(new) // 2} joined their story, {alone}/{(len(new) + 1) // 2} of their own stayed alone"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--cache", default="/tmp/nt/bench-stories")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--full-upto", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    stock, new = generated(max(sizes), args.new)
    rows = []
    for size in sizes:
        path = cache / f"stories-{size}.db"
        if args.rebuild or not path.exists():
            path.unlink(missing_ok=True)
            build(path, size, stock)
        result = run(path, new, full=size <= args.full_upto)
        rows.append((size, result))
        full = f", whole store {result['full']:.1f} s" if result["full"] is not None else ""
        print(f"store {size:>6}: {args.new} new articles placed in {result['incremental']:.1f} s "
              f"({result['compared']} stored candidates; {result['placed']}){full}", flush=True)
    if len(rows) > 1:
        (small, a), (large, b) = rows[0], rows[-1]
        print(f"store {large // small}x larger: incremental time x{b['incremental'] / a['incremental']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
