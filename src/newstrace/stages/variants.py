"""Stage `variants`: one person whose name the article spells two ways, and one
organisation or person named in two forms.

"Jonathan Winner" in the lede and "Jonathan Winer" in the body are one person: full
names that agree in every word but the surname, where the surnames differ by a
letter or two, become one entity under the better-supported spelling, with a
`name-variant` warning that cites both. A first name that differs ("John Smith",
"Joan Smith") is another person: one letter makes another common first name far too
often to merge on it.

Two forms of one name are one entity, with no warning: "Department of Justice" and
"Justice Department"; a name of two words or more that ends exactly one longer name of
the same type ("Security Council" and "UN Security Council", "Hawk Sawyer" and "Kathleen
Hawk Sawyer"). Two longer names that both end with it ("Ohio National Guard", "Texas
National Guard") leave it alone. A company's name with and without its designator
("Lenoge Technology", "Lenoge"; "Amazon.com", "Amazon") is one organisation, also where
the tagger took the bare name for a person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Indel

from ..dossier import DossierWarning, Entity, Span
from ..nlp.names import fold, lexicon
from ..pipeline import Work, stage

MAX_EDITS = 2
MIN_SURNAME = 5


@stage("variants", reads=("entities", "entities.descriptors"), adds=("entities", "warnings"))
def variants(work: Work) -> None:
    dossier = work.dossier
    body_start = _body_start(dossier.text, dossier.metadata.title, dossier.metadata.subtitle)
    people = [e for e in dossier.entities if e.type == "PERSON"]
    merged: set[str] = set()
    # Only names with the same given names can be variants: compare within those groups.
    groups: dict[tuple[str, ...], list[Entity]] = {}
    for person in people:
        words = fold(person.name).split()
        if len(words) > 1:
            groups.setdefault(tuple(words[:-1]), []).append(person)
    for group in groups.values():
        _merge_group(group, merged, dossier, body_start)
    merge_forms([e for e in dossier.entities if e.id not in merged], merged)
    dossier.entities = [e for e in dossier.entities if e.id not in merged]


# Types whose names take other forms: "Department of Justice" / "Justice Department",
# "Security Council" / "UN Security Council", "Hawk Sawyer" / "Kathleen Hawk Sawyer",
# "Paris Agreement" / "U.N. Paris Agreement".
FORM_TYPES = ("ORG", "PERSON", "OTHER")
# A longer form adds at most this many words before the shorter one.
MAX_PREFIX_WORDS = 2


def merge_forms(entities: list[Entity], merged: set[str]) -> None:
    """One organisation or person named in two forms of one name: the word order of
    "X of Y" and "Y X", and a name of two words or more that ends exactly one longer name
    of the same type (the longer one is kept). No warning: both forms are right."""
    for entity in sorted(entities, key=lambda e: len(e.name.split())):
        if entity.type not in FORM_TYPES or entity.id in merged:
            continue
        longer = [o for o in entities if o is not entity and o.id not in merged and o.type == entity.type
                  and _another_form(entity.name, o.name, entity.type)]
        if not longer and len(entity.name.split()) == 1 and not entity.descriptors:
            # a company's bare name the tagger took for a person ("Lenoge did not respond")
            longer = [o for o in entities
                      if o.type == "ORG" and o.id not in merged and _designated(entity.name, o.name)]
        if len(longer) == 1:
            absorb(longer[0], entity)
            merged.add(entity.id)


def _another_form(short: str, long: str, kind: str) -> bool:
    words, other = _words(short), _words(long)
    if words == other or not words:
        return False
    if kind == "ORG" and _designated(short, long):
        return True   # "Lenoge" and "Lenoge Technology", "Amazon" and "Amazon.com"
    if len(words) < 2:
        return False
    if kind == "ORG" and _of_order(other) == words and len(words) == len(other) - 1:
        return True   # "Justice Department" and "Department of Justice"
    extra = len(other) - len(words)
    return 0 < extra <= MAX_PREFIX_WORDS and other[extra:] == words


@lru_cache(maxsize=1)
def designators() -> frozenset[str]:
    return frozenset(lexicon()["org_designators"])


def _designated(short: str, long: str) -> bool:
    """The long name is the short one and a company designator ("Acme", "Acme Corp.")."""
    words, other = _words(short), _words(long)
    return bool(words) and len(other) > len(words) and other[:len(words)] == words \
        and all(w in designators() for w in other[len(words):])


@lru_cache(maxsize=4096)
def _words(name: str) -> tuple[str, ...]:
    """A name's words for comparing forms, folded, without dots and a leading "the"
    (cached: each name meets every other of its type)."""
    found = re.sub(r"\.(?=com\b)|,", " ", fold(name)).replace(".", "").split()
    return tuple(found[1:] if found[:1] == ["the"] else found)


def _of_order(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """'department of justice' -> 'justice department'."""
    if words.count("of") != 1:
        return None
    at = words.index("of")
    return words[at + 1:] + words[:at]


def _merge_group(people: list[Entity], merged: set[str], dossier: Any, body_start: int) -> None:
    for i, first in enumerate(people):
        for second in people[i + 1:]:
            if first.id in merged or second.id in merged or not same_person(first.name, second.name):
                continue
            keep, drop = sorted((first, second), key=lambda e: support(e, body_start), reverse=True)
            dossier.warnings.append(variant_warning(keep, drop))
            absorb(keep, drop)
            merged.add(drop.id)


def same_person(a: str, b: str) -> bool:
    """Same given names; surnames that differ by a dropped, doubled or swapped letter.

    A letter replaced by another is not enough: that makes other families' names
    (Olsen, Olson; Hansen, Hanson) far more often than typos do.
    """
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb or wa[:-1] != wb[:-1]:
        return False
    sa, sb = wa[-1], wb[-1]
    if min(len(sa), len(sb)) < MIN_SURNAME or sa[0] != sb[0]:
        return False
    return _dropped_or_doubled(sa, sb) or _swapped(sa, sb)


def _dropped_or_doubled(a: str, b: str) -> bool:
    gap = abs(len(a) - len(b))
    return 0 < gap <= MAX_EDITS and Indel.distance(a, b) == gap


def _swapped(a: str, b: str) -> bool:
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return (len(a) == len(b) and len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


def support(entity: Entity, body_start: int) -> tuple[int, int, int]:
    """More mentions; then a role the text gives; then a mention in the body, not the lede."""
    in_body = sum(m.start >= body_start for m in entity.mentions)
    return len(entity.mentions), len(entity.descriptors), in_body


def variant_warning(keep: Entity, drop: Entity) -> DossierWarning:
    spans: list[Span] = [drop.mentions[0], keep.mentions[0]]
    return DossierWarning(
        kind="name-variant",
        message=(f"'{drop.name}' and '{keep.name}' are probably one person spelt two ways; "
                 f"kept '{keep.name}', the better-supported spelling"),
        spans=sorted(spans, key=lambda s: s.start),
    )


def absorb(keep: Entity, drop: Entity) -> None:
    keep.mentions = sorted(keep.mentions + drop.mentions, key=lambda m: m.start)
    for alias in [drop.name, *drop.aliases]:
        if fold(alias) != fold(keep.name) and fold(alias) not in map(fold, keep.aliases):
            keep.aliases.append(alias)
    for descriptor in drop.descriptors:
        if fold(descriptor) not in map(fold, keep.descriptors):
            keep.descriptors.append(descriptor)


def _body_start(text: str, title: str | None, subtitle: str | None) -> int:
    position = 0
    for head in (title, subtitle):
        if head and text.startswith(head, position):
            position += len(head) + 2
    return position
