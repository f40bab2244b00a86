"""Load on `newstrace serve`: requests per second and latency of the article and search
endpoints under 100 concurrent clients on loopback.

    .venv/bin/python bench/bench_server.py [--copies N] [--clients 100] [--requests N]
                                           [--seconds S] [--db PATH]

The server is `newstrace serve` in its own process on 127.0.0.1 (a free port), over a
SQLite store: the bundled examples analysed, plus --copies clones of their dossiers
(new ids and dates, the same text) so that search has a corpus of some size to rank. Or
an existing store with --db (read only; nothing is added to it).

The clients are --clients asyncio tasks in this process, each with its own kept-alive
HTTP/1.1 connection (a small client on asyncio streams: a general-purpose client's own
overhead would be measured along with the server's). Each endpoint gets a warm-up (200 requests), then a run
bounded both in count (--requests) and in time (--seconds), whichever ends first; the
server is stopped at the end. Every request goes to 127.0.0.1 only.

- article: GET /api/articles/{id}, cycling over the corpus's ids (the whole dossier)
- search:  GET /api/search?q=...&limit=20, cycling over a few queries (FTS5 + bm25 rank)

Latency is from sending the request to reading the whole body, as the client sees it
(so with 100 clients it includes waiting for a free server slot). The client shares
the machine with the server: on 2 cores it takes a good part of one.

A benchmark, not a test: run it by hand on a quiet machine.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import hashlib
import itertools
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from _serving import Connection, loopback, pct, start_server, wait_ready

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EXAMPLES = ROOT / "examples"
QUERIES = ["ferry corridor", "floods Kenya", "council budget", "Mekong dam data", "officials said",
           "harbour", "minister", "agreement"]
WARM_UP = 200


def build_store(path: str, copies: int) -> list[str]:
    import datetime as dt

    import newstrace
    from newstrace.store import StoredArticle, open_store

    store = open_store(path)
    originals = []
    for file in sorted(EXAMPLES.iterdir()):
        content = file.read_bytes()
        originals.append(newstrace.analyze(content, path=str(file)).to_dict())
    articles = [StoredArticle(d, hashlib.sha256(d["id"].encode()).hexdigest(), "examples") for d in originals]
    for i in range(copies):
        d = copy.deepcopy(originals[i % len(originals)])
        d["id"] = f"nt-bench{i:012x}"
        day = dt.date(2023, 1, 1) + dt.timedelta(days=i % 700)
        d["metadata"].update(url=None, published=day.isoformat(), title=f"{d['metadata']['title']} ({i})")
        articles.append(StoredArticle(d, hashlib.sha256(f"bench-{i}".encode()).hexdigest(), "bench"))
    for start in range(0, len(articles), 200):
        store.add(articles[start:start + 200])
    ids = [a.dossier["id"] for a in articles]
    store.close()
    return ids


def existing_ids(path: str, limit: int = 2000) -> list[str]:
    from newstrace.store import SearchFilters, open_store

    store = open_store(path)
    try:
        return [a.id for a in store.articles(SearchFilters(limit=min(limit, 500)))]
    finally:
        store.close()


async def load(base: str, paths: list[str], clients: int, requests: int, seconds: float) -> dict[str, Any]:
    connections = [Connection(*loopback(base)) for _ in range(clients)]
    latencies: list[float] = []
    errors = 0
    cycle = itertools.cycle(paths)

    async def run(count: int, deadline: float, record: bool) -> None:
        sent = 0

        async def worker(connection: Connection) -> None:
            nonlocal sent, errors
            while sent < count and time.perf_counter() < deadline:
                sent += 1
                start = time.perf_counter()
                status = await connection.get(next(cycle))
                if record:
                    latencies.append(time.perf_counter() - start)
                    errors += status != 200

        await asyncio.gather(*(worker(c) for c in connections))

    await run(WARM_UP, time.perf_counter() + 30, record=False)
    began = time.perf_counter()
    await run(requests, began + seconds, record=True)
    elapsed = time.perf_counter() - began
    for connection in connections:
        await connection.close()
    latencies.sort()

    return {"requests": len(latencies), "errors": errors, "seconds": round(elapsed, 2),
            "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": round(pct(latencies, 50), 1), "p95_ms": round(pct(latencies, 95), 1), "p99_ms": round(pct(latencies, 99), 1),
            "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000, help="clones of the examples added (default 1000)")
    parser.add_argument("--clients", type=int, default=100, help="concurrent clients (default 100)")
    parser.add_argument("--requests", type=int, default=5000, help="requests per endpoint, at most (default 5000)")
    parser.add_argument("--seconds", type=float, default=30.0, help="seconds per endpoint, at most (default 30)")
    parser.add_argument("--db", help="an existing store to read instead of building one")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 1000 and 1 <= args.requests <= 1_000_000 and 0 < args.seconds <= 600):
        parser.error("--clients 1..1000, --requests 1..1000000, --seconds up to 600")

    with tempfile.TemporaryDirectory() as folder:
        if args.db:
            db, ids = args.db, existing_ids(args.db)
            corpus = f"{len(ids)} articles sampled from {args.db}"
        else:
            db = os.path.join(folder, "bench.db")
            began = time.perf_counter()
            ids = build_store(db, args.copies)
            corpus = f"{len(ids)} articles (4 examples + {args.copies} copies), built in {time.perf_counter() - began:.0f} s"
        if not ids:
            raise SystemExit("the store is empty")
        process, base = start_server(db)
        try:
            asyncio.run(wait_ready(base))
            results = {}
            for name, paths in (("article", [f"/api/articles/{i}" for i in ids]),
                                ("search", [f"/api/search?q={q.replace(' ', '+')}&limit=20" for q in QUERIES])):
                results[name] = asyncio.run(load(base, paths, args.clients, args.requests, args.seconds))
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            if process.stderr:
                process.stderr.close()
    if args.json:
        print(json.dumps({"corpus": corpus, "clients": args.clients, **results}, indent=2))
        return 0
    print(f"{corpus}; {args.clients} concurrent clients on 127.0.0.1; one server process (uvicorn); "
          f"at most {args.requests} requests or {args.seconds:.0f} s per endpoint, after {WARM_UP} warm-up requests")
    print(f"  {'endpoint':<10}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, r in results.items():
        print(f"  {name:<10}{r['requests']:>9}{r['errors']:>8}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}"
              f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
