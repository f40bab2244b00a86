"""Stage `actors`: every entity that can act gets an actor code; groups and office
holders named by common nouns become AGENT entities.

PLOVER and CAMEO code "police", "protesters", "the government", "a human rights group"
as actors with a sector, and with a country where the text gives one ("Afghan police":
AFG + COP). An agent is taken where a noun phrase stands as a participant (subject,
object, the object of a preposition, a conjunct or an apposition), never as a modifier
("police station"); the same agent named again is one entity, and a bare "police" after
"Afghan police" is that same entity. Named entities get their code from what they are
(a country), what they stand for (a capital acting for its government), their titles
("U.S. Defense Secretary Mark Esper": USA + GOVMIL) or their name ("Libyan National
Army": LBY + MIL). Dictionaries and matching: newstrace.nlp.agents.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any, cast

from ..dossier import Entity, Span, next_entity_id
from ..nlp.agents import agent_of, entity_code, last_words
from ..nlp.model import tokens_where, word_or_lemma_positions
from ..nlp.names import fold
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Where a noun phrase is a participant rather than a modifier of another noun.
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj", "pobj", "conj",
                              "appos", "attr", "ROOT", "npadvmod", "oprd"})
# No mention is longer than this (characters): the index looks no further back.
LONGEST_MENTION = 300
DETERMINERS = frozenset({"the", "a", "an", "some", "several", "many", "other", "its", "their"})


class MentionIndex:
    """Which entity a token belongs to, by the entities' mention spans."""

    def __init__(self, entities: list[Entity]) -> None:
        self.by_id = {e.id: e for e in entities}
        self.spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.starts = [s[0] for s in self.spans]

    def __call__(self, token: Token) -> Entity | None:
        index = bisect_right(self.starts, token.idx) - 1
        while index >= 0 and self.spans[index][0] > token.idx - LONGEST_MENTION:
            start, end, entity_id = self.spans[index]
            if start <= token.idx < end:
                return self.by_id[entity_id]
            index -= 1
        return None


@stage("actors", reads=("doc", "entities", "entities.place", "entities.descriptors"),
       adds=("entities", "entities.actor_code"))
def actors(work: Work) -> None:
    dossier = work.dossier
    for entity in dossier.entities:
        entity.actor_code = entity_code(entity)
    if work.doc is None:
        return
    dossier.entities += find_agents(work.doc, dossier.text, dossier.entities)


def find_agents(doc: Doc, text: str, entities: list[Entity]) -> list[Entity]:
    entity_at = MentionIndex(entities)
    found: dict[str, Entity] = {}
    number = int(next_entity_id(entities)[1:])
    for token in _agent_heads(doc):
        if token.dep_ not in PARTICIPANT_DEPS:
            continue
        if _describes_a_name(token, entity_at):
            continue
        agent = agent_of(token, entity_at)
        if agent is None:
            continue
        tokens, code = agent
        tokens = [t for t in tokens if t.lower_ not in DETERMINERS]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        name = text[start:end]
        key = fold(name)
        entity = found.get(key) or _qualified_twin(found, key, code)
        if entity is None:
            entity = Entity(id=f"e{number}", name=name, type="AGENT", actor_code=code)
            number += 1
            found[key] = entity
        elif name != entity.name and name not in entity.aliases:
            entity.aliases.append(name)
        entity.mentions.append(Span.of(text, start, end))
    return list(found.values())


def _agent_heads(doc: Doc) -> list[Token]:
    """The tokens an agent phrase may end in ("police", "officials", "Officials"): read
    off the document's arrays at once rather than token by token."""
    return tokens_where(doc, word_or_lemma_positions(doc, last_words()))


def _describes_a_name(token: Token, entity_at: MentionIndex) -> bool:
    """'Libya's military commander, Marshal Khalifa Haftar', 'Winer, a former US special
    envoy', 'spokesman Dmitry Peskov': the noun is a named person's title, not an agent."""
    if token.dep_ == "appos" and entity_at(token.head) is not None:
        return True
    # a name after the noun is the one it titles ("the commander Khalifa Haftar"); a name
    # before it says whose ("Kincaid police", even when the model took Kincaid for a person)
    return any(child.dep_ in ("appos", "compound", "flat") and child.i > token.i
               and entity_at(child) is not None and cast(Entity, entity_at(child)).type in ("PERSON", "ORG")
               for child in token.children)


def _qualified_twin(found: dict[str, Entity], key: str, code: Any) -> Entity | None:
    """'police' after 'Afghan police': the agent already named with its country."""
    if code.country is not None:
        return None
    twins = [e for k, e in found.items() if k.endswith(" " + key) and e.actor_code is not None
             and e.actor_code.sector == code.sector]
    return twins[-1] if len(twins) == 1 else None
