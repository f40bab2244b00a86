"""corpus.lineage: reprints, rewrites and translations linked to their origin."""

from __future__ import annotations

import re
from typing import Any

import pytest

from newstrace.corpus.lineage import (
    Entry,
    Fingerprint,
    LineageIndex,
    Link,
    body_text,
    classify,
    lineage,
    normalise_publisher,
    origin_of,
    parse_instant,
)
from newstrace.dossier import ChainLink, Dossier, InputInfo, Metadata, Sources

# The texts are written for these tests: one report, its copies, and an unrelated one.
ORIGINAL = """The Harwick Valley water authority on Tuesday approved a plan to raise the Coldmere reservoir dam by four metres, a project it says will secure supplies for 180,000 households through the next three decades.

The board voted seven to two in favour after a public consultation that drew more than 2,300 written responses. Chief engineer Petra Lindqvist told the meeting that the dam, completed in 1962, was built for a valley with half its present population.

Construction is expected to begin next spring and last about four years. The authority put the cost at 212 million euros, most of it to be paid through a long-term loan from the regional development bank, with the rest raised from water charges.

Opponents, led by the Coldmere Walkers Association, argued that higher water would flood a stretch of ancient woodland and a footpath used by thousands of hikers each summer. Their spokesman, Tomas Rehn, said the group would ask the environment ministry to review the decision.

Lindqvist said the authority would plant new woodland on the eastern shore and reroute the footpath along the ridge before any water is let in. She added that without the expansion the valley could face summer restrictions within ten years."""

REWRITE = """Water managers in the Harwick Valley have backed a plan to raise the Coldmere reservoir dam by four metres, saying it will secure supplies for 180,000 households through the next three decades.

The board voted seven to two in favour after a public consultation that drew more than 2,300 written responses. Chief engineer Petra Lindqvist told the meeting that the dam, completed in 1962, was built for a valley with half its present population.

Work should start next spring and take roughly four years. The authority put the cost at 212 million euros, most of it to be paid through a long-term loan from the regional development bank, with the rest raised from water charges.

Opponents, led by the Coldmere Walkers Association, argued that higher water would flood a stretch of ancient woodland and a footpath used by thousands of hikers each summer. The group's spokesman, Tomas Rehn, said it would take the matter to the environment ministry.

Lindqvist said the authority would plant new woodland on the eastern shore and reroute the footpath along the ridge before any water is let in. Local farmers, who draw on the reservoir for irrigation, welcomed the vote."""

UNRELATED = """A late frost on Sunday night damaged apple and pear blossom across the southern orchards, growers said, in the third cold snap of an unusually changeable spring.

The regional fruit growers' cooperative said early estimates suggested losses of up to a third of this year's crop in the worst-hit districts, where temperatures fell to minus four degrees before dawn.

Some farmers lit paraffin burners and ran sprinklers through the night to protect their trees, a technique that coats the buds in a thin layer of ice and keeps them just above freezing.

The agriculture ministry said it would decide next month whether the damage qualified for emergency support."""

TRANSLATION = """Die Wasserbehörde des Harwick-Tals hat am Dienstag beschlossen, den Damm des Coldmere-Stausees um vier Meter zu erhöhen. Das Vorhaben soll die Versorgung von 180.000 Haushalten für die nächsten drei Jahrzehnte sichern.

Der Vorstand stimmte nach einer öffentlichen Anhörung mit mehr als 2.300 schriftlichen Stellungnahmen mit sieben zu zwei Stimmen dafür. Chefingenieurin Petra Lindqvist sagte, der 1962 fertiggestellte Damm sei für ein Tal mit halb so vielen Einwohnern gebaut worden.

Die Kosten beziffert die Behörde auf 212 Millionen Euro. Gegner um die Coldmere Walkers Association und ihren Sprecher Tomas Rehn wollen das Umweltministerium anrufen."""


PARAGRAPHS = ORIGINAL.split("\n\n")
BOILERPLATE_HEAD = "By our staff reporter\n\nUpdated 14 May 2024"
BOILERPLATE_TAIL = ("This story first appeared in The Daily Ledger. Sign up for our morning "
                    "newsletter to get the day's news in your inbox.")


def dossier(article_id: str, body: str, *, title: str = "Coldmere dam to be raised",
            published: str | None = None, publisher: str | None = None, language: str = "en",
            original_language: str | None = None, chain: list[dict[str, Any]] | None = None,
            subtitle: str | None = None) -> dict[str, Any]:
    text = "\n\n".join(part for part in (title, subtitle, body) if part)
    return {
        "schema": "newstrace.dossier/1",
        "id": article_id,
        "text": text,
        "metadata": {"title": title, "subtitle": subtitle, "publisher": publisher,
                     "published": published, "language": language,
                     "original_language": original_language},
        "sources": {"chain": chain or [], "attributions": []},
    }


ORIGIN = dossier("origin", ORIGINAL, published="2024-05-14T09:00", publisher="The Daily Ledger")
EXACT = dossier("exact", ORIGINAL, published="2024-05-14T11:30", publisher="Valley Post")
DRESSED = dossier("dressed", "\n\n".join([BOILERPLATE_HEAD, ORIGINAL, BOILERPLATE_TAIL]),
                  title="Valley dam will rise four metres after board vote",
                  subtitle="Walkers say woodland will be lost",
                  published="2024-05-14T15:00+02:00", publisher="Eastbay Courier")
PARTIAL = dossier("partial", "\n\n".join(PARAGRAPHS[:3]), published="2024-05-15",
                  publisher="Regional Digest")
REWRITTEN = dossier("rewrite", REWRITE, title="Harwick Valley backs bigger reservoir",
                    published="2024-05-14T16:00", publisher="Northern Times")
OTHER = dossier("unrelated", UNRELATED, title="Frost hits orchards",
                published="2024-05-13", publisher="The Daily Ledger")
TRANSLATED = dossier("translation", TRANSLATION, title="Coldmere-Damm wird erhöht",
                     published="2024-05-15T08:00", publisher="Tagesblatt Nord", language="de",
                     original_language="en",
                     chain=[{"name": "Tagesblatt Nord", "entity": None, "relation": "publisher"},
                            {"name": "Daily Ledger", "entity": None, "relation": "translates"}])
ALL = [EXACT, DRESSED, ORIGIN, PARTIAL, REWRITTEN, OTHER, TRANSLATED]


def copy_id(link: Link) -> str:
    return link.copy_id


def links_by_copy(links: list[Link]) -> dict[str, Link]:
    return {link.copy_id: link for link in links}


# -- pairs --------------------------------------------------------------------------------


def test_exact_copy_is_a_reprint():
    assert classify(ORIGIN, EXACT) == "reprint"
    [link] = lineage([ORIGIN, EXACT])
    assert link == Link("exact", "origin", "reprint", 1.0)


def test_copy_with_other_header_and_boilerplate_is_a_reprint():
    assert classify(ORIGIN, DRESSED) == "reprint"
    [link] = lineage([ORIGIN, DRESSED])
    assert link.relation == "reprint" and link.origin_id == "origin"
    assert 0.8 <= link.similarity < 1.0


def test_partial_copy_is_a_reprint_of_its_part():
    a, b = Fingerprint.of(ORIGIN), Fingerprint.of(PARTIAL)
    assert a.jaccard(b) < 0.85            # not near-identical as a whole...
    assert a.containment(b) >= 0.9        # ...but all of it comes from the origin
    assert classify(ORIGIN, PARTIAL) == "reprint"
    # a smaller part (two paragraphs of five) is still a reprint of that part
    two = dossier("two", "\n\n".join(PARAGRAPHS[:2]))
    assert classify(ORIGIN, two) == "reprint"
    assert links_by_copy(lineage([ORIGIN, PARTIAL]))["partial"].relation == "reprint"


def test_rewrite_is_a_rewrite():
    assert classify(ORIGIN, REWRITTEN) == "rewrite"
    [link] = lineage([ORIGIN, REWRITTEN])
    assert link.relation == "rewrite" and 0.3 <= link.similarity < 0.85


def test_unrelated_article_is_not_linked():
    assert classify(ORIGIN, OTHER) is None
    assert lineage([ORIGIN, OTHER]) == []


def test_declared_translation_is_linked():
    assert classify(ORIGIN, TRANSLATED) == "translation"
    assert classify(TRANSLATED, ORIGIN) == "translation"
    [link] = lineage([ORIGIN, TRANSLATED])
    assert link == Link("translation", "origin", "translation", None)


def test_translation_needs_what_the_page_says():
    undeclared = dict(TRANSLATED, sources={"chain": [], "attributions": []})
    assert classify(ORIGIN, undeclared) is None
    same_language = dossier("same", TRANSLATION, language="en", publisher="Tagesblatt Nord",
                            chain=TRANSLATED["sources"]["chain"])
    assert classify(ORIGIN, same_language) is None         # no other language, none declared
    other_outlet = dict(ORIGIN, metadata=dict(ORIGIN["metadata"], publisher="Valley Post"))
    assert classify(other_outlet, TRANSLATED) is None      # it translates someone else
    from_spanish = dict(TRANSLATED, metadata=dict(TRANSLATED["metadata"], original_language="es"))
    assert classify(ORIGIN, from_spanish) is None          # the origin is not in Spanish
    # languages that differ say "another edition" even without original_language
    edition = dict(TRANSLATED, metadata=dict(TRANSLATED["metadata"], original_language=None))
    assert classify(ORIGIN, edition) == "translation"


def test_translation_of_another_story_by_the_same_outlet_is_not_linked():
    assert classify(OTHER, TRANSLATED) is None             # same publisher, no shared names


def test_short_texts_are_not_compared():
    a = dossier("a", "Read more on our website.")
    b = dossier("b", "Read more on our website.")
    assert classify(a, b) is None


# -- groups and origins -------------------------------------------------------------------


def test_origin_is_the_earliest_published_whatever_the_order_added():
    links = links_by_copy(lineage(ALL))
    assert set(links) == {"exact", "dressed", "partial", "rewrite", "translation"}
    assert {link.origin_id for link in links.values()} == {"origin"}
    assert links["exact"].relation == "reprint"
    assert links["dressed"].relation == "reprint"
    assert links["partial"].relation == "reprint"
    assert links["rewrite"].relation == "rewrite"
    assert links["translation"].relation == "translation"


def test_origin_falls_back_to_the_order_added():
    undated = [dict(d, metadata=dict(d["metadata"], published=None)) for d in (EXACT, ORIGIN)]
    [link] = lineage(undated)
    assert link.copy_id == "origin" and link.origin_id == "exact"
    # a dated member comes before undated ones
    [link] = lineage([undated[0], ORIGIN])
    assert link.origin_id == "origin"


def test_origin_of():
    assert origin_of([EXACT, DRESSED, ORIGIN]).id == "origin"
    assert origin_of([Entry.of(EXACT, order=5), Entry.of(PARTIAL, order=1)]).id == "exact"
    with pytest.raises(ValueError):
        origin_of([])


def test_copy_of_a_translation_is_a_translation_via_it():
    reprinted = dossier("de-reprint", TRANSLATION, title="Damm am Coldmere-Stausee",
                        published="2024-05-16", publisher="Rheinbote", language="de")
    links = links_by_copy(lineage([ORIGIN, TRANSLATED, reprinted]))
    assert links["de-reprint"] == Link("de-reprint", "origin", "translation", None,
                                       via="translation")


def test_older_article_arriving_late_becomes_the_origin():
    index = LineageIndex()
    assert index.add_dossier(EXACT) == []
    [first] = index.add_dossier(DRESSED)
    assert (first.copy_id, first.origin_id) == ("dressed", "exact")
    changed = links_by_copy(index.add_dossier(ORIGIN))
    assert set(changed) == {"exact", "dressed"}
    assert {link.origin_id for link in changed.values()} == {"origin"}
    assert index.link("origin") is None
    assert index.group("dressed") == ["origin", "exact", "dressed"]


def test_incremental_index_gives_the_batch_links():
    index = LineageIndex()
    seen: dict[str, Link] = {}
    for d in ALL:
        for link in index.add_dossier(d):
            seen[link.copy_id] = link
    batch = lineage(ALL)
    assert index.links() == batch
    assert sorted(seen.values(), key=copy_id) == sorted(batch, key=copy_id)


def test_batch_links_do_not_depend_on_the_order_given():
    forward = links_by_copy(lineage(ALL))
    backward = links_by_copy(lineage(list(reversed(ALL))))
    assert forward == backward


def test_re_adding_an_article_with_other_text_unlinks_it():
    index = LineageIndex()
    index.add_dossier(ORIGIN)
    index.add_dossier(EXACT)
    assert index.link("exact") is not None
    index.add_dossier(dict(EXACT, text=UNRELATED))
    assert index.link("exact") is None and index.links() == []


def test_find_returns_similar_articles_most_similar_first():
    index = LineageIndex()
    for d in (ORIGIN, REWRITTEN, OTHER):
        index.add_dossier(d)
    found = index.find(Fingerprint.of(EXACT))
    assert [article_id for article_id, _ in found] == ["origin", "rewrite"]
    assert found[0][1] == 1.0 and 0.3 < found[1][1] < 0.85
    assert index.find(Fingerprint.of_text("too short")) == []


def test_add_with_a_stored_fingerprint():
    index = LineageIndex()
    index.add("origin", Fingerprint.of(ORIGIN), "2024-05-14T09:00", "en",
              publisher="The Daily Ledger")
    stored = Fingerprint.from_bytes(Fingerprint.of(TRANSLATED).to_bytes())
    [link] = index.add("translation", stored, "2024-05-15", "de", original_language="en",
                       publisher="Tagesblatt Nord", translates=["The Daily Ledger"])
    assert link.relation == "translation" and link.article_id == "translation"


def test_from_store_rebuilds_the_index():
    class FakeStore:
        def fingerprints(self):
            return [(d["id"], d["metadata"]["published"], Fingerprint.of(d).to_bytes())
                    for d in ALL]

        def dossiers(self):
            return iter(ALL)

    index = LineageIndex.from_store(FakeStore())
    assert len(index) == len(ALL) and "origin" in index
    assert index.links() == lineage(ALL)


def test_dossier_objects_are_accepted():
    def make(article_id: str, published: str) -> Dossier:
        return Dossier(id=article_id, input=InputInfo(),
                       metadata=Metadata(title="Coldmere dam to be raised", published=published,
                                         publisher="The Daily Ledger", language="en"),
                       text="Coldmere dam to be raised\n\n" + ORIGINAL,
                       sources=Sources(chain=[ChainLink("The Daily Ledger", "publisher")]))
    [link] = lineage([make("b", "2024-05-15"), make("a", "2024-05-14")])
    assert (link.copy_id, link.origin_id, link.relation) == ("b", "a", "reprint")


# -- fingerprints and helpers -------------------------------------------------------------


def test_fingerprint_round_trips_through_bytes():
    fingerprint = Fingerprint.of(ORIGIN)
    data = fingerprint.to_bytes()
    again = Fingerprint.from_bytes(data)
    assert again == fingerprint and again.size == fingerprint.size
    assert again.jaccard(fingerprint) == 1.0
    assert len(data) < 2000
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(b"not a fingerprint at all")


def test_fingerprint_reads_the_body_lower_cased():
    assert body_text(DRESSED).startswith(BOILERPLATE_HEAD)
    loud = dossier("loud", ORIGINAL.upper())
    assert Fingerprint.of(loud).jaccard(Fingerprint.of(ORIGIN)) == 1.0
    words = re.findall(r"\w+", ORIGINAL.lower())
    shingles = {tuple(words[i:i + 5]) for i in range(len(words) - 4)}
    assert Fingerprint.of(ORIGIN).size == len(shingles)


def test_helpers():
    assert normalise_publisher("The Daily Ledger") == normalise_publisher("dailyledger.com")
    assert normalise_publisher(None) == ""
    assert parse_instant("2024-05-14T15:00+02:00") == parse_instant("2024-05-14T13:00")
    assert parse_instant("2024-05-14") < parse_instant("2024-05-14T00:01")
    assert parse_instant("last Tuesday") is None and parse_instant(None) is None
