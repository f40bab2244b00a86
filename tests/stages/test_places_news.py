"""Places on real news (issue 16): containers after a comma, world cities over small
namesakes, planets and moons, court districts and titles of works are no towns."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.dossier import Dossier


def analyze(text: str) -> Dossier:
    return newstrace.analyze(text, content_type="plain")


def country_of(dossier: Dossier, name: str) -> str | None:
    """The country of the place an entity of that name (or mention) is put at; None when
    it is on no map."""
    for entity in dossier.entities:
        if entity.name == name or any(m.text == name for m in entity.mentions):
            if entity.place is not None:
                return entity.place.country
    return None


def admin_of(dossier: Dossier, name: str) -> tuple[float, float] | None:
    for entity in dossier.entities:
        if (entity.name == name or any(m.text == name for m in entity.mentions)) and entity.place:
            return entity.place.lat, entity.place.lon
    return None


@pytest.mark.parametrize("text, name, country", [
    # the place after a comma holds the one before it, and is the one that holds it
    ("Martin Taylor of Aberdeenshire, Scotland, won the race in Des Moines, Iowa. Fans in Ames cheered.",
     "Scotland", "GB"),
    ("The show moved from Toledo to London, Ontario, where Ohio fans followed it.", "London", "CA"),
    ("Police in Paris, Texas, arrested two men after a chase. Paris police said the men fled.",
     "Paris", "US"),
])
def test_a_place_after_a_comma_contains_the_one_before(text: str, name: str, country: str) -> None:
    assert country_of(analyze(text), name) == country


def test_a_list_of_countries_is_no_container() -> None:
    dossier = analyze("Exports to China, Japan and Korea rose, officials in Ohio said.")
    assert country_of(dossier, "China") == "CN"


@pytest.mark.parametrize("text, name, country", [
    # a world city beats a small namesake in the story's country, unless its state is named
    ("Officials in Chicago and Denver met on Monday. London famously has fought dirty air for decades.",
     "London", "GB"),
    ("Students from Atlanta and Boston visited the Kremlin. Moscow was cold.", "Moscow", "RU"),
    ("A Paris-based firm bought the steel plant in Phoenix on Friday.", "Paris", "FR"),
    # named state: the namesake there
    ("A Dublin firm bought the Ohio plant in Toledo, and Columbus officials welcomed it.", "Dublin", "US"),
])
def test_a_world_city_beats_a_small_namesake(text: str, name: str, country: str) -> None:
    assert country_of(analyze(text), name) == country


@pytest.mark.parametrize("text, name, on_map", [
    # planets and moons are not towns; one with its state after it is
    ("NASA said the rover on Mars found traces of water in the crater.", "Mars", False),
    ("Scientists in Houston said Titan has lakes of methane.", "Titan", False),
    ("Earth is warming faster than expected, researchers in Boston said.", "Earth", False),
    ("The company moved its offices to Mars, Pa., near Pittsburgh.", "Mars", True),
])
def test_planets_and_moons_are_no_towns(text: str, name: str, on_map: bool) -> None:
    assert (country_of(analyze(text), name) is not None) == on_map


@pytest.mark.parametrize("text, name", [
    # a court's district is no place
    ("The case was filed in the Southern District of New York, prosecutors said.", "Southern District"),
    ("A judge in the Eastern District of Virginia set bail, his lawyer said.", "Eastern District"),
    ("Prosecutors in the Northern District of Illinois charged the mayor.", "Northern District"),
])
def test_a_court_district_is_no_place(text: str, name: str) -> None:
    assert country_of(analyze(text), name) is None


@pytest.mark.parametrize("text, name", [
    # a word of a work's title in quotation marks is no place
    ("The band closed the fair in Waco with the song “China Grove” and an encore.", "China"),
    ("The Clash played “London Calling” at the Denver arena on Friday.", "London"),
    ("Fans in Tulsa sang along to “Paris Blues” all night.", "Paris"),
])
def test_a_word_of_a_title_is_no_place(text: str, name: str) -> None:
    assert country_of(analyze(text), name) is None


@pytest.mark.parametrize("text, form, name", [
    # a country goes by its news name; the article's form stays an alias
    ("America will send grain to Sudan, aid officials said.", "America", "United States"),
    ("Britain voted to leave the union in 2016.", "Britain", "United Kingdom"),
    ("Holland won the match against Belgium on Sunday.", "Holland", "Netherlands"),
    ("Russia and Ukraine traded fire on Monday.", "Russia", "Russia"),
])
def test_a_country_goes_by_its_news_name(text: str, form: str, name: str) -> None:
    entity = next(e for e in analyze(text).entities if any(m.text == form for m in e.mentions))
    assert entity.name == name and (form == name or form in entity.aliases)
    assert entity.place is not None and entity.place.name == name


@pytest.mark.parametrize("text, word, name", [
    # a demonym's or an abbreviation's place is named as the place itself
    ("Syrians fled across the border into Turkey.", "Syrians", "Syria"),
    ("Swedish troops joined the exercise in Norway.", "Swedish", "Sweden"),
    ("The fire spread from Rapid City, S.D., to the hills.", "S.D.", "South Dakota"),
])
def test_a_places_own_name_is_given(text: str, word: str, name: str) -> None:
    entity = next(e for e in analyze(text).entities if any(m.text == word for m in e.mentions))
    assert entity.place is not None and entity.place.name == name
