"""Exports of a corpus: dossiers as JSON lines, events as a GDELT-like CSV, places as
GeoJSON. Each writes to a text stream and returns how many records it wrote."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from typing import Any, Iterable, TextIO

# One row per event, in the spirit of GDELT's event table, but every field grounded in
# the article: the evidence clause and the source are in the row.
EVENT_COLUMNS = (
    "article_id", "event_id", "date_start", "date_end", "published", "type", "mode",
    "actors", "actor_countries", "targets", "target_countries", "place", "place_country",
    "lat", "lon", "factuality", "source", "source_kind", "evidence", "url", "publisher",
)


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
            "targets": "; ".join(entities[a]["name"] for a in event["targets"] if a in entities),
            "target_countries": "; ".join(_country(entities.get(a)) for a in event["targets"]),
            "place": place["name"] if place else None, "place_country": point.get("country"),
            "lat": point.get("lat"), "lon": point.get("lon"),
            "factuality": event.get("factuality"),
            "source": attribution.get("source"), "source_kind": attribution.get("kind"),
            "evidence": event["evidence"]["text"], "url": meta.get("url"),
            "publisher": meta.get("publisher"),
        }


def _country(entity: dict[str, Any] | None) -> str:
    if not entity:
        return ""
    place = entity.get("place") or {}
    return place.get("stands_for") or entity.get("stands_for") or place.get("country") or ""


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
