"""The words of a URL's path ("/2022/05/prison-official-anyone-could-escape"), which
news sites make from the headline: a witness, independent of the page's markup, to
which of several title candidates is the article's."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .names import fold

WORDS = re.compile(r"[^\W\d_]+")
# Path words that name the site's furniture, not the headline.
PATH_WORDS = frozenset("""html htm php aspx asp jsp shtml index article articles artikel story
stories news nachrichten noticias post posts blog detail details content page item id amp""".split())
GERMAN = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))


def slug_words(url: str | None) -> set[str]:
    """The headline words a URL's path holds (folded, at least two letters)."""
    if not url or "//" not in url:
        return set()
    path = unquote(urlsplit(url).path)
    return {w for w in WORDS.findall(fold(path.replace("_", " "))) if len(w) > 1 and w not in PATH_WORDS}


def german_spelling(text: str) -> str:
    """Lower-cased, with umlauts as German domains and URLs spell them ("ü" -> "ue")."""
    text = text.lower()
    for letter, spelt in GERMAN:
        text = text.replace(letter, spelt)
    return text


def title_words(text: str) -> tuple[set[str], set[str]]:
    """A title's words, folded, and the same words as German domains spell umlauts."""
    return set(WORDS.findall(fold(text.lower()))), set(WORDS.findall(fold(german_spelling(text))))


def slug_overlap(text: str, slug: set[str]) -> tuple[int, float]:
    """How many of a title's words the slug holds, and their Dice overlap (1.0 when they
    are the same words)."""
    plain, german = title_words(text)
    if not plain or not slug:
        return 0, 0.0
    shared = len((plain | german) & slug)
    return shared, 2 * min(shared, len(plain)) / (len(plain) + len(slug))


def slug_agreement(text: str, slug: set[str]) -> float:
    """Dice overlap of a title's words with the slug's."""
    return slug_overlap(text, slug)[1]
