"""Stage `places`: every place in the dossier on the map, with its country and kind.

1. Recognition beyond the NER model: proper nouns the model missed that the gazetteer
   knows well ("the Syrian Tartus") become place entities; names inside organisations
   and people ("University of Texas", "Paris Hilton") never do, and a common word at a
   sentence's start is no place unless it is a country or a state.
2. Demonyms are linked to their country ("Syrian", "Turkish").
3. Each place is resolved among its candidates with the article's focus (geo/resolve.py)
   and given `place` (lat, lon, country, feature, geonames_id).
4. Metonymy: a capital or seat of government that acts ("Moscow said", "the Kremlin's
   offer") is marked `stands_for` its country, for the event stage's actors.
5. The dateline's place (`metadata.dateline_place`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..dossier import Entity, Place, Span, next_entity_id
from ..geo.gazetteer import Entry, Gazetteer, key, load_gazetteer, not_place_names, people_names
from ..geo.names import placed
from ..geo.resolve import (
    CAPITAL_OVER_NAMESAKE,
    Candidate,
    Focus,
    best,
    final_focus,
    mark_overshadowed,
    resolve_all,
)
from ..nlp.names import LICENCE, fold
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_TYPES = ("GPE", "LOC", "FAC")
# A name the model missed is taken when the gazetteer knows it this well.
STRONG_CITY = 200_000
STRONG_FEATURE_WEIGHT = 6
MAX_NAME_TOKENS = 4
# A group named like a town ("Oxford" labelled NORP) is that town if it is this big.
NORP_TOWN = 10_000
# Words the model sometimes labels as places that name no one place.
GENERIC_WORDS = frozenset("""
north south east west northeast northwest southeast southwest gulf city park valley river
lake bay island coast mountain mountains county state states downtown midtown uptown region
area district province capital border borders harbor harbour port square center centre
hills heights beach village town""".split())
# A name that acts ("Washington warned") is its capital, where it has one.
ACTING_CAPITAL_BONUS = 6.0
# What a government does: a capital that is the subject of these ("Moscow warned",
# "Washington imposed") or owns these ("Moscow's offer") stands for its government.
STATE_VERBS = frozenset("""
accuse demand reject agree sign threaten decide order impose sanction send supply recognise
recognize condemn protest urge offer propose approve veto retaliate deploy expel summon recall
respond react pledge vow seek want refuse back support oppose block ban warn announce deny
insist claim call ask tell say state accept welcome criticise criticize insist negotiate
mediate broker push press lobby cut halt suspend resume extend allow invite host""".split())
STATE_NOUNS = frozenset("""
decision offer position policy response move plan proposal demand stance support strategy
ambition ambitions influence interest interests envoy delegation troops forces army military
government officials diplomats ministry warning statement invasion war attack sanctions
backing role presence""".split())
DEMONYM_DEPS = ("amod", "compound", "nmod", "nsubj", "pobj", "dobj", "poss", "conj", "appos", "ROOT")


@stage("places", reads=("doc", "entities", "metadata.dateline"),
       adds=("entities", "entities.place", "metadata.dateline_place"))
def places(work: Work) -> None:
    doc = work.doc
    if doc is None:
        return
    gazetteer = load_gazetteer()
    dossier = work.dossier
    recognise_missed(doc, dossier, gazetteer)
    candidates = {e.id: candidates_for(e, gazetteer, dossier.text) for e in dossier.entities}
    containers = comma_containers(dossier.entities, dossier.text)
    for entity in dossier.entities:
        if not_a_place_here(entity, dossier.text, entity.id in containers):
            candidates[entity.id] = []
    restrict_to_containers(candidates, containers, {e.id: e.name for e in dossier.entities})
    for entity in dossier.entities:
        found = candidates[entity.id]
        if found and acts_anywhere(entity, doc) and not any(c.entry.feature == "country" for c in found):
            for candidate in found:
                if candidate.entry.kind in ("capital", "seat"):
                    candidate.bonus += ACTING_CAPITAL_BONUS
    weights = {e.id: (0.5 if e.type == "NORP" else 1.0) * min(3, len(e.mentions))
               for e in dossier.entities}
    dateline = [(e, 2.0) for e in dateline_entries(dossier.metadata.dateline, gazetteer)[:1]]
    chosen = resolve_all(candidates, weights, dateline, gazetteer)
    chosen = drop_strays(chosen, weights, dateline, gazetteer, containers)
    chosen = place_counties(chosen)
    by_id = {e.id: e for e in dossier.entities}
    for entity_id, entry in chosen.items():
        entity = by_id[entity_id]
        entity.place = to_place(entry)
        rename_country(entity, entry)
        mark_metonymy(entity, entry, doc)
    focus = final_focus(chosen, weights, [], gazetteer)
    dossier.metadata.dateline_place = dateline_place(dossier.metadata.dateline, gazetteer, focus)


def candidates_for(entity: Entity, gazetteer: Gazetteer, text: str = "") -> list[Candidate]:
    if entity.type == "NORP":
        country = gazetteer.country(gazetteer.demonym(entity.name))
        if country is not None:
            return [Candidate(country)]
    elif entity.type not in PLACE_TYPES + ("ORG",):
        return []
    if fold(entity.name) in GENERIC_WORDS:
        return []
    found: dict[int, Candidate] = {}
    for name in [entity.name, *entity.aliases, *abbreviations(entity, text)]:
        for number in gazetteer.ids(name):
            entry = gazetteer.entries[number]
            alternate = entry.feature == "city" and key(entry.name) != key(name)
            known = found.get(number)
            if known is None or (known.alternate and not alternate):
                found[number] = Candidate(entry, alternate)
    candidates = list(found.values())
    if entity.type == "ORG":
        return [c for c in candidates if c.entry.kind == "seat"]
    if entity.type == "NORP":   # a group named like a place and no demonym: "Oxford"
        if fold(entity.name) in people_names() and not any(placed(text, m.start, m.end) for m in entity.mentions):
            return []   # a people named like a town ("a Choctaw mother", "the Pueblo of Isleta")
        return [c for c in candidates if c.entry.feature in ("city", "admin", "country")
                and not c.alternate and c.entry.population >= NORP_TOWN]
    capital_over_namesake(candidates)
    mark_overshadowed(candidates)
    return candidates


# -- what the words around a name say -----------------------------------------------------

# A court's district ("the Southern District of New York", "U.S. District Court") is no
# place, though Israel has a Southern District.
LEGAL_DISTRICT = re.compile(r"^(?:northern|southern|eastern|western|central|middle) district$")
LEGAL_AFTER = re.compile(r"^\s+(?:of\s|court\b)", re.I)
# Quotation marks around a title of a work ("the song “China Grove”").
TITLE_OPEN = "“\"‘'"
TITLE_CLOSE = "”\"’'"
MAX_TITLE_WORDS = 8


def comma_containers(entities: list[Entity], text: str) -> dict[str, set[str]]:
    """'Aberdeenshire, Scotland', 'Paris, Texas': the place named after a comma right after
    another contains it. Entity id -> the ids of the places that contain it."""
    mentions = {m.start: (e.id, m.end) for e in entities if e.type in PLACE_TYPES for m in e.mentions}
    found: dict[str, set[str]] = {}
    for entity in entities:
        if entity.type not in PLACE_TYPES:
            continue
        for mention in entity.mentions:
            container = _after_comma(text, mention.end, mentions)
            if container is None or container[0] == entity.id:
                continue
            if _after_comma(text, container[1], mentions) is not None or \
                    LIST_GOES_ON.match(text, container[1]):
                continue   # "China, Japan, Korea", "Ohio, Texas and Iowa": a list
            found.setdefault(entity.id, set()).add(container[0])
    return found


# After a list's second item: "and" or "or" and another name.
LIST_GOES_ON = re.compile(r",?\s+(?:and|or|&)\s+[A-Z]")


def _after_comma(text: str, end: int, mentions: dict[int, tuple[str, int]]) -> tuple[str, int] | None:
    """The place whose mention follows a comma right after `end`: (entity id, its end)."""
    if text[end:end + 1] != ",":
        return None
    start = end + 1
    while start < len(text) and text[start] == " ":
        start += 1
    return mentions.get(start)


def restrict_to_containers(candidates: dict[str, list[Candidate]], containers: dict[str, set[str]],
                           names: dict[str, str]) -> None:
    """Keep the readings of a contained name that lie in a reading of its container, and
    the readings of the container that hold one of the name's (when any do)."""
    for inner, outers in containers.items():
        if any((c.entry.feature == "country" or c.entry.kind in ("state", "province"))
               and key(c.entry.name) == key(names[inner]) for c in candidates.get(inner, [])):
            continue   # a country or a state by that name is no town of the place after it
        for outer in outers:
            pairs = [(i, o) for i in candidates.get(inner, []) for o in candidates.get(outer, [])
                     if _within(i.entry, o.entry)]
            if not pairs:
                continue
            inner_ok = {id(i) for i, _ in pairs}
            outer_ok = {id(o) for _, o in pairs}
            candidates[inner] = [c for c in candidates[inner] if id(c) in inner_ok]
            candidates[outer] = [c for c in candidates[outer] if id(c) in outer_ok]


def _within(inner: Entry, outer: Entry) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country and inner is not outer
    if outer.feature == "admin":   # a province known without its code: its country
        return inner.country == outer.country and inner is not outer \
            and (outer.admin1 is None or inner.admin1 == outer.admin1)
    return False


def not_a_place_here(entity: Entity, text: str, contained: bool) -> bool:
    """A planet or moon without a state after it ("life on Mars"; "Mars, Pa." is a town),
    a court's district ("the Southern District of New York"), or a word of a work's title
    in quotation marks ("the song “China Grove”")."""
    folded = fold(entity.name)
    if folded in not_place_names() and not contained:
        return True
    if LEGAL_DISTRICT.match(folded) and any(LEGAL_AFTER.match(text[m.end:m.end + 8]) for m in entity.mentions):
        return True
    return bool(entity.mentions) and all(_in_a_title(text, m.start, m.end) for m in entity.mentions)


def _in_a_title(text: str, start: int, end: int) -> bool:
    """The mention is part of a longer title-case phrase in quotation marks."""
    line_start = max(text.rfind("\n", 0, start), start - 80, 0)
    opened = max(text.rfind(mark, line_start, start) for mark in TITLE_OPEN)
    if opened < 0:
        return False
    closes = [i for i in (text.find(mark, end, end + 80) for mark in TITLE_CLOSE) if i >= 0]
    if not closes:
        return False
    title = text[opened + 1:min(closes)]
    words = title.split()
    if not 1 < len(words) <= MAX_TITLE_WORDS or title.strip() == text[start:end]:
        return False
    return all(w[:1].isupper() or w.lower() in ("a", "an", "the", "of", "and", "in", "on", "to") for w in words)



def abbreviations(entity: Entity, text: str) -> list[str]:
    """'Ky' printed as 'Ky.': the mention trimmed its full stop, the look-up wants it."""
    found = []
    for mention in entity.mentions:
        if len(mention.text) <= 5 and text[mention.end:mention.end + 1] == ".":
            found.append(mention.text + ".")
    return found


def capital_over_namesake(candidates: list[Candidate]) -> None:
    """A national capital named like a subdivision of its own country (Washington)."""
    admins = {c.entry.country for c in candidates if c.entry.feature == "admin"}
    countries = {c.entry.country for c in candidates if c.entry.feature == "country"}
    for candidate in candidates:
        entry = candidate.entry
        if entry.kind == "capital" and entry.country in admins and entry.country not in countries:
            candidate.bonus += CAPITAL_OVER_NAMESAKE


# A small town abroad in a story that is all in one other country is more often a local
# place the gazetteer lacks (a suburb, an unincorporated community) than a town abroad:
# "Copperfield" in a Houston story is no Canadian town. Precise beats complete: no place.
STRAY_TOWN = 100_000
STRAY_FOCUS = 0.7


def drop_strays(chosen: dict[str, Entry], weights: dict[str, float], fixed: list[tuple[Entry, float]],
                gazetteer: Gazetteer, containers: dict[str, set[str]]) -> dict[str, Entry]:
    focus = final_focus(chosen, weights, fixed, gazetteer)
    kept = {}
    for entity_id, entry in chosen.items():
        if entry.feature == "city" and entry.population < STRAY_TOWN and entity_id not in containers \
                and entry.country not in focus.named:
            countries = focus.countries.copy()   # the others' weight: the town's own taken out
            countries[entry.country] -= weights.get(entity_id, 1.0)  # type: ignore[assignment, index]  # float weights (typeshed's Counter counts int); gazetteer cities always have a country
            home = max(countries, key=countries.__getitem__, default=None)
            if home is not None and home != entry.country and focus.share(countries, home) >= STRAY_FOCUS:
                continue
        kept[entity_id] = entry
    return kept


def place_counties(chosen: dict[str, Entry]) -> dict[str, Entry]:
    """A county (known only by its state) goes to the centre of the article's towns in
    that state: local news names the county of the towns it reports from."""
    placed = dict(chosen)
    for entity_id, entry in chosen.items():
        if entry.kind != "county":
            continue
        towns = [e for e in chosen.values() if e.feature == "city" and e.country == "US"
                 and e.admin1 == entry.admin1]
        if towns:
            lat = sum(t.lat for t in towns) / len(towns)
            lon = sum(t.lon for t in towns) / len(towns)
            placed[entity_id] = replace(entry, lat=lat, lon=lon)
    return placed


def to_place(entry: Entry) -> Place:
    return Place(lat=round(entry.lat, 5), lon=round(entry.lon, 5), country=entry.country,
                 feature=entry.feature, geonames_id=entry.geonames_id, name=entry.name)


def rename_country(entity: Entity, entry: Entry) -> None:
    """'US', 'U.S.' and 'America' are the United States: a country goes by its canonical
    name in every article, so that the corpus has one name for it; the article's forms
    stay as aliases."""
    if entity.type != "GPE" or entry.feature != "country" or fold(entity.name) == fold(entry.name):
        return
    if entity.name not in entity.aliases:
        entity.aliases.insert(0, entity.name)
    entity.name = entry.name


# -- recognition ------------------------------------------------------------------------


def recognise_missed(doc: Doc, dossier: Any, gazetteer: Gazetteer) -> None:
    """Proper nouns the gazetteer knows well, where no entity was found."""
    # Tokens in an entity, or in a picture licence's code ("CC BY-NC-ND": no North Carolina).
    covered = covered_tokens(doc, [(m.start, m.end) for e in dossier.entities for m in e.mentions]
                             + [m.span() for m in LICENCE.finditer(doc.text)])
    new: dict[str, Entity] = {}
    i = 0
    while i < len(doc):
        match = _name_at(doc, i, covered, gazetteer)
        if match is None:
            i += 1
            continue
        size, entry = match
        span = doc[i:i + size]
        name_key = fold(span.text)
        entity = new.get(name_key)
        if entity is None:
            entity = Entity(id=next_entity_id(dossier.entities + list(new.values())), name=span.text,
                            type="GPE" if entry.feature in ("country", "admin", "city") else "LOC")
            new[name_key] = entity
        entity.mentions.append(Span.of(dossier.text, span.start_char, span.end_char))
        i += size
    if new:
        dossier.entities.extend(new.values())


def covered_tokens(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens that start inside any of `spans` (linear, not quadratic)."""
    covered: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


def _name_at(doc: Doc, i: int, covered: set[int], gazetteer: Gazetteer) -> tuple[int, Entry] | None:
    token = doc[i]
    if i in covered or not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return None
    for size in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
        span = doc[i:i + size]
        if any(t.i in covered or not (t.text[:1].isupper() or t.lower_ in ("of", "de", "al", "el"))
               for t in span) or span[-1].pos_ != "PROPN":
            continue
        if _runs_on(doc, i, size, covered) or sum(c.isalpha() for c in span.text) < 2:
            continue   # part of a longer name ("Paris Hilton"), or a letter ("vitamin D")
        entries = gazetteer.lookup(span.text)
        strong = [e for e in entries if _strong(e, sentence_start=token.is_sent_start)]
        if strong:
            return size, max(strong, key=lambda e: e.population)
    return None


def _runs_on(doc: Doc, i: int, size: int, covered: set[int]) -> bool:
    """A capitalised proper noun right before or after, outside any entity."""
    before = doc[i - 1] if i > 0 else None
    after = doc[i + size] if i + size < len(doc) else None
    return any(t is not None and t.i not in covered and t.pos_ == "PROPN"
               and t.text[:1].isupper() for t in (before, after))


def _strong(entry: Entry, sentence_start: bool | None) -> bool:
    if entry.feature in ("country", "admin"):
        return True
    if sentence_start:
        return False
    if entry.feature == "city":
        return entry.population >= STRONG_CITY
    return entry.weight >= STRONG_FEATURE_WEIGHT and entry.kind != "seat"


# -- metonymy and the dateline --------------------------------------------------------------


def mark_metonymy(entity: Entity, entry: Entry, doc: Doc) -> None:
    """A capital or a seat of government that acts stands for its country's government."""
    if entry.kind == "seat":
        entity.stands_for = entry.stands_for
        return
    if entry.kind == "capital" and entry.country is not None and acts_anywhere(entity, doc):
        entity.stands_for = entry.country


def acts_anywhere(entity: Entity, doc: Doc) -> bool:
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and _acts(span.root):
            return True
    return False


def _acts(token: Token) -> bool:
    if token.dep_ in ("nsubj", "agent", "dobj", "dative"):
        return token.head.lemma_.lower() in STATE_VERBS   # also as the target: "warned Washington"
    if token.dep_ == "poss":
        return token.head.lemma_.lower() in STATE_NOUNS   # "Moscow's offer"
    following = token.doc[token.i + 1:token.i + 3]
    return len(following) == 2 and following[0].text == "-" and following[1].lower_ in ("backed", "led", "brokered", "sponsored", "allied", "friendly")


def dateline_entries(dateline: str | None, gazetteer: Gazetteer) -> list[Entry]:
    """'New York, USA' -> the towns called New York in the country named after the comma."""
    if not dateline:
        return []
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    head = gazetteer.lookup(parts[0])
    if len(parts) > 1:
        outer = [e for part in parts[1:] for e in gazetteer.lookup(part)
                 if e.feature in ("country", "admin")]
        countries = {e.country for e in outer}
        states = {e.admin1 for e in outer if e.feature == "admin"}
        head = [e for e in head if e.country in countries and (
            not states or e.admin1 in states or e.feature != "city")] or head
    towns = [e for e in head if e.feature == "city"]
    ranked = sorted(towns or head, key=lambda e: -e.population)
    return ranked


def dateline_place(dateline: str | None, gazetteer: Gazetteer, focus: Focus) -> Place | None:
    entries = dateline_entries(dateline, gazetteer)
    chosen = best([Candidate(e) for e in entries], focus) if entries else None
    return to_place(chosen) if chosen is not None else None
