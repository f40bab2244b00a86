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
   The body's run is the run of lines with the largest sum (as BTE finds an HTML page's
   body), and every further run worth `MORE_REGION` characters (an article cut by a
   gallery); prose sentences up to `LEAD_REACH` lines above it join it (a standfirst or
   an opening paragraph set apart by a picture).
3. A line model decides (`article_lines`; `line_features.LineModel`, trained by
   scripts/train_boilerplate.py on the extraction dev pages' snippets): boosted trees
   over each line's look and place (its class, length, stop words, a sentence's end,
   capitals, a bullet; inside the run or how far from it, the prose before and after
   it, its neighbours), then over those and its neighbours' first probabilities. A
   body line under the model's threshold, or in a run of short lines after the body's
   run (a teaser list, a footer), leaves the text as `boilerplate` (kept in `removed`).
   On a text with fewer than `CLEAN_OUTSIDE` body lines outside the run (a clean
   article, the seed's kind) the model may not take a line of the run away.
4. The headline is the title-like line before the body's end that shares most words
   with the URL's path (`slug_headline`; menus and teasers print title-like lines too);
   without a URL, the title-like line nearest above the body when furniture stands
   between it and the title taken (`retitle`). Whole-page title accuracy 0.25 -> 0.61.

A text under `MIN_WORDS` words, or with no good line at all (a note, a list, a few lines
of clean text), is left as it is: with no prose to stand beside, nothing is known to be
furniture. Lines other stages have classified (title, metadata, tags...) keep their kind.

On the whole-page text of the 990 extraction pages, each half scored by a model trained
on the other (scripts/train_boilerplate.py), body F1 0.708 before this stage, 0.840
with the run and rules alone (P 0.786, R 0.901), 0.871 on half A (P 0.803, R 0.951)
and 0.864 on half B (P 0.782, R 0.964) with the line model; keeping everything scores
0.694.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from justext import get_stoplist, get_stoplists
from justext.core import classify_paragraphs

from ..errors import ConfigError
from ..nlp.slug import slug_overlap, slug_words
from ..pipeline import Work, stage
from ..text.blocks import BODY, SUBTITLE, TITLE, Block, ends_sentence, removed_lines, title_key
from ..text.line_features import LineModel, Page, line_model_from_json
from ..text.lines import title_like

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
    page = read_page(work.blocks)
    if page is None:
        return
    keep = article_lines(page)
    headline = slug_headline(work, page.end) if page.inside else None
    for index, block in enumerate(page.blocks):
        if block.kind == BODY and index not in keep:
            block.kind = "boilerplate"
    if headline is not None:
        set_title(work, headline)
    elif page.inside:
        retitle(work, page)
    work.dossier.removed = removed_lines(work.blocks)


def read_page(blocks: list[Block]) -> Page | None:
    """The page's lines with their jusText classes and the body's run of prose, or None
    for a text too short or with too little prose to tell furniture by."""
    words = [[w.lower() for w in WORD.findall(b.text)] for b in blocks]
    if sum(len(w) for b, w in zip(blocks, words) if b.kind == BODY) < MIN_WORDS:
        return None
    stoplist = body_stoplist(blocks, words)
    classes = context_free(blocks, words, stoplist)
    prose = sum(len(b.text) for b, c in zip(blocks, classes) if b.kind == BODY and c in ("good", "neargood"))
    if prose < MIN_PROSE:
        return None
    inside = body_regions(blocks, classes)
    if inside:
        inside |= lead_paragraphs(blocks, classes, min(inside))
    return Page(blocks, classes, words, stoplist, inside)


def article_lines(page: Page) -> set[int]:
    """The body lines the line model takes for the article's (data/boilerplate_model.json,
    trained by scripts/train_boilerplate.py): those whose probability reaches the
    model's threshold."""
    body = [i for i, block in enumerate(page.blocks) if block.kind == BODY]
    if not body:
        return set()
    model = line_model()
    keep = {i for i, p in zip(body, model.probabilities(page, body)) if p >= model.threshold}
    if sum(i not in page.inside for i in body) < CLEAN_OUTSIDE:
        # an article with little around it (a clean text, the seed's kind): the model,
        # trained on whole pages, may not take a line of its run away (on the 84 PolNeAR
        # dev articles it took lines from 18, short closing sentences and quotes among
        # them, where the rules alone took lines from 7; with this, from 3)
        keep |= {i for i in body if i in page.inside}
    # after the article's prose, a run of short lines is a teaser list or a footer,
    # whatever a line of it looks like alone (on half A of the dev pages, 240 of 248 such
    # labelled lines are furniture)
    menu = menu_lines(page.blocks, page.classes)
    return {i for i in keep if not (i > page.end and menu[i] and not is_sentence(page.blocks[i]))}


# Fewer body lines than this outside the body's run: an article with little furniture.
CLEAN_OUTSIDE = 5

_MODEL: LineModel | None = None      # set by `use_model` (a fold's model, in evaluation)


def use_model(model: LineModel | None) -> None:
    """Score lines with `model` (None: the packaged one), as the training script does to
    score a half of the dev pages with the model trained on the other half."""
    global _MODEL
    _MODEL = model


def line_model() -> LineModel:
    return _MODEL if _MODEL is not None else packaged_model()


@lru_cache(maxsize=1)
def packaged_model() -> LineModel:
    text = resources.files("newstrace.data").joinpath(MODEL_FILE).read_text("utf-8")
    try:
        return line_model_from_json(json.loads(text))
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(f"{MODEL_FILE} is not a line model: {exc}") from exc


MODEL_FILE = "boilerplate_model.json"


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
    listed = numbered_items(work.blocks)
    for index, block in enumerate(work.blocks[:body_end]):
        if index in listed:
            continue                # "3. Headline" closing a breadcrumb ("1. Presse", "2. ...")
        if block.kind in (BODY, "boilerplate", TITLE, SUBTITLE, "repeated-title") and title_like(block.text):
            shared, score = slug_overlap(block.text, slug)
            if shared >= SLUG_SHARED and score > best_score:
                best, best_score = index, score
    return best


NUMBERED = re.compile(r"^\d{1,2}\.\s+\S")
LIST_NUMBER = re.compile(r"^\d{1,2}\.\s+")       # a copy in a breadcrumb: "3. <headline>"


def numbered_items(blocks: list[Block]) -> set[int]:
    """Lines of an ordered list as a scraper prints it ("1. Presse", "2. Pressemitteilungen",
    "3. UN-Klimakonferenz ..."): a numbered line next to another. A breadcrumb ends with
    the page's headline, and "3. Liga: ..." alone is a headline."""
    numbered = [bool(NUMBERED.match(b.text)) for b in blocks]
    return {i for i, n in enumerate(numbered)
            if n and ((i > 0 and numbered[i - 1]) or (i + 1 < len(blocks) and numbered[i + 1]))}


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
        elif block is not headline and title_key(LIST_NUMBER.sub("", block.text)) == title_key(headline.text):
            block.kind = "repeated-title"
    headline.kind = TITLE
    work.dossier.metadata.title = headline.text
    work.dossier.metadata.subtitle = None


# How far before the body a headline may sit (lines: a date line, "Photo", "Video"...).
HEADLINE_REACH = 6


def retitle(work: Work, page: Page) -> None:
    """The title `title` took (the page's first title-like line) is a menu item when
    furniture (lines outside the body's run) stands between it and the body, and a page
    that starts with a menu may have had none taken: the headline is then the title-like
    line nearest before the body."""
    blocks, body_start = work.blocks, page.start
    listed = numbered_items(blocks)
    chosen = next((i for i, b in enumerate(blocks) if b.kind == TITLE), -1)   # -1: none taken
    if chosen > body_start or not any(_outside(page, i) for i in range(chosen + 1, body_start)):
        return
    for index in range(body_start - 1, max(chosen, body_start - 1 - HEADLINE_REACH), -1):
        block = blocks[index]
        if _outside(page, index) and title_like(block.text) and len(WORD.findall(block.text)) >= 3 \
                and index not in listed:
            for old in blocks[:index]:
                if old.kind in (TITLE, SUBTITLE):
                    old.kind = "boilerplate"
            block.kind = TITLE
            work.dossier.metadata.title = block.text
            work.dossier.metadata.subtitle = None
            return


def _outside(page: Page, index: int) -> bool:
    """A body line (or one the model removed) outside the body's run of prose."""
    return page.blocks[index].kind in (BODY, "boilerplate") and index not in page.inside


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
    for index, menu in enumerate(menu_lines(blocks, classes)):
        if menu:
            scores[index] = MENU_WEIGHT
    return scores


def menu_lines(blocks: list[Block], classes: list[str]) -> list[bool]:
    """Which lines stand in a run of MENU_RUN short body lines or more (a menu, a list of
    teasers or links) that no line ending in a colon introduces ("The plan includes:")."""
    menu = [False] * len(blocks)
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and classes[end] == "short" and blocks[end].kind == BODY:
            end += 1
        introduced = blocks[start].text.endswith(":") or (
            start > 0 and blocks[start - 1].kind == BODY and blocks[start - 1].text.endswith(":"))
        if end - start >= MENU_RUN and not introduced:
            menu[start:end] = [True] * (end - start)
        start = max(end, start + 1)
    return menu


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


def context_free(blocks: list[Block], words: list[list[str]],
                 stoplist: frozenset[str] | None = None) -> list[str]:
    """jusText's context-free class of each block (`words`: its lower-cased words):
    good, neargood, short, bad. `stoplist`: the page's stop words (`body_stoplist`)."""
    if stoplist is None:
        stoplist = body_stoplist(blocks, words)
    lines = [Line(block, ws, stoplist) for block, ws in zip(blocks, words)]
    classify_paragraphs(lines, stoplist, length_low=LENGTH_LOW, length_high=LENGTH_HIGH,
                        stopwords_low=STOPWORDS_LOW, stopwords_high=STOPWORDS_HIGH)
    return [line.cf_class for line in lines]


def body_stoplist(blocks: list[Block], words: list[list[str]]) -> frozenset[str]:
    """The stop words of the language of the page's body lines."""
    return page_stoplist(w for b, ws in zip(blocks, words) if b.kind == BODY for w in ws)


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
