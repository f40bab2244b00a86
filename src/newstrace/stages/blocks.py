"""Blocks: the lines of a page, each with a kind, before they become `text`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

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
    folded = unicodedata.normalize("NFKD", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def join_wrapped(blocks: list[Block]) -> list[str]:
    """The body blocks as paragraphs, rejoining lines that a hard wrap split.

    `blocks` is the whole page in order. A body line continues the body line just
    before it when no blank line separates them, the earlier one does not end a
    sentence and this one starts in lower case: the signature of a wrap.
    """
    paragraphs: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.is_body:
            if (
                previous is not None
                and previous.is_body
                and not block.gap_before
                and not ends_sentence(previous.text)
                and block.text[:1].islower()
            ):
                paragraphs[-1] = f"{paragraphs[-1]} {block.text}"
            else:
                paragraphs.append(block.text)
        previous = block
    return paragraphs
