"""Stage `title`: the title (once), its repeats, and the subtitle or standfirst.

Scraped pages print the title several times (the page title, the headline, a
breadcrumb), sometimes with the site's name after it ("Title | Site"). The first
title-like line is the title; every later line equal to it is a repeat. A
standfirst is the line between the title and the metadata line, or a short,
unpunctuated line straight after the title.
"""

from __future__ import annotations

import re

from ..pipeline import Work, stage
from ..text.blocks import SUBTITLE, TITLE, Block, ends_sentence, removed_lines, title_key
from ..text.lines import is_section_label, title_like, word_count
from ..text.sites import site_names

MAX_SUFFIX_WORDS = 6          # "Title | The Daily Courier Online"
MAX_SUBTITLE_WORDS = 60
MAX_BARE_SUBTITLE_WORDS = 40  # a standfirst with no metadata line after it
SUFFIX_SEPARATOR = re.compile(r"\s+[|\-–—:•·]\s+")


@stage("title", reads=("blocks",), adds=("blocks", "metadata.title", "metadata.subtitle",
                                         "publisher_candidates"))
def title(work: Work) -> None:
    kind = work.input.content_type
    if kind == "plain":
        return
    if kind == "text":
        drop_section_labels(work.blocks)
        pick_title(work)
    else:
        mark_known_title(work)
    pick_subtitle(work)
    work.dossier.removed = removed_lines(work.blocks)


def body_indices(blocks: list[Block]) -> list[int]:
    return [i for i, b in enumerate(blocks) if b.is_body]


def drop_section_labels(blocks: list[Block]) -> None:
    """A section name printed above the headline ("WORLD") is not the headline."""
    body = body_indices(blocks)
    for i in body[:2]:
        if is_section_label(blocks[i].text) and len(body) > 1 and i != body[-1]:
            blocks[i].kind = "other"
        else:
            break


def pick_title(work: Work) -> None:
    blocks = work.blocks
    body = body_indices(blocks)
    if len(body) < 2:
        return
    lead = blocks[body[0]]
    repeats = [blocks[i] for i in body[1:] if title_key(blocks[i].text) == title_key(lead.text)]
    if not repeats and not title_like(lead.text):
        return
    lead.kind = TITLE
    work.dossier.metadata.title = lead.text
    for block in repeats:
        block.kind = "repeated-title"
    strip_site_suffix(work, lead, [blocks[i] for i in body[1:]])
    if lead.kind == TITLE:
        split_site_name(work, lead)


def split_site_name(work: Work, block: Block) -> None:
    """'Title | The Valley Ledger' printed once: the part after a bar is the site's name;
    after a dash, only when the page names itself so elsewhere (a dash is common in
    headlines)."""
    separators = list(SUFFIX_SEPARATOR.finditer(block.text))
    if not separators:
        return
    last = separators[-1]
    site = block.text[last.end():].strip()
    if not site or word_count(site) > MAX_SUFFIX_WORDS:
        return
    if last.group().strip() != "|" and not _names_match(site, site_names(work.blocks, work.dossier.metadata.url)):
        return
    work.dossier.metadata.title = block.text[: last.start()].strip()
    work.publisher_candidates.append(("title-suffix", site))
    index = work.blocks.index(block)
    work.blocks.insert(index + 1, Block(block.text[last.start():].strip(), kind="metadata",
                                        gap_before=False))


def _names_match(site: str, names: list[str]) -> bool:
    key = title_key(site).replace(" ", "")
    return any(key and (key in title_key(n).replace(" ", "") or
                        title_key(n).replace(" ", "") in key) for n in names)


def strip_site_suffix(work: Work, lead: Block, later: list[Block]) -> None:
    """'Title | Site' beside a bare 'Title': the bare one is the title, the rest the site."""
    key = title_key(lead.text)
    for block in later:
        if not block.is_body:
            continue
        other = title_key(block.text)
        if other and key.startswith(other + " ") and _suffix_ok(lead.text, block.text):
            _candidate(work, lead.text, block.text)
            lead.kind, block.kind = "repeated-title", TITLE
            work.dossier.metadata.title = block.text
            _mark_repeats(work.blocks, block)
            return
        if key and other.startswith(key + " ") and _suffix_ok(block.text, lead.text):
            _candidate(work, block.text, lead.text)
            block.kind = "repeated-title"


def _suffix_ok(longer: str, shorter: str) -> bool:
    rest = longer[len(shorter):] if longer.lower().startswith(shorter.lower()) else ""
    return bool(SUFFIX_SEPARATOR.match(rest)) and word_count(rest) <= MAX_SUFFIX_WORDS


def _candidate(work: Work, longer: str, shorter: str) -> None:
    site = SUFFIX_SEPARATOR.sub("", longer[len(shorter):], count=1).strip()
    if site:
        work.publisher_candidates.append(("title-suffix", site))


def _mark_repeats(blocks: list[Block], title_block: Block) -> None:
    key = title_key(title_block.text)
    for block in blocks:
        if block is not title_block and block.is_body and title_key(block.text) == key:
            block.kind = "repeated-title"


def mark_known_title(work: Work) -> None:
    """HTML: the title came from the page's markup; its copies in the body are repeats."""
    known = work.dossier.metadata.title
    if not known:
        return
    key = title_key(known)
    for block in work.blocks:
        if block.is_body and title_key(block.text) == key:
            block.kind = "repeated-title"


def pick_subtitle(work: Work) -> None:
    meta = work.dossier.metadata
    blocks = work.blocks
    if meta.subtitle:
        # A standfirst from the markup that the main text holds too is the body's
        # lead paragraph there: it stays in the body, once, and is no subtitle.
        key = title_key(meta.subtitle)
        for block in blocks:
            if block.is_body and title_key(block.text) == key:
                block.kind = SUBTITLE
                return
        return
    if work.input.content_type != "text" or not meta.title:
        return
    start = next((i for i, b in enumerate(blocks) if b.kind == TITLE), None)
    if start is None:
        return
    following = [i for i in body_indices(blocks) if i > start]
    if len(following) < 2:
        return
    first = following[0]
    candidate = blocks[first]
    between = blocks[first + 1 : following[1]]
    before_metadata = any(b.kind == "metadata" for b in between)
    words = word_count(candidate.text)
    if (before_metadata and words <= MAX_SUBTITLE_WORDS) or (
        len(following) >= 3 and words <= MAX_BARE_SUBTITLE_WORDS and not ends_sentence(candidate.text)
    ):
        candidate.kind = SUBTITLE
        meta.subtitle = candidate.text

