"""The dossier: what newstrace makes of one article (contract `newstrace.dossier/1`).

The classes mirror the contract field for field, so that `Dossier.to_dict()` is the
contract's JSON shape and nothing else. Stages fill them; nobody renames them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterator, Literal

SCHEMA = "newstrace.dossier/1"

ContentType = Literal["html", "text", "plain"]
RemovedKind = Literal[
    "repeated-title", "metadata", "promo", "language-note", "tags", "navigation", "other",
    "boilerplate",
]
# AGENT (added to the contract's list): a group or office holder named by a common noun
# ("police", "Afghan protesters", "the interior minister") that acts in the text; PLOVER
# and CAMEO code such agents as actors with a sector.
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "OTHER", "AGENT"]
Factuality = Literal["certain", "probable", "possible", "negated", "underspecified"]
# The contract's PLOVER 2021 event types, in its order.
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
               "COERCE", "ASSAULT")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of `Dossier.text`, with the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of `text[start:end]`: the one safe way to build a span."""
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Place:
    lat: float
    lon: float
    country: str | None = None
    feature: str = "other"
    geonames_id: int | None = None
    name: str | None = None    # added: the place's own name ("United States" for "Americans")


@dataclass(slots=True)
class Link:
    rel: Literal["next", "previous", "related"]
    title: str
    url: str | None = None


@dataclass(slots=True)
class Byline:
    """An author as the byline gives them: the person, the role printed after the name
    ("AP National Security Writer") and the wire agency that role or credit names."""

    name: str
    descriptor: str | None = None
    agency: str | None = None


@dataclass(slots=True)
class Removed:
    text: str
    kind: RemovedKind


@dataclass(slots=True)
class InputInfo:
    path: str | None = None
    url: str | None = None
    content_type: ContentType = "plain"


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    subtitle: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: str | None = None
    dateline_place: Place | None = None
    authors: list[str] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    language: str = "und"
    original_language: str | None = None
    tags: list[str] = field(default_factory=list)
    views: int | None = None
    comments: int | None = None
    links: list[Link] = field(default_factory=list)


@dataclass(slots=True)
class ActorCode:
    """Who an actor is in the terms of event data (CAMEO, PLOVER): the country it
    belongs to (ISO 3166-1 alpha-3, as CAMEO writes it) and its sector (a CAMEO sector
    code such as GOV, MIL, COP, OPP, REB, JUD, BUS, MED, HRI, NGO, IGO)."""

    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    place: Place | None = None
    # Added to the contract's fields: the ISO country whose government a capital or a
    # seat of government stands for where it acts ("Moscow said", "the Kremlin's offer").
    stands_for: str | None = None
    # Added: the actor code of an entity that can take part in events (null when the
    # text gives neither a country nor a sector).
    actor_code: ActorCode | None = None


@dataclass(slots=True)
class Quote:
    id: str
    kind: Literal["direct", "partial", "indirect"]
    span: Span
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: Span | None = None
    # Added to the contract's fields: the quoted pieces of a quotation its cue
    # interrupts ('"A," he said, "B"'); empty when the quotation is one piece.
    parts: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class ChainLink:
    name: str
    relation: Literal["publisher", "cites", "translates", "reprints"]
    entity: str | None = None


@dataclass(slots=True)
class Attribution:
    id: str
    span: Span
    source: str
    kind: Literal["named-person", "named-organization", "named-office", "outlet", "anonymous", "document"]
    source_span: Span | None = None
    source_entity: str | None = None
    cue: Span | None = None
    # Added to the contract's fields: how certain the claim is, read from its words.
    factuality: Factuality = "certain"
    # Added: the claim's pieces when a cue interrupts it (as Quote.parts).
    parts: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Sources:
    chain: list[ChainLink] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


@dataclass(slots=True)
class EventTime:
    start: str
    end: str
    span: Span | None = None


@dataclass(slots=True)
class Event:
    id: str
    type: str
    evidence: Span
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    place: str | None = None
    time: EventTime | None = None
    factuality: Factuality = "certain"
    attribution: str | None = None
    # Added to the contract's fields: where else the text states the same event.
    further_evidence: list[Span] = field(default_factory=list)
    # Added: how likely the event is right (type and main actor), in [0, 1], calibrated
    # so that events at 0.5 or above are right at least 90% of the time on real news.
    confidence: float = 0.0


@dataclass(slots=True)
class TimeExpression:
    span: Span
    start: str | None = None
    end: str | None = None
    # Added to the contract's fields: "date", "range", "duration", "time" or "set".
    # A duration ("several years") keeps start and end null.
    kind: str | None = None


@dataclass(slots=True)
class Quantity:
    span: Span
    value: float
    unit: str | None = None


@dataclass(slots=True)
class DossierWarning:
    kind: str
    message: str
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Dossier:
    """One article, analysed. `to_dict()` gives the contract's JSON shape."""

    id: str
    input: InputInfo
    metadata: Metadata
    text: str
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: Sources = field(default_factory=Sources)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    warnings: list[DossierWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape: every field present, plain types only."""
        return {"schema": SCHEMA, **asdict(self)}

    def spans(self) -> Iterator[Span]:
        """Every span anywhere in the dossier, for checks and highlighting."""
        yield from _walk_spans(self)


def next_entity_id(entities: list[Entity]) -> str:
    """An id no entity has: one past the highest number. Stages that add entities after
    others were merged away (so numbers have gaps) must not count the list instead."""
    numbers = [int(e.id[1:]) for e in entities if e.id[:1] == "e" and e.id[1:].isdigit()]
    return f"e{max(numbers, default=0) + 1}"


# The entity types each kind of reference may point at: words are said by people,
# organisations, groups and governments (by their seat: "Moscow said"), never by places
# as such, works or events; events take actors of the same kinds; an event's place is a place.
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "AGENT"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "AGENT"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# what an act is done to may also be a place or a building ("shelled the airport")
TARGET_TYPES = ACTOR_TYPES | PLACE_TYPES


def reference_problems(dossier: Dossier) -> list[str]:
    """Duplicate entity ids, and references to a missing entity or to one of the wrong type
    (quote speakers, attribution sources, chain links, event actors, targets and places).
    Empty for a sound dossier; the tests hold every dev corpus to it."""
    problems = []
    types: dict[str, str] = {}
    for entity in dossier.entities:
        if entity.id in types:
            problems.append(f"entity id {entity.id} used twice")
        types[entity.id] = entity.type

    def check(what: str, entity_id: str | None, allowed: frozenset[str]) -> None:
        if entity_id is None:
            return
        if entity_id not in types:
            problems.append(f"{what} points at missing entity {entity_id}")
        elif types[entity_id] not in allowed:
            problems.append(f"{what} points at {entity_id}, a {types[entity_id]}")

    for quote in dossier.quotes:
        check(f"quote {quote.id} speaker", quote.speaker, SPEAKER_TYPES)
    for attribution in dossier.sources.attributions:
        check(f"attribution {attribution.id} source", attribution.source_entity, SPEAKER_TYPES)
    for link in dossier.sources.chain:
        check(f"chain link {link.name}", link.entity, SPEAKER_TYPES)
    for event in dossier.events:
        for entity_id in event.actors:
            check(f"event {event.id} actor", entity_id, ACTOR_TYPES)
        for entity_id in event.targets:
            check(f"event {event.id} target", entity_id, TARGET_TYPES)
        check(f"event {event.id} place", event.place, PLACE_TYPES)
    return problems


# Events at or above this confidence are "confident"; the web page and the report mark
# the others as low-confidence.
CONFIDENT = 0.5


def confident_events(events: list[Any], min_confidence: float | None) -> list[Any]:
    """Events (dataclasses or their dicts) at least `min_confidence` likely to be right;
    all of them when it is None. An event with no confidence (stored before it existed)
    is kept out by any threshold."""
    if min_confidence is None:
        return list(events)
    def value(event: Any) -> float | None:
        return event.get("confidence") if isinstance(event, dict) else event.confidence
    return [e for e in events if (v := value(e)) is not None and v >= min_confidence]


def _walk_spans(value: Any) -> Iterator[Span]:
    if isinstance(value, Span):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk_spans(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            if name != "text":
                yield from _walk_spans(getattr(value, name))


def iter_span_dicts(value: Any) -> Iterator[dict[str, Any]]:
    """Every span-shaped dict in a `to_dict()` result (for checking serialised dossiers)."""
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"}:
            yield value
            return
        for item in value.values():
            yield from iter_span_dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from iter_span_dicts(item)
