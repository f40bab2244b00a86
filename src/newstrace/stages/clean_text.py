"""Stage `clean_text`: a scraped page's lines, each given a kind.

`clean_text` looks at every line on its own, wherever it sits: navigation, tag lines,
language notes, promotion, page furniture, metadata lines. What it recognises leaves
the body and goes to `removed` with its kind; what the line says (tags, a link, the
original language) goes to the metadata. Titles and subtitles are the `title` stage's.
"""

from __future__ import annotations

from ..dossier import Link
from ..pipeline import Work, stage
from ..text.blocks import Block, merge_wrapped, removed_lines
from ..text.lines import (
    copyright_holder,
    is_breadcrumb,
    is_furniture,
    is_promo,
    match_language_note,
    match_navigation,
    match_origin_note,
    match_tags,
)
from ..text.metaline import leftover_words, parse_line

# A metadata line is short: longer lines that hold a date are sentences.
MAX_METADATA_CHARS = 200
# Words a metadata line may hold that none of its parts explains ("Politics |
# 06.11.2023"). In HTML, trafilatura has dropped the page's furniture already, and
# what is left with a date in it is content ("Deadline: 03.11.2019"), unless the
# line is wholly metadata.
MAX_METADATA_LEFTOVER = {"text": 2, "html": 0}


@stage("clean_text", reads=("blocks",), adds=("blocks", "removed", "metadata.tags",
                                              "metadata.links", "metadata.original_language",
                                              "origin_notes"))
def clean_text(work: Work) -> None:
    if work.input.content_type == "plain":
        return
    leftover = MAX_METADATA_LEFTOVER.get(work.input.content_type, 0)
    for block in work.blocks:
        classify(block, leftover)
    work.blocks = merge_wrapped(work.blocks)
    apply_line_findings(work)


def classify(block: Block, max_leftover: int = 2) -> None:
    """Set `block.kind` (and `block.info`) from the line alone; body stays body."""
    line = block.text
    nav = match_navigation(line)
    if nav:
        block.kind, block.info = "navigation", nav
        return
    tags = match_tags(line)
    if tags:
        block.kind, block.info = "tags", tags
        return
    origin = match_origin_note(line)
    if origin:
        block.kind, block.info = ("language-note" if origin[0] == "translates" else "other"), origin
        return
    language = match_language_note(line)
    if language:
        block.kind, block.info = "language-note", language
        return
    if is_promo(line):
        block.kind = "promo"
        return
    if is_breadcrumb(line):
        block.kind = "navigation"
        return
    if is_furniture(line):
        block.kind, block.info = "other", copyright_holder(line)
        return
    meta = parse_line(line) if len(line) <= MAX_METADATA_CHARS else None
    if meta and (meta.strong or meta.time) and leftover_words(meta) <= max_leftover:
        block.kind, block.info = "metadata", meta


def apply_line_findings(work: Work) -> None:
    """Record removed lines, and what tag, navigation and language lines tell."""
    meta = work.dossier.metadata
    for block in work.blocks:
        if block.kind == "tags":
            meta.tags.extend(t for t in block.info if t not in meta.tags)
        elif block.kind == "navigation" and block.info and block.info[1]:
            rel, title = block.info
            meta.links.append(Link(rel=rel, title=title))
        elif isinstance(block.info, tuple) and block.kind in ("language-note", "other") \
                and len(block.info) == 2 and block.info[0] in ("reprints", "translates", "cites"):
            work.origin_notes.append(block.info)
        elif block.kind == "language-note" and meta.original_language is None:
            meta.original_language = block.info
    work.dossier.removed = removed_lines(work.blocks)


