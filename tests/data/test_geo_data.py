"""The curated gazetteer tables in data/geo/: well-formed, valid codes, sane points, and a
few entries checked against what is known for certain."""

from __future__ import annotations

import csv
import math
from functools import lru_cache
from importlib import resources

import pycountry
import pytest

FILES = {
    "features.tsv": ["name", "aliases", "feature", "lat", "lon", "country", "weight"],
    "admin1.tsv": ["name", "aliases", "country", "iso_code", "lat", "lon", "population"],
    "seats.tsv": ["name", "aliases", "stands_for", "institution", "lat", "lon", "country"],
    "demonyms.tsv": ["demonym", "country"],
}
MINIMUM_ROWS = {"features.tsv": 350, "admin1.tsv": 450, "seats.tsv": 40, "demonyms.tsv": 300}
FEATURES = {"sea", "ocean", "gulf", "bay", "strait", "canal", "river", "lake", "peninsula",
            "mountains", "desert", "region", "island", "continent", "plain", "valley", "basin"}
# Codes GeoNames uses that ISO 3166-1 has not assigned (Kosovo).
USER_ASSIGNED = {"XK"}


def _lines(name: str) -> list[str]:
    path = resources.files("newstrace.data").joinpath("geo", name)
    return [line for line in path.read_text("utf-8").splitlines()
            if line and not line.startswith("#")]


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(csv.DictReader(_lines(name), delimiter="\t"))


def valid_country(code: str) -> bool:
    return code in USER_ASSIGNED or pycountry.countries.get(alpha_2=code) is not None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def find(name: str, file: str, country: str | None = None) -> dict[str, str]:
    key = "demonym" if file == "demonyms.tsv" else "name"
    found = [r for r in rows(file) if r[key] == name and (country is None or r["country"] == country)]
    assert len(found) == 1, f"{name!r} in {file}: {len(found)} rows"
    return found[0]


def names_of(row: dict[str, str]) -> list[str]:
    return [row["name"], *[a for a in row["aliases"].split(";") if a]]


# -- structure ----------------------------------------------------------------------------


@pytest.mark.parametrize("file", sorted(FILES))
def test_header_and_shape(file):
    lines = _lines(file)
    assert lines[0].split("\t") == FILES[file]
    for number, line in enumerate(lines[1:], 2):
        assert len(line.split("\t")) == len(FILES[file]), f"{file} data line {number}: {line!r}"
        assert line == line.strip(), f"{file} data line {number} has stray spaces"
    assert len(rows(file)) >= MINIMUM_ROWS[file]


@pytest.mark.parametrize("file", ["features.tsv", "admin1.tsv", "seats.tsv"])
def test_points_names_and_aliases(file):
    for row in rows(file):
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row
        assert row["name"] and row["name"] == row["name"].strip(), row
        aliases = row["aliases"].split(";") if row["aliases"] else []
        for alias in aliases:
            assert alias and alias == alias.strip(), row
            assert not alias.lower().startswith("the "), row
        assert len(set(aliases)) == len(aliases), row
        assert row["name"] not in aliases, row


@pytest.mark.parametrize("file", sorted(FILES))
def test_no_duplicate_name_country(file):
    key = "demonym" if file == "demonyms.tsv" else "name"
    pairs = [(r[key], r["country"]) for r in rows(file)]
    duplicates = {p for p in pairs if pairs.count(p) > 1}
    assert not duplicates


def test_features_types_and_codes():
    for row in rows("features.tsv"):
        assert row["feature"] in FEATURES, row
        assert 1 <= int(row["weight"]) <= 10, row
        assert not row["country"] or valid_country(row["country"]), row


def test_admin1_types_and_codes():
    for row in rows("admin1.tsv"):
        assert valid_country(row["country"]), row
        assert row["country"] != "US", "US states are handled elsewhere"
        assert row["country"] not in {"HK", "MO"}, row
        assert int(row["population"]) >= 0, row
        if row["iso_code"]:
            subdivision = pycountry.subdivisions.get(code=row["iso_code"])
            assert subdivision is not None, row
            assert subdivision.country_code == row["country"], row


def test_seats_codes():
    for row in rows("seats.tsv"):
        assert valid_country(row["country"]), row
        assert not row["stands_for"] or valid_country(row["stands_for"]), row
        assert row["institution"], row


def test_demonym_codes():
    for row in rows("demonyms.tsv"):
        assert row["demonym"] and row["demonym"] == row["demonym"].strip(), row
        assert valid_country(row["country"]), row


# -- spot checks ---------------------------------------------------------------------------


@pytest.mark.parametrize("name, lat, lon, within", [
    ("Suez Canal", 30.5, 32.3, 150),
    ("Panama Canal", 9.1, -79.7, 50),
    ("Strait of Hormuz", 26.6, 56.3, 100),
    ("Bab el-Mandeb", 12.6, 43.3, 100),
    ("Bosporus", 41.1, 29.05, 30),
    ("Taiwan Strait", 24.0, 119.5, 200),
    ("Kerch Strait", 45.3, 36.5, 50),
    ("Red Sea", 20.0, 38.5, 600),
    ("Mediterranean Sea", 35.0, 18.0, 800),
    ("Black Sea", 43.0, 34.0, 400),
    ("Persian Gulf", 26.5, 52.0, 400),
    ("Dead Sea", 31.5, 35.5, 50),
    ("Lake Baikal", 53.5, 108.0, 200),
    ("Golan Heights", 33.0, 35.75, 50),
    ("Gaza Strip", 31.4, 34.4, 30),
    ("West Bank", 31.9, 35.2, 60),
])
def test_feature_positions(name, lat, lon, within):
    row = find(name, "features.tsv")
    assert km(float(row["lat"]), float(row["lon"]), lat, lon) <= within


def test_feature_facts():
    assert find("Mediterranean Sea", "features.tsv")["weight"] == "10"
    assert find("Middle East", "features.tsv")["weight"] == "10"
    assert find("Suez Canal", "features.tsv")["country"] == "EG"
    assert find("Suez Canal", "features.tsv")["feature"] == "canal"
    assert find("Red Sea", "features.tsv")["feature"] == "sea"
    assert find("Bosporus", "features.tsv")["country"] == "TR"
    assert find("Crimea", "features.tsv")["country"] == "UA"
    assert find("Nile", "features.tsv")["feature"] == "river"
    assert find("Africa", "features.tsv")["feature"] == "continent"
    assert "Gulf" in names_of(find("Gulf region", "features.tsv"))
    assert "Sinai" in names_of(find("Sinai Peninsula", "features.tsv"))


def test_admin1_facts():
    assert "NSW" in names_of(find("New South Wales", "admin1.tsv"))
    assert "Qld" in names_of(find("Queensland", "admin1.tsv"))
    assert "Catalunya" in names_of(find("Catalonia", "admin1.tsv"))
    assert "Szechwan" in names_of(find("Sichuan", "admin1.tsv"))
    tigray = find("Tigray", "admin1.tsv")
    assert (tigray["country"], tigray["iso_code"]) == ("ET", "ET-TI")
    assert find("Donetsk Oblast", "admin1.tsv")["iso_code"] == "UA-14"
    assert find("Kurdistan Region", "admin1.tsv")["country"] == "IQ"
    assert find("Chechnya", "admin1.tsv")["iso_code"] == "RU-CE"
    scotland = find("Scotland", "admin1.tsv")
    assert scotland["country"] == "GB"
    assert km(float(scotland["lat"]), float(scotland["lon"]), 56.8, -4.2) < 150
    ontario = find("Ontario", "admin1.tsv")
    assert (ontario["country"], ontario["iso_code"]) == ("CA", "CA-ON")


def test_seat_facts():
    kremlin = find("Kremlin", "seats.tsv")
    assert kremlin["stands_for"] == "RU"
    assert km(float(kremlin["lat"]), float(kremlin["lon"]), 55.752, 37.617) < 2
    assert find("White House", "seats.tsv")["stands_for"] == "US"
    assert find("Pentagon", "seats.tsv")["stands_for"] == "US"
    assert find("Downing Street", "seats.tsv")["stands_for"] == "GB"
    assert find("Élysée", "seats.tsv")["stands_for"] == "FR"
    assert "Elysee" in names_of(find("Élysée", "seats.tsv"))
    assert find("Zhongnanhai", "seats.tsv")["stands_for"] == "CN"
    assert find("Bankova", "seats.tsv")["stands_for"] == "UA"
    brussels = find("Brussels", "seats.tsv")
    assert brussels["stands_for"] == "" and brussels["country"] == "BE"


@pytest.mark.parametrize("demonym, country", [
    ("American", "US"), ("British", "GB"), ("Brits", "GB"), ("Russian", "RU"),
    ("Turks", "TR"), ("Emirati", "AE"), ("Palestinian", "PS"), ("Israeli", "IL"),
    ("Congolese", "CD"), ("Korean", "KR"), ("North Korean", "KP"), ("Georgian", "GE"),
    ("Dutch", "NL"), ("Filipino", "PH"), ("Kosovar", "XK"),
])
def test_demonyms(demonym, country):
    assert find(demonym, "demonyms.tsv")["country"] == country


def test_cities_are_not_curated():
    """Tobruk is a town (GeoNames has it); the curated tables must not claim it."""
    for file in ("features.tsv", "admin1.tsv", "seats.tsv"):
        for row in rows(file):
            assert all("tobruk" not in n.lower() for n in names_of(row)), row
