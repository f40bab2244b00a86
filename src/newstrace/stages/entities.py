"""Stage `entities`: one entry per real-world person, organisation and place.

The NER model's mentions are grouped within the article:
- mentions with the same name (case, accents, "the" and possessives ignored) are one
  entity, labelled by their majority (the model's label noise evens out);
- a surname or first name alone joins the full name it belongs to ("Haftar" ->
  "Khalifa Haftar"), whatever label the model gave it, unless it is a known place;
  when two people share it, the nearest full name before it wins;
- an acronym joins the name it abbreviates ("LNA", "Libyan National Army"), and the
  ways of writing one country join ("US", "U.S.", "the United States");
- titles are never part of a name ("Marshal Khalifa Haftar" is "Khalifa Haftar").
Pronouns are never mentions. Types come from the words around a name where the tagger's
label is weakest: a list of places, a quoted title beside a word for a work, an awards
night's or a call sign's form (`data/names.toml`). The capitalised words of headings
name nothing the text does not name elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, cast

from ..dossier import Entity, Span
from ..geo.gazetteer import load_gazetteer
from ..geo.names import country_code, is_place_name, placed
from ..nlp.firstnames import person_like
from ..nlp.names import (
    acronym,
    fold,
    in_a_licence,
    lexicon,
    looks_like_acronym,
    name_key,
    strip_titles,
    titles,
    tokens,
)
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# spaCy's labels -> the contract's entity types. Times and numbers have stages of their own.
LABELS = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC",
    "NORP": "NORP", "EVENT": "EVENT", "PRODUCT": "OTHER", "WORK_OF_ART": "OTHER",
    "LAW": "OTHER", "LANGUAGE": "OTHER",
}
# When the votes tie: outlets and agencies are more often ORG than people.
TIE_ORDER = ("ORG", "GPE", "PERSON", "LOC", "NORP", "FAC", "EVENT", "OTHER")
LEADING = re.compile(r"^(?:the|THE)\s+")
# "The" is part of some names ("The Oval", "The Hague"): dropped at a sentence start only.
LEADING_CAPITAL = re.compile(r"^The\s+")
# A possessive attached to the name, stray punctuation, a full stop that ends no
# abbreviation ("U.S." keeps its own), and the numbers tables print after names
# ("Middlesex 199", "BEIJING 1996-08-31", "Colorado Rockies 7-4").
TRAILING = re.compile(
    r"(?:(?<=\w)['’]s|(?<=\w)['’]|[\s,;:!?\-–—)\]\"”’]+|(?<!\b[A-Za-z])\.|\s+[\d][\d.,:/\-]*)$")
UNNUMBERED = ("EVENT", "OTHER")
LEADING_PUNCT = re.compile(r"^[\s\"“‘'(\[\-–—]+")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    key: str
    titles: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return self.key.split()


@dataclass(slots=True)
class Group:
    label: str
    mentions: list[Mention]

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def keys(self) -> set[str]:
        return {m.key for m in self.mentions}

    def longest(self) -> Mention:
        return max(self.mentions, key=lambda m: (len(m.words), len(m.text), -m.start))


# A government's field, which names an office only with the words around it ("Secretary of
# State", "the Interior Minister"): never an organisation alone.
OFFICE_FIELDS = frozenset("""state interior defense defence treasury commerce energy justice labor
labour health education agriculture transportation transport finance foreign home""".split())
OFFICE_BEFORE = re.compile(r"\b(?:secretary|minister|undersecretary|secretary-general)\s+(?:of\s+)?(?:the\s+)?$", re.I)
OFFICE_AFTER = re.compile(r"^\s+(?:minister|ministers|secretary|secretaries)\b", re.I)
# An image credit's name ("Main image credit: Getty", "Photo: AP", "(AP Photo/Evan
# Vucci)") is the picture's, not the story's.
CREDIT_BEFORE = re.compile(r"(?:\bcredits?|\bphoto(?:graph)?s?|\bimages?|\bpictures?)(?:\s+by)?\s*[:/|]\s*$", re.I)
CREDIT_AFTER = re.compile(r"^\s+(?:Photo|Photos|Images|Pictures)\s*[/)]")


@stage("entities", reads=("doc", "metadata.title"), adds=("entities",))
def entities(work: Work) -> None:
    if work.doc is None:
        return
    mentions = [m for m in collect_mentions(work.doc, work.dossier.text)
                if not names_an_office(m, work.dossier.text) and not credits_an_image(m, work.dossier.text)]
    headings = heading_lines(work.dossier.text, work.dossier.metadata.title)
    mentions = headline_names(mentions, work.dossier.text, headings)
    mentions = join_split_names(mentions, work.dossier.text, headings)
    mentions = people_by_first_name(mentions, work.dossier.text)
    groups = resolve(mentions, work.dossier.text)
    groups = without_common_words(groups, work.doc, work.dossier.text)
    places_in_lists(groups, work.doc)
    works_in_quotes(groups, work.dossier.text)
    typed_by_name(groups)
    add_missed_mentions(work.doc, work.dossier.text, groups)
    work.dossier.entities = build_entities(groups, work.dossier.text)


def headline_names(mentions: list[Mention], text: str, headings: list[tuple[int, int]]) -> list[Mention]:
    """In a headline's or a heading's capitalised words the model finds names that are
    none ("World Community Lashes", "Key Security Council", "Keyboard Cover"): a mention
    there is kept when the text outside headings prints it; else it shrinks to the
    longest run of its words that the text names ("Security Council"); else it goes. A
    person's name with a known first name stays (a byline, a profile's subhead).
    `headings`: the character ranges of `heading_lines`."""
    if not headings:
        return mentions
    body = "\n".join(text[a:b] for a, b in _between(headings, len(text)))
    body_names = {m.text for m in mentions if not _inside(m.start, headings)}
    kept = []
    for mention in mentions:
        if not _inside(mention.start, headings) \
                or re.search(rf"(?<!\w){re.escape(mention.text)}(?!\w)", body) \
                or (mention.label == "PERSON" and person_like(mention.text)):
            kept.append(mention)
            continue
        shrunk = _named_run(mention, text, body_names)
        if shrunk is not None:
            kept.append(shrunk)
    return kept


# A heading: a short line in title case with no full stop at its end.
MAX_HEADING_WORDS = 14
HEADING_CAPITALS = 0.8


def heading_lines(text: str, title: str | None) -> list[tuple[int, int]]:
    """Character ranges of the headline and of the lines printed as headings."""
    found = []
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if (start == 0 and title and line.startswith(title)) or _heading(line):
            found.append((start, start + len(line)))
    return found


def _heading(line: str) -> bool:
    words: list[str] = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line) if w.lower() not in TITLE_SMALL_WORDS]
    stripped = line.rstrip()
    if len(words) < 2 or len(line.split()) > MAX_HEADING_WORDS or stripped.endswith((".", ",", ";")) \
            or any(c.isdigit() for c in line):
        return False   # a line with figures is a table's row ("Leicester 3 Arsenal 1"), not a heading
    return sum(w[:1].isupper() for w in words) >= HEADING_CAPITALS * len(words)


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in ranges)


def _between(ranges: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    gaps, position = [], 0
    for a, b in ranges:
        if a > position:
            gaps.append((position, a))
        position = max(position, b)
    if position < size:
        gaps.append((position, size))
    return gaps


def _named_run(mention: Mention, text: str, names: set[str]) -> Mention | None:
    words = list(re.finditer(r"\S+", mention.text))
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            start = mention.start + words[first].start()
            end = mention.start + words[first + size - 1].end()
            run = text[start:end]
            if run in names or (size > 1 and any(name.endswith(" " + run) for name in names)):
                return trimmed(text, start, end, mention.label)
    return None


# A capitalised word right after a name: a surname the tagger left out of it.
NEXT_WORD = re.compile(r" ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![-'’]\w)")


def join_split_names(mentions: list[Mention], text: str, headings: list[tuple[int, int]]) -> list[Mention]:
    """A first name and a surname the tagger found as two names side by side, or as a
    first name alone ("Tyrese" typed a work, "Maxey" a town; "Shaedon" an organisation
    before "Sharpe", whom the text calls a person elsewhere), are one person's name."""
    joined: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if joined and _split_pair(joined[-1], mention, text):
            joined[-1] = _person_mention(text, joined[-1].start, mention.end)
            continue
        joined.append(mention)
    joined = _teams_of_places(joined, text, headings)
    taken = {m.start for m in joined}
    surnames = {m.text for m in joined if m.label == "PERSON" and len(m.words) == 1}
    for i, mention in enumerate(joined):
        if len(mention.words) == 2 and mention.label in ("ORG", "OTHER", "NORP") \
                and mention.text.split()[-1] in surnames and mention.text.split()[0].isalpha():
            joined[i] = _person_mention(text, mention.start, mention.end)   # "Dyson Daniels" ... "Daniels"
            continue
        following = NEXT_WORD.match(text, mention.end)
        if len(mention.words) == 1 and mention.label in ("OTHER", "ORG", "NORP") and following \
                and following.start(1) not in taken and mention.text.isalpha() and _may_open_a_name(mention) \
                and fold(following.group(1)) not in titles() \
                and (person_like(f"{mention.text} {following.group(1)}") or following.group(1) in surnames):
            joined[i] = _person_mention(text, mention.start, following.end(1))
    return joined


def _split_pair(first: Mention, second: Mention, text: str) -> bool:
    """Two one-word names side by side that are a person's first name and surname: a
    known first name (not a town's name, and no nationality after it: "Cleveland
    Republican"), or any word before a surname the tagger typed a person."""
    if text[first.end:second.start] != " " or len(first.words) != 1 or len(second.words) != 1 \
            or not second.text[:1].isupper() or not _may_open_a_name(first) \
            or fold(second.text).rstrip(".") in titles():
        return False
    if person_like(f"{first.text} {second.text}") and first.label not in ("GPE", "LOC") and second.label != "NORP":
        return True
    return second.label == "PERSON" and first.label in ("ORG", "OTHER", "NORP", "PERSON") and first.text.isalpha()


def _may_open_a_name(mention: Mention) -> bool:
    """A first name may be typed anything, but a nationality is no first name ("French
    President", "French Foreign Minister")."""
    return mention.label != "NORP" or load_gazetteer().demonym(mention.text) is None


# Capitalised words after a place's name that end in a plural: a team's nickname
# ("Milwaukee Bucks", "Houston Rockets", "Portland Trail Blazers"), where no other name
# goes on after it ("Henry County General Sessions Court"; a weekday may follow).
NICKNAME = re.compile(r" (?:[A-Z][a-z]+ )?([A-Z][a-z]+s)\b(?![-'’]| (?!%s)[A-Z])" % "|".join(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December".split()))


def _teams_of_places(mentions: list[Mention], text: str, headings: list[tuple[int, int]]) -> list[Mention]:
    """A place's name that the tagger cut from a team's ("Milwaukee" of "the Milwaukee
    Bucks", or "Dallas" and "Mavericks" apart) is the team's name, an organisation. Not
    in a heading's title case ("Houston Officials Say"), nor where the text prints the
    plural as a common noun ("officials")."""
    result: list[Mention] = []
    skip: set[int] = set()
    starts = {m.start: i for i, m in enumerate(mentions)}
    for i, mention in enumerate(mentions):
        if i in skip:
            continue
        nickname = NICKNAME.match(text, mention.end) if mention.label in ("GPE", "LOC", "FAC") else None
        if nickname is None or fold(nickname.group(1)) in PLACE_PLURALS \
                or fold(nickname.group(1))[:-1] in titles() \
                or is_place_name(text[mention.start:nickname.end()]) or _inside(mention.start, headings) \
                or re.search(rf"\b{nickname.group(1).lower()}\b", text):
            result.append(mention)
            continue
        inside = [j for start, j in starts.items() if mention.end < start < nickname.end()]
        if any(mentions[j].end > nickname.end() or mentions[j].label in ("GPE", "LOC") for j in inside):
            result.append(mention)
            continue
        skip.update(inside)
        end = nickname.end()
        result.append(Mention(mention.start, end, text[mention.start:end], "ORG", name_key(text[mention.start:end])))
    return result


def _person_mention(text: str, start: int, end: int) -> Mention:
    return Mention(start, end, text[start:end], "PERSON", name_key(text[start:end]))


def names_an_office(mention: Mention, text: str) -> bool:
    """'State' in "Secretary of State", 'Interior' in "the Interior Minister"."""
    if mention.key not in OFFICE_FIELDS:
        return False
    return OFFICE_BEFORE.search(text, max(0, mention.start - 30), mention.start) is not None \
        or OFFICE_AFTER.match(text[mention.end:mention.end + 20]) is not None


def credits_an_image(mention: Mention, text: str) -> bool:
    """A credit's name, or a word of a picture's licence ("CC BY-NC-ND 2.0": no North
    Carolina, no North Dakota)."""
    return CREDIT_BEFORE.search(text[max(0, mention.start - 30):mention.start]) is not None \
        or CREDIT_AFTER.match(text[mention.end:mention.end + 12]) is not None \
        or in_a_licence(text, mention.start)


def collect_mentions(doc: Doc, text: str) -> list[Mention]:
    found = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None or all(t.pos_ == "PRON" for t in ent):
            continue
        if label == "OTHER" and ent.root.dep_ in ("nsubj", "nsubjpass") and person_like(ent.text):
            label = "PERSON"    # "Nesma Hajjaj fled": a first name and a surname doing something, no work or product
        mention = trimmed(text, ent.start_char, ent.end_char, label, ent.sent.start_char)
        if mention is not None:
            found.append(mention)
    return found


def people_by_first_name(mentions: list[Mention], text: str) -> list[Mention]:
    """A one-word name the model called an organisation is a person where the text
    prints it after a first name that tells a gender ("... Mustafa El-Feki told", then
    "El-Feki explained"): its mentions become PERSON, and the full name a mention."""
    taken = [(m.start, m.end, m.label) for m in mentions]
    added: list[Mention] = []
    for key in {m.key for m in mentions if m.label == "ORG" and len(m.words) == 1}:
        word = next(m.text for m in mentions if m.key == key)
        # where the model saw no other kind of name ("German Defence": a nationality)
        full = [f for f in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(word) + r"(?![\w-])", text)
                if person_like(f.group(0))
                and all(label == "PERSON" for a, b, label in taken if a < f.end(1) and f.start() < b)]
        if not full:
            continue
        for mention in mentions:
            if mention.key == key:
                mention.label = "PERSON"
        for found in full:
            if not any(a < found.end() and found.start() < b for a, b, _ in taken):
                added.append(Mention(found.start(), found.end(), found.group(0), "PERSON",
                                     name_key(found.group(0))))
    return sorted(mentions + added, key=lambda m: m.start)


@lru_cache(maxsize=1)
def units() -> frozenset[str]:
    """Units of measure and file formats: never names ("degrees Fahrenheit", "a PPT file")."""
    return frozenset(lexicon()["units"]) | frozenset(lexicon()["file_words"])


# A name never ends in a word with no capital ("Python 2 to", "Python 3 for years"), opens
# with an article ("a Torta Ahogada"), or is code ("a.f(", "foo.py", "B(A").
LOWER_TAIL = re.compile(r"(?:\s+[^\sA-Z0-9]*[a-z][^\sA-Z]*)+$")
LOWER_ARTICLE = re.compile(r"^(?:a|an)\s+(?=[A-Z])")
CODE = re.compile(r"[()=_{}\[\]<>@]|(?:^|\s)\d+(?:\.\d+)?\s?(?:[KMGT]B|mAh|mm|cm|km|kg|mg|ml|[GM]Hz)$|\w\.(?!(?:com|org|net|gov|edu|int|mil|co|uk|io|ru|de|fr|info)\b)[a-z]{1,3}\b")


def trimmed(text: str, start: int, end: int, label: str, sentence_start: int = -1) -> Mention | None:
    """The mention without 'the', possessives, stray punctuation, and a person's titles;
    None for code and for words with no capital letter ("un", "memelitas", "wolf")."""
    start, end = _trim_left(text, start, end, sentence_start)
    start, end = _trim_right(text, start, end, label)
    start, end = _trim_words(text, start, end)
    surface = text[start:end]
    if (surface[:1].islower() and not any(c.isupper() for c in surface)) or CODE.search(surface) \
            or text[start - 1:start] == "#" or text[start - 1:start].isdigit() or fold(surface) in units():
        return None   # code, an e-mail address, a size ("4GB", "128GB"), a hashtag, a unit
    titles: list[str] = []
    if label == "PERSON":
        words = tokens(surface)
        titles, rest = strip_titles(words)
        if titles and rest:
            start = text.index(rest[0], start, end)
            surface = text[start:end]
    if sum(c.isalpha() for c in surface) < 2:
        return None   # no name of one letter ("vitamin D", "Plan B")
    return Mention(start, end, surface, label, name_key(surface), titles)


def _trim_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "a"/"an" and trailing words without a capital from a name of
    several words ("Python 3 for years": "Python 3")."""
    surface = text[start:end]
    lead = LOWER_ARTICLE.match(surface)
    if lead:
        start += lead.end()
        surface = text[start:end]
    tail = LOWER_TAIL.search(surface)
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def _trim_left(text: str, start: int, end: int, sentence_start: int) -> tuple[int, int]:
    while True:
        surface = text[start:end]
        lead = LEADING.match(surface) or LEADING_PUNCT.match(surface)
        if lead is None and start == sentence_start:
            lead = LEADING_CAPITAL.match(surface)
        if lead is None or lead.end() >= len(surface):
            return start, end
        start += lead.end()


def _trim_right(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    while True:
        surface = text[start:end]
        trail = TRAILING.search(surface)
        if trail is None or trail.start() == 0:
            return start, end
        if trail.group().strip()[:1].isdigit() and label in UNNUMBERED:
            return start, end
        if trail.group().strip() in (")", "]") and "(" in surface:
            return start, end
        end = start + trail.start()


def resolve(mentions: list[Mention], text: str = "") -> list[Group]:
    groups = group_by_name(mentions)
    groups = join_people(groups, text)
    groups = join_aliases(groups)
    groups = join_plurals(groups)
    return sorted(groups, key=lambda g: g.first)


def join_plurals(groups: list[Group]) -> list[Group]:
    """'Californian' and 'Californians': one group of people."""
    by_key = {g.longest().key: g for g in groups if g.label == "NORP"}
    kept = []
    for group in groups:
        plural = by_key.get(group.longest().key + "s") if group.label == "NORP" else None
        if plural is not None and plural is not group:
            plural.mentions.extend(group.mentions)
        else:
            kept.append(group)
    return kept


def group_by_name(mentions: Iterable[Mention]) -> list[Group]:
    """Same name, one group, labelled by its mentions' majority."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    return [Group(majority(ms), ms) for ms in by_key.values()]


def majority(mentions: list[Mention]) -> str:
    votes = Counter(m.label for m in mentions)
    best = max(votes.values())
    tied = [label for label, count in votes.items() if count == best]
    if len(tied) > 1 and "PERSON" in tied and len(mentions[0].words) > 1:
        return "PERSON"
    return min(tied, key=TIE_ORDER.index)


def join_people(groups: list[Group], text: str = "") -> list[Group]:
    """Attach a bare surname or first name to the full name it belongs to. A town named
    like the person stays a place where the text puts it as one ("in Phoenix", "Phoenix,
    Arizona"); else the word is the person's ("Joaquin Phoenix ... Phoenix said")."""
    people = [g for g in groups if g.label == "PERSON" and len(g.longest().words) > 1]
    owners_of: dict[str, list[Group]] = defaultdict(list)
    word: str | None
    for person in people:
        for word in _name_ends(person):
            owners_of[word].append(person)
    full = {id(p) for p in people}
    kept: list[Group] = []
    for group in groups:
        word = _bare_name(group)
        if id(group) in full or word is None:
            kept.append(group)
            continue
        owners = owners_of.get(word, [])
        if not owners or (group.label in ("GPE", "LOC") and is_place_name(word)
                          and (not text or any(placed(text, m.start, m.end) for m in group.mentions))):
            kept.append(group)
            continue
        for mention in group.mentions:
            mention.label = "PERSON"
            nearest(owners, mention.start).mentions.append(mention)
    return _join_contained_names([g for g in kept if g.mentions])


def _bare_name(group: Group) -> str | None:
    """The one word a group names, a title set aside ("Hawking", "Prof Hawking": the
    model types a titled surname as an organisation at times); None for longer names."""
    words = group.longest().words
    if len(words) == 2 and group.label != "PERSON":
        titles, rest = strip_titles(words)
        words = rest if titles else words
    return words[0] if len(words) == 1 else None


def _name_ends(person: Group) -> set[str]:
    """The first and last words of a person's full names: what a bare mention can be."""
    return {w for m in person.mentions if len(m.words) > 1 for w in (m.words[0], m.words[-1])}


def nearest(owners: list[Group], position: int) -> Group:
    """The owner mentioned last before `position`, else the first one after it."""
    def last_before(group: Group) -> int:
        return max((m.start for m in group.mentions if m.start < position and len(m.words) > 1),
                   default=-1)

    before = [g for g in owners if last_before(g) >= 0]
    if before:
        return max(before, key=last_before)
    return min(owners, key=lambda g: g.first)


def _join_contained_names(groups: list[Group]) -> list[Group]:
    """'Khalifa Belqasim Haftar' and 'Khalifa Haftar': one person (same first and last)."""
    people = sorted((g for g in groups if g.label == "PERSON"),
                    key=lambda g: -len(g.longest().words))
    merged_into: dict[int, Group] = {}
    for i, longer in enumerate(people):
        if id(longer) in merged_into:
            continue
        for shorter in people[i + 1:]:
            if id(shorter) not in merged_into and _contained(shorter.longest().words,
                                                             longer.longest().words):
                longer.mentions.extend(shorter.mentions)
                merged_into[id(shorter)] = longer
    return [g for g in groups if id(g) not in merged_into]


def _contained(short: list[str], long: list[str]) -> bool:
    if len(short) < 2 or len(short) >= len(long):
        return False
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    position = 0
    for word in short:
        try:
            position = long.index(word, position) + 1
        except ValueError:
            return False
    return True


def join_aliases(groups: list[Group]) -> list[Group]:
    """Acronyms with their expansions; one country's several names."""
    result: list[Group] = []
    by_country: dict[str, Group] = {}
    for group in sorted(groups, key=lambda g: -len(g.longest().words)):
        code = country_code(group.longest().key) if group.label in ("GPE", "LOC") else None
        if code and code in by_country:
            by_country[code].mentions.extend(group.mentions)
            continue
        target = _expansion(group, result)
        if target is not None:
            target.mentions.extend(group.mentions)
            continue
        if code:
            by_country[code] = group
        result.append(group)
    return result


def _expansion(group: Group, others: list[Group]) -> Group | None:
    surface = group.longest().text
    if group.label not in ("ORG", "GPE", "LOC", "FAC", "EVENT", "OTHER", "NORP") or not looks_like_acronym(surface):
        return None
    letters = surface.replace(".", "")
    for other in others:
        if other.label in ("ORG", "GPE", "LOC", "FAC", "EVENT", "OTHER"):
            words = tokens(other.longest().text)
            if len(words) > 1 and acronym(words) == letters:
                return other
    return None


def without_common_words(groups: list[Group], doc: Doc, text: str) -> list[Group]:
    """A one-word name printed only where a sentence or a line opens, that the text
    prints in lower case as often, is a common word ("Venipuncture is the standard ...",
    then "venipuncture"), not a name ("Apple said ... Apple sold ... apple growers")."""
    lower: Counter[str] | None = None
    kept = []
    for group in groups:
        words = group.longest().text.split()
        if len(words) == 1 and words[0].isalpha():
            if lower is None:   # the text's words in lower case, counted once
                lower = Counter(w for w in re.findall(r"(?<![\w-])[^\W\d_]+(?![\w-])", text) if w.islower())
            if lower[words[0].lower()] >= len(group.mentions) and all(_opens(doc, text, m.start) for m in group.mentions):
                continue
        kept.append(group)
    return kept


def _opens(doc: Doc, text: str, start: int) -> bool:
    """A sentence or a line opens at `start`."""
    if not text[text.rfind("\n", 0, start) + 1:start].strip():
        return True
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and cast(bool, span[0].is_sent_start)   # None only in an unparsed doc


# -- types from the name and the words around it -----------------------------------------

# A broadcaster's call sign ("KTRK", "WABC-TV") names a station, an organisation.
CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT|CD|LP))?$")


@lru_cache(maxsize=1)
def _event_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(lexicon()["event_heads"]), frozenset(lexicon()["event_names"])


def typed_by_name(groups: list[Group]) -> None:
    """Types the name itself tells: an awards night or a festival is an event ("the
    Producers Guild Awards", "the Oscars"); a call sign is a station; a place's name and
    a plural ("Boston Celtics", "Memphis Grizzlies") is a team the tagger took for a
    person or a building (not when the first word is a first name: "Julia Roberts"); a
    name ending in "Association" or "University" is an organisation, in "Agreement" or
    "Act" an agreement or a law; a country's name is a country, never an organisation."""
    heads, names = _event_words()
    for group in groups:
        name = group.longest().key
        words = name.split()
        if group.label != "EVENT" and (name in names or (len(words) > 1 and words[-1] in heads)):
            _relabel(group, "EVENT")
        elif group.label != "ORG" and all(CALL_SIGN.match(m.text) for m in group.mentions):
            _relabel(group, "ORG")
        elif group.label in ("PERSON", "FAC") and _team_name(group.longest().text):
            _relabel(group, "ORG")
        elif len(words) > 1 and words[-1] in _head_words()[0] and group.label in ("GPE", "LOC", "PERSON", "NORP"):
            _relabel(group, "ORG")     # "United States Tennis Association"
        elif len(words) > 1 and words[-1] in _head_words()[1] and group.label in ("ORG", "EVENT", "GPE", "PERSON"):
            _relabel(group, "OTHER")   # "Paris Agreement", "Clean Air Act"
        elif group.label == "ORG" and country_code(name) is not None and not looks_like_acronym(group.longest().text):
            _relabel(group, "GPE")     # "Japan" typed an organisation


@lru_cache(maxsize=1)
def _head_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(lexicon()["org_heads"]), frozenset(lexicon()["law_heads"])


# Plurals that end names of places and events, not teams' ("Colorado Springs", "Cayman
# Islands", "Atlanta Games").
PLACE_PLURALS = frozenset("""islands isles mountains hills heights falls springs rapids lakes keys
plains woods highlands lowlands flats meadows gardens shores rocks territories states
provinces emirates games""".split())


def _team_name(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or is_place_name(name) or person_like(name):
        return False
    last = words[-1]
    if not (last[:1].isupper() and last.endswith("s") and not last.endswith("ss")) \
            or fold(last) in PLACE_PLURALS:
        return False
    return any(is_place_name(" ".join(words[:size])) and len(words[0]) > 2 for size in range(1, len(words)))


def _relabel(group: Group, label: str) -> None:
    group.label = label
    for mention in group.mentions:
        mention.label = label


@lru_cache(maxsize=1)
def _work_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(lexicon()["work_nouns"]), frozenset(lexicon()["work_roles"])


QUOTE_OPEN = re.compile(r"[“\"‘]$")
QUOTE_CLOSE = re.compile(r"[.,]?[”\"’]")
TITLE_SMALL_WORDS = frozenset("a an the of and in on to for at by with from or".split())
MAX_WORK_WORDS = 10


def works_in_quotes(groups: list[Group], text: str) -> None:
    """A name printed as a quoted title beside a word for a work ("the drama “The
    Crown”", "“Fleabag” creator") is that work's: the whole title inside the quotation
    marks ("Once Upon A Time in Hollywood"), typed OTHER."""
    nouns, roles = _work_words()
    for group in groups:
        if group.label == "OTHER" and not any(_quoted_title(text, m) for m in group.mentions):
            continue
        titled = [(m, _quoted_title(text, m)) for m in group.mentions]
        quoted = [(m, t) for m, t in titled if t is not None]
        if not quoted or 2 * len(quoted) < len(titled):
            continue
        if group.label != "OTHER" and not any(_work_cue(text, t, nouns, roles) for _, t in quoted):
            continue
        for mention, (start, end) in quoted:
            mention.start, mention.end, mention.text = start, end, text[start:end]
            mention.key = name_key(mention.text)
        _relabel(group, "OTHER")


def _quoted_title(text: str, mention: Mention) -> tuple[int, int] | None:
    """The span inside the quotation marks around the mention, if it is all a title."""
    start = mention.start
    if text[max(0, start - 4):start] in ("The ", "the "):
        start -= 4
    if not QUOTE_OPEN.search(text, max(0, start - 1), start):
        return None
    close = QUOTE_CLOSE.search(text, mention.end, mention.end + 80)
    if close is None:
        return None
    end = close.start()
    words = text[start:end].split()
    if not words or len(words) > MAX_WORK_WORDS or any(
            not (w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS) for w in words):
        return None
    return start, end


def _work_cue(text: str, span: tuple[int, int], nouns: frozenset[str], roles: frozenset[str]) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, span[0] - 40):span[0]])[-3:]
    after = re.findall(r"[A-Za-z]+", text[span[1]:span[1] + 20])[:1]
    return any(w.lower() in nouns for w in before) or any(w.lower() in roles for w in after)


# What a name in a list of places may have been mistyped as ("Bonaire, St Eustatius and
# Saba": islands read as people).
LISTED_AS_PLACES = ("PERSON", "OTHER")
SAINT = frozenset({"st", "saint", "ste", "sainte"})


def places_in_lists(groups: list[Group], doc: Doc) -> None:
    """A name listed with places and with no person is a place: a list joins things of
    one kind, and the tagger types the small members of a list of countries by their
    look. A name with a known first name or a title stays a person ("St" is a saint's
    place as often as a title). Rounds let one retyped member carry the next."""
    group_at: dict[int, Group] = {}
    roots: dict[int, list[Token]] = defaultdict(list)
    for group in groups:
        for mention in group.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                group_at[span.root.i] = group
                roots[id(group)].append(span.root)
    for _ in range(3):
        changed = False
        for group in groups:
            if _maybe_place(group) and not _person_evidence(group) \
                    and _listed_with_places(group, roots[id(group)], group_at):
                group.label = "GPE"
                for mention in group.mentions:
                    mention.label = "GPE"
                changed = True
        if not changed:
            return


def _maybe_place(group: Group) -> bool:
    """Mistyped as a person or a work; or as an organisation where the name is a town's."""
    return group.label in LISTED_AS_PLACES or (group.label == "ORG" and is_place_name(group.longest().text))


def _person_evidence(group: Group) -> bool:
    titles = {fold(t).rstrip(".") for m in group.mentions for t in m.titles}
    return bool(titles - SAINT) or person_like(group.longest().text)


def _listed_with_places(group: Group, roots: list[Token], group_at: dict[int, Group]) -> bool:
    votes: Counter[str] = Counter()
    for root in roots:
        for member in _list_members(root):
            other = group_at.get(member.i)
            if other is not None and other is not group and other.label in LISTED_AS_PLACES \
                    and not _person_evidence(other):
                continue   # as unsure as this one ("Bonaire, St Eustatius and Saba")
            if other is not None and other is not group:
                votes[other.label] += 1
    return votes["GPE"] > 0 and not votes["PERSON"] and 2 * votes["GPE"] >= sum(votes.values())


def _list_members(token: Token) -> list[Token]:
    """The other members of the list (conjunction) the token is in."""
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    members, todo = [], [first]
    while todo:
        current = todo.pop()
        members.append(current)
        todo.extend(c for c in current.children if c.dep_ == "conj")
    return [m for m in members if m is not token]


# Model labels under which a token is certainly no name of ours (dates, numbers...).
NOT_NAMES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def add_missed_mentions(doc: Doc, text: str, groups: list[Group]) -> None:
    """Later occurrences of a name the model found once but missed elsewhere.

    A person's surname or full name, an organisation's or place's name, printed again
    as a proper noun where the model labelled nothing, is another mention of it, unless
    two entities could claim it.
    """
    forms: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, group in enumerate(groups):
        for surface in _surfaces(group, doc):
            forms[surface].add(index)
    taken = [(m.start, m.end) for g in groups for m in g.mentions]
    longest = max((len(f) for f in forms), default=0)
    i = 0
    while i < len(doc):
        match = _match_at(doc, i, forms, longest)
        if match is not None:
            size, owners = match
            start, end = doc[i].idx, doc[i + size - 1].idx + len(doc[i + size - 1])
            if len(owners) == 1 and not any(s < end and start < e for s, e in taken):
                group = groups[next(iter(owners))]
                group.mentions.append(Mention(start, end, text[start:end], group.label,
                                              name_key(text[start:end])))
                taken.append((start, end))
            i += size
        else:
            i += 1


def _surfaces(group: Group, doc: Doc) -> set[tuple[str, ...]]:
    """The token sequences that name the group: its mentions, and a person's surname."""
    found = set()
    for mention in group.mentions:
        span = doc.char_span(mention.start, mention.end)
        if span is not None:
            found.add(tuple(t.text for t in span))
    if group.label == "PERSON":
        span = doc.char_span(group.longest().start, group.longest().end)
        if span is not None and len(span) > 1 and len(span[-1].text) > 2:
            found.add((span[-1].text,))
    return {f for f in found if f}


def _match_at(doc: Doc, i: int, forms: dict[tuple[str, ...], set[int]],
              longest: int) -> tuple[int, set[int]] | None:
    for size in range(min(longest, len(doc) - i), 0, -1):
        words = tuple(t.text for t in doc[i:i + size])
        owners = forms.get(words)
        if owners is None:
            continue
        window = doc[i:i + size]
        if any(t.ent_type_ in NOT_NAMES for t in window) or window[-1].pos_ != "PROPN":
            return None
        return size, owners
    return None


def build_entities(groups: list[Group], text: str) -> list[Entity]:
    built = []
    for number, group in enumerate(groups, start=1):
        mentions = sorted({(m.start, m.end): m for m in group.mentions}.values(),
                          key=lambda m: m.start)
        name = canonical_name(group)
        aliases: list[str] = []
        for m in mentions:
            if fold(m.text) != fold(name) and fold(m.text) not in (fold(a) for a in aliases):
                aliases.append(m.text)
        built.append(Entity(
            id=f"e{number}",
            name=name,
            type=group.label,  # type: ignore[arg-type]
            aliases=aliases,
            descriptors=_titles(group),
            mentions=[Span.of(text, m.start, m.end) for m in mentions],
        ))
    return built


def canonical_name(group: Group) -> str:
    """The fullest form: most words, not an acronym when an expansion exists."""
    candidates = [m for m in group.mentions if not looks_like_acronym(m.text)] or group.mentions
    counts = Counter(m.key for m in candidates)
    best = max(candidates, key=lambda m: (len(m.words), counts[m.key], -m.start))
    return best.text


def _titles(group: Group) -> list[str]:
    seen: list[str] = []
    for mention in group.mentions:
        title = " ".join(mention.titles)
        if title and title not in seen:
            seen.append(title)
    return seen
