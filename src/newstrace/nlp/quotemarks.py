"""Quoted passages in a text, whatever the quotation-mark style.

Curly (“…”, ‘…’), low-high („…“), guillemets («…», ‹…›) and straight ("…", '…')
marks are paired; apostrophes ("don't", "Haftar's") are told from single quotes by
the letters on both sides. A quotation left open at the end of a paragraph continues
when the next paragraph opens with the same mark (the convention for quotes over
several paragraphs), and otherwise ends there: an unclosed quote never swallows the
rest of the article.
"""

from __future__ import annotations

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
QUOTE_CHARS = set(CLOSERS) | {c for closers in CLOSERS.values() for c in closers}
PARAGRAPH = "\n\n"


@dataclass(slots=True)
class Quoted:
    """One quotation: its content pieces (one per paragraph) and where its marks are."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    open_mark: int = 0
    close_mark: int | None = None   # None: left open at a paragraph's end

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
        return False
    if opener in SINGLE:
        after = text[i + 1] if i + 1 < len(text) else " "
        before = text[i - 1] if i > 0 else " "
        return not _word(after) and not before.isspace()
    return True


def find_quotes(text: str) -> list[Quoted]:
    """Every quotation in `text`, in order, with content offsets without the marks."""
    found: list[Quoted] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
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
        if _closes(text, i, opener):
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
