"""Agents and actor codes: who an actor is in the terms of event data.

CAMEO and PLOVER code an actor as a country and a sector: "Afghan police" is AFG + COP,
"the interior minister" is GOV, "protesters" OPP. The sectors come from the Phoenix
agents dictionary (data/events/agents.tsv, converted from PETRARCH2 by
scripts/convert_petrarch.py) with our own additions and removals
(data/events/agents_own.tsv); countries from the gazetteer's country names and
demonyms, written as ISO 3166-1 alpha-3 as CAMEO writes them.

The same matching serves parsed phrases ("the Afghan police", "the government of
Iraq") and plain strings (an entity's name or descriptors: "U.S. Defense Secretary").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Callable, Iterable

import pycountry

from ..dossier import ActorCode, Entity
from ..geo.gazetteer import load_gazetteer
from ..geo.names import country_code

if TYPE_CHECKING:
    from spacy.tokens import Token

# Left modifiers that belong to an agent's phrase ("interior minister", "riot police").
PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "conj", "cc"})
WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
# An organisation's name ending in these says little of what it is ("European
# Community", "Human Rights Watch Group" is HRI by "rights", not "group").
WEAK_ORG_SECTORS = frozenset({"CVL", "PPL"})
# Words for troops that also mean a crowd ("an army of volunteers").
MULTITUDES = frozenset({"army", "legion", "battalion", "brigade", "regiment", "platoon", "squad",
                        "militia", "force", "fleet"})
# What PLOVER calls a government: the sector of a capital or seat that acts.
GOVERNMENT = "GOV"


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Agent phrase (lower case) -> sector; our own file adds rows and, with a sector of
    "-", takes rows away."""
    rows: dict[str, str] = {}
    for name in ("agents.tsv", "agents_own.tsv"):
        text = resources.files("newstrace.data").joinpath("events", name).read_text("utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            phrase, sector = line.split("\t")[:2]
            rows[phrase.strip()] = sector.strip()
    # "*base": no phrase ending in this word is an agent (places and things, not actors)
    heads = {p[1:] for p, sector in rows.items() if p.startswith("*") and sector == "-"}
    return {phrase: sector for phrase, sector in rows.items()
            if sector != "-" and not phrase.startswith("*") and phrase.split()[-1] not in heads}


@lru_cache(maxsize=1)
def longest() -> int:
    return max(len(p.split()) for p in table())


@lru_cache(maxsize=1)
def last_words() -> frozenset[str]:
    return frozenset(p.split()[-1] for p in table())


def agent_word(token: Token) -> bool:
    """Whether a token is a word an agent phrase ends in ("police", "militants"), by its
    form or its lemma."""
    return token.lower_ in last_words() or token.lemma_.lower() in last_words()


def sector_of_words(words: list[str]) -> tuple[int, str] | None:
    """The longest agent phrase ending the words, as (its first word's index, sector)."""
    if not words or words[-1].lower() not in last_words():
        return None
    lowered = [w.lower() for w in words]
    for size in range(min(longest(), len(lowered)), 0, -1):
        found = table().get(" ".join(lowered[-size:]))
        if found:
            return len(lowered) - size, found
    return None


def alpha3(code: str | None) -> str | None:
    """ISO alpha-2 -> alpha-3 ("AF" -> "AFG"; Kosovo's user-assigned XK -> XKX)."""
    if not code:
        return None
    if code == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


@lru_cache(maxsize=65536)   # the same words come back on every page
def country_of_word(word: str) -> str | None:
    """'Afghan', 'U.S.', 'Iraq', 'Britain's' -> alpha-3; None for anything else."""
    word = re.sub(r"['’]s$", "", word.strip(" ,"))
    if not word or not word[0].isupper():
        return None
    return alpha3(load_gazetteer().demonym(word) or country_code(word))


def country_of_words(words: Iterable[str]) -> str | None:
    """The one country that the words name ("U.S. Defense Secretary" -> USA); None when
    they name none or several."""
    found = {c for w in words if (c := country_of_word(w))}
    return found.pop() if len(found) == 1 else None


def code_of_text(text: str) -> ActorCode | None:
    """The actor code a title or an organisation's name gives: 'U.S. Defense Secretary'
    -> USA GOV; 'Libyan National Army' -> LBY MIL; 'Reuters' -> None."""
    words = WORD.findall(text)
    if not words:
        return None
    sector = sector_of_words(words)
    country = country_of_words(words)
    if sector is None and country is None:
        return None
    return ActorCode(country=country, sector=sector[1] if sector else None)


def entity_code(entity: Entity) -> ActorCode | None:
    """A named entity's actor code: a country's own code; a capital or seat acting for
    its government, that country's GOV; a person's from the titles the text gives them;
    an organisation's from its name."""
    if entity.stands_for:
        return ActorCode(country=alpha3(entity.stands_for), sector=GOVERNMENT)
    if entity.type in ("GPE", "LOC") and entity.place is not None:
        country = alpha3(entity.place.country)
        return ActorCode(country=country) if country else None
    if entity.type == "NORP":
        country = country_of_word(entity.name)
        return ActorCode(country=country) if country else named_actor(entity.name)
    if entity.type == "PERSON":
        codes = [c for d in entity.descriptors if (c := code_of_text(d)) is not None]
        return _merge(codes) or named_actor(entity.name)
    if entity.type == "ORG":
        code = named_actor(entity.name) or code_of_text(entity.name) or _institution(entity.name)
        if code is not None and code.sector and code.sector[:3] in WEAK_ORG_SECTORS:
            code = ActorCode(country=code.country) if code.country else None
        return code
    return None


# CAMEO codes of actors that belong to no country: intergovernmental and
# non-governmental organisations, multinational companies, militant groups across borders.
TRANSNATIONAL = ("IGO", "NGO", "IMG", "MNC", "NGM", "UIS")
# A name this short is an acronym that many things share ("EPA", "ETA"): it is taken
# only for the transnational bodies the world knows by it ("UN", "IMF", "MSF").
SHORT_NAME = 3
# CAMEO codes are three-letter parts; four are kept (the store's sector column): a fifth
# part only narrows a religious or regional NGO further ("NGOUSACHRCTHHLH").
LONGEST_CODE = 12


@lru_cache(maxsize=1)
def named_actors() -> dict[str, str]:
    """Name (lower case) -> CAMEO code, from PETRARCH2's Phoenix actor dictionaries."""
    text = resources.files("newstrace.data").joinpath("events", "named_actors.tsv").read_text("utf-8")
    rows = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, code = line.split("\t")[:2]
            rows[name] = code
    return rows


def named_actor(name: str) -> ActorCode | None:
    """The code the dictionaries give a named organisation, group or person: 'NATO' ->
    IGOWSTNAT, 'the Taliban' -> AFG + REB, 'Amnesty International' -> NGOHRIAMN."""
    key = re.sub(r"\s+", " ", name.strip().lower())
    key = re.sub(r"^the ", "", key)
    code = named_actors().get(key) or named_actors().get(f"the {key}")
    if code is None or (len(key.replace(".", "")) <= SHORT_NAME and not code.startswith(TRANSNATIONAL)):
        return None
    return cameo_code(code)


def cameo_code(code: str) -> ActorCode:
    """A CAMEO actor code as country + sector: 'AFGREB' -> AFG, REB; a transnational
    body keeps its whole code as its sector ('IGOUNO'); a region ('WAFREB') gives none."""
    code = code[:LONGEST_CODE]
    head, rest = code[:3], code[3:] or None
    if head in TRANSNATIONAL:
        return ActorCode(country=None, sector=code)
    if pycountry.countries.get(alpha_3=head) is not None or head == "XKX":
        return ActorCode(country=head, sector=rest)
    return ActorCode(country=None, sector=rest)


def _institution(name: str) -> ActorCode | None:
    """'Restaurants Association of Ireland', 'Ministry of Health', 'Supreme Court of X':
    an agent word heading the name before an "of" phrase gives the sector, the "of"
    phrase the country."""
    head, _, rest = name.partition(" of ")
    if not rest:
        return None
    code = code_of_text(head)
    if code is None:
        return None
    return ActorCode(country=code.country or country_of_words(WORD.findall(rest)), sector=code.sector)


def _merge(codes: list[ActorCode]) -> ActorCode | None:
    """Several titles ("U.S. Defense Secretary", "former Army officer"): the first sector
    and the one country they agree on."""
    if not codes:
        return None
    countries = {c.country for c in codes if c.country}
    sector = next((c.sector for c in codes if c.sector), None)
    return ActorCode(country=countries.pop() if len(countries) == 1 else None, sector=sector)


# --- agents in the parse ----------------------------------------------------------------------


EntityAt = Callable[["Token"], "Entity | None"]


def phrase_tokens(head: Token) -> list[Token]:
    """The head noun with the modifiers right before it that may be part of an agent's
    name: "riot police", "human rights group", "interior minister"."""
    start = head.i
    for token in reversed(list(head.lefts)):
        if token.right_edge.i != start - 1 or token.dep_ not in PHRASE_DEPS:
            break
        start = token.left_edge.i   # "human rights group": "human" hangs on "rights"
    return [t for t in head.doc[start:head.i + 1] if t.dep_ not in ("punct", "det", "poss", "case")]


def agent_of(head: Token, entity_at: EntityAt) -> tuple[list[Token], ActorCode] | None:
    """The agent a noun phrase names, as (its name's tokens, its code), or None.

    The name is the agent phrase with the country words before it ("Afghan police");
    the country comes from those words, a possessor ("Austria's interior minister") or
    an "of"/"in" phrase ("the government of Iraq", "police in Kabul")."""
    nominal = head.pos_ in ("NOUN", "PROPN") or (
        head.pos_ == "ADJ" and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))  # "the junta"
    if not nominal or entity_at(head) is not None or _multitude(head) or _idiom(head):
        return None
    tokens = phrase_tokens(head)
    words = [t.text for t in tokens]
    found = sector_of_words([t.lemma_ if t is head and t.tag_ != "NNS" else t.text for t in tokens])
    if found is None:
        found = sector_of_words(words)
    if found is None:
        return None
    start, sector = found
    # The name keeps the names before the agent words ("European Community foreign
    # ministers", "Hungarian and Romanian officials"); the country is theirs when they
    # name one country.
    named = [i for i, t in enumerate(tokens[:start])
             if entity_at(t) is not None or country_of_word(t.text) is not None]
    kept = tokens[named[0]:] if named else tokens[start:]
    countries = {c for t in tokens[:start] if (c := _country_entity(t, entity_at))}
    country = countries.pop() if len(countries) == 1 else None
    if not countries and not named:
        country = _country_around(head, entity_at)
    return kept, ActorCode(country=country, sector=sector)


# Verbs with which a bare agent word makes an idiom, no agent: "joined forces with Bryson
# to sing", "the two firms combined forces".
IDIOMS = {"forces": frozenset({"join", "combine", "pool", "unite", "merge"})}


def _idiom(head: Token) -> bool:
    verbs = IDIOMS.get(head.lower_)
    return verbs is not None and head.dep_ == "dobj" and head.head.lemma_.lower() in verbs and not any(
        c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in head.children)


def _multitude(head: Token) -> bool:
    """'An army of Sanders supporters', 'a legion of fans', 'a battalion of lawyers': a
    word for a crowd before an "of" phrase of people who are not troops (its own
    country, "the army of Mali", keeps the army)."""
    if head.lemma_.lower() not in MULTITUDES or head.tag_ != "NN":
        return False
    members = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj"]
    return any(o.tag_ == "NNS" for o in members)


def _country_entity(token: Token, entity_at: EntityAt) -> str | None:
    entity = entity_at(token)
    if entity is not None:
        code = entity_code(entity)
        return code.country if code else None
    return country_of_word(token.text)


def _country_around(head: Token, entity_at: EntityAt) -> str | None:
    for child in head.children:
        if child.dep_ == "poss":
            found = _country_entity(child, entity_at)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = _country_entity(obj, entity_at)
                    if found:
                        return found
    return None
