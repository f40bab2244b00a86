"""Exports of a corpus: dossiers as JSON lines, events as a GDELT-like CSV, places as
GeoJSON. Each writes to a text stream and returns how many records it wrote."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from typing import Any, Iterable, TextIO

import pycountry

from ..dossier import confident_events

# One row per event, in the spirit of GDELT's event table, but every field grounded in
# the article: the evidence clause and the source are in the row.
# Actor codes are CAMEO's: ISO alpha-3 country + sector ("AFGCOP", "USA", "GOV").
EVENT_COLUMNS = (
    "article_id", "event_id", "date_start", "date_end", "published", "type", "mode",
    "actors", "actor_countries", "actor_codes", "targets", "target_countries", "target_codes",
    "place", "place_country", "lat", "lon", "factuality", "confidence", "source",
    "source_kind", "evidence", "url", "publisher",
)


def with_confident_events(dossier: dict[str, Any], min_confidence: float | None) -> dict[str, Any]:
    """The dossier with only its events at or above `min_confidence` (all when None)."""
    if min_confidence is None:
        return dossier
    return {**dossier, "events": confident_events(dossier["events"], min_confidence)}


def export_jsonl(dossiers: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for dossier in dossiers:
        out.write(json.dumps(dossier, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_events_csv(dossiers: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    count = 0
    for dossier in dossiers:
        for row in event_rows(dossier):
            writer.writerow(row)
            count += 1
    return count


def event_rows(dossier: dict[str, Any]) -> Iterable[dict[str, Any]]:
    entities = {e["id"]: e for e in dossier["entities"]}
    attributions = {a["id"]: a for a in dossier["sources"]["attributions"]}
    meta = dossier["metadata"]
    for event in dossier["events"]:
        place = entities.get(event.get("place") or "")
        point = (place or {}).get("place") or {}
        attribution = attributions.get(event.get("attribution") or "") or {}
        time = event.get("time") or {}
        yield {
            "article_id": dossier["id"], "event_id": event["id"],
            "date_start": time.get("start"), "date_end": time.get("end"),
            "published": meta.get("published"), "type": event["type"], "mode": event.get("mode"),
            "actors": "; ".join(entities[a]["name"] for a in event["actors"] if a in entities),
            "actor_countries": "; ".join(_country(entities.get(a)) for a in event["actors"]),
            "actor_codes": "; ".join(_code(entities.get(a)) for a in event["actors"]),
            "targets": "; ".join(entities[a]["name"] for a in event["targets"] if a in entities),
            "target_countries": "; ".join(_country(entities.get(a)) for a in event["targets"]),
            "target_codes": "; ".join(_code(entities.get(a)) for a in event["targets"]),
            "place": place["name"] if place else None, "place_country": point.get("country"),
            "lat": point.get("lat"), "lon": point.get("lon"),
            "factuality": event.get("factuality"), "confidence": event.get("confidence"),
            "source": attribution.get("source"), "source_kind": attribution.get("kind"),
            "evidence": event["evidence"]["text"], "url": meta.get("url"),
            "publisher": meta.get("publisher"),
        }


def _country(entity: dict[str, Any] | None) -> str:
    """ISO alpha-2: the country a place is in or stands for, else the actor code's."""
    if not entity:
        return ""
    place = entity.get("place") or {}
    found = place.get("stands_for") or entity.get("stands_for") or place.get("country")
    if found:
        return found
    code = (entity.get("actor_code") or {}).get("country")
    country = pycountry.countries.get(alpha_3=code) if code else None
    return country.alpha_2 if country else ""


def _code(entity: dict[str, Any] | None) -> str:
    """The CAMEO-style actor code: country and sector joined ("AFGCOP"), or ""."""
    code = (entity or {}).get("actor_code") or {}
    return (code.get("country") or "") + (code.get("sector") or "")


def export_geojson(dossiers: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One point per place, with its mentions counted across the corpus."""
    places: dict[tuple, dict[str, Any]] = {}
    articles: dict[tuple, set[str]] = defaultdict(set)
    for dossier in dossiers:
        for entity in dossier["entities"]:
            point = entity.get("place")
            if not point:
                continue
            key = (point.get("geonames_id") or entity["name"], point["lat"], point["lon"])
            feature = places.setdefault(key, {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]},
                "properties": {"name": entity["name"], "country": point.get("country"),
                               "feature": point.get("feature"), "geonames_id": point.get("geonames_id"),
                               "mentions": 0, "articles": 0},
            })
            feature["properties"]["mentions"] += len(entity["mentions"])
            articles[key].add(dossier["id"])
    for key, feature in places.items():
        feature["properties"]["articles"] = len(articles[key])
    json.dump({"type": "FeatureCollection", "features": list(places.values())}, out,
              ensure_ascii=False)
    out.write("\n")
    return len(places)


EXPORTERS = {"jsonl": export_jsonl, "events": export_events_csv, "geojson": export_geojson}
