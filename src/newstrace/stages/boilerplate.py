"""Stage `boilerplate`: the furniture of a whole page in scraped text, block by block.

A naive scraper keeps a page whole: menus, share buttons, teaser lists, footers around
the article (Common Crawl's WET files are this kind of text). `clean_text` knows lines
by what they say ("Share this article", "Tags: ..."); this stage knows them by how they
look beside the article's prose.

1. Each body line gets jusText's context-free class (`justext.core.classify_paragraphs`,
   jusText's thresholds): long with many stop words is `good` (prose), in between
   `neargood`, under 70 characters `short`, with few stop words `bad` (lists of names,
   menus, teasers). The stop words are those of the page's language: of jusText's 100
   stop lists, the one that covers most of the page's words.
2. Each line then weighs for or against the body (`block_scores`): good lines their
   length, near-good ones half of it, bad lines and the furniture other stages found
   their length against; a short sentence counts as near-good, a short line alone
   (a heading, a caption) a little against, and a run of three short lines or more (a
   menu, a list of teasers) much against, unless a line ending in a colon introduces it.
3. The body is the run of lines with the largest sum (as BTE finds an HTML page's body),
   and every further run worth `MORE_REGION` characters (an article cut by a gallery).
   Prose sentences up to `LEAD_REACH` lines above the body join it (a standfirst or an
   opening paragraph set apart by a picture); near-good lines in it that end no sentence
   (a teaser, a caption, a notice) leave it. Body lines outside it leave the text as
   `boilerplate` (kept in `removed`), except long prose (`KEEP_OUTSIDE`).
4. The headline is the title-like line before the body's end that shares most words
   with the URL's path (`slug_headline`; menus and teasers print title-like lines too);
   without a URL, the title-like line nearest above the body when furniture stands
   between it and the title taken (`retitle`). Whole-page title accuracy 0.25 -> 0.61.

A text under `MIN_WORDS` words, or with no good line at all (a note, a list, a few lines
of clean text), is left as it is: with no prose to stand beside, nothing is known to be
furniture. Lines other stages have classified (title, metadata, tags...) keep their kind.

On the whole-page text of the 990 extraction pages (`newstrace eval extraction
--whole-page`), body F1 0.708 -> 0.840 (half A, tuned on: 0.836; half B: 0.843), recall
0.988 -> 0.901; keeping everything scores 0.694.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from justext import get_stoplist, get_stoplists
from justext.core import classify_paragraphs

from ..nlp.slug import slug_overlap, slug_words
from ..pipeline import Work, stage
from .blocks import BODY, SUBTITLE, TITLE, Block, ends_sentence, title_key
from .clean_text import record_removed
from .title import title_like

WORD = re.compile(r"\w+")
# jusText's defaults, kept: the length (characters) under which a line is short, over
# which a stop-word-rich line is good, and the stop-word densities of good and bad.
LENGTH_LOW, LENGTH_HIGH = 70, 200
STOPWORDS_LOW, STOPWORDS_HIGH = 0.30, 0.32
# A page shorter than this many words, or with less prose (good and near-good lines,
# in characters), is taken as it is (a note, a list, a few lines of clean text).
MIN_WORDS = 80
MIN_PROSE = 300


@stage("boilerplate", reads=("blocks", "input.content_type", "metadata.url"),
       adds=("blocks", "removed", "metadata.title", "metadata.subtitle"))
def boilerplate(work: Work) -> None:
    if work.input.content_type != "text":
        return
    blocks = work.blocks
    words = [[w.lower() for w in WORD.findall(b.text)] for b in blocks]
    if sum(len(w) for b, w in zip(blocks, words) if b.kind == BODY) < MIN_WORDS:
        return
    classes = context_free(blocks, words)
    prose = sum(len(b.text) for b, c in zip(blocks, classes) if b.kind == BODY and c in ("good", "neargood"))
    if prose < MIN_PROSE:
        return
    inside = body_regions(blocks, classes)
    if inside:
        inside |= lead_paragraphs(blocks, classes, min(inside))
        # a near-good line that ends no sentence (a teaser, a caption, a notice) is none
        inside = {i for i in inside if not (classes[i] == "neargood" and not is_sentence(blocks[i]))}
    headline = slug_headline(work, max(inside)) if inside else None
    for index, (block, kind) in enumerate(zip(blocks, classes)):
        if block.kind != BODY:
            continue
        if index not in inside and not (kind == "good" and len(block.text) >= KEEP_OUTSIDE):
            block.kind = "boilerplate"
    if headline is not None:
        set_title(work, headline)
    elif inside:
        retitle(work, min(inside))
    record_removed(work)


# How many lines above the body a standfirst or an opening paragraph may stand, set
# apart by a picture, its caption or a byline.
LEAD_REACH = 20


def lead_paragraphs(blocks: list[Block], classes: list[str], start: int) -> set[int]:
    """Prose sentences just above the body (a standfirst, an opening paragraph set apart
    by a picture): near-good sentences within LEAD_REACH lines of the body's start."""
    found = set()
    for index in range(start - 1, max(-1, start - 1 - LEAD_REACH), -1):
        block = blocks[index]
        if block.kind == BODY and classes[index] in ("good", "neargood") and is_sentence(block):
            found.add(index)
    return found


# The fewest words a line must share with the URL's path, and its least Dice overlap
# with them, to be taken for the headline the path was made from.
SLUG_SHARED = 2
SLUG_DICE = 0.3


def slug_headline(work: Work, body_end: int) -> int | None:
    """The headline: the title-like line before the body's end that shares most words
    with the URL's path ("/2022/05/04/prison-official-anyone-could-escape"), where a
    whole page prints menu items and teasers as title-like lines too."""
    slug = slug_words(work.dossier.metadata.url)
    if len(slug) < SLUG_SHARED:
        return None
    best, best_score = None, SLUG_DICE
    for index, block in enumerate(work.blocks[:body_end]):
        if block.kind in (BODY, "boilerplate", TITLE, SUBTITLE, "repeated-title") and title_like(block.text):
            shared, score = slug_overlap(block.text, slug)
            if shared >= SLUG_SHARED and score > best_score:
                best, best_score = index, score
    return best


def set_title(work: Work, best: int) -> None:
    """The line at `best` is the title; the title and subtitle taken before it (a menu
    item and what followed it) leave the text. A title already right stays with its
    subtitle."""
    headline = work.blocks[best]
    if headline.kind == TITLE:
        return
    for block in work.blocks:
        if block is not headline and block.kind in (TITLE, SUBTITLE):
            block.kind = "boilerplate"
        elif block is not headline and title_key(block.text) == title_key(headline.text):
            block.kind = "repeated-title"
    headline.kind = TITLE
    work.dossier.metadata.title = headline.text
    work.dossier.metadata.subtitle = None


# How far before the body a headline may sit (lines: a date line, "Photo", "Video"...).
HEADLINE_REACH = 6


def retitle(work: Work, body_start: int) -> None:
    """The title `title` took (the page's first title-like line) is a menu item when
    furniture this stage removed stands between it and the body, and a page that starts
    with a menu may have had none taken: the headline is then the title-like line
    nearest before the body."""
    blocks = work.blocks
    chosen = next((i for i, b in enumerate(blocks) if b.kind == TITLE), -1)   # -1: none taken
    if chosen > body_start or not any(b.kind == "boilerplate" for b in blocks[chosen + 1:body_start]):
        return
    for index in range(body_start - 1, max(chosen, body_start - 1 - HEADLINE_REACH), -1):
        block = blocks[index]
        if block.kind == "boilerplate" and title_like(block.text) and len(WORD.findall(block.text)) >= 3:
            for old in blocks[:index]:
                if old.kind in (TITLE, SUBTITLE):
                    old.kind = "boilerplate"
            block.kind = TITLE
            work.dossier.metadata.title = block.text
            work.dossier.metadata.subtitle = None
            return


# Further runs are body too when their prose outweighs their furniture by this many
# characters (an article cut in two by a gallery, a recipe's steps after its list).
MORE_REGION = 150.0


def body_regions(blocks: list[Block], classes: list[str]) -> set[int]:
    """The indices of the body: the best run, then every other run worth MORE_REGION."""
    scores = block_scores(blocks, classes)
    inside: set[int] = set()
    first = True
    while True:
        total, (start, end) = _best_run(scores, inside)
        if end < start or (not first and total < MORE_REGION):
            return inside
        inside.update(range(start, end + 1))
        first = False


def _best_run(scores: list[float], taken: set[int]) -> tuple[float, tuple[int, int]]:
    """The maximum-sum run of scores among the indices not taken."""
    best, best_span = float("-inf"), (0, -1)
    running, start = 0.0, 0
    for index, score in enumerate(scores):
        if index in taken:
            running = 0.0
            continue
        if running <= 0:
            running, start = score, index
        else:
            running += score
        if running > best:
            best, best_span = running, (start, index)
    return best, best_span


# The body is the run of lines whose prose outweighs their furniture (the maximum-sum
# segment, as BTE finds an HTML page's body): good lines count their length, near-good
# ones half, short ones a little against, bad ones their length against.
WEIGHTS = {"good": 1.0, "neargood": 0.5, "bad": -1.0}
SHORT_WEIGHT = -2.0
KEEP_OUTSIDE = 400


MENU_RUN = 3
MENU_WEIGHT = -60.0
FOUND_WEIGHT = -10.0


def block_scores(blocks: list[Block], classes: list[str]) -> list[float]:
    """Each block's weight toward the body: prose for, furniture against. A short line
    alone (a heading, a caption) counts little against, a short sentence for; a run of
    MENU_RUN short lines or more (a menu, a list of teasers or links) counts much
    against, unless the line before introduces it (ends with a colon: a list the text
    gives)."""
    scores = []
    for block, kind in zip(blocks, classes):
        if block.kind in (TITLE, SUBTITLE):
            scores.append(0.0)
        elif block.kind != BODY:
            # furniture other stages found: already out, and often between two
            # paragraphs of the article (an advertisement, a newsletter box)
            scores.append(FOUND_WEIGHT)
        elif kind in ("short", "bad") and is_sentence(block):
            # a sentence is prose, whatever its length or its stop words (a quote of names)
            scores.append(WEIGHTS["neargood"] * len(block.text))
        elif kind == "short":
            scores.append(SHORT_WEIGHT)
        else:
            scores.append(WEIGHTS[kind] * len(block.text))
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and classes[end] == "short" and blocks[end].kind == BODY:
            end += 1
        introduced = blocks[start].text.endswith(":") or (
            start > 0 and blocks[start - 1].kind == BODY and blocks[start - 1].text.endswith(":"))
        if end - start >= MENU_RUN and not introduced:     # "The plan includes:" a list
            for index in range(start, end):
                scores[index] = MENU_WEIGHT
        start = max(end, start + 1)
    return scores


def is_sentence(block: Block) -> bool:
    """A short line that reads as prose: it ends a sentence and has three words or more
    ("The other three were admitted."), where menus and teasers end without a stop."""
    return ends_sentence(block.text) and len(WORD.findall(block.text)) >= SENTENCE_WORDS


SENTENCE_WORDS = 3


class Line:
    """A block as jusText's classifiers read a paragraph (no links, no DOM: text)."""

    def __init__(self, block: Block, words: list[str], stoplist: frozenset[str]) -> None:
        self.text = block.text
        self.words_count = len(words)
        self.stopwords = sum(w in stoplist for w in words)
        self.is_heading = block.kind in (TITLE, SUBTITLE)
        self.dom_path = ""
        self.chars_count_in_links = 0
        self.heading = False
        self.cf_class = ""

    def __len__(self) -> int:
        return len(self.text)

    def stopwords_density(self, stoplist: object) -> float:
        return self.stopwords / self.words_count if self.words_count else 0.0

    def links_density(self) -> float:
        return 0.0


def context_free(blocks: list[Block], words: list[list[str]]) -> list[str]:
    """jusText's context-free class of each block (`words`: its lower-cased words):
    good, neargood, short, bad."""
    stoplist = page_stoplist(w for b, ws in zip(blocks, words) if b.kind == BODY for w in ws)
    lines = [Line(block, ws, stoplist) for block, ws in zip(blocks, words)]
    classify_paragraphs(lines, stoplist, length_low=LENGTH_LOW, length_high=LENGTH_HIGH,
                        stopwords_low=STOPWORDS_LOW, stopwords_high=STOPWORDS_HIGH)
    return [line.cf_class for line in lines]


def page_stoplist(words: Iterable[str]) -> frozenset[str]:
    """The stop words of the page's language: jusText's list covering most of its
    (lower-cased) words."""
    counts: dict[str, int] = {}
    for word in words:
        for language in _languages_of().get(word, ()):
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return _stoplist("English")
    return _stoplist(max(sorted(counts), key=lambda language: counts[language]))


@lru_cache(maxsize=None)
def _stoplist(language: str) -> frozenset[str]:
    return frozenset(get_stoplist(language))


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each stop word -> the languages whose lists have it."""
    found: dict[str, list[str]] = {}
    for language in sorted(get_stoplists()):
        for word in _stoplist(language):
            found.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in found.items()}
