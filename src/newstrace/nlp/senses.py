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
from typing import Any, Callable

from .agents import phrase_tokens, sector_of_words

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


@lru_cache(maxsize=1)
def senses() -> Senses:
    text = resources.files("newstrace.data").joinpath("events", "senses.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Senses(frozenset(data["sport"]["words"]), frozenset(data["targets"]["people"]),
                  frozenset(data["targets"]["pronouns"]), frozenset(data["pleas"]["words"]),
                  frozenset(data["denials"]["statements"]), frozenset(data["recognition"]["objects"]),
                  frozenset(data["political"]["objects"]), frozenset(data["acceptance"]["objects"]))


def reports_a_game(sentence: Any) -> bool:
    """A score ("2-0") or two words only sport uses ("league", "striker") in the
    sentence, or a sports article: sport's words all through it."""
    if SCORE.search(sentence.text):
        return True
    words = senses().sport
    if len({t.lower_ for t in sentence if t.lower_ in words}) >= 2:
        return True
    return sports_article(sentence.doc)


# An article this thick with sport's words is a sports article.
SPORT_SHARE = 0.006
SPORT_MINIMUM = 5


def sports_article(doc: Any) -> bool:
    if "sports" not in doc.user_data:
        found = sum(1 for t in doc if t.lower_ in senses().sport)
        doc.user_data["sports"] = found >= SPORT_MINIMUM and found >= SPORT_SHARE * len(doc)
    return doc.user_data["sports"]


# Types whose verbs are read as acts done to someone, and what else they may be done to:
# an attack, an arrest, a threat, a meeting, a release, aid go to someone (or a place, a
# ship, a base); support may also be of a plan or a policy.
DONE_TO_SOMEONE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "CONSULT",
                             "RETREAT", "AID", "SUPPORT"})
# Prepositions that name whom an act is done to when it has no object.
RECIPIENT_PREPS = ("to", "for", "against", "on", "with")


def not_the_act(head: Any, kind: str, source: str, named: Callable[[Any], bool]) -> bool:
    """Whether a trigger's words say it is something else than the act its type names:
    - any act told in a sentence that reports a game ("Wales beat Hungary 2-0");
    - a verb read as the act itself whose participants are no one: "beats the VEGA 20
      graphics", "fight addiction", "fight the charges", "meet this challenge", "release
      a song", "accepted the award", "support versions of Windows" (a light verb's
      object is the act itself, "imposed a curfew", and is not asked);
    - a verb of protest with an object ("rallied support"): mobilising, not protesting."""
    if reports_a_game(head.sent):
        return True
    if head.pos_ != "VERB" or source in ("rule", "pattern") or kind not in DONE_TO_SOMEONE | {"PROTEST"}:
        return False
    objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    objects += [g for o in list(objects) for g in o.conjuncts]
    if kind == "PROTEST":
        # "rallied support", "demonstrated that", "it has been demonstrated": showing and
        # mobilising, not protesting
        return any(c.dep_ in ("dobj", "ccomp", "nsubjpass", "csubjpass", "auxpass") for c in head.children)
    if not objects:
        objects = [g for p in head.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                   for g in p.children if g.dep_ == "pobj"]
    allowed = senses().political if kind == "SUPPORT" else frozenset()
    return bool(objects) and not any(_someone(o, named) or _word_in(o, allowed) for o in objects)


def _word_in(token: Any, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _someone(token: Any, named: Callable[[Any], bool]) -> bool:
    """The object's head or its own modifiers ("Trump's convoy", "the Israeli embassy")
    name someone, or it is a person noun or pronoun, a target of fighting, an agent."""
    if named(token) or any(named(t) for t in token.lefts if t.dep_ in ("compound", "amod")):
        return True
    if token.lower_ in senses().pronouns or token.lemma_.lower() in senses().targets \
            or token.lower_ in senses().targets:
        return True
    return sector_of_words([t.text for t in phrase_tokens(token)]) is not None


def is_plea(head: Any) -> bool:
    """'pleaded not guilty', 'will plead guilty', 'pleads no contest'."""
    return head.lemma_.lower() == "plead" and any(t.lower_ in senses().pleas for t in head.subtree)


# --- verbs with a speech sense beside the act -------------------------------------------------
# "denied that he said it" is a statement (CAMEO 016, which PLOVER drops), "denied the
# request" a rejection; "agreed that the race is open" an opinion, "agreed that their
# countries should cooperate" an agreement; "warned that jobs are at risk" a statement,
# "warned Greece" or "warned it would retaliate" a threat; "recognised the dangerous rise"
# an acknowledgement, "recognised Kosovo" a recognition; "refuses to flinch" no refusal
# of anything, "refused to withdraw" one.

SENSE_CHECKED = frozenset({"deny", "agree", "warn", "recognise", "recognize", "refuse", "accept"})
MODALS = frozenset({"should", "will", "would", "must", "shall", "could", "can", "'ll"})


def senses_allow(token: Any, lemma: str, code: Callable[[Any], Any]) -> bool:
    """Whether a verb with a speech sense is used for the act here. `code` codes another
    verb (the trigger reader), to ask whether a complement states an act."""
    children = list(token.children)
    clause = next((c for c in children if c.dep_ == "ccomp"), None)
    objects = [c for c in children if c.dep_ in ("dobj", "dative")]
    if lemma == "deny":
        return clause is None and not any(_word_in(o, senses().statements) for o in objects)
    if lemma == "agree":
        return clause is None or any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS
                                     for c in clause.children)
    if lemma == "warn":
        # "warned Greece", "warned against retaliation", "warned it would retaliate"; not
        # "warned that jobs are at risk", "warned about the crisis"
        if objects or any(c.dep_ == "prep" and c.lower_ == "against" for c in children):
            return True
        stated = code(clause) if clause is not None else None
        return stated is not None and stated.type in WARNED_ACTS
    if lemma == "accept":
        return clause is None and any(_word_in(o, senses().accepted) for o in objects)
    if lemma in ("recognise", "recognize"):
        return any(named_object(o) or _word_in(o, senses().recognised) for o in objects)
    if lemma == "refuse":
        act = next((c for c in children if c.dep_ == "xcomp"), None)
        return act is None or code(act) is not None or any(
            c.dep_ in ("dobj", "dative") for c in act.children)
    return True


# What a warning is a threat of: "warned it would retaliate", "warned of sanctions".
WARNED_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "REJECT", "PROTEST"})


def named_object(token: Any) -> bool:
    return token.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
