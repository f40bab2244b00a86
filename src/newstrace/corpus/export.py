"""Exports of a corpus: dossiers as JSON lines, events as a GDELT-like CSV, places as
GeoJSON, stories as a CSV. Each writes to a text stream and returns how many records it
wrote.

An event told by several copies of one article (reprints, rewrites, translations the
lineage links, and the same page met at other addresses) is one row of the events
export, as in GDELT: the row is the earliest article's, with `num_articles` (how many
articles tell it) and `num_sources` (how many publishers), and every article's id."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, TextIO, cast

import pycountry

from ..dossier import confident_events
from ..store.base import Store

# One row per event, in the spirit of GDELT's event table, but every field grounded in
# the article: the evidence clause and the source are in the row.
# Actor codes are CAMEO's: ISO alpha-3 country + sector ("AFGCOP", "USA", "GOV").
EVENT_COLUMNS = (
    "article_id", "event_id", "date_start", "date_end", "published", "type", "mode",
    "actors", "actor_countries", "actor_codes", "targets", "target_countries", "target_codes",
    "place", "place_country", "lat", "lon", "factuality", "confidence", "source",
    "source_kind", "evidence", "url", "publisher", "num_articles", "num_sources", "articles",
)
STORY_COLUMNS = ("story_id", "label", "num_articles", "num_sources", "first_published",
                 "last_published", "earliest_id", "articles", "publishers")


@dataclass(slots=True)
class Copies:
    """What the events export needs of the corpus's lineage: each article's origin (the
    earliest copy it is a copy of; itself when it is none), its publisher and the
    publishers of the addresses where its page was met again."""

    origin: dict[str, str] = field(default_factory=dict)
    publisher: dict[str, str | None] = field(default_factory=dict)
    exact: dict[str, list[str | None]] = field(default_factory=dict)

    def group(self, article_id: str) -> str:
        return self.origin.get(article_id) or article_id

    def origins(self) -> set[str]:
        """The articles others are copies of."""
        return {o for a, o in self.origin.items() if o and o != a}


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


def export_events_csv(dossiers: Iterable[dict[str, Any]], out: TextIO,
                      copies: Copies | None = None) -> int:
    """One row per distinct event: an event of an article alone is written as it comes;
    the events of a lineage group are merged once the whole corpus is read (see
    `merged_rows`)."""
    copies = copies or Copies()
    origins = copies.origins()
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    count = 0
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for dossier in dossiers:
        article_id = dossier["id"]
        rows = list(event_rows(dossier))
        if copies.group(article_id) != article_id or article_id in origins:
            grouped[copies.group(article_id)] += rows
            continue
        for row in rows:
            writer.writerow(_counted(row, [row], copies))
            count += 1
    for rows in grouped.values():
        for row in merged_rows(rows, copies):
            writer.writerow(row)
            count += 1
    return count


def merged_rows(rows: list[dict[str, Any]], copies: Copies) -> Iterable[dict[str, Any]]:
    """The events of one lineage group, one row per distinct event: the same type with the
    same actors and targets (by name, case and spacing aside), or, for an event with
    neither, the same evidence. The row is the earliest article's."""
    by_event: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_event[_event_key(row)].append(row)
    for same in by_event.values():
        same.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"]))
        yield _counted(same[0], same, copies)


def _event_key(row: dict[str, Any]) -> tuple[Any, ...]:
    if row["actors"] or row["targets"]:
        return (row["type"], _fold(row["actors"]), _fold(row["targets"]))
    return (row["type"], _fold(row["evidence"]))


def _fold(value: Any) -> str:
    """Case and spacing aside."""
    return " ".join(str(value or "").lower().split())


def _counted(row: dict[str, Any], same: list[dict[str, Any]], copies: Copies) -> dict[str, Any]:
    """`row` with how many articles (and pages met again) and publishers tell its event."""
    articles = list(dict.fromkeys(r["article_id"] for r in same))
    publishers = {copies.publisher.get(a) or _publisher(same, a) for a in articles}
    pages = len(articles)
    for article in articles:
        pages += len(copies.exact.get(article, []))
        publishers.update(copies.exact.get(article, []))
    publishers.discard(None)
    publishers.discard("")
    return {**row, "num_articles": pages, "num_sources": max(1, len(publishers)),
            "articles": "; ".join(articles)}


def _publisher(rows: list[dict[str, Any]], article_id: str) -> str | None:
    return next((r["publisher"] for r in rows if r["article_id"] == article_id), None)


def export_stories_csv(stories: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One row per story: its label, size, publishers, first and last publication and its
    articles (each story as `Store.story_rows` gives it)."""
    writer = csv.DictWriter(out, fieldnames=STORY_COLUMNS)
    writer.writeheader()
    count = 0
    for story in stories:
        members = story["articles"]
        days = sorted(m["published"] for m in members if m["published"])
        publishers = sorted({m["publisher"] for m in members if m["publisher"]})
        writer.writerow({
            "story_id": story["id"], "label": story["label"], "num_articles": len(members),
            "num_sources": len(publishers), "first_published": days[0] if days else None,
            "last_published": days[-1] if days else None, "earliest_id": story["earliest_id"],
            "articles": "; ".join(m["id"] for m in members), "publishers": "; ".join(publishers),
        })
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
        return cast(str, found)
    code = (entity.get("actor_code") or {}).get("country")
    country = pycountry.countries.get(alpha_3=code) if code else None
    return country.alpha_2 if country else ""


def _code(entity: dict[str, Any] | None) -> str:
    """The CAMEO-style actor code: country and sector joined ("AFGCOP"), or ""."""
    code = (entity or {}).get("actor_code") or {}
    return (code.get("country") or "") + (code.get("sector") or "")


def export_geojson(dossiers: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One point per place, with its mentions counted across the corpus."""
    places: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    articles: dict[tuple[Any, Any, Any], set[str]] = defaultdict(set)
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
KINDS = (*EXPORTERS, "stories")


def export_corpus(store: Store, kind: str, out: TextIO, min_confidence: float | None = None) -> int:
    """Export a store's corpus as `kind` (one of KINDS); returns the records written."""
    if kind == "stories":
        return export_stories_csv(store.story_rows(), out)
    dossiers = (with_confident_events(d, min_confidence) for d in store.dossiers())
    if kind == "events":
        index = store.copy_index()
        copies = Copies(origin={a: v["origin"] for a, v in index.items() if v["origin"]},
                        publisher={a: v["publisher"] for a, v in index.items()},
                        exact={a: v["exact"] for a, v in index.items() if v["exact"]})
        return export_events_csv(dossiers, out, copies)
    return EXPORTERS[kind](dossiers, out)
