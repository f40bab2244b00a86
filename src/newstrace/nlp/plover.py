"""The PLOVER event lexicon (data/plover.toml) and reading triggers off the parse."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
# Who strikes when a strike is a protest, not an attack.
LABOUR = frozenset("""worker workers employee employees union unions staff teacher teachers
nurse nurses doctor doctors driver drivers miner miners pilot pilots student students""".split())


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str | None
    head: Any                  # the predicate token (verb or event noun)
    consumed: tuple[int, ...] = ()   # tokens used up (the object of a light verb)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[str, str]]
    nouns: dict[str, tuple[str, str]]
    light: dict[str, list[tuple[frozenset[str], str]]]   # light verb -> [(objects, type)]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files("newstrace.data").joinpath("plover.toml").read_text("utf-8"))
    verbs: dict[str, tuple[str, str]] = {}
    nouns: dict[str, tuple[str, str]] = {}
    light: dict[str, list[tuple[frozenset[str], str]]] = {}
    for kind in TYPES:
        table = data.get(kind, {})
        for lemma, mode in table.get("verbs", {}).items():
            verbs[lemma] = (kind, mode)
        for lemma, mode in table.get("nouns", {}).items():
            nouns[lemma] = (kind, mode)
        for rule in table.get("objects", []):
            for verb in rule["verbs"]:
                light.setdefault(verb, []).append((frozenset(rule["objects"]), kind))
    return Lexicon(verbs, nouns, light)


def _mode(kind: str, lemma: str, table: dict[str, tuple[str, str]]) -> str | None:
    found = table.get(lemma)
    return (found[1] or None) if found and found[0] == kind else None


def verb_forms(token: Any) -> list[str]:
    """The lemma, and guesses from the word itself where the lemmatiser slips
    ("staged" -> "stag")."""
    word = token.lower_
    forms = [token.lemma_.lower(), word]
    for suffix, replacement in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"),
                                ("ing", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + replacement)
    return list(dict.fromkeys(forms))


def light_verb_trigger(token: Any) -> Trigger | None:
    """'impose sanctions', 'sign an agreement', 'seek air defense systems'."""
    rules = next((lexicon().light[f] for f in verb_forms(token) if f in lexicon().light), None)
    if not rules:
        return None
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "out", "on")
                for g in c.children if g.dep_ == "pobj"]
    objects += [c for c in token.children if c.dep_ == "prt"]   # "pull out", "open fire"
    for obj in objects:
        lemma = obj.lemma_.lower()
        for allowed, kind in rules:
            if lemma in allowed or obj.lower_ in allowed:
                mode = _mode(kind, lemma, lexicon().nouns)
                return Trigger(kind, mode, token, (obj.i,))
    return None


def verb_trigger(token: Any) -> Trigger | None:
    if token.pos_ != "VERB":
        return None
    found = light_verb_trigger(token)
    if found is not None:
        return found
    lemma = next((f for f in verb_forms(token) if f in lexicon().verbs), None)
    if lemma is None:
        return asking(token)
    kind, mode = lexicon().verbs[lemma]
    if token.lemma_.lower() == "decline" and any(
            c.dep_ == "xcomp" and c.lemma_ in ("comment", "say", "elaborate") for c in token.children):
        return None   # "declined to comment" rejects nothing
    if token.lemma_.lower() == "strike" and _labour_subject(token):
        return Trigger("PROTEST", "boycott", token)
    return Trigger(kind, mode or None, token)


PRESSING = frozenset({"ask", "push", "press", "pressure", "pressurize", "pressurise", "lobby"})


def asking(token: Any) -> Trigger | None:
    """'asked Germany for tanks', 'pressured workers to cancel': a request; 'asked
    whether': no."""
    if not set(verb_forms(token)) & PRESSING:
        return None
    has = {c.dep_ for c in token.children}
    if "xcomp" in has or any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
        return Trigger("REQUEST", None, token)
    return None


def noun_trigger(token: Any) -> Trigger | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    entry = lexicon().nouns.get(token.lemma_.lower()) or lexicon().nouns.get(token.lower_)
    if entry is None:
        return None
    if token.dep_ == "compound":
        return None   # "talks" in "peace talks" is the head; "strike" in "strike force" no event
    kind, mode = entry
    if token.lower_ in ("strike", "strikes"):
        return _strike(token)
    return Trigger(kind, mode or None, token)


MILITARY = frozenset("""air missile drone military rocket precision retaliatory nuclear pre-emptive
preemptive artillery naval surgical""".split())


def _strike(token: Any) -> Trigger:
    """A strike is an attack when it comes from the air or lands on somewhere; otherwise
    people stopping work ("a general strike", "their hunger strike")."""
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if "hunger" in modifiers:
        return Trigger("PROTEST", "hunger", token)
    lands = any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in token.children)
    if modifiers & MILITARY or (lands and not _labour_subject(token)):
        return Trigger("ASSAULT", None, token)
    return Trigger("PROTEST", "boycott", token)


def _labour_subject(token: Any) -> bool:
    nearby = list(token.children) + [token.head] + list(token.head.children)
    return any(t.lemma_.lower() in LABOUR for t in nearby)
