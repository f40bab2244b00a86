"""One suite for both stores: SQLite and PostgreSQL behave the same."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pytest

import newstrace
from newstrace.errors import StoreError
from newstrace.store import LineageLink, SearchFilters, StoredArticle, open_store

from ..store_fixtures import store_url  # noqa: F401  (the parametrised fixture)

PORT_DEAL = """Oslo, 3 March 2024. Norway and Sweden signed a fishing accord in Bergen on Tuesday,
Reuters reported, citing two officials. "It is a good day for both countries," said Foreign
Minister Ine Eriksen Soereide. The accord ends a dispute over cod quotas in the Barents Sea."""
HARBOUR = """Valletta, 5 March 2024. The city council approved a smaller harbour budget on Monday.
Mayor Alfred Borg said the cuts were painful. Ine Eriksen Soereide, visiting Malta, praised
the plan. According to a report by the audit office, the breakwater needs urgent repairs."""
FLOODS = """Nairobi, 9 April 2024. Floods cut six roads in northern Kenya, the Kenya Red Cross
said on Monday. Interior Minister Joseph Kariuki told reporters the army would deploy
helicopters to reach villages near Marsabit."""
EXTRA = """Lima, 10 April 2024. Peru's central bank held its main interest rate at 6.25 percent on
Thursday, the bank said in a statement."""


@lru_cache(maxsize=8)
def dossier(text: str, url: str | None = None, published: str | None = None) -> dict:
    return newstrace.analyze(text, content_type="plain", url=url, published=published).to_dict()


def stored(text: str, url: str | None = None, published: str | None = None) -> StoredArticle:
    d = dossier(text, url, published)
    return StoredArticle(d, hashlib.sha256(text.encode()).hexdigest(), "test")


@pytest.fixture
def store(store_url: str):  # noqa: F811
    s = open_store(store_url)
    yield s
    s.close()


def test_add_once_then_skip_by_content_and_by_url(store) -> None:
    assert store.add([stored(PORT_DEAL, url="https://example.org/a")]).stored == 1
    assert store.add([stored(PORT_DEAL, url="https://example.org/a")]).skipped == 1
    assert store.seen(hashlib.sha256(PORT_DEAL.encode()).hexdigest(), None)
    assert store.seen("0" * 64, "https://example.org/a")
    assert not store.seen("0" * 64, "https://example.org/other")
    assert store.count() == 1


def test_replace_keeps_one_copy(store) -> None:
    store.add([stored(PORT_DEAL)])
    result = store.add([stored(PORT_DEAL)], replace=True)
    assert (result.stored, result.replaced) == (0, 1)
    assert store.count() == 1
    assert len(store.entity("Ine Eriksen Soereide")[0].mentions) == 1


def test_get_returns_the_whole_dossier(store) -> None:
    store.add([stored(FLOODS)])
    d = dossier(FLOODS)
    assert store.get(d["id"]) == d
    assert store.get("nt-missing") is None


def test_reopening_runs_no_migration_twice(store_url: str) -> None:  # noqa: F811
    first = open_store(store_url)
    first.add([stored(FLOODS)])
    first.close()
    again = open_store(store_url)
    assert again.count() == 1
    again.close()


def test_full_text_search_and_filters(store) -> None:
    store.add([stored(PORT_DEAL, published="2024-03-03"), stored(HARBOUR, published="2024-03-05"),
               stored(FLOODS, published="2024-04-09")])
    ids = lambda **kw: {h.id for h in store.search(SearchFilters(**kw))}  # noqa: E731
    assert ids(query="fishing accord") == {dossier(PORT_DEAL, None, "2024-03-03")["id"]}
    assert ids(query="harbour budget", date_from="2024-03-04") == {dossier(HARBOUR, None, "2024-03-05")["id"]}
    assert len(ids(date_from="2024-03-01", date_to="2024-03-31")) == 2
    assert len(ids(entity="Ine Eriksen Soereide")) == 2
    assert ids(place="Kenya") == {dossier(FLOODS, None, "2024-04-09")["id"]}
    assert ids(event_type="agree") == {dossier(PORT_DEAL, None, "2024-03-03")["id"]}
    assert ids(source="Reuters") == {dossier(PORT_DEAL, None, "2024-03-03")["id"]}
    assert ids(query="nothingmatchesthis") == set()
    hits = store.search(SearchFilters(query="fishing"))
    assert hits[0].snippet and "fishing" in hits[0].snippet.lower()


@pytest.mark.parametrize("hostile", [
    "'; DROP TABLE articles; --", '" OR 1=1 --', "fishing) OR (1=1", "NEAR(a b)", "*", "a AND",
    "%' OR '1'='1", "\\x00", "title:fishing",
])
def test_search_is_immune_to_injection(store, hostile: str) -> None:
    store.add([stored(PORT_DEAL), stored(FLOODS)])
    store.search(SearchFilters(query=hostile))
    store.search(SearchFilters(entity=hostile, source=hostile, publisher=hostile, place=hostile))
    assert store.count() == 2


def test_one_corpus_entity_across_articles(store) -> None:
    store.add([stored(PORT_DEAL), stored(HARBOUR)])
    (report,) = store.entity("Ine Eriksen Soereide")
    assert report.type == "PERSON"
    assert {m.article.id for m in report.mentions} == {dossier(PORT_DEAL)["id"], dossier(HARBOUR)["id"]}
    assert report.quotes and report.quotes[0]["kind"] == "direct"
    assert any(e["type"] == "SUPPORT" for e in report.events)


def test_places_are_one_entity_with_coordinates(store) -> None:
    store.add([stored(FLOODS), stored(PORT_DEAL)])
    (kenya,) = store.entity("Kenya")
    assert kenya.place and kenya.place["country"] == "KE"
    listing = store.entities(type="GPE")
    assert any(row["name"] == "Kenya" and row["lat"] is not None for row in listing)


def test_failures_are_kept(store) -> None:
    store.record_failure("inbox/broken.html", "input is a PNG image, not text or HTML")
    assert store.failures()[0]["key"] == "inbox/broken.html"


def test_the_followers_sources_and_entries(store) -> None:
    """store/follow.py on both databases: a source's state replaced whole; entries known by
    the follower's record or by an article or copy stored at their address."""
    import datetime as dt

    when = dt.datetime(2026, 12, 5, 18, 0, tzinfo=dt.timezone.utc)
    row = {"url": "https://a.example/feed", "feed_url": None, "kind": "feed", "etag": '"1"',
           "last_modified": None, "last_fetch": when, "next_poll": when, "status": "ok",
           "error": None, "errors_in_row": 0, "entries": 3, "new_articles": 2, "total_articles": 2}
    store.save_follow_sources([row])
    store.save_follow_sources([{**row, "status": "error", "error": "HTTP 500", "errors_in_row": 1}])
    (saved,) = store.follow_sources()
    assert (saved["status"], saved["error"], saved["etag"], saved["total_articles"]) == ("error", "HTTP 500", '"1"', 2)
    assert saved["next_poll"].replace(tzinfo=dt.timezone.utc) == when
    store.add([stored(PORT_DEAL, url="https://a.example/stored")])
    store.record_copy(hashlib.sha256(PORT_DEAL.encode()).hexdigest(), "https://b.example/copy")
    entries = [{"url": f"https://a.example/{n}", "source_url": row["url"], "state": state,
                "attempts": 1, "error": None, "seen_at": when} for n, state in ((1, "done"), (2, "failed"))]
    store.record_entries(entries)
    store.record_entries([{**entries[1], "attempts": 2}])
    urls = [f"https://a.example/{n}" for n in (1, 2, 3)] + ["https://a.example/stored", "https://b.example/copy"]
    assert store.entry_states(urls) == {
        "https://a.example/1": ("done", 1), "https://a.example/2": ("failed", 2),
        "https://a.example/stored": ("stored", 0), "https://b.example/copy": ("stored", 0)}
    many = [f"https://c.example/{n}" for n in range(1200)]     # past one IN (...) of URLs
    store.record_entries([{**entries[0], "url": url} for url in many])
    assert len(store.entry_states(many)) == 1200


def test_lineage_and_stories(store) -> None:
    store.add([stored(PORT_DEAL, published="2024-03-03"), stored(HARBOUR, published="2024-03-05")])
    origin, copy = dossier(PORT_DEAL, None, "2024-03-03")["id"], dossier(HARBOUR, None, "2024-03-05")["id"]
    store.set_lineage([LineageLink(copy, origin, "reprint", 0.97)])
    found = store.lineage(copy)
    assert found["origin"]["id"] == origin
    assert [(c["id"], c["relation"]) for c in found["copies"]] == [(copy, "reprint")]
    store.set_stories([[origin, copy]])
    (story,) = store.stories()
    assert story["size"] == 2 and story["earliest_id"] == origin
    assert {h.id for h in store.search(SearchFilters(story=story["id"]))} == {origin, copy}


def test_an_article_alone_is_in_no_story(store) -> None:
    store.add([stored(PORT_DEAL, published="2024-03-03"), stored(HARBOUR, published="2024-03-05"),
               stored(FLOODS, published="2024-04-09")])
    ids = [dossier(PORT_DEAL, None, "2024-03-03")["id"], dossier(HARBOUR, None, "2024-03-05")["id"],
           dossier(FLOODS, None, "2024-04-09")["id"]]
    store.set_stories([[ids[0], ids[1]], [ids[2]]])
    (story,) = store.stories()
    assert story["size"] == 2
    assert {h.id for h in store.search(SearchFilters(story=story["id"]))} == {ids[0], ids[1]}
    store.set_stories([[ids[0]], [ids[1]], [ids[2]]])
    assert store.stories() == []


def four_articles(store) -> list[str]:
    texts = [(PORT_DEAL, "2024-03-03"), (HARBOUR, "2024-03-05"), (FLOODS, "2024-04-09"), (EXTRA, "2024-04-10")]
    store.add([stored(text, published=day) for text, day in texts])
    return [dossier(text, None, day)["id"] for text, day in texts]


def story_ids(store) -> dict[frozenset[str], int]:
    """Live stories by their members."""
    return {frozenset(h.id for h in store.search(SearchFilters(story=s["id"]))): s["id"] for s in store.stories()}


def test_a_rerun_keeps_story_ids(store) -> None:
    a, b, c, d = four_articles(store)
    store.set_stories([[a, b], [c, d]])
    before = story_ids(store)
    store.set_stories([[c, d], [b, a]])            # the same grouping, in another order
    assert story_ids(store) == before
    store.set_stories([[a, b], [c, d]])
    assert story_ids(store) == before


def test_an_article_joining_keeps_the_story_id(store) -> None:
    a, b, c, d = four_articles(store)
    store.set_stories([[a, b], [c], [d]])
    (first,) = story_ids(store).values()
    store.set_stories([[a, b, c], [d]])
    assert story_ids(store) == {frozenset({a, b, c}): first}
    assert store.stories()[0]["size"] == 3


def test_merged_stories_lead_to_the_merged_one(store) -> None:
    a, b, c, d = four_articles(store)
    store.set_stories([[a, b], [c, d]])
    ids = story_ids(store)
    ab, cd = ids[frozenset({a, b})], ids[frozenset({c, d})]
    store.set_stories([[a, b, c, d]])
    assert story_ids(store) == {frozenset({a, b, c, d}): min(ab, cd)}   # a tie: the lower id stays
    gone = max(ab, cd)
    assert store.story_successor(gone) == min(ab, cd)
    assert store.story(gone)["id"] == min(ab, cd) and len(store.story(gone)["articles"]) == 4
    assert [s["id"] for s in store.stories()] == [min(ab, cd)]
    store.set_stories([[a, b], [c, d]])             # split again: the kept id goes to one part
    after = story_ids(store)
    assert min(ab, cd) in after.values() and len(after) == 2
    store.set_stories([[a], [b], [c], [d]])        # no story left: the ids lead nowhere
    assert store.stories() == [] and store.story_successor(gone) is None


def test_dossiers_are_streamed_in_ingest_order(store) -> None:
    store.add([stored(FLOODS)])
    store.add([stored(PORT_DEAL)])
    assert [d["id"] for d in store.dossiers(batch=1)] == [dossier(FLOODS)["id"], dossier(PORT_DEAL)["id"]]


def test_lineage_index_is_rebuilt_from_slim_rows(store) -> None:
    from newstrace.corpus.lineage import Fingerprint, LineageIndex

    articles = [stored(FLOODS, published="2024-04-09"), stored(PORT_DEAL, published="2024-03-03")]
    for article in articles:
        article.fingerprint = Fingerprint.of(article.dossier).to_bytes()
    store.add(articles)
    slim = list(store.lineage_entries())
    assert [s["id"] for s in slim] == [a.dossier["id"] for a in articles]
    for row, article in zip(slim, articles):
        meta = article.dossier["metadata"]
        assert row["metadata"]["publisher"] == meta.get("publisher")
        assert row["metadata"]["original_language"] == meta.get("original_language")
        assert row["sources"]["chain"] == article.dossier["sources"]["chain"]
    index = LineageIndex.from_store(store)
    assert len(index) == 2 and articles[0].dossier["id"] in index


def test_bad_locations_are_clear_errors(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing-folder" / "x.db"))
    with pytest.raises(StoreError, match="unknown database URL"):
        open_store("mysql://somewhere/db")
    with pytest.raises(StoreError, match="cannot open"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")


# Four articles that name one country four ways (issue 16: corpus identity).
COUNTRY_FORMS = {
    "America": "Boston, 2 May 2024. America will send grain to Sudan, aid officials said on Monday.",
    "US": "Denver, 3 May 2024. The US will fund a new dam in Ghana, the embassy said on Tuesday.",
    "U.S.": "Austin, 4 May 2024. U.S. farmers sold more soy to Japan this spring, traders said.",
    "United States": "Miami, 5 May 2024. The United States lifted a ban on Cuban coffee, Reuters reported.",
}


@pytest.mark.parametrize("form", [*COUNTRY_FORMS, "the United States", "USA"])
def test_every_name_of_a_country_finds_the_same_articles(store, form: str) -> None:
    store.add([stored(text) for text in COUNTRY_FORMS.values()])
    every = {dossier(text)["id"] for text in COUNTRY_FORMS.values()}
    assert {a.id for a in store.search(SearchFilters(entity=form))} >= every
    assert {a.id for a in store.search(SearchFilters(place=form))} >= every
    reports = store.entity(form)
    assert reports and reports[0].name == "United States" and reports[0].articles == 4


def test_several_entities_answer_to_a_name_most_articles_first(store) -> None:
    texts = ["Beirut, 4 June 2024. Lebanon and Jordan closed their embassies in Damascus.",
             "Cairo, 2 June 2024. Egypt and Jordan signed a gas deal on Tuesday.",
             "Chicago, 3 June 2024. Michael Jordan bought a stake in the team. Jordan said he was thrilled."]
    store.add([stored(text) for text in texts])
    reports = store.entity("Jordan")
    assert [(r.name, r.type, r.articles) for r in reports] == [("Jordan", "GPE", 2), ("Michael Jordan", "PERSON", 1)]


QUAKE_1 = """Jakarta, 9 May 2024. A magnitude 6.1 earthquake struck off the coast of Sulawesi on
Thursday, killing at least 12 people in Palu, the disaster agency BNPB said. Agency spokesman
Abdul Muhari said rescuers were searching collapsed homes in Palu and Donggala."""
QUAKE_2 = """Palu, 9 May 2024. At least 12 people died when a 6.1 magnitude earthquake hit Sulawesi
on Thursday, BNPB spokesman Abdul Muhari said, as rescuers searched homes in Palu and
Donggala for survivors."""
QUAKE_3 = """Jakarta, 10 May 2024. The death toll from Thursday's 6.1 magnitude earthquake on
Sulawesi rose to 15, BNPB spokesman Abdul Muhari said on Friday; rescuers in Palu and Donggala
pulled three more bodies from the rubble."""


def test_story_ids_survive_a_rerun_and_an_added_ingest(store) -> None:
    from newstrace.corpus.assign import cluster_store

    store.add([stored(QUAKE_1, published="2024-05-09"), stored(QUAKE_2, published="2024-05-09"),
               stored(FLOODS, published="2024-04-09")])
    assert cluster_store(store) == 1
    (before,) = store.stories()
    assert before["size"] == 2
    assert cluster_store(store) == 1 and store.stories() == [before]          # a re-run
    store.add([stored(QUAKE_3, published="2024-05-10"), stored(PORT_DEAL, published="2024-03-03")])
    cluster_store(store)                                                       # an added ingest
    (after,) = store.stories()
    assert after["id"] == before["id"] and after["size"] == 3


def test_an_in_memory_store_serves_the_store_independent_tests(tmp_path: Path) -> None:
    """`open_store(":memory:")`: a whole store for the life of the process, no file, shared
    by every thread (the API answers from worker threads), gone when closed; two are two
    stores."""
    from fastapi.testclient import TestClient

    from newstrace.corpus.ingest import ingest
    from newstrace.web import create_app

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Harbour repairs begin in Valletta\n\nWorkers began repairing the "
                                  "harbour wall in Valletta on Monday, the city council said.")
    store, other = open_store(":memory:"), open_store(":memory:")
    assert ingest([str(corpus)], store, workers=1).stored == 1
    assert store.count() == 1 and other.count() == 0
    with TestClient(create_app(store=store)) as client:      # closes the store at the end
        assert client.get("/api/health").json()["articles"] == 1
        hits = client.get("/api/search", params={"q": "harbour"}).json()["items"]
        assert [h["title"] for h in hits] == ["Harbour repairs begin in Valletta"]
    assert list(tmp_path.glob("*.db")) == [] and open_store(":memory:").count() == 0
    other.close()
