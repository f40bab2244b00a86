"""Stage `descriptors`: the roles the text gives people and organisations.

`descriptors` reads the dependency parse around each mention:
- words before a name that modify it: "Kremlin spokesman Dmitry Peskov", "Marshal Khalifa Haftar";
- an apposition after it: "Jonathan Winer, a former US special envoy to Libya";
- the noun a name stands in apposition to: "Libya's eastern military commander, Marshal Khalifa Haftar".

`references` then finds the definite descriptions ("the 79-year-old commander") that can
only mean one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..nlp.names import add_descriptor, fold, titles
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "case", "nummod", "npadvmod", "punct"}
DESCRIBED_TYPES = ("PERSON", "ORG")
MAX_DESCRIPTOR_WORDS = 14
DETERMINERS = {"a", "an", "the"}


@stage("descriptors", reads=("doc", "entities"), adds=("entities.descriptors",))
def descriptors(work: Work) -> None:
    doc = work.doc
    if doc is None:
        return
    for entity in work.dossier.entities:
        if entity.type not in DESCRIBED_TYPES:
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for found in describe(span):
                add_descriptor(entity, found)


def describe(span: Span) -> Iterable[str]:
    """The descriptors the parse attaches to one mention."""
    before = premodifiers(span)
    if before:
        yield before
    for token in span:
        for child in token.children:
            if child.dep_ == "appos" and not _inside(child, span):
                yield phrase(subtree_without(child, span))
    root = span.root
    if root.dep_ == "appos" and not _inside(root.head, span):
        yield phrase(head_phrase(root.head, exclude=root))


def premodifiers(span: Span) -> str:
    """Tokens right before the name whose heads lie inside it or inside this run."""
    doc = span.doc
    start = span.start
    while start > 0:
        token = doc[start - 1]
        if token.dep_ not in MODIFIER_DEPS or token.pos_ == "DET":
            break
        if not (span.start - 1 <= token.head.i < span.end or start - 1 < token.head.i < span.end):
            break
        start -= 1
    words = list(doc[start:span.start])
    while words and (words[0].is_punct or words[0].dep_ == "case"):
        words = words[1:]
    if not words or not any(_describing(t) for t in words):
        return ""
    return doc[words[0].i:span.start].text.strip(" ,")


def _describing(token: Token) -> bool:
    return token.pos_ == "NOUN" or fold(token.text).rstrip(".") in titles()


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def subtree_without(token: Token, span: Span) -> list[Token]:
    """An apposition's words, without relative clauses and the name itself."""
    dropped = {t.i for child in token.children if child.dep_ in ("relcl", "acl", "conj", "cc")
               for t in child.subtree}
    return [t for t in token.subtree if t.i not in dropped and not _inside(t, span)]


def head_phrase(head: Token, exclude: Token) -> list[Token]:
    """The noun a name is in apposition to, with its modifiers: not the name's own words."""
    dropped = {t.i for t in exclude.subtree}
    dropped |= {t.i for child in head.children if child.dep_ in ("relcl", "acl", "conj", "cc")
                for t in child.subtree}
    return [t for t in head.subtree if t.i not in dropped]


def phrase(words: list[Token]) -> str:
    """Contiguous words as text, without a leading article or trailing punctuation."""
    words = sorted(words, key=lambda t: t.i)
    while words and (words[0].is_punct or words[0].lower_ in DETERMINERS):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words or len(words) > MAX_DESCRIPTOR_WORDS:
        return ""
    if words[-1].i - words[0].i + 1 != len(words):  # not contiguous: a parse we do not trust
        return ""
    if not any(_describing(t) for t in words):
        return ""
    doc = words[0].doc
    return doc[words[0].i:words[-1].i + 1].text


