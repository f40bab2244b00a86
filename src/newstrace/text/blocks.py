"""Blocks: the lines of a page, each with a kind, before they become `text`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, cast

from ..dossier import Removed, RemovedKind

BODY, TITLE, SUBTITLE = "body", "title", "subtitle"
# Zero-width and other invisible characters that scraped text carries.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
TERMINAL = re.compile(r"[.!?…:;]$")
TRAILING_CLOSERS = "\"'”’»)]*"


@dataclass(slots=True)
class Block:
    text: str
    kind: str = BODY
    gap_before: bool = True   # a blank line (or the page start) precedes it
    info: Any = None          # what the classifier found: a MetaLine, tags, a link...

    @property
    def is_body(self) -> bool:
        return self.kind == BODY


def tidy(line: str) -> str:
    """One line as it goes into `text`: invisible characters dropped, spaces collapsed."""
    return HSPACE.sub(" ", INVISIBLE.sub("", line)).strip()


def split_lines(raw: str) -> list[Block]:
    """Every non-blank line as a block; `gap_before` records the blank lines between them."""
    blocks: list[Block] = []
    gap = True
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        clean = tidy(line)
        if not clean:
            gap = True
            continue
        blocks.append(Block(clean, gap_before=gap))
        gap = False
    return blocks


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL.search(text.rstrip(TRAILING_CLOSERS)))


def title_key(text: str) -> str:
    """A comparison key: case, accents, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", folded))


# A document is hard-wrapped when its lines break at a fixed width: most lines that
# run on into the next one are nearly as long as the longest line, and that is short.
MAX_WRAP_WIDTH = 120
FULL_LINE = 0.6
MIN_WRAPPED_LINES = 3


def is_hard_wrapped(blocks: list[Block]) -> bool:
    body = [b for b in blocks if b.is_body]
    if not body:
        return False
    width = max(len(b.text) for b in body)
    running = [a for a, b in zip(blocks, blocks[1:]) if a.is_body and b.is_body and not b.gap_before]
    if width > MAX_WRAP_WIDTH or len(running) < MIN_WRAPPED_LINES:
        return False
    full = sum(len(a.text) >= FULL_LINE * width for a in running)
    return full >= 0.6 * len(running)


def merge_wrapped(blocks: list[Block]) -> list[Block]:
    """Rejoin the lines of a paragraph that the page or the scraper broke.

    A body line continues the body line before it when no blank line separates them
    and either the document is hard-wrapped, or the earlier line does not end a
    sentence and this one starts in lower case (the signature of a single wrap).
    """
    hard = is_hard_wrapped(blocks)
    width = max((len(b.text) for b in blocks if b.is_body), default=0)
    merged: list[Block] = []
    last_line = ""
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.is_body
            and block.is_body
            and not block.gap_before
            and (
                (hard and (len(last_line) >= FULL_LINE * width or ends_sentence(last_line)))
                or (not ends_sentence(last_line) and block.text[:1].islower())
            )
        ):
            previous.text = f"{previous.text} {block.text}"
        else:
            merged.append(block)
        last_line = block.text
    return merged


def removed_lines(blocks: list[Block]) -> list[Removed]:
    """The lines left out of `text`, with why (their kind), for the dossier's `removed`."""
    return [Removed(text=b.text, kind=cast(RemovedKind, b.kind)) for b in blocks if b.kind not in REMAIN]


# Kinds that stay in `text`.
REMAIN = frozenset({BODY, "title", "subtitle"})
