"""A wire dateline at a paragraph's start ("HANOI, Vietnam (AP) —", "LONDON (Reuters) -"):
it places the story and names no speaker or actor, though the parse may make the city
the subject of the first verb."""

from __future__ import annotations

import re
from typing import Any

DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+)*)(?:,\s[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*)?"
                      r"\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--|-)\s")


def dateline_tokens(doc: Any, text: str) -> set[int]:
    """Indexes of the tokens of every dateline that opens a paragraph."""
    found: set[int] = set()
    for sentence in doc.sents:
        if sentence.start_char and text[sentence.start_char - 1] != "\n":
            continue
        match = DATELINE.match(text, sentence.start_char, sentence.end_char)
        if match:
            found.update(t.i for t in sentence if t.idx < match.end())
    return found
