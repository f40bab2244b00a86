"""The field's event dictionaries, read off the parse: PETRARCH2's CAMEO verb patterns
mapped to PLOVER 2021 types through PLOVER's CAMEO2PLOVER table.

Data (converted by scripts/convert_petrarch.py, provenance and licences in
data/events/LICENCE.md):
- `data/events/cameo_verbs.json`: verbs with a CAMEO code (or none: the verb codes only
  through a pattern), the extra words of multi-word verbs ("ask for", "cordon off"),
  and each verb block's patterns: subject words, object words, prepositional phrases;
- `data/events/cameo2plover.tsv`: CAMEO code -> PLOVER type and mode;
- `data/events/overrides.toml` (ours): where newstrace departs from the table, and why.

A PETRARCH pattern names the head words of the phrases around the verb, not their
syntax; here they are matched against the spaCy parse: subject words in the subject's
phrase, object words among the verb's object, particle and complement heads (with their
modifiers for multi-word items), prepositional phrases among the verb's and its
object's prepositions. The most specific pattern that matches wins; else the verb's own
code. PETRARCH's transformations and its actor requirements are not used: newstrace
fills and checks the roles itself (stages/events.py).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from spacy.tokens import Token

# Dependencies whose heads are what a verb acts on, for PETRARCH's post-verb words.
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "prt", "acomp",
                         "nsubjpass", "advmod", "npadvmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})


@dataclass(frozen=True, slots=True)
class Pattern:
    subject: tuple[frozenset[str], ...]
    object: tuple[frozenset[str], ...]
    preps: tuple[tuple[str, frozenset[str]], ...]
    cameo: str
    # every item's head words (the last word of each form; a preposition itself): a
    # pattern whose heads are not all in the clause cannot match, and is not tried
    heads: tuple[frozenset[str], ...] = ()

    @property
    def size(self) -> int:
        return len(self.subject) + len(self.object) + sum(1 + bool(w) for _, w in self.preps)


def _heads(items: Iterable[frozenset[str]]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(form.split()[-1] for form in forms) for forms in items if forms)


def make_pattern(subject: tuple[frozenset[str], ...], objects: tuple[frozenset[str], ...],
                 preps: tuple[tuple[str, frozenset[str]], ...], cameo: str) -> Pattern:
    heads = _heads(subject) + _heads(objects) + tuple(frozenset({p}) for p, _ in preps) \
        + _heads(w for _, w in preps)
    return Pattern(subject, objects, preps, cameo, heads)


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    cameo: str | None
    block: str
    before: tuple[str, ...] = ()     # "wire tap": words before the verb
    after: tuple[str, ...] = ()      # "ask for", "cordon off": words after it
    own: bool = False                # its code is its own, not its block of synonyms'
    zipf: float = 0.0                # how common the word is (wordfreq's Zipf scale)


@dataclass(frozen=True, slots=True)
class Coding:
    """What the dictionaries make of a verb in its clause."""

    cameo: str
    type: str
    mode: str | None
    pattern: Pattern | None          # None: the verb's own code
    verb: Verb
    consumed: tuple[int, ...] = ()   # object tokens the pattern used ("sign an accord")


@dataclass(frozen=True, slots=True)
class Dictionary:
    verbs: dict[str, tuple[Verb, ...]]          # lemma -> entries, multi-word first
    forms: dict[str, str]                       # irregular form -> lemma
    patterns: dict[str, tuple[Pattern, ...]]    # block -> patterns, most specific first
    # block -> word -> the positions (in `patterns`) of the patterns whose first item has
    # that head word: the patterns a clause can match are found without scanning them all
    index: dict[str, dict[str, tuple[int, ...]]]
    plover: dict[str, tuple[str, str | None]]   # CAMEO code -> (type, mode)
    not_bare: frozenset[str] = frozenset()      # verbs whose own code is not used alone
    no_patterns: frozenset[str] = frozenset()   # verbs whose patterns are not used


def _read(name: str) -> str:
    return resources.files("newstrace.data").joinpath("events", name).read_text("utf-8")


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    data = json.loads(_read("cameo_verbs.json"))
    synsets = {name: frozenset(words) for name, words in data["synsets"].items()}

    def words(forms: Iterable[str]) -> frozenset[str]:
        out: set[str] = set()
        for form in forms:
            out |= synsets.get(form[1:], frozenset()) if form.startswith("&") else {form}
        return frozenset(out)

    verbs: dict[str, list[Verb]] = {}
    forms: dict[str, str] = {}
    for entry in data["verbs"].values():
        verb = Verb(entry["verb"], entry["code"], entry["block"], tuple(entry["before"]),
                    tuple(entry["after"]), entry["own"], entry["zipf"])
        verbs.setdefault(verb.lemma, []).append(verb)
        for form in entry["forms"]:
            forms.setdefault(form, verb.lemma)
    patterns = {
        block: tuple(sorted((make_pattern(tuple(words(i) for i in p["subject"]),
                                          tuple(words(i) for i in p["object"]),
                                          tuple((prep, words(w)) for prep, w in p["preps"]),
                                          p["cameo"]) for p in items),
                            key=lambda p: -p.size))
        for block, items in data["patterns"].items()}
    ordered = {lemma: tuple(sorted(entries, key=lambda v: -(len(v.before) + len(v.after))))
               for lemma, entries in verbs.items()}
    verbs_table = tomllib.loads(_read("overrides.toml")).get("verbs", {})
    table = plover_table()
    # a block none of whose patterns gives a PLOVER type only ever blocks its verbs' own
    # codes from a dropped category ("say * (IN STATEMENT)"): keep what can code
    patterns = {block: tuple(p for p in items if _maps(p.cameo, table)) for block, items in patterns.items()}
    patterns = {block: items for block, items in patterns.items() if items}
    index: dict[str, dict[str, tuple[int, ...]]] = {}
    for block, items in patterns.items():
        by_word: dict[str, list[int]] = {}
        for position, pattern in enumerate(items):
            for word in pattern.heads[0]:
                by_word.setdefault(word, []).append(position)
        index[block] = {word: tuple(positions) for word, positions in by_word.items()}
    return Dictionary(ordered, forms, patterns, index, table,
                      frozenset(v for v, allowed in verbs_table.get("bare", {}).items() if not allowed),
                      frozenset(v for v, allowed in verbs_table.get("patterns", {}).items() if not allowed))


def plover_table() -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> PLOVER type and mode: the converted table, then our overrides."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in _read("cameo2plover.tsv").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, kind, mode = (line.split("\t") + ["", ""])[:3]
        table[code] = (kind, mode.strip() or None)
    overrides = tomllib.loads(_read("overrides.toml"))
    for code, value in overrides.get("plover", {}).items():
        table[code] = (value["type"], value.get("mode") or None) if value.get("type") else ("", None)
    return table


def _maps(cameo: str, table: dict[str, tuple[str, str | None]]) -> bool:
    for size in range(len(cameo), 1, -1):
        found = table.get(cameo[:size])
        if found is not None:
            return bool(found[0])
    return False


def plover_of(cameo: str) -> tuple[str, str | None] | None:
    """The PLOVER type and mode of a CAMEO code: its own line, else its parent's
    ("0231" -> "023" -> "02"). None when PLOVER drops the category."""
    table = dictionary().plover
    for size in range(len(cameo), 1, -1):
        found = table.get(cameo[:size])
        if found is not None:
            return found if found[0] else None
    return None


# --- matching ----------------------------------------------------------------------------


def _lemmas(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _phrase_match(forms: frozenset[str], token: Token) -> bool:
    """A head token matches a form when its word or lemma is the form's last word and
    the form's other words stand before it in its phrase ("financial aid")."""
    for form in forms:
        words = form.split()
        if words[-1] not in _lemmas(token):
            continue
        if len(words) == 1:
            return True
        left = {t.lower_ for t in token.lefts} | {t.lemma_.lower() for t in token.lefts}
        if all(w in left for w in words[:-1]):
            return True
    return False


def _words(tokens: Iterable[Token]) -> set[str]:
    out: set[str] = set()
    for token in tokens:
        out.add(token.lower_)
        out.add(token.lemma_.lower())
    return out


def _conjoined(tokens: Iterable[Token]) -> list[Token]:
    """Phrase heads and their conjuncts ("aid and loans")."""
    out: list[Token] = []
    for token in tokens:
        out += [token, *token.conjuncts]
    return out


def verb_entries(token: Token, forms: list[str]) -> list[Verb]:
    entries: list[Verb] = []
    around: tuple[set[str], list[str], list[str]] | None = None
    for verb in _entries_of(tuple(forms)):
        if verb.before or verb.after:
            around = around or _around(token)
            if not _multiword_fits(verb, *around):
                continue
        entries.append(verb)
    return entries


@lru_cache(maxsize=65536)
def _entries_of(forms: tuple[str, ...]) -> tuple[Verb, ...]:
    """The dictionary's entries for a verb's forms that could code something, in order
    (multi-word verbs first); the words around the verb decide on those (verb_entries)."""
    d = dictionary()
    lemmas = [f for f in forms if f in d.verbs]
    lemmas += [d.forms[f] for f in forms if f in d.forms and d.forms[f] not in lemmas]
    return tuple(verb for lemma in lemmas for verb in d.verbs[lemma]
                 if verb.block in d.patterns or (verb.cameo and _maps(verb.cameo, d.plover)))


# How far around a verb the other words of a multi-word verb are looked for.
MULTIWORD_REACH = 4


def _around(token: Token) -> tuple[set[str], list[str], list[str]]:
    """The verb's children after it, the words right after it and right before it."""
    doc = token.doc
    return ({c.lower_ for c in token.children if c.i > token.i},
            [t.lower_ for t in doc[token.i + 1: token.i + 1 + MULTIWORD_REACH]],
            [t.lower_ for t in doc[max(0, token.i - MULTIWORD_REACH): token.i]])


def _multiword_fits(verb: Verb, children: set[str], following: list[str], preceding: list[str]) -> bool:
    """'ask for': a particle, preposition or next word 'for'; 'wire tap': 'wire' before."""
    if verb.after and not (set(verb.after) <= children or
                           following[:len(verb.after)] == list(verb.after)):
        return False
    if verb.before and preceding[len(preceding) - len(verb.before):] != list(verb.before):
        return False
    return True


def code_verb(token: Token, forms: list[str]) -> Coding | None:
    """The CAMEO coding of a verb token: its most specific matching pattern, else the
    verb's own code; None when neither gives a PLOVER type."""
    entries = verb_entries(token, forms)
    if not entries:
        return None
    d = dictionary()
    blocks = [v for v in entries if v.lemma not in d.no_patterns and v.block in d.patterns]
    subject_tokens: list[Token] = []
    objects: list[Token] = []
    preps: list[Token] = []
    present: set[str] = set()
    if blocks:
        children = list(token.children)
        # PETRARCH's pre-verb nouns are the subject's head and the words before it
        subject_tokens = [t for head in _conjoined(c for c in children if c.dep_ in SUBJECT_DEPS)
                          for t in [*head.lefts, head]]
        objects = _conjoined(c for c in children if c.dep_ in OBJECT_DEPS)
        preps = [c for c in children if c.dep_ in ("prep", "agent")]
        preps += [p for o in objects for p in o.children if p.dep_ == "prep"]
        present = _words(subject_tokens + objects + preps +
                         [g for p in preps for o in p.children if o.dep_ == "pobj" for g in _conjoined([o])])
        present.add("by")   # a passive's agent phrase
    seen: set[str] = set()
    for verb in blocks:
        if verb.block in seen:
            continue
        seen.add(verb.block)
        by_word = d.index[verb.block]
        candidates = sorted({i for word in present for i in by_word.get(word, ())})
        for pattern in (d.patterns[verb.block][i] for i in candidates):
            if not all(heads & present for heads in pattern.heads):
                continue
            used = _match(pattern, subject_tokens, objects, preps)
            if used is None:
                continue
            found = plover_of(pattern.cameo)
            if found is not None:
                return Coding(pattern.cameo, found[0], found[1], pattern, verb, used)
            return None    # the most specific reading is a dropped category ("say")
    for verb in entries:
        if verb.cameo and verb.lemma not in d.not_bare:
            found = plover_of(verb.cameo)
            return Coding(verb.cameo, found[0], found[1], None, verb) if found else None
    return None


def _match(pattern: Pattern, subject: list[Token], objects: list[Token],
           preps: list[Token]) -> tuple[int, ...] | None:
    """The object tokens a pattern uses when all its items are found, else None."""
    used: list[int] = []
    for forms in pattern.subject:
        if not any(_phrase_match(forms, t) for t in subject):
            return None
    for forms in pattern.object:
        hit = next((o for o in objects if _phrase_match(forms, o)), None)
        if hit is None:
            return None
        used.append(hit.i)
    for word, forms in pattern.preps:
        if not any(_prep_match(p, word, forms) for p in preps):
            return None
    return tuple(used)


def _prep_match(prep: Token, word: str, forms: frozenset[str]) -> bool:
    if prep.lower_ != word and not (word == "by" and prep.dep_ == "agent"):
        return False
    if not forms:
        return True
    return any(_phrase_match(forms, g) for o in prep.children if o.dep_ == "pobj"
               for g in _conjoined([o]))
