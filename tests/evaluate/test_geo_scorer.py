"""The geoparsing scorer (newstrace.evaluate.geo) on snippets written here: no ../shared."""

from __future__ import annotations

import gzip
import math
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.errors import EvaluationError
from newstrace.evaluate import geo
from newstrace.evaluate.geo import (
    GoldToponym,
    Predicted,
    accuracy_at,
    auc,
    dossier_toponyms,
    evaluate_geo,
    exact_match,
    great_circle_km,
    locate,
    overlap_match,
    parse_geovirus,
    parse_lgl,
    quotas,
    score_article,
)

LGL_TEXT = "Springfield council met in Ohio. Canadian visitors came from Elm Street."
LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="101">
    <title>Springfield council</title>
    <text><![CDATA[{LGL_TEXT}]]></text>
    <toponyms count="4">
      <toponym><start>0</start><end>11</end><phrase>Springfield</phrase>
        <gaztag geonameid="111"><name>Springfield</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>39.80</lat><lon>-89.64</lon><country geonameid="6252001">United States</country>
        </gaztag></toponym>
      <toponym><start>27</start><end>31</end><phrase>Ohio</phrase>
        <gaztag geonameid="222"><name>Ohio</name><fclass>A</fclass><fcode>ADM1</fcode>
          <lat>40.25</lat><lon>-83.0</lon><country geonameid="6252001">United States</country>
        </gaztag></toponym>
      <toponym><start>33</start><end>41</end><phrase>Canadian</phrase>
        <gaztag geonameid="333"><name>Canada</name><fclass>A</fclass><fcode>PCLI</fcode>
          <lat>60.0</lat><lon>-95.0</lon><country geonameid="333">Canada</country>
        </gaztag></toponym>
      <toponym><start>61</start><end>71</end><phrase>Elm Street</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

GV_TEXT = "Cases rose in Lyon, France, and in Asia; Lyon's clinics are full."
# Offsets one too high, as in GeoVirus; one location nests two others; "Asia" is a continent.
GEOVIRUS = f"""<articles>
  <article>
    <source>https://en.wikinews.org/wiki/Example</source>
    <text>{GV_TEXT}</text>
    <locations>
      <location><name>Lyon</name><start>15</start><end>19</end><lat>45.76</lat><lon>4.84</lon>
        <page>https://en.wikipedia.org/wiki/Lyon</page></location>
      <location>
        <location><name>France</name><start>21</start><end>27</end><lat>47</lat><lon>2</lon>
          <page>https://en.wikipedia.org/wiki/France</page></location>
        <location><name>Asia</name><start>36</start><end>40</end><lat>29.84</lat>
          <lon>89.29</lon><page>https://en.wikipedia.org/wiki/Asia</page><continent /></location>
      </location>
      <location><name>Lyon</name><start>42</start><end>46</end><lat>45.76</lat><lon>4.84</lon>
        <page>https://en.wikipedia.org/wiki/Lyon</page></location>
    </locations>
  </article>
</articles>
"""


def spans(article) -> list[tuple[int, int, str]]:
    return [(g.start, g.end, article.text[g.start:g.end]) for g in article.gold]


# --- Parsing ------------------------------------------------------------------------------


def test_lgl_toponyms_with_and_without_coordinates() -> None:
    [article] = parse_lgl(LGL)
    assert article.corpus == "lgl" and article.id == "101" and article.text == LGL_TEXT
    assert [g.name for g in article.gold] == ["Springfield", "Ohio", "Canadian", "Elm Street"]
    assert all(article.text[g.start:g.end] == g.name for g in article.gold)
    springfield, ohio, canadian, street = article.gold
    assert (springfield.lat, springfield.lon, springfield.geonames_id) == (39.80, -89.64, 111)
    assert springfield.kind == "city" and springfield.feature == "PPL"
    assert springfield.country == "United States"
    assert ohio.kind == "admin1"
    assert canadian.kind == "demonym"
    assert not street.has_coordinates and street.kind == "no-coordinates"
    assert article.realigned == article.unaligned == 0


def test_geovirus_offsets_shifted_and_nested_locations_taken() -> None:
    [article] = parse_geovirus(GEOVIRUS)
    assert article.corpus == "geovirus"
    assert spans(article) == [(14, 18, "Lyon"), (20, 26, "France"), (35, 39, "Asia"),
                              (41, 45, "Lyon")]
    assert article.realigned == article.unaligned == 0
    kinds = {g.name: g.kind for g in article.gold}
    assert kinds["Asia"] == "continent" and kinds["France"] == "country"
    assert kinds["Lyon"] == "unknown"
    assert all(g.has_coordinates for g in article.gold)


def test_misplaced_gold_name_moves_to_its_nearest_occurrence() -> None:
    text = "Paris is far from Lyon. " + "x" * 30 + " Lyon again."
    # Given at 20 (wrong by 2): the occurrence at 18 is nearer than the one at 55.
    assert locate(text, 20, 24, "Lyon") == (18, 22, "moved")
    # Given at 50: the occurrence at 55 is nearer.
    assert locate(text, 50, 54, "Lyon") == (55, 59, "moved")
    assert locate(text, 18, 22, "Lyon") == (18, 22, "exact")


def test_a_name_further_than_60_characters_is_left_unaligned() -> None:
    text = "Lyon" + " " * 100 + "end"
    assert locate(text, 60, 64, "Lyon") == (0, 4, "moved")       # 60 characters away
    assert locate(text, 61, 65, "Lyon") == (61, 65, "unaligned")  # 61
    assert locate(text, 70, 74, "Lyon") == (70, 74, "unaligned")


def test_realignment_is_counted_per_article() -> None:
    text = "Storms hit Lyon today."
    xml = f"""<articles><article><text>{text}</text><locations>
      <location><name>Lyon</name><start>14</start><end>18</end><lat>45.7</lat><lon>4.8</lon>
      <page>p</page></location>
      <location><name>Nantes</name><start>2</start><end>8</end><lat>47.2</lat><lon>-1.5</lon>
      <page>p</page></location></locations></article></articles>"""
    [article] = parse_geovirus(xml)
    # Lyon is at 11: given 14, shifted to 13, moved to 11. Nantes is not in the text.
    assert [(g.name, g.start, g.end) for g in article.gold] == [("Nantes", 1, 7), ("Lyon", 11, 15)]
    assert (article.realigned, article.unaligned) == (1, 1)


def test_bad_xml_is_a_clear_error() -> None:
    with pytest.raises(EvaluationError, match="not well-formed"):
        parse_lgl("<articles><article>")


# --- Matching ------------------------------------------------------------------------------


def gold(start: int, end: int, lat: float | None = 0.0, lon: float | None = 0.0,
         name: str = "g", kind: str = "city") -> GoldToponym:
    return GoldToponym(start, end, name, lat, lon, kind=kind)


def pred(start: int, end: int, lat: float | None = 0.0, lon: float | None = 0.0,
         text: str = "p") -> Predicted:
    return Predicted(start, end, text, lat, lon)


def test_exact_match_is_one_to_one() -> None:
    golds = [gold(0, 5), gold(10, 15)]
    preds = [pred(0, 5), pred(0, 5), pred(10, 14)]
    assert exact_match(golds, preds) == {0: 0}


def test_overlap_match_pairs_the_largest_overlap_first_one_to_one() -> None:
    # Gold "New York City" (0, 13) and "York" (20, 24); predictions "New York" (0, 8) and
    # "York City" (4, 13): the larger overlap (8) wins, the other stays unpaired.
    golds = [gold(0, 13), gold(20, 24)]
    preds = [pred(4, 13), pred(0, 8), pred(18, 22)]
    assert overlap_match(golds, preds) == {0: 0, 1: 2}
    # One prediction over two gold spans pairs with the one it overlaps most.
    assert overlap_match([gold(0, 3), gold(4, 12)], [pred(0, 12)]) == {1: 0}
    assert overlap_match([gold(0, 3)], [pred(3, 6)]) == {}   # touching is not overlapping


# --- Distances and geocoding metrics ----------------------------------------------------------


def test_great_circle_distance() -> None:
    assert great_circle_km(48.8566, 2.3522, 48.8566, 2.3522) == 0.0
    assert great_circle_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1.0)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)
    assert great_circle_km(0, 179.5, 0, -179.5) == pytest.approx(111.2, abs=0.1)


def test_accuracy_at_161_km() -> None:
    assert accuracy_at([0.0, 161.0, 161.5, 5000.0]) == 0.5
    assert accuracy_at([]) == 0.0


def test_auc_is_the_mean_scaled_log_error() -> None:
    assert auc([0.0, 0.0]) == 0.0
    assert auc([20039.0]) == pytest.approx(1.0)
    assert auc([40000.0]) == 1.0   # capped: an error counts at most 1
    expected = (math.log(1 + 10) + math.log(1 + 1000)) / 2 / math.log(20039)
    assert auc([10.0, 1000.0]) == pytest.approx(expected)
    assert auc([]) == 0.0


def test_article_score_geotagging_geocoding_and_end_to_end() -> None:
    golds = [
        gold(0, 5, 48.85, 2.35, "Paris", "city"),          # found exactly, right place
        gold(10, 20, 51.5, -0.13, "London", "city"),       # found by overlap, 343 km off
        gold(30, 35, 40.0, -100.0, "Texas", "admin1"),      # missed
        gold(40, 45, None, None, "Elm", "no-coordinates"),  # found, but no coordinates
    ]
    preds = [pred(0, 5, 48.86, 2.34), pred(12, 20, 48.85, 2.35), pred(40, 45, 1.0, 1.0),
             pred(50, 55, 0.0, 0.0, "Mr")]
    score = score_article(golds, preds)
    assert (score.exact.tp, score.exact.fp, score.exact.fn) == (2, 2, 2)
    assert (score.overlap.tp, score.overlap.fp, score.overlap.fn) == (3, 1, 1)
    assert score.gold_with_coordinates == 3
    assert score.found_with_coordinates == 2
    assert score.accuracy_161 == 0.5
    assert score.end_to_end_161 == pytest.approx(1 / 3)
    assert score.errors[0] < 2 and score.errors[1] == pytest.approx(343.5, abs=2)
    assert score.median_error == pytest.approx(sum(score.errors) / 2)
    assert score.false_positives == {"Mr": 1}
    assert score.missed == {"Texas": 1} and score.far == {"London": 1}
    city = score.kinds["city"]
    assert (city.gold, city.found, city.correct) == (2, 2, 1)
    assert score.kinds["admin1"].found == 0


def test_a_found_toponym_without_coordinates_counts_as_the_largest_error() -> None:
    score = score_article([gold(0, 5, 10.0, 10.0)], [pred(0, 5, None, None)])
    assert score.errors == [geo.MAX_ERROR_KM] and score.unresolved == 1
    assert score.auc == pytest.approx(1.0) and score.end_to_end_161 == 0.0


def test_a_failed_article_counts_as_failure_and_misses_everything() -> None:
    score = score_article([gold(0, 5)], None)
    assert score.failures == 1 and score.overlap.fn == 1 and score.end_to_end_161 == 0.0


def test_predictions_are_the_mentions_of_entities_with_a_place() -> None:
    def mention(start: int, end: int, text: str) -> SimpleNamespace:
        return SimpleNamespace(start=start, end=end, text=text)

    dossier = SimpleNamespace(entities=[
        SimpleNamespace(mentions=[mention(20, 26, "Norway"), mention(0, 6, "Norway")],
                        place=SimpleNamespace(lat=62.0, lon=10.0)),
        SimpleNamespace(mentions=[mention(8, 13, "Oslo")], place=None),
    ])
    assert dossier_toponyms(dossier) == [Predicted(0, 6, "Norway", 62.0, 10.0),
                                         Predicted(20, 26, "Norway", 62.0, 10.0)]


# --- The baseline's look-up ------------------------------------------------------------------


def test_baseline_lookup_countries_then_most_populous_city() -> None:
    france = geo.baseline_lookup("France")
    assert france is not None and great_circle_km(*france, 46.6, 2.2) < 300
    paris = geo.baseline_lookup("Paris")   # the French one, not Paris, Texas
    assert paris is not None and great_circle_km(*paris, 48.8566, 2.3522) < 20
    assert geo.baseline_lookup("Qwzxville Nowhere") is None


# --- The whole scorer, with fake predictions ---------------------------------------------------


def test_quotas_share_a_limit_by_corpus_size() -> None:
    assert quotas({"lgl": 588, "geovirus": 229}, 204) == {"lgl": 147, "geovirus": 57}
    assert quotas({"lgl": 588, "geovirus": 229}, None) == {"lgl": None, "geovirus": None}
    assert quotas({"lgl": 588, "geovirus": 229}, 1000) == {"lgl": None, "geovirus": None}
    assert sum(quotas({"a": 10, "b": 10, "c": 10}, 7).values()) == 7


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for name, text in (("lgl.xml.gz", LGL), ("GeoVirus.xml.gz", GEOVIRUS)):
        with gzip.open(tmp_path / name, "wt", encoding="utf-8") as handle:
            handle.write(text)
    return tmp_path


def fake_predict(texts: list[str]) -> dict:
    """newstrace finds Springfield and Lyon (the first) right; the baseline finds Ohio far off."""
    ours, bare = [], []
    for text in texts:
        if text == LGL_TEXT:
            ours.append([Predicted(0, 11, "Springfield", 39.8, -89.6)])
            bare.append([Predicted(27, 31, "Ohio", 0.0, 0.0)])
        else:
            ours.append([Predicted(14, 18, "Lyon", 45.76, 4.84), Predicted(0, 5, "Cases", 0, 0)])
            bare.append(None)
    return {"newstrace": (ours, 0.5), "spacy+lookup": (bare, 0.25)}


def test_evaluate_geo_reports_each_corpus_and_overall(data: Path, monkeypatch) -> None:
    monkeypatch.setattr(geo, "predict_batch", fake_predict)
    report = evaluate_geo(data)
    assert report.counts["LGL"].gold == 4 and report.counts["LGL"].gold_with_coordinates == 3
    assert report.counts["GeoVirus"].gold == 4 and report.counts["overall"].articles == 2
    ours = report.overall["newstrace"]
    assert (ours.overlap.tp, ours.overlap.fp, ours.overlap.fn) == (2, 1, 6)
    assert ours.accuracy_161 == 1.0 and ours.end_to_end_161 == pytest.approx(2 / 7)
    baseline = report.overall["spacy+lookup"]
    assert baseline.failures == 1 and baseline.accuracy_161 == 0.0
    assert report.scores["LGL"]["newstrace"].seconds == 0.5
    figures = report.as_dict()
    assert set(figures) == {"LGL", "GeoVirus", "overall"}
    assert figures["GeoVirus"]["newstrace"]["false_positives"] == {"Cases": 1}
    assert figures["overall"]["newstrace"]["kinds"]["city"]["correct_161"] == 1
    titles = [t.title for t in report.tables()]
    assert len(titles) == 4 and "2 articles" in titles[0]
    for table in report.tables():
        assert all(len(row) == len(table.columns) for row in table.rows)


def test_evaluate_geo_one_corpus_and_limit(data: Path, monkeypatch) -> None:
    monkeypatch.setattr(geo, "predict_batch", fake_predict)
    report = evaluate_geo(data, corpus="geovirus", limit=1)
    assert set(report.scores) == {"GeoVirus", "overall"}
    assert [row[0] for row in report.tables()[0].rows] == ["GeoVirus", "GeoVirus"]
    assert "GeoVirus 1/4" in report.tables()[0].title
    with pytest.raises(EvaluationError, match="--corpus"):
        evaluate_geo(data, corpus="wikipedia")


def test_cli_says_what_is_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "geo", "--data", str(tmp_path), "--workers", "1"])
    assert result.exit_code == 2   # as every eval command's data errors
    assert "lacks lgl.xml.gz, GeoVirus.xml.gz" in result.output
