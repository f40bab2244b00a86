"""Corpus identity on real pages (issue 16): over the 990 dev pages of the extraction
set, every way of naming the United States finds the same articles, by entity and by
place, and the corpus calls it "United States"."""

from __future__ import annotations

import gzip
import hashlib

import pytest

import newstrace
from newstrace.store import SearchFilters, StoredArticle, open_store

from ..conftest import shared_path

pytestmark = pytest.mark.slow

ALIASES = ["United States", "US", "U.S.", "America", "the United States", "USA"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    pages = sorted(shared_path("eval", "extraction", "html").glob("*.html.gz"))
    texts = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'store.db'}")
    batch = []
    for text, dossier in zip(texts, newstrace.analyze_many(texts, content_type="html", on_error="return")):
        if isinstance(dossier, newstrace.Dossier):
            batch.append(StoredArticle(dossier.to_dict(), hashlib.sha256(text.encode()).hexdigest(), "test"))
    store.add(batch)
    yield store
    store.close()


def articles(store, **filters) -> set[str]:
    return {a.id for a in store.search(SearchFilters(limit=500, **filters))}


def test_every_alias_of_the_united_states_finds_the_same_articles(corpus) -> None:
    by_entity = {alias: articles(corpus, entity=alias) for alias in ALIASES}
    by_place = {alias: articles(corpus, place=alias) for alias in ALIASES}
    assert len(by_entity["United States"]) >= 20
    assert all(found == by_entity["United States"] for found in by_entity.values()), \
        {alias: len(found) for alias, found in by_entity.items()}
    assert all(found == by_place["United States"] for found in by_place.values())
    assert by_entity["United States"] <= by_place["United States"]


def test_the_corpus_calls_the_united_states_by_its_name(corpus) -> None:
    reports = corpus.entity("America")
    assert reports[0].name == "United States" and reports[0].type == "GPE"
