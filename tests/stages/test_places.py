"""Places on the map: recognition, resolution by context, demonyms, metonymy, datelines."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.dossier import Dossier, Entity
from newstrace.geo.resolve import distance_km


def analyze(text: str, **kwargs) -> Dossier:
    return newstrace.analyze(text, content_type=kwargs.pop("content_type", "plain"), **kwargs)


def place_of(d: Dossier, name: str) -> Entity:
    found = [e for e in d.entities if e.place is not None and
             (e.name == name or name in e.aliases or any(m.text == name for m in e.mentions))]
    assert found, [(e.name, e.type, e.place) for e in d.entities]
    return found[0]


def near(entity: Entity, lat: float, lon: float, km: float = 161) -> bool:
    assert entity.place is not None
    return distance_km(entity.place.lat, entity.place.lon, lat, lon) <= km


@pytest.mark.parametrize("text,name,country", [
    ("Fighting broke out in Tripoli on Monday. Libya's rival governments blamed each other, "
     "and forces from Misrata moved toward the capital.", "Tripoli", "LY"),
    ("Protesters filled the streets of Tripoli, Lebanon's second city, as Beirut announced new "
     "fuel prices.", "Tripoli", "LB"),
    ("Alexandria's port handled record cargo as Egypt pushed exports through the Mediterranean "
     "and Cairo cut fees.", "Alexandria", "EG"),
    ("The Alexandria city council in Virginia approved the budget; Arlington and Fairfax "
     "counties will vote next week.", "Alexandria", "US"),
    ("Tbilisi says Russia still occupies a fifth of Georgia, and Georgian officials met "
     "Armenian diplomats in Yerevan.", "Georgia", "GE"),
    ("Atlanta's mayor said Georgia would expand Medicaid, and Savannah and Augusta agreed.",
     "Georgia", "US"),
    ("Paris hosted the summit, and President Macron welcomed leaders at the Elysee as France "
     "pressed for a ceasefire.", "Paris", "FR"),
    ("Paris, a town of 25,000 in northeast Texas, lost power after storms hit Dallas and "
     "Texarkana.", "Paris", "US"),
])
def test_ambiguous_names_resolved_by_context(text: str, name: str, country: str) -> None:
    assert place_of(analyze(text), name).place.country == country


def test_places_inside_organisation_names_are_no_places() -> None:
    d = analyze("Researchers at the University of Texas and the Bank of England published the "
                "study with the Libyan National Army's backing.")
    placed = {m.text for e in d.entities if e.place is not None for m in e.mentions}
    assert not placed & {"Texas", "England", "Libyan"}


def test_a_person_named_like_a_city_is_no_place() -> None:
    d = analyze("Paris Hilton opened a boutique in London on Saturday.")
    assert not any(e.place is not None and e.name.startswith("Paris") for e in d.entities)
    assert place_of(d, "London").place.country == "GB"


def test_demonyms_link_to_their_country() -> None:
    d = analyze("Turkish drones struck positions held by Syrian Kurdish fighters, a Russian "
                "official said.")
    for demonym, code in (("Turkish", "TR"), ("Syrian", "SY"), ("Russian", "RU")):
        assert place_of(d, demonym).place.country == code


def test_toponym_the_model_missed_is_found() -> None:
    d = analyze("Russia has only one naval base in the Mediterranean – in the Syrian Tartus.")
    tartus = place_of(d, "Tartus")
    assert tartus.place.country == "SY" and near(tartus, 34.89, 35.89)


def test_metonymy_marks_capitals_and_seats_that_act() -> None:
    d = analyze("Moscow warned Washington on Friday, and the Kremlin said talks were over. "
                "The two met in Moscow in September.")
    assert place_of(d, "Moscow").stands_for == "RU"
    assert place_of(d, "Kremlin").stands_for == "RU"


def test_a_capital_that_only_hosts_stands_for_nothing() -> None:
    d = analyze("The delegations met in Nairobi on Tuesday to discuss the harvest.")
    assert place_of(d, "Nairobi").stands_for is None


def test_dateline_place() -> None:
    text = ("Harbour talks resume\n\nSofia, Bulgaria 12.03.2024 | 10:20\n\n"
            "Talks on the new harbour resumed on Tuesday, the ministry said.")
    d = analyze(text, content_type="text")
    assert d.metadata.dateline == "Sofia, Bulgaria"
    place = d.metadata.dateline_place
    assert place is not None and place.country == "BG" and place.feature == "city"


def test_every_place_has_the_contract_fields() -> None:
    d = analyze("Floods hit Kenya and Somalia; the Nile rose near Khartoum.")
    for entity in d.entities:
        if entity.place is not None:
            assert -90 <= entity.place.lat <= 90 and -180 <= entity.place.lon <= 180
            assert entity.place.feature in ("country", "admin", "city", "sea", "region", "facility", "other")


def test_seed_places(seed_text: str) -> None:
    d = newstrace.analyze(seed_text, content_type="text")
    expected = {
        "Tobruk": (32.08, 23.96, "LY"), "Tartus": (34.89, 35.89, "SY"),
        "Tripoli": (32.89, 13.19, "LY"), "Moscow": (55.75, 37.62, "RU"),
        "Libya": (None, None, "LY"), "Sudan": (None, None, "SD"), "Greece": (None, None, "GR"),
        "Italy": (None, None, "IT"), "Syrian": (None, None, "SY"),
        "Red Sea": (20.0, 38.5, None), "Mediterranean": (35.0, 18.0, None),
        "Suez Canal": (30.6, 32.3, "EG"),
    }
    for name, (lat, lon, country) in expected.items():
        entity = place_of(d, name)
        if country:
            assert entity.place.country == country, name
        if lat is not None:
            assert near(entity, lat, lon, km=700 if name in ("Red Sea", "Mediterranean") else 161), name
    dateline = d.metadata.dateline_place
    assert dateline is not None and dateline.country == "US" and abs(dateline.lat - 40.7) < 0.5
