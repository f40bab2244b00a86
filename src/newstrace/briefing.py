"""A dossier as a briefing for a person to read: what `analyze --format text` and
`--format markdown` print.

The briefing is built here as plain sections of rows, with no layout, so that the
terminal renderer (cli/report.py) and the Markdown renderer show the same facts in the
same order. Every row is a fact of the dossier; nothing is added or inferred.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dossier import CONFIDENT, PLACE_TYPES, Attribution, Dossier, Entity, Event, Quote, Span

# Where a relation of the source chain is not "cites", the chain says so.
CHAIN_NOTES = {"translates": "translated", "reprints": "reprinted"}


@dataclass(slots=True)
class Section:
    """One part of the briefing: a heading, column names and rows of text. `empty` is
    what to say when there are no rows."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    empty: str = "none found"
    # 0: a table. n > 0: one record per row, too wide for a table at 80 columns: its
    # first n columns head the record (consecutive rows with the same head share it),
    # the last one is the record's text.
    lead: int = 0


@dataclass(slots=True)
class Briefing:
    title: str
    id: str
    header: list[tuple[str, str]]
    chain: str
    sections: list[Section]
    marked_text: str | None = None


def build_briefing(dossier: Dossier, show_text: bool = False) -> Briefing:
    """The briefing of one dossier; with `show_text`, its text with the spans marked
    (see `mark_spans`)."""
    names = {entity.id: entity.name for entity in dossier.entities}
    by_id = {claim.id: claim for claim in dossier.sources.attributions}
    sections = [
        who_is_who(dossier),
        who_said_what(dossier, names),
        claims_by_source(dossier),
        what_happened(dossier, names, by_id),
        places(dossier),
        Section("Warnings", ["kind", "warning"],
                [[w.kind, w.message] for w in dossier.warnings], lead=1),
        Section("Removed lines", ["kind", "line"],
                [[r.kind, r.text] for r in dossier.removed]),
    ]
    return Briefing(title=dossier.metadata.title or "(no title)", id=dossier.id,
                    header=header(dossier), chain=source_chain(dossier), sections=sections,
                    marked_text=mark_spans(dossier) if show_text else None)


def header(dossier: Dossier) -> list[tuple[str, str]]:
    meta = dossier.metadata
    language = meta.language
    if meta.original_language and meta.original_language != meta.language:
        language += f", translated from {meta.original_language}"
    rows = [("publisher", meta.publisher), ("published", meta.published),
            ("dateline", meta.dateline), ("authors", ", ".join(meta.authors)),
            ("language", language), ("url", meta.url), ("subtitle", meta.subtitle)]
    return [(name, str(value)) for name, value in rows if value not in (None, "")]


def source_chain(dossier: Dossier) -> str:
    """The chain of outlets on one line, this page's publisher first: every link is
    told by the one before it ("BLITZ ← Trud ← Bloomberg")."""
    links = [link.name + (f" ({CHAIN_NOTES[link.relation]})" if link.relation in CHAIN_NOTES else "")
             for link in dossier.sources.chain]
    return " ← ".join(links)


def who_is_who(dossier: Dossier) -> Section:
    """Every entity, most mentioned first; a place's country is given."""
    rows = []
    for entity in sorted(dossier.entities, key=lambda e: (-len(e.mentions), e.name)):
        rows.append([entity.name, entity.type, "; ".join(entity.descriptors),
                     str(len(entity.mentions)), _place_name(entity)])
    return Section("Who is who", ["entity", "type", "described as", "mentions", "place"], rows)


def who_said_what(dossier: Dossier, names: dict[str, str]) -> Section:
    rows = []
    for quote in dossier.quotes:
        speaker = names.get(quote.speaker or "", quote.speaker or "?")
        rows.append([speaker, quote.kind, quote.cue.text if quote.cue else "",
                     _quote_certainty(quote, dossier), _content(quote)])
    return Section("Who said what", ["speaker", "kind", "cue", "certainty", "quote"], rows, lead=1)


def claims_by_source(dossier: Dossier) -> Section:
    """Claims grouped under their source, sources in the order they first claim
    something; a claim told twice in the same words is listed once."""
    groups: dict[tuple[str, str], list[Attribution]] = {}
    for claim in dossier.sources.attributions:
        groups.setdefault((claim.source, claim.kind), []).append(claim)
    rows = []
    for (source, kind), claims in groups.items():
        seen: set[str] = set()
        for claim in claims:
            text = _content(claim)
            if text in seen:
                continue
            seen.add(text)
            rows.append([source, kind, claim.factuality, text])
    return Section("Claims by source", ["source", "kind", "certainty", "claim"], rows, lead=2)


def what_happened(dossier: Dossier, names: dict[str, str],
                  claims: dict[str, Attribution]) -> Section:
    rows = []
    for event in dossier.events:
        rows.append([event.type + (f" ({event.mode})" if event.mode else ""),
                     _participants(event, names), names.get(event.place or "", ""),
                     _when(event), event.factuality,
                     claims[event.attribution].source if event.attribution in claims else "",
                     f"{event.confidence:.2f}" + (" low" if event.confidence < CONFIDENT else ""),
                     event.evidence.text])
    return Section("What happened", ["type", "actor → target", "where", "when", "certainty",
                                     "on whose word", "confidence", "evidence"], rows, lead=2)


def places(dossier: Dossier) -> Section:
    """Every geocoded entity, and the dateline's place."""
    rows = []
    meta = dossier.metadata
    if meta.dateline and meta.dateline_place:
        point = meta.dateline_place
        rows.append([f"{meta.dateline} (dateline)", point.country or "",
                     f"{point.lat:.4f}, {point.lon:.4f}", point.feature])
    for entity in dossier.entities:
        if entity.place is None:
            continue
        point = entity.place
        name = entity.name
        if point.name and point.name != entity.name:
            name += f" ({point.name})"
        rows.append([name, point.country or "", f"{point.lat:.4f}, {point.lon:.4f}", point.feature])
    return Section("Places", ["place", "country", "lat, lon", "kind"], rows)


# Marks for `--show-text`, outermost first where spans nest.
MARKS = {"claim": ("{", "}"), "cue": ("<", ">"), "entity": ("[", "]"), "time": ("⟨", "⟩")}
LEGEND = "{claim or quote}  <cue>  [entity]  ⟨time⟩"


def mark_spans(dossier: Dossier) -> str:
    """The text with its spans marked in brackets, readable when piped: claims and
    quotes in braces, cues in angle brackets, entity mentions in square brackets,
    times in ⟨⟩. A span that crosses one already marked (overlapping without nesting)
    is left unmarked, so that every bracket pair encloses exactly its span."""
    spans: list[tuple[int, int, int, str]] = []
    order = {kind: rank for rank, kind in enumerate(MARKS)}
    for claim in _contents(dossier):
        spans.append((claim.start, claim.end, order["claim"], "claim"))
    for cue in _cues(dossier):
        spans.append((cue.start, cue.end, order["cue"], "cue"))
    for entity in dossier.entities:
        for mention in entity.mentions:
            spans.append((mention.start, mention.end, order["entity"], "entity"))
    for time in dossier.times:
        spans.append((time.span.start, time.span.end, order["time"], "time"))
    inserts: dict[int, list[str]] = {}
    kept: list[tuple[int, int]] = []
    # longer spans first at one start, so that nested ones open inside them
    for start, end, _, kind in sorted(set(spans), key=lambda s: (s[0], -s[1], s[2])):
        if start >= end or any(_crosses((start, end), other) for other in kept):
            continue
        kept.append((start, end))
        opening, closing = MARKS[kind]
        inserts.setdefault(start, []).append(opening)
        inserts.setdefault(end, []).insert(0, closing)
    return _with_inserts(dossier.text, inserts)


def _with_inserts(text: str, inserts: dict[int, list[str]]) -> str:
    out: list[str] = []
    last = 0
    for offset in sorted(inserts):
        out.append(text[last:offset])
        # closings were put before openings at one offset: "]" of one span, "[" of the next
        marks = inserts[offset]
        out.append("".join(m for m in marks if m in "}>]⟩") + "".join(m for m in marks if m in "{<[⟨"))
        last = offset
    out.append(text[last:])
    return "".join(out)


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping without one holding the other, or the very same span twice."""
    if a == b:
        return True
    overlap = a[0] < b[1] and b[0] < a[1]
    nested = (a[0] >= b[0] and a[1] <= b[1]) or (b[0] >= a[0] and b[1] <= a[1])
    return overlap and not nested


def _contents(dossier: Dossier) -> list[Span]:
    spans: list[Span] = []
    items: list[Quote | Attribution] = [*dossier.quotes, *dossier.sources.attributions]
    for item in items:
        spans.extend(item.parts or [item.span])
    return spans


def _cues(dossier: Dossier) -> list[Span]:
    items: list[Quote | Attribution] = [*dossier.quotes, *dossier.sources.attributions]
    return [item.cue for item in items if item.cue]


def _content(item: Quote | Attribution) -> str:
    """What a quote or claim says: its pieces joined where a cue interrupts it."""
    return " … ".join(part.text for part in item.parts) or item.span.text


def _quote_certainty(quote: Quote, dossier: Dossier) -> str:
    """A quote's certainty is that of the claim it states (the attribution over the
    same words by the same speaker); a quote with no such claim gets none."""
    for claim in dossier.sources.attributions:
        same_words = claim.span.start < quote.span.end and quote.span.start < claim.span.end
        if same_words and (claim.source_entity is None or claim.source_entity == quote.speaker):
            return claim.factuality
    return ""


def _participants(event: Event, names: dict[str, str]) -> str:
    who = ", ".join(names.get(a, a) for a in event.actors) or "?"
    whom = ", ".join(names.get(t, t) for t in event.targets)
    return who + (f" → {whom}" if whom else "")


def _when(event: Event) -> str:
    if event.time is None:
        return ""
    dates = event.time.start if event.time.start == event.time.end else f"{event.time.start}/{event.time.end}"
    # with no span, the time is not in the text: the publication date the event is taken to share
    return f"{event.time.span.text} ({dates})" if event.time.span is not None else dates


def _place_name(entity: Entity) -> str:
    if entity.place is None:
        return ""
    if entity.type in PLACE_TYPES:
        return entity.place.country or ""
    return entity.place.name or entity.place.country or ""
