"""Names: normal forms, titles, initials. Used to group an article's mentions."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..dossier import Entity

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
WORD = re.compile(r"[^\W_]+(?:[.'’\-][^\W_]+)*\.?", re.UNICODE)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    text = resources.files("newstrace.data").joinpath("names.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return frozenset(lexicon()["titles"])


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    return frozenset(lexicon()["role_nouns"])


def fold(text: str) -> str:
    """Case, accents and spacing ignored: the key two spellings of one name share."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").split())


def name_key(text: str) -> str:
    """The comparison key of a mention: folded, without 'the' and a possessive."""
    key = fold(POSSESSIVE.sub("", text.strip()))
    return re.sub(r"^the\s+", "", key)


def tokens(text: str) -> list[str]:
    return WORD.findall(text)


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading titles off a name: ['Marshal', 'Khalifa', 'Haftar'] -> (['Marshal'], [...])."""
    known = titles()
    for size in (3, 2, 1):
        while len(words) > size and fold(" ".join(words[:size])).rstrip(".") in known:
            head, words = words[:size], words[size:]
            rest_titles, words = strip_titles(words)
            return head + rest_titles, words
    return [], words


def acronym(words: list[str]) -> str:
    """Initials of the capitalised words: 'Libyan National Army' -> 'LNA'."""
    skip = set(lexicon()["acronym_skip"])
    return "".join(w[0].upper() for w in words if w.lower() not in skip and w[:1].isalpha())


def looks_like_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


# A Creative Commons licence's code ("CC BY-NC-ND 2.0"): its letters name no place.
LICENCE = re.compile(r"\bCC[ -]?(?:BY|0)(?:[ -](?:NC|ND|SA))*(?:[ -]\d\.\d)?\b")


def in_a_licence(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end()
               for m in LICENCE.finditer(text, max(0, position - 20), position + 20))


def add_descriptor(entity: Entity, text: str) -> None:
    """Add a role or title to what the entity is called, once, and never its own name."""
    if not text or fold(text) == fold(entity.name):
        return
    if fold(text) not in (fold(d) for d in entity.descriptors):
        entity.descriptors.append(text)
