"""A dossier's parts as flat records: its quotes, attributions and events, read once.

The SQL store (store/sql.py: tables keyed by corpus entity ids) and a batch job's
Parquet tables (scale/tables.py: one row per part, with names beside the ids) lay these
out differently, but both read a part from the dossier here, so that what a part's text,
speaker, cue or time is never differs between the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Text:
    """A span of the dossier's text."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, span: dict[str, Any]) -> "Text":
        return cls(span["text"], span["start"], span["end"])


@dataclass(frozen=True, slots=True)
class QuotePart:
    id: str
    kind: str
    span: Text
    speaker: str | None          # the speaker's entity id in the dossier
    speaker_text: str | None     # the words that name the speaker
    cue: str | None


@dataclass(frozen=True, slots=True)
class AttributionPart:
    id: str
    kind: str
    source: str
    source_entity: str | None
    source_text: str | None
    cue: str | None
    factuality: str | None
    span: Text


@dataclass(frozen=True, slots=True)
class EventPart:
    id: str
    type: str
    mode: str | None
    actors: list[str]            # entity ids in the dossier
    targets: list[str]
    place: str | None
    time_start: str | None
    time_end: str | None
    factuality: str | None
    attribution: str | None
    confidence: float | None
    evidence: Text


def quotes(dossier: dict[str, Any]) -> list[QuotePart]:
    return [QuotePart(q["id"], q["kind"], Text.of(q["span"]), q.get("speaker"),
                      _text(q.get("speaker_span")), _text(q.get("cue")))
            for q in dossier["quotes"]]


def attributions(dossier: dict[str, Any]) -> list[AttributionPart]:
    return [AttributionPart(a["id"], a["kind"], a["source"], a.get("source_entity"),
                            _text(a.get("source_span")), _text(a.get("cue")), a.get("factuality"),
                            Text.of(a["span"]))
            for a in dossier["sources"]["attributions"]]


def events(dossier: dict[str, Any]) -> list[EventPart]:
    found = []
    for event in dossier["events"]:
        time = event.get("time") or {}
        found.append(EventPart(event["id"], event["type"], event.get("mode"), event["actors"],
                               event["targets"], event.get("place"), time.get("start"),
                               time.get("end"), event.get("factuality"), event.get("attribution"),
                               event.get("confidence"), Text.of(event["evidence"])))
    return found


def _text(span: dict[str, Any] | None) -> str | None:
    return span["text"] if span else None
