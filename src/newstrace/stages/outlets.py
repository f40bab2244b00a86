"""Stage `outlets`: news outlets named in the text are organisations.

The tagger reads short outlet names as people or places ("Kan reported", "Ruptly
footage", "according to Wikileaks"). An entity whose name or alias is a known outlet
(nlp.outlets, data/outlets.toml) becomes an ORG, unless it is a person: one the text
also names in full or gives a title ("Michael Bloomberg ... Bloomberg said"), or whose
name is a first name ("Dawn") with nothing around it speaking of reporting. An outlet the
tagger missed altogether is added where the sentence gives it a reporter's part: the
subject of a speech verb, the one told ("told AFP"), or after "according to".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dossier import Entity, Span, next_entity_id
from ..nlp.firstnames import table as first_names
from ..nlp.outlets import first_words, outlet_named
from ..nlp.speech import is_speech_verb
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The longest outlet name, in words, looked for in the text.
LONGEST = 5


@stage("outlets", reads=("doc", "entities"), adds=("entities", "entities.type"))
def outlets(work: Work) -> None:
    doc = work.doc
    if doc is None:
        return
    for entity in work.dossier.entities:
        if entity.type != "ORG" and _is_outlet(entity, doc):
            entity.type = "ORG"
    work.dossier.entities.extend(missed_outlets(doc, work.dossier.text, work.dossier.entities))


def _is_outlet(entity: Entity, doc: Doc) -> bool:
    names = [entity.name, *entity.aliases]
    if not any(outlet_named(name) for name in names):
        return False
    if entity.type == "PERSON" and (_full_name(names) or entity.descriptors):
        return False   # "Michael Bloomberg ... Bloomberg said": a person of that name
    if entity.type == "PERSON" and len(entity.name.split()) == 1 and entity.name.lower() in first_names():
        return any(_reporting(_token_at(doc, m.start)) for m in entity.mentions)
    return entity.type in ("PERSON", "GPE", "NORP", "OTHER", "FAC", "LOC", "EVENT")


def _full_name(names: list[str]) -> bool:
    """A name of two words or more that is no outlet's: a person's full name."""
    return any(len(name.split()) > 1 and outlet_named(name) is None for name in names)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _reporting(token: Token | None) -> bool:
    """The token plays a reporter's part: "Kan reported", "told AFP", "according to X"."""
    if token is None:
        return False
    head = token.head
    if token.dep_ in ("nsubj", "dobj", "dative") and is_speech_verb(head):
        return True
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ in ("according", "told"):
        return True
    return token.dep_ in ("dobj", "pobj") and head.lower_ in ("citing", "quoting")


def missed_outlets(doc: Doc, text: str, entities: list[Entity]) -> list[Entity]:
    covered = {i for e in entities for m in e.mentions for i in range(m.start, m.end)}
    added: dict[str, Entity] = {}
    i = 0
    while i < len(doc):
        found = _outlet_at(doc, i)
        if found is None:
            i += 1
            continue
        size, outlet_name = found
        span = doc[i:i + size]
        # The whole span free: "The Wall Street Journal" where "Wall Street Journal" is an entity.
        free = not any(c in covered for c in range(span.start_char, span.end_char))
        if free and any(_reporting(t) for t in span):
            entity = added.get(outlet_name)
            if entity is None:
                entity = Entity(id=next_entity_id(entities + list(added.values())), name=outlet_name, type="ORG")
                added[outlet_name] = entity
            if span.text != entity.name and span.text not in entity.aliases:
                entity.aliases.append(span.text)
            entity.mentions.append(Span.of(text, span.start_char, span.end_char))
        i += size
    return list(added.values())


def _outlet_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """The longest outlet name starting at token i (capitalised), as (tokens, its name)."""
    if not doc[i].text[:1].isupper() or doc[i].text not in first_words():
        return None   # most capitalised words begin no outlet's name
    for size in range(min(LONGEST, len(doc) - i), 0, -1):
        outlet = outlet_named(doc[i:i + size].text)
        if outlet is not None:
            return size, outlet.name
    return None
