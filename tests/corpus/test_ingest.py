"""Ingest: idempotent, resumable after a kill, bad records reported, on both stores."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newstrace.config import Options
from newstrace.corpus.ingest import ingest
from newstrace.store import open_store

from ..store_fixtures import store_url  # noqa: F401

CITIES = ["Lisbon", "Porto", "Nairobi", "Mombasa", "Oslo", "Bergen", "Valletta", "Tunis",
          "Athens", "Sofia", "Accra", "Dakar", "Hanoi", "Manila", "Quito", "Lima"]


def article(number: int) -> str:
    city = CITIES[number % len(CITIES)]
    return (f"Harbour works begin in {city} (story {number})\n\n"
            f"{city}, 4 March 2024 | 09:{number % 60:02d}\n\n"
            f"Workers began repairing the harbour wall in {city} on Monday, the city council said. "
            f"The project, number {number} on the list, will cost {number + 3} million euros.\n\n"
            f"Mayor Ana Costa{number} said the wall had not been repaired since {1990 + number % 30}.")


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{number:04d}.txt").write_text(article(number), encoding="utf-8")
    return folder


def options() -> Options:
    return Options()


def test_ingest_is_idempotent_and_reprocess_replaces(tmp_path: Path, store_url: str) -> None:  # noqa: F811
    corpus = write_corpus(tmp_path / "in", 12)
    store = open_store(store_url)
    first = ingest([str(corpus)], store, options(), workers=1, batch_size=5, stories=False)
    assert (first.read, first.stored, first.skipped, first.failed) == (12, 12, 0, 0)
    again = ingest([str(corpus)], store, options(), workers=1, stories=False)
    assert (again.stored, again.skipped) == (0, 12)
    redo = ingest([str(corpus)], store, options(), workers=1, reprocess=True, stories=False)
    assert (redo.stored, redo.replaced) == (0, 12)
    assert store.count() == 12
    store.close()


def test_bad_records_are_reported_and_the_batch_goes_on(tmp_path: Path, store_url: str) -> None:  # noqa: F811
    corpus = write_corpus(tmp_path / "in", 3)
    (corpus / "empty.txt").write_text("")
    (corpus / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    lines = [json.dumps({"url": "https://example.org/ok", "text": article(50)}), "{not json",
             json.dumps({"url": "https://example.org/none"})]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n")
    store = open_store(store_url)
    summary = ingest([str(corpus)], store, options(), workers=1, stories=False)
    assert summary.stored == 4
    assert summary.failed == 4
    assert len(store.failures()) == 4
    assert store.count() == 4
    store.close()


def test_parallel_ingest_matches_serial(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 10)
    serial, parallel = open_store(":memory:"), open_store(":memory:")
    ingest([str(corpus)], serial, options(), workers=1, stories=False)
    ingest([str(corpus)], parallel, options(), workers=2, batch_size=3, stories=False)
    assert sorted(d["id"] for d in serial.dossiers()) == sorted(d["id"] for d in parallel.dossiers())
    assert list(serial.dossiers()) and {d["id"]: d for d in serial.dossiers()} == \
        {d["id"]: d for d in parallel.dossiers()}


@pytest.mark.slow
def test_kill_and_resume_stores_every_article_exactly_once(tmp_path: Path, store_url: str) -> None:  # noqa: F811
    count = 60
    corpus = write_corpus(tmp_path / "in", count)
    command = [sys.executable, "-m", "newstrace", "ingest", str(corpus), "--db", store_url,
               "--workers", "1", "--batch-size", "4", "--no-stories"]
    store = open_store(store_url)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while store.count() < 12 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    assert process.poll() is None, "ingest finished before it could be killed: make the corpus bigger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = store.count()
    assert 12 <= partial < count
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert store.count() == count
    assert f"skipped {partial}" in resumed.stderr.replace("\n", " ")
    ids = [d["id"] for d in store.dossiers()]
    assert len(ids) == len(set(ids)) == count
    store.close()


def test_pool_workers_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    # A kill -9 gives the pool no chance to stop its workers: they must notice by themselves.
    script = (
        "import os, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from newstrace.runner import _exit_with_parent\n"
        "def pid(_):\n"
        "    time.sleep(0.2)\n"
        "    return os.getpid()\n"
        "if __name__ == '__main__':\n"
        "    pool = ProcessPoolExecutor(2, initializer=_exit_with_parent, initargs=(os.getpid(), 0.1))\n"
        "    print(' '.join(map(str, set(pool.map(pid, range(6))))), flush=True)\n"
        "    time.sleep(60)\n"
    )
    path = tmp_path / "pool.py"
    path.write_text(script)
    process = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in process.stdout.readline().split()]
    assert workers
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    process.stdout.close()
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if _running(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "pool workers outlived their killed ingest"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] \
        if Path(f"/proc/{pid}/stat").exists() else "X"
    return state not in ("Z", "X")


def test_stored_paths_are_relative_to_what_was_ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stored dossier's input.path, and where an exact copy was read, name the file
    relative to what was ingested (a directory's name and the path below it, a file's
    own name), never where it sat on the machine: the API serves them."""
    corpus = write_corpus(tmp_path / "crawl" / "day1", 2).parent
    (corpus / "wire.jsonl").write_text(
        json.dumps({"url": "https://example.org/a", "text": article(7)}) + "\n"
        + json.dumps({"url": "https://example.org/mirror", "text": article(7)}) + "\n", encoding="utf-8")
    lone = write_corpus(tmp_path / "elsewhere", 1) / "0000.txt"
    lone.write_text(article(9), encoding="utf-8")
    store = open_store(str(tmp_path / "corpus.db"))
    ingest([str(corpus.resolve()), str(lone.resolve())], store, options(), workers=1, stories=False)
    paths = sorted(d["input"]["path"] for d in store.dossiers())
    assert paths == ["0000.txt", "crawl/day1/0000.txt", "crawl/day1/0001.txt", "crawl/wire.jsonl#line 1"]
    [copied] = [d for d in store.dossiers() if d["input"]["path"].startswith("crawl/wire")]
    assert [c["source"] for c in store.exact_copies(copied["id"])] == ["crawl/wire.jsonl"]
    # given as "." from inside the folder: still the folder's own name
    monkeypatch.chdir(corpus / "day1")
    (corpus / "day1" / "0002.txt").write_text(article(11), encoding="utf-8")
    ingest(["."], store, options(), workers=1, stories=False)
    assert "day1/0002.txt" in {d["input"]["path"] for d in store.dossiers()}
    store.close()


# -- one way in: ingest, load and the API store alike (issue 20) ---------------------------------

REPORT = ("Harbour wall repairs begin in Valletta\n\n"
          "Workers began repairing the harbour wall in Valletta on Monday, the city council said. "
          "The project will cost 14 million euros and take two years, officials said.\n\n"
          "Mayor Ana Costa said the wall had not been repaired since 1994, when storms broke it.")
# The same article reprinted by another site with a line of its own: a copy by text.
REPRINT = REPORT.replace("Harbour wall repairs begin in Valletta",
                         "Valletta harbour repairs start") + "\n\nThis report first appeared in the Times."
# The same content saved with other line endings and indentation.
RESAVED = REPORT.replace("\n\n", "\r\n  \r\n")


def _stored_rows(store: object) -> list[tuple[str, str, bytes, str | None, str | None, bool]]:
    from sqlalchemy import select

    from newstrace.store import schema as t

    a = t.articles
    with store.engine.connect() as c:  # type: ignore[attr-defined]
        rows = c.execute(select(a.c.id, a.c.content_hash, a.c.fingerprint, a.c.origin_id,
                                a.c.relation, a.c.story_id.is_not(None)).order_by(a.c.url)).all()
    return [tuple(r) for r in rows]


def test_ingest_load_and_the_api_store_an_article_alike(tmp_path: Path) -> None:
    """The three doors into a corpus store through one writer: the same id, content hash,
    fingerprint, lineage link and story for the same two articles; content met again with
    other whitespace is seen, whichever door it comes in by."""
    from fastapi.testclient import TestClient

    from newstrace.scale import load_results, run_batch
    from newstrace.web import create_app

    records = [{"content": REPORT, "url": "https://one.example/harbour", "published": "2024-03-04",
                "content_type": "plain"},
               {"content": REPRINT, "url": "https://two.example/harbour", "published": "2024-03-05",
                "content_type": "plain"}]
    wire = tmp_path / "wire.jsonl"
    wire.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    by_ingest = open_store(f"sqlite:///{tmp_path / 'ingest.db'}")
    ingested = ingest([str(wire)], by_ingest, options(), workers=1)
    assert (ingested.stored, ingested.linked) == (2, 1)

    run_batch([str(wire)], str(tmp_path / "out"), engine="local")
    by_load = open_store(f"sqlite:///{tmp_path / 'load.db'}")
    loaded = load_results(str(tmp_path / "out"), by_load)
    assert (loaded.stored, loaded.linked) == (2, 1)

    api_db = tmp_path / "api.db"
    with TestClient(create_app(str(api_db), token="t0ken"), raise_server_exceptions=False) as client:
        outcomes = [client.post("/api/analyze", json={**r, "store": True},
                                headers={"Authorization": "Bearer t0ken"}).json()["stored"] for r in records]
        resaved = client.post("/api/analyze", headers={"Authorization": "Bearer t0ken"}, json={
            **records[0], "content": RESAVED, "url": "https://three.example/harbour", "store": True})
    assert [(o["stored"], o["linked"]) for o in outcomes] == [(1, 0), (1, 1)]
    assert resaved.json()["stored"]["copies"] == 1                    # seen by its hash: a copy
    by_api = open_store(f"sqlite:///{api_db}")

    rows = [_stored_rows(s) for s in (by_ingest, by_load, by_api)]
    assert rows[0] == rows[1] == rows[2]
    (first, *_), (second, _, _, origin, relation, _) = rows[0]
    assert (origin, relation) == (first, "rewrite")                   # the reprint, linked
    assert all(has_story for *_, has_story in rows[0])
    assert by_api.exact_copies(first)[0]["url"] == "https://three.example/harbour"
    # whitespace is no new content at the other doors either
    (tmp_path / "resaved.txt").write_text(RESAVED, encoding="utf-8")
    again = ingest([str(tmp_path / "resaved.txt")], by_ingest, options(), workers=1)
    assert (again.stored, again.skipped) == (0, 1)
    for store in (by_ingest, by_load, by_api):
        store.close()
