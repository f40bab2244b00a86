"""Stories in a store, placed incrementally (corpus/assign.py), and exact copies at another
address: on SQLite and PostgreSQL alike."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

import newstrace
from newstrace.config import Options
from newstrace.corpus import assign
from newstrace.corpus.ingest import ingest
from newstrace.store import StoredArticle, open_store

from ..store_fixtures import store_url  # noqa: F401  (the parametrised fixture)
from .test_stories import ARTICLES, STORIES

# Dated so that the stories' reports are days apart, within a story's window.
DAYS = ["2021-03-12", "2021-03-12", "2022-10-03", "2022-10-04", "2008-12-05", "2008-12-06",
        "2013-05-03", "2013-05-04"]
OTHERS = [  # reports of no story here
    ("Lima, 10 April 2024. Peru's central bank held its main interest rate at 6.25 percent on "
     "Thursday, the bank said in a statement.", "2024-04-10"),
    ("Nairobi, 9 April 2024. Floods cut six roads in northern Kenya, the Kenya Red Cross said on "
     "Monday. Interior Minister Joseph Kariuki told reporters the army would deploy helicopters.",
     "2024-04-09"),
    ("Oslo, 3 March 2024. Norway and Sweden signed a fishing accord in Bergen on Tuesday, Reuters "
     "reported. The accord ends a dispute over cod quotas in the Barents Sea.", "2024-03-03"),
]


def analysed(text: str, published: str, url: str | None = None) -> dict:
    return newstrace.analyze(text, content_type="plain", published=published, url=url).to_dict()


@pytest.fixture(scope="module")
def story_dossiers() -> list[dict]:
    return [analysed(text, day) for text, day in zip(ARTICLES, DAYS)]


@pytest.fixture(scope="module")
def other_dossiers() -> list[dict]:
    return [analysed(text, day) for text, day in OTHERS]


def put(store, dossiers: list[dict]) -> None:
    store.add([StoredArticle(d, hashlib.sha256(d["text"].encode()).hexdigest(), "test") for d in dossiers])


def grouping(store, dossiers: list[dict]) -> list[list[int]]:
    """The store's stories as groups of indices into `dossiers` (singletons included)."""
    groups: dict = {}
    for index, d in enumerate(dossiers):
        story = _story_of(store, d["id"])
        key = story if story is not None else ("alone", index)
        groups.setdefault(key, []).append(index)
    return sorted(groups.values())


def _story_of(store, article_id: str) -> int | None:
    from sqlalchemy import select

    from newstrace.store import schema

    with store.engine.connect() as connection:
        return connection.execute(select(schema.articles.c.story_id)
                                  .where(schema.articles.c.id == article_id)).scalar()


@pytest.fixture
def store(store_url: str):  # noqa: F811
    s = open_store(store_url)
    yield s
    s.close()


def test_a_first_ingest_is_clustered_whole_as_cluster_stories_does(store, story_dossiers, other_dossiers) -> None:
    everything = [*story_dossiers, *other_dossiers]
    put(store, everything)
    assert store.unclustered() == len(everything)
    assert assign.cluster_store(store) == 4
    assert store.unclustered() == 0
    assert grouping(store, everything) == sorted(newstrace.cluster_stories(everything))
    assert grouping(store, everything)[:4] == STORIES


@pytest.mark.parametrize("late", [[7], [6, 7], [1, 3, 5, 7]])
def test_articles_added_later_join_their_stories(store, story_dossiers, other_dossiers, late) -> None:
    # stored in two ingests, the later one small beside the store: the new articles are
    # placed incrementally, and the stories come out as a single batch would make them
    early = [d for i, d in enumerate(story_dossiers) if i not in late] + other_dossiers
    put(store, early)
    assign.cluster_store(store)
    before = {s["id"]: s for s in store.stories()}
    put(store, [story_dossiers[i] for i in late])
    assert store.unclustered() == len(late) < assign.FULL_SHARE * store.count()
    assign.cluster_store(store)
    everything = [*story_dossiers, *other_dossiers]
    assert grouping(store, everything) == sorted(newstrace.cluster_stories(everything))
    # a story that an article joined keeps its id
    after = {s["id"]: s for s in store.stories()}
    assert set(before) <= set(after)


def test_new_articles_are_compared_with_candidates_not_the_store(store, story_dossiers, other_dossiers,
                                                                 monkeypatch) -> None:
    put(store, [*story_dossiers[:6], *other_dossiers])
    assign.cluster_store(store)
    monkeypatch.setattr(assign, "BACKGROUND", 0)
    read: list[str] = []
    real = store.dossiers_of

    def spy(ids):
        for d in real(ids):
            read.append(d["id"])
            yield d

    monkeypatch.setattr(store, "dossiers_of", spy)
    monkeypatch.setattr(store, "dossiers", lambda *a, **k: pytest.fail("read the whole store"))
    put(store, [story_dossiers[6], story_dossiers[7]])
    assign.cluster_store(store)
    # the two Lohan reports share no anchor in their time with any stored article
    assert sorted(read) == sorted([story_dossiers[6]["id"], story_dossiers[7]["id"]])
    assert grouping(store, story_dossiers)[-1] == [6, 7]


def test_candidates_share_an_anchor_in_the_window(store, story_dossiers) -> None:
    from newstrace.corpus.stories import story_features

    put(store, story_dossiers[:6])
    assign.cluster_store(store)
    new = {"x": story_features(story_dossiers[1])}
    assert story_dossiers[0]["id"] in assign.candidates(store, new)["x"]
    moved = dict(story_dossiers[1], metadata={**story_dossiers[1]["metadata"], "published": "2021-09-30"})
    assert assign.candidates(store, {"x": story_features(moved)}) == {"x": []}   # months later


def test_a_clustering_cut_short_is_done_by_the_next_run(store, story_dossiers) -> None:
    put(store, story_dossiers[:4])
    assign.cluster_store(store)
    put(store, story_dossiers[4:6])                # stored; the clustering never ran
    assert store.unclustered() == 2
    assign.cluster_store(store)
    assert store.unclustered() == 0
    assert grouping(store, story_dossiers[:6]) == [[0, 1], [2, 3], [4, 5]]


def test_recompute_clusters_the_whole_store(store, story_dossiers) -> None:
    put(store, story_dossiers)
    assign.cluster_store(store)
    ids = sorted(s["id"] for s in store.stories())
    assert assign.cluster_store(store, full=True) == 4
    assert sorted(s["id"] for s in store.stories()) == ids


# -- exact copies ----------------------------------------------------------------------------


PAGE = ("Harbour works begin in Porto\n\nPorto, 4 March 2024\n\nWorkers began repairing the harbour "
        "wall in Porto on Monday, the city council said. Mayor Ana Costa said the wall had not "
        "been repaired since 1990.")


def test_the_same_content_at_another_address_is_kept_as_a_copy(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    lines = [{"url": "https://first.example/harbour", "text": PAGE, "published": "2024-03-04"},
             {"url": "https://mirror.example.net/news/harbour", "text": PAGE, "published": "2024-03-05"},
             {"url": "https://www.third.example.org/h", "text": PAGE}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines))
    store = open_store(store_url)
    try:
        first = ingest([str(feed)], store, Options(), workers=1)
        assert (first.stored, first.copies, first.skipped) == (1, 2, 0)
        (article,) = [d["id"] for d in store.dossiers()]
        copies = store.lineage(article)["exact_copies"]
        # the third has no date of its own: its page's dateline gives one
        assert [(c["url"], c["publisher"], c["published"]) for c in copies] == [
            ("https://www.third.example.org/h", "third.example.org", "2024-03-04"),
            ("https://mirror.example.net/news/harbour", "mirror.example.net", "2024-03-05")]
        again = ingest([str(feed)], store, Options(), workers=1)      # the same URLs: a no-op
        assert (again.stored, again.copies, again.skipped) == (0, 0, 3)
        redo = ingest([str(feed)], store, Options(), workers=1, reprocess=True)
        assert redo.replaced >= 1 and store.count() == 1
        assert len(store.exact_copies([d["id"] for d in store.dossiers()][0])) == 2   # kept
    finally:
        store.close()


def test_record_copy_needs_stored_content_and_a_new_address(store, story_dossiers) -> None:
    d = story_dossiers[0]
    digest = hashlib.sha256(d["text"].encode()).hexdigest()
    assert not store.record_copy(digest, "https://a.example/x")          # nothing stored yet
    put(store, [d])
    assert store.record_copy(digest, "https://a.example/x", "a.example", "2021-03-13")
    assert not store.record_copy(digest, "https://a.example/x")          # known already
    assert not store.record_copy("0" * 64, "https://b.example/y")        # other content
    assert [c["url"] for c in store.exact_copies(d["id"])] == ["https://a.example/x"]


def test_the_api_gives_exact_copies_in_the_lineage(tmp_path: Path, story_dossiers) -> None:
    from fastapi.testclient import TestClient

    from newstrace.web.app import create_app

    store = open_store(str(tmp_path / "c.db"))
    d = story_dossiers[2]
    put(store, [d])
    store.record_copy(hashlib.sha256(d["text"].encode()).hexdigest(), "https://copy.example/q",
                      "copy.example", "2022-10-05")
    store.close()
    with TestClient(create_app(str(tmp_path / "c.db"))) as client:
        lineage = client.get(f"/api/articles/{d['id']}/lineage").json()
    assert [(c["url"], c["publisher"], c["published"]) for c in lineage["exact_copies"]] == [
        ("https://copy.example/q", "copy.example", "2022-10-05")]


def test_a_version_4_store_is_clustered_whole_after_the_upgrade(tmp_path: Path, story_dossiers) -> None:
    path = tmp_path / "old.db"
    store = open_store(str(path))
    put(store, story_dossiers[:4])
    assign.cluster_store(store)
    store.close()
    with sqlite3.connect(path) as connection:      # make it look like version 4
        for table in ("story_pending", "story_anchors", "exact_copies"):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
    store = open_store(str(path))
    try:
        assert store.unclustered() == 4             # no anchors yet: all pending
        assign.cluster_store(store)
        assert store.unclustered() == 0
        assert grouping(store, story_dossiers[:4]) == [[0, 1], [2, 3]]
        assert store.anchor_hits(["raditya jati"], None, 10)["raditya jati"]
    finally:
        store.close()


# -- exports ---------------------------------------------------------------------------------

REPORTS = [
    "Kabul, 4 May 2024. Afghan police arrested three protesters in Kabul on Monday, the interior "
    "ministry said. Germany condemned the arrests.",
    "Nairobi, 9 April 2024. Kenyan police arrested twelve traders in Nairobi on Tuesday after a "
    "protest over taxes, officials said.",
    "Lima, 2 June 2024. Peru's president met the Chilean foreign minister in Lima on Friday to "
    "discuss a new border crossing, the ministry said.",
]


@pytest.mark.parametrize("text", REPORTS)
def test_an_event_told_by_copies_is_one_row_with_its_counts(store, text: str) -> None:
    import csv
    import io

    from newstrace.corpus.export import export_corpus
    from newstrace.store import LineageLink

    origin = newstrace.analyze(text, content_type="plain", url="https://wire.example/a",
                               published="2024-06-01").to_dict()
    reprint = newstrace.analyze(text + " More follows.", content_type="plain",
                                url="https://daily.example/b", published="2024-06-02").to_dict()
    assert origin["events"], "the report must have an event to count"
    origin["metadata"]["publisher"], reprint["metadata"]["publisher"] = "Wire", "Daily"
    put(store, [origin, reprint])
    store.set_lineage([LineageLink(reprint["id"], origin["id"], "reprint", 0.95)])
    store.record_copy(hashlib.sha256(origin["text"].encode()).hexdigest(),
                      "https://mirror.example/a", "mirror.example", "2024-06-03")
    out = io.StringIO()
    export_corpus(store, "events", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    # every event once, from the origin, told by three pages of three publishers
    assert len(rows) == len(origin["events"])
    assert {r["article_id"] for r in rows} == {origin["id"]}
    assert {(r["num_articles"], r["num_sources"]) for r in rows} == {("3", "3")}
    assert all(r["articles"] == f"{origin['id']}; {reprint['id']}" for r in rows)


def test_events_of_unrelated_articles_stay_apart_and_count_one(store, other_dossiers) -> None:
    import csv
    import io

    from newstrace.corpus.export import export_corpus

    put(store, other_dossiers)
    out = io.StringIO()
    export_corpus(store, "events", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == sum(len(d["events"]) for d in other_dossiers)
    assert {(r["num_articles"], r["num_sources"]) for r in rows} <= {("1", "1")}


def test_the_stories_export(store, story_dossiers) -> None:
    import csv
    import io

    from newstrace.corpus.export import export_corpus

    put(store, story_dossiers)
    assign.cluster_store(store)
    out = io.StringIO()
    assert export_corpus(store, "stories", out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(r["num_articles"] for r in rows) == ["2"] * 4
    by_first = {r["first_published"]: r for r in rows}
    assert set(by_first) == {DAYS[0], DAYS[2], DAYS[4], DAYS[6]}
    quake = by_first[DAYS[0]]
    assert set(quake["articles"].split("; ")) == {story_dossiers[0]["id"], story_dossiers[1]["id"]}
    assert quake["last_published"] == DAYS[1] and int(quake["story_id"]) > 0


@pytest.mark.parametrize("language", ["de", "es", "pt"])
def test_a_copy_ingested_later_joins_its_origins_story(store_url: str, tmp_path: Path,  # noqa: F811
                                                       story_dossiers, language: str) -> None:
    from .test_stories import FOREIGN

    text = FOREIGN[language]
    first = [{"url": f"https://site{k}.example/a", "text": d["text"], "published": DAYS[k]}
             for k, d in enumerate(story_dossiers[:6])]
    first.append({"url": "https://origin.example/x", "text": text, "published": "2022-05-04"})
    later = [{"url": "https://copy.example/y", "text": "Agentur-/agency: " + text, "published": "2022-05-05"}]
    for name, lines in (("first.jsonl", first), ("later.jsonl", later)):
        (tmp_path / name).write_text("".join(json.dumps(line) + "\n" for line in lines))
    store = open_store(store_url)
    try:
        ingest([str(tmp_path / "first.jsonl")], store, Options(), workers=1)
        assert store.story_count() == 3                       # the foreign page is alone
        ingest([str(tmp_path / "later.jsonl")], store, Options(), workers=1)   # incremental
        ids = {d["metadata"]["url"]: d["id"] for d in store.dossiers()}
        origin, copy = ids["https://origin.example/x"], ids["https://copy.example/y"]
        assert store.lineage(copy)["article"]["origin_id"] == origin
        assert _story_of(store, origin) is not None and _story_of(store, origin) == _story_of(store, copy)
        assert store.story_count() == 4
        assign.cluster_store(store, full=True)                # the whole store: the same
        assert _story_of(store, origin) == _story_of(store, copy) and store.story_count() == 4
    finally:
        store.close()
