"""Stage `events`: who did what to whom, where, when, how certain, on whose word.

Every slot comes from the clause that states the event:
- the predicate is a verb or an event noun whose PLOVER type the lexicon gives
  (data/plover.toml), or a light verb with its object ("impose sanctions");
- actors are its subject (a passive's "by X"), the names between which it happens
  ("between Putin and Haftar"), a noun's possessor or modifier ("Russia's deployment",
  "US sanctions"); targets its object and "with", "against", "of", "on", "to" phrases;
  a phrase with no name at its head gives the names inside it ("the US administration",
  "forces in Tripoli backed by the Turkish military"); pronouns and "the two" are
  resolved as quotes resolve speakers;
- place: a place in a locative phrase of the clause; time: a time expression of the
  clause, else the publication date when the clause reports the present, else none;
- factuality from `newstrace.nlp.factuality`; the attribution whose claim holds it.
The same event stated twice (same type, actors and targets) is one event, with the
other statements in `further_evidence` (an added field).
"""

from __future__ import annotations

from typing import Any, Iterable

from ..dossier import Attribution, Entity, Event, EventTime, Span, TimeExpression
from ..nlp.factuality import clause_tokens, factuality
from ..nlp.factuality import lexicon as factuality_lexicon
from ..nlp.plover import Trigger, lexicon, noun_trigger, verb_trigger
from ..nlp.resolve import Resolver
from ..pipeline import Work, stage

ACTOR_DEPS = ("nsubj", "csubj")
TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "of", "from", "upon")
# Places are where events happen; they act only as governments (GPE).
TARGET_TYPES = ("PERSON", "ORG", "GPE", "NORP")
# An event noun with no one in it ("the threat is taken seriously", "the negotiations")
# is background, not an event we can code.
LOCATIVE_PREPS = ("in", "at", "near", "outside", "inside", "across", "into", "off", "around", "from")
PAIR_WORDS = ("two", "both", "pair", "sides", "leaders", "men", "countries", "parties")
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
EMBEDDED = ("relcl", "acl", "advcl", "ccomp", "appos")
# PLOVER codes what an actor says it will do as intent: cooperative acts as AGREE,
# hostile ones as THREATEN; a cooperative act refused or failed is a REJECT.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "AGREE"})
HOSTILE = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
INTENT_HEADS = frozenset("""offer plan intend prepare prepared ready willing pledge promise vow
threaten decide aim propose agree want expect commit committed determined""".split())
REPORTING = frozenset({"say", "announce", "declare", "state", "tell", "confirm", "warn", "insist"})


@stage("events", reads=("doc", "entities", "times", "sources.attributions"), adds=("events",))
def events(work: Work) -> None:
    doc = work.doc
    if doc is None:
        return
    dossier = work.dossier
    resolver: Resolver = work.scratch.get("resolver") or Resolver(doc, dossier.text, dossier.entities)
    coder = Coder(doc, dossier.text, dossier.entities, resolver, dossier.times,
                  dossier.sources.attributions, dossier.metadata.published)
    found: list[tuple[Trigger, Event]] = []
    for trigger in find_triggers(doc):
        event = coder.code(trigger, len(found) + 1)
        if event is not None:
            found.append((trigger, event))
            coder.previous = event
    dossier.events = merge_repeats(fold_embedded(found))


def find_triggers(doc: Any) -> list[Trigger]:
    triggers: list[Trigger] = []
    consumed: set[int] = set()
    for token in doc:
        trigger = verb_trigger(token)
        if trigger is not None:
            triggers.append(trigger)
            consumed.update(trigger.consumed)
    taken = {t.head.i for t in triggers}
    for token in doc:
        if token.i in consumed or token.i in taken:
            continue
        trigger = noun_trigger(token)
        if trigger is not None and not _stated_by_its_verb(token, triggers):
            triggers.append(trigger)
    return sorted(triggers, key=lambda t: t.head.i)


def _stated_by_its_verb(noun: Any, triggers: list[Trigger]) -> bool:
    """'signed an agreement' is one event, not two: the noun under a same-type verb."""
    return any(t.head.i == noun.head.i and t.head.pos_ == "VERB" for t in triggers)


class Coder:
    """Fills an event's slots from the parse around its trigger."""

    def __init__(self, doc: Any, text: str, entities: list[Entity], resolver: Resolver,
                 times: list[TimeExpression], attributions: list[Attribution],
                 published: str | None) -> None:
        self.doc, self.text, self.resolver = doc, text, resolver
        self.entities = {e.id: e for e in entities}
        self.times = times
        self.attributions = attributions
        self.published = (published or "")[:10] or None
        self.previous: Event | None = None

    def code(self, trigger: Trigger, number: int) -> Event | None:
        head = trigger.head
        clause = self.clause_of(head)
        actors, targets = self.roles(trigger)
        evidence = _span_of(clause)
        if evidence is None:
            return None
        if head.pos_ != "VERB" and not actors and not targets:
            return None
        tokens = clause_tokens(self._clause_head(head))
        level = "negated" if refused(head) else factuality(tokens)
        kind, mode = recoded(trigger, level)
        return Event(
            id=f"ev{number}",
            type=kind,
            mode=mode,
            actors=actors,
            targets=[t for t in targets if t not in actors and self._is(t, TARGET_TYPES)],
            place=self.place(head, clause),
            time=self.time(head, clause),
            factuality=level,  # type: ignore[arg-type]
            attribution=self.attribution(head),
            evidence=Span.of(self.text, *evidence),
        )

    # -- clauses -----------------------------------------------------------------------

    def _clause_head(self, head: Any) -> Any:
        """A noun's clause is its verb's ("an agreement is being prepared")."""
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") \
                and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        return head

    def clause_of(self, head: Any) -> list[Any]:
        top = self._clause_head(head)
        sentence = head.sent
        return [t for t in top.subtree if sentence.start <= t.i < sentence.end]

    # -- roles -------------------------------------------------------------------------

    def roles(self, trigger: Trigger) -> tuple[list[str], list[str]]:
        head = trigger.head
        actors: list[str] = []
        targets: list[str] = []
        if head.pos_ == "VERB":
            self._verb_roles(head, actors, targets, set(trigger.consumed))
        else:
            self._noun_roles(head, actors, targets)
        return _unique(actors), _unique(targets)

    def _verb_roles(self, verb: Any, actors: list[str], targets: list[str],
                    consumed: set[int]) -> None:
        for child in verb.children:
            if child.i in consumed:
                # "granted rights": what is granted is no participant, but its phrases
                # are: "hosted talks between X and Y", "imposed sanctions on X"
                for prep in child.children:
                    if prep.dep_ == "prep":
                        self._prep_roles(prep, actors, targets)
                continue
            if child.dep_ in ACTOR_DEPS:
                actors += self.names(child)
            elif child.dep_ in ("npadvmod", "compound") and child.i < verb.i:
                actors += self.names(child, own_only=True)   # "NATO-backed"
            elif child.dep_ == "agent":
                actors += [n for g in child.children if g.dep_ == "pobj" for n in self.names(g)]
            elif child.dep_ in ("nsubjpass", "dobj", "dative", "iobj", "attr"):
                targets += self.names(child)
            elif child.dep_ == "prep":
                self._prep_roles(child, actors, targets)
        if not targets:
            # "demanded that the United States withdraw": the demand is made of its subject
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                targets += [n for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")
                            for n in self.names(s)]
        if not actors and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            for child in verb.head.children:
                if child.dep_ in ACTOR_DEPS:
                    actors += self.names(child)   # "X tried to provide", "X met and agreed"

    def _noun_roles(self, noun: Any, actors: list[str], targets: list[str]) -> None:
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
                actors += self.names(child, own_only=True)
                if child.pos_ == "VERB":   # "the NATO-backed ouster": who backed it took part
                    actors += [n for g in child.children if g.dep_ in ("npadvmod", "compound")
                               for n in self.names(g, own_only=True)]
            elif child.dep_ == "prep":
                self._prep_roles(child, actors, targets)
        verb = noun.head
        if verb.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
            # Who "launched the attack" made it; who "condemned the attack" did not.
            doer = noun.dep_ == "dobj" and verb.lemma_.lower() in lexicon().light
            for child in verb.children:
                if doer and child.dep_ in ACTOR_DEPS and not actors:
                    actors += self.names(child)
                elif child.dep_ == "prep" and child.lower_ in ("between", "among", "with"):
                    self._prep_roles(child, actors, targets)

    def _prep_roles(self, prep: Any, actors: list[str], targets: list[str]) -> None:
        word = prep.lower_
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if word in ("between", "among"):
            for obj in objects:
                actors += self.names(obj) + [n for c in obj.conjuncts for n in self.names(c)]
        elif word == "by":
            for obj in objects:
                actors += self.names(obj)
        elif word in TARGET_PREPS:
            for obj in objects:
                targets += self.names(obj, places=False)

    def names(self, token: Any, own_only: bool = False, places: bool = True) -> list[str]:
        """The entities a phrase names: its head's, else the names inside it."""
        found: list[str] = []
        for node in [token, *token.conjuncts]:
            entity = self.resolver.entity_at(node) or self.resolver._named_in(node)
            if entity is None and node.pos_ == "PRON":
                entity = self.resolver.resolve(node).entity
            if entity is None and self._pair(node):
                found += self._pair_referents()
                continue
            if entity is None and not own_only:
                entity = next(iter(self._inside(node)), None)
            if entity is not None and self._can_act(entity, places):
                found.append(entity)
        return found

    def _is(self, entity_id: str, types: tuple[str, ...]) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and entity.type in types

    def _can_act(self, entity_id: str, places: bool) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and entity.type in ACTOR_TYPES

    def _inside(self, node: Any) -> list[str]:
        """Names inside a phrase without a name at its head, embedded clauses left out."""
        skipped = {t.i for inner in node.subtree if inner.dep_ in EMBEDDED and inner is not node
                   for t in inner.subtree}
        found = []
        for token in node.subtree:
            if token.i in skipped or token.i == node.i:
                continue
            entity = self.resolver.entity_at(token)
            if entity is not None and entity not in found:
                found.append(entity)
        return found

    def _pair(self, node: Any) -> bool:
        """'The two', 'both', 'the two leaders': the pair just named."""
        words = {t.lower_ for t in node.subtree}
        return node.pos_ in ("NUM", "NOUN", "PRON", "DET") and bool(words & {"two", "both"}) \
            and node.lemma_.lower() in PAIR_WORDS

    def _pair_referents(self) -> list[str]:
        if self.previous is not None and len(self.previous.actors) == 2:
            return list(self.previous.actors)
        return []

    # -- place, time, attribution -----------------------------------------------------------

    def place(self, head: Any, clause: list[Any]) -> str | None:
        """A place in a locative phrase of the predicate's clause, not in clauses embedded
        in it ("to protect him from forces in Tripoli": Tripoli is where the forces are)."""
        own = self._phrase(self._clause_head(head))
        for prep in own:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    for candidate in self._phrase(obj):
                        found = self._placed(candidate)
                        if found is not None:
                            return found
        # "in a Libyan port, most likely Tobruk": the place named in apposition.
        return next((p for t in own if t.dep_ == "appos" and (p := self._placed(t))), None)

    def _phrase(self, node: Any) -> list[Any]:
        skipped = {t.i for inner in node.subtree if inner.dep_ in EMBEDDED and inner is not node
                   and inner.dep_ != "appos" for t in inner.subtree}
        return [t for t in node.subtree if t.i not in skipped]

    def _placed(self, token: Any) -> str | None:
        entity_id = self.resolver.entity_at(token)
        entity = self.entities.get(entity_id) if entity_id else None
        if entity is not None and entity.place is not None and entity.type in ("GPE", "LOC", "FAC"):
            return entity.id
        return None

    def time(self, head: Any, clause: list[Any]) -> EventTime | None:
        start = min(t.idx for t in clause)
        end = max(t.idx + len(t) for t in clause)
        inside = [t for t in self.times if start <= t.span.start and t.span.end <= end
                  and t.start and t.kind != "duration"]
        if inside:
            nearest = min(inside, key=lambda t: abs(t.span.start - head.idx))
            return EventTime(start=nearest.start, end=nearest.end or nearest.start, span=nearest.span)
        if self.published and _present(head):
            return EventTime(start=self.published, end=self.published, span=None)
        return None

    def attribution(self, head: Any) -> str | None:
        holding = [a for a in self.attributions if a.span.start <= head.idx < a.span.end]
        if not holding:
            return None
        return min(holding, key=lambda a: a.span.end - a.span.start).id


def recoded(trigger: Trigger, level: str) -> tuple[str, str | None]:
    """An act announced ("Syria says it is willing to withdraw") is intent; a cooperative
    act refused or failed ("will not accept refugees", "failed to reach agreement") is a
    rejection. The act itself is kept as the mode."""
    kind, mode = trigger.type, trigger.mode
    if level == "negated" and kind in COOPERATIVE:
        return "REJECT", kind.lower()
    if announced(trigger.head):
        if kind in COOPERATIVE - {"AGREE"}:
            return "AGREE", kind.lower()
        if kind in HOSTILE:
            return "THREATEN", kind.lower()
    return kind, mode


def refused(head: Any) -> bool:
    """'failed to reach', 'refused to withdraw': the act the clause governs did not happen."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    negators = factuality_lexicon()["negated"].lemmas
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in negators


def announced(head: Any) -> bool:
    """'will withdraw', 'offered to negotiate', 'said it would release', 'is prepared to lift'."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    modals = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if modals & {"will", "shall", "'ll"} or "going" in modals:
        return True
    reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING
    if "would" in modals and reported:
        return True
    governor = verb.head if verb.dep_ in ("xcomp", "acomp", "ccomp") else None
    while governor is not None and governor.dep_ in ("xcomp", "acomp") and governor.head is not governor:
        if governor.lemma_.lower() in INTENT_HEADS:
            break
        governor = governor.head
    return governor is not None and governor.lemma_.lower() in INTENT_HEADS


def _present(head: Any) -> bool:
    """The clause reports the present: a present-tense verb, or 'is/are ...-ing'."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") and c.dep_ in ("aux", "auxpass")
                                      for c in verb.children)


def _span_of(tokens: list[Any]) -> tuple[int, int] | None:
    words = [t for t in sorted(tokens, key=lambda t: t.i) if not t.is_space]
    while words and words[0].is_punct:
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _unique(ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for entity_id in ids:
        if entity_id not in seen:
            seen.append(entity_id)
    return seen


# Acts that are about another act: "threatened to break relations" is one THREATEN,
# "refused to deploy peacekeepers" one REJECT, "agreed to cooperate" one AGREE.
GOVERNING = frozenset({"REJECT", "THREATEN", "REQUEST", "AGREE", "ACCUSE", "PROTEST"})
EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "acomp"})


def fold_embedded(found: list[tuple[Trigger, Event]]) -> list[Event]:
    """Drop an event stated only as what another act is about; its type becomes that
    act's mode when it has none."""
    by_head = {trigger.head.i: event for trigger, event in found}
    kept = []
    for trigger, event in found:
        governor = _governing_event(trigger.head, by_head)
        if governor is not None and governor is not event and governor.type in GOVERNING:
            governor.mode = governor.mode or event.type.lower()
            continue
        kept.append(event)
    return kept


def _governing_event(head: Any, by_head: dict[int, Event]) -> Event | None:
    node = head
    for _ in range(3):
        if node.dep_ not in EMBEDDING_DEPS or node.head is node:
            return None
        node = node.head
        if node.i in by_head:
            return by_head[node.i]
    return None


def merge_repeats(found: list[Event]) -> list[Event]:
    """The same event told twice is one event with more evidence."""
    kept: list[Event] = []
    for event in found:
        twin = next((k for k in kept if k.type == event.type and k.actors and
                     k.factuality == event.factuality and
                     sorted(k.actors) == sorted(event.actors) and
                     sorted(k.targets) == sorted(event.targets) and
                     _same_time(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        twin.further_evidence.append(event.evidence)
        twin.place = twin.place or event.place
        twin.time = twin.time or event.time
    for number, event in enumerate(kept, start=1):
        event.id = f"ev{number}"
    return kept


def _same_time(a: Event, b: Event) -> bool:
    if a.time is None or b.time is None or a.time.span is None or b.time.span is None:
        return True
    return a.time.start <= b.time.end and b.time.start <= a.time.end
