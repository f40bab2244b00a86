"""Stage `html_metadata`: a page's metadata from its markup, apart from its main text.

A cascade of small `extract_*` functions, each filling one field only while it is
still empty: the caller's hints first, then JSON-LD, then meta tags and visible
markup (selectors in html_selectors.py). trafilatura fills what is left.
"""

from __future__ import annotations

import json
import re
from itertools import chain
from typing import Any, Callable, Iterable, Iterator

from lxml import etree
from lxml import html as lxml_html
from rapidfuzz import fuzz

from ..nlp.slug import slug_agreement, slug_words
from ..pipeline import Work, stage
from ..text import html_selectors as sel
from ..text.blocks import ends_sentence, tidy, title_key
from ..text.lines import is_furniture, is_promo, tag_names, word_count
from ..text.metaline import leftover_words, normalize_published, parse_line
from ..text.sites import host_name

ARTICLE_TYPES = re.compile(r"(News)?Article|BlogPosting|Report|WebPage|LiveBlogPosting", re.I)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
MAX_SUBTITLE_CHARS = 400
# A standfirst is a sentence or two; a word or two under a headline is a topic label
# ("Pflege") or a caption.
MIN_SUBTITLE_WORDS = 5
MAX_HEADLINE_WORDS = 40
SITE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+|\s*\|\s*")

Extractor = Callable[[Any, Work, list[dict[str, Any]]], None]


@stage("html_metadata", reads=("raw", "input.content_type"),
       adds=("metadata.title", "metadata.authors", "site_candidates", "aside_names",
             "markup_published", "declared_language",
             "metadata.tags", "metadata.url", "metadata.subtitle"))
def html_metadata(work: Work) -> None:
    if work.input.content_type != "html":
        return
    tree = parse_html(work.raw)
    if tree is None:
        return
    records = list(json_ld_articles(tree))
    for extract in EXTRACTORS:
        extract(tree, work, records)


def parse_html(raw: str) -> Any:
    try:
        return lxml_html.document_fromstring(XML_DECLARATION.sub("", raw, count=1))
    except (etree.ParserError, ValueError):
        return None


def first(tree: Any, xpaths: Iterable[str]) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = value.text_content() if hasattr(value, "text_content") else str(value)
            text = tidy(text)
            if text:
                return text
    return None


def every(tree: Any, xpaths: Iterable[str]) -> list[str]:
    found: list[str] = []
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = tidy(str(value))
            if text and text not in found:
                found.append(text)
    return found


def json_ld_articles(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath(sel.JSON_LD[0]):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        yield from _articles(data)


def _articles(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _articles(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and ARTICLE_TYPES.search(k) for k in kinds):
            yield data
        if "@graph" in data:
            yield from _articles(data["@graph"])


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, str) and value.strip() and "://" not in value:
        return [tidy(value)]
    return []


def extract_title(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    """The visible headline when the page has one; else the declared title, without
    the site's name that pages append to it ("Title | The Courier"). When the URL's
    path spells none of the headline's words but another candidate's, that one: an h1
    that is the site's name, a section or a widget heading loses to og:title."""
    meta = work.dossier.metadata
    if meta.title:
        return
    url = meta.url or first(tree, sel.URL)
    sites = [s for s in (first(tree, sel.PUBLISHER), host_name(url)) if s]
    declared = first(tree, sel.TITLE) or next(
        (tidy(r["headline"]) for r in records if isinstance(r.get("headline"), str)), None
    ) or first(tree, sel.PAGE_TITLE)
    headline = unique_headline(tree)
    headline = without_kicker(headline) if headline else None
    visible = headline if headline and word_count(headline) <= MAX_HEADLINE_WORDS else None
    candidates = ([visible] if visible else []) + [
        strip_site_name(t, sites) for t in (declared, first(tree, sel.PAGE_TITLE)) if t]
    meta.title = choose_title(candidates, slug_words(url))


# The first candidate gives way only when it shares (almost) no word with the URL's
# path (`SLUG_FLOOR`, Dice) and another shares many (`SLUG_MARGIN` more): a site's
# name, a section or a widget's heading in the h1. Two headlines that both share words
# are two wordings (the visible one and the search engines'): the first stays.
SLUG_FLOOR = 0.2
SLUG_MARGIN = 0.3
MIN_SLUG_WORDS = 3


def choose_title(candidates: list[str], slug: set[str]) -> str | None:
    """The first candidate, unless it is not the headline the URL's words spell."""
    if not candidates:
        return None
    chosen = candidates[0]
    if len(slug) < MIN_SLUG_WORDS:
        return chosen
    base = slug_agreement(chosen, slug)
    best = max(candidates, key=lambda c: slug_agreement(c, slug))
    return best if base <= SLUG_FLOOR and slug_agreement(best, slug) >= base + SLUG_MARGIN else chosen


# Words a kicker or a section label above a headline has at most ("Local News").
KICKER_WORDS = 4


def without_kicker(headline: str) -> str:
    """An h1 whose elements print a section or a kicker on a line of its own before the
    headline ("Local News |" / "Brothel ... busted in Boston"): the headline's line. Lines
    of one headline are joined."""
    lines = [line.strip(" |:–—-·•") for line in headline.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        return " ".join(lines) or headline
    longest = max(lines, key=word_count)
    if all(word_count(line) <= KICKER_WORDS for line in lines if line is not longest):
        return longest
    return " ".join(lines)


def headline_text(h1: Any) -> str:
    """An h1's words without a kicker or overline printed inside it ("<span
    class='kicker'>Tunesien</span> Große Aufgaben ..."): a label, not the headline."""
    kickers = h1.xpath(sel.KICKER)
    if not kickers:
        return tidy(h1.text_content())
    words = []
    for node in h1.xpath(".//text()"):
        parent = node.getparent()
        owner = parent if not node.is_tail else parent.getparent()
        if owner is not None and any(owner is k or k in owner.iterancestors() for k in kickers):
            continue
        words.append(str(node))
    return tidy(" ".join(words)) or tidy(h1.text_content())


def unique_headline(tree: Any) -> str | None:
    """The first selector's h1 when it names one headline (several h1s say nothing)."""
    for xpath in sel.HEADLINE:
        found = {headline_text(h) for h in tree.xpath(xpath)} - {""}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None


def strip_site_name(title: str, sites: list[str]) -> str:
    """Drop a leading or trailing part that names the site ("X - skispringen.com")."""
    parts = SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _dated_line(parts[-1]):      # "Title : 06.11.2023, 11.41 Uhr"
        parts = parts[:-1]
        title = " - ".join(parts)
    if len(parts) < 2:
        return title
    keys = [_compact(s) for s in sites]
    for index in (-1, 0):
        part = _compact(parts[index])
        if part and any(part in k or k in part or fuzz.ratio(part, k) >= 80 for k in keys if k):
            rest = parts[:-1] if index == -1 else parts[1:]
            return " - ".join(rest).strip() or title
    return title


def _compact(text: str) -> str:
    return re.sub(r"\W|www|\b(com|org|net|de|ch|at|co|uk)\b", "", title_key(text))


def aside_only_names(tree: Any) -> set[str]:
    """Link texts printed only in asides, sidebars, widgets and comments. One pass over
    the page (an XPath asking each text node for its ancestors' regions is quadratic)."""
    inside: set[Any] = set()
    for region in tree.xpath(sel.ASIDE_REGIONS):
        inside.update(region.iter())
    if not inside:
        return set()
    linked = {tidy(a.text_content()) for a in tree.iter("a") if a in inside}
    elsewhere = []
    for element in tree.iter():
        if element in inside:
            continue
        elsewhere.append(element.text if isinstance(element.text, str) else "")
        # a region's tail is its parent's words; a plain element's own tail is taken here
        elsewhere.extend(child.tail or "" for child in element if child in inside)
        if element.getparent() is not None:
            elsewhere.append(element.tail or "")
    printed = tidy(" ".join(elsewhere))
    return {name for name in linked if name and name not in printed}


def extract_published(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    """The markup's publication time, kept aside: `read_html` weighs it against
    htmldate's date (through trafilatura), which reads many more signals."""
    candidates = [r.get("datePublished") for r in records if isinstance(r.get("datePublished"), str)]
    candidates.append(first(tree, sel.PUBLISHED))
    for value in candidates:
        normalized = normalize_published(value)
        if normalized:
            work.markup_published = normalized
            return


def extract_authors(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    meta = work.dossier.metadata
    if meta.authors:
        return
    for record in records:
        meta.authors = meta.authors or _names(record.get("author"))
    if not meta.authors:
        meta.authors = [a for a in every(tree, sel.AUTHORS)[:1] if "://" not in a]
    if not meta.authors:
        # only then does `read_html` take trafilatura's author, which may be a commenter's
        work.aside_names = aside_only_names(tree)


def extract_publisher(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    """Every name the markup gives the site, for stage `publisher` to weigh."""
    found = work.site_candidates
    for record in records:
        found.extend(("json-ld", name) for name in _names(record.get("publisher"))[:1])
    for xpath in sel.PUBLISHER:
        # an app's name (`application-name`) is often the site's, sometimes an app's own
        source = "app-name" if "application-name" in xpath else "site-name"
        found.extend((source, tidy(v)) for v in tree.xpath(xpath)[:1] if isinstance(v, str) and v.strip())
    # "Headline - Site": stage `publisher` takes the part that agrees with the domain
    found.extend(("page-title", tidy(v)) for v in tree.xpath(sel.PAGE_TITLE[0])[:1] if isinstance(v, str) and v.strip())


def extract_tags(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    meta = work.dossier.metadata
    for value in every(tree, sel.TAGS):
        meta.tags.extend(t for t in tag_names(value) if t not in meta.tags)


def extract_url(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    meta = work.dossier.metadata
    meta.url = meta.url or first(tree, sel.URL)


def extract_subtitle(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    """A standfirst marked up as one; never the SEO description, which is often a summary."""
    meta = work.dossier.metadata
    headline = first(tree, sel.HEADLINE) or ""
    marked = ((tidy(e.text_content()), False) for xpath in sel.SUBTITLE for e in tree.xpath(xpath))
    placed = ((tidy(e.text_content()), True) for xpath in sel.SUBTITLE_BY_PLACE for e in tree.xpath(xpath))
    for value, by_place in chain(marked, placed):     # the placed ones only when needed
        if len(value) <= MAX_SUBTITLE_CHARS and word_count(value) >= MIN_SUBTITLE_WORDS \
                and title_key(value) != title_key(headline) and not _dated_line(value) \
                and (not by_place or _reads_as_standfirst(value)):
            meta.subtitle = meta.subtitle or value
            return


# A standfirst known only by its place is a sentence of this many words or more.
MIN_PLACED_WORDS = 8


def _reads_as_standfirst(text: str) -> bool:
    """Prose that ends a sentence and promotes nothing: no "Newsletter abonnieren", no
    "Lesen Sie auch:"."""
    return word_count(text) >= MIN_PLACED_WORDS and ends_sentence(text) and not is_promo(text) \
        and not is_furniture(text)


def _dated_line(text: str) -> bool:
    """A date with a name or a place beside it ("Handball Schweiz • 02.02.2022"), a
    byline ("By Ela on 31 October, 2023 | 18 Comments") or a line that opens with a
    date: a metadata line, no standfirst."""
    line = parse_line(text)
    return bool(line.authors) or (bool(line.dates) and (
        leftover_words(line) <= 4 or min(d.start for d in line.dates) == 0))


def extract_language(tree: Any, work: Work, records: list[dict[str, Any]]) -> None:
    declared = first(tree, sel.LANGUAGE)
    if declared:
        work.declared_language = declared[:2].lower()


EXTRACTORS: tuple[Extractor, ...] = (
    extract_title,
    extract_published,
    extract_authors,
    extract_publisher,
    extract_tags,
    extract_url,
    extract_subtitle,
    extract_language,
)
