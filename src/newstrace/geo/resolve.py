"""Choosing among a name's places, with what the article says about where it is.

Each candidate starts from a prior (countries and states over towns, big towns over
small ones, capitals and well-known seas over their namesakes) and gains from the
article's focus: the countries and states its unambiguous places, its dateline and
its demonyms point to, and nearness to those places. So "Tripoli" is the Libyan one
in an article about Libya and the Lebanese one in an article about Lebanon, and
"Paris" is in Texas when Texas is the story's state.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import Entry, Gazetteer

# Priors by kind of place.
COUNTRY_PRIOR = 12.0
ADMIN_PRIOR = 10.0
# A curated province with no population figure is taken to be this big.
ADMIN_DEFAULT_POPULATION = 1_000_000
SEAT_PRIOR = 8.0
FEATURE_PRIOR = 6.0
CAPITAL_BONUS = 1.5
# Context.
FOCUS_COUNTRY = 5.0
# A country the article names (or a demonym of it): its towns are likelier everywhere in
# the article, whatever share of the places it has ("Moscow" beside "Russia").
NAMED_COUNTRY = 0.0
FOCUS_ADMIN = 2.5
NEAR_BONUS = 2.0
NEAR_KM = 300.0
# A name is an anchor when its best candidate leads the next by this much.
ANCHOR_MARGIN = 2.5
# Rounds of resolving each place against the others' current choices.
ROUNDS = 3
# A town found only under another name (Augsburg's Latin "Augusta") is a weaker match.
ALTERNATE_NAME_PENALTY = 1.5
# A candidate in a state or province where another name of the article could also be
# ("Paris" and "Henry County" are both in Tennessee): the readings that agree win.
CO_SUPPORT = 1.0
MAX_CO_SUPPORT = 2


def distance_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


COUNTY_PRIOR = 7.0
# "Washington" beside Washington state: in news the national capital, unless the story
# is in that state (the focus then decides).
CAPITAL_OVER_NAMESAKE = 6.0


def prior(entry: Entry) -> float:
    if entry.feature == "country":
        return COUNTRY_PRIOR
    if entry.kind == "county":
        return COUNTY_PRIOR
    if entry.feature == "admin":
        return ADMIN_PRIOR + 0.3 * math.log10((entry.population or ADMIN_DEFAULT_POPULATION) + 1)
    if entry.kind == "seat":
        return SEAT_PRIOR
    if entry.feature != "city":
        return FEATURE_PRIOR + 0.4 * entry.weight
    return math.log10(entry.population + 1) + (CAPITAL_BONUS if entry.kind == "capital" else 0.0)


# A town is overshadowed by a namesake this big, and this many times bigger: "London",
# "Paris", "Nashville" are the world's (or the country's) city unless the article names
# the small one's state or its neighbours; "Scotland" is the country, not the South
# Dakota town.
OVERSHADOW_POPULATION = 500_000
OVERSHADOW_RATIO = 20


@dataclass(slots=True)
class Candidate:
    entry: Entry
    alternate: bool = False     # matched through an alternate name only
    bonus: float = 0.0          # what the sentence says ("Washington warned": the capital)
    overshadowed: bool = False  # a small town beside a far bigger namesake

    @property
    def prior(self) -> float:
        return prior(self.entry) + self.bonus - (ALTERNATE_NAME_PENALTY if self.alternate else 0.0)


@dataclass(slots=True)
class Focus:
    """Where the article is: weights of countries and states, and anchor points."""

    countries: Counter[str] = field(default_factory=Counter)
    admins: Counter[tuple[str, str]] = field(default_factory=Counter)       # (country, admin code)
    points: list[tuple[float, float]] = field(default_factory=list)
    named: set[str] = field(default_factory=set)          # countries named outright
    named_admins: set[tuple[str, str]] = field(default_factory=set)   # states named outright

    def add(self, entry: Entry, weight: float, gazetteer: Gazetteer) -> None:
        if entry.country:
            self.countries[entry.country] += weight  # type: ignore[assignment]  # float weights; typeshed's Counter counts int
            if entry.feature == "country":
                self.named.add(entry.country)
            if entry.feature == "admin" and entry.admin1:
                self.named_admins.add((entry.country, entry.admin1))
        if entry.feature == "admin" and entry.country == "US" and entry.admin1:
            self.admins[("US", entry.admin1)] += weight  # type: ignore[assignment]  # float weights, as above
        elif entry.admin1 and entry.country:
            self.admins[(entry.country, entry.admin1)] += weight * 0.5  # type: ignore[assignment]  # as above
        if entry.feature in ("city", "admin"):
            self.points.append((entry.lat, entry.lon))

    def share(self, counter: Counter[Any], item: object) -> float:
        total = sum(counter.values())
        return counter[item] / total if total else 0.0

    def score(self, entry: Entry, overshadowed: bool = False) -> float:
        """What the article says for this reading. An overshadowed town gains nothing from
        its country being the story's (every American story would move London to Ohio),
        only from its state being named or its neighbours being there."""
        bonus = 0.0 if overshadowed and (entry.country, entry.admin1) not in self.named_admins \
            else FOCUS_COUNTRY * min(1.0, 2 * self.share(self.countries, entry.country))
        if entry.country in self.named and entry.feature != "country":
            bonus += NAMED_COUNTRY
        if entry.country and entry.admin1:
            bonus += FOCUS_ADMIN * min(1.0, 2 * self.share(self.admins, (entry.country, entry.admin1)))
        if entry.feature == "city" and any(
                distance_km(entry.lat, entry.lon, lat, lon) < NEAR_KM for lat, lon in self.points):
            bonus += NEAR_BONUS
        return bonus


def best(candidates: list[Candidate], focus: Focus | None = None) -> Entry | None:
    if not candidates:
        return None
    chosen = max(candidates, key=lambda c: (c.prior + (focus.score(c.entry, c.overshadowed) if focus else 0.0),
                                            c.entry.population))
    return chosen.entry


def mark_overshadowed(candidates: list[Candidate]) -> None:
    """Flag the towns that a far bigger namesake (a city, a state, a country) overshadows."""
    def size(entry: Entry) -> int:
        return entry.population or (ADMIN_DEFAULT_POPULATION if entry.feature in ("admin", "country") else 0)
    if not candidates:
        return
    biggest = max(candidates, key=lambda c: size(c.entry))
    top = size(biggest.entry)
    if top < OVERSHADOW_POPULATION:
        return
    for candidate in candidates:
        if candidate is not biggest and candidate.entry.feature == "city" \
                and top >= OVERSHADOW_RATIO * candidate.entry.population:
            candidate.overshadowed = True


def resolve_all(candidates: dict[str, list[Candidate]], weights: dict[str, float],
                fixed: list[tuple[Entry, float]], gazetteer: Gazetteer) -> dict[str, Entry]:
    """Each place against the others' current choices (never against itself), a few
    rounds, starting from priors alone. `fixed` places (the dateline) always count."""
    add_co_support(candidates)
    chosen = {key: best(found) for key, found in candidates.items() if found}
    entry: Entry | None
    for _ in range(ROUNDS):
        changed = False
        for key, found in candidates.items():
            if not found:
                continue
            focus = Focus()
            for entry, weight in fixed:
                focus.add(entry, weight, gazetteer)
            for other, entry in chosen.items():
                if other != key and entry is not None:
                    focus.add(entry, weights.get(other, 1.0), gazetteer)
            pick = best(found, focus)
            changed |= pick is not chosen.get(key)
            chosen[key] = pick
        if not changed:
            break
    return {key: entry for key, entry in chosen.items() if entry is not None}


def add_co_support(candidates: dict[str, list[Candidate]]) -> None:
    """Readings of different names that fall in the same state support each other."""
    regions = {key: {(c.entry.country, c.entry.admin1) for c in found if c.entry.admin1}
               for key, found in candidates.items()}
    for key, found in candidates.items():
        for candidate in found:
            region = (candidate.entry.country, candidate.entry.admin1)
            if candidate.entry.admin1 is None or candidate.entry.feature == "country":
                continue
            agreeing = sum(region in places for other, places in regions.items() if other != key)
            candidate.bonus += CO_SUPPORT * min(MAX_CO_SUPPORT, agreeing)


def final_focus(chosen: dict[str, Entry], weights: dict[str, float],
                fixed: list[tuple[Entry, float]], gazetteer: Gazetteer) -> Focus:
    focus = Focus()
    for entry, weight in fixed:
        focus.add(entry, weight, gazetteer)
    for key, entry in chosen.items():
        focus.add(entry, weights.get(key, 1.0), gazetteer)
    return focus
