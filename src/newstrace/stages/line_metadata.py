"""Stage `line_metadata`: what metadata lines and a wire dateline say about the page.

Fills only fields that are still empty, so the caller's hints and the HTML
markup (read earlier) win over what the printed lines say.
"""

from __future__ import annotations

import re

from ..geo.names import country_code, looks_like_place
from ..nlp.dateline import WIRE_DATELINE
from ..pipeline import Work, stage
from ..text.blocks import Block
from ..text.metaline import DateMatch, MetaLine, find_dates, published_from


@stage("line_metadata", reads=("blocks",),
       adds=("metadata.published", "metadata.dateline", "metadata.authors",
             "metadata.views", "metadata.comments", "wire_agency"))
def line_metadata(work: Work) -> None:
    if work.input.content_type == "plain":
        return
    lines = [b.info for b in work.blocks if b.kind == "metadata" and isinstance(b.info, MetaLine)]
    meta = work.dossier.metadata
    for line in lines:
        meta.dateline = meta.dateline or line.place
        if line.authors and not meta.authors:
            meta.authors = list(line.authors)
        meta.views = meta.views if meta.views is not None else line.views
        meta.comments = meta.comments if meta.comments is not None else line.comments
    wire_dateline(work)
    if not meta.published:
        meta.published = published_from(lines, month_first(work, lines))


def month_first(work: Work, lines: list[MetaLine]) -> bool:
    """Read 06/11/2023 as June 11 only when told, or when the page shows it writes M/D."""
    order = work.options.date_order
    if order != "auto":
        return order == "MDY"
    for block in work.blocks:
        for date in find_dates(block.text):
            if date.ambiguous is None and _numeric(block.text, date):
                return _is_month_first(block.text[date.start:date.end], date)
    place = work.dossier.metadata.dateline or ""
    return any(country_code(part) == "US" for part in re.split(r"\s*,\s*", place))


def _numeric(text: str, date: DateMatch) -> bool:
    return bool(re.fullmatch(r"[\d./\- ]+", text[date.start:date.end]))


def _is_month_first(printed: str, date: DateMatch) -> bool:
    numbers = [int(n) for n in re.findall(r"\d+", printed)]
    return len(numbers) == 3 and numbers[0] == date.month and numbers[0] <= 12 < numbers[1]


def wire_dateline(work: Work) -> None:
    """The place in a wire story's opening words, when no metadata line gave one."""
    meta = work.dossier.metadata
    first = first_body(work.blocks)
    if meta.dateline or first is None:
        return
    m = WIRE_DATELINE.match(first.text)
    if not m:
        return
    place = m.group("place").strip()
    if (place.isupper() or m.group("agency")) and looks_like_place(place):
        meta.dateline = place
        if m.group("agency"):
            work.wire_agency = m.group("agency").strip()


def first_body(blocks: list[Block]) -> Block | None:
    return next((b for b in blocks if b.is_body), None)
