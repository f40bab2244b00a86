"""What the whole-page line model (`boilerplate`) reads of each line: how the line
looks and where it stands beside the page's prose.

A naive scraper's text has lost the page's markup, so a line is known by its look
(length, stop words, a sentence's end, capitals, a bullet, a link) and by its place:
inside or outside the run of prose `boilerplate.body_regions` finds, how much of the
page's prose stands before and after it, what its neighbours are (prose, short lines,
furniture other stages found), how far it is from the title. Each feature is a named
column; the model file lists the names it was trained on.

The model (`LineModel`) reads a page in two passes, as jusText first classifies each
paragraph alone and then by its neighbours: boosted trees over the line features give
each body line a first probability; a second ensemble reads the same features and the
first probabilities of the line's neighbours (`CONTEXT`: a short line between two
lines of the article is a subheading or a caption, one among teasers is a teaser).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..nlp.trees import Ensemble, from_json
from .blocks import BODY, SUBTITLE, TITLE, Block, ends_sentence, title_key
from .lines import title_like

# How many lines either side count as a line's neighbours, and how many as its stretch
# of the page (the prose around it).
NEAR = 2
STRETCH = 6

SEPARATOR = re.compile(r"[|•»›·▸►→]")
BULLET = re.compile(r"\s*(?:[-*•·–—]|\d+[.)])\s")
LINKISH = re.compile(r"https?://|www\.|@\w")
LETTERS = re.compile(r"[^\W\d_]+")
PROSE = ("good", "neargood")


class Page:
    """One page's lines as the features read them."""

    def __init__(self, blocks: list[Block], classes: list[str], words: list[list[str]],
                 stoplist: frozenset[str], inside: set[int]) -> None:
        self.blocks, self.classes, self.words, self.stoplist = blocks, classes, words, stoplist
        self.inside = inside
        self.body = [b.kind == BODY for b in blocks]
        self.start, self.end = (min(inside), max(inside)) if inside else (len(blocks), -1)
        self.line_keys = [title_key(b.text) for b in blocks]
        self.keys = Counter(self.line_keys)
        self.sorted_inside = sorted(inside)
        self.prose = [len(b.text) if body and c in PROSE else 0
                      for b, c, body in zip(blocks, classes, self.body)]
        self.total_prose = sum(self.prose) or 1
        self.prose_upto = np.cumsum([0, *self.prose])          # prose before line i
        self.short_run = _short_runs(classes, self.body)
        self.title = next((i for i, b in enumerate(blocks) if b.kind == TITLE), -1)

    def near(self, index: int) -> list[int]:
        return [k for k in range(index - NEAR, index + NEAR + 1) if 0 <= k < len(self.blocks) and k != index]

    def distance(self, index: int) -> int:
        """Lines between `index` and the body's run (0 inside it)."""
        if index in self.inside or not self.inside:
            return 0
        # the nearest run line either side (a bisection: a page has hundreds of lines)
        at = bisect_left(self.sorted_inside, index)
        sides = self.sorted_inside[max(0, at - 1):at + 1]
        return min(abs(index - k) for k in sides)


def _short_runs(classes: list[str], body: list[bool]) -> list[int]:
    """For each line, the length of the run of short body lines it stands in (0: none)."""
    runs = [0] * len(classes)
    start = 0
    while start < len(classes):
        end = start
        while end < len(classes) and classes[end] == "short" and body[end]:
            end += 1
        for index in range(start, end):
            runs[index] = end - start
        start = max(end, start + 1)
    return runs


def _capitalised(text: str) -> float:
    words = LETTERS.findall(text)
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _share(page: Page, index: int, test: Callable[[int], bool]) -> float:
    return sum(test(k) for k in page.near(index)) / (2 * NEAR)


# name -> how it reads line `i` of a page
FEATURE_FUNCTIONS: dict[str, Callable[[Page, int], float]] = {
    "good": lambda p, i: p.classes[i] == "good",
    "neargood": lambda p, i: p.classes[i] == "neargood",
    "short": lambda p, i: p.classes[i] == "short",
    "bad": lambda p, i: p.classes[i] == "bad",
    "characters": lambda p, i: len(p.blocks[i].text),
    "words": lambda p, i: len(p.words[i]),
    "stopword_density": lambda p, i: (sum(w in p.stoplist for w in p.words[i]) / len(p.words[i])
                                      if p.words[i] else 0.0),
    "sentence": lambda p, i: ends_sentence(p.blocks[i].text) and len(p.words[i]) >= 3,
    "ends_sentence": lambda p, i: ends_sentence(p.blocks[i].text),
    "ends_colon": lambda p, i: p.blocks[i].text.rstrip().endswith(":"),
    "capitalised": lambda p, i: _capitalised(p.blocks[i].text),
    "digits": lambda p, i: sum(c.isdigit() for c in p.blocks[i].text) / max(1, len(p.blocks[i].text)),
    "inside": lambda p, i: i in p.inside,
    "distance": lambda p, i: p.distance(i),
    "before": lambda p, i: i < p.start,
    "after": lambda p, i: i > p.end,
    "position": lambda p, i: i / len(p.blocks),
    "short_run": lambda p, i: p.short_run[i],
    "prose_near": lambda p, i: _share(p, i, lambda k: p.body[k] and p.classes[k] in PROSE),
    "found_near": lambda p, i: _share(p, i, lambda k: not p.body[k] and p.blocks[k].kind not in (TITLE, SUBTITLE)),
    "short_near": lambda p, i: _share(p, i, lambda k: p.classes[k] in ("short", "bad")),
    "repeated": lambda p, i: p.keys[p.line_keys[i]] > 1,
    "separator": lambda p, i: bool(SEPARATOR.search(p.blocks[i].text)),
    "prose_before": lambda p, i: p.prose_upto[i] / p.total_prose,
    "prose_after": lambda p, i: (p.total_prose - p.prose_upto[i + 1]) / p.total_prose,
    "prose_stretch": lambda p, i: sum(p.prose[max(0, i - STRETCH):i + STRETCH + 1]),
    "title_like": lambda p, i: title_like(p.blocks[i].text),
    "ellipsis": lambda p, i: p.blocks[i].text.rstrip().endswith(("...", "…")),
    "lower_start": lambda p, i: p.blocks[i].text[:1].islower(),
    "bullet": lambda p, i: bool(BULLET.match(p.blocks[i].text)),
    "after_title": lambda p, i: p.title >= 0 and i > p.title,
    "title_distance": lambda p, i: abs(i - p.title) if p.title >= 0 else len(p.blocks),
    "link_text": lambda p, i: bool(LINKISH.search(p.blocks[i].text)),
    "gap_before": lambda p, i: p.blocks[i].gap_before,
}
FEATURES: tuple[str, ...] = tuple(FEATURE_FUNCTIONS)


def line_features(page: Page, names: tuple[str, ...] = FEATURES) -> np.ndarray:
    """One row per line of the page, one column per feature named in `names`."""
    functions = [FEATURE_FUNCTIONS[name] for name in names]
    return np.array([[float(f(page, index)) for f in functions] for index in range(len(page.blocks))],
                    dtype=float).reshape(len(page.blocks), len(names))


# The second pass's further columns, over the page's body lines in order: the line's
# first probability, its neighbours' one and two lines away, the mean over
# CONTEXT_REACH lines either side, and the highest before and after it.
CONTEXT: tuple[str, ...] = ("first", "first_previous", "first_next", "first_previous_2", "first_next_2",
                            "first_around", "first_max_before", "first_max_after")
CONTEXT_REACH = 3


def context_features(first: np.ndarray) -> np.ndarray:
    """The CONTEXT columns of each body line, from the body lines' first probabilities
    (in page order)."""
    count = len(first)
    padded = np.concatenate([np.zeros(2), first, np.zeros(2)])
    around = np.array([first[max(0, i - CONTEXT_REACH):i + CONTEXT_REACH + 1].mean() for i in range(count)])
    before = np.maximum.accumulate(np.concatenate([[0.0], first[:-1]])) if count else first
    after = np.maximum.accumulate(np.concatenate([[0.0], first[:0:-1]]))[::-1] if count else first
    return np.column_stack([first, padded[1:count + 1], padded[3:count + 3], padded[0:count],
                            padded[4:count + 4], around, before, after]).reshape(count, len(CONTEXT))


@dataclass(frozen=True, slots=True)
class LineModel:
    """Two passes of boosted trees over a page's body lines, and the probability at or
    above which a line is the article's."""
    first: Ensemble                 # line features -> first probability
    second: Ensemble                # line features + CONTEXT -> probability
    threshold: float
    about: dict[str, Any]           # how it was trained

    def probabilities(self, page: Page, body: list[int]) -> np.ndarray:
        """The probability that each line of `body` (indices of the page's body lines,
        in order) is the article's."""
        rows = line_features(page, self.first.features)[body]
        first = self.first.probabilities(rows)
        return self.second.probabilities(np.hstack([rows, context_features(first)]))

    def to_json(self) -> dict[str, Any]:
        return {"about": self.about, "threshold": self.threshold,
                "first": self.first.to_json(), "second": self.second.to_json()}


def line_model_from_json(data: dict[str, Any]) -> LineModel:
    return LineModel(from_json(data["first"]), from_json(data["second"]), float(data["threshold"]),
                     dict(data.get("about", {})))
