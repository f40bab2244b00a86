"""How certain a clause is: certain, probable, possible, negated or underspecified.

One reusable function over a clause of the parse, used for attributed claims and for
events. It reads the clause's own words: its negation, modal verbs, hedges ("most
likely", "a long-term perspective") and words of plan or intention ("is seeking",
"is being prepared"), and whether it is a question. Relative clauses inside it are
left out: "Russia has a base, which could grow" is certain about the base.
Lexicons: data/factuality.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

ORDER = ("negated", "possible", "probable", "underspecified")
CERTAIN = "certain"
# Parts of a clause that say nothing of its own certainty.
EMBEDDED = {"relcl", "acl", "appos"}


@dataclass(frozen=True, slots=True)
class Cues:
    lemmas: frozenset[str]
    phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Cues]:
    text = resources.files("newstrace.data").joinpath("factuality.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {level: Cues(frozenset(data[level]["lemmas"]), tuple(data[level]["phrases"]))
            for level in ORDER}


def clause_tokens(head: Any, within: Any | None = None) -> list[Any]:
    """The head's subtree without the clauses embedded anywhere in it, optionally cut
    to a span."""
    dropped = {t.i for token in head.subtree if token.dep_ in EMBEDDED and token is not head
               for t in token.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped]
    if within is not None:
        tokens = [t for t in tokens if within.start <= t.i < within.end]
    return tokens


def factuality(tokens: Iterable[Any]) -> str:
    """The certainty level of a clause given as its tokens (in order)."""
    tokens = list(tokens)
    if not tokens:
        return CERTAIN
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if any(t.dep_ == "neg" for t in tokens) or " never " in text or " no longer " in text:
        return "negated"
    if tokens[-1].text == "?" or (tokens[-1].is_punct and len(tokens) > 1 and tokens[-2].text == "?"):
        return "underspecified"
    for level in ORDER:
        cues = lexicon()[level]
        if lemmas & cues.lemmas or any(phrase in text for phrase in cues.phrases):
            return level
    return CERTAIN


def factuality_of_span(span: Any) -> str:
    """Factuality of a span of the parse: its root's clause, cut to the span."""
    if span is None or len(span) == 0:
        return CERTAIN
    tokens = clause_tokens(span.root, within=span)
    if span[-1].text == "?" or span.sent[-1].text == "?":
        return "underspecified" if factuality(tokens) == CERTAIN else factuality(tokens)
    return factuality(tokens)
