"""Load on `newstrace serve` over 10,000 articles, on SQLite and on PostgreSQL.

    .venv/bin/python bench/bench_load.py [--articles 10000] [--clients 100] [--seconds 60]
        [--backends sqlite,postgresql] [--postgres URL] [--report /tmp/nt/load_report.md]
        [--cache /tmp/nt/bench-load] [--rebuild]

The corpus is generated, not copied from anywhere: a few hundred varied news articles
(cities, people, organisations, quotes, claims, events) written from templates are
analysed by the real pipeline, then 10,000 articles are derived from them with their own
ids, titles, dates, publishers and URLs, and a paragraph of Zipf-distributed words
appended to each text (so full-text search has common words matching thousands of
articles and rare ones matching a few; the analysed spans keep their offsets). They go in
through the store's API (`store.add`), with same-story clusters. The stores are cached
under --cache (SQLite: a file; PostgreSQL: a database named after the corpus on the
server of --postgres, by default $NEWSTRACE_TEST_POSTGRES_URL): a rerun only loads.

The server is `newstrace serve --rate-limit 0` in its own process on 127.0.0.1: one
uvicorn process, the handlers in its thread pool (`serve` has no workers option; on two
cores a second process would take its CPU from the client). The rate limit is OFF for the
benchmark: 100 clients from one address would be one client far over its limit.

The clients are --clients asyncio tasks in this process, each with its own kept-alive
HTTP/1.1 connection, written on asyncio streams so that the client costs little (its CPU
is reported, and so are the server's and PostgreSQL's). Requests, mixed at random with a
fixed seed: 40% GET /api/articles/{id} (the whole dossier), 45% GET /api/search with one
to three words and, often, filters (publisher, dates, entity, place, event type, story,
a later page), 15% GET /api/articles with filters. A 5-second warm-up, then --seconds of
measured load, bounded also by --max-requests; every request goes to 127.0.0.1 only.

Reported per store: requests a second, p50 and p99 latency (overall and per kind),
errors (anything but 200; the run fails when there is one), the server's resident memory
before and after (and its peak), CPU, and the load average of the machine before the run
(other work on the machine slows everything: with a 1-minute load average above
--max-load the run waits up to three minutes for it to fall, then goes ahead and says so).

A benchmark, not a test: run it by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import datetime as dt
import hashlib
import json
import os
import random
import resource
import statistics
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from _serving import Connection, loopback, pct, start_server, stop_server, wait_ready

CORPUS_VERSION = 1          # change when the generator changes: the caches are rebuilt
SEED = 20241125
BASES = 300                 # articles analysed by the pipeline; the rest are derived
WARM_UP_SECONDS = 5.0

# -- the generated corpus --------------------------------------------------------------------

CITIES = [("Nairobi", "Kenya"), ("Athens", "Greece"), ("Ankara", "Turkey"), ("Lisbon", "Portugal"),
          ("Oslo", "Norway"), ("Lima", "Peru"), ("Hanoi", "Vietnam"), ("Manila", "the Philippines"),
          ("Dakar", "Senegal"), ("Accra", "Ghana"), ("Warsaw", "Poland"), ("Madrid", "Spain"),
          ("Cairo", "Egypt"), ("Jakarta", "Indonesia"), ("Ottawa", "Canada"), ("Bogota", "Colombia"),
          ("Santiago", "Chile"), ("Helsinki", "Finland"), ("Dublin", "Ireland"), ("Vienna", "Austria"),
          ("Prague", "the Czech Republic"), ("Bangkok", "Thailand"), ("Kampala", "Uganda"),
          ("Lusaka", "Zambia"), ("Tunis", "Tunisia"), ("Quito", "Ecuador"), ("Riga", "Latvia"),
          ("Valletta", "Malta"), ("Tbilisi", "Georgia"), ("Montevideo", "Uruguay")]
FIRST = ["Amina", "Jonas", "Maria", "Kofi", "Elena", "Tomasz", "Lucia", "Ahmed", "Ingrid", "Rafael",
         "Nadia", "Pedro", "Sofia", "Daniel", "Grace", "Mehmet", "Hanna", "Carlos", "Leila", "Viktor"]
LAST = ["Odhiambo", "Papadakis", "Yilmaz", "Ferreira", "Haugen", "Quispe", "Nguyen", "Santos",
        "Diop", "Mensah", "Kowalski", "Garcia", "Mansour", "Wibowo", "Tremblay", "Rojas", "Virtanen",
        "Byrne", "Gruber", "Novak"]
ROLES = ["Foreign Minister", "Interior Minister", "Finance Minister", "Mayor", "President",
         "Health Minister", "Trade Minister", "opposition leader"]
ORGS = ["the World Bank", "the Red Cross", "the United Nations", "the European Commission",
        "Amnesty International", "the African Union", "the central bank", "the port authority",
        "the national railway", "the electoral commission", "the fishermen's union", "the audit office"]
TOPICS = ["ferry corridor", "harbour budget", "flood defences", "grain exports", "gas pipeline",
          "fishing quotas", "vaccine programme", "teachers' strike", "dam project", "election law",
          "water tariffs", "border crossing", "wind farm", "rail link", "fuel subsidies"]
EVENTS = ["signed an agreement on the {topic} with {org}", "met officials of {org} to discuss the {topic}",
          "accused {org} of delaying the {topic}", "rejected the demands of {org} over the {topic}",
          "promised aid for the {topic}", "threatened to suspend the {topic}",
          "demanded an inquiry into the {topic}", "protested against the {topic}"]
OUTLETS = ["Reuters", "AFP", "the Associated Press", "Anadolu Agency", "EFE", "Xinhua"]
PUBLISHERS = [f"{a} {b}" for a in ("Morning", "Evening", "Daily", "Weekly", "Coastal", "Capital",
                                     "Northern", "Southern") for b in ("Courier", "Herald", "Gazette", "Post",
                                                                        "Ledger")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def base_article(rng: random.Random, index: int) -> tuple[str, str]:
    """One news article written from templates, and its publication date."""
    city, country = rng.choice(CITIES)
    other_city, _ = rng.choice(CITIES)
    day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1000))
    topic, org, speaker, second = rng.choice(TOPICS), rng.choice(ORGS), person(rng), person(rng)
    role, outlet = rng.choice(ROLES), rng.choice(OUTLETS)
    event = rng.choice(EVENTS).format(topic=topic, org=org)
    sentences = [
        f"{city}, {day.day} {day:%B} {day.year}. {role} {speaker} {event} on {rng.choice(WEEKDAYS)}, "
        f"{outlet} reported, citing two officials.",
        f'"This is a good day for {country}," said {speaker}. "We will not wait any longer for the {topic}."',
        f"{second}, a spokesperson for {org}, told reporters in {other_city} that the {topic} could cost "
        f"{rng.randrange(2, 900)} million dollars.",
        f"According to {rng.choice(ORGS)}, the {topic} may be delayed until {day.year + 1}.",
        f"Police arrested {rng.randrange(2, 40)} protesters near the parliament in {city} on "
        f"{rng.choice(WEEKDAYS)}, the interior ministry said.",
        f"The talks in {other_city} ended without a deal, officials said.",
    ]
    rng.shuffle(sentences[1:])
    keep = sentences[:1] + sentences[1:1 + rng.randrange(3, 6)]
    paragraphs = [" ".join(keep[i:i + 2]) for i in range(0, len(keep), 2)]
    return "\n\n".join(paragraphs), day.isoformat()


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    """Made-up words, most common first (they are drawn Zipf-like)."""
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "dur", "pel", "qui", "zan", "bri", "ost", "ul",
                 "fen", "gar", "hin", "jor", "nex", "pry", "sol", "tem", "wix", "yar", "zed"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randrange(2, 4))))
    return sorted(words, key=lambda w: hashlib.sha256(w.encode()).hexdigest())


class Zipf:
    """Draws words with probability about 1/rank: a few very common, most rare."""

    def __init__(self, words: list[str], rng: random.Random) -> None:
        self.words, self.rng = words, rng
        self.weights = [1 / (rank + 1) for rank in range(len(words))]

    def draw(self, k: int) -> list[str]:
        return self.rng.choices(self.words, weights=self.weights, k=k)


@dataclass
class Corpus:
    """What the load needs to know of the corpus: ids and the values to filter by."""

    ids: list[str]
    publishers: list[str]
    entities: list[str]
    places: list[str]
    event_types: list[str]
    stories: int
    words: list[str]
    first_day: str
    last_day: str


def analysed_bases(count: int, rng: random.Random) -> list[dict[str, Any]]:
    import newstrace

    texts = [base_article(rng, i) for i in range(count)]
    return [newstrace.analyze(text, content_type="plain", published=day).to_dict() for text, day in texts]


def derived(bases: list[dict[str, Any]], count: int, rng: random.Random, words: list[str]) -> Iterator[dict[str, Any]]:
    """`count` articles from the analysed ones: new id, title, date, publisher, URL, and a
    paragraph of generated words after the text (the analysed spans stay where they were)."""
    zipf = Zipf(words, rng)
    for i in range(count):
        d = copy.deepcopy(bases[i % len(bases)])
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1100))
        publisher = PUBLISHERS[i % len(PUBLISHERS)]
        extra = " ".join(zipf.draw(rng.randrange(40, 90))) + "."
        d["id"] = f"nt-load{i:07d}"
        d["text"] = d["text"] + "\n\n" + extra
        d["metadata"].update(title=f"{rng.choice(TOPICS).capitalize()}: {' '.join(zipf.draw(4))} ({i})",
                             publisher=publisher, published=day.isoformat(),
                             url=f"https://{publisher.lower().replace(' ', '-')}.example/{day:%Y/%m}/{i}")
        d["sources"]["chain"] = [{"name": publisher, "relation": "publisher", "entity": None},
                                 *d["sources"]["chain"]]
        yield d


def facts(bases: list[dict[str, Any]], count: int, words: list[str], stories: int) -> Corpus:
    entities = sorted({e["name"] for d in bases for e in d["entities"] if e["type"] in ("PERSON", "ORG")})
    places = sorted({e["name"] for d in bases for e in d["entities"] if e.get("place")})
    types = sorted({ev["type"] for d in bases for ev in d["events"]})
    return Corpus(ids=[f"nt-load{i:07d}" for i in range(count)], publishers=PUBLISHERS, entities=entities,
                  places=places, event_types=types, stories=stories, words=words,
                  first_day="2022-01-01", last_day="2025-01-05")


def build(url: str, count: int) -> Corpus:
    """Generate the corpus into the (empty) store at `url`, through the store's API."""
    from newstrace.store import StoredArticle, open_store

    rng = random.Random(SEED)
    began = time.perf_counter()
    bases = analysed_bases(min(BASES, count), rng)
    print(f"  analysed {len(bases)} generated articles in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    words = vocabulary(rng)
    store = open_store(url)
    try:
        batch: list[StoredArticle] = []
        clusters: list[list[str]] = []
        for d in derived(bases, count, rng, words):
            batch.append(StoredArticle(d, hashlib.sha256(d["id"].encode()).hexdigest(), "bench-load"))
            if len(batch) == 500:
                store.add(batch)
                batch = []
        if batch:
            store.add(batch)
        # Stories: the articles derived from one analysed article, five at a time.
        for base in range(len(bases)):
            members = [f"nt-load{i:07d}" for i in range(base, count, len(bases))]
            clusters += [members[k:k + 5] for k in range(0, len(members), 5) if len(members[k:k + 5]) > 1]
        store.set_stories(clusters)
        assert store.count() == count, store.count()
    finally:
        store.close()
    print(f"  stored {count} articles in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return facts(bases, count, words, len(clusters))


def cached_corpus(backend: str, count: int, cache: Path, postgres: str | None, rebuild: bool) -> tuple[str, Corpus]:
    """The store's URL and what it holds, built once and kept: a file under `cache`, or a
    database on the PostgreSQL server (the facts are kept beside, in JSON)."""
    name = f"nt_load_v{CORPUS_VERSION}_{count}"
    cache.mkdir(parents=True, exist_ok=True)
    known = cache / f"{name}.{backend}.json"
    if backend == "sqlite":
        url = str(cache / f"{name}.db")
        exists = Path(url).exists()
    else:
        if not postgres:
            raise SystemExit("PostgreSQL: give --postgres postgresql://... or set NEWSTRACE_TEST_POSTGRES_URL "
                             "(scripts/postgres.sh start prints one)")
        url = postgres.rsplit("/", 1)[0] + "/" + name
        exists = _postgres_database(postgres, name, create=False)
    if exists and known.exists() and not rebuild and _count(url) == count:
        return url, Corpus(**json.loads(known.read_text()))
    print(f"building the {backend} corpus of {count} articles ({url}) ...", file=sys.stderr)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(url + suffix).unlink(missing_ok=True)
    else:
        _postgres_database(postgres, name, create=True)
    corpus = build(url, count)
    known.write_text(json.dumps(corpus.__dict__))
    return url, corpus


def _count(url: str) -> int:
    from newstrace.store import open_store

    store = open_store(url)
    try:
        return store.count()
    finally:
        store.close()


def _postgres_database(server: str, name: str, create: bool) -> bool:
    """Whether the database is there; with `create`, a fresh empty one (dropped first)."""
    import psycopg

    admin = server.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        there = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None
        if create:
            # A name made here of a constant and a number: identifiers cannot be bound parameters.
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    return there


# -- the requests ------------------------------------------------------------------------------


def request_mix(corpus: Corpus, count: int, seed: int = SEED) -> list[tuple[str, str]]:
    """(kind, path) for `count` requests, drawn once with a fixed seed."""
    rng = random.Random(seed)
    zipf = Zipf(corpus.words, rng)
    out = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.40:
            out.append(("article", f"/api/articles/{rng.choice(corpus.ids)}"))
            continue
        params: dict[str, Any] = {}
        if roll < 0.85:
            kind, path = "search", "/api/search"
            words = zipf.draw(rng.choice([1, 1, 2, 2, 3]))
            if rng.random() < 0.3:                     # words of the analysed text too
                words.append(rng.choice(["minister", "officials", "agreement", "protesters", "harbour",
                                         "ferry", "talks", "million", "police", "reporters"]))
            params["q"] = " ".join(words)
        else:
            kind, path = "list", "/api/articles"
        filters = {
            "publisher": lambda: rng.choice(corpus.publishers),
            "date_from": lambda: f"{rng.choice([2022, 2023, 2024])}-{rng.randrange(1, 13):02d}-01",
            "entity": lambda: rng.choice(corpus.entities),
            "place": lambda: rng.choice(corpus.places),
            "event_type": lambda: rng.choice(corpus.event_types),
            "story": lambda: rng.randrange(1, corpus.stories + 1),
            "offset": lambda: rng.choice([20, 40, 100]),
        }
        chance = {"publisher": 0.2, "date_from": 0.2, "entity": 0.1, "place": 0.08, "event_type": 0.1,
                  "story": 0.05, "offset": 0.1}
        for name, make in filters.items():
            if rng.random() < chance[name] * (2 if kind == "list" else 1):
                params[name] = make()
        if "date_from" in params and rng.random() < 0.5:
            params["date_to"] = params["date_from"][:4] + "-12-31"
        params["limit"] = 20
        out.append((kind, path + "?" + urllib.parse.urlencode(params)))
    return out


@dataclass
class Run:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


async def load(base: str, mix: list[tuple[str, str]], clients: int, seconds: float, max_requests: int) -> Run:
    connections = [Connection(*loopback(base)) for _ in range(clients)]
    position = 0

    async def phase(until: float, run: Run | None) -> None:
        nonlocal position
        sent = 0

        async def worker(connection: Connection) -> None:
            nonlocal position, sent
            while time.perf_counter() < until and sent < max_requests:
                kind, path = mix[position % len(mix)]
                position += 1
                sent += 1
                start = time.perf_counter()
                status = await connection.get(path)
                if run is not None:
                    run.latencies.setdefault(kind, []).append(time.perf_counter() - start)
                    if status != 200:
                        run.errors[kind] = run.errors.get(kind, 0) + 1

        await asyncio.gather(*(worker(c) for c in connections))

    await phase(time.perf_counter() + WARM_UP_SECONDS, None)
    run = Run()
    began = time.perf_counter()
    await phase(began + seconds, run)
    run.seconds = time.perf_counter() - began
    for connection in connections:
        await connection.close()
    return run


# -- the server and the machine --------------------------------------------------------------------


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """CPU of every PostgreSQL process on the machine (its backends serve this run)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() == "postgres":
                total += cpu_seconds(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return total


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def quiet_enough(max_load: float) -> tuple[float, str]:
    """The 1-minute load average before a run: above `max_load`, wait (at most three
    minutes, a minute at a time) for it to fall."""
    load = os.getloadavg()[0]
    waited = 0
    while load > max_load and waited < 3:
        print(f"  load average {load:.2f} > {max_load}: waiting a minute", file=sys.stderr)
        time.sleep(60)
        waited += 1
        load = os.getloadavg()[0]
    note = f"waited {waited} min" if waited else "no wait"
    if load > max_load:
        note += f"; still above {max_load}: figures are pessimistic"
    return load, note


def measure(backend: str, url: str, corpus: Corpus, args: argparse.Namespace) -> dict[str, Any]:
    load_before, waited = quiet_enough(args.max_load)
    uptime = Path("/proc/loadavg").read_text().split()[:3]
    process, base = start_server(url, "--rate-limit", "0")
    try:
        asyncio.run(wait_ready(base))
        rss_ready, _ = memory_mb(process.pid)
        mix = request_mix(corpus, 20_000)
        server_cpu, pg_cpu, client_cpu = cpu_seconds(process.pid), postgres_cpu_seconds(), client_cpu_seconds()
        wall = time.perf_counter()
        run = asyncio.run(load(base, mix, args.clients, args.seconds, args.max_requests))
        wall = time.perf_counter() - wall          # the warm-up included, as the CPU counters
        server_cpu = cpu_seconds(process.pid) - server_cpu
        pg_cpu = postgres_cpu_seconds() - pg_cpu
        client_cpu = client_cpu_seconds() - client_cpu
        rss_after, rss_peak = memory_mb(process.pid)
    finally:
        stop_server(process)
    every = [v for values in run.latencies.values() for v in values]
    result: dict[str, Any] = {
        "backend": backend, "articles": len(corpus.ids), "clients": args.clients, "seconds": round(run.seconds, 1),
        "load_average": [float(x) for x in uptime], "load_note": waited,
        "requests": len(every), "errors": sum(run.errors.values()),
        "rps": round(len(every) / run.seconds, 1), "p50_ms": round(pct(every, 50), 1),
        "p99_ms": round(pct(every, 99), 1), "mean_ms": round(statistics.fmean(every) * 1000, 1) if every else 0,
        "kinds": {kind: {"requests": len(values), "errors": run.errors.get(kind, 0),
                         "rps": round(len(values) / run.seconds, 1), "p50_ms": round(pct(values, 50), 1),
                         "p99_ms": round(pct(values, 99), 1)} for kind, values in sorted(run.latencies.items())},
        "rss_ready_mb": round(rss_ready, 1), "rss_after_mb": round(rss_after, 1), "rss_peak_mb": round(rss_peak, 1),
        "server_cpu": round(server_cpu / wall * 100), "client_cpu": round(client_cpu / wall * 100),
        "postgres_cpu": round(pg_cpu / wall * 100) if backend == "postgresql" else None,
    }
    return result


def markdown(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = ["# newstrace serve under load", "",
             f"`bench/bench_load.py`: {args.clients} concurrent clients on 127.0.0.1 for {args.seconds:.0f} s "
             f"(after a {WARM_UP_SECONDS:.0f} s warm-up) against `newstrace serve --rate-limit 0` (one uvicorn "
             "process; the rate limit is off for the benchmark, as 100 clients from one address would be one client "
             "far over its limit). Requests: 40% GET /api/articles/{id}, 45% GET /api/search (1 to 3 words, often "
             "with filters), 15% GET /api/articles with filters. Machine: "
             f"{os.cpu_count()} cores, client, server and PostgreSQL on it together. CPU is in % of one core.", ""]
    for r in results:
        lines += [f"## {r['backend']} ({r['articles']:,} articles)", "",
                  f"Load average before the run (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in r['load_average'])} "
                  f"({r['load_note']}).", "",
                  "| requests | req/s | p50 ms | p99 ms | errors | server RSS before → after (peak) MB "
                  "| server CPU | client CPU |" + (" PostgreSQL CPU |" if r["postgres_cpu"] is not None else ""),
                  "|---:|---:|---:|---:|---:|---|---:|---:|" + ("---:|" if r["postgres_cpu"] is not None else ""),
                  f"| {r['requests']:,} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | "
                  f"{r['rss_ready_mb']:.0f} → {r['rss_after_mb']:.0f} ({r['rss_peak_mb']:.0f}) | {r['server_cpu']}% | "
                  f"{r['client_cpu']}% |" + (f" {r['postgres_cpu']}% |" if r["postgres_cpu"] is not None else ""),
                  "", "| kind | requests | req/s | p50 ms | p99 ms | errors |", "|---|---:|---:|---:|---:|---:|"]
        for kind, k in r["kinds"].items():
            lines.append(f"| {kind} | {k['requests']:,} | {k['rps']:.0f} | {k['p50_ms']:.1f} | {k['p99_ms']:.1f} "
                         f"| {k['errors']} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the corpus (default 10000)")
    parser.add_argument("--clients", type=int, default=100, help="concurrent clients (default 100)")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured seconds per store (default 60)")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="requests per store, at most")
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite, postgresql or both (default)")
    parser.add_argument("--postgres", default=os.environ.get("NEWSTRACE_TEST_POSTGRES_URL"),
                        help="a PostgreSQL server URL (default: $NEWSTRACE_TEST_POSTGRES_URL)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/nt/bench-load"), help="where corpora are kept")
    parser.add_argument("--rebuild", action="store_true", help="build the corpora again")
    parser.add_argument("--max-load", type=float, default=1.5, help="wait for a 1-min load average below this")
    parser.add_argument("--report", type=Path, help="write the figures there as Markdown")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if not (100 <= args.articles <= 200_000 and 1 <= args.clients <= 1000 and 0 < args.seconds <= 600
            and set(backends) <= {"sqlite", "postgresql"} and backends):
        parser.error("--articles 100..200000, --clients 1..1000, --seconds up to 600, --backends sqlite,postgresql")
    results = []
    for backend in backends:
        url, corpus = cached_corpus(backend, args.articles, args.cache, args.postgres, args.rebuild)
        print(f"{backend}: {len(corpus.ids)} articles; {args.clients} clients for {args.seconds:.0f} s ...",
              file=sys.stderr)
        results.append(measure(backend, url, corpus, args))
    text = markdown(results, args)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text + "\n")
    print(json.dumps(results, indent=2) if args.json else text)
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
