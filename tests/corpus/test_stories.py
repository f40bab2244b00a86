"""Same-story grouping (newstrace.cluster_stories) on short articles written for the test:
two outlets' versions of each story, and for each story another of the same kind."""

from __future__ import annotations

from datetime import date

import pytest

import newstrace
from newstrace.corpus import stories
from newstrace.corpus.stories import (
    cluster_features,
    cluster_stories,
    normalise_name,
    stem,
    story_features,
)

# Two earthquakes, two rehab stays: each told by two outlets.
ARTICLES = [
    # 0, 1: an earthquake in Sumatra
    "A magnitude 6.4 earthquake struck off the coast of West Sumatra on March 12, 2021, "
    "killing 14 people and injuring dozens, Indonesia's disaster agency said.\n\n"
    "The quake hit 40 km west of Padang at a depth of 10 km. Residents of Padang ran into "
    "the streets as buildings shook. Agency spokesman Raditya Jati said 14 people died "
    "and 300 houses were damaged. No tsunami warning was issued.",

    "Fourteen people were killed when a strong 6.4-magnitude quake rocked Indonesia's West "
    "Sumatra province on March 12, 2021, officials said.\n\n"
    "The tremor was centred about 40 km from Padang. Raditya Jati, a spokesman for the "
    "national disaster agency, said 300 homes had been damaged in Padang and nearby "
    "towns. Indonesia sits on the Pacific Ring of Fire.",

    # 2, 3: another earthquake, in central Italy
    "A magnitude 5.2 earthquake struck central Italy near Perugia on October 3, 2022, "
    "injuring 20 people and damaging churches, Italy's civil protection department said.\n\n"
    "The quake was felt in Assisi and Foligno. Civil protection chief Fabrizio Curcio said "
    "20 people were treated for injuries and 45 families left their homes. Schools in "
    "Perugia were closed for inspections.",

    "Twenty people were hurt when a 5.2-magnitude quake shook the Umbria region around "
    "Perugia on October 3, 2022.\n\n"
    "Fabrizio Curcio, head of Italy's civil protection department, said 45 families had "
    "been evacuated in Perugia and Foligno, and that churches in Assisi were damaged. "
    "Umbria was hit by a deadly earthquake in 1997.",

    # 4, 5: an actress enters rehab
    "Actress Tara Reid has checked herself into the Promises Treatment Center in Malibu, "
    "her publicist Jack Ketsoyan told People magazine on December 5, 2008.\n\n"
    "\"We appreciate your respect to her and her family's privacy at this time,\" Ketsoyan "
    "said. The American Pie star did not say what she was being treated for. Reid "
    "launched a fashion line called Mantra this month.",

    "Tara Reid has entered rehab at Promises in Malibu, her representative Jack Ketsoyan "
    "confirmed on December 5, 2008.\n\n"
    "Ketsoyan asked the public to respect the privacy of the American Pie actress and her "
    "family. Reid, 33, had been seen partying in Las Vegas. No reason was given for her "
    "stay at the Malibu clinic.",

    # 6, 7: another actress enters rehab
    "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on May 3, 2013, to "
    "begin a 90-day court-ordered stay, her lawyer Mark Heller said.\n\n"
    "Lohan had skipped a Newport Beach facility earlier in the day. A judge in Santa Monica "
    "ordered the treatment after Lohan pleaded no contest in a reckless driving case.",

    "Lindsay Lohan has entered the Betty Ford Center in Rancho Mirage for a 90-day stay "
    "ordered by a Santa Monica judge, attorney Mark Heller said on May 3, 2013.\n\n"
    "The Mean Girls star, 26, had first gone to a clinic in Newport Beach. The sentence "
    "followed her no contest plea to reckless driving.",
]
STORIES = [[0, 1], [2, 3], [4, 5], [6, 7]]


@pytest.fixture(scope="module")
def dossiers() -> list[newstrace.Dossier]:
    return list(newstrace.analyze_many(ARTICLES, content_type="plain"))


def test_copies_grouped_and_same_kind_stories_split(dossiers) -> None:
    assert cluster_stories(dossiers) == STORIES


def test_order_of_input_does_not_change_the_groups(dossiers) -> None:
    order = [7, 2, 5, 0, 3, 6, 1, 4]
    groups = cluster_stories([dossiers[i] for i in order])
    assert sorted(sorted(order[i] for i in g) for g in groups) == STORIES


def test_objects_and_dicts_give_the_same_groups(dossiers) -> None:
    assert cluster_stories([d.to_dict() for d in dossiers]) == cluster_stories(dossiers)
    mixed = [d.to_dict() if i % 2 else d for i, d in enumerate(dossiers)]
    assert cluster_stories(mixed) == STORIES


def test_a_story_of_one_is_a_group_of_one(dossiers) -> None:
    # Only one of the Italian reports: it stays alone, the others keep their groups.
    chosen = [0, 1, 2, 4, 5, 6, 7]
    groups = cluster_stories([dossiers[i] for i in chosen])
    assert [[chosen[i] for i in g] for g in groups] == [[0, 1], [2], [4, 5], [6, 7]]


def test_exported_from_the_package() -> None:
    assert newstrace.cluster_stories is cluster_stories
    assert "cluster_stories" in newstrace.__all__


def test_trivial_inputs() -> None:
    assert cluster_stories([]) == []
    assert cluster_stories([{}]) == [[0]]
    assert cluster_stories([{}, {"text": ""}, {}]) == [[0], [1], [2]]


LAGOS = {"id": "e1", "name": "Lagos", "type": "GPE", "mentions": [{"start": 0, "end": 5, "text": "Lagos"}],
         "place": {"lat": 6.45, "lon": 3.39, "geonames_id": 2332459, "feature": "city", "country": "NG"}}


def test_output_is_a_sorted_partition() -> None:
    # Texts with one anchor (the place both storm reports name) and their words.
    texts = ["Chess champion wins the final game in Oslo.",
             "Storm floods Lagos streets, killing five people in Lagos.",
             "Parliament passes the budget after a long night.",
             "Storm floods Lagos: five people killed in Lagos streets."]
    groups = cluster_stories([{"text": t, "entities": [LAGOS] if "Lagos" in t else []} for t in texts])
    assert groups == [[0], [1, 3], [2]]
    assert sorted(i for g in groups for i in g) == [0, 1, 2, 3]


@pytest.mark.parametrize("texts", [
    # reports that share words but no participant and no place join no story
    ["Storm floods streets, killing five people overnight.", "Storm floods streets: five people killed overnight."],
    ["The company said quarterly profit rose on strong sales of phones.",
     "The company said quarterly profit rose on strong phone sales."],
    ["Police arrested a man after a stabbing near the station on Friday.",
     "Police arrested a man after a stabbing near the station Friday night."],
])
def test_words_without_a_shared_anchor_make_no_story(texts: list[str]) -> None:
    assert cluster_stories([{"text": t} for t in texts]) == [[0], [1]]


@pytest.mark.parametrize("language", ["de", "es", "pl"])
def test_an_article_in_a_language_we_do_not_read_joins_no_story(language: str) -> None:
    # the words of a language the pipeline does not analyse are not understood (their
    # stop words look like content): such articles never join, even each other
    text = "Der Sturm hat in Lagos die Straßen überflutet, und die Polizei sagt, dass fünf Menschen starben."
    dossiers = [{"text": text, "metadata": {"language": language}, "entities": [LAGOS]},
                {"text": text + " Die Stadt", "metadata": {"language": language}, "entities": [LAGOS]}]
    assert cluster_stories(dossiers) == [[0], [1]]


def test_features_read_off_a_dossier_dict() -> None:
    dossier = {
        "text": "Police in Reno arrested Jim O'Brien 's brother on 2 May 2019; 31-24.",
        "metadata": {"published": "2019-05-03", "dateline_place": None},
        "entities": [
            {"id": "e1", "name": "Jim O'Brien 's", "type": "PERSON", "mentions": [{}, {}],
             "place": None},
            {"id": "e2", "name": "Reno", "type": "GPE", "mentions": [{}],
             "place": {"lat": 39.53, "lon": -119.81, "country": "US", "feature": "city",
                       "geonames_id": 5511077}},
        ],
        "times": [{"span": {"text": "2 May 2019"}, "start": "2019-05-02", "end": "2019-05-02",
                   "kind": "date"}],
        "events": [{"type": "COERCE", "actors": ["e1"], "targets": []}],
        "quantities": [{"value": 6.1, "unit": "magnitude"}, {"value": 3, "unit": None}],
    }
    features = story_features(dossier)
    blocks = features.blocks
    assert blocks["names"]["jim obrien"] == 2 and blocks["names"]["obrien"] == 2
    assert "reno" not in blocks["names"]                     # a place, not a name
    assert "g5511077" in blocks["places"] and "cell 39,-120" in blocks["places"]
    assert "country US" in blocks["places"]
    assert features.years == {2019}
    assert {"day 2019-05-02", "day 2019-05-03", "day 2019-05-04", "month 2019-05",
            "year 2019"} <= set(blocks["times"])
    assert blocks["events"]["COERCE:jim obrien"] == 1
    assert "6.1 magnitude" in blocks["numbers"] and "3 " not in blocks["numbers"]
    assert "31-24" in blocks["numbers"]
    assert "police" in blocks["words"] and "police reno" in blocks["words"]


def test_stem_and_names() -> None:
    assert stem("quakes") == "quake" and stem("killed") == "kill" and stem("killing") == "kill"
    assert stem("injuries") == "injury" and stem("business") == "business"
    assert stem("rehab") == "rehab"
    assert normalise_name("Jim O'Brien") == "jim obrien"
    assert normalise_name("David Garrard 's") == "david garrard"
    assert normalise_name("the White House") == "white house"


def test_year_conflict_keeps_same_kind_reports_of_other_years_apart() -> None:
    base = "Wildfire burns homes near Santa Rosa as firefighters battle the blaze. "
    cal_fire = [{"id": "e1", "name": "Cal Fire", "type": "ORG", "mentions": [{"start": 0, "end": 8, "text": "Cal Fire"}]}]
    older = {"text": base + "Officials compared it with the fire of 2017.", "entities": cal_fire,
             "times": [{"span": {"text": "2017"}, "start": "2017-01-01",
                        "end": "2017-12-31", "kind": "date"}]}
    newer = {"text": base + "Officials said it was the worst since 2020.", "entities": cal_fire,
             "times": [{"span": {"text": "2020"}, "start": "2020-01-01",
                        "end": "2020-12-31", "kind": "date"}]}
    features = [story_features(older), story_features(newer)]
    scores = stories.score_matrix(features).toarray()
    assert features[0].years == {2017} and features[1].years == {2020}
    without = stories.YEAR_CONFLICT
    try:
        stories.YEAR_CONFLICT = 0.0
        plain = stories.score_matrix(features).toarray()
    finally:
        stories.YEAR_CONFLICT = without
    assert scores[0, 1] == pytest.approx(plain[0, 1] - without)
    assert cluster_features(features) in ([[0, 1]], [[0], [1]])   # a partition either way


def _dated(text: str, published: str | None, entities: list | None = None, years: tuple = ()) -> dict:
    times = [{"span": {"text": str(y)}, "start": f"{y}-01-01", "end": f"{y}-12-31", "kind": "date"}
             for y in years]
    return {"text": text, "metadata": {"published": published}, "entities": entities or [LAGOS],
            "times": times}


STORM = ["Storm floods Lagos streets, killing five people in Lagos overnight.",
         "Storm floods Lagos: five people killed in Lagos streets overnight."]
TOOLS = ["Managing Python environments with pip, virtualenv and poetry, a guide by Acme Labs.",
         "Faster builds with pip, virtualenv and poetry: a guide by Acme Labs."]
ACME = {"id": "e1", "name": "Acme Labs", "type": "ORG", "mentions": [{"start": 0, "end": 9, "text": "Acme Labs"}]}
TRIAL = ["Judge Maria Okafor jails former minister Ade Bello for fraud in Lagos.",
         "Former minister Ade Bello jailed for fraud by Judge Maria Okafor in Lagos."]


@pytest.mark.parametrize("texts,entities", [(STORM, None), (TOOLS, [ACME]), (TRIAL, None)])
def test_reports_published_months_apart_are_not_one_story(texts: list[str], entities) -> None:
    near = [_dated(texts[0], "2022-04-28T20:44", entities), _dated(texts[1], "2022-04-29", entities)]
    far = [_dated(texts[0], "2019-06-17", entities), _dated(texts[1], "2020-01-10", entities)]
    assert cluster_stories(near) == [[0, 1]]
    assert cluster_stories(far) == [[0], [1]]
    assert stories.WINDOW_DAYS < (date(2020, 1, 10) - date(2019, 6, 17)).days


@pytest.mark.parametrize("texts,entities", [(STORM, None), (TOOLS, [ACME]), (TRIAL, None)])
def test_a_dated_report_and_an_undated_one_of_other_years_are_not_one_story(texts, entities) -> None:
    # the undated text names its year: 2009 is no story of a page published in 2023
    assert cluster_stories([_dated(texts[0], "2023-11-02", entities),
                            _dated(texts[1], None, entities, years=(2009,))]) == [[0], [1]]
    assert cluster_stories([_dated(texts[0], "2023-11-02", entities),
                            _dated(texts[1], None, entities, years=(2023,))]) == [[0, 1]]
    # an undated text that names no year says nothing against it
    assert cluster_stories([_dated(texts[0], "2023-11-02", entities),
                            _dated(texts[1], None, entities)]) == [[0, 1]]


def test_a_dated_report_joins_no_larger_story_of_other_years() -> None:
    # three undated reports of a 2009 story, and a page of 2023 close to them in words:
    # step 2 judges the page against the story's years, not against one member's
    storm = [_dated(STORM[0] + f" Report {k}.", None, years=(2009,) if k == 0 else ()) for k in range(3)]
    page = _dated(STORM[1], "2023-11-02")
    features = [story_features(d) for d in [*storm, page]]
    scores = stories.score_matrix(features)
    assert scores[3, 1] > 0 and scores[3, 2] > 0       # the members without years pair with it
    groups = stories._attach([[0, 1, 2], [3]], scores, features)
    assert groups == [[0, 1, 2], [3]]
    dated_2009 = _dated(STORM[1], "2009-05-02")
    features[3] = story_features(dated_2009)
    assert stories._attach([[0, 1, 2], [3]], stories.score_matrix(features), features) == [[0, 1, 2, 3]]


# Reports in languages the story features do not read, each copied by a second site: the
# copy is of its origin's story (lineage), though no feature compares them.
FOREIGN = {
    "de": "Die Stadtverwaltung von Heidelberg hat am Montag mitgeteilt, dass die Brücke über den "
          "Neckar wegen dringender Reparaturen für drei Wochen gesperrt bleibt. Pendler sollen auf "
          "die Straßenbahn ausweichen, sagte ein Sprecher der Verwaltung. Die Arbeiten kosten nach "
          "ersten Schätzungen rund zwei Millionen Euro und sollen vor Weihnachten enden.",
    "es": "El Gobierno regional de Magallanes anunció el miércoles que el puerto de Punta Arenas "
          "permanecerá cerrado durante dos días por los fuertes vientos. Los cruceros previstos "
          "fueron desviados, informó la autoridad marítima, y las clases se suspendieron en tres "
          "comunas de la región hasta nuevo aviso según el comunicado oficial.",
    "pt": "A prefeitura de Curitiba informou nesta terça-feira que o transporte público será gratuito "
          "no domingo das eleições municipais. A medida vale para todas as linhas de ônibus da "
          "cidade, disse o secretário de mobilidade, e deve custar cerca de um milhão de reais aos "
          "cofres do município segundo a estimativa apresentada aos vereadores.",
}


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_a_copy_in_any_language_is_of_its_origins_story(language: str) -> None:
    text = FOREIGN[language]
    origin = {"id": "nt-a", "text": text, "metadata": {"language": language, "published": "2022-05-04"}}
    copy = {"id": "nt-b", "text": "Agentur-/agency: " + text, "metadata": {"language": language,
                                                                        "published": "2022-05-05"}}
    other = {"id": "nt-c", "text": FOREIGN[sorted(set(FOREIGN) - {language})[0]],
             "metadata": {"language": language, "published": "2022-05-05"}}
    assert cluster_stories([origin, other, copy]) == [[0, 2], [1]]


def test_a_copy_joins_a_group_but_never_joins_two() -> None:
    from newstrace.corpus.stories import join_copies

    assert join_copies([[0, 1], [2], [3]], [(2, 0)]) == [[0, 1, 2], [3]]       # alone joins
    assert join_copies([[0], [1], [2, 3]], [(0, 1)]) == [[0, 1], [2, 3]]       # two alone
    assert join_copies([[0, 1], [2, 3]], [(2, 0)]) == [[0, 1], [2, 3]]         # stories apart
    assert join_copies([[0, 1], [2], [3, 4]], [(2, 0), (2, 3)]) == [[0, 1, 2], [3, 4]]   # no chain
