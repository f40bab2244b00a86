"""A wire dateline at a paragraph's start ("HANOI, Vietnam (AP) —", "LONDON (Reuters) -"):
it places the story and names no speaker or actor, though the parse may make the city
the subject of the first verb."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "HANOI, Vietnam (AP) —", "COLUMBIA --- ", and "CINCINNATI (AP)  Police" (an agency in
# brackets needs no dash after it)
DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+)*)(?:,\s[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*)?"
                      r"(?:\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|-{1,3})\s|\s*\([^)\n]{1,40}\)\s+(?=[A-Z]))")


# "MOSCOW (Reuters) -", "Sofia, 3 March (BTA) –", "BRUSSELS —": a wire story's dateline.
WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'\- ]{1,30}?)?)"
    r"(?:\s*,\s*(?P<date>[A-Za-z0-9 .,]{3,30}?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))?\s*[-–—]+\s+\S"
)
OPENING_PARAGRAPHS = 2


def wire_credit(text: str) -> str | None:
    """The agency credited in a dateline opening one of the first paragraphs of a clean
    text ("New York (AFP) – ..."), for input that came without page lines."""
    for paragraph in [p for p in text.split("\n\n") if p.strip()][:OPENING_PARAGRAPHS]:
        match = WIRE_DATELINE.match(paragraph.strip())
        if match and match.group("agency"):
            return match.group("agency").strip()
    return None


# A dateline may open the story's second or third sentence, after a headline that the
# scraping glued to it ("Sanford rejects aid. COLUMBIA --- ...").
GLUED_HEADLINE = 3


def dateline_tokens(doc: Doc, text: str) -> set[int]:
    """Indexes of the tokens of every dateline that opens a paragraph, or one of the
    story's first sentences."""
    found: set[int] = set()
    for number, sentence in enumerate(doc.sents):
        if sentence.start_char and text[sentence.start_char - 1] != "\n" and number >= GLUED_HEADLINE:
            continue
        # on a slice: "^" matches only at a string's real start, never at a `pos`
        match = DATELINE.match(text[sentence.start_char:sentence.end_char])
        if match:
            found.update(t.i for t in sentence if t.idx < sentence.start_char + match.end())
    return found
