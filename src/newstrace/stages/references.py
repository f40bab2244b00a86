"""Stage `references`: definite descriptions that can only mean one person.

"the 79-year-old commander" after "Libya's eastern military commander, ... Haftar"
becomes a mention of Haftar (and "79-year-old commander" one of his descriptors), but
only when exactly one person mentioned earlier carries that role (`descriptors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dossier import Entity, Span
from ..nlp.names import add_descriptor, fold, role_nouns
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan


@stage("references", reads=("doc", "entities", "entities.descriptors"), adds=("entities.mentions",))
def references(work: Work) -> None:
    doc = work.doc
    if doc is None:
        return
    people = [e for e in work.dossier.entities if e.type == "PERSON"]
    taken = {(m.start, m.end) for e in work.dossier.entities for m in e.mentions}
    for chunk in doc.noun_chunks:
        found = definite_description(chunk)
        if found is None:
            continue
        start, end, head = found
        if any(s < end and start < e for s, e in taken):
            continue
        owners = [p for p in people if _holds_role(p, head) and p.mentions[0].start < start]
        if len(owners) != 1:
            continue
        owner = owners[0]
        owner.mentions.append(Span.of(work.dossier.text, start, end))
        owner.mentions.sort(key=lambda m: m.start)
        described = work.dossier.text[start:end]
        if " " in described:
            add_descriptor(owner, described)
        taken.add((start, end))


def definite_description(chunk: SpacySpan) -> tuple[int, int, str] | None:
    """'the 79-year-old commander' -> (offsets without 'the', 'commander'), else None."""
    root = chunk.root
    if chunk[0].lower_ != "the" or root.pos_ != "NOUN" or root.lemma_.lower() not in role_nouns():
        return None
    if root.dep_ == "appos" or any(c.dep_ == "appos" for c in root.children):
        return None  # "the envoy, John Smith": the name follows; not a reference
    if any(t.ent_type_ in ("PERSON", "ORG") for t in chunk):
        return None
    if root.tag_ in ("NNS", "NNPS"):
        return None  # plurals name groups, not one person
    body = chunk[1:]
    return body.start_char, body.end_char, root.lemma_.lower()


def _holds_role(entity: Entity, head: str) -> bool:
    return any(head in fold(d).replace("-", " ").replace(".", "").split()
               for d in entity.descriptors)
