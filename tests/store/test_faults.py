"""Faults during `newstrace ingest`, and the rerun after each: kill -9 before a chosen
article is committed and inside named transactions, the PostgreSQL backend terminated,
the server stopped and restarted, the disk full. After every one, the same command run
again must leave the store exactly as a clean ingest does (tests/fault_harness.py:
`Snapshot`), and before the rerun every article already stored must be whole.

Every kill is at a chosen point (a statement of the ingest, counted), never after a
number of seconds; the random-time trials, and the timings, are in bench/faults.py. The
ingests are real processes on a generated corpus (30 small articles of varied kinds,
plus duplicates and records that fail); here only results are asserted. PostgreSQL
trials need NEWSTRACE_TEST_POSTGRES_URL (see scripts/postgres.sh); the server-restart
trials run a private server of their own, so the shared one is never stopped.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator

import pytest

from newstrace.errors import StoreError
from newstrace.store import open_store

from .. import fault_harness as h
from ..store_fixtures import POSTGRES_ENV, postgres_server, store_url  # noqa: F401

SEED = 20241125
ARTICLES = 30


def assert_all_passed(trials: list[h.Trial]) -> None:
    failed = [t for t in trials if not t.passed]
    assert not failed, "\n" + h.trial_lines(failed)


# -- fixtures: one corpus and one clean ingest per backend, for the whole module -------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> h.Corpus:
    return h.write_corpus(tmp_path_factory.mktemp("corpus"), SEED, ARTICLES)


@pytest.fixture(scope="module")
def sqlite_clean(corpus: h.Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[h.Snapshot, float, int]:
    """The clean ingest on SQLite: its snapshot, its seconds, its file's pages."""
    path = tmp_path_factory.mktemp("clean") / "clean.db"
    reference, seconds = h.clean_reference(corpus, str(path))
    return reference, seconds, h.sqlite_pages(path)


@pytest.fixture(scope="module")
def pg_server() -> str:
    server = postgres_server()
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set: start a server with scripts/postgres.sh start "
                    "and export its URL (CI does)")
    return server


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    url = h.create_database(pg_server)
    try:
        yield url
    finally:
        h.drop_database(url)


@pytest.fixture(scope="module")
def postgres_clean(corpus: h.Corpus, pg_server: str) -> tuple[h.Snapshot, float]:
    url = h.create_database(pg_server)
    try:
        return h.clean_reference(corpus, url)
    finally:
        h.drop_database(url)


@pytest.fixture(scope="module")
def private_server(pg_server: str) -> Iterator[h.PrivateServer]:
    if h.postgres_binaries() is None:
        pytest.skip("stopping a server needs a local PostgreSQL (/usr/lib/postgresql/*/bin) to run "
                    "a private one: the shared server of NEWSTRACE_TEST_POSTGRES_URL is never stopped")
    with h.PrivateServer() as server:
        yield server


# -- fast: the store's part ------------------------------------------------------------------


@pytest.mark.slow
def test_clean_runs_agree_across_backends(sqlite_clean: tuple[h.Snapshot, float, int],
                                          postgres_clean: tuple[h.Snapshot, float]) -> None:
    """One corpus, one result, on either database: what every trial compares with."""
    sqlite, postgres = sqlite_clean[0], postgres_clean[0]
    assert sqlite.counts == postgres.counts
    assert sqlite.per_article == postgres.per_article
    assert sqlite.stories == postgres.stories and sqlite.lineage == postgres.lineage


def test_a_failure_is_kept_once_and_cleared_when_stored(store_url: str) -> None:  # noqa: F811
    from newstrace.store import StoredArticle

    store = open_store(store_url)
    store.record_failure("feed.jsonl#line 3", "is not valid JSON")
    store.record_failure("feed.jsonl#line 3", "is not valid JSON")      # a rerun meets it again
    store.record_failure("empty.txt", "is empty")
    assert sorted(f["key"] for f in store.failures()) == ["empty.txt", "feed.jsonl#line 3"]
    dossier = {"id": "a" * 16, "metadata": {}, "text": "Fixed.", "entities": [], "quotes": [],
               "sources": {"attributions": []}, "events": []}
    store.add([StoredArticle(dossier, "f" * 64, "feed.jsonl", None, "feed.jsonl#line 3")])
    assert [f["key"] for f in store.failures()] == ["empty.txt"]
    store.close()


def test_sqlite_disk_full_is_a_clear_error_and_the_store_stays_usable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "small.db"
    open_store(str(path)).close()
    monkeypatch.setenv("NEWSTRACE_SQLITE_MAX_PAGES", str(h.sqlite_pages(path) + 2))
    store = open_store(str(path))
    with pytest.raises(StoreError, match=r"disk .*is full.*free some space.*rerun"):
        for number in range(1000):
            store.record_failure(f"record {number}", "x" * 2000)
    kept = len(store.failures())
    assert 0 < kept < 1000
    store.close()
    monkeypatch.delenv("NEWSTRACE_SQLITE_MAX_PAGES")
    store = open_store(str(path))
    store.record_failure("one more", "room again")
    assert len(store.failures()) == kept + 1
    store.close()


def test_bad_knobs_are_clear_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTRACE_SQLITE_MAX_PAGES", "lots")
    with pytest.raises(StoreError, match="NEWSTRACE_SQLITE_MAX_PAGES"):
        open_store(str(tmp_path / "a.db"))
    monkeypatch.delenv("NEWSTRACE_SQLITE_MAX_PAGES")
    monkeypatch.setenv("NEWSTRACE_DB_RETRIES", "forever")
    store = open_store(str(tmp_path / "b.db"))
    with pytest.raises(StoreError, match="NEWSTRACE_DB_RETRIES"):
        store.count()
    store.close()


# -- 1. kill -9 before a chosen article is committed ---------------------------------------------
# The kill comes from inside the ingest, before its nth article's rows are written (so
# inside that batch's transaction), whatever the machine's speed. Kills at random times
# are a benchmark (bench/faults.py), not a test: where they land depends on the machine.


@pytest.mark.slow
@pytest.mark.parametrize("nth,workers,batch", [(1, 1, 4), (5, 1, 4), (12, 2, 8), (9, 1, 1)])
def test_kill_before_the_nth_article_is_committed_sqlite(
        corpus: h.Corpus, sqlite_clean: tuple[h.Snapshot, float, int], tmp_path: Path,
        nth: int, workers: int, batch: int) -> None:
    trial = h.transaction_kill_trial(corpus, str(tmp_path / "t.db"), "sqlite", sqlite_clean[0],
                                     "batch", nth, workers=workers, batch_size=batch)
    assert_all_passed([trial])
    assert trial.before_rerun < corpus.articles
    if nth > batch:
        assert trial.before_rerun > 0             # the batches before the kill were kept


# -- 2. kill -9 inside a transaction --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("point", list(h.KILL_POINTS))
def test_kill_inside_a_transaction_sqlite(corpus: h.Corpus, sqlite_clean: tuple[h.Snapshot, float, int],
                                          tmp_path: Path, point: str) -> None:
    nth = random.Random(SEED).randint(2, ARTICLES // 2) if point == "batch" else None
    trial = h.transaction_kill_trial(corpus, str(tmp_path / "t.db"), "sqlite", sqlite_clean[0], point, nth)
    assert_all_passed([trial])
    if point == "migration":
        assert trial.before_rerun == 0      # nothing of the schema was left, not half of it
    if point == "batch":
        assert 0 < trial.before_rerun < corpus.articles


@pytest.mark.slow
@pytest.mark.parametrize("point", ["batch", "clustering"])
def test_kill_inside_a_transaction_postgres(corpus: h.Corpus, postgres_clean: tuple[h.Snapshot, float],
                                            pg_database: str, point: str) -> None:
    nth = random.Random(SEED + 2).randint(2, ARTICLES // 2) if point == "batch" else None
    trial = h.transaction_kill_trial(corpus, pg_database, "postgresql", postgres_clean[0], point, nth)
    assert_all_passed([trial])


@pytest.mark.slow
def test_kill_while_a_postgres_transaction_is_open(corpus: h.Corpus, pg_server: str,
                                                   postgres_clean: tuple[h.Snapshot, float]) -> None:
    """Seen from the server (pg_stat_activity: the ingest's session has written in an open
    transaction), the ingest is killed; the server rolls that transaction back."""
    trials, transactions = [], []
    for nth in (1, 2, 3):
        url = h.create_database(pg_server)
        try:
            trial, seen = h.open_transaction_kill_trial(corpus, url, postgres_clean[0], nth)
        finally:
            h.drop_database(url)
        trials.append(trial)
        transactions.append(seen)
    assert_all_passed(trials)
    # The kill lands between the poll that saw the transaction and its commit: at least
    # one of the three must have been rolled back by the server, or the test missed.
    assert any(t and t.status == "aborted" for t in transactions), h.trial_lines(trials)


@pytest.mark.slow
def test_terminated_backend_is_retried(corpus: h.Corpus, pg_database: str,
                                       postgres_clean: tuple[h.Snapshot, float]) -> None:
    trial = h.terminate_trial(corpus, pg_database, postgres_clean[0])
    assert_all_passed([trial])


# -- 3. the database server stopped and restarted ------------------------------------------------


@pytest.mark.slow
def test_server_restart_mid_ingest_reconnects(corpus: h.Corpus, private_server: h.PrivateServer,
                                              postgres_clean: tuple[h.Snapshot, float]) -> None:
    trial = h.server_restart_trial(corpus, private_server, postgres_clean[0])
    assert_all_passed([trial])


@pytest.mark.slow
def test_server_down_too_long_says_rerun(corpus: h.Corpus, private_server: h.PrivateServer,
                                         postgres_clean: tuple[h.Snapshot, float]) -> None:
    trial = h.server_down_trial(corpus, private_server, postgres_clean[0])
    assert_all_passed([trial])


# -- 4. disk full ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_disk_full_sqlite(corpus: h.Corpus, sqlite_clean: tuple[h.Snapshot, float, int],
                          tmp_path: Path) -> None:
    reference, _, pages = sqlite_clean
    trial = h.disk_full_trial(corpus, tmp_path, reference, pages)
    assert_all_passed([trial])
    assert 0 < trial.before_rerun < corpus.articles
