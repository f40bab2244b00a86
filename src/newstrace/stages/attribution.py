"""Stages `attribution`, `source_chain` and `group_sources`: where each claim comes from,
how sure it is, the chain of outlets from this page back to the earliest one named, and
the group entity behind a speaker named by a common noun.

`attribution` turns every speech act with a source into an attribution of its claim
(the claim, not the paragraph): named people and organisations, outlets, anonymous
groups described ("people close to his Libyan National Army"), documents. A sentence
that opens with "Also," or "In return," inside a reported passage carries the same
attribution; nothing else carries over. Each claim's factuality is how its source
holds it (`newstrace.nlp.factuality.attribution_factuality`): asserted, hedged, denied
or asked; what the claim itself says ("we will not accept") is content.

`source_chain` starts from this page's publisher; each outlet it relays follows
("writes Trud, referring to Bloomberg": publisher -> Trud -> Bloomberg; "Kan
reported", "told AFP", "according to Reuters": cites); a wire agency in the dateline
("(AP) —") or in a byline ("By ROBERT BURNS, AP National Security Writer", "By The
Associated Press") is reprinted; a note that names the outlet it translated is "translates",
one that credits an outlet ("Reuters contributed to this report") "cites". One node
per outlet: its short forms ("AP", "The Associated Press") are the same node.
"""

from __future__ import annotations

from typing import Any

from ..dossier import SPEAKER_TYPES, ActorCode, Attribution, ChainLink, Entity, Span, next_entity_id
from ..nlp.dateline import wire_credit
from ..nlp.factuality import attribution_factuality
from ..nlp.names import fold
from ..nlp.outlets import outlet_named, same_outlet
from ..nlp.speech import is_people, lexicon, looks_like_outlet
from ..pipeline import Work, stage
from .publisher import host_name
from .quotes import SpeechAct

ATTRIBUTED = ("direct", "partial", "indirect", "according", "relay")
CLAIM_TRAIL = " \t\n.,;:!?”’\"'»"
# Sentence count a carried-over attribution may run on for.
MAX_CARRY = 3


@stage("attribution", reads=("doc", "speech_acts"), adds=("sources.attributions",))
def attribution(work: Work) -> None:
    acts: list[SpeechAct] = work.speech_acts
    doc, text = work.doc, work.dossier.text
    if doc is None:
        return
    made: list[Attribution] = []
    seen: set[tuple[int, int, str]] = set()
    for act in sorted(acts, key=lambda a: (a.content[0], a.position)):
        if act.kind not in ATTRIBUTED or act.source is None or act.by_unknown_pronoun or covered(act, acts):
            continue   # a "he" that resolves to no one is no source an analyst can use
        for one in [act, *carry_over(act, doc, text)]:
            claim = one.claim or one.content
            # the same claim whether or not its closing mark and stop were taken in
            end = claim[0] + len(text[claim[0]:claim[1]].rstrip(CLAIM_TRAIL))
            key = (claim[0], end, one.source.entity or fold(one.source.name))  # type: ignore[union-attr]
            if key in seen:
                continue   # two partial quotes in one claim: the claim once
            seen.add(key)
            made.append(make_attribution(len(made) + 1, one, text, doc))
    work.dossier.sources.attributions = made


def covered(act: SpeechAct, acts: list[SpeechAct]) -> bool:
    """A partial quote is part of a claim another act of the same source attributes."""
    if act.kind != "partial":
        return False
    return any(other is not act and other.kind in ("indirect", "according")
               and other.content[0] <= act.content[0] and act.content[1] <= other.content[1]
               and other.source is not None and act.source is not None
               and (other.source.entity or other.source.name) == (act.source.entity or act.source.name)
               for other in acts)


def make_attribution(number: int, act: SpeechAct, text: str, doc: Any) -> Attribution:
    source = act.source
    assert source is not None
    claim = act.claim or act.content
    span = doc.char_span(*claim, alignment_mode="expand")
    return Attribution(
        id=f"a{number}",
        span=Span.of(text, *claim),
        source=source.name,
        kind=source.kind,  # type: ignore[arg-type]
        source_span=Span.of(text, *source.span) if source.span else None,
        source_entity=source.entity,
        cue=Span.of(text, *act.cue) if act.cue else None,
        factuality="negated" if act.refused else attribution_factuality(  # type: ignore[arg-type]
            doc.char_span(*act.cue, alignment_mode="expand") if act.cue else None, span),
        parts=[Span.of(text, s, e) for s, e in act.parts] if act.claim is None and len(act.parts) > 1 else [],
    )


def carry_over(act: SpeechAct, doc: Any, text: str) -> list[SpeechAct]:
    """Following sentences that open with "Also," / "In return," keep the attribution."""
    if act.kind not in ("according", "indirect"):
        return []
    carried = []
    sentence = doc[act.sentence].sent
    for _ in range(MAX_CARRY):
        if sentence.end >= len(doc):
            break
        sentence = doc[sentence.end].sent
        opener = lexicon().carry_over.match(sentence.text)
        if opener is None:
            break
        start = sentence.start_char + opener.end()
        while start < sentence.end_char and text[start].isspace():
            start += 1
        end = sentence.end_char
        while end > start and (text[end - 1] in ".!?" or text[end - 1].isspace()):
            end -= 1
        if end - start < 3:
            break
        carried.append(SpeechAct(act.kind, (start, end), [(start, end)], None, "",
                                 act.source_head, act.source, sentence=sentence.start))
    return carried


@stage("source_chain", reads=("speech_acts", "metadata.publisher", "metadata.bylines", "metadata.url",
                             "entities", "blocks", "text", "wire_agency", "origin_notes"),
       adds=("sources.chain",))
def source_chain(work: Work) -> None:
    dossier = work.dossier
    chain: list[ChainLink] = []

    def add(name: str, relation: str, entity: str | None) -> None:
        # one node per outlet: "AP" on the Associated Press's own page is no reprint
        if all(not same_outlet(link.name, name) for link in chain):
            chain.append(ChainLink(name, relation, entity))  # type: ignore[arg-type]

    publisher = dossier.metadata.publisher
    if publisher:
        add(publisher, "publisher", _entity_named(dossier, publisher))
    # pages give the dateline through their lines; clean text only through its words
    agency = work.wire_agency or (wire_credit(dossier.text) if not work.blocks else None)
    if agency and outlet_named(agency) is not None:
        # a wire agency's credit; "(KTRK)", a station's own call sign, reprints nothing
        add(agency, "reprints", _entity_named(dossier, agency))
    site = host_name(dossier.metadata.url)
    for byline in dossier.metadata.bylines:
        # an agency's byline on its own site ("AP News", apnews.com) reprints nothing
        if byline.agency and not (site and same_outlet(byline.agency, site)):
            add(byline.agency, "reprints", _entity_named(dossier, byline.agency))
    for relation, name in work.origin_notes:
        if relation != "cites" or looks_like_outlet(name):
            add(name, relation, _entity_named(dossier, name))
    for name, entity in relayed_outlets(work.speech_acts):
        add(name, "cites", entity)
    dossier.sources.chain = chain


def relayed_outlets(acts: list[SpeechAct]) -> list[tuple[str, str | None]]:
    """Outlets in the order the page relays them: each top-level outlet, then the
    outlets it cites ("Trud writes, referring to Bloomberg")."""
    outlets = [a for a in sorted(acts, key=lambda a: a.position)
               if a.source is not None and a.source.kind == "outlet"]
    cited_by: dict[str, list[SpeechAct]] = {}
    inner: set[str] = set()
    for act in outlets:
        host = act.relays
        if act.kind == "relay" and host is not None and host.source is not None \
                and host.source.kind == "outlet" and _key(host) != _key(act):
            cited_by.setdefault(_key(host), []).append(act)
            inner.add(_key(act))
    order: list[tuple[str, str | None]] = []
    seen: set[str] = set()

    def visit(act: SpeechAct) -> None:
        key = _key(act)
        if key in seen:
            return
        seen.add(key)
        order.append((act.source.name, act.source.entity))  # type: ignore[union-attr]
        for child in cited_by.get(key, []):
            visit(child)

    for act in outlets:
        if _key(act) not in inner:
            visit(act)
    for act in outlets:
        visit(act)
    return order


def _key(act: SpeechAct) -> str:
    source = act.source
    assert source is not None
    return source.entity or fold(source.name)


def _entity_named(dossier: Any, name: str) -> str | None:
    key = fold(name)
    for entity in dossier.entities:
        if entity.type in SPEAKER_TYPES and (fold(entity.name) == key or key in map(fold, entity.aliases)):
            return entity.id
    return None


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

    def __init__(self, dossier: Any, doc: Any) -> None:
        self.text, self.doc = dossier.text, doc
        self.agent_at = {(m.start, m.end): e.id for e in dossier.entities if e.type == "AGENT"
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

    def _made(self, span: Any) -> str | None:
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
