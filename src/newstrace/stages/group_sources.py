"""Stage `group_sources`: the group entity behind a speaker named by a common noun.

"police said", "witnesses said": the quote's speaker and the claim's source point at
an AGENT entity for that group, the one `actors` made of those words or a new one, so
that what "police" said is counted as theirs. A source unnamed on purpose ("a source",
"people close to him") stays anonymous.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..dossier import ActorCode, Entity, Span, next_entity_id
from ..nlp.names import fold
from ..nlp.speech import is_people
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


@stage("group_sources", reads=("doc", "speech_acts", "quotes", "sources.attributions", "entities"),
       adds=("entities", "quotes.speaker", "sources.attributions.source_entity"))
def group_sources(work: Work) -> None:
    """Speakers and sources named by a common noun for a group ("police said", "United
    Way officials said", "witnesses said") point at an AGENT entity: the one stage
    `actors` made of those words, else a new one without a sector ("witnesses" are no
    CAMEO sector); so does a pronoun that stands for them ("Another official said ...
    He said"). Runs after `actors`, which makes the agents."""
    dossier = work.dossier
    groups = SpeakingGroups(dossier, work.doc)
    # a pronoun's words -> the words of the unnamed person or group it stands for
    standing_for = {a.source.span: a.source.refers_to for a in work.speech_acts
                    if a.source is not None and a.source.refers_to is not None and a.source.span is not None}

    def words_of(span: Span) -> Span:
        meant = standing_for.get((span.start, span.end))
        return Span.of(dossier.text, *meant) if meant is not None else span

    for quote in dossier.quotes:
        if quote.speaker is None and quote.speaker_span is not None:
            quote.speaker = groups.of(words_of(quote.speaker_span))
    for claim in dossier.sources.attributions:
        # an office's entity is its holder, when named ("the governor" stays an office)
        if claim.source_entity is None and claim.source_span is not None and claim.kind != "named-office":
            claim.source_entity = groups.of(words_of(claim.source_span))
    dossier.entities += groups.made


LEADING_WORDS = ("the ", "a ", "an ", "some ", "even ", "many ", "several ")


# Words for sources kept unnamed on purpose: no entity gathers "well-informed sources".
UNNAMED_ON_PURPOSE = frozenset({"source", "people", "person", "insider", "individual"})


class SpeakingGroups:
    """The AGENT entity a speaker's words name, found or made."""

    def __init__(self, dossier: Any, doc: Doc | None) -> None:
        self.text, self.doc = dossier.text, doc
        self.agent_at: dict[tuple[int, int], str] = {(m.start, m.end): e.id for e in dossier.entities if e.type == "AGENT"
                         for m in e.mentions}
        self.named = [(m.start, m.end) for e in dossier.entities for m in e.mentions]
        self.next_id = int(next_entity_id(dossier.entities)[1:])
        self.made: list[Entity] = []

    def of(self, words: Span) -> str | None:
        start, end = self._trimmed(words)
        span = self.doc.char_span(start, end, alignment_mode="expand") if self.doc is not None else None
        if span is None:
            return None
        head = span.root.idx   # the agent must be the phrase's head: not "people close to the minister"
        for (a, b), entity_id in self.agent_at.items():
            if start <= a <= head < b <= end:
                return entity_id   # "Hudson police" within "the Hudson police"
        return self._made(span)

    def _trimmed(self, words: Span) -> tuple[int, int]:
        surface = self.text[words.start:words.end]
        end = words.start + len(surface.rstrip())
        start = words.start
        while (lead := next((w for w in LEADING_WORDS if self.text[start:end].lower().startswith(w)), None)):
            start += len(lead)
        return start, end

    def _made(self, span: SpacySpan) -> str | None:
        """A plural noun for people, naming no entity ("witnesses", "city attorneys")."""
        start, end = span.start_char, span.end_char
        if span.root.tag_ != "NNS" or not is_people(span.root) \
                or span.root.lemma_.lower() in UNNAMED_ON_PURPOSE \
                or any(a < end and start < b for a, b in self.named):
            return None
        name = self.text[start:end]
        entity = next((e for e in self.made if fold(e.name) == fold(name)), None)
        if entity is None:
            entity = Entity(id=f"e{self.next_id}", name=name, type="AGENT", actor_code=ActorCode())
            self.next_id += 1
            self.made.append(entity)
        if all((m.start, m.end) != (start, end) for m in entity.mentions):   # a quote and its claim
            entity.mentions.append(Span.of(self.text, start, end))
        return entity.id
