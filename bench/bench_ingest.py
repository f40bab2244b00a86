"""Ingest throughput against bare analysis, on all cores, in one run.

    .venv/bin/python bench/bench_ingest.py [--articles 1000] [--workers 2] [--db PATH]

Builds a corpus of at least --articles articles in a temporary folder: the PolNeAR
texts of ../shared/eval/quotes when present (English news), else generated ones, plus
reprinted and partly copied versions of some of them (so that lineage has work). Then
it times (a) the bare analysis of every article on the same process pool, with no
store, (b) `newstrace ingest` of the folder into a fresh store, and (a) again, and
reports the articles per second of each and the store's share of the time against the
mean of the two bare runs (target: under 15%). Running the bare analysis before and
after makes a machine that grows busier or quieter during the run show as a gap
between the two. The CPU the ingest's own process spends (reading, hashing, receiving
dossiers, lineage, the store) is reported beside the CPU of its analysis workers: the
store's cost that does not depend on what else the machine is doing. Last, the same
texts as whole scraped pages (a menu and a footer around each) in one Common Crawl WET
file, ingested into another store: its articles per second.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from newstrace.config import Options
from newstrace.corpus.ingest import IngestJob, _done, ingest
from newstrace.inputs import content_hash, iter_records
from newstrace.runner import run
from newstrace.store import open_store

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "quotes"


def build_corpus(folder: Path, wanted: int) -> int:
    texts = sorted(SHARED.glob("*/text/*.txt")) if SHARED.exists() else []
    written = 0
    for path in texts:
        (folder / f"{written:05d}.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        written += 1
    base = list(folder.glob("*.txt"))
    number = 0
    while written < wanted or number < max(50, wanted // 10):
        if base:
            source = base[number % len(base)].read_text(encoding="utf-8")
            paragraphs = source.split("\n\n")
            copy = ("Republished story\n\n" + source) if number % 2 else "\n\n".join(paragraphs[: max(2, len(paragraphs) // 2)])
        else:
            copy = (f"Harbour works begin in town {number}\n\nWorkers began repairing the harbour wall "
                    f"on Monday, the council of town {number} said. The project will cost {number} "
                    "million euros, officials said, and take two years.")
        (folder / f"copy-{number:05d}.txt").write_text(copy, encoding="utf-8")
        written += 1
        number += 1
    return written


def bare_rate(folder: Path, workers: int, batch: int) -> tuple[int, float]:
    """Analysis alone, on the same runner and with the same worker-side work (dossier dict,
    fingerprint) as ingest, without the store."""
    options = Options()
    jobs = [IngestJob(r.content, r.content_type, r.url, r.published, r.path or r.key, r.key,
                      content_hash(r.content), r.origin)
            for r in iter_records([str(folder)], options.max_input_bytes) if hasattr(r, "content")]
    started = time.perf_counter()
    done = sum(len(c) for c in run(jobs, options, _done, workers=workers, chunk_size=batch))
    return done, time.perf_counter() - started


def write_wet(folder: Path, path: Path) -> int:
    """The corpus's texts as one Common Crawl WET file: each text as a whole page would be
    scraped, between a menu and a footer, in a conversion record."""
    import io

    from warcio.warcwriter import WARCWriter

    menu = "\n".join(["* Home", "* News", "* Sport", "* Business", "* Opinion", "* Contact"])
    footer = "\n".join(["More stories", "* Council delays vote", "* Storm warning for the coast",
                         "* Team wins final", "© 2024 Example News. All rights reserved."])
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    count = 0
    for count, text_path in enumerate(sorted(folder.glob("*.txt")), start=1):
        body = f"{menu}\n{text_path.read_text(encoding='utf-8')}\n{footer}\n".encode("utf-8")
        writer.write_record(writer.create_warc_record(
            f"https://news.example.org/{text_path.stem}", "conversion", payload=io.BytesIO(body),
            length=len(body), warc_headers_dict={"Content-Type": "text/plain"}))
    path.write_bytes(buffer.getvalue())
    return count


def children_cpu() -> float:
    """CPU seconds of this process's finished children (the pools' workers, once shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newstrace-bench-"))
    try:
        total = build_corpus(folder, args.articles)
        print(f"{total} articles ({'PolNeAR texts and copies' if SHARED.exists() else 'generated'}), "
              f"{args.workers} workers, batches of {args.batch_size}")
        analysed, before = bare_rate(folder, args.workers, args.batch_size)
        print(f"  bare analysis            {before:8.1f} s  {analysed / before:7.2f} articles/s")
        # The store beside the articles, not among them: ingest would read its files too.
        store = open_store(args.db or str(folder.with_name(folder.name + ".db")))
        own, workers = time.process_time(), children_cpu()
        summary = ingest([str(folder)], store, Options(), workers=args.workers,
                         batch_size=args.batch_size, stories=False)
        own, workers = time.process_time() - own, children_cpu() - workers
        rate = (summary.stored + summary.replaced) / summary.seconds
        print(f"  ingest into the store    {summary.seconds:8.1f} s  {rate:7.2f} articles/s "
              f"({summary.stored} stored, {summary.linked} copies linked, {summary.failed} failed)")
        for key, message in summary.failures[:10]:
            print(f"    failed: {message[:150]}")
        analysed, after = bare_rate(folder, args.workers, args.batch_size)
        print(f"  bare analysis again      {after:8.1f} s  {analysed / after:7.2f} articles/s")
        bare = analysed / ((before + after) / 2)
        print(f"  store's share of ingest time: {1 - rate / bare:.1%} against the mean bare rate "
              f"{bare:.2f} articles/s (target: under 15%)")
        share = f" ({own / workers:.1%} of the analysis)" if workers else " (one process: no workers)"
        print(f"  CPU: the ingest's own process {own:.1f} s, its analysis workers {workers:.1f} s{share}")
        started = time.perf_counter()
        from newstrace.corpus.assign import cluster_store

        stories = cluster_store(store)
        print(f"  same-story clustering of the store: {time.perf_counter() - started:.1f} s, "
              f"{stories} stories")
        store.close()
        # The same texts as whole scraped pages in a Common Crawl WET file.
        wet = folder.with_name(folder.name + ".warc.wet.gz")
        pages = write_wet(folder, wet)
        store = open_store(str(folder.with_name(folder.name + "-wet.db")))
        summary = ingest([str(wet)], store, Options(), workers=args.workers,
                         batch_size=args.batch_size, stories=False)
        print(f"  ingest of a WET file     {summary.seconds:8.1f} s  "
              f"{(summary.stored + summary.replaced) / summary.seconds:7.2f} articles/s "
              f"({pages} conversion records, {summary.stored} stored, {summary.failed} failed)")
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        for suffix in (".db", ".db-wal", ".db-shm", "-wet.db", "-wet.db-wal", "-wet.db-shm",
                       ".warc.wet.gz"):
            folder.with_name(folder.name + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
