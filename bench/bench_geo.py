"""Places: the gazetteer's cold start, and toponyms resolved per second by the `places` stage.

    .venv/bin/python bench/bench_geo.py [--texts N] [--repeat N] [--generated] [--skip-build]

(a) Cold start. In a fresh Python process each time: `import newstrace.geo.gazetteer`
    then `newstrace.geo.gazetteer.load_gazetteer()`, timed inside the process (import,
    load) and from outside (the whole process). Two runs with an empty, temporary
    NEWSTRACE_CACHE_DIR: the first builds the gazetteer and writes the cache, the second
    loads that cache (what every later process pays). The user's own cache is not touched.
    --skip-build times only a load from the user's cache instead.
(b) Throughput. `analyze_many(texts, content_type="plain")` on the geo evaluation texts
    (LGL and GeoVirus, ../shared/eval/geo; generated news-like paragraphs without it, or
    with --generated), with the default stages and with the same list less `places` (and
    any later stage that reads only what `places` adds), in this one process after a
    warm-up. The difference is what `places` costs; the stage is also timed alone, batch
    by batch as `Pipeline.pipe` runs it. Toponyms are the mentions of entities given a
    place in the full run; toponyms per second = toponyms / the stage's seconds.

A benchmark, not a test: run it by hand on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _stages import stage_seconds, with_and_without

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT.parent / "shared" / "eval" / "geo"
PLACES = "places"
NOT_YET = "gazetteer not available yet"

# Run in a fresh interpreter: prints one JSON line (or `missing` when there is no gazetteer).
COLD_START = r"""
import json, time
started = time.perf_counter()
try:
    import newstrace.geo.gazetteer as gazetteer
    load = gazetteer.load_gazetteer
except (ImportError, AttributeError) as exc:
    print(json.dumps({"missing": f"{type(exc).__name__}: {exc}"}))
    raise SystemExit(0)
imported = time.perf_counter()
try:   # was there a cache for this gazetteer's fingerprint before the load?
    cached = (gazetteer.cache_dir() / f"gazetteer-{gazetteer.fingerprint()}.pickle").exists()
except Exception:
    cached = None
imported = time.perf_counter()
loaded = load()
done = time.perf_counter()
size = None
for attribute in ("entries", "names"):
    try:
        size = len(getattr(loaded, attribute))
        break
    except (AttributeError, TypeError):
        pass
print(json.dumps({"import": imported - started, "load": done - imported, "entries": size,
                  "cached": cached}))
"""


def cold_start(cache: str | None) -> dict | None:
    """One fresh process importing and loading the gazetteer; None when it failed."""
    environment = dict(os.environ)
    if cache is not None:
        environment["NEWSTRACE_CACHE_DIR"] = cache
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True,
                            env=environment, cwd=ROOT)
    wall = time.perf_counter() - started
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        print(f"  the process failed (status {result.returncode}): "
              f"{result.stderr.strip().splitlines()[-1:] or ['no output']}")
        return None
    figures = json.loads(lines[-1])
    figures["process"] = wall
    return figures


def report_cold_start(skip_build: bool) -> bool:
    """Print the cold-start figures; False when there is no gazetteer yet."""
    print("(a) gazetteer cold start, fresh processes")
    runs: list[tuple[str, str | None]] = []
    with tempfile.TemporaryDirectory(prefix="newstrace-cache-") as temporary:
        if skip_build:
            runs.append(("load from the user's cache", None))
        else:
            runs += [("build (empty cache)", temporary), ("load (cache written by the build)",
                                                          temporary)]
        for label, cache in runs:
            figures = cold_start(cache)
            if figures is None:
                return False
            if "missing" in figures:
                print(f"  {NOT_YET} ({figures['missing']})")
                return False
            entries = f", {figures['entries']} entries" if figures.get("entries") else ""
            how = {True: ", from the cache", False: ", built", None: ""}[figures.get("cached")]
            print(f"  {label:<36} import {figures['import']:6.2f} s  load {figures['load']:6.2f} s"
                  f"  whole process {figures['process']:6.2f} s{entries}{how}")
    return True


def load_texts(count: int | None, generated: bool) -> tuple[str, list[str]]:
    from newstrace.evaluate.common import sample

    if not generated and (GEO / "lgl.xml.gz").exists():
        from newstrace.evaluate.geo import load_articles

        articles = [a for items in load_articles(GEO).values() for a in items]
        return "LGL and GeoVirus articles", [a.text for a in sample(articles, count)]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_nlp import generated_texts

    return "generated paragraphs", generated_texts(count or 200)


def report_throughput(count: int | None, repeat: int, generated: bool) -> None:
    from newstrace.stages import DEFAULT_STAGES

    print("(b) toponyms resolved per second")
    if PLACES not in DEFAULT_STAGES:
        print(f"  the default stages have no {PLACES!r} stage yet: nothing to time")
        return
    source, texts = load_texts(count, generated)
    words = sum(len(t.split()) for t in texts)
    best, dossiers, dropped, full = with_and_without(texts, PLACES, repeat)
    entities = [e for d in dossiers if not isinstance(d, Exception) for e in d.entities
                if e.place is not None]
    toponyms = sum(len(e.mentions) for e in entities)
    failures = sum(isinstance(d, Exception) for d in dossiers)
    alone, _ = stage_seconds(texts, full, PLACES)
    difference = best["with"] - best["without"]
    print(f"  {len(texts)} texts ({source}), {words} words; one process; best of {repeat}"
          + (f"; {failures} failed" if failures else ""))
    print(f"  toponyms placed: {toponyms} mentions of {len(entities)} entities")
    print(f"  analyze_many, default stages       {best['with']:8.2f} s")
    print(f"  analyze_many, without {', '.join(dropped):<13}{best['without']:8.2f} s")
    print(f"  places, by difference              {difference:8.2f} s  "
          + (f"{toponyms / difference:10.0f} toponyms/s" if difference > 0 else "(within noise)"))
    print(f"  places, the stage timed alone      {alone:8.2f} s  "
          + (f"{toponyms / alone:10.0f} toponyms/s" if alone > 0 else ""))
    print(f"  share of the pipeline's time: {alone / best['with']:.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=None,
                        help="number of texts (default: all 817 geo articles, or 200 generated)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="timed rounds; the best round of each pipeline is kept")
    parser.add_argument("--generated", action="store_true",
                        help="use generated paragraphs even when the geo data is there")
    parser.add_argument("--skip-build", action="store_true",
                        help="cold start: only load the user's cache, do not time a build")
    args = parser.parse_args(argv)
    if report_cold_start(args.skip_build):
        report_throughput(args.texts, args.repeat, args.generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
