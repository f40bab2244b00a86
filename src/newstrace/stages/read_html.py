"""Stage `read_html`: a web page's main text, through trafilatura.

trafilatura finds the main text and drops the page's furniture; its lines become
blocks that `clean_text` then cleans like scraped text (promotion, tag lines and
navigation often survive inside article bodies). trafilatura's metadata fills
what the markup cascade (`html_metadata`) left empty.
"""

from __future__ import annotations

import re
from typing import cast

import trafilatura

from ..errors import NoContentError
from ..pipeline import Work, stage
from ..text.blocks import split_lines
from ..text.lines import tag_names

TRAFILATURA_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# libxml2's HTML parser (lxml's, so trafilatura's) silently stops reading a page at 256
# levels of nesting: the text below is lost. Deeper pages lose their layout wrappers
# (elements that group text but give it no structure of its own) before extraction.
MAX_PARSED_DEPTH = 255
TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
# Not counted: void elements, and those whose end tag may be left out (an unclosed <p>
# or <li> is closed by the next one, so a page of them is not deep).
NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rp rt".split())
WRAPPERS = re.compile(
    r"</?(?:div|span|section|font|center|b|i|u|em|strong|small|big|nobr|mark|label|ins|del"
    r"|s|sub|sup|abbr|cite|q|tt|var|kbd|samp|dfn|bdi|bdo)(?:\s[^>]*)?/?>", re.I)


@stage("read_html", reads=("raw", "input.content_type", "aside_names", "markup_published",
                            "declared_language"),
       adds=("blocks", "metadata.title", "metadata.authors", "metadata.published",
             "site_candidates", "metadata.tags", "declared_language"))
def read_html(work: Work) -> None:
    if work.input.content_type != "html":
        return
    page, depth = work.raw, nesting_depth(work.raw)
    if depth > MAX_PARSED_DEPTH:
        page = WRAPPERS.sub("", page)
    # a Document: as_dict is left False
    extracted = cast("trafilatura.settings.Document | None", trafilatura.bare_extraction(
        page,
        url=work.dossier.metadata.url,
        with_metadata=True,
        include_comments=False,
        include_tables=work.options.include_tables,
        deduplicate=False,
    ))
    if extracted is None or not (extracted.text or "").strip():
        if depth > MAX_PARSED_DEPTH:
            raise NoContentError(
                f"the page's elements are nested {depth:,} deep, more than the HTML parser "
                f"reads ({MAX_PARSED_DEPTH + 1}), and no main text was found above that depth; "
                "save the article's text and analyse it as text"
            )
        raise NoContentError(
            "the page has no main text that could be extracted (an index page, a login wall "
            "or a script-only page?); save the article's own page and try again"
        )
    assert extracted.text is not None   # an empty text raised above
    work.blocks = split_lines(extracted.text)
    fill_from_trafilatura(work, extracted)


def nesting_depth(page: str) -> int:
    """How deep the page's elements nest, from its tags alone (`NOT_NESTING` and
    self-closed elements aside; an end tag closes one level): cheap, and close enough to
    tell a page the parser cannot read whole."""
    level = deepest = 0
    for match in TAG.finditer(page):
        if match.group(1):
            if match.group(2).lower() not in NOT_NESTING:
                level = max(0, level - 1)
        elif not match.group(3) and match.group(2).lower() not in NOT_NESTING:
            level += 1
            deepest = max(deepest, level)
    return deepest


def fill_from_trafilatura(work: Work, extracted: trafilatura.settings.Document) -> None:
    meta = work.dossier.metadata
    meta.title = meta.title or _clean(extracted.title)
    if not meta.authors and extracted.author:
        # trafilatura takes a rel=author link anywhere: a sidebar's commenter is none
        aside = work.aside_names
        meta.authors = [a for a in (part.strip() for part in extracted.author.split(";")) if a and a not in aside]
    meta.published = meta.published or published(
        extracted.date, work.markup_published)
    sitename = _clean(extracted.sitename)
    if sitename:
        work.site_candidates.append(("extractor", sitename))
    for tag in list(extracted.tags or []) + list(extracted.categories or []):
        meta.tags.extend(t for t in tag_names(tag) if t not in meta.tags)
    meta.url = meta.url or extracted.url
    if extracted.language:
        work.declared_language = work.declared_language or extracted.language[:2].lower()


def published(found: str | None, markup: str | None) -> str | None:
    """htmldate's day, with the markup's time of day when both name the same day."""
    if not (found and TRAFILATURA_DATE.match(found)):
        return markup
    day = found[:10]
    return markup if markup and markup.startswith(day) else day


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
