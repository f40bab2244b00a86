"""Quoted passages in a text, whatever the quotation-mark style.

Curly (“…”, ‘…’), low-high („…“), guillemets («…», ‹…›) and straight ("…", '…')
marks are paired; apostrophes ("don't", "Haftar's") are told from single quotes by
the letters on both sides. Pages mix their double marks (`“...,"`, `"...”`: typed
and converted text pasted together), so a double mark closes at any double closing
mark in closing position, and two apostrophes (`''...''`, an old typewriter
convention, also opened by two backticks: ```...''`) are one double mark. A quotation
left open at the end of a paragraph continues when the next paragraph opens with the
same mark (the convention for quotes over several paragraphs), and otherwise ends
there: an unclosed quote never swallows the rest of the article. Text whose paragraph
breaks were lost (scraped and flattened) shows that convention as a double mark opening
a sentence inside an open quotation (`...a new audience. "I hope...`): the quotation
goes on there, as over a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Opening mark -> the marks that close it.
CLOSERS = {
    "“": "”", "„": "“”", "«": "»", "‹": "›", '"': '"',
    "‘": "’", "‚": "‘’", "'": "'",
    # Closing marks some pages also open with (”...”, »...«): only at a word's start.
    "”": "”“", "»": "«»",
}
REVERSED = {"”", "»"}
SINGLE = {"‘", "‚", "'"}
# Double marks of the English styles, any of which may close another's quotation.
DOUBLE = {"“", "”", '"', "„"}
TWO_APOSTROPHES = "''"
BACKTICKS = "``"   # typewriter and TeX opening marks, closed by two apostrophes
QUOTE_CHARS = set(CLOSERS) | {c for closers in CLOSERS.values() for c in closers}
PARAGRAPH = "\n\n"


@dataclass(slots=True)
class Quoted:
    """One quotation: its content pieces (one per paragraph) and where its marks are."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    open_mark: int = 0
    close_mark: int | None = None   # None: left open at a paragraph's end
    close_width: int = 1            # 2 for a closing ''

    @property
    def after_close(self) -> int:
        """Where the text goes on after the closing mark (the content's end when open)."""
        return self.close_mark + self.close_width if self.close_mark is not None else self.end

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _word(ch: str) -> bool:
    return ch.isalnum()


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in ("'", "’"):
        return not _word(before) and _word(after)
    if ch in REVERSED:
        return (before.isspace() or i == 0) and after.isalnum()
    if ch == '"':
        return not _word(before) or after.isalnum()
    return ch in CLOSERS


def _closes(text: str, i: int, opener: str) -> bool:
    ch = text[i]
    if ch not in CLOSERS[opener]:
        # a mixed pair: a double quotation closed by another style's double mark, which
        # must then sit where a quotation ends (after a word or punctuation, before none),
        # and not be an inner quotation's end: then our own closer comes next
        return opener in DOUBLE and ch in DOUBLE and _closing_position(text, i) \
            and not _own_closer_next(text, i, opener)
    return True if opener not in SINGLE else _single_closes(text, i)


def _own_closer_next(text: str, i: int, opener: str) -> bool:
    """Whether the next double mark after i, in its paragraph, is one that closes `opener`."""
    end = text.find(PARAGRAPH, i)
    for j in range(i + 1, len(text) if end < 0 else end):
        if text[j] in DOUBLE:
            return text[j] in CLOSERS[opener]
    return False


def _closing_position(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _word(after)


def _opening_position(text: str, i: int) -> bool:
    """A double mark that opens: after a space, right before a word."""
    return 0 < i < len(text) - 1 and text[i - 1] == " " and text[i + 1].isalnum()


# A sentence that reports speech in the third person is the reporter's narration.
NARRATION = re.compile(r"(?:\b[A-Z][a-z]+|\b(?:he|she|they)) (?:said|says|added|told|recalled|explained)\b")
SENTENCE_END = re.compile(r"[.?!][”’\"']?\s+")


def _lost_close(text: str, content_start: int, i: int) -> int | None:
    """Where a quotation that lost its closing mark ends, when a mark at i opens a new
    one: before a narrating sentence ('...in a box. Hughes said he joked ... "But I'),
    or at the last sentence end when the mark opens no sentence (`...North Georgia.
    Except for the basins, “the remainder...`). None: the mark opens the quotation's
    next paragraph."""
    # (end of the sentence's words, start of the next sentence)
    ends = [(m.start() + 1, m.end()) for m in SENTENCE_END.finditer(text, content_start, i)]
    if not ends:
        return None
    if ends[-1][1] != i:
        return ends[-1][0]   # the mark opens no sentence
    # the mark opens a sentence: the quotation's next paragraph, unless narration came first
    if len(ends) > 1 and NARRATION.search(text, ends[-2][1], i) and not text[i + 1].islower():
        return ends[-2][0]
    return None


def _misprinted_close(text: str, i: int, opener: str) -> bool:
    """A double mark of the opening shape printed where one closes: after a comma or a
    stop and a space, before a space ('...pet him like this, “ he said')."""
    return opener in DOUBLE and text[i] in DOUBLE and 1 < i < len(text) - 1 and text[i - 1] == " " \
        and text[i - 2] in ",.?!" and text[i + 1] == " "


def _single_closes(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not _word(after) and not before.isspace()


def _two_apostrophes(text: str, i: int) -> bool:
    """`''` standing for a double mark: two apostrophes, neither inside a word."""
    return text.startswith(TWO_APOSTROPHES, i) and not text.startswith(TWO_APOSTROPHES, i + 1)


def find_quotes(text: str) -> list[Quoted]:
    """Every quotation in `text`, in order, with content offsets without the marks."""
    found: list[Quoted] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if _typewriter_opening(text, i):
            quoted, i = _read_apostrophe_quote(text, i)
            if quoted is not None:
                found.append(quoted)
            continue
        if ch in CLOSERS and _opens(text, i):
            quoted, i = _read_quote(text, i)
            if quoted is not None:
                found.append(quoted)
            continue
        i += 1
    return found


def _read_quote(text: str, start: int) -> tuple[Quoted | None, int]:
    opener = text[start]
    quoted = Quoted(open_mark=start)
    content_start = start + 1
    i = content_start
    while i < len(text):
        if text.startswith(PARAGRAPH, i):
            if opener in SINGLE:
                return None, start + 1   # a lone single mark: an apostrophe after all
            if content_start < i:
                quoted.parts.append((content_start, i))
            following = i + len(PARAGRAPH)
            while following < len(text) and text[following] == "\n":
                following += 1
            if following < len(text) and text[following] == opener and opener not in SINGLE:
                content_start = i = following + 1
                continue
            return (quoted if quoted.parts else None), following
        if text[i] in DOUBLE and opener in DOUBLE and _opening_position(text, i):
            # another quotation opens inside this one: the next paragraph of it, its
            # break lost ('...audience. "I hope...'), or a new quotation after this one
            # lost its closing mark (narration between, or no sentence end before)
            lost = _lost_close(text, content_start, i)
            if lost is not None:
                if content_start < lost:
                    quoted.parts.append((content_start, lost))
                return (quoted if quoted.parts else None), i
            if content_start < i - 1:
                quoted.parts.append((content_start, i - 1))
            content_start = i = i + 1
            continue
        if _closes(text, i, opener) or _misprinted_close(text, i, opener):
            if content_start < i:
                quoted.parts.append((content_start, i))
            quoted.close_mark = i
            return (quoted if quoted.parts else None), i + 1
        i += 1
    if opener in SINGLE:
        return None, start + 1
    if content_start < len(text):
        quoted.parts.append((content_start, len(text)))
    return (quoted if quoted.parts else None), len(text)


def _typewriter_opening(text: str, i: int) -> bool:
    """'' or `` opening a quotation (`''This ...''`, ```It couldn't ...''`, and `'' This`
    with a stray space), never inside a word."""
    if not (_two_apostrophes(text, i) or text.startswith(BACKTICKS, i)) or (i > 0 and _word(text[i - 1])):
        return False
    after = i + 2 + (text[i + 2:i + 3] == " " and text[i - 1:i] in ("", " ", "\n"))
    return after < len(text) and _word(text[after])


def _read_apostrophe_quote(text: str, start: int) -> tuple[Quoted | None, int]:
    """`''...''` or ```...''` within one paragraph; unclosed, the marks were no quotation."""
    quoted = Quoted(open_mark=start)
    content_start = start + len(TWO_APOSTROPHES)
    if text[content_start:content_start + 1] == " ":
        content_start += 1
    end = text.find(PARAGRAPH, content_start)
    end = len(text) if end < 0 else end
    i = content_start
    while i < end:
        if _two_apostrophes(text, i) and not text[i - 1].isspace() \
                and not (i + 2 < len(text) and _word(text[i + 2])):
            if content_start < i:
                quoted.parts.append((content_start, i))
                quoted.close_mark, quoted.close_width = i, len(TWO_APOSTROPHES)
                return quoted, i + len(TWO_APOSTROPHES)
            break
        i += 1
    return None, start + len(TWO_APOSTROPHES)
