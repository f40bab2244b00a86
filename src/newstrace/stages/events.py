"""Stage `events`: who did what to whom, where, when, how certain, on whose word.

Precision first: an analyst counts, maps and plots these events, and a wrong event does
more harm than a missing one. So:
- triggers come from the field's dictionaries and our rules under a trigger policy
  (newstrace.nlp.plover): predicates that state an act, nouns only as the object of a
  light verb or the subject or object of a verb, never modifiers;
- only the article's own sentences are coded: lines without sentence punctuation
  (headlines of other stories, page furniture) and the dateline ("HANOI, Vietnam (AP) —")
  give no events and no actors;
- an event needs an actor who can act (a person, an organisation, a country or a
  capital acting for its government, a group or office holder: newstrace.stages.actors);
  a passive with no agent may stand on its target alone; an event read off a bare CAMEO
  verb code needs named parties on both sides;
- sense checks: a conflict verb whose object is no one (a product, a disease, a charge,
  a record) or whose sentence reports a game is not an attack;
- modality from the predicate and the verbs governing it (nlp.factuality.event_factuality);
- every event gets a `confidence` (newstrace.nlp.confidence).

Every slot comes from the clause that states the event:
- actors are its subject (a passive's "by X"), the names between which it happens
  ("between Putin and Haftar"), a noun's possessor or modifier ("Russia's deployment",
  "US sanctions"); targets its object and "with", "against", "of", "on", "to" phrases;
  pronouns are resolved by salience (nlp.resolve.Resolver.salient), "the two" is the
  previous event's pair;
- place: a place in a locative phrase of the clause; time: a time expression of the
  clause itself, else the publication date when the clause reports the present, else
  none; never a date after publication for an act told as done;
- the attribution whose claim holds it.
The same event stated twice (same type, actors and targets) is one event, with the
other statements in `further_evidence` (an added field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, cast

from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from ..dossier import ACTOR_TYPES as CAN_ACT
from ..dossier import TARGET_TYPES as CAN_BE_ACTED_ON
from ..dossier import Attribution, Entity, Event, EventTime, Span, TimeExpression
from ..geo.gazetteer import is_capital
from ..nlp.agents import agent_word
from ..nlp.clauses import (
    NOT_AGENTS,
    PARTNER_PREPS,
    a_country,
    act_place,
    addressee,
    agent_phrase,
    asks_whether,
    assurance,
    at_their_door,
    backs_a_harm,
    breach,
    definite,
    demanded_by,
    depth,
    done_to_anyone,
    given_from,
    hostile_vow,
    imminent,
    insisted_that,
    modified,
    of_own,
    or_else,
    phrase_head,
    place_of,
    recoded,
    reduced_passive,
    to_the_reader,
    victims,
    volley_of_words,
    winning,
    within,
)
from ..nlp.confidence import Grounds, confidence
from ..nlp.dateline import DATELINE
from ..nlp.event_words import ACTOR_DEPS, EMBEDDED, HOSTILE, MODIFIERS, PROMISES
from ..nlp.factuality import event_factuality, in_condition
from ..nlp.modality import (
    IMPLICATIVE,
    agentive_by,
    bare_office,
    clause_depth,
    controller,
    coordinated_passive,
    counterfactual,
    first_person,
    future,
    infinitival,
    nothing_done,
    obliged,
    passive_chain,
    present,
    refused,
    supposed,
    unanswered,
    wished,
)
from ..nlp.model import tokens_where, word_or_lemma_positions
from ..nlp.plover import (
    Trigger,
    doer_verb,
    lexicon,
    misparsed_modifier,
    noun_trigger,
    verb_trigger,
)
from ..nlp.resolve import Resolver
from ..nlp.senses import (
    not_the_act,
    not_tolerated,
    sentence_words,
    verbal_attack,
)
from ..nlp.senses import senses as senses_data
from ..pipeline import Work, stage

TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "of", "from", "upon", "for")
LOCATIVE_PREPS = ("in", "at", "near", "outside", "inside", "across", "into", "off", "around", "from")
PAIR_WORDS = ("two", "both", "pair", "sides", "leaders", "men", "countries", "parties")
TARGET_TYPES = ("PERSON", "ORG", "GPE", "NORP", "AGENT")
STATE_FEATURES = ("country", "admin")
# Adverbs of habit: "police usually arrest", "they often meet".
HABITUAL = frozenset({"usually", "often", "typically", "always", "routinely", "normally",
                      "generally", "sometimes", "frequently", "regularly", "rarely", "seldom"})
HABITUAL_PHRASES = frozenset({"on a regular basis", "on a daily basis", "on a weekly basis",
                              "on a monthly basis", "on an annual basis", "every day", "every week",
                              "every month", "every year", "all the time", "from time to time",
                              "as a rule", "as a matter of routine"})
# Verbs whose subject undergoes the act their object or phrase names ("came under fire",
# "faced criticism", "drew condemnation", "will stand trial").
UNDERGOING = frozenset({"come", "face", "draw", "receive", "attract", "suffer", "endure",
                        "undergo", "meet", "get", "earn", "stand"})
# Verbs whose subject undergoes the act only when a "from" phrase (or the object's "of")
# names who does it: "enjoyed support from black voters", "gained the backing of the
# unions", "won concessions from the company"; "secured a deal", "won the war" are the
# subject's own.
RECEIVING = frozenset({"enjoy", "gain", "garner", "win", "secure", "obtain"})
# Verbs of dying and of finding the dead, which CAMEO's patterns code as killings.
DEATHS = frozenset({"die", "find", "perish", "succumb"})
# What the police do: an arrest or a detention (a sentence or a jailing is a court's).
ARRESTS = frozenset({"arrest", "detain", "detention", "apprehend"})
EXERCISES = frozenset({"exercises", "exercise", "drills", "drill", "manoeuvres", "maneuvers",
                       "games", "wargames", "game"})
PEOPLE = frozenset({"suspects", "suspect", "prisoners", "hostages", "detainees", "captives",
                    "bodies", "remains", "soldiers", "fighters"})
# PLOVER 2021 types that require a recipient (the manual's "Requires recipient: Yes").
RECIPIENT_REQUIRED = frozenset({"COOPERATE", "AID", "SANCTION"})
# Acts of speech that no intent recodes: announced ("will ask", "will accuse"), not made.
SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "REJECT"})
# Acts of speech: they need someone who speaks.
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT",
                    "THREATEN"})
# Sectors that can mobilise: armed forces, police, governments (GOVMIL...).
ARMED = frozenset({"MIL", "COP", "REB", "UAF", "SPY"})
# Groups named for protesting: their visits to someone's home or office are protests.
PROTESTERS = frozenset({"protesters", "protestors", "demonstrators", "marchers", "activists",
                        "campaigners", "picketers"})
# CAMEO sectors of those whose investigations are medical or scholarly.
CARING = frozenset({"MED", "HLH", "EDU", "SCI"})
# CAMEO sectors of business: companies, multinationals.
COMMERCIAL = frozenset({"BUS", "MNC"})
# CAMEO sectors of private people: civilians, people at large.
PRIVATE_SECTORS = frozenset({"CVL", "PPL"})
# Who may have done an act of force, an arrest or a mobilisation whose clause names no
# doer (CAMEO sectors).
DOER_SECTORS = {"ASSAULT": ARMED | {"CRM", "INS"}, "MOBILIZE": ARMED | {"INS"},
                "COERCE": ARMED | {"JUD", "GOV"}}
# Entity types that do acts.
DOERS = frozenset({"PERSON", "ORG", "NORP", "AGENT"})
# Agents one does not hold talks with as a party: the public, the press, an audience.
AUDIENCES = frozenset({"CVL", "MED", "PPL", "EDU"})
PRONOUN_ACTOR = frozenset({"he", "she", "they", "it", "him", "her", "them", "his", "its", "their"})
SENTENCE_END = (".", "!", "?", ":", ";")
CLOSERS = "\"”’')]}»"
# Sectors that are the state: government, armed forces, police, courts, intelligence.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})
# What a higher court does to a lower court's ruling: no concession by anyone.
OVERRULING = frozenset({"reverse", "overturn", "overrule", "quash", "annul", "vacate", "set",
                        "acquit"})
# Modifiers that make an attack one of words ("attack ads", "a rhetorical onslaught").
# Wrongs done to someone, named by a noun with the victims after it ("violence against
# women"), and the prepositions that name the victims.
HARMS = frozenset({"discrimination", "violence", "attack", "crime", "abuse", "hatred", "hate",
                   "bigotry", "racism", "persecution", "atrocity", "aggression", "brutality",
                   "harassment", "threat", "crackdown", "prejudice", "intolerance", "assault",
                   "killing", "massacre", "genocide", "oppression", "repression", "hostility"})
# Adjectives of a faith or a party: they describe a body's members, not the body.
FAITHS_AND_PARTIES = frozenset({
    "muslim", "islamic", "christian", "catholic", "protestant", "evangelical", "jewish", "hindu",
    "buddhist", "sikh", "mormon", "orthodox", "shiite", "shia", "sunni", "republican",
    "democratic", "democrat", "conservative", "labour", "liberal", "tory", "progressive",
    "socialist", "communist", "libertarian", "green"})
# Kin of someone, who act for themselves ("the parents of two victims sued").
KIN = frozenset({"parent", "parents", "mother", "father", "family", "families", "relative",
                 "relatives", "widow", "widower", "son", "sons", "daughter", "daughters",
                 "brother", "brothers", "sister", "sisters", "wife", "husband", "child",
                 "children", "grandson", "granddaughter", "cousin", "cousins", "kin", "friend",
                 "friends"})
# Nouns for those who follow or oppose someone: "Sanders supporters", "critics of Putin",
# "Trump's backers" act, not the one they back or oppose.
FOLLOWERS = frozenset({"supporter", "supporters", "backer", "backers", "critic", "critics",
                       "opponent", "opponents", "detractor", "detractors", "fan", "fans",
                       "follower", "followers", "admirer", "admirers", "loyalist", "loyalists",
                       "donor", "donors", "foe", "foes", "enemy", "enemies", "rival", "rivals",
                       "voter", "voters", "devotee", "devotees", "faithful", "partisans"})
# Acts done by speaking: the place they are spoken in is not what they are aimed at.
SPOKEN = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "THREATEN"})
# Conjunctions of a condition beside the act: what it names may never happen.
ASIDE_MARKS = frozenset({"if", "unless"})
# How a headline's or a standfirst's line ends (a hard-wrapped line ends in a word).
LINE_ENDS = (".", ";", ":", "!", "?", '"', "”", "’", "'", ")")
# No headline is longer (words); a lead paragraph on one line is.
HEADLINE_WORDS = 14
# Small words that only a headline capitalises ("Accused Of Covering Up", "Calls On Obama To
# Resign"): a sentence of names ("Donald Trump Jr. Met Kim") has none.
HEADLINE_SMALL_WORDS = frozenset({"of", "to", "on", "in", "for", "at", "with", "as", "and", "by",
                                  "from", "after", "over", "up", "into", "the", "a", "an"})


@stage("events", reads=("doc", "entities", "entities.actor_code", "times", "sources.attributions"),
       adds=("events",))
def events(work: Work) -> None:
    doc = work.doc
    if doc is None:
        return
    dossier = work.dossier
    resolver = Resolver(doc, dossier.text, dossier.entities)
    silent = unspoken(doc, dossier.text)
    coder = Coder(doc, dossier.text, dossier.entities, resolver, dossier.times,
                  dossier.sources.attributions, dossier.metadata.published, silent)
    found: list[tuple[Trigger, Event]] = []
    for trigger in find_triggers(doc, silent):
        event = coder.code(trigger, len(found) + 1)
        if event is not None:
            found.append((trigger, event))
            coder.previous = event
    # an act only wanted is kept where it is what another act is about (and folded into
    # it there); otherwise it is no event
    kept = merge_repeats([e for e in fold_embedded(found, coder.provisional)
                          if id(e) not in coder.wanted])
    for event in kept:
        grounds = replace(coder.grounds[id(event)], repeats=len(event.further_evidence))
        event.confidence = confidence(grounds)
    dossier.events = kept


def unspoken(doc: Doc, text: str) -> set[int]:
    """Tokens that state nothing of this article's own: lines without sentence
    punctuation (the title, other stories' headlines, widgets, credits) and a wire
    dateline at a paragraph's start."""
    silent: set[int] = set()
    head_line = _head_line(text)
    for sentence in doc.sents:
        if sentence.start_char < head_line:
            silent.update(range(sentence.start, sentence.end))
            continue
        if sentence.start_char and text[sentence.start_char - 1] != "\n":
            continue   # only a paragraph's first sentence can be a line or hold a dateline
        line = text[sentence.start_char:sentence.end_char].strip()
        if not line:
            continue
        if "\n" not in line and (not line.rstrip(CLOSERS).endswith(SENTENCE_END) or _headline_case(line)):
            silent.update(range(sentence.start, sentence.end))
            continue
        dateline = DATELINE.match(line)
        if dateline:
            end = sentence.start_char + dateline.end()
            silent.update(t.i for t in sentence if t.idx < end)
    return silent


def _head_line(text: str) -> int:
    """Where the first paragraph ends when it is a headline: one short line before two
    or more paragraphs ("Snowden, WikiLeaks clash over DNC emails."), else 0."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    first = paragraphs[0].strip() if paragraphs else ""
    lines = [line.strip() for line in first.split("\n")]
    if len(paragraphs) < 3 or not _head_lines(lines):
        return 0
    return text.index(first) + len(first)


def _head_lines(lines: list[str]) -> bool:
    """A headline, or a headline over a standfirst ("Clinton still faces a spoiler in
    Green Party's Jill Stein;" / "Some miffed Sanders supporters threaten to ..."):
    short lines that each end a phrase, unlike a hard-wrapped lead paragraph."""
    if len(lines) == 1:
        return len(lines[0].split()) <= HEADLINE_WORDS
    return len(lines) == 2 and all(
        len(line.split()) <= HEADLINE_WORDS and line.endswith(LINE_ENDS) for line in lines)


@lru_cache(maxsize=4096)
def _headline_case(line: str) -> bool:
    """A headline in title case, even with a full stop ("FDIC Accused Of Covering Up
    China Hacking."): most of its words, small ones too, begin with a capital."""
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words) and \
        any(w[0].isupper() and w.lower() in HEADLINE_SMALL_WORDS for w in words[1:])


def find_triggers(doc: Doc, silent: set[int]) -> list[Trigger]:
    triggers: list[Trigger] = []
    consumed: set[int] = set()
    verbs, nouns = _candidates(doc)
    for token in verbs:
        if token.i in silent:
            continue
        trigger = verb_trigger(token)
        if trigger is not None:
            triggers.append(trigger)
            consumed.update(trigger.consumed)
    taken = {t.head.i for t in triggers}
    for token in nouns:
        if token.i in consumed or token.i in taken or token.i in silent:
            continue
        trigger = noun_trigger(token)
        if trigger is not None and not _stated_by_its_verb(trigger, triggers):
            triggers.append(trigger)
    return sorted(triggers, key=lambda t: t.head.i)


def _candidates(doc: Doc) -> tuple[list[Token], list[Token]]:
    """The verbs, and the nouns the lexicon knows, of a document: the only tokens a
    trigger can be, read off spaCy's arrays at once (a Python loop over every token is
    otherwise much of this stage's time)."""
    tags = doc.to_array("POS")
    nouns = ((tags == NOUN) | (tags == PROPN)) & word_or_lemma_positions(doc, lexicon().noun_words)
    return tokens_where(doc, tags == VERB), tokens_where(doc, nouns)


def _stated_by_its_verb(noun: Trigger, triggers: list[Trigger]) -> bool:
    """'signed an agreement' is one event, not two: the noun under a same-type verb
    ("condemned the invasion" is two)."""
    return any(t.head.i == noun.head.head.i and t.head.pos_ == "VERB" and t.type == noun.type
               for t in triggers)


@dataclass(slots=True)
class Roles:
    actors: list[str]
    targets: list[str]
    pronoun: bool = False      # an actor came through a pronoun
    inferred: bool = False     # the actor is the police body the article names (an arrest)


class Coder:
    """Fills an event's slots from the parse around its trigger."""

    def __init__(self, doc: Doc, text: str, entities: list[Entity], resolver: Resolver,
                 times: list[TimeExpression], attributions: list[Attribution],
                 published: str | None, silent: set[int]) -> None:
        self.doc, self.text, self.resolver = doc, text, resolver
        self.entities = {e.id: e for e in entities}
        self.times = times
        self.attributions = attributions
        self.published = (published or "")[:10] or None
        self.silent = silent
        self.previous: Event | None = None
        self.grounds: dict[int, Grounds] = {}
        self.wanted: set[int] = set()    # events only wanted; they stand only if folded
        self.provisional: set[int] = set()   # events whose target is only in their phrase
        self.told: set[str] = set()   # the types of the events coded so far

    def code(self, trigger: Trigger, number: int) -> Event | None:
        head = trigger.head
        clause = self.clause_of(head)
        evidence = _span_of([t for t in clause if t.i not in self.silent])
        if evidence is None:
            return None
        roles = self.roles(trigger)
        if trigger.source == "noun" and definite(head) and trigger.type in self.told and \
                not self._own_doer(head):
            return None   # "to call the attack a result of ...": the attack told before
        if trigger.source == "noun" and breach(head, self.resolver.entity_at):
            return None   # "the compromise of the FDIC computers": a breach, no agreement
        if self._trip(head):
            return None   # "plans to visit Charlotte": a campaign stop, no talks
        if to_the_reader(head) and not self._quoted(head):
            return None   # "Pam asks you to leave", "the command will give you": the
                          # reader is no party (a game guide, a manual, an advert)
        targets = [t for t in roles.targets if t not in roles.actors]
        not_tolerated = self._not_tolerated(head, roles)
        if not_tolerated is not None:
            # "warned that Beijing will not tolerate interference in Hong Kong": the
            # threat is aimed at what is not tolerated, not at the speaker's own side
            targets = [t for t in not_tolerated if t not in roles.actors]
        stated_target = bool(targets)
        if not targets:
            targets = self._phrase_target(head, roles.actors, trigger.type, trigger.consumed)
        demander = demanded_by(head)
        demanding = self._demanding(demander)
        if demander is not None and not demanding.actors and obliged(head):
            return None   # what someone we cannot name says ought to happen
        if (demander is not None or obliged(head)) and first_person(head):
            return None   # "we might have to kill him": the speaker's own resolve, no demand
        if demander is None and obliged(head):
            # "'He should resign,' Trump said": what someone says ought to happen is their
            # demand; said by no one, it is the writer's opinion, and no act
            demanding = self._claimed_by(head)
            if not demanding.actors:
                return None
            demander = head
        if not (self._enough(trigger, roles.actors, targets) or demanding.actors) \
                or self._generic(trigger) or unanswered(head) or in_condition(head) \
                or wished(head) or counterfactual(head) or supposed(head):
            return None
        if trigger.type == "ASSAULT" and (volley_of_words(head) or (
                verbal_attack(head, self._named) and not any(self._violent(a) for a in roles.actors))):
            trigger = replace(trigger, type="ACCUSE", mode="disapprove")
        if trigger.type == "THREATEN" and trigger.mode == "violence" and volley_of_words(head):
            trigger = replace(trigger, type="ACCUSE", mode="disapprove")
        if not_the_act(head, trigger.type, trigger.source, self._named):
            return None
        if trigger.type == "SUPPORT" and backs_a_harm(head):
            return None   # "commitment to destroying ISIL", "blessing to the killing of
                          # children": no support of those harmed
        level = "negated" if refused(head) or nothing_done(head) else event_factuality(head)
        kind, mode = recoded(trigger, level)
        vowed = hostile_vow(head) if kind == "AGREE" else None
        if vowed is not None:
            # "vowed to block refugees", "promising to bomb ISIS": an announced hostile
            # act is a threat (PLOVER's intent coding), not an agreement
            kind, mode = "THREATEN", vowed.lower()
        elif kind == "AGREE" and (self._own_conduct(head) or assurance(head)):
            return None
        if kind == trigger.type and kind in SPEECH_ACTS and demander is None and level != "negated" \
                and future(head):
            return None   # "will ask board members to consider": a request not yet made
        if insisted_that(head):
            return None   # "insisted that his client had no role": a statement, no demand
        kind, mode = self._by_participants(trigger, kind, mode, roles, targets)
        if demander is not None:
            # "Britain said Libya must hand over the suspects": Britain demands it of Libya
            asked = roles.actors
            if demanding.actors:
                kind, mode, level = "REQUEST", trigger.type.lower(), "certain"
                roles.pronoun = demanding.pronoun
                roles.actors = _unique(demanding.actors)
                # the one told is the one asked ("told Libya that it must"), else the
                # subject of what must be done
                told = [] if demander is head else \
                    [n for a in addressee(demander) for n in self.names(a, demanding)
                     if not self._audience(n)]
                targets = [t for t in _unique(told + asked + targets) if t not in roles.actors]
        if demander is not None and kind == "REQUEST" and not targets and self._thing_done(head):
            return None   # "cantaloupes should be thrown out": advice about a thing, asked
                          # of no one
        # only who can act acts, and only a party or a place is acted on ("the Golan
        # Heights attacked" is a misparse, not an actor)
        if kind == "MOBILIZE" and not roles.actors and targets and head.pos_ == "VERB" and \
                any(c.dep_ == "nsubjpass" for c in head.children) and self._armed(targets[0]):
            # "Libyan army troops were deployed": the forces moved are the ones acting
            roles.actors, targets = [targets[0]], targets[1:]
        roles.actors = [a for a in roles.actors if self.entities[a].type in CAN_ACT]
        targets = [t for t in targets if self.entities[t].type in CAN_BE_ACTED_ON]
        if not targets:
            targets = self._phrase_target(head, roles.actors, trigger.type, trigger.consumed)
        if not roles.actors and head.pos_ == "VERB" and any(
                agent_phrase(v) for v in [head, *(passive_chain(head) if coordinated_passive(head) else ())]):
            return None   # "assaulted by another woman": the text says who, and we cannot
        if not roles.actors and head.lemma_.lower() in ARRESTS and not agent_phrase(head):
            # "Hull, 30, was arrested for retail theft" in a blotter the Police Department
            # keeps: an arrest whose clause names no one is made by the police the article names
            body = self._arresting_body(head, targets)
            if body is not None:
                roles.actors, roles.inferred = [body], True
        if self._no_act(kind, mode, head, trigger.consumed, roles.actors, targets, stated_target):
            return None
        if kind == "CONSULT" and roles.actors and all(self._protesters(a) for a in roles.actors) \
                and at_their_door(head):
            kind, mode = "PROTEST", "demo"   # "protesters visit homes of AIG executives"
        if not roles.actors and self._someone_else_named(kind, targets):
            return None   # "Crutcher was killed" in an article that names the officer:
                          # the doer is in the text, and we cannot tell it
        if not self._has_parties(kind, trigger, roles.actors, targets):
            return None
        event = Event(
            id=f"ev{number}", type=kind, mode=mode, actors=roles.actors, targets=targets,
            place=self.place(head), time=self.time(head, level),
            factuality=level,  # type: ignore[arg-type]
            attribution=self.attribution(head), evidence=Span.of(self.text, *evidence))
        if self._wanted_only(trigger, kind):
            self.wanted.add(id(event))
        if targets and not stated_target:
            self.provisional.add(id(event))
        self.told.add(kind)
        self.grounds[id(event)] = Grounds(
            source=trigger.source, noun=head.pos_ != "VERB", factuality=level,
            actor=self._actor_kind(roles), target=stated_target,
            attributed=event.attribution is not None, quoted=self._quoted(head),
            recoded=kind != trigger.type, words=len(head.sent), kind=kind,
            depth=clause_depth(self._clause_head(head)))
        return event

    def _own_doer(self, noun: Token) -> bool:
        """An event noun that names its own doer ("the Israeli attack", "Hamas's attack")."""
        return any(c.dep_ in ("poss", "compound", "amod") and self.resolver.entity_at(c) is not None
                   for c in noun.children)

    def _not_tolerated(self, head: Token, roles: Roles) -> list[str] | None:
        """Who a warning that something will not be tolerated is aimed at (the names in
        what is not tolerated), or None for any other act."""
        if head.lemma_.lower() != "warn":
            return None
        clause = next((c for c in head.children if c.dep_ == "ccomp"), None)
        if clause is None or not not_tolerated(clause):
            return None
        return [n for o in clause.children if o.dep_ == "dobj" for n in self.names(o, roles)]

    def _trip(self, head: Token) -> bool:
        """'Clinton plans to visit Charlotte', 'expected to visit the Sunshine state': a
        visit to a town, a province or a region is a trip, not talks; a visit to a
        country, its capital, a person or a body is (PLOVER's CONSULT)."""
        if head.pos_ != "VERB" or head.lemma_.lower() not in ("visit", "tour"):
            return False
        places = [o for c in head.children if c.dep_ == "dobj" for o in [c, *c.conjuncts]]
        return bool(places) and not any(self._visitable(o) for o in places)

    def _visitable(self, token: Token) -> bool:
        entity = self.entities.get(self.resolver.entity_at(token) or "")
        if entity is None:
            return agent_word(token)   # "the troops"
        if entity.type not in ("GPE", "LOC", "FAC") or entity.stands_for:
            return True
        place = entity.place
        return place is not None and (place.feature == "country" or is_capital(place))

    def _own_conduct(self, head: Token) -> bool:
        """'vowed to take his campaign to the convention', 'promising to campaign across
        the country': a promise of the promiser's own conduct, made to no one and of no
        act toward anyone, is no agreement (PLOVER's AGREE is intent to cooperate)."""
        if head.pos_ != "VERB" or head.lemma_.lower() not in PROMISES:
            return False
        clause = next((c for c in head.children if c.dep_ == "xcomp"), None)
        if clause is not None and winning(clause):
            return True   # "pledging to win hundreds of delegates": a contest, no one dealt with
        if clause is None or (verb_trigger(clause) is not None and not of_own(clause)):
            return False   # no promise of conduct, or the promise of an act
        promiser = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        # a group named by a common noun is a partner only when dealt with ("work with
        # police"), not when it is what the promiser acts on ("hire more police officers")
        return not any(self._named(t) and not self._where(t) and t.dep_ != "poss"
                       and (self._named(t) != "AGENT" or phrase_head(t).head.lower_ in PARTNER_PREPS)
                       for t in head.subtree if t.i not in promiser and t.i != head.i)

    def _demanding(self, demander: Token | None) -> Roles:
        """Who makes a demand: the subject of its verb of saying."""
        demanding = Roles([], [])
        if demander is None:
            return demanding
        # "proposed we ... and said Ryan should resign": the subject of the verb it joins
        speaker = demander
        if not any(c.dep_ in ACTOR_DEPS for c in demander.children) and demander.dep_ == "conj":
            # one step only, to the verb it joins, or to a verb with a subject of its own
            # between the two ("Jindal signed ..., while Huckabee proposed ... and said"):
            # the parser may join the conjunct to the wrong verb
            between = [t for t in demander.doc[demander.head.i + 1:demander.i]
                       if t.pos_ == "VERB" and any(c.dep_ in ACTOR_DEPS for c in t.children)]
            speaker = between[-1] if between else demander.head
        for child in (speaker.children if speaker is not None else ()):
            if child.dep_ in ACTOR_DEPS:
                demanding.actors += self.names(child, demanding, acting=True)
        return demanding

    def _claimed_by(self, head: Token) -> Roles:
        """Who states the clause: the source of the attribution holding it, when a named
        entity that can act."""
        found = Roles([], [])
        claim = self._claim(head)
        if claim is not None:
            source = claim.source_entity
            if source is None and claim.source_span is not None:
                # an agent ("the German chancellor") is found after the attributions are
                source = self.resolver.entity_at(self._token_at(claim.source_span.end - 1))
            if source is not None and source in self.entities and \
                    self.entities[source].type in CAN_ACT and self._can_act(source, head):
                found.actors.append(source)
        return found

    def _audience(self, entity_id: str) -> bool:
        """Reporters, the public: told something, but not the ones asked."""
        return self._sector(entity_id) in AUDIENCES

    def _token_at(self, char: int) -> Token:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else self.doc[0]

    def _generic(self, trigger: Trigger) -> bool:
        """'the usual process when a British citizen is arrested abroad', 'whenever
        police arrest a minor', 'police usually arrest': a habit or a rule in the present
        tense, not an act."""
        verb = trigger.head if trigger.head.pos_ == "VERB" else trigger.head.head
        marked = verb.dep_ in ("advcl", "relcl") and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "whenever", "once")
            for c in verb.children)
        present = verb.tag_ in ("VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        habitual = any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in verb.children) or any(
            c.dep_ in ("prep", "npadvmod") and " ".join(t.lower_ for t in c.subtree) in HABITUAL_PHRASES
            for c in verb.children)
        return present and (marked or habitual)

    def _wanted_only(self, trigger: Trigger, kind: str) -> bool:
        """An infinitive tells what someone wants, should or might do ("to discuss
        critical matters", "for Democrats to endorse him"), not what happened: it stands
        as an event only as the complement of an act that governs it (folded into that
        act, `fold_embedded`), as intent or demand (recoded), when a source claims it,
        or after a verb that says it was done ("managed to", "began to", "voted to")."""
        head = trigger.head
        return kind == trigger.type and infinitival(head) and \
            head.head.lemma_.lower() not in IMPLICATIVE and self.attribution(head) is None

    def _by_participants(self, trigger: Trigger, kind: str, mode: str | None, roles: Roles,
                         targets: list[str]) -> tuple[str, str | None]:
        """Types that the participants decide: exercises held jointly ("French and
        Egyptian warships launched war games") are military cooperation, alone a show
        of force; what is handed over that is no one ("700 kg of medicine to the Red
        Crescent") is aid, not a release."""
        head = trigger.head
        if kind == "MOBILIZE" and trigger.source == "rule" and self._parties(roles.actors) >= 2 and \
                any(head.doc[i].lemma_.lower() in EXERCISES for i in trigger.consumed):
            return "COOPERATE", "military"
        if kind == "PROTEST" and mode in (None, "obstruct") and trigger.type == "PROTEST" and \
                head.pos_ == "VERB" and roles.actors and all(self._state(a) for a in roles.actors):
            # "Turkey blocked access to Wikipedia", "troops blocked aid convoys": a state
            # or its forces blocking is restriction, not a protester's blockade
            return "COERCE", "restrict"
        if kind == "RETREAT" and head.lemma_.lower() in ("hand", "turn") and targets and not any(
                self._named(c) for c in head.children if c.dep_ == "dobj"):
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects and not any(c.ent_type_ == "PERSON" or c.lower_ in PEOPLE for c in objects):
                return "AID", None
        return kind, mode

    def _phrase_target(self, head: Token, actors: list[str], kind: str = "",
                       consumed: tuple[int, ...] = ()) -> list[str]:
        """PETRARCH's rule for an act with no object that names a party: the first party
        or state named after the predicate in its own phrase is what the act concerns
        ("demonstrated in Serbia", "threatened to resume attacks in Israel", "lifted
        a curfew in Montenegro"). A town stands for nobody and is not taken; quoted
        words, the dateline and the source of a trailing attribution are not in the
        predicate's phrase."""
        top = self._clause_head(head)
        sentence = head.sent
        # a condition or a relative clause beside the act ("resign if the army attacks the
        # protesters", "who ...") is about something else
        aside = {t.i for c in top.subtree if c is not top and (c.dep_ == "relcl" or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ASIDE_MARKS for m in c.children)))
            for t in c.subtree}
        aside |= {t.i for harm in top.subtree if harm.i != head.i and harm.lemma_.lower() in HARMS
                  for t in victims(harm)}
        for token in top.subtree:
            if token.i <= head.i or not sentence.start <= token.i < sentence.end \
                    or token.i in self.silent or token.dep_ in ACTOR_DEPS or token.i in aside:
                continue
            entity = self.resolver.entity_at(token)
            if entity is None or entity in actors or not self._can_take(entity):
                continue
            if self._where(token) and (self.entities[entity].type != "GPE" or (
                    kind in SPOKEN and place_of(token) is not None and
                    act_place(cast(Token, place_of(token)), head, consumed))):
                continue   # "rallied in Lyon" (Lyon typed ORG), "praised the voters in
                           # Nevada", "held talks in Geneva": where it happened, not to whom
            if self._modifier_only(token, entity):
                continue   # "radical Islamic terrorism", "the U.S.-Mexico border"
            if self.entities[entity].type == "AGENT" and bare_office(token):
                continue   # "her bid for president": an office, nobody in it
            if self.entities[entity].type in CAN_BE_ACTED_ON and self._stands(entity):
                return [entity]
        return []

    def _modifier_only(self, token: Token, entity: str) -> bool:
        """A name that only modifies a noun naming no one ("Islamic" in "radical Islamic
        terrorism"), unlike a name's own words ("Serbian Labour Minister Dragan ...")."""
        code = self.entities[entity].actor_code
        if self.entities[entity].type in ("NORP", "GPE") and code is not None and code.country:
            return False   # "attacked Israeli troops": the nation is the target, as CAMEO codes it
        node = token
        while node.dep_ in MODIFIERS and node.head.i != node.i:
            node = node.head
            if self.resolver.entity_at(node) not in (None, entity):
                return False
        return node is not token and self.resolver.entity_at(node) is None

    @staticmethod
    def _where(token: Token) -> bool:
        """A name in a locative phrase ("in Lyon", "outside the embassy")."""
        node = phrase_head(token)
        return node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS

    def _stands(self, entity_id: str) -> bool:
        """A party an act can concern without being its object: a person, body, group or
        nation, or a place that is a state (a country or a province), or a town only when
        it stands for its government."""
        entity = self.entities[entity_id]
        if entity.type != "GPE":
            return True
        return bool(entity.stands_for) or (
            entity.place is not None and entity.place.feature in STATE_FEATURES)

    def _parties(self, actors: list[str]) -> int:
        """How many sides the actors are: "French and Egyptian warships" are two."""
        return sum(2 if self.entities[a].type == "AGENT" and " and " in self.entities[a].name else 1
                   for a in actors)

    def _has_parties(self, kind: str, trigger: Trigger, actors: list[str], targets: list[str]) -> bool:
        """PLOVER's own requirements: a recipient for COOPERATE, AID and SANCTION; an
        actor for acts of speech (nobody agrees, asks or accuses in the passive here); a
        military or police party for MOBILIZE ("the party mobilised behind her" is no
        troop movement)."""
        if kind in RECIPIENT_REQUIRED and not targets and self._parties(actors) < 2:
            return False   # "Japan and Australia deepened cooperation": each the other's
        if kind in VERBAL and not actors:
            return False
        if kind == "MOBILIZE" or trigger.type == "MOBILIZE":
            return any(self._armed(e) for e in actors + targets)
        if kind == "CONSULT" and (self._parties(_unique(actors + targets)) < 2 or not any(
                self._counterpart(e) for e in targets + actors[1:])):
            # a meeting or talks have two sides, the other one someone who deals with the
            # first ("talking about himself", "a press call", "campaign stops with voters":
            # none)
            return False
        if actors and kind != "PROTEST" and self._private(actors[0]) and not any(
                self.entities[t].type in ("PERSON", "ORG") or (self._coded(t) and not self._private(t))
                for t in targets):
            # "the man wanted cold hard cash", "voters approved an amendment", "scientists
            # asked five people": private people acting on no one who takes part in
            # public life are no political event (a protest is theirs: PLOVER codes it)
            return False
        if kind == "AID" and actors and targets and all(
                self.entities[e].type == "PERSON" for e in actors + targets):
            return False   # "Trump gave money to Clinton": a donation, no aid between actors
        if kind == "CONCEDE" and trigger.head.lemma_.lower() in OVERRULING and actors and \
                all(self._sector(a) == "JUD" for a in actors):
            return False   # "the appeals court reversed the ruling": a ruling, no concession
        return True

    def _protesters(self, entity_id: str) -> bool:
        """A crowd that protests by what it is called: "protesters", "activists"."""
        entity = self.entities[entity_id]
        return entity.type == "AGENT" and entity.name.split()[-1].lower() in PROTESTERS

    def _warlike(self, entity_id: str) -> bool:
        """A country (or its capital acting for it), armed forces, rebels, armed groups."""
        entity = self.entities[entity_id]
        return bool(entity.stands_for) or self._sector(entity_id) in ("MIL", "REB", "UAF", "IMG") or \
            a_country(entity)

    def _private(self, entity_id: str) -> bool:
        """An agent word for private people with no country: "a man", "women", "voters"."""
        entity = self.entities[entity_id]
        return entity.type == "AGENT" and (entity.actor_code is None or (
            not entity.actor_code.country and self._sector(entity_id) in PRIVATE_SECTORS))

    def _state(self, entity_id: str) -> bool:
        """A country, a government or its forces, police or courts."""
        entity = self.entities[entity_id]
        return bool(entity.stands_for) or a_country(entity) or self._sector(entity_id) in STATE_SECTORS

    def _sector(self, entity_id: str) -> str:
        code = self.entities[entity_id].actor_code
        return (code.sector or "")[:3] if code is not None else ""

    def _counterpart(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        if entity is None:
            return False
        code = entity.actor_code
        if entity.type == "AGENT":
            return code is not None and (code.sector or "")[:3] not in AUDIENCES
        return entity.type in ("PERSON", "ORG", "GPE", "NORP") or bool(entity.stands_for)

    def _violent(self, entity_id: str) -> bool:
        """Armed forces, police, rebels, armed groups, criminals: when they attack, it is
        no attack in words ("pirates attacked two boats", "gunmen attacked a bus")."""
        return entity_id in self.entities and self._sector(entity_id) in ARMED | {"CRM"}

    def _armed(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        if entity is None:
            return False
        code = entity.actor_code
        if code is not None and code.sector and code.sector[:3] in ARMED:
            return True
        return a_country(entity)

    def _enough(self, trigger: Trigger, actors: list[str], targets: list[str]) -> bool:
        """Who must be named for the event to stand: an actor; for a passive with no
        agent, a target; for a bare CAMEO verb code, named parties on both sides."""
        if trigger.source == "cameo":
            # PETRARCH's own condition: known actors on both sides
            return any(self._coded(a) for a in actors) and any(self._coded(t) for t in targets)
        if actors:
            return True
        head = trigger.head
        passive = head.pos_ == "VERB" and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
        return bool(targets) and (passive or trigger.source == "noun")

    def _no_act(self, kind: str, mode: str | None, head: Token, consumed: tuple[int, ...],
                actors: list[str], targets: list[str], stated: bool) -> bool:
        """Acts that turn out to be none once their parties are known:
        - an investigation with no one investigated ("police are still investigating", "an
          inquiry into the stampede"): an accident or an outbreak is looked into, no party;
        - a warning or an alert aimed at no one ("issued a warning on cantaloupes"), or
          of a kind of hazard ("a travel warning for Haiti"), or to private people
          ("warned residents to boil their water"): no threat;
        - an act done to "anyone who" ("will arrest anyone who is caught"): a rule, and
          one held out as the price of refusing ("stay indoors or be shot");
        - a death ("was found dead", "died in jail") unless armed men are its doers;
        - harm in a sentence about an accident or a disease ("died from injuries received
          in the collision", "killed after an outbreak of cholera") unless armed men do it,
          and any act with no actor in a sentence about a disaster ("a brush fire was
          contained", "22 people were evacuated");
        - an act someone was "about to" do or undergo ("was about to be charged")."""
        if kind == "ACCUSE" and mode == "investigate" and (
                (not stated and not self._investigated(head)) or asks_whether(head)
                or (actors and all(self._sector(a) in CARING for a in actors))):
            return True   # doctors investigating patients examine them
        warnings = [t for t in [head, *(head.doc[i] for i in consumed)]
                    if t.lemma_.lower() in senses_data().warnings]
        if kind == "THREATEN" and warnings and any(self._of_a_hazard(t) for t in warnings) and not any(
                c.dep_ in ("dobj", "dative") and self.resolver.entity_at(c) is not None for c in head.children):
            return True   # "issued a warning on cantaloupes from a Honduran company"
        if kind == "THREATEN" and warnings and (
                (not stated and not any(c.dep_ == "ccomp" for c in head.children))
                or any((t.pos_ == "NOUN" or t.i != head.i) and any(c.dep_ == "compound" for c in t.children)
                       for t in warnings)):
            return True   # a warning that someone will act is a threat still; a "travel
                          # warning for Haiti" or a "tsunami warning" is a hazard's
        if kind == "THREATEN" and warnings and targets and all(self._private(t) for t in targets) \
                and not any(self._warlike(a) for a in actors):
            return True   # "warned residents to boil their water": advice to the public (a
                          # state or an army warning people to leave threatens them)
        if done_to_anyone(head) or or_else(head):
            return True
        if kind == "ASSAULT" and head.lemma_.lower() in DEATHS and not any(self._violent(a) for a in actors):
            return True   # "was found dead", "died in jail": a death, no attack told
        words = sentence_words(head.sent)
        if kind == "ASSAULT" and words & senses_data().accidents and not any(self._violent(a) for a in actors):
            return True
        if not actors and words & (senses_data().accidents | senses_data().disasters):
            return True
        return imminent(head)

    def _thing_done(self, head: Token) -> bool:
        """The act is told in the passive of a thing no one is: "cantaloupes should be
        thrown out", "the amendment should be passed"."""
        subjects = [c for c in head.children if c.dep_ == "nsubjpass"] if head.pos_ == "VERB" else []
        return bool(subjects) and all(
            self.resolver.entity_at(s) is None and s.pos_ != "PRON" for s in subjects)

    def _of_a_hazard(self, warning: Token) -> bool:
        """A warning "on", "about" or "of" a thing that is no party ("a warning on
        cantaloupes", "warned about scams")."""
        return any(g.dep_ == "pobj" and self.resolver.entity_at(g) is None and g.pos_ != "PRON"
                   and g.ent_type_ not in NOT_AGENTS   # "on October 13" says when
                   for p in warning.children if p.dep_ == "prep" and p.i > warning.i
                   and p.lower_ in ("on", "about", "of", "against") for g in p.children)

    def _investigated(self, head: Token) -> bool:
        """Who an investigation looks into: "opened an investigation into Senator Menendez",
        "an investigation of the senator's dealings"."""
        nodes = [head, *(c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr"))]
        phrases = [g for node in nodes for c in node.children
                   if c.dep_ == "prep" and c.lower_ in ("into", "of") for g in c.children if g.dep_ == "pobj"]
        return any(self.resolver.entity_at(t) is not None for g in phrases for t in g.subtree)

    def _someone_else_named(self, kind: str, targets: list[str]) -> bool:
        """Whether the article names anyone besides the targets of an act of force, an
        arrest or a mobilisation who could have done it: the armed (the officer who
        fired, the police who shot), and for an arrest also courts and government. Those
        who only speak ("Iraqi police said") tell, they do not act; "McCain was shot down
        in 1967" in an article that names only Esper keeps its unnamed doer. Other acts
        keep theirs."""
        fitting = DOER_SECTORS.get(kind)
        if fitting is None:
            return False   # "Russian warships could get access to Tobruk": kept, doer unnamed
        speaking = [(a.source_span.start, a.source_span.end) for a in self.attributions
                    if a.source_span is not None]
        mentions = [(m.start, m.end) for e in self.entities.values() for m in e.mentions]
        for entity in self.entities.values():
            if entity.id in targets or entity.type not in DOERS or self._sector(entity.id) not in fitting:
                continue
            # a word inside another name ("Iraqi" in "Iraqi civilians") is that name's
            if any(not within(m, speaking) and not within(m, mentions, strictly=True)
                   for m in entity.mentions):
                return True
        return False

    def _arresting_body(self, head: Token, targets: list[str]) -> str | None:
        """The police body (sector COP) named last before an arrest in its paragraph, else
        the article's only one; with several and none in the paragraph, who arrested is
        left open. So is it when police are arrested ("an officer was arrested")."""
        police = [e for e in self.entities.values() if self._sector(e.id) == "COP"]
        if any(e.id in targets for e in police):
            return None
        paragraph = self.text.rfind("\n\n", 0, head.idx)
        before = [(m.end, e.id) for e in police for m in e.mentions if paragraph < m.start and m.end <= head.idx]
        if before:
            return max(before)[1]
        return police[0].id if len(police) == 1 else None

    def _actor_kind(self, roles: Roles) -> str:
        """none | pronoun | inferred (the police body of an arrest) | agent | coded (a named
        actor the text says who it is) | named."""
        if not roles.actors:
            return "none"
        if roles.inferred:
            return "inferred"
        if roles.pronoun:
            return "pronoun"
        if all(self.entities[a].type == "AGENT" for a in roles.actors):
            return "agent"
        return "coded" if any(self._coded(a) for a in roles.actors
                              if self.entities[a].type != "AGENT") else "named"

    def _quoted(self, head: Token) -> bool:
        before = self.text[max(0, head.sent.start_char - 1):head.idx]
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1

    # -- clauses -----------------------------------------------------------------------

    def _clause_head(self, head: Token) -> Token:
        """A noun's clause is its verb's ("an agreement is being prepared")."""
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") \
                and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        return head

    def clause_of(self, head: Token) -> list[Token]:
        top = self._clause_head(head)
        sentence = head.sent
        return [t for t in top.subtree if sentence.start <= t.i < sentence.end]

    # -- roles -------------------------------------------------------------------------

    def roles(self, trigger: Trigger) -> Roles:
        head = trigger.head
        roles = Roles([], [])
        verb = head if head.pos_ == "VERB" else head.head
        undergoing = verb.lemma_.lower() in UNDERGOING or (
            verb.lemma_.lower() in RECEIVING and given_from(verb))
        if undergoing and (head is not verb or trigger.source != "lexicon"):
            self._undergone(verb, roles)
        elif head.pos_ == "VERB":
            self._verb_roles(head, roles, set(trigger.consumed))
        else:
            self._noun_roles(head, roles)
        roles.actors, roles.targets = _unique(roles.actors), _unique(roles.targets)
        return roles

    def _undergone(self, verb: Token, roles: Roles) -> None:
        """'Ministers came under fire from a former chief whip', 'Microsoft faced
        criticism from its workers': the subject undergoes the act; the one it comes
        from does it."""
        for child in verb.children:
            if child.dep_ in ACTOR_DEPS or child.dep_ == "nsubjpass":
                roles.targets += self.names(child, roles)
        sources = [p for p in [*verb.children, *(g for c in verb.children if c.dep_ in ("dobj", "prep")
                                                 for g in c.children)]
                   if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
                   or (p.lower_ == "of" and p.head.dep_ == "dobj" and p.head.head.i == verb.i)]
        for prep in sources:
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                roles.actors += self.names(obj, roles, acting=True)

    def _verb_roles(self, verb: Token, roles: Roles, consumed: set[int]) -> None:
        actors, targets = roles.actors, roles.targets
        if reduced_passive(verb):
            # "the protesters arrested on Monday were students": the parser made the
            # participle a clause; its subject is who was arrested
            for child in verb.children:
                if child.dep_ in ACTOR_DEPS:
                    targets += self.names(child, roles)
            return
        for child in verb.children:
            if child.i in consumed:
                # "imposed sanctions": the object is the act, no participant, unless it
                # names someone ("expelled two diplomats"); its phrases are participants:
                # "hosted talks between X and Y", "imposed sanctions on X"
                targets += [n for m in child.lefts for n in self.names(m, roles, own_only=True)]
                targets += self.names(child, roles, own_only=True)
                for prep in child.children:
                    if prep.dep_ == "prep":
                        self._prep_roles(prep, roles)
                continue
            if child.dep_ in ACTOR_DEPS:
                actors += self.names(child, roles, acting=True)
            elif child.dep_ in ("npadvmod", "compound") and child.i < verb.i:
                actors += self.names(child, roles, own_only=True)   # "NATO-backed"
            elif child.dep_ == "agent":
                actors += [n for g in child.children if g.dep_ == "pobj"
                           for n in self.names(g, roles, acting=True)]
            elif child.dep_ in ("nsubjpass", "dobj", "dative", "iobj", "attr"):
                # what an act is done to may be a place: "shelled Kharkiv"
                targets += self.names(child, roles, places=child.dep_ in ("dobj", "nsubjpass"))
            elif child.dep_ == "prep":
                self._prep_roles(child, roles, consumed)
        if not targets:
            # "demanded that the United States withdraw": the demand is made of its subject
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                targets += [n for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")
                            for n in self.names(s, roles)]
        if coordinated_passive(verb):
            # "was shot and killed by a police officer": the verbs share the one
            # undergoing them and the agent phrase
            for other in passive_chain(verb):
                for child in other.children:
                    if child.dep_ == "agent" and not actors:
                        actors += [n for g in child.children if g.dep_ == "pobj"
                                   for n in self.names(g, roles, acting=True)]
                    elif child.dep_ == "nsubjpass" and not targets:
                        targets += self.names(child, roles, places=True)
        if not actors and verb.dep_ == "acl" and misparsed_modifier(verb):
            # "doctors from two aid groups donated ...": the noun it hangs on is its subject
            actors += self.names(verb.head, roles, acting=True)
        if not actors:
            # "X tried to provide", "X is willing to withdraw", "X met and agreed"; in the
            # passive the controller's subject undergoes it ("manufacturers should be able
            # to be sued")
            governor = controller(verb)
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            if governor is not None:
                for child in governor.children:
                    if child.dep_ in ACTOR_DEPS and passive:
                        targets += self.names(child, roles)
                    elif child.dep_ in ACTOR_DEPS:
                        actors += self.names(child, roles, acting=True)

    def _noun_roles(self, noun: Token, roles: Roles) -> None:
        actors = roles.actors
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
                actors += self.names(child, roles, own_only=True)
                if child.pos_ == "VERB":   # "the NATO-backed ouster": who backed it took part
                    actors += [n for g in child.children if g.dep_ in ("npadvmod", "compound")
                               for n in self.names(g, roles, own_only=True)]
            elif child.dep_ == "prep":
                self._prep_roles(child, roles)
        verb = noun.head
        if verb.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
            # Who "launched the attack" made it; who "condemned the attack" did not.
            doer = noun.dep_ == "dobj" and doer_verb(verb)
            for child in verb.children:
                if doer and child.dep_ in ACTOR_DEPS and not actors:
                    actors += self.names(child, roles, acting=True)
                elif child.dep_ == "prep" and child.lower_ in ("between", "among", "with"):
                    self._prep_roles(child, roles)
                elif child.dep_ == "prep" and child.lower_ == "by" and not agentive_by(child):
                    # "condemned the invasion of Lebanon by Israel": the parser hangs the
                    # invasion's doer on the verb
                    actors += [n for g in child.children if g.dep_ == "pobj"
                               for n in self.names(g, roles, acting=True)]

    def _prep_roles(self, prep: Token, roles: Roles, consumed: set[int] | frozenset[int] = frozenset()) -> None:
        word = prep.lower_
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        for obj in objects:
            if obj.i in consumed:
                # "called for sanctions against Nigeria": the act's own phrases
                for inner in obj.children:
                    if inner.dep_ == "prep":
                        self._prep_roles(inner, roles)
        objects = [g for g in objects if g.i not in consumed]
        if word in ("between", "among"):
            # "talks between X and Y": X and Y act; "X mediated between Y and Z": Y and Z
            # are what X acts on
            verb = prep.head
            has_subject = verb.pos_ == "VERB" and (
                any(c.dep_ in ACTOR_DEPS for c in verb.children) or controller(verb) is not None)
            for obj in objects:
                found = self.names(obj, roles, acting=True) + [
                    n for c in obj.conjuncts for n in self.names(c, roles, acting=True)]
                if has_subject:
                    roles.targets += found
                else:
                    roles.actors += found
        elif word == "by" and agentive_by(prep):
            for obj in objects:
                roles.actors += self.names(obj, roles, acting=True)
        elif word in TARGET_PREPS:
            for obj in objects:
                roles.targets += self.names(obj, roles)
        elif word == "at":
            # "fired tear gas at protesters", not "met at the border" (places are where)
            for obj in objects:
                roles.targets += [n for n in self.names(obj, roles)
                                  if self.entities[n].type not in ("GPE", "LOC", "FAC")]

    def names(self, token: Token, roles: Roles, own_only: bool = False,
              acting: bool = False, places: bool = False) -> list[str]:
        """The entities a phrase names: its head's, else the names inside it. An actor
        (`acting`) must be able to act; the dateline and headlines name no one."""
        found: list[str] = []
        for node in [token, *token.conjuncts]:
            if node.i in self.silent:
                # "HANOI, Vietnam (AP) — Defense Secretary Mark Esper accused": the parse
                # may hang the subject under the dateline; the names after it still act
                found += [] if own_only else self._after_dateline(node, acting)
                continue
            entity = self.resolver.entity_at(node) or self.resolver._named_in(node)
            if entity is None and node.pos_ == "PRON" and node.lower_ in PRONOUN_ACTOR:
                entity = self.resolver.salient(node, skip=self.silent)
                roles.pronoun = roles.pronoun or (entity is not None and acting)
            if entity is None and self._pair(node):
                found += self._pair_referents()
                continue
            if entity is None and not own_only:
                entity = next(iter(self._inside(node, acting)), None)
            if entity is not None and self.entities[entity].type == "AGENT" and bare_office(node):
                continue   # "her bid for president": an office, nobody in it
            if entity is not None and (self._can_act(entity, node) if acting
                                       else self._can_take(entity, places)):
                found.append(entity)
        return found

    def _named(self, token: Token) -> str:
        """The type of the entity a token names when it can take part, else "" (for the
        sense checks)."""
        entity = self.resolver.entity_at(token)
        if entity is None and token.pos_ == "PRON" and token.lower_ in PRONOUN_ACTOR:
            entity = self.resolver.salient(token, skip=self.silent)
        if entity is None or not self._can_take(entity, places=True):
            return ""
        return self.entities[entity].type

    def _can_act(self, entity_id: str, node: Token) -> bool:
        """People, organisations, groups, nations act; a country or state too; a town
        or a seat of government only for its government ("Moscow warned")."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return False
        if entity.stands_for or entity.type in ("NORP", "AGENT"):
            return True
        if entity.type in ("PERSON", "ORG"):
            # As PETRARCH codes only actors its dictionaries know, a person or a body acts
            # in event data when the text says who they are ("Sen. Warren", "Palestinian
            # leader Yasser Arafat", "the Appellate Court"), or when they deal with a
            # state, a government or a group named in the same sentence ("Arafat
            # rejected a US offer", "Hamas threatened Israel"); "Dion joined forces with
            # Peabo Bryson" or "Chrome will share data with Google" is no political event.
            return entity.actor_code is not None or self._political_sentence(node, entity_id)
        return entity.type == "GPE" and entity.place is not None and entity.place.feature in STATE_FEATURES

    def _coded(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and (entity.actor_code is not None or bool(entity.stands_for))

    def _political_sentence(self, node: Token, entity_id: str) -> bool:
        """Whether the sentence names a state, a government, a group or a company besides
        the entity: private people do not make it political, nor a company that only owns
        a thing ("the title song of Disney's hit movie")."""
        for token in node.sent:
            other = self.resolver.entity_at(token)
            if other is not None and other != entity_id and token.i not in self.silent:
                entity = self.entities[other]
                code = entity.actor_code
                sector = (code.sector or "")[:3] if code is not None else ""
                if entity.stands_for or (code is not None and (code.country or (
                        sector not in PRIVATE_SECTORS and (sector not in COMMERCIAL or token.dep_ != "poss")))):
                    return True
        return False

    def _can_take(self, entity_id: str, places: bool = False) -> bool:
        """Who an act can be done to; a place only where it is the act's object."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return False
        if entity.type in TARGET_TYPES or entity.stands_for:
            return True
        return places and entity.type in ("LOC", "FAC") and entity.place is not None

    def _inside(self, node: Token, acting: bool = False) -> list[str]:
        """Names inside a phrase without a name at its head, embedded clauses left out.
        An actor is not the kin in "the parents of two Americans", nor the one followed
        or opposed in "Sanders supporters" or "critics of Putin", nor a faith's or a
        party's adjective in "Muslim organizations" (a nation's is: "Russian jets"), nor
        a place the phrase puts them in."""
        # embedded clauses, and what the thing is called ("condemned the attack as radical
        # Islamic terrorism"), are left out
        skipped = {t.i for inner in node.subtree if inner is not node and (
            inner.dep_ in EMBEDDED or (inner.dep_ == "prep" and inner.lower_ == "as"))
            for t in inner.subtree}
        # those a wrong is done to ("opposed discrimination against Muslims", "condemned
        # the attacks on Christians") are not whom the condemnation is aimed at
        skipped |= {t.i for harm in [node, *node.conjuncts] if harm.lemma_.lower() in HARMS
                    for t in victims(harm)}
        found: list[str] = []
        local: set[str] = set()   # places naming where the group is ("the Ohio chapter")
        # the name nearest the head first: in "Russian President Vladimir Putin's
        # spokesman" the possessor, Putin, not "Russian" of his title
        for token in sorted(node.subtree, key=lambda t: (depth(t, node), t.i)):
            if token.i in skipped or token.i == node.i or token.i in self.silent:
                continue
            entity = self.resolver.entity_at(token)
            if entity is None or entity in found:
                continue
            if self.entities[entity].type == "AGENT" and bare_office(token):
                continue   # "her bid for president": an office, nobody in it
            if acting and (node.lemma_.lower() in KIN or node.lower_ in FOLLOWERS
                           or self._stateless_modifier(token, node, entity)
                           or (self._where(token) and phrase_head(token).head.lower_ != "from")):
                continue   # nor where they are: "the progressives in France" are not France
                # ("doctors from two aid groups" are of them)
            found.append(entity)
            if acting and token.dep_ in ("compound", "amod", "nmod") and token.head.i == node.i \
                    and self.entities[entity].type in ("GPE", "LOC"):
                local.add(entity)
        if local and any(e not in local for e in found):
            # "the Ohio chapter of the A. Philip Randolph Institute": the body, not where
            # its branch is
            found = [e for e in found if e not in local] + [e for e in found if e in local]
        return found

    def _stateless_modifier(self, token: Token, node: Token, entity: str) -> bool:
        """A faith's or a party's adjective before a noun that names no one ("Muslim
        organizations", "Republican committees"): a population, not the body acting."""
        code = self.entities[entity].actor_code
        return self.entities[entity].type == "NORP" and (code is None or not code.country) \
            and token.lower_ in FAITHS_AND_PARTIES and modified(token).i == node.i

    def _after_dateline(self, node: Token, acting: bool) -> list[str]:
        """The first name after the dateline in a phrase the parse hung under it, heads
        before their modifiers ("U.S. Defense Secretary Mark Esper": Esper)."""
        tokens = sorted(node.subtree, key=lambda t: (t.dep_ != "appos", t.dep_ in MODIFIERS
                                                     or t.dep_ == "pobj", t.i))
        for token in tokens:
            entity = None if token.i in self.silent else self.resolver.entity_at(token)
            if entity is not None and (self._can_act(entity, token) if acting else self._can_take(entity)):
                return [entity]
        return []

    def _pair(self, node: Token) -> bool:
        """'The two', 'both', 'the two leaders': the pair just named."""
        words = {t.lower_ for t in node.subtree}
        return node.pos_ in ("NUM", "NOUN", "PRON", "DET") and bool(words & {"two", "both"}) \
            and node.lemma_.lower() in PAIR_WORDS

    def _pair_referents(self) -> list[str]:
        if self.previous is not None and len(self.previous.actors) == 2:
            return list(self.previous.actors)
        return []

    # -- place, time, attribution -----------------------------------------------------------

    def place(self, head: Token) -> str | None:
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

    def _phrase(self, node: Token) -> list[Token]:
        skipped = {t.i for inner in node.subtree if inner.dep_ in EMBEDDED and inner is not node
                   and inner.dep_ != "appos" for t in inner.subtree}
        return [t for t in node.subtree if t.i not in skipped and t.i not in self.silent]

    def _placed(self, token: Token) -> str | None:
        entity_id = self.resolver.entity_at(token)
        entity = self.entities.get(entity_id) if entity_id else None
        if entity is not None and entity.place is not None and entity.type in ("GPE", "LOC", "FAC"):
            return entity.id
        return None

    def time(self, head: Token, level: str) -> EventTime | None:
        """A time expression of the event's own clause (not of clauses inside it),
        nearest the predicate; else the publication date for the present tense; never a
        date after publication for an act told as done ("a score of 2072")."""
        own = {t.i for t in self._phrase(self._clause_head(head))}
        inside = [t for t in self.times if t.start and t.kind != "duration"
                  and self._within(t.span, own) and self._when(t.span, head)]
        if inside:
            nearest = min(inside, key=lambda t: abs(t.span.start - head.idx))
            assert nearest.start is not None   # `inside` keeps only times with a start
            moment = EventTime(start=nearest.start, end=nearest.end or nearest.start, span=nearest.span)
            if self._after_publication(moment, head, level):
                return None
            return moment
        if self.published and present(head):
            return EventTime(start=self.published, end=self.published, span=None)
        return None

    def _when(self, span: Span, head: Token) -> bool:
        """A time that says when the act happened: not where a stretch of time begins or
        ends ("since 1990", "until 2017") nor another noun's modifier ("the 2013
        amendments"); the event noun's own ("the 1982 invasion") dates it."""
        covered = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if covered is None:
            return True
        root = covered.root
        if root.dep_ in ("compound", "nummod", "amod", "nmod") and root.head.i >= covered.end \
                and root.head.i != head.i:
            return False
        return not (root.dep_ == "pobj" and root.head.lower_ in ("since", "until", "till", "through"))

    def _within(self, span: Span, tokens: set[int]) -> bool:
        covered = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return covered is not None and len(covered) > 0 and all(t.i in tokens for t in covered)

    def _after_publication(self, moment: EventTime, head: Token, level: str) -> bool:
        if not self.published or moment.start <= self.published:
            return False
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        return level == "certain" and verb.tag_ in ("VBD", "VBN")

    def attribution(self, head: Token) -> str | None:
        claim = self._claim(head)
        return claim.id if claim is not None else None

    def _claim(self, head: Token) -> Attribution | None:
        """The narrowest attributed claim holding the word."""
        holding = [a for a in self.attributions if a.span.start <= head.idx < a.span.end]
        return min(holding, key=lambda a: a.span.end - a.span.start) if holding else None


def _span_of(tokens: list[Token]) -> tuple[int, int] | None:
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
# "refused to deploy peacekeepers" one REJECT, "agreed to cooperate" one AGREE, "accused
# X of attacking" one ACCUSE: the act they are about did not happen, or not on this word.
GOVERNING = frozenset({"REJECT", "THREATEN", "REQUEST", "AGREE", "ACCUSE", "PROTEST"})
# ... but an act named by a noun that an accusation or protest is about was done ("condemned
# the 1982 invasion of Lebanon"): both stand, and its doer is whom the accusation targets.
REPORTED_BY = frozenset({"ACCUSE", "PROTEST"})
EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "acomp", "dobj"})


def fold_embedded(found: list[tuple[Trigger, Event]],
                  provisional: set[int] | frozenset[int] = frozenset()) -> list[Event]:
    """Drop an event stated only as what another act is about; its type becomes that
    act's mode when it has none, and its target the act's when the act has none or
    only one taken from its phrase (`provisional`)."""
    by_head = {trigger.head.i: event for trigger, event in found}
    kept = []
    dropped: set[int] = set()
    for trigger, event in found:
        governor = _governing_event(trigger.head, by_head)
        if governor is None or governor is event or governor.type not in GOVERNING:
            kept.append(event)
            continue
        if governor.type in REPORTED_BY and trigger.head.pos_ != "VERB":
            doers = [a for a in event.actors if a not in governor.actors]
            governor.targets = doers or governor.targets
            kept.append(event)
            continue
        if governor.type == "REJECT" and event.type in HOSTILE and governor.mode is None:
            # "refusing to attack his rivals", "refused to arrest them": restraint, not
            # the rejection of anyone's request (PLOVER's REJECT is of cooperation)
            dropped.add(id(governor))
            continue
        governor.mode = governor.mode or event.type.lower()
        inner = [t for t in event.targets if t not in governor.actors]
        if not governor.targets or (id(governor) in provisional and inner
                                    and id(event) not in provisional):
            # "threatened to impose restrictions against German goods": the act's
            # target is the threat's
            governor.targets = inner or governor.targets
    return [e for e in kept if id(e) not in dropped]


def _governing_event(head: Token, by_head: dict[int, Event]) -> Event | None:
    node = head
    for _ in range(3):
        if node.dep_ not in EMBEDDING_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if node.i in by_head:
            return by_head[node.i]
    return None


def merge_repeats(found: list[Event]) -> list[Event]:
    """The same event told twice is one event with more evidence."""
    kept: list[Event] = []
    for event in found:
        twin = next((k for k in kept if k.type == event.type and (k.actors or k.targets) and
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
