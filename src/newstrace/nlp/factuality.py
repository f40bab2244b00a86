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
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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


def is_negation(token: Token) -> bool:
    """'not', "n't" and "n’t" (the parser labels the curly form an adverb, not a
    negation), 'never'."""
    return (token.dep_ == "neg" or (token.lemma_.lower() == "not" and token.pos_ == "PART")
            or token.lower_ == "never")


def clause_tokens(head: Token, within: Span | None = None) -> list[Token]:
    """The head's subtree without the clauses embedded anywhere in it, optionally cut
    to a span."""
    dropped = {t.i for token in head.subtree if token.dep_ in EMBEDDED and token is not head
               for t in token.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped]
    if within is not None:
        tokens = [t for t in tokens if within.start <= t.i < within.end]
    return tokens


def _words(tokens: list[Token]) -> set[str]:
    """Lemmas and forms to look up; names are not words of modality ("in May")."""
    words = [t for t in tokens if t.pos_ != "PROPN"]
    return {t.lemma_.lower() for t in words} | {t.lower_ for t in words}


def factuality(tokens: Iterable[Token]) -> str:
    """The certainty level of a clause given as its tokens (in order)."""
    tokens = list(tokens)
    if not tokens:
        return CERTAIN
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    lemmas = _words(tokens)
    if any(is_negation(t) for t in tokens) or " never " in text or " no longer " in text:
        return "negated"
    if tokens[-1].text == "?" or (tokens[-1].is_punct and len(tokens) > 1 and tokens[-2].text == "?"):
        return "underspecified"
    for level in ORDER:
        cues = lexicon()[level]
        if lemmas & cues.lemmas or any(phrase in text for phrase in cues.phrases):
            return level
    return CERTAIN


@dataclass(frozen=True, slots=True)
class Stances:
    denial: frozenset[str]
    possible: frozenset[str]
    probable: frozenset[str]
    question: frozenset[str]
    content: frozenset[str]
    content_phrases: frozenset[str]


@lru_cache(maxsize=1)
def stances() -> Stances:
    text = resources.files("newstrace.data").joinpath("factuality.toml").read_text("utf-8")
    data = tomllib.loads(text)["attribution"]
    return Stances(frozenset(data["denial_cues"]), frozenset(data["possible_cues"]),
                   frozenset(data["probable_cues"]), frozenset(data["question_cues"]),
                   frozenset(data["content_words"]), frozenset(data["content_phrases"]))


def attribution_factuality(cue: Span | None, claim: Span | None) -> str:
    """How the source holds an attributed claim (docs/dossier.md, "Factuality"):
    negated when it denies it ("denied that", "did not say"), underspecified when it
    asks, possible or probable when it hedges (in the cue: "suggested", "believes",
    "may have said"; or in the claim's own main clause: "could", "probably"), else
    certain. Negation, plans and "would" inside the claim are what is claimed."""
    verb = cue.root if cue is not None and len(cue) else None
    lemma = verb.lemma_.lower() if verb is not None else ""
    table = stances()
    if verb is not None and (lemma in table.denial or any(is_negation(c) for c in verb.children)):
        return "negated"
    if lemma in table.question or _is_question(claim):
        return "underspecified"
    hedges = [c for c in verb.children if c.dep_ in ("aux", "advmod")] if verb is not None else []
    cue_level = factuality(hedges)
    if lemma in table.possible:
        cue_level = "possible"
    elif lemma in table.probable and cue_level == CERTAIN:
        cue_level = "probable"
    claim_level = _claim_hedge(claim)
    for level in ("possible", "probable"):
        if level in (cue_level, claim_level):
            return level
    return CERTAIN


def _is_question(span: Any) -> bool:   # a spaCy Span or None (its stub lacks Span.sents)
    """The whole claim asks (each of its sentences ends in "?"); a quotation that ends
    on a rhetorical question after its statements still states them."""
    if span is None or len(span) == 0:
        return False
    ends = []
    for sentence in span.sents:
        words = [t for t in sentence if not t.is_space and t.text not in "\"”’'»“"]
        if words:
            ends.append(words[-1].text)
    return bool(ends) and all(end == "?" for end in ends)


def _claim_hedge(span: Span | None) -> str:
    """possible, probable or certain: the hedges of the claim's main clause, without its
    negation, its plans and the words of reported speech."""
    if span is None or len(span) == 0:
        return CERTAIN
    table = stances()
    tokens = [t for t in clause_tokens(span.root, within=span)
              if not is_negation(t) and t.lower_ not in table.content and t.lemma_.lower() not in table.content
              and not _denied_ability(t) and not _someones_attitude(t)]
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    lemmas = _words(tokens) - table.content
    for level in ("possible", "probable"):
        cues = lexicon()[level]
        if lemmas & cues.lemmas or any(phrase in text for phrase in cues.phrases
                                       if phrase not in table.content_phrases):
            return level
    return CERTAIN


def _someones_attitude(token: Token) -> bool:
    """"they expect to keep ...", "more work than he expected": a verb of belief with a
    subject of its own reports that subject's attitude; it is what is claimed, not the
    source's hedge ("prices are expected to fall" and "I think" stay hedges)."""
    # "I think", "we expect": the speaker's own hedge, in their own words
    return token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lower_ not in ("i", "we")
                                        for c in token.children)


def _denied_ability(token: Token) -> bool:
    """"could not answer", "couldn't": an ability denied is what is claimed, no hedge."""
    return token.tag_ == "MD" and token.lower_ in ("could", "can", "ca") and any(
        is_negation(t) for t in token.head.children)


# -- events ------------------------------------------------------------------------------
# An event's certainty is read from its own predicate and the verbs that govern it, never
# from clauses inside it: "Russia attacked the town, which could become a base" is
# certain, "X said it may attack" is possible. A condition ("if", "unless") on the
# predicate or on a verb governing it makes the event possible.

OWN_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "det", "amod", "mark", "prt"})
GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "acomp", "conj", "pcomp", "pobj", "dobj",
                           "nsubjpass", "nsubj", "attr", "prep", "oprd", "advcl"})
# Links through which the governing verb's own meaning bears on the act: "expected to
# attack", "denied that", "an agreement is being prepared", "planned an attack".
LEXICAL_LINKS = frozenset({"xcomp", "ccomp", "acomp", "nsubj", "nsubjpass", "dobj", "attr"})
NEGATIVE_SUBJECTS = frozenset({"none", "nobody", "neither", "nothing", "noone", "no-one"})
CONDITIONS = frozenset({"if", "unless", "whether", "provided", "lest"})
# How far up the governing verbs are read ("could be forced to agree to withdraw").
GOVERNORS = 4


def event_factuality(head: Token) -> str:
    """The certainty of the event stated by `head` (a verb or an event noun)."""
    own = _own_words(head)
    if _negated(head, own):
        return "negated"
    chain = _governors(head)
    if conditional(head):
        return "possible"
    words = list(own)
    node = head
    if head.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        chain = []   # "X did not seek reelection, and he endorsed Y": a clause of its own
    for governor in chain:
        # a verb an infinitive or clause depends on says how certain it is ("expected
        # to", "plans to", "denied that"); a verb beside it ("refused X and urged Y")
        # does not, nor what governs that verb: only its auxiliaries are shared
        words += ([governor] if node.dep_ in LEXICAL_LINKS else []) + _own_words(governor)
        if node.dep_ == "conj":
            break
        node = governor
    level = factuality(words)
    if level == CERTAIN and (_question(head) or _subjunctive(head)):
        return "underspecified"
    return level


def _subjunctive(head: Token) -> bool:
    """'demanded that Muslims be banned', 'insists that he resign': wanted, not done."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    if verb.dep_ != "ccomp" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in verb.children):
        return False
    be = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ == "be"), None)
    return be is not None or (verb.tag_ == "VB" and any(c.dep_ == "mark" and c.lower_ == "that"
                                                         for c in verb.children))


def _own_words(node: Token) -> list[Token]:
    """A predicate's own modifiers: auxiliaries, negation, adverbs; a noun's determiner
    and adjectives ("no agreement", "a possible deal")."""
    return [c for c in node.children if c.dep_ in OWN_DEPS]


def _negated(head: Token, own: list[Token]) -> bool:
    if any(is_negation(t) or t.lower_ == "no" for t in own):
        return True
    # "none of the Democrats have endorsed", "no one attacked", "nobody agreed"
    verb = head if head.pos_ in ("VERB", "AUX") else None
    if verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and (
            c.lower_ in NEGATIVE_SUBJECTS or any(d.lower_ == "no" and d.dep_ == "det" for d in c.children))
            for c in verb.children):
        return True
    # a noun's verb negated: "no agreement was reached", "did not reach an agreement"
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubjpass", "attr"):
        return any(is_negation(c) for c in head.head.children)
    return False


def _governors(head: Token) -> list[Token]:
    """The verbs above the predicate that it depends on: the noun's verb, the verb an
    infinitive completes ("expected to attack"), the verb a clause reports."""
    chain: list[Token] = []
    node = head
    for _ in range(GOVERNORS):
        if node.dep_ not in GOVERNED_DEPS or node.head.i == node.i:
            break
        parent = node.head
        if parent.dep_ == "prep" or parent.pos_ == "ADP":
            parent = parent.head
        if node.dep_ in ("advcl",) and not _conditional(node):
            break   # "after the talks ended, X attacked": the talks govern nothing
        if parent.pos_ not in ("VERB", "AUX"):
            break
        chain.append(parent)
        node = parent
    return chain


def _conditional(node: Token) -> bool:
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS
                                        for c in node.children) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
        for c in node.children)


def in_condition(head: Token) -> bool:
    """Whether the predicate is said only as a condition ("resign if he can't block the
    refugees' arrival": the blocking), not the act a condition governs."""
    return any((node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS
                                             for c in node.children))
               or (node.dep_ != "ROOT" and _inverted(node))   # a root inverted is a question
               for node in [head, *_governors(head)])


# Auxiliaries that open a condition put before its subject: "had he not met her", "should
# Iran attack", "were the rebels to seize".
INVERTING = frozenset({"had", "should", "were"})


def _inverted(clause: Token) -> bool:
    """A condition told by inversion: the clause opens with "had", "should" or "were"
    before its subject, and no other word comes first."""
    first = clause.doc[clause.left_edge.i]
    if first.lower_ not in INVERTING:
        return False
    if first.i == clause.i:
        return True   # "Had Russia invaded ...": the parser made "had" the clause's head
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return first.head.i == clause.i and (subject is None or first.i < subject.i)


def conditional(head: Token) -> bool:
    """Whether the predicate or a verb governing it stands under a condition."""
    return any(_conditional(node) for node in [head, *_governors(head)])


def _question(head: Token) -> bool:
    sentence = head.sent
    last = [t for t in sentence if not t.is_space]
    return bool(last) and (last[-1].text == "?" or (len(last) > 1 and last[-1].is_punct
                                                    and last[-2].text == "?"))
