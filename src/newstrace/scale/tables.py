"""Dossiers to flat rows: one table per kind of fact, for SQL engines and dataframes.

Every row carries the article's `article_id` (the dossier's id) and `published`; the
date partition (`date=YYYY-MM-DD` in the path) is the day of `published`, or `unknown`.
Entity references are kept as ids (`e1`, as in the dossier) beside the entity's name.

| table          | a row per                             |
|----------------|---------------------------------------|
| `dossiers`     | article: key, hash, metadata, the dossier as JSON, its lineage fingerprint |
| `entities`     | entity of an article (person, organisation, place, group, ...) |
| `quotes`       | quote (direct, partial, indirect) with its speaker |
| `attributions` | attributed claim with its source, cue and certainty |
| `events`       | PLOVER event with actors, targets, place, time |
| `places`       | place an article mentions (a placed entity) or its dateline |
| `errors`       | record that could not be read or analysed, with the reason (not partitioned) |
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from ..corpus.lineage import Fingerprint
from ..store import parts

STRINGS = pa.list_(pa.string())
ARTICLE = [("article_id", pa.string()), ("published", pa.string())]
PLACE = [("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
         ("feature", pa.string()), ("geonames_id", pa.int64())]
SPAN = [("text", pa.large_string()), ("start", pa.int64()), ("end", pa.int64())]

SCHEMAS: dict[str, pa.Schema] = {
    "dossiers": pa.schema([
        ("id", pa.string()), ("key", pa.string()), ("input", pa.string()),
        ("content_hash", pa.string()), ("url", pa.string()), ("title", pa.string()),
        ("publisher", pa.string()), ("published", pa.string()), ("language", pa.string()),
        ("authors", STRINGS), ("entities", pa.int32()), ("quotes", pa.int32()),
        ("attributions", pa.int32()), ("events", pa.int32()),
        ("dossier", pa.large_string()), ("fingerprint", pa.binary()),
    ]),
    "entities": pa.schema(ARTICLE + [
        ("entity_id", pa.string()), ("name", pa.string()), ("type", pa.string()),
        ("aliases", STRINGS), ("descriptors", STRINGS), ("mentions", pa.int32()),
        *PLACE, ("stands_for", pa.string()),
    ]),
    "quotes": pa.schema(ARTICLE + [
        ("quote_id", pa.string()), ("kind", pa.string()), *SPAN,
        ("speaker", pa.string()), ("speaker_name", pa.string()), ("speaker_text", pa.string()),
        ("cue", pa.string()),
    ]),
    "attributions": pa.schema(ARTICLE + [
        ("attribution_id", pa.string()), ("kind", pa.string()), ("source", pa.string()),
        ("source_entity", pa.string()), ("source_name", pa.string()),
        ("source_text", pa.string()), ("cue", pa.string()), ("factuality", pa.string()), *SPAN,
    ]),
    "events": pa.schema(ARTICLE + [
        ("event_id", pa.string()), ("type", pa.string()), ("mode", pa.string()),
        ("actors", STRINGS), ("actor_ids", STRINGS), ("targets", STRINGS),
        ("target_ids", STRINGS), ("place", pa.string()), ("place_id", pa.string()),
        ("time_start", pa.string()), ("time_end", pa.string()), ("factuality", pa.string()),
        ("attribution", pa.string()), ("source", pa.string()),
        ("evidence", pa.large_string()), ("start", pa.int64()), ("end", pa.int64()),
    ]),
    "places": pa.schema(ARTICLE + [
        ("entity_id", pa.string()), ("name", pa.string()), ("type", pa.string()),
        ("role", pa.string()),          # "mention" or "dateline"
        ("mentions", pa.int32()), *PLACE, ("stands_for", pa.string()),
    ]),
    "errors": pa.schema([
        ("input", pa.string()), ("key", pa.string()), ("stage", pa.string()),
        ("reason", pa.string()), ("content_hash", pa.string()), ("url", pa.string()),
    ]),
}
PARTITIONED = ("dossiers", "entities", "quotes", "attributions", "events", "places")


def dossier_rows(dossier: dict[str, Any], *, key: str, input_id: str, content_hash: str,
                 dossier_json: str) -> dict[str, list[dict[str, Any]]]:
    """The rows one dossier gives in each partitioned table."""
    meta = dossier["metadata"]
    article = {"article_id": dossier["id"], "published": meta.get("published")}
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    claims = {a.id: a for a in parts.attributions(dossier)}
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in PARTITIONED}
    tables["dossiers"].append({
        "id": dossier["id"], "key": key, "input": input_id, "content_hash": content_hash,
        "url": meta.get("url"), "title": meta.get("title"), "publisher": meta.get("publisher"),
        "published": meta.get("published"), "language": meta.get("language"),
        "authors": meta.get("authors") or [], "entities": len(dossier["entities"]),
        "quotes": len(dossier["quotes"]), "attributions": len(claims),
        "events": len(dossier["events"]), "dossier": dossier_json,
        "fingerprint": Fingerprint.of(dossier).to_bytes(),
    })
    for entity in dossier["entities"]:
        row = article | {
            "entity_id": entity["id"], "name": entity["name"], "type": entity["type"],
            "aliases": entity["aliases"], "descriptors": entity["descriptors"],
            "mentions": len(entity["mentions"]), **_place(entity.get("place")),
            "stands_for": entity.get("stands_for"),
        }
        tables["entities"].append(row)
        if entity.get("place"):
            tables["places"].append(article | {
                "entity_id": entity["id"], "name": entity["name"], "type": entity["type"],
                "role": "mention", "mentions": len(entity["mentions"]),
                **_place(entity["place"]), "stands_for": entity.get("stands_for"),
            })
    if meta.get("dateline_place"):
        tables["places"].append(article | {
            "entity_id": None, "name": meta.get("dateline"), "type": None, "role": "dateline",
            "mentions": None, **_place(meta["dateline_place"]), "stands_for": None,
        })
    for quote in parts.quotes(dossier):
        tables["quotes"].append(article | {
            "quote_id": quote.id, "kind": quote.kind, **_span(quote.span),
            "speaker": quote.speaker, "speaker_name": names.get(quote.speaker),
            "speaker_text": quote.speaker_text, "cue": quote.cue,
        })
    for claim in claims.values():
        tables["attributions"].append(article | {
            "attribution_id": claim.id, "kind": claim.kind, "source": claim.source,
            "source_entity": claim.source_entity, "source_name": names.get(claim.source_entity),
            "source_text": claim.source_text, "cue": claim.cue,
            "factuality": claim.factuality, **_span(claim.span),
        })
    for event in parts.events(dossier):
        cited = claims.get(event.attribution) if event.attribution else None
        tables["events"].append(article | {
            "event_id": event.id, "type": event.type, "mode": event.mode,
            "actors": [names.get(a, a) for a in event.actors], "actor_ids": event.actors,
            "targets": [names.get(t, t) for t in event.targets], "target_ids": event.targets,
            "place": names.get(event.place, event.place), "place_id": event.place,
            "time_start": event.time_start, "time_end": event.time_end,
            "factuality": event.factuality, "attribution": event.attribution,
            "source": cited.source if cited else None, "evidence": event.evidence.text,
            "start": event.evidence.start, "end": event.evidence.end,
        })
    return tables


def error_row(*, input_id: str, key: str | None, stage: str | None, reason: str | None,
              content_hash: str | None = None, url: str | None = None) -> dict[str, Any]:
    return {"input": input_id, "key": key, "stage": stage, "reason": reason,
            "content_hash": content_hash, "url": url}


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def _place(place: dict[str, Any] | None) -> dict[str, Any]:
    place = place or {}
    return {"lat": place.get("lat"), "lon": place.get("lon"), "country": place.get("country"),
            "feature": place.get("feature"), "geonames_id": place.get("geonames_id")}


def _span(span: parts.Text) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


__all__ = ["PARTITIONED", "SCHEMAS", "dossier_rows", "error_row", "to_table"]
