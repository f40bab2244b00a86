"""Sense checks: when a verb of conflict is not about conflict between actors.

"Wales beat Hungary 2-0" reports a game; "beats the VEGA 20 graphics" a product test;
"fight addiction" medicine; "fight the charges" a trial. The checks read the sentence
(a score, the words of sport) and the verb's object: an attack, an arrest, a threat is
done to someone (an entity, an agent, a person noun or pronoun) or to a place or thing
that fighting is about (a town, a base, a convoy, a ship). Word lists:
data/events/senses.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Callable, cast

from .agents import agent_word, phrase_tokens, sector_of_words
from .model import word_positions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .plover import Trigger

SCORE = re.compile(r"(?<![\d/.:-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\d/.:-])")
OBJECT_DEPS = ("dobj", "nsubjpass")


@dataclass(frozen=True, slots=True)
class Senses:
    sport: frozenset[str]
    targets: frozenset[str]
    pronouns: frozenset[str]
    pleas: frozenset[str]
    statements: frozenset[str]
    recognised: frozenset[str]
    political: frozenset[str]
    accepted: frozenset[str]
    disasters: frozenset[str]
    no_comment: frozenset[str]
    custody: frozenset[str]
    contest_verbs: frozenset[str]
    elections: frozenset[str]
    verbal_attack_verbs: frozenset[str]
    violence: frozenset[str]
    polls: frozenset[str]
    reproached: frozenset[str]
    disputed: frozenset[str]
    figurative: frozenset[str]
    campaigns: frozenset[str]
    billed: frozenset[str]
    yielding: frozenset[str]
    no_backing: frozenset[str]
    runs: frozenset[str]
    electoral: frozenset[str]
    vowed_harms: frozenset[str]
    unmet: frozenset[str]
    kin: frozenset[str]
    contests_met: frozenset[str]
    documents: frozenset[str]
    seats: frozenset[str]
    offices: frozenset[str]
    rules: frozenset[str]
    worries: frozenset[str]
    explosive: frozenset[str]
    accidents: frozenset[str]
    anyone: frozenset[str]
    voters: frozenset[str]
    measures: frozenset[str]
    vote_verbs: frozenset[str]
    warnings: frozenset[str]
    arms: frozenset[str]


# Where each word list of `Senses` is in data/events/senses.toml: (table, key).
SOURCES = {
    "sport": ("sport", "words"), "targets": ("targets", "people"),
    "pronouns": ("targets", "pronouns"), "pleas": ("pleas", "words"),
    "statements": ("denials", "statements"), "recognised": ("recognition", "objects"),
    "political": ("political", "objects"), "accepted": ("acceptance", "objects"),
    "disasters": ("disasters", "words"), "no_comment": ("no_comment", "verbs"),
    "custody": ("custody", "words"), "contest_verbs": ("contests", "verbs"),
    "elections": ("contests", "elections"), "verbal_attack_verbs": ("verbal_attacks", "verbs"),
    "violence": ("verbal_attacks", "violence"), "polls": ("polls", "words"),
    "reproached": ("reproach", "objects"), "disputed": ("disputes", "objects"),
    "figurative": ("figurative_attacks", "modifiers"), "campaigns": ("figurative_attacks", "campaigns"),
    "billed": ("billing", "objects"), "yielding": ("yielding", "back"), "no_backing": ("yielding", "none"),
    "runs": ("candidacy", "nouns"), "electoral": ("candidacy", "modifiers"), "seats": ("candidacy", "seats"),
    "vowed_harms": ("vowed_harms", "verbs"), "unmet": ("meetings", "unmet"), "kin": ("meetings", "kin"),
    "contests_met": ("meetings", "contests"), "documents": ("releases", "documents"),
    "offices": ("held_things", "offices"), "rules": ("held_things", "rules"),
    "worries": ("worries", "nouns"), "explosive": ("explosions", "things"),
    "accidents": ("accidents", "words"), "anyone": ("accidents", "anyone"),
    "voters": ("measures", "voters"), "measures": ("measures", "measures"),
    "vote_verbs": ("measures", "verbs"), "warnings": ("warnings", "words"),
    "arms": ("surrendered", "arms"),
}


@lru_cache(maxsize=1)
def senses() -> Senses:
    text = resources.files("newstrace.data").joinpath("events", "senses.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Senses(**{name: frozenset(data[section][key]) for name, (section, key) in SOURCES.items()})


def sentence_words(sentence: Span) -> frozenset[str]:
    """A sentence's lower-cased words, computed once per sentence of a parse."""
    cache = sentence.doc.user_data.setdefault("sentence_words", {})
    found = cache.get(sentence.start)
    if found is None:
        found = cache[sentence.start] = frozenset(t.lower_ for t in sentence)
    return cast(frozenset[str], found)


def has_score(sentence: Span) -> bool:
    cache = sentence.doc.user_data.setdefault("sentence_scores", {})
    found = cache.get(sentence.start)
    if found is None:
        found = cache[sentence.start] = any(t.like_num for t in sentence) and \
            bool(SCORE.search(sentence.text))
    return cast(bool, found)


def reports_a_game(sentence: Span) -> bool:
    """A score ("2-0") or two words only sport uses ("league", "striker") in the
    sentence, or a sports article: sport's words all through it."""
    if len(sentence_words(sentence) & senses().sport) >= 2 or sports_article(sentence.doc):
        return True
    return has_score(sentence)


# An article this thick with sport's words is a sports article.
SPORT_SHARE = 0.006
SPORT_MINIMUM = 5


def sports_article(doc: Doc) -> bool:
    if "sports" not in doc.user_data:
        # counted off the tokens' lower-case hashes at once, not token by token
        found = int(word_positions(doc, "LOWER", senses().sport).sum())
        doc.user_data["sports"] = found >= SPORT_MINIMUM and found >= SPORT_SHARE * len(doc)
    return cast(bool, doc.user_data["sports"])


# Types whose verbs are read as acts done to someone, and what else they may be done to:
# an attack, an arrest, a threat, a meeting, a release, aid go to someone (or a place, a
# ship, a base); support may also be of a plan or a policy.
DONE_TO_SOMEONE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "CONSULT",
                             "RETREAT", "AID", "SUPPORT"})
# Prepositions that name whom an act is done to when it has no object.
RECIPIENT_PREPS = ("to", "for", "against", "on", "with")


def contest(head: Token) -> bool:
    """'Clinton beat Sanders in Nevada', 'whether Kasich will beat him', 'the Lakers
    crushed Boston': a verb of winning in a sentence about a vote or a game."""
    if head.lemma_.lower() not in senses().contest_verbs:
        return False
    words = senses().sport | senses().elections
    return bool(sentence_words(head.sent) & words) or has_score(head.sent)


def verbal_attack(head: Token, named: Callable[[Token], str]) -> bool:
    """'Trump relentlessly attacks us', 'she slammed the senator': a person or a body
    attacking with words, in a sentence with no weapon, wound or fighting in it."""
    if head.lemma_.lower() not in senses().verbal_attack_verbs:
        return False
    others = {t.lower_ for t in head.sent if t.i != head.i}   # the attack's own word aside
    if others & senses().violence:
        return False
    # "the senator attacked", or the noun: "the Romney attack hit Trump", "Clinton's attack"
    doers = ("compound", "poss") if head.pos_ == "NOUN" else ("nsubj",)
    subjects = [c for c in head.children if c.dep_ in doers]
    return any(named(s) in ("PERSON", "ORG", "AGENT") for s in subjects)


def opinion_poll(head: Token) -> bool:
    """'backed by a majority of women', '52 percent of voters support him': what a poll
    finds, not what anyone did."""
    return bool(sentence_words(head.sent) & senses().polls) or "%" in sentence_words(head.sent)


def not_the_act(head: Token, kind: str, source: str, named: Callable[[Token], str]) -> bool:
    sentence = head.sent
    return _not_the_act(head, sentence, kind, source, named)


def _not_the_act(head: Token, sentence: Span, kind: str, source: str, named: Callable[[Token], str]) -> bool:
    """Whether a trigger's words say it is something else than the act its type names:
    - any act told in a sentence that reports a game ("Wales beat Hungary 2-0");
    - a verb read as the act itself whose participants are no one: "beats the VEGA 20
      graphics", "fight addiction", "fight the charges", "meet this challenge", "release
      a song", "accepted the award", "support versions of Windows" (a light verb's
      object is the act itself, "imposed a curfew", and is not asked);
    - a verb of protest with an object ("rallied support"): mobilising, not protesting."""
    if reports_a_game(head.sent) or contest(head):
        return True
    if kind in TAKING_PART and head.pos_ == "VERB" and (_election_only(head) or _festive_only(head)):
        return True
    if kind in ("SUPPORT", "REJECT", "AGREE") and opinion_poll(head):
        return True
    if kind in BALLOT_KINDS and ballot(head):
        return True
    if personnel(head, named):
        return True
    if kind == "PROTEST" and _festive_or_for_someone(head, named):
        return True
    if (_emergency(head) and sentence_words(head.sent) & senses().disasters) or health_emergency(head):
        # a state of emergency or a curfew over a fire, a flood, a storm: the manual
        # codes no repression there
        return True
    if kind == "RETREAT" and head.pos_ == "VERB" and head.lemma_.lower() in GIVING_UP and \
            _gives_up_a_thing(head, named):
        return True   # "turned the case over to", "surrender his passport": no retreat
    if head.pos_ != "VERB" or source in ("rule", "pattern") or kind not in DONE_TO_SOMEONE | {"PROTEST", "ACCUSE"}:
        return False
    objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    objects += [g for o in list(objects) for g in o.conjuncts]
    if kind == "PROTEST":
        # "rallied support", "demonstrated that", "it has been demonstrated", "rallying
        # around Python 3": showing, mobilising and adopting, not protesting
        return any(c.dep_ in ("dobj", "ccomp", "nsubjpass", "csubjpass", "auxpass") or
                   (c.dep_ == "prep" and c.lower_ in ("around", "behind")) for c in head.children)
    if kind == "COERCE" and sentence_words(head.sent) & senses().disasters:
        return True   # "restricted travel after the floods": a measure, no repression
    # "defended and minimized his hiring": the object hangs on the last verb
    shared = objects or [c for v in head.children if v.dep_ == "conj" and v.pos_ == "VERB"
                         for c in v.children if c.dep_ == "dobj"][:1]
    if kind == "SUPPORT" and shared and all(own_thing(o) and not _someone_by_name(o, named) for o in shared):
        return True   # "defended his record", "backed their own plan": no one else supported
    if not objects:
        # "on Monday", "for two hours" say when, not to whom
        objects = [g for p in head.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                   for g in p.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
    if kind == "AID" and not objects and not any(
            c.dep_ in ("dative", "ccomp", "xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS)
            for v in [head, *head.conjuncts] for c in v.children):
        # "Jill Colvin contributed from Albuquerque": nothing given, to no one ("donated
        # and delivered goods to the school" gives what its conjunct gives)
        return True
    allowed = senses().political if kind in ("SUPPORT", "ACCUSE") else frozenset()
    if kind == "ACCUSE":
        # "condemned the attack", "criticised the decision": acts and policies; not
        # "decried systemic racism", "complained about the weather"
        allowed = allowed | senses().reproached
    if kind == "RETREAT":
        # what is released or handed over is people or land, not a product, a report or
        # data ("Python 3.0 was released", "released its outlook"); a release told in the
        # passive with no one releasing is of captives only where the sentence says so
        # ("was released from custody", "on bail")
        if head.lemma_.lower() in ("release", "free") and not any(c.dep_ == "agent" for c in head.children) \
                and any(c.dep_ == "nsubjpass" for c in head.children) \
                and not sentence_words(head.sent) & senses().custody:
            return True
        return bool(objects) and not any(_person_or_land(o, named) or _word_in(o, senses().arms)
                                         for o in objects) \
            and not sentence_words(head.sent) & senses().custody   # "from house arrest"
    return bool(objects) and not any(_someone(o, named) or _word_in(o, allowed) for o in objects)


# What a government declares over a disaster: "a state of emergency", "a curfew".
EMERGENCIES = frozenset({"emergency", "curfew", "lockdown", "disaster", "calamity"})


def _emergency(head: Token) -> bool:
    """'declared a state of emergency', 'imposed a curfew': the act or its object."""
    return head.lemma_.lower() in EMERGENCIES or any(
        t.lower_ in EMERGENCIES for c in head.children if c.dep_ in ("dobj", "nsubjpass")
        for t in c.subtree)


def health_emergency(head: Token) -> bool:
    """'declared a public health emergency': a measure against a disease, no repression."""
    return _emergency(head) and any(t.lower_ == "health" for c in head.children
                                    if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree)


# Acts whose only counterpart is a vote: "taking part in the primaries", "entered the
# race", "withdrew from the race", "joined the contest" are electoral life, not events.
TAKING_PART = frozenset({"AGREE", "COOPERATE", "CONSULT", "MOBILIZE", "RETREAT"})
VOTES = frozenset({"primary", "primaries", "caucus", "caucuses", "election", "elections", "vote",
                   "ballot", "race", "nomination", "runoff", "contest", "candidacy", "referendum",
                   "campaign", "poll", "polls"})
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})


# Words that make a person's rally a protest ("led a rally against the regime").
PROTESTING = frozenset({"against", "protest", "protests", "protesting", "oppose", "opposing",
                        "demanding", "demand", "anti", "boycott", "strike", "opposition"})
# What a march or a parade is when it is no protest.
FESTIVE = frozenset({"parade", "parades", "celebration", "celebrations", "festival", "festivals",
                     "ceremony", "ceremonies", "carnival", "procession", "commemoration", "pride",
                     "anniversary", "memorial", "graduation", "wedding", "funeral"})


def _festive_or_for_someone(head: Token, named: Callable[[Token], str]) -> bool:
    """'a rally for Clinton' (a campaign rally: support, not protest), 'marched in the
    Pride parade', 'a victory parade': no protest."""
    phrases = [g for p in head.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    if any(p.dep_ == "prep" and p.lower_ == "for" and any(named(g) == "PERSON" for g in p.children)
           for p in head.children):
        return True
    verb = head if head.pos_ == "VERB" else head.head
    holders = [c for c in verb.children if c.dep_ == "nsubj"]
    words = {t.lower_ for t in head.sent}
    if holders and all(named(h) == "PERSON" for h in holders) and not words & PROTESTING:
        return True   # "Trump was holding his maiden rally in the state": a campaign rally
    words = {t.lower_ for g in phrases + [head] for t in g.subtree if t.i <= g.i}
    return bool(words & FESTIVE)


def _election_only(head: Token) -> bool:
    return _only_about(head, VOTES, ("in", "into", "from", "of", "to"))


def _only_about(head: Token, words: frozenset[str], preps: tuple[str, ...]) -> bool:
    """Whether all a verb takes part in (its object, or its phrases with these
    prepositions) are of these words ("entered the race", "took part in the procession")."""
    things = [c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() != "part"]
    things += [g for p in head.children if p.dep_ == "prep" and p.lower_ in preps
               for g in p.children if g.dep_ == "pobj"]
    return bool(things) and all(_word_in(t, words) for t in things)


# What a vote on a measure can be coded as when it is none.
BALLOT_KINDS = frozenset({"SUPPORT", "REJECT", "AGREE", "CONCEDE"})


def ballot(head: Token) -> bool:
    """'Texas voters approved an amendment to the state constitution', 'the City Council
    approved a motion to engage a consultant', 'the Senate rejected the bill': a vote on
    a measure, no act toward a party."""
    verb = head if head.pos_ == "VERB" else head.head
    if verb.lemma_.lower() not in senses().vote_verbs:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subjects += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(_word_in(s, senses().voters) for s in subjects) and any(
        _word_in(o, senses().measures) for o in objects)


# Verbs of appointing and removing officials: personnel, no act toward a party.
APPOINTING = frozenset({"appoint", "dismiss", "sack", "fire", "reappoint", "reshuffle"})


def personnel(head: Token, named: Callable[[Token], str]) -> bool:
    """'has been appointed non-cabinet minister', 'Medvedev dismissed four governors', 'the
    president sacked the defence minister': who holds an office (not "fired rockets",
    "dismissed the proposal", "dismissed Walker as an ineffective leader")."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in APPOINTING or any(
            c.dep_ == "prep" and c.lower_ == "as" for c in head.children):
        return False   # "dismissed Walker as an ineffective leader" accuses him
    if head.lemma_.lower() in ("appoint", "reappoint"):
        return True
    people = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(people) and all(named(p) in ("PERSON", "AGENT") or _agent_words(p) for p in people)


def _agent_words(token: Token) -> bool:
    """A group or an office holder named by its words ("four governors", "riot police")."""
    return sector_of_words([t.text for t in phrase_tokens(token)]) is not None


def _people_word(token: Token) -> bool:
    """A pronoun for people, a word for people one acts on ("hostages"), or an agent phrase."""
    return token.lower_ in senses().pronouns or token.lemma_.lower() in senses().targets \
        or token.lower_ in senses().targets or _agent_words(token)


def _festive_only(head: Token) -> bool:
    """'took part in the celebratory procession', 'joined the parade': a festivity."""
    return _only_about(head, FESTIVE, ("in", "into"))


def own_thing(token: Token) -> bool:
    """'his record', 'their own plan': a thing of the doer's."""
    return any((c.dep_ == "poss" and c.lower_ in POSSESSIVES) or (c.dep_ == "amod" and c.lower_ == "own")
               for c in token.children)


def _someone_by_name(token: Token, named: Callable[[Token], str]) -> bool:
    """A person or a party, not a thing of theirs ("his hiring of foreign workers")."""
    return bool(named(token)) or token.lower_ in senses().pronouns or token.lemma_.lower() in senses().targets \
        or sector_of_words([token.text]) is not None


# Verbs of giving up that the dictionaries code as a retreat whatever is given up ("hand
# over" a thing is aid, see stages.events).
GIVING_UP = frozenset({"surrender", "release", "free", "turn", "relinquish", "yield"})
# What a retreat can be declared as: "declared a ceasefire".
CEASEFIRES = frozenset({"ceasefire", "truce", "armistice", "cease-fire"})
# Words for a share of a group: "a third of the guerrillas", "dozens of prisoners".
SHARES = frozenset({"third", "half", "quarter", "dozen", "dozens", "hundred", "hundreds",
                    "thousand", "thousands", "group", "number", "some", "many", "most", "all",
                    "rest", "majority", "members", "part", "several", "few", "score", "scores"})


def _gives_up_a_thing(head: Token, named: Callable[[Token], str]) -> bool:
    """A retreat whose object is neither people, land nor arms ("turned the case over to
    an investigator", "must surrender his passport", "released an evo-fit of a man")."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objects) and not any(
        _person_or_land(o, named) or _word_in(o, senses().arms | CEASEFIRES) for o in objects) \
        and not sentence_words(head.sent) & senses().custody


def _person_or_land(token: Token, named: Callable[[Token], str]) -> bool:
    """What is released or handed over is people or land by its head: "released 20
    Palestinian prisoners", "handed over Crimea"; "released its U.S. Winter Outlook" is
    a publication whatever names modify it."""
    if token.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT") or named(token) == "ORG":
        return False
    if named(token) or any(named(t) == "PERSON" for t in token.lefts if t.dep_ == "compound"):
        return True   # a name the recogniser cut short ("Aung" of "Aung San Suu Kyi")
    if (token.like_num or token.lemma_.lower() in SHARES) and any(
            named(g) in OWNERS for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj"):
        return True   # "one third of ethnic Albanian guerrillas", "dozens of prisoners"
    return _people_word(token)


def _word_in(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


# Whose a thing is, in an "of" phrase, that makes an act on it an act on them: people,
# groups and nations ("the welfare of Libyans"), not a company's product ("the graphics
# of Nvidia's card").
OWNERS = frozenset({"PERSON", "NORP", "GPE", "AGENT"})


def _someone(token: Token, named: Callable[[Token], str]) -> bool:
    """The object's head or its own modifiers ("Trump's convoy", "the Israeli embassy")
    name someone, or it is a person noun or pronoun, a target of fighting, an agent."""
    if named(token) or any(named(t) for t in token.lefts if t.dep_ in ("compound", "amod")):
        return True
    if any(named(g) in OWNERS for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
           for g in p.children if g.dep_ == "pobj"):
        return True   # "investigated the welfare of 2,000 Libyans": the act concerns them
    return _people_word(token)


def no_comment(head: Token) -> bool:
    """'declined to comment', 'refused to be interviewed', 'declined to give details':
    no answer to the press, not a rejection of anyone's demand."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in senses().no_comment for c in head.children)


def is_plea(head: Token) -> bool:
    """'pleaded not guilty', 'will plead guilty', 'pleads no contest'."""
    return head.lemma_.lower() == "plead" and any(t.lower_ in senses().pleas for t in head.subtree)


# --- verbs with a speech sense beside the act -------------------------------------------------
# "denied that he said it" is a statement (CAMEO 016, which PLOVER drops), "denied the
# request" a rejection; "agreed that the race is open" an opinion, "agreed that their
# countries should cooperate" an agreement; "warned that jobs are at risk" a statement,
# "warned Greece" or "warned it would retaliate" a threat; "recognised the dangerous rise"
# an acknowledgement, "recognised Kosovo" a recognition; "refuses to flinch" no refusal
# of anything, "refused to withdraw" one; "conceded that he lost" an admission, "conceded
# the point" a concession; "talked down the economy" disparagement, "talked with" talks.

SENSE_CHECKED = frozenset({"deny", "agree", "warn", "recognise", "recognize", "refuse", "accept",
                           "complain", "concede", "talk", "reject", "meet"})
MODALS = frozenset({"should", "will", "would", "must", "shall", "could", "can", "'ll"})


def senses_allow(token: Token, lemma: str, code: Callable[[Token], Trigger | None]) -> bool:
    """Whether a verb with a speech sense is used for the act here. `code` codes another
    verb (the trigger reader), to ask whether a complement states an act."""
    children = list(token.children)
    clause = next((c for c in children if c.dep_ == "ccomp"), None)
    objects = [c for c in children if c.dep_ in ("dobj", "dative")]
    if lemma == "reject":
        # "rejected the notion that", "rejected Clinton's claim": a dispute, a statement
        return not (objects and all(_word_in(o, senses().disputed) for o in objects))
    if lemma == "concede":
        # "conceded the situation is regrettable", "conceded that he lost": an admission
        # stated; "conceded the point", "conceded defeat", "conceded to their demands"
        # yield something
        return clause is None
    if lemma == "talk":
        # "talk down Britain", "talked up his chances": disparaging and boasting, no talks
        if any(c.dep_ == "prt" and c.lower_ in ("down", "up", "back") for c in children):
            return False
        # "has not talked about Zika": a topic, nobody talked with
        preps = {c.lower_ for c in children if c.dep_ == "prep"}
        return not (preps & {"about", "of"} and not preps & {"with", "to"}
                    and not any(c.dep_ in ("dobj", "dative") for c in children))
    if lemma == "deny":
        return clause is None and not any(_word_in(o, senses().statements) for o in objects)
    if lemma == "agree":
        preps = {c.lower_ for c in children if c.dep_ == "prep"}
        if "with" in preps and not preps & {"on", "to", "upon"} and not objects and not any(
                c.dep_ == "xcomp" for c in children):
            # "agreed with Ivana Trump that there was no reason", "largely agreed with
            # McLenny": sharing a view; "agreed with Iran on a deal" is an agreement
            return False
        return clause is None or any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS
                                     for c in clause.children)
    if lemma == "meet":
        # "did not meet the 15 percent threshold", "met his wife in college", "will meet
        # in the first debate": no talks
        if any(_word_in(o, senses().unmet) or o.lower_ in senses().kin for o in objects):
            return False
        return not any(c.dep_ == "prep" and c.lower_ == "in" and any(
            _word_in(g, senses().contests_met) for g in c.children if g.dep_ == "pobj") for c in children)
    if lemma == "warn":
        # "warned Greece", "warned against retaliation", "warned it would retaliate"; not
        # "warned that jobs are at risk", "warned about the crisis"
        if objects or any(c.dep_ == "prep" and c.lower_ == "against" for c in children):
            return True
        if clause is not None and not_tolerated(clause):
            return True   # "warned that police will no longer tolerate rallies": a threat
        stated = code(clause) if clause is not None else None
        return stated is not None and stated.type in WARNED_ACTS
    if lemma == "complain":
        # "complained that Russia broke the truce", "complained to the council about X";
        # not "complaining about the smoke", nor "complained that he paid taxes at a
        # lower rate than his secretary" (a state of affairs, no one accused)
        if clause is not None:
            return any(c.dep_ in ("nsubj", "nsubjpass") and (named_object(c) or agent_word(c))
                       for c in clause.children)
        return any(
            c.dep_ == "prep" and c.lower_ in ("to", "against", "about", "of") and
            any(named_object(g) for g in c.children if g.dep_ == "pobj") for c in children)
    if lemma == "accept":
        return clause is None and any(_word_in(o, senses().accepted) for o in objects)
    if lemma in ("recognise", "recognize"):
        return any(named_object(o) or _word_in(o, senses().recognised) for o in objects)
    if lemma == "refuse":
        act = next((c for c in children if c.dep_ == "xcomp"), None)
        return act is None or code(act) is not None or any(
            c.dep_ in ("dobj", "dative") for c in act.children)
    return True


# Verbs whose denial in a warning is a threat: "will not tolerate", "won't allow".
TOLERATING = frozenset({"tolerate", "allow", "accept", "permit", "countenance", "stand"})


def not_tolerated(clause: Token) -> bool:
    """'will not tolerate', 'will no longer allow'."""
    return clause.lemma_.lower() in TOLERATING and any(
        c.dep_ == "neg" or (c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children))
        for c in clause.children)


# What a warning is a threat of: "warned it would retaliate", "warned of sanctions".
WARNED_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "REJECT", "PROTEST"})


def named_object(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")


# Nouns of fighting a light verb ("launched a war") takes, that a modifier can make no
# fighting ("a trade war"); a campaign is politics unless a modifier says it is fighting.
FIGHTS = frozenset({"war", "wars", "offensive", "attack", "attacks", "assault", "campaign",
                    "campaigns", "blitz", "battle", "fight"})


def figurative_attack(obj: Token) -> bool:
    """'launched a trade war', 'a charm offensive', 'a petition campaign', 'a war of words',
    a run for office: the object of a light verb of attack that names no fighting."""
    if candidacy(obj):
        return True
    if obj.lower_ not in FIGHTS and obj.lemma_.lower() not in FIGHTS:
        return False
    modifiers = _modifiers(obj)
    if modifiers & senses().figurative:
        return True
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ == "words" for g in c.children)
           for c in obj.children):
        return True   # "a war of words"
    return obj.lemma_.lower() == "campaign" and not modifiers & senses().campaigns


def candidacy(obj: Token) -> bool:
    """'his presidential campaign', 'Cruz's re-election bid', 'her campaign': a run for
    office."""
    if obj.lower_ not in senses().runs:
        return False
    owner = any(c.dep_ == "poss" and (c.pos_ == "PRON" or c.ent_type_ == "PERSON") for c in obj.children)
    sought = {t.lower_ for c in obj.children if c.dep_ == "prep" and c.lower_ == "for" for t in c.subtree}
    return bool(_modifiers(obj) & senses().electoral) or bool(sought & senses().seats) or (
        owner and obj.lemma_.lower() == "campaign")


def _modifiers(noun: Token) -> set[str]:
    """The words before a noun that say what kind it is ("trade war", "U.S. Senate campaign")."""
    found = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    return found | {g.lower_ for c in noun.children if c.dep_ in ("compound", "amod")
                    for g in c.children if g.dep_ in ("compound", "amod")}


def billing(verb: Token) -> bool:
    """'charged the campaign $3 million', 'charges passengers a $50 fee': a price asked."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return False   # "charged him with fraud"
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "npadvmod", "attr")]
    return any(o.ent_type_ == "MONEY" or o.lemma_.lower() in senses().billed or
               any(t.ent_type_ == "MONEY" for t in o.subtree) for o in objects)


def released_papers(noun: Token) -> bool:
    """'the release of records', 'the release of his tax returns', 'Docker Engine releases
    of a year-month branch': papers or products, not captives. A release frees someone
    only where its "of" phrase or its possessor is a person or a group ("the release of
    the hostages", "his release"), or the sentence speaks of custody ("from prison")."""
    if noun.lemma_.lower() != "release":
        return False
    released = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    if any(_word_in(g, senses().documents) for g in released):
        return True
    if sentence_words(noun.sent) & senses().custody:
        return False
    owners = [c for c in noun.children if c.dep_ == "poss"]
    return not any(o.lower_ in senses().pronouns or o.ent_type_ in ("PERSON", "NORP", "GPE")
                   or _word_in(o, senses().targets) for o in released + owners)


def struggle(verb: Token) -> bool:
    """'fighting to protect their business', 'fought to push through policy', 'fought for
    equal pay': striving, not fighting anyone."""
    return verb.lemma_.lower() in STRIVING and not any(c.dep_ in ("dobj", "dative") for c in verb.children) and any(
        c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
        or (c.dep_ == "prep" and c.lower_ == "for") for c in verb.children)


# Verbs of fighting that also mean striving.
STRIVING = frozenset({"fight", "battle", "struggle", "war"})


def electoral_control(obj: Token) -> bool:
    """'take control of the House', 'won control of the Senate': an election result."""
    return obj.lemma_.lower() in ("control", "majority") and any(
        g.lower_ in LEGISLATURES for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.subtree)


LEGISLATURES = frozenset({"house", "senate", "congress", "chamber", "chambers", "legislature",
                          "parliament", "assembly", "council", "statehouse", "legislatures"})


def not_seized(verb: Token) -> bool:
    """'seized upon a New York Times report' (used it in an argument), 'occupies one of the
    key positions of power' (holds an office): no seizure."""
    lemma = verb.lemma_.lower()
    if lemma == "seize" and any(c.dep_ in ("prep", "prt") and c.lower_ in ("upon", "on") for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    held = [g for o in objects for g in [o, *(p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                                              for p in c.children if p.dep_ == "pobj")]]
    return lemma in ("occupy", "hold", "seize", "take") and bool(objects) and any(
        _word_in(o, senses().offices) for o in held)


def broken_rule(verb: Token) -> bool:
    """'violated professional conduct standards', 'violated campaign finance laws': a rule
    broken rejects no party ("violated the ceasefire" does)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return verb.lemma_.lower() in ("violate", "breach", "flout", "break", "defy") and bool(objects) and \
        all(_word_in(o, senses().rules) for o in objects)


def grew(verb: Token) -> bool:
    """'the prison population has since exploded to hold 2.3 million inmates': growth; a
    bomb, a car or a device explodes in an attack."""
    if verb.lemma_.lower() not in ("explode", "blow", "detonate"):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and not any(_word_in(s, senses().explosive) or s.ent_type_ for s in subjects)


def worry_of_no_one(noun: Token) -> bool:
    """'expressed deep concern about the policy', 'expressed concern that changing the
    policy could lead to fraud': a worry naming no party that did anything."""
    if noun.lemma_.lower() not in senses().worries and noun.lower_ not in senses().worries:
        return False
    parts = [t for t in noun.subtree if t.i != noun.i]
    parts += [t for c in noun.head.children if c.dep_ == "ccomp" for t in c.subtree]
    return not any(named_object(t) for t in parts)
