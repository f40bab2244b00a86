"""Reading speech from the parse: cues, their subjects, the content they introduce.

Lexicons are data (data/speech.toml). Everything here looks at one sentence's
dependency parse; deciding who a pronoun or "the agency" is belongs to `Resolver`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .outlets import outlet_named

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
RELATIVES = ("who", "that", "which", "whom")
# What a refusal may refuse that is speech: "declined to comment / elaborate / be named".
REFUSED_SPEECH = frozenset({"comment", "elaborate", "discuss", "speak", "identify", "name",
                            "specify", "detail", "talk", "respond", "answer", "say"})
QUOTE_OPENERS = "\"“„«‘'‹"
# Where an inverted subject sits: "..., writes Trud", "..., says Jonathan Winer".
INVERTED = ("dobj", "attr", "npadvmod", "oprd", "appos")
CLAUSES = ("ccomp", "xcomp", "parataxis")
EMBEDDED = ("relcl", "acl")


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech_verbs: frozenset[str]
    report_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    cue_particles: frozenset[str]
    prepositional_cues: tuple[str, ...]
    relay_cues: frozenset[str]
    anonymous_heads: frozenset[str]
    institution_heads: frozenset[str]
    document_heads: frozenset[str]
    outlet_nouns: frozenset[str]
    no_speaker_heads: frozenset[str]
    outlet_name_words: frozenset[str]
    carry_over: re.Pattern[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files("newstrace.data").joinpath("speech.toml").read_text("utf-8"))
    openers = "|".join(re.escape(o) for o in sorted(data["carry_over_openers"], key=len, reverse=True))
    return Lexicon(
        speech_verbs=frozenset(data["speech_verbs"]),
        report_verbs=frozenset(data["report_verbs"]),
        refusal_verbs=frozenset(data["refusal_verbs"]),
        cue_particles=frozenset(data["cue_particles"]),
        prepositional_cues=tuple(sorted(data["prepositional_cues"], key=len, reverse=True)),
        relay_cues=frozenset(data["relay_cues"]),
        anonymous_heads=frozenset(data["anonymous_heads"]),
        institution_heads=frozenset(data["institution_heads"]),
        document_heads=frozenset(data["document_heads"]),
        outlet_nouns=frozenset(data["outlet_nouns"]),
        no_speaker_heads=frozenset(data["no_speaker_heads"]),
        outlet_name_words=frozenset(data["outlet_name_words"]),
        carry_over=re.compile(rf"^(?:{openers})\b\s*,?", re.I),
        person_pronouns=frozenset(data["person_pronouns"]),
        group_pronouns=frozenset(data["group_pronouns"]),
        thing_pronouns=frozenset(data["thing_pronouns"]),
    )


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and (token.lemma_.lower() in lexicon().speech_verbs
                                              or _goes_on(token)) and not is_discourse_marker(token)


def _goes_on(token: Token) -> bool:
    """'"...," she went on': "go on" with a person's subject, next to a quotation."""
    if token.lemma_.lower() != "go" or not any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children):
        return False
    near = token.doc[max(0, token.i - 3):token.i + 4]
    return any(t.text in QUOTE_OPENERS + "”’»" for t in near) and any(
        c.dep_ == "nsubj" and (c.pos_ in ("PRON", "PROPN")) for c in token.children)


IRREGULAR = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes"),
             "think": ("thought", "thinks"), "know": ("knew", "knows")}


@lru_cache(maxsize=1)
def speech_verb_forms() -> frozenset[str]:
    """The speech verbs' past and third-person forms, for tags the tagger misreads
    ("Said Ellis:", where "Said" is taken for a name)."""
    forms: set[str] = set()
    for verb in lexicon().speech_verbs:
        if verb in IRREGULAR:
            forms.update(IRREGULAR[verb])
        elif verb.endswith("e"):
            forms.update((verb + "d", verb + "s"))
        elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
            forms.update((verb[:-1] + "ied", verb[:-1] + "ies"))
        else:
            forms.update((verb + "ed", verb + "s"))
    return frozenset(forms)


# "That said, ...", "That being said", "Having said that", "Needless to say": a turn in
# the narration, nobody's speech.
MARKERS = (("that", "said"), ("that", "being", "said"), ("having", "said", "that"), ("needless", "to", "say"),
           ("this", "said"), ("all", "that", "said"), ("strange", "to", "say"))


def is_discourse_marker(verb: Token) -> bool:
    if verb.lower_ == "assured" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "rest":
        return True   # "rest assured that ...": the writer's reassurance, nobody's report
    sentence = verb.sent
    words = [t.lower_ for t in sentence[:4]]
    for marker in MARKERS:
        size = len(marker)
        if tuple(words[:size]) == marker and sentence.start <= verb.i < sentence.start + size \
                and size < len(sentence) and sentence[size].text == ",":
            return True
    return False


def subject(verb: Token) -> Token | None:
    """The verb's subject; for an inverted report ("..., writes Trud") the name after it;
    for a passive ("it was reported by X") the agent."""
    agent = next((o for c in verb.children if c.dep_ == "agent"
                  for o in c.children if o.dep_ == "pobj"), None)
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.dep_ == "nsubjpass" and agent is not None:
                return agent
            if child.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
                return None   # "he was warned", "she was asked": the listener ("was quoted as saying": the speaker)
            if child.dep_ == "csubj":
                return _name_before(verb)   # a clause says nothing: a misparsed opening participle
            if child.lower_ in ("it", "there") and child.dep_ == "nsubjpass":
                continue
            return child
    if agent is not None:
        return agent
    for child in verb.lefts:
        # "..., Ruptly reported": an unknown name the parser took for an adverb
        if child.i == verb.i - 1 and child.i > child.sent.start and child.text[:1].isupper() \
                and child.dep_ in ("advmod", "npadvmod", "compound"):
            return child
    for child in verb.rights:
        # "..., writes Trud": only a speech verb has its source after it ("refused to
        # hear long-sought answers": the answers are heard, they say nothing), and only
        # as a tag after what was said ("emphasized the threat", "asking them": objects)
        if child.dep_ in INVERTED and child.pos_ in ("PROPN", "NOUN", "PRON") and is_speech_verb(verb) \
                and verb.tag_ != "VBG" and _tag_position(verb):   # ", suggesting X": X is said
            return child
    if verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        return subject(verb.head)  # "declined to comment": the subject of "declined"
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") \
            and all(c.lower_ in TIME_MARKS for c in verb.children if c.dep_ in ("mark", "prep")
                    and c.i < verb.i):
        # "Trump attacked Clinton, saying ...", "Blige sings before asking her, ...": the
        # main clause's subject says it
        return subject(verb.head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in TIME_MARKS \
            and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject(verb.head.head)   # "thanked the crowd before saying ..."
    return None


TIME_MARKS = frozenset({"before", "after", "while", "when", "since"})


def _name_before(verb: Token) -> Token | None:
    """'Speaking from a stage in Redmond, Washington, Chief Executive Satya Nadella said':
    the parser made the participle the subject and hung the name on the place; the noun
    right before the verb is the speaker."""
    if verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    return before if before.pos_ in ("PROPN", "NOUN") and before.dep_ != "compound" else None


TAG_BEFORE = frozenset({",", "”", "’", '"', "'", "—", "–", "-", "»", ":", "''"})


def _tag_position(verb: Token) -> bool:
    """A verb in a tag: after a comma, a closing mark or a dash, or opening its sentence
    ("Said Ellis:"); its adverb may come between ("..., also writes Trud")."""
    before = verb.i - 1
    while before >= verb.sent.start and verb.doc[before].dep_ in ("advmod", "neg") \
            and verb.doc[before].head.i == verb.i:
        before -= 1
    return before < verb.sent.start or verb.doc[before].text in TAG_BEFORE


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue's characters: the verb with its particle ("points out"), and for a refusal
    the verb it governs ("declined to comment")."""
    start, end = verb.idx, verb.idx + len(verb)
    for child in verb.children:
        if child.dep_ == "prt" and child.lower_ in lexicon().cue_particles and child.i == verb.i + 1:
            end = child.idx + len(child)
        if verb.lemma_.lower() in lexicon().refusal_verbs and child.dep_ == "xcomp":
            end = max(end, child.idx + len(child))
    return start, end


def content_clause(verb: Token) -> tuple[Token, set[int]] | None:
    """The clause a speech verb introduces, with tokens to leave out of it, or None.

    "X said (that) CLAUSE" and "CLAUSE, X said" give the verb's complement; when the
    parser hangs a trailing "..., writes X" on the clause instead (as a conjunct or
    parenthetical), the clause is the verb's head without the report itself.
    """
    clauses = [child for child in verb.children
               if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX", "NOUN", "ADJ")
               and not _trailing_tag(child) and child.left_edge.dep_ != "cc"   # "said — and then ..."
               and not _inverted_condition(child) and not _asked_for_a_thing(verb, child)]
    if clauses:
        # "Should the district receive funds, Hightower said that ...": a fronted
        # condition is no claim when the verb has a clause of its own after it
        return max(clauses, key=lambda c: c.i > verb.i), set()
    for child in verb.children:
        if child.dep_ == "xcomp" and verb.lemma_.lower() in lexicon().refusal_verbs \
                and (is_speech_verb(child) or child.lemma_.lower() in REFUSED_SPEECH):
            return child, set()   # "declined to comment", never "refused to pay"
    head = verb.head
    before = verb.left_edge.i - 1     # the comma before "..., X reported" / "..., reported X"
    if (verb.dep_ in ("conj", "parataxis", "advcl", "ccomp") and head.i < verb.i and verb.tag_ not in ("VBG", "VBN")
            and (verb.dep_ != "ccomp" or _trailing_tag(verb))
            and not _subordinate_or_refusing(verb)
            and before >= 0 and verb.doc[before].text in (",", "—", "–")
            and head.pos_ in ("VERB", "AUX")):
        return head, {t.i for t in verb.subtree} | {before}
    return None


def _inverted_condition(clause: Token) -> bool:
    """'... had the project gone forward', 'Should the district receive funds, ...': a
    condition told by an auxiliary before its subject, no claim."""
    first = clause.left_edge
    return first.lower_ in ("had", "were", "should") and first.i + 1 < len(first.doc) \
        and first.nbor().dep_ in ("det", "nsubj", "nsubjpass", "poss", "compound", "amod")


def _asked_for_a_thing(verb: Token, clause: Token) -> bool:
    """'are asking for the money ... had the project gone forward': asking for a thing
    is a demand; a clause after it is none of its words."""
    return verb.lemma_.lower() == "ask" and any(
        c.dep_ == "prep" and c.lower_ == "for" and c.i < clause.i for c in verb.children)


def _subordinate_or_refusing(verb: Token) -> bool:
    """'..., even though the government declined Cairo's bid': a clause opened by a
    conjunction, or a refusal of a thing, is no '..., X said' tag of the clause before."""
    return any(child.dep_ == "mark" or (child.dep_ == "dobj" and verb.lemma_.lower() in lexicon().refusal_verbs
                                        and child.lemma_.lower() not in REFUSED_SPEECH)
               for child in verb.children)


def _trailing_tag(verb: Token) -> bool:
    """'..., reported Euro News.': a speech verb after a comma, with its source after it
    and nothing it says of its own, which the parser hung on the clause before."""
    before = verb.left_edge.i - 1
    return (is_speech_verb(verb) and before >= 0 and verb.doc[before].text == ","
            and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
            and any(c.dep_ in INVERTED and c.i > verb.i for c in verb.children))


def clause_span(head: Token, skip: set[int] | None = None) -> tuple[int, int] | None:
    """Characters of a clause: the head's subtree without a leading "that" or trailing
    punctuation, and without tokens in `skip`."""
    skip = (skip or set()) | _reporters_comment(head)
    tokens = [t for t in head.subtree if t.i not in skip]
    # "that" stays: the claim is "that X", as annotators mark it too.
    while tokens and tokens[0].is_punct and tokens[0].text not in QUOTE_OPENERS:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})  # type: ignore[assignment]  # BUG (left as is): rebinds the SUBJECTS above, so subject() sees this set too
# What the parser hangs on a speech verb that is the clause's subject.
STRAY_SUBJECT_DEPS = frozenset({"dobj", "xcomp", "prep", "npadvmod", "compound", "amod"})


def with_stray_subject(verb: Token, clause: Token, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """'Fesmire added the steps at the park have been signed': a clause after its verb
    with no subject of its own, whose subject the parser hung on the speech verb; the
    claim starts right after the verb."""
    if span is None or clause.i < verb.i:
        return span
    between = verb.doc[verb.i + 1:clause.left_edge.i]
    # a gerund subject ('acknowledged funding the hotline could be ...') the parser split
    # from its own object, which it took for the clause's subject
    gerund = len(between) == 1 and between[0].dep_ == "xcomp" and between[0].tag_ == "VBG"
    if (gerund or not any(c.dep_ in SUBJECTS for c in clause.children)) and _hung_on_the_verb(verb, between):
        return between[0].idx, span[1]
    return span


def _hung_on_the_verb(verb: Token, between: Span) -> bool:
    """Words between a speech verb and its clause that the parser attached to the verb
    as an object or a gerund (with their modifiers), no comma or conjunction among them."""
    attached = [t for t in between if t.head.i == verb.i]
    return len(between) > 0 and not any(t.dep_ == "mark" for t in between) \
        and all(t.dep_ in STRAY_SUBJECT_DEPS for t in attached) \
        and any(t.dep_ in ("dobj", "xcomp") for t in attached)


# "..., a claim the office disputes": the reporter's comment on what was said, after a
# comma, is no part of it.
COMMENT_NOUNS = frozenset({"claim", "allegation", "charge", "accusation", "assertion", "contention",
                           "argument", "assessment", "view", "statement", "suggestion", "position"})


def _reporters_comment(head: Token) -> set[int]:
    dropped: set[int] = set()
    for token in head.subtree:
        if token.lemma_.lower() in COMMENT_NOUNS and token.i > head.i and token.i >= 2 \
                and token.dep_ in ("appos", "npadvmod", "dobj", "advmod", "conj") \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children) \
                and token.doc[token.left_edge.i - 1].text == ",":
            dropped |= {t.i for t in token.subtree}
    return dropped


def noun_phrase(head: Token) -> tuple[int, int]:
    """A source's words: the noun with its modifiers, without relative clauses."""
    dropped = {t.i for c in head.children if c.dep_ in EMBEDDED + ("punct",) for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped]
    tokens = [t for t in tokens if tokens[0].i <= t.i <= head.i or t.i > head.i]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return head.idx, head.idx + len(head)
    # keep it contiguous: stop at the first gap
    last = tokens[0]
    for token in tokens[1:]:
        if token.i != last.i + 1:
            break
        last = token
    return tokens[0].idx, last.idx + len(last)


def is_anonymous(head: Token) -> bool:
    return head.lemma_.lower() in lexicon().anonymous_heads or head.lower_ in lexicon().anonymous_heads


def is_people(head: Token) -> bool:
    """A noun for people: the anonymous sources' heads ("officials", "residents") and
    PETRARCH's agents ("experts", "lawmakers", "protesters")."""
    from .agents import last_words  # the agents dictionary loads only when asked
    lemma, word = head.lemma_.lower(), head.lower_
    return lemma in lexicon().anonymous_heads or word in lexicon().anonymous_heads \
        or word in last_words() or lemma in last_words()


def is_document(head: Token) -> bool:
    heads = lexicon().document_heads
    return head.lemma_.lower() in heads or head.lower_ in heads   # "data" (lemma "datum")


def is_institution(head: Token) -> bool:
    return head.lemma_.lower() in lexicon().institution_heads


def looks_like_outlet(name: str) -> bool:
    """An organisation's name that marks a news outlet ("The Post", "Trud", "Reuters")."""
    if outlet_named(name) is not None:
        return True
    folded = name.lower().strip()
    return any(word in lexicon().outlet_name_words for word in re.findall(r"[a-z]+", folded))
