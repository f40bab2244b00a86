"""Fault injection for `newstrace ingest`: generated corpora, the ingest command run as a
real process and killed, PostgreSQL servers stopped under it, a disk made full, and an
exact picture of the store to compare with an ingest nothing went wrong in.

Used by tests/store/test_faults.py (which asserts) and bench/faults.py (which times and
prints the trial table). Nothing here is a test; nothing here skips.

The one rule every trial checks: after the fault, running the same command again leaves
the store exactly as one clean run leaves it (`Snapshot`: row counts of every table,
each article's parts, lineage, stories, failures), and before that rerun, every article
already in the store is whole (`Snapshot.partial_problems`).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SCRIPT = ROOT / "scripts" / "postgres.sh"
RUN_TIMEOUT = 300.0       # seconds one ingest may take before the harness gives up on it
ORPHAN_TIMEOUT = 60.0     # seconds a killed ingest's pool workers get to notice and exit

# -- a corpus of small, varied articles ------------------------------------------------------

PEOPLE = ["Grace Wanjiru", "David Kamau", "Ana Costa", "Jonas Berg", "Maria Santos", "Kofi Mensah",
          "Elena Petrova", "Nguyen Van An", "Lucia Quispe", "Nikos Papadakis", "Ingrid Dahl",
          "Amadou Diallo", "Rosa Fernandes", "Tomas Novak", "Aisha Bello", "Pedro Alvarez"]
ROLES = ["the interior minister", "the mayor", "a union leader", "the police chief",
         "an opposition lawmaker", "the health minister", "a company spokeswoman", "an economist"]
PLACES = [("Nairobi", "Kenya"), ("Mombasa", "Kenya"), ("Lisbon", "Portugal"), ("Porto", "Portugal"),
          ("Oslo", "Norway"), ("Bergen", "Norway"), ("Accra", "Ghana"), ("Hanoi", "Vietnam"),
          ("Lima", "Peru"), ("Athens", "Greece"), ("Manila", "Philippines"), ("Dakar", "Senegal")]
ORGS = ["the Interior Ministry", "the Red Cross", "the World Bank", "the city council",
        "the transport union", "the central bank", "the port authority", "the election commission"]
AGENCIES = ["Reuters", "AFP", "the Associated Press", "local media"]
PUBLISHERS = ["Daily Ledger", "Harbour Times", "The Evening Post", "Capital Wire"]
SUBJECTS = ["a new tax on bread", "the closure of a hospital", "rising fuel prices",
            "a plan to sell the port", "cuts to school budgets", "a delayed election"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

# Each paragraph template makes some of what the store keeps: mentions, quotes,
# attributions, events (protest, arrest, meeting, attack, agreement, aid) and places.
PARAGRAPHS = [
    "Thousands of demonstrators marched through {city} on {day} to protest against {subject}, "
    "and police arrested {n} people, a spokesman said.",
    '"We will not accept {subject}," said {person}, {role}, speaking outside the parliament in {city}.',
    "According to {org}, protesters attacked two police stations in {city2} overnight.",
    "{person} met {person2} in {city} on {day} to discuss {subject}, {agency} reported.",
    "{org} signed an agreement with {org2} worth {n} million dollars to rebuild roads near {city2}.",
    "{person}, {role}, told {agency} that the government would send aid to {city2} after the floods.",
    "Police in {city} detained {n} men suspected of smuggling fuel across the border from {country2}.",
    '"This is the worst crisis since {year}," {person} told reporters in {city}. "We need help now."',
    "Officials in {country} said {n} people had been injured in clashes in {city2} on {day}.",
    "The talks between {org} and {org2} in {city} ended without a deal, {agency} said.",
]


@dataclass(slots=True)
class Corpus:
    """A generated corpus and what a clean ingest of it must give."""

    folder: Path
    articles: int          # distinct articles that must be stored
    failures: int          # records that must fail (and be kept once in failures)
    records: int           # every record read, duplicates and failures included


def _fill(rng: random.Random, template: str) -> str:
    city, country = rng.choice(PLACES)
    city2, country2 = rng.choice(PLACES)
    person, person2 = rng.sample(PEOPLE, 2)
    org, org2 = rng.sample(ORGS, 2)
    return template.format(city=city, country=country, city2=city2, country2=country2,
                           person=person, person2=person2, role=rng.choice(ROLES), org=org,
                           org2=org2, agency=rng.choice(AGENCIES), subject=rng.choice(SUBJECTS),
                           day=rng.choice(DAYS), n=rng.randint(2, 400), year=rng.randint(1950, 2015))


def _article(rng: random.Random, number: int) -> tuple[str, list[str]]:
    """A title and 2-6 paragraphs; the number makes every article's text its own."""
    city, _ = rng.choice(PLACES)
    title = f"{rng.choice(['Unrest', 'Talks', 'Arrests', 'Aid', 'Deal', 'Floods'])} in {city} (report {number})"
    paragraphs = [_fill(rng, p) for p in rng.sample(PARAGRAPHS, rng.randint(2, 6))]
    paragraphs.append(f"This is report number {number} from the {city} desk.")
    return title, paragraphs


def _plain(title: str, paragraphs: list[str], rng: random.Random, number: int) -> str:
    dateline = f"{rng.choice(PLACES)[0].upper()}, {1 + number % 28} March 2024"
    return "\n\n".join([title, dateline, *paragraphs])


def _html(title: str, paragraphs: list[str], rng: random.Random, number: int) -> str:
    body = "".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title>"
            f'<meta name="author" content="{rng.choice(PEOPLE)}">'
            f'<meta property="article:published_time" content="2024-03-{1 + number % 28:02d}">'
            f'<meta property="og:site_name" content="{rng.choice(PUBLISHERS)}"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright 2024</footer></body></html>")


def article_page(seed: int, number: int) -> tuple[str, str]:
    """One generated article as a web page: its title and HTML (tests/follow serves them)."""
    rng = random.Random(seed * 100_003 + number)
    title, paragraphs = _article(rng, number)
    return title, _html(title, paragraphs, rng, number)


def write_corpus(folder: Path, seed: int, count: int = 40) -> Corpus:
    """`count` distinct articles as .txt, .html and .jsonl files (with a reprint of one, so
    that lineage has a link to keep), plus an exact duplicate file and a repeated URL
    (both skipped), plus four records that fail (empty, binary, bad JSON, no text)."""
    import json

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    first_plain: str | None = None
    for number in range(count - 1):
        title, paragraphs = _article(rng, number)
        kind = number % 4
        if kind == 3:
            lines.append(json.dumps({"url": f"https://news.example.org/{seed}/{number}",
                                     "published": f"2024-03-{1 + number % 28:02d}",
                                     "text": _plain(title, paragraphs, rng, number)}))
            continue
        if kind == 2:
            (folder / f"a{number:03d}.html").write_text(_html(title, paragraphs, rng, number), encoding="utf-8")
            continue
        text = _plain(title, paragraphs, rng, number)
        first_plain = first_plain or text
        (folder / f"a{number:03d}.txt").write_text(text, encoding="utf-8")
    assert first_plain is not None
    # A reprint: the same story under another outlet's header (a new article, linked to it).
    (folder / "z-reprint.txt").write_text("Reprint: " + first_plain, encoding="utf-8")
    (folder / "z-duplicate.txt").write_text(first_plain, encoding="utf-8")       # same bytes: skipped
    lines.append(json.dumps({"url": f"https://news.example.org/{seed}/3",   # URL seen: skipped
                             "text": "A different text under a URL that is already stored."}))
    lines.append("{this is not json")                                          # fails
    lines.append(json.dumps({"url": f"https://news.example.org/{seed}/none"}))  # fails: no text
    # Records in three JSONL files, so that failures and articles interleave with batches.
    for part in range(3):
        chunk = lines[part::3]
        (folder / f"feed{part}.jsonl").write_text("\n".join(chunk) + "\n", encoding="utf-8")
    (folder / "m-empty.txt").write_text("")                                    # fails
    (folder / "m-picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(400))  # fails
    return Corpus(folder, articles=count, failures=4, records=count + 2 + 4)


# -- running the command ---------------------------------------------------------------------


def ingest_command(corpus: Path, url: str, *, workers: int = 1, batch_size: int = 4,
                   stories: bool = True) -> list[str]:
    return [sys.executable, "-m", "newstrace", "ingest", str(corpus), "--db", url,
            "--workers", str(workers), "--batch-size", str(batch_size),
            "--stories" if stories else "--no-stories"]


# The same command with a kill switch: the process kills itself (SIGKILL, as kill -9)
# just before its `nth` SQL statement that matches `pattern`, i.e. inside a transaction.
KILL_AT_STATEMENT = r'''
import os, re, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
pattern, nth = re.compile(sys.argv[1], re.I | re.S), int(sys.argv[2])
seen = [0]
@event.listens_for(Engine, "before_cursor_execute")
def _kill(conn, cursor, statement, parameters, context, executemany):
    if pattern.search(statement):
        seen[0] += 1
        if seen[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["newstrace", *sys.argv[4:]]
from newstrace.cli import main
main()
'''


def kill_at_statement(command: list[str], pattern: str, nth: int) -> list[str]:
    """`command` (an ingest command from `ingest_command`) killed at its nth `pattern`."""
    assert command[1:3] == ["-m", "newstrace"]
    return [sys.executable, "-c", KILL_AT_STATEMENT, pattern, str(nth), "--", *command[3:]]


@dataclass(slots=True)
class Run:
    returncode: int
    stderr: str
    seconds: float
    killed: bool = False

    @property
    def finished(self) -> bool:
        """The run got to its summary line (exit 1 only says some records failed)."""
        return self.returncode in (0, 1) and "read " in self.stderr and " stored " in self.stderr

    @property
    def error(self) -> str:
        lines = [line for line in self.stderr.splitlines() if "newstrace: error:" in line]
        return lines[-1] if lines else ""


# The store's fault knobs: a trial sets them itself, never inherits them.
KNOBS = ("NEWSTRACE_SQLITE_MAX_PAGES", "NEWSTRACE_DB_RETRIES")


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in KNOBS}
    return {**env, "PYTHONUNBUFFERED": "1", "COLUMNS": "200", **(extra or {})}


def start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The command in a session of its own: its pool workers can be found (and, if they
    outlive a kill, ended) by process group."""
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=environment(env), start_new_session=True, cwd=ROOT)


@contextmanager
def ingesting(command: list[str], env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    """`start`, and whatever happens in the block, no process of the run is left behind."""
    process = start(command, env)
    try:
        yield process
    finally:
        if process.poll() is None:
            kill_group(process)
            process.communicate()


def finish(process: subprocess.Popen[str], started: float, timeout: float = RUN_TIMEOUT,
           killed: bool = False) -> Run:
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        _, stderr = process.communicate()
        raise AssertionError(f"ingest still running after {timeout:.0f} s:\n{stderr[-3000:]}") from None
    return Run(process.returncode, stderr, time.monotonic() - started, killed)


def run(command: list[str], env: dict[str, str] | None = None, timeout: float = RUN_TIMEOUT) -> Run:
    started = time.monotonic()
    return finish(start(command, env), started, timeout)


def kill(process: subprocess.Popen[str]) -> None:
    """kill -9 of the ingest process itself (not its pool workers: they are orphaned, as
    they would be by the OOM killer or a kill -9 from a shell)."""
    try:
        os.kill(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def kill_group(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def orphans_exit(process: subprocess.Popen[str], timeout: float = ORPHAN_TIMEOUT) -> bool:
    """Whether every process of the killed ingest's group is gone within `timeout`; those
    left are then killed, so that no trial leaves processes behind."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    kill_group(process)
    return False


def run_and_kill_after(command: list[str], seconds: float,
                       env: dict[str, str] | None = None) -> tuple[Run, bool]:
    """Run `command` and kill -9 it after `seconds` unless it ended first; (the run,
    whether the group's orphaned workers exited by themselves)."""
    started = time.monotonic()
    process = start(command, env)
    try:
        process.wait(timeout=seconds)
        return finish(process, started), True
    except subprocess.TimeoutExpired:
        kill(process)
    result = finish(process, started, killed=True)
    return result, orphans_exit(process)


# -- what is in the store ----------------------------------------------------------------------

PARTS = ("mentions", "quotes", "attributions", "events", "event_roles")
SCHEMA = {"articles", "entities", "mentions", "quotes", "attributions", "events", "event_roles",
          "failures", "stories", "story_pending", "story_anchors", "exact_copies", "alembic_version"}


def _engine_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url if "://" in url else f"sqlite:///{url}"


def schema_tables(url: str) -> set[str]:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(_engine_url(url))
    try:
        return set(inspect(engine).get_table_names()) & SCHEMA
    finally:
        engine.dispose()


@dataclass(slots=True)
class Snapshot:
    """Everything an ingest leaves in the store that must not depend on how it got there.
    Ids the database makes (entities, stories) differ between runs, so stories are
    compared as groups of article ids and entities by count and key."""

    counts: dict[str, int]
    per_article: dict[str, tuple[int, ...]]           # article id -> rows in each of PARTS
    lineage: dict[str, tuple[str | None, str | None]]
    stories: frozenset[frozenset[str]]
    failure_keys: list[str]
    duplicates: dict[str, int]                        # table -> rows that repeat another's key
    integrity: list[str]                              # what the database's own check reports

    def differences(self, reference: "Snapshot") -> list[str]:
        out = []
        for name in sorted(set(self.counts) | set(reference.counts)):
            if self.counts.get(name) != reference.counts.get(name):
                out.append(f"{name}: {self.counts.get(name)} rows, clean run has {reference.counts.get(name)}")
        if self.per_article != reference.per_article:
            wrong = [a for a in set(self.per_article) | set(reference.per_article)
                     if self.per_article.get(a) != reference.per_article.get(a)]
            out.append(f"{len(wrong)} articles differ in their parts, e.g. {sorted(wrong)[:3]}")
        if self.lineage != reference.lineage:
            out.append("lineage links differ")
        if self.stories != reference.stories:
            out.append("stories differ")
        if self.failure_keys != reference.failure_keys:
            out.append(f"failures {self.failure_keys} != {reference.failure_keys}")
        out += [f"{table}: {n} duplicate rows" for table, n in self.duplicates.items() if n]
        out += self.integrity
        return out

    def partial_problems(self, reference: "Snapshot") -> list[str]:
        """After a fault, before the rerun: every stored article whole, nothing twice."""
        out = [f"{a} is not in the clean run" for a in self.per_article if a not in reference.per_article]
        out += [f"{a} has parts {parts}, clean run {reference.per_article[a]}"
                for a, parts in self.per_article.items()
                if a in reference.per_article and parts != reference.per_article[a]]
        out += [f"{table}: {n} duplicate rows" for table, n in self.duplicates.items() if n]
        if len(set(self.failure_keys)) != len(self.failure_keys):
            out.append(f"a failure kept twice: {self.failure_keys}")
        return out + self.integrity

    @property
    def row(self) -> dict[str, int]:
        """The counts the trial table shows."""
        keys = ("articles", "mentions", "quotes", "attributions", "events", "places", "failures")
        return {k: self.counts[k] for k in keys}


def snapshot(url: str) -> Snapshot:
    from sqlalchemy import create_engine, text

    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as connection:
            def scalar(sql: str) -> int:
                return int(connection.execute(text(sql)).scalar_one())

            counts = {name: scalar(f"SELECT count(*) FROM {name}") for name in
                      ("articles", "entities", "stories", "failures", *PARTS)}
            counts["places"] = scalar("SELECT count(*) FROM entities WHERE lat IS NOT NULL")
            counts["unclustered"] = scalar("SELECT count(*) FROM articles WHERE story_id IS NULL")
            counts["linked"] = scalar("SELECT count(*) FROM articles WHERE origin_id IS NOT NULL")
            per_article = _per_article(connection)
            lineage = {r[0]: (r[1], r[2]) for r in connection.execute(
                text("SELECT id, origin_id, relation FROM articles"))}
            groups: dict[Any, set[str]] = {}
            for article_id, story in connection.execute(text("SELECT id, story_id FROM articles")):
                groups.setdefault(story if story is not None else ("none", article_id), set()).add(article_id)
            failure_keys = sorted(r[0] for r in connection.execute(text("SELECT key FROM failures")))
            duplicates = _duplicates(connection)
            integrity = _integrity(connection, engine.dialect.name, counts["articles"])
    finally:
        engine.dispose()
    return Snapshot(counts, per_article, lineage, frozenset(frozenset(g) for g in groups.values()),
                    failure_keys, duplicates, integrity)


def _per_article(connection: Any) -> dict[str, tuple[int, ...]]:
    from sqlalchemy import text

    parts: dict[str, list[int]] = {r[0]: [0] * len(PARTS) for r in connection.execute(
        text("SELECT id FROM articles"))}
    for position, table in enumerate(PARTS):
        for article_id, rows in connection.execute(
                text(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")):
            # A part whose article is gone shows up as an article the clean run lacks.
            parts.setdefault(article_id, [0] * len(PARTS))[position] = rows
    return {a: tuple(p) for a, p in parts.items()}


def _duplicates(connection: Any) -> dict[str, int]:
    """Rows that repeat another row's natural key (the schema's ids would hide them)."""
    from sqlalchemy import text

    keys = {"mentions": "article_id, local_id, start, \"end\"", "quotes": "article_id, local_id",
            "attributions": "article_id, local_id", "events": "article_id, local_id",
            "failures": "key", "articles": "content_hash", "entities": "key"}
    return {table: int(connection.execute(text(
        f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {table} GROUP BY {columns}) g"
    )).scalar_one()) for table, columns in keys.items()}


def _integrity(connection: Any, dialect: str, articles: int) -> list[str]:
    """SQLite's own check of the file and of the full-text index; the index's rows."""
    from sqlalchemy import text

    if dialect != "sqlite":
        return []
    problems = []
    check = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
    if check != ["ok"]:
        problems.append(f"integrity_check: {check[:3]}")
    try:
        connection.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"))
        connection.rollback()
    except Exception as exc:   # the check reports corruption as an error
        problems.append(f"FTS integrity-check: {exc}")
    indexed = int(connection.execute(text("SELECT count(*) FROM articles_fts")).scalar_one())
    if indexed != articles:
        problems.append(f"articles_fts has {indexed} rows for {articles} articles")
    return problems


def sqlite_pages(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA page_count").fetchone()[0])


# -- PostgreSQL -------------------------------------------------------------------------------


def admin_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


def create_database(server: str) -> str:
    """A new, empty database on the server of `server` (a URL); its URL."""
    import psycopg

    name = "nt_fault_" + uuid.uuid4().hex[:10]
    with psycopg.connect(admin_url(server), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(slots=True)
class Transaction:
    """A write transaction of the ingest, seen in pg_stat_activity."""

    xid: str
    backend: int
    query: str
    status: str = ""       # what the server says became of it: committed, aborted


# A batch's writes (its session has an xid, and its statement is about articles and their
# parts), not a failure's row or the migration (DDL, catalog queries): what fault 2 kills.
BATCH_WRITE = """
SELECT backend_xid::text, pid, query FROM pg_stat_activity
WHERE datname = %s AND application_name = 'newstrace' AND backend_xid IS NOT NULL
  AND query ~* '^\\s*(insert into|select|update|delete from)\\s.*\\m(articles|entities|mentions|quotes|attributions|events|event_roles)\\M'
  AND query !~* '(failures|alembic|pg_catalog|information_schema)'
"""


def watch_write_transaction(url: str, process: subprocess.Popen[str], nth: int,
                            timeout: float = RUN_TIMEOUT) -> Transaction | None:
    """Poll the server until the ingest has its nth batch transaction open (one that has
    written: it has an xid); that transaction, or None if the ingest ended first."""
    import psycopg

    seen: list[str] = []
    database = url.rsplit("/", 1)[1]
    deadline = time.monotonic() + timeout
    with psycopg.connect(admin_url(url), autocommit=True) as watcher:
        while process.poll() is None and time.monotonic() < deadline:
            for xid, backend, query in watcher.execute(BATCH_WRITE, (database,)).fetchall():
                if xid not in seen:
                    seen.append(xid)
                    if len(seen) == nth:
                        return Transaction(xid, backend, " ".join(query.split())[:60])
            time.sleep(0.001)
    return None


def transaction_status(url: str, transaction: Transaction, timeout: float = 30.0) -> str:
    """Once its backend is gone: committed or aborted (an xid of this young cluster is its
    full 64-bit id, so the cast to xid8 is exact)."""
    import psycopg

    with psycopg.connect(admin_url(url), autocommit=True) as connection:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and connection.execute(
                "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (transaction.backend,)).fetchone():
            time.sleep(0.05)
        row = connection.execute("SELECT pg_xact_status(%s::xid8)", (transaction.xid,)).fetchone()
    return str(row[0]) if row else "unknown"


def terminate_backend(url: str, backend: int) -> bool:
    import psycopg

    with psycopg.connect(admin_url(url), autocommit=True) as connection:
        row = connection.execute("SELECT pg_terminate_backend(%s)", (backend,)).fetchone()
        return bool(row and row[0])


def postgres_binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateServer:
    """A PostgreSQL server of our own (scripts/postgres.sh with its own folder and port),
    for the faults that stop a server: the shared one is left alone for everybody else."""

    def __init__(self) -> None:
        # Not under pytest's tmp_path: the server runs as `postgres`, which cannot enter it.
        self.folder = Path(f"/tmp/newstrace-fault-pg-{uuid.uuid4().hex[:8]}")
        self.port = free_port()
        self.url = ""

    def _script(self, action: str) -> str:
        env = {**os.environ, "NEWSTRACE_PG_DIR": str(self.folder), "NEWSTRACE_PG_PORT": str(self.port)}
        done = subprocess.run(["bash", str(POSTGRES_SCRIPT), action], capture_output=True, text=True,
                              env=env, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"scripts/postgres.sh {action} failed: {done.stderr.strip()}")
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    def start(self) -> str:
        self.url = self._script("start")
        return self.url

    def stop(self) -> None:
        self._script("stop")

    def remove(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "PrivateServer":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def wait_for_articles(url: str, at_least: int, process: subprocess.Popen[str],
                      timeout: float = RUN_TIMEOUT) -> int:
    """Poll the store until it holds `at_least` articles (or the ingest ended)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(_engine_url(url))
    deadline = time.monotonic() + timeout
    count = 0
    try:
        while process.poll() is None and time.monotonic() < deadline:
            try:
                with engine.connect() as connection:
                    count = int(connection.execute(text("SELECT count(*) FROM articles")).scalar_one())
            except Exception:      # not migrated yet
                count = 0
            if count >= at_least:
                break
            time.sleep(0.1)
    finally:
        engine.dispose()
    return count


# -- trials ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Trial:
    """One fault and the rerun after it."""

    fault: str
    backend: str
    detail: str = ""
    before_rerun: int = 0            # articles in the store after the fault
    problems: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems


def check_partial(trial: Trial, url: str, reference: Snapshot) -> None:
    """The store after the fault: every article whole, nothing twice. A fault before or
    during the migration may leave no schema at all (the rerun makes it), not half of one."""
    tables = schema_tables(url)
    if tables != SCHEMA:
        trial.before_rerun = 0
        if tables:
            trial.problems.append(f"after the fault: half a schema, missing {sorted(SCHEMA - tables)}")
        return
    state = snapshot(url)
    trial.before_rerun = state.counts["articles"]
    trial.problems += [f"after the fault: {p}" for p in state.partial_problems(reference)]


def check_rerun(trial: Trial, command: list[str], url: str, reference: Snapshot,
                env: dict[str, str] | None = None) -> Run:
    rerun = run(command, env)
    if not rerun.finished:
        trial.problems.append(f"rerun did not finish (exit {rerun.returncode}): {rerun.stderr[-500:]}")
    check_final(trial, url, reference)
    return rerun


def check_final(trial: Trial, url: str, reference: Snapshot) -> None:
    final = snapshot(url)
    trial.rows = final.row
    trial.problems += final.differences(reference)


def random_kill_trial(corpus: Corpus, url: str, backend: str, reference: Snapshot,
                      kill_after: float, workers: int, batch_size: int) -> Trial:
    """kill -9 after `kill_after` seconds, then the same command again."""
    started = time.monotonic()
    command = ingest_command(corpus.folder, url, workers=workers, batch_size=batch_size)
    trial = Trial("kill -9 at a random time", backend,
                  f"at {kill_after:.1f} s, --workers {workers} --batch-size {batch_size}")
    first, orphans_gone = run_and_kill_after(command, kill_after)
    if not first.killed:
        trial.detail += " (ended before the kill)"
    if not orphans_gone:
        trial.problems.append("pool workers outlived the killed ingest")
    check_partial(trial, url, reference)
    check_rerun(trial, command, url, reference)
    trial.seconds = time.monotonic() - started
    return trial


def kill_times(seed: int, trials: int, expected: float) -> Iterator[tuple[float, int, int]]:
    """Seeded (seconds, workers, batch size) per trial: kill times spread over the run a
    clean ingest takes; a pool of two in one trial of five."""
    rng = random.Random(seed)
    for number in range(trials):
        yield (round(rng.uniform(0.0, expected), 2), 2 if number % 5 == 4 else 1,
               rng.choice([1, 2, 4, 8]))


def statement_kill_trial(corpus: Corpus, url: str, backend: str, reference: Snapshot,
                         pattern: str, nth: int, label: str) -> Trial:
    """kill -9 from inside the ingest just before its nth statement matching `pattern`
    (so inside a transaction, deterministically), then the same command again."""
    started = time.monotonic()
    command = ingest_command(corpus.folder, url)
    trial = Trial(label, backend, f"before statement {nth} matching {pattern!r}")
    first = run(kill_at_statement(command, pattern, nth))
    if first.returncode != -signal.SIGKILL:
        trial.problems.append(f"the ingest was not killed (exit {first.returncode}): {first.stderr[-300:]}")
    check_partial(trial, url, reference)
    check_rerun(trial, command, url, reference)
    trial.seconds = time.monotonic() - started
    return trial


def table(trials: list[Trial]) -> str:
    """The trials in a Markdown table, one row per (fault, backend)."""
    groups: dict[tuple[str, str], list[Trial]] = {}
    for trial in trials:
        groups.setdefault((trial.fault, trial.backend), []).append(trial)
    lines = ["| fault | backend | trials | passed | articles | mentions | quotes | attributions "
             "| events | places | failures |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for (fault, backend), group in groups.items():
        rows = {tuple(t.rows.values()) for t in group if t.rows}
        shown = " / ".join(str(v) for v in next(iter(rows))) if len(rows) == 1 else "varied"
        cells = shown.split(" / ") if len(rows) == 1 else ["varied"] * 7
        lines.append(f"| {fault} | {backend} | {len(group)} | {sum(t.passed for t in group)} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def trial_lines(trials: list[Trial]) -> str:
    """One line per trial: what was done, what was left before the rerun, the verdict."""
    return "\n".join(f"{t.fault} [{t.backend}] {t.detail}: {t.before_rerun} articles before the "
                     f"rerun, {'ok' if t.passed else 'FAILED: ' + '; '.join(t.problems)} "
                     f"({t.seconds:.0f} s)" for t in trials)


def clean_reference(corpus: Corpus, url: str) -> tuple[Snapshot, float]:
    """A clean ingest of `corpus` into the empty store at `url`: its snapshot and its time."""
    result = run(ingest_command(corpus.folder, url))
    if not result.finished:
        raise AssertionError(f"the clean ingest failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    reference = snapshot(url)
    expected = {"articles": corpus.articles, "failures": corpus.failures}
    got = {k: reference.counts[k] for k in expected}
    # Stories were made (an article alone is in none: a story has two articles or more).
    if got != expected or not reference.counts["stories"] or not reference.counts["linked"]:
        raise AssertionError(f"the clean ingest stored {reference.counts}, the corpus wants {expected}, "
                             "stories made and a reprint linked")
    return reference, result.seconds


def summary_counts(stderr: str) -> dict[str, int]:
    """The numbers of the CLI's summary line (read, stored, skipped, failed ...)."""
    match = re.search(r"read (\d+), stored (\d+), replaced (\d+), skipped (\d+).*?failed (\d+)", stderr, re.S)
    if not match:
        return {}
    return dict(zip(("read", "stored", "replaced", "skipped", "failed"), map(int, match.groups())))


# -- the trials of each fault ------------------------------------------------------------------

# Where a kill from inside lands (a SQL statement pattern and which match): each inside a
# transaction of its own kind. The batch's match is picked per trial.
KILL_POINTS: dict[str, tuple[str, int | None]] = {
    "migration": (r"^\s*CREATE TABLE quotes", 1),
    "batch": (r"^\s*INSERT INTO mentions", None),
    "failure record": (r"^\s*INSERT INTO failures", 2),
    "clustering": (r"^\s*UPDATE articles SET story_id", 3),
}


def transaction_kill_trial(corpus: Corpus, url: str, backend: str, reference: Snapshot,
                           point: str, nth: int | None = None, workers: int | None = None,
                           batch_size: int | None = None) -> Trial:
    """kill -9 from inside the ingest at a `KILL_POINTS` statement, then the same command."""
    started = time.monotonic()
    pattern, fixed = KILL_POINTS[point]
    nth = nth or fixed or 1
    sizes = {k: v for k, v in (("workers", workers), ("batch_size", batch_size)) if v is not None}
    command = ingest_command(corpus.folder, url, **sizes)
    trial = Trial("kill -9 inside a transaction", backend, f"{point}: before statement {nth} "
                  f"matching {pattern.split('s*', 1)[-1]!r}"
                  + "".join(f", --{k.replace('_', '-')} {v}" for k, v in sizes.items()))
    first = run(kill_at_statement(command, pattern, nth))
    if first.returncode != -signal.SIGKILL:
        trial.problems.append(f"the ingest was not killed (exit {first.returncode}): {first.stderr[-300:]}")
    check_partial(trial, url, reference)
    check_rerun(trial, command, url, reference)
    trial.seconds = time.monotonic() - started
    return trial


def open_transaction_kill_trial(corpus: Corpus, url: str, reference: Snapshot,
                                nth: int) -> tuple[Trial, Transaction | None]:
    """kill -9 from outside while the server shows the ingest's nth batch transaction
    open, then the same command; the transaction and what became of it."""
    started = time.monotonic()
    command = ingest_command(corpus.folder, url, batch_size=8)
    trial = Trial("kill -9 while a PostgreSQL transaction is open", "postgresql",
                  f"batch transaction {nth}")
    with ingesting(command) as process:
        seen = watch_write_transaction(url, process, nth)
        kill(process)
        finish(process, started, killed=True)
    if seen is None:
        trial.problems.append(f"the ingest ended before its transaction {nth} was seen")
    else:
        seen.status = transaction_status(url, seen)
        trial.detail += f" ({seen.query}...): {seen.status}"
    check_partial(trial, url, reference)
    check_rerun(trial, command, url, reference)
    trial.seconds = time.monotonic() - started
    return trial, seen


def terminate_trial(corpus: Corpus, url: str, reference: Snapshot, nth: int = 2) -> Trial:
    """The server ends the ingest's connection (pg_terminate_backend) inside its nth batch
    transaction: the store must try the batch again on a new connection and finish."""
    started = time.monotonic()
    command = ingest_command(corpus.folder, url, batch_size=8)
    trial = Trial("backend terminated inside a transaction", "postgresql", f"batch transaction {nth}")
    with ingesting(command) as process:
        seen = watch_write_transaction(url, process, nth)
        if seen is None or not terminate_backend(url, seen.backend):
            trial.problems.append("could not catch the ingest inside a transaction")
        result = finish(process, started)
    if seen is not None:
        seen.status = transaction_status(url, seen)
        trial.detail += f": {seen.status}, then {'finished' if result.finished else 'stopped'} by itself"
    if not result.finished:
        trial.problems.append(f"the ingest did not carry on (exit {result.returncode}): {result.error}")
    check_final(trial, url, reference)
    trial.seconds = time.monotonic() - started
    return trial


def server_restart_trial(corpus: Corpus, server: PrivateServer, reference: Snapshot,
                         down: float = 3.0, at_articles: int = 6) -> Trial:
    """The server stops (fast shutdown) mid-ingest and is back `down` seconds later: the
    ingest reconnects and finishes by itself."""
    started = time.monotonic()
    url = create_database(server.url)
    try:
        command = ingest_command(corpus.folder, url)
        trial = Trial("server stopped and restarted", "postgresql", f"down {down:.0f} s")
        with ingesting(command) as process:
            trial.before_rerun = wait_for_articles(url, at_articles, process)
            server.stop()
            time.sleep(down)
            server.start()
            result = finish(process, started)
        retried = "trying again" in result.stderr
        trial.detail += f" after {trial.before_rerun} articles; " + \
            ("reconnected and finished" if result.finished and retried else "did not reconnect")
        if not result.finished:
            trial.problems.append(f"the ingest did not carry on (exit {result.returncode}): {result.error}")
        elif not retried:
            trial.problems.append("the ingest never saw the server go away: stop it earlier")
        check_final(trial, url, reference)
    finally:
        drop_database(url)
    trial.seconds = time.monotonic() - started
    return trial


def server_down_trial(corpus: Corpus, server: PrivateServer, reference: Snapshot,
                      at_articles: int = 6) -> Trial:
    """The server stops mid-ingest and stays down past the retries (one, here): the ingest
    fails saying to rerun; the server comes back; the rerun completes."""
    started = time.monotonic()
    url = create_database(server.url)
    try:
        command = ingest_command(corpus.folder, url)
        trial = Trial("server stopped, back after the ingest gave up", "postgresql",
                      "NEWSTRACE_DB_RETRIES=1")
        with ingesting(command, {"NEWSTRACE_DB_RETRIES": "1"}) as process:
            wait_for_articles(url, at_articles, process)
            server.stop()
            try:
                result = finish(process, started, timeout=120)
            finally:
                server.start()
        trial.detail += f"; exit {result.returncode}: {result.error[:160]}"
        if result.returncode != 2 or "lost the connection" not in result.error or "rerun" not in result.error:
            trial.problems.append(f"no clear error that says to rerun (exit {result.returncode}): "
                                  f"{result.stderr[-400:]}")
        check_partial(trial, url, reference)
        check_rerun(trial, command, url, reference)
    finally:
        drop_database(url)
    trial.seconds = time.monotonic() - started
    return trial


def empty_store_pages(folder: Path) -> int:
    """Pages of a store with the schema and nothing in it."""
    from newstrace.store import open_store

    path = folder / "empty-store.db"
    open_store(str(path)).close()
    return sqlite_pages(path)


def disk_full_trial(corpus: Corpus, folder: Path, reference: Snapshot, full_pages: int) -> Trial:
    """The SQLite file may grow to half of what a clean ingest needs (PRAGMA
    max_page_count): the ingest stops saying the disk is full, keeps what it committed,
    and the rerun with room to grow completes."""
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    empty = empty_store_pages(folder)
    limit = empty + (full_pages - empty) // 2
    path = folder / "full.db"
    command = ingest_command(corpus.folder, str(path))
    trial = Trial("disk full (SQLite max_page_count)", "sqlite", f"limit {limit} of {full_pages} pages")
    result = run(command, {"NEWSTRACE_SQLITE_MAX_PAGES": str(limit)})
    trial.detail += f"; exit {result.returncode}: {result.error[:160]}"
    if result.returncode != 2 or not re.search(r"disk .*full", result.error) or "rerun" not in result.error:
        trial.problems.append(f"no clear disk-full error (exit {result.returncode}): {result.stderr[-400:]}")
    check_partial(trial, str(path), reference)
    if trial.before_rerun == 0:
        trial.problems.append("nothing was kept of what the ingest committed before the disk was full")
    check_rerun(trial, command, str(path), reference)
    trial.seconds = time.monotonic() - started
    return trial
