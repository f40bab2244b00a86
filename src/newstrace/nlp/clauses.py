"""Predicates over the parse that the event coder asks of a clause: who demands or is
addressed, whether a verb is a reduced passive or an agent phrase, where an act takes
place, whether words are a volley, a threat or an assurance (stages/events.py)."""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from ..dossier import Entity, Span
from .agents import agent_word
from .cameo import code_verb
from .event_words import (
    ATTACKS,
    COOPERATIVE,
    DOORS,
    EMBEDDED,
    HEADLINE_PREPS,
    HOSTILE,
    MODIFIERS,
    NO_TRIGGER,
    OBLIGATION,
    PROMISES,
    SAYING,
    TRANSITIVE_ONLY,
    VICTIM_PREPS,
    VOLLEYS,
    WORDS_FIRED,
    WORDY,
)
from .modality import CLAUSE_DEPS, announced, passive_chain, purpose, refusal
from .plover import (
    Trigger,
    noun_type,
    verb_forms,
    verb_trigger,
)
from .senses import own_thing
from .senses import senses as senses_data


def recoded(trigger: Trigger, level: str) -> tuple[str, str | None]:
    """An act announced ("Syria says it is willing to withdraw") is intent; a cooperative
    act refused or failed ("will not accept refugees", "failed to reach agreement") is a
    rejection. The act itself is kept as the mode."""
    kind, mode = trigger.type, trigger.mode
    if level == "negated" and kind in COOPERATIVE and refusal(trigger.head):
        return "REJECT", kind.lower()
    if announced(trigger.head):
        if kind in COOPERATIVE - {"AGREE"}:
            return "AGREE", kind.lower()
        if kind in HOSTILE:
            return "THREATEN", kind.lower()
    return kind, mode


SPEECH_LIGHT = frozenset({"issue", "send", "deliver", "give", "make", "repeat"})


SPEECH_OBJECTS = frozenset({"reminder", "warning", "message", "ultimatum", "notice", "statement",
                            "demand", "call", "appeal", "plea", "signal"})


def demanded_by(head: Token) -> Token | None:
    """The verb of saying whose subject demands the act: "X said Y must withdraw",
    "X insisted that Y should apologise" (CAMEO codes such statements as demands)."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    while (verb.dep_ in ("xcomp", "acomp") or purpose(verb)) and verb.head.i != verb.i:
        verb = verb.head   # "Y must be ready to mediate", "must act to fight terrorism"
    modals = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not modals & OBLIGATION or verb.dep_ != "ccomp":
        return None
    saying = verb.head
    return saying if saying.lemma_.lower() in SAYING or speech_object(saying) else None


def speech_object(verb: Token) -> bool:
    """'issued a stern reminder to Iraq that it must cooperate', 'sent a message that':
    a light verb whose object is something said says it."""
    return verb.lemma_.lower() in SPEECH_LIGHT and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_OBJECTS for c in verb.children)


def addressee(saying: Token) -> list[Token]:
    """Whom a demand is told to: 'told Libya that', 'warned Serbia that', 'issued a
    reminder to Iraq that'."""
    found = [c for c in saying.children if c.dep_ in ("dobj", "dative") and c.lemma_.lower() not in SPEECH_OBJECTS]
    found += [g for c in saying.children if c.dep_ in ("dative", "prep") and c.lower_ == "to"
              for g in c.children if g.dep_ == "pobj"]
    return found


def breach(noun: Token, entity_at: Callable[[Token], str | None]) -> bool:
    """'The compromise of the computers': a compromise of a thing is a breach."""
    return noun.lemma_.lower() == "compromise" and any(
        o.pos_ == "NOUN" and entity_at(o) is None
        for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj")


def a_country(entity: Entity) -> bool:
    """A place resolved to a country ("Ukraine", not "Kharkiv")."""
    return entity.type == "GPE" and entity.place is not None and entity.place.feature == "country"


def within(span: Span, spans: list[tuple[int, int]], strictly: bool = False) -> bool:
    """Whether a span lies inside one of the spans (and is not the same, if strictly)."""
    return any(start <= span.start and span.end <= end and not (strictly and (start, end) == (span.start, span.end))
               for start, end in spans)


def insisted_that(head: Token) -> bool:
    """'insisted that his client had no role': insisting that something is so states it;
    insisting that someone resign or should resign demands it."""
    if head.pos_ != "VERB" or head.lemma_.lower() != "insist":
        return False
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    return bool(clauses) and all(
        c.tag_ in ("VBD", "VBZ", "VBP") or any(a.dep_ == "aux" and a.lower_ in ("had", "has", "have", "was", "is", "were", "are", "did", "does")
                                               for a in c.children)
        for c in clauses)


def asks_whether(head: Token) -> bool:
    """'is investigating whether the strain poses a threat': an open question, no one
    investigated."""
    return head.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in head.children) and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
        for c in head.children)


def or_else(head: Token) -> bool:
    """'warned them to stay indoors or be shot': the consequence held out, not an act."""
    return head.dep_ == "conj" and head.head.dep_ == "xcomp" and any(
        c.dep_ == "cc" and c.lower_ == "or" for c in head.head.children)


def done_to_anyone(head: Token) -> bool:
    """'will arrest and detain anyone who is caught': the act's object is anyone at all."""
    verb = head if head.pos_ == "VERB" else head.head
    if any(c.dep_ == "neg" for c in verb.children):
        return False   # "haven't endorsed anyone": no one
    chain = [verb, *(passive_chain(verb) if verb.pos_ == "VERB" else ())]
    return any(c.lower_ in senses_data().anyone and c.dep_ in ("dobj", "nsubjpass", "pobj")
               for v in chain for c in [*v.children, *(g for p in v.children if p.dep_ == "prep"
                                                        for g in p.children)])


def imminent(head: Token) -> bool:
    """'was about to be charged', 'a man about to be indicted': not done yet."""
    verb = head if head.pos_ == "VERB" else head.head
    return verb.dep_ == "xcomp" and verb.head.lower_ == "about" and any(
        c.lower_ == "to" for c in verb.children if c.dep_ == "aux")


def at_their_door(head: Token) -> bool:
    """A visit to someone's home or office ("visit homes of AIG executives", "paying visits
    to the homes of executives"), not to a person ("visited the jailed dissident")."""
    return any(t.lemma_.lower() in DOORS for c in head.children if c.dep_ in ("dobj", "prep")
               for t in c.subtree)


def to_the_reader(head: Token) -> bool:
    """The act is done to "you": its object, its recipient or who is asked to do something."""
    verb = head if head.pos_ == "VERB" else head.head
    return any(c.lower_ in ("you", "yourself", "yourselves") and c.dep_ in ("dobj", "dative", "iobj", "nsubj")
               and (c.dep_ != "nsubj" or c.head.i != verb.i)
               for c in [*verb.children, *(g for x in verb.children if x.dep_ in ("xcomp", "ccomp") for g in x.children)])


def agent_phrase(head: Token) -> bool:
    """'arrested by the powers that be', 'hit with a stone by another woman' (the parser
    hangs "by" on the stone): the clause says who did it, named or not; "by Monday", "by
    20 percent" and "by shouting" say when, how much and how."""
    for token in head.subtree:
        if token.lower_ != "by" or token.dep_ not in ("agent", "prep"):
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects or any(o.ent_type_ in NOT_AGENTS or o.like_num or means(o) for o in objects):
            continue
        node = token.head
        while node.i != head.i and node.dep_ not in CLAUSE_DEPS:
            node = node.head
        if node.i == head.i:
            return True
    return False


def means(noun: Token) -> bool:
    """'by phone', 'by force', 'by road': a bare singular noun after "by" is a means."""
    return noun.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod")
                                         for c in noun.children)


# Entity types a "by" phrase names when it says when or how much, not who.
NOT_AGENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})


def given_from(verb: Token) -> bool:
    """'enjoyed support from voters', 'won backing for the plan from the EU', 'gained the
    support of the unions': a "from" phrase on the verb or its object, or the object's
    "of" phrase."""
    objects = [o for o in verb.children if o.dep_ in ("dobj", "prep")]
    return any(c.dep_ == "prep" and c.lower_ == "from" for node in [verb, *objects]
               for c in node.children) or any(
        c.dep_ == "prep" and c.lower_ == "of" for o in objects if o.dep_ == "dobj"
        for c in o.children)


def reduced_passive(verb: Token) -> bool:
    """'The soldiers captured in the raid were Russian', 'the protesters arrested on Monday
    were students': a participle with a subject but no auxiliary and no object, whose
    phrase is followed by a subjectless 'were' that belongs to that subject."""
    if verb.tag_ not in ("VBN", "VBD") or not any(c.dep_ == "nsubj" for c in verb.children) or \
            any(c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in verb.children):
        return False
    if any(c.dep_ == "conj" and c.lemma_ == "be" and not any(
            g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children) for c in verb.children):
        return True   # "... captured in the raid were Russian": "were" hung on the participle
    if verb.dep_ == "ROOT" and verb.lemma_.lower() in TRANSITIVE_ONLY and any(
            c.dep_ == "prep" and c.lower_ in HEADLINE_PREPS for c in verb.children):
        return True   # a headline: "Man accused of threatening tax worker", "Teen arrested
                      # for threatening school" (no object: the subject undergoes it)
    for token in verb.doc[verb.right_edge.i + 1:verb.sent.end]:
        if token.is_punct:
            return False
        if token.pos_ in ("AUX", "VERB"):
            return token.lemma_ == "be" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
    return False


def definite(noun: Token) -> bool:
    """'the attack', 'this attack', 'that meeting': one told already."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                                      for c in noun.children)


def volley_of_words(head: Token) -> bool:
    """'blasted out a barrage of news releases', 'a volley of insults', 'a hail of
    criticism': what is fired is words; 'an attack ad campaign', 'a rhetorical
    onslaught': an attack made of words."""
    nouns = [head] if head.pos_ == "NOUN" else [c for c in head.children if c.dep_ in ("dobj", "nsubj")]
    if any(m.dep_ in ("compound", "amod") and m.lower_ in WORDY for n in nouns
           for m in n.subtree if m.i < n.i):
        return True
    if any(n.lemma_.lower() in ATTACKS and says_that(n) for n in nouns):
        return True   # "pressed his attack that she is not qualified": what it says
    return any(n.lemma_.lower() in VOLLEYS and any(
        o.lemma_.lower() in WORDS_FIRED or o.lower_ in WORDS_FIRED
        for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj") for n in nouns)


def victims(harm: Token) -> list[Token]:
    """The phrase naming whom a wrong is done to ("against Muslims" in "discrimination
    against Muslims")."""
    return [t for p in harm.children if p.dep_ == "prep" and p.lower_ in VICTIM_PREPS for t in p.subtree]


def modified(token: Token) -> Token:
    """The noun a modifier or a modifier's conjunct belongs to ("Muslim" in "progressive
    and Muslim organizations": organizations)."""
    node = token
    while node.dep_ in MODIFIERS + ("conj",) and node.head.i != node.i:
        node = node.head
    return node


def says_that(noun: Token) -> bool:
    """A noun followed by what it says: 'the charge that', 'pressed his attack that'."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
    if noun.dep_ == "dobj":
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
    return any(m.dep_ == "mark" and m.lower_ == "that" for c in clauses for m in c.children)


def phrase_head(token: Token) -> Token:
    """The noun a modifier belongs to ("Serbian" in "the Serbian minister": minister)."""
    node = token
    while node.dep_ in MODIFIERS and node.head.i != node.i:
        node = node.head
    return node


def backs_a_harm(head: Token) -> bool:
    """Support whose object is a hostile act ('reaffirmed their commitment to destroying
    ISIL', 'gave its blessing to the killing of children')."""
    phrases = [c for c in head.children if c.dep_ in ("dobj", "prep")]
    phrases += [g for c in phrases if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep"]
    for phrase in phrases:
        # what a resolution or a plan "aims to" do is its own, not what is backed
        embedded = {t.i for inner in phrase.subtree if inner.dep_ in EMBEDDED for t in inner.subtree}
        for token in phrase.subtree:
            if token.i == head.i or token.i in embedded:
                continue
            kind = noun_type(token) if token.pos_ == "NOUN" else (
                (verb_trigger(token) or NO_TRIGGER).type if token.pos_ == "VERB" else None)
            if kind in HOSTILE:
                return True
    return False


def act_place(node: Token, head: Token, consumed: tuple[int, ...]) -> bool:
    """Whether a locative phrase's word is the act's verb or the act's own noun ("held
    two rounds of talks in Geneva": talks, rounds)."""
    while node.i != head.i and node.i not in consumed and node.head.i != node.i:
        if node.dep_ not in ("pobj", "prep", "dobj") and node.pos_ != "NOUN":
            return False
        node = node.head
    return node.i == head.i or node.i in consumed


def place_of(token: Token) -> Token | None:
    """The word a locative phrase hangs on ("spoke in Nevada": spoke)."""
    node = phrase_head(token)
    return node.head.head if node.dep_ == "pobj" else None


def hostile_vow(head: Token) -> str | None:
    """The hostile act a promise, a vow or a pledge is of, if any."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in PROMISES:
        return None
    for promised in (c for c in head.children if c.dep_ == "dobj"):
        # "promised a veto", "vowed retaliation", "pledged swift sanctions"
        if promised.lemma_.lower() in PROMISED_HARMS:
            return PROMISED_HARMS[promised.lemma_.lower()]
        if noun_type(promised) in HOSTILE:
            return noun_type(promised)
    for clause in (c for c in head.children if c.dep_ == "xcomp"):
        if of_own(clause):
            continue   # "vowed to take his campaign to the convention": nothing seized
        found = verb_trigger(clause)
        harm = clause.lemma_.lower() in senses_data().vowed_harms
        objects = [o for c in clause.children if c.dep_ == "dobj" for o in [c, *c.conjuncts]]
        if harm and objects and not any(party_word(o) for o in objects):
            continue   # "vowed to destroy the old records", "to eliminate fees": no one harmed
        if found is not None and (found.type in HOSTILE or found.mode == "obstruct"):
            return "COERCE" if found.type == "PROTEST" else found.type
        if harm and objects:
            return "ASSAULT"   # "vowed to crush the Kurdish militants", "to destroy ISIS"
        coding = code_verb(clause, verb_forms(clause)) if found is None else None
        if coding is not None and coding.type in HOSTILE:
            return coding.type   # "vowed to block refugees": CAMEO's reading of the verb
    return None


def assurance(head: Token) -> bool:
    """'pledged that the budget has been balanced', 'vowed that he had never met the
    lobbyist': a verb of promising whose clause says what is so, not what will be done,
    asserts something; it promises no act (PLOVER's AGREE is intent to cooperate). A
    clause of the future, of a modal or of the subjunctive ("pledged that troops would
    leave", "vowed that the council reconsider") is a promise still."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in PROMISES or \
            any(c.dep_ in ("xcomp", "dobj", "dative") for c in head.children):
        return False
    clause = next((c for c in head.children if c.dep_ == "ccomp"), None)
    if clause is None or clause.tag_ == "VB":
        return False
    auxiliaries = {c.lower_ for v in (clause, *clause.conjuncts) for c in v.children if c.dep_ in ("aux", "auxpass")}
    going = clause.lemma_.lower() == "go" and clause.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in clause.children)
    return not (auxiliaries & PROMISED_MODALS or going)


# What makes a clause after "pledged that" a promise of what will be.
PROMISED_MODALS = frozenset({"will", "would", "shall", "'ll", "’ll", "wo", "should", "must", "can",
                             "could", "'d", "’d"})


def depth(token: Token, top: Token) -> int:
    """How many arcs below `top` a token of its subtree hangs."""
    depth = 0
    while token.i != top.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


# Prepositions that make a group a partner of a promised act ("work with police").
PARTNER_PREPS = frozenset({"with", "alongside", "beside"})


def party_word(token: Token) -> bool:
    """A word for a party one can act against: a named person, group or nation, or a
    group named by a common noun ("militants", "the cartels")."""
    return token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.lower_ in PEOPLE_PRONOUNS \
        or agent_word(token)


# Pronouns for people ("punish those responsible", "hunt them down").
PEOPLE_PRONOUNS = frozenset({"those", "them", "him", "her", "anyone", "anybody", "whoever",
                             "everyone", "everybody", "us", "you", "me"})


# Nouns of harm one promises, with the act they threaten.
PROMISED_HARMS = {"veto": "REJECT", "vetoes": "REJECT", "retaliation": "ASSAULT",
                  "retribution": "ASSAULT", "reprisal": "ASSAULT", "reprisals": "ASSAULT",
                  "revenge": "ASSAULT", "vengeance": "ASSAULT", "punishment": "COERCE",
                  "consequences": "COERCE"}


# Verbs of winning a vote beside the contests' own ("carry the state").
WINNING = frozenset({"carry", "capture", "secure"})


def winning(verb: Token) -> bool:
    """'win many hundreds of delegates', 'carry the state', 'beat Trump in November': a
    result in a vote or a race."""
    lemma = verb.lemma_.lower()
    if lemma not in senses_data().contest_verbs and lemma not in WINNING:
        return False
    return any(t.lower_ in senses_data().elections for t in verb.subtree) or any(
        t.lemma_.lower() in senses_data().elections for t in verb.sent)


def of_own(verb: Token) -> bool:
    """A verb whose object is the doer's own thing ('take his campaign')."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(own_thing(o) for o in objects)
