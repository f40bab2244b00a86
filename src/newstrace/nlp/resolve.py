"""Who a source is: an entity, a group described, a document, or nobody we can name.

`Resolver` answers for one article, reading it from start to end. A pronoun goes by
salience: the nearest subject before it in its own sentence (a "When X ..." clause's
too), else the main subject of the sentence before, else the speaker just quoted;
subjects inside quotation marks never count, and the antecedent must agree in number
and, where a first name tells it, in gender. With no such antecedent the pronoun stays
unresolved (never a wild guess). "The agency points out" is the outlet just named; an
office ("Austria's interior minister", "the governor") is a source of its own kind,
linked to its holder when the article names exactly one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..dossier import SPEAKER_TYPES, Entity
from ..geo.names import is_place_name
from .firstnames import gender_of, person_like
from .names import fold
from .speech import (
    RELATIVES,
    is_anonymous,
    is_document,
    is_institution,
    is_people,
    is_speech_verb,
    lexicon,
    looks_like_outlet,
    noun_phrase,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Descriptors that make an organisation an outlet ("the newspaper GP"); not "agency"
# or "site", which name government agencies and shops as often.
OUTLET_DESCRIPTORS = frozenset({"newspaper", "daily", "weekly", "broadcaster", "tabloid", "magazine",
                                "newsweekly", "journal", "outlet"})
# The kind of a phrase that names no one who could say anything; callers drop it.
NOBODY = "nobody"
# A title before a name tells the gender better than the first name does ("Ms. Claussen"
# for a Keith): the title's words, and the gender they tell.
GENDER_TITLE = re.compile(r"\b(?:(Ms|Mrs|Miss|Madam|Mme)|(Mr|Sir))\.?\s+$")
# How far back (in sentences) a pronoun may find its antecedent; further, up to
# GENDER_WINDOW, when the last person who spoke has the pronoun's gender by first name.
PRONOUN_WINDOW = 2
GENDER_WINDOW = 6
FEMININE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them"})
MASCULINE = frozenset({"he", "him", "his", "himself"})
# Nouns for one public office, whose holder a text may leave unnamed ("the governor",
# "Austria's interior minister", "New York's chief medical examiner"). Not every
# title: "the analyst", "the brother" and "the coach" are people, not offices.
OFFICE_WORDS = frozenset({
    "president", "minister", "premier", "chancellor", "secretary", "secretary-general",
    "senator", "governor", "mayor", "ambassador", "envoy", "spokesman", "spokeswoman",
    "spokesperson", "commissioner", "prosecutor", "attorney", "judge", "justice", "chairman",
    "chairwoman", "ceo", "director", "commander", "chief", "examiner", "coroner", "ombudsman",
    "registrar", "auditor", "inspector", "sheriff", "superintendent", "speaker", "king", "queen",
    "emir", "sultan", "pope", "president-elect", "comptroller", "treasurer", "administrator",
    "regulator", "rapporteur", "representative", "counsel", "executive", "head", "leader",
    "chairperson"})


@dataclass(slots=True)
class Source:
    """A resolved source: what to call it, where it is named here, and what it is."""

    name: str
    kind: str                          # named-person | named-organization | outlet | anonymous | document
    span: tuple[int, int] | None = None
    entity: str | None = None
    # the unnamed person or group a pronoun stands for ("A spokesperson ... He added"):
    # where to find the entity that stage `group_sources` gives them
    refers_to: tuple[int, int] | None = None


NEGATIVE = frozenset({"no", "none", "nobody", "nothing", "neither", "nor"})
TIMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})


def names_nobody(head: Token) -> bool:
    """A subject that is no one who could say anything: "no one knows", "last week"
    (a misparsed time), "so-called", "the policy shift" (a change, a decision, a move:
    nouns of events, data/speech.toml `no_speaker_heads`)."""
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return True
    if head.lower_ in NEGATIVE or any(c.lower_ in NEGATIVE and c.dep_ == "det" for c in head.children):
        return True
    if head.ent_type_ in TIMES:
        return True
    return head.lemma_.lower() in lexicon().no_speaker_heads


def previous_sentence(doc: Doc, sentence: Span) -> Span | None:
    """The sentence before, skipping paragraph breaks (which the parse makes sentences)."""
    start = sentence.start
    while start > 0:
        before = doc[start - 1].sent
        if not before.text.isspace():
            return before
        start = before.start
    return None


class Resolver:
    """Who each source is, for one article read from start to end."""

    def __init__(self, doc: Doc, text: str, entities: list[Entity],
                 quoted: list[tuple[int, int]] | None = None) -> None:
        self.doc = doc
        self.text = text
        # quotation spans (open mark to after the close): their subjects are the quoted
        # speaker's words, never an antecedent for the narrator's pronouns
        self.quoted = sorted(quoted or [])
        self.quoted_starts = [q[0] for q in self.quoted]
        self.entities = {e.id: e for e in entities}
        self.mentions = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.starts = [m[0] for m in self.mentions]
        # no mention is longer: how far back a mention holding a position can start
        self.longest = max((m[1] - m[0] for m in self.mentions), default=0)
        self.outlets = {e.id for e in entities if e.type == "ORG" and self._is_outlet(e)}
        # people the tagger typed otherwise here ("Nesma Hajjaj said" as ORG): for
        # speakers and pronouns, a gendered first name and a surname make a person
        self.people = {e.id for e in entities if e.type == "PERSON" or (
            e.type in ("ORG", "GPE", "NORP") and e.id not in self.outlets and person_like(e.name)
            and not is_place_name(e.name))}
        # the people with a first name and a surname, by surname and by first name, for
        # bare surnames and first names the tagger missed
        self.bare_names: dict[str, list[str]] = {}
        self.genders: dict[str, str | None] = {}   # memo of gender(): it reads the titles
        for entity_id in sorted(self.people):
            name = self.entities[entity_id].name
            if len(name.split()) > 1:
                self.bare_names.setdefault(fold(name).split()[-1], []).append(entity_id)
                if gender_of(name) is not None:   # "Cliff said", after "Cliff Mycoskie"
                    self.bare_names.setdefault(fold(name).split()[0], []).append(entity_id)
        self.spoke: list[tuple[int, int, str]] = []   # (sentence, char, entity id)

    # -- entities -----------------------------------------------------------------------

    def _is_outlet(self, entity: Entity) -> bool:
        if looks_like_outlet(entity.name):
            return True
        if any((fold(d).split() or [""])[-1] in OUTLET_DESCRIPTORS for d in entity.descriptors):
            return True   # "the newspaper GP", "public broadcaster Kan"
        for mention in entity.mentions:
            before = self.text[max(0, mention.start - 1):mention.start]
            if before in ("“", '"', "«", "„"):
                return True   # publications are printed in quotation marks: writes “Trud”
        return False

    def entity_at(self, token: Token) -> str | None:
        """The entity one of whose mentions holds this token."""
        position = token.idx
        index = bisect_right(self.starts, position) - 1
        while index >= 0 and self.mentions[index][0] > position - self.longest:
            start, end, entity_id = self.mentions[index]
            if start <= position < end:
                return entity_id
            index -= 1
        return None

    def named_at(self, token: Token) -> str | None:
        """The entity a noun phrase's head names: its own mention, a name beside a role
        noun, or a bare surname or first name the tagger missed (even as a sentence-opening
        noun, "Trump has since ...") that only one person here bears."""
        return self.entity_at(token) or self._named_in(token) or self._by_surname(token)

    def _by_surname(self, token: Token) -> str | None:
        if token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper() or token.ent_type_ not in ("", "PERSON"):
            return None
        bearers = self.bare_names.get(fold(token.text), [])
        return bearers[0] if len(bearers) == 1 else None

    def inside_quotation(self, token: Token) -> bool:
        index = bisect_right(self.quoted_starts, token.idx) - 1
        return index >= 0 and self.quoted[index][0] <= token.idx < self.quoted[index][1]

    def gender(self, entity_id: str) -> str | None:
        if entity_id not in self.genders:
            self.genders[entity_id] = self._gender(entity_id)
        return self.genders[entity_id]

    def _gender(self, entity_id: str) -> str | None:
        entity = self.entities[entity_id]
        if entity_id not in self.people:
            return None
        # trusted only for a surname no one else here bears: "Mrs. Clinton" may be a
        # mention joined to the wrong Clinton
        if len(self.bare_names.get(fold(entity.name).split()[-1], [])) <= 1:
            titled = {GENDER_TITLE.search(self.text, max(0, m.start - 8), m.start) for m in entity.mentions}
            told = {("f" if found.group(1) else "m") for found in titled if found is not None}
            if len(told) == 1:
                return told.pop()
        for name in [entity.name, *entity.aliases]:
            found = gender_of(name)
            if found is not None:
                return found
        return None

    def kind_of(self, entity_id: str) -> str:
        if entity_id in self.people:
            return "named-person"
        if entity_id in self.outlets:
            return "outlet"
        return "named-organization"

    def remember(self, token: Token, entity_id: str | None) -> None:
        if entity_id is not None:
            self.spoke.append((token.sent.start, token.idx, entity_id))

    # -- sources ------------------------------------------------------------------------

    def resolve(self, head: Token) -> Source:
        """The source a noun phrase (given by its head token) designates."""
        if head.lower_ in RELATIVES and head.head.dep_ == "relcl" and head.head.head.pos_ in ("NOUN", "PROPN"):
            # "an architect who said he was stiffed": the architect, named here by "who"
            found = self.resolve(head.head.head)
            return Source(found.name, found.kind, (head.idx, head.idx + len(head)), found.entity,
                          refers_to=found.span if found.entity is None else None)
        if head.pos_ == "PRON":
            return self._pronoun(head)
        entity_id = self.named_at(head)
        if (entity_id is None or self.entities[entity_id].type != "PERSON") and self.is_office(head) \
                and (entity_id is None or head.tag_ == "NN" or self._ends_in_office(entity_id)):
            # an office, even where the tagger made it a name ("the examiner", "UN High
            # Commissioner for Human Rights" as an organisation)
            start, end = noun_phrase(head)
            named = self._person_within(start, end)
            if named is not None:   # "Acting U.S. Attorney for Massachusetts Joshua Levy": Levy
                return Source(self.entities[named].name, "named-person", (start, end), named)
            return Source(self.text[start:end], "named-office", (start, end), self._office_holder(head))
        if entity_id is not None and self.entities[entity_id].type not in SPEAKER_TYPES:
            entity_id = None     # a place, a building or a work says nothing ("Tartus said")
        if entity_id is not None:
            span = self._mention_span(head, entity_id)
            return Source(self.entities[entity_id].name, self.kind_of(entity_id), span, entity_id)
        start, end = noun_phrase(head)
        words = self.text[start:end]
        lemma = head.lemma_.lower()
        if lemma in lexicon().outlet_nouns and self._definite(head):
            outlet = self._latest(head, lambda e: e in self.outlets)
            if outlet is not None:
                return Source(self.entities[outlet].name, "outlet", (start, end), outlet)
        role = self._role_holder(head)
        if role is not None:
            return Source(self.entities[role].name, self.kind_of(role), (start, end), role)
        named = self._named_by_head(head)
        if named is not None:
            return Source(self.entities[named].name, self.kind_of(named), (start, end), named)
        if is_document(head):
            return Source(words, "document", (start, end), self._issuer(head))
        if is_institution(head) and not is_anonymous(head):
            return Source(words, "named-organization", (start, end))
        if names_nobody(head):
            return Source(words, NOBODY, (start, end))
        return Source(words, "anonymous", (start, end))

    def is_office(self, head: Token) -> bool:
        """One office holder named by the office: a singular title noun made definite by
        "the", a possessor or a proper noun before it ("the governor", "Austria's
        interior minister", "UN High Commissioner for Human Rights"), not "a spokesman"."""
        lemma = head.lemma_.lower()
        if head.tag_ not in ("NN", "NNP") or lemma not in OFFICE_WORDS:
            return False
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "some", "any", "no")
               for c in head.children):
            return False
        return self._definite(head) or any(
            c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in head.children) \
            or head.tag_ == "NNP"

    def _person_within(self, start: int, end: int) -> str | None:
        """The one person named inside a phrase, or None."""
        found = {owner for s, e, owner in self.mentions if start <= s and e <= end and owner in self.people}
        return found.pop() if len(found) == 1 else None

    def _ends_in_office(self, entity_id: str) -> bool:
        words = fold(self.entities[entity_id].name).split(" for ")[0].split(" of ")[0].split()
        return bool(words) and words[-1] in OFFICE_WORDS

    def _office_holder(self, head: Token) -> str | None:
        """The one person the article gives this office ("Karl Nehammer, the interior
        minister"): the descriptors of named people that end in the office's word."""
        lemma = head.lemma_.lower()
        holders = [e.id for e in self.entities.values() if e.type == "PERSON"
                   and any(fold(d).split()[-1:] == [lemma] for d in e.descriptors)]
        return holders[0] if len(holders) == 1 else None

    def _named_in(self, head: Token) -> str | None:
        """'the coach Marco Silva', 'spokesman Ali Said': the name beside a role noun;
        never beside a plural ("Obama aides", "Merkel allies": the group, not the person)."""
        if head.tag_ in ("NNS", "NNPS"):
            return None
        role = is_anonymous(head) or head.lemma_.lower() in OFFICE_WORDS
        for child in head.children:
            # a name before a noun that is no role modifies it: "the Biden administration",
            # "the Albert Quay spot" are not Biden or a man called Albert Quay
            if child.i < head.i and not role and head.pos_ == "NOUN":
                continue
            if child.dep_ in ("appos", "compound", "flat", "nmod"):
                entity_id = self.entity_at(child)
                if entity_id is not None and self.entities[entity_id].type == "PERSON":
                    return entity_id
        return None

    def _mention_span(self, head: Token, entity_id: str) -> tuple[int, int]:
        for start, end, owner in self.mentions:
            if owner == entity_id and (start <= head.idx < end or
                                       head.left_edge.idx <= start < head.idx + len(head) + 1):
                return start, end
        return head.idx, head.idx + len(head)

    def _definite(self, head: Token) -> bool:
        return any(c.lower_ in ("the", "this", "that") for c in head.children)

    def _role_holder(self, head: Token) -> str | None:
        """'the envoy' -> the one person mentioned before whose descriptors name that role."""
        if not self._definite(head) or head.tag_ in ("NNS", "NNPS"):
            return None
        lemma = head.lemma_.lower()
        holders = [e.id for e in self.entities.values() if e.type == "PERSON"
                   and any(lemma in fold(d).split() for d in e.descriptors)
                   and e.mentions and e.mentions[0].start < head.idx]
        return holders[0] if len(holders) == 1 else None

    def _pronoun(self, pronoun: Token) -> Source:
        word = pronoun.lower_
        span = (pronoun.idx, pronoun.idx + len(pronoun))
        lex = lexicon()
        wanted: Callable[[str], bool]
        if word in lex.person_pronouns:
            wanted = lambda e: e in self.people  # noqa: E731
        elif word in lex.thing_pronouns or word in lex.group_pronouns:
            wanted = lambda e: self.entities[e].type in ("ORG", "GPE", "NORP") and e not in self.people  # noqa: E731
        else:
            return Source(pronoun.text, NOBODY, span)   # "you", "one", "this": nobody named
        if word in lex.person_pronouns:
            wanted = self._gendered(pronoun, wanted)
        antecedent = self.salient(pronoun) if word in lex.person_pronouns or word in lex.group_pronouns \
            else None
        if antecedent is not None and not wanted(antecedent):
            antecedent = None
        if antecedent is None and word in PLURAL:
            group = self._group_before(pronoun)
            if group is not None:
                start, end = noun_phrase(group)
                return Source(self.text[start:end], "anonymous", span, refers_to=(start, end))
        if antecedent is None and word in lex.person_pronouns:
            person = self._unnamed_speaker_before(pronoun)
            if person is not None:
                return self._unnamed_person(person, span)
        antecedent = antecedent or self._recent_speaker(pronoun, wanted) or self._recent_subject(pronoun, wanted) \
            or self._same_gender_speaker(pronoun) or self._only_one_of_gender(pronoun)
        if antecedent is None and word in lex.person_pronouns:
            person = self._person_before(pronoun)
            if person is not None:
                return self._unnamed_person(person, span)
        if antecedent is None:
            kind = "named-person" if word in lex.person_pronouns else \
                NOBODY if word in lex.thing_pronouns else "anonymous"
            return Source(pronoun.text, kind, span)
        return Source(self.entities[antecedent].name, self.kind_of(antecedent), span, antecedent)

    def _unnamed_person(self, person: Token, span: tuple[int, int]) -> Source:
        start, end = noun_phrase(person)
        if self.is_office(person):   # "The city's police chief ... He said": that office
            return Source(self.text[start:end], "named-office", span, self._office_holder(person))
        return Source(self.text[start:end], "anonymous", span, refers_to=(start, end))

    def _unnamed_speaker_before(self, pronoun: Token) -> Token | None:
        """'Another PA official said the only way ... was to persuade Abbas. He said ...':
        a "he" or "she" that speaks right after an unnamed person spoke is that person, not
        someone named inside what that person said. The sentence before (quoted sentences
        skipped) must be speech whose main subject is one person left unnamed."""
        if pronoun.lower_ not in MASCULINE | FEMININE or not is_speech_verb(pronoun.head):
            return None
        previous = self.sentence_before(pronoun.sent)
        if previous is None:
            return None
        return next((token for token in previous
                     if _main_actor(token) and token.dep_ == "nsubj" and token.tag_ == "NN"
                     and is_speech_verb(token.head) and not self.inside_quotation(token)
                     and self._unnamed_person_noun(token)), None)

    def _unnamed_person_noun(self, token: Token) -> bool:
        """A noun for one person the article leaves unnamed: "a local farmer", "another
        official", an office; not "the actor" right after Tim Allen was named (a
        definite noun for a person most often takes up the person just named)."""
        if self.named_at(token) is not None:
            return False
        if self.is_office(token):
            return True
        if not is_people(token):
            return False
        if self._definite(token):
            window = self.doc[self._window_start(token)].idx
            return not any(window <= start < token.idx and owner in self.people and self.entities[owner].type == "PERSON"
                           for start, _, owner in self.mentions)
        return True

    def sentence_before(self, sentence: Span) -> Span | None:
        """The sentence before, skipping paragraph breaks; for a sentence that opens inside
        a quotation of several sentences (its tag: '... there," he said.'), the sentence
        before the quotation opened."""
        previous = previous_sentence(self.doc, sentence)
        while previous is not None and self._opens_quoted(sentence) \
                and all(self.inside_quotation(t) for t in previous if not t.is_punct):
            sentence, previous = previous, previous_sentence(self.doc, previous)
        return previous

    def _opens_quoted(self, sentence: Span) -> bool:
        first = next((t for t in sentence if not t.is_punct and not t.is_space), None)
        return first is not None and self.inside_quotation(first)

    def _issuer(self, head: Token) -> str | None:
        """Who put out a document, when the article names them: a name in its phrase ("the
        PPD's release", "a statement from the White House"), or, for "the release", who
        put out the last one mentioned ("The PPD said in a release", "Ford issued a
        statement"). Its words are that entity's."""
        found = self._issuer_within(head)
        if found is not None or not self._definite(head):
            return found
        lemma = head.lemma_.lower()
        for token in reversed(self.doc[:head.i]):
            if token.lemma_.lower() != lemma or token.pos_ != "NOUN" or self.inside_quotation(token):
                continue
            found = self._issuer_within(token) or self._issuer_of_mention(token)
            if found is not None or not self._definite(token):
                return found   # "a release" with no one named starts another document
        return None

    def _issuer_within(self, head: Token) -> str | None:
        agents = [o for c in head.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                  for o in a.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") and o.ent_type_ not in TIMES]
        if agents:   # "court documents filed by the state": the state, not the court
            return self._speaker_named_at(agents[0])
        for child in head.children:
            tokens = [child] if child.dep_ in ("poss", "compound") and child.i < head.i else \
                [t for t in child.children if t.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in ("from", "by", "of") \
                else []
            found = next((e for e in map(self._speaker_named_at, tokens) if e is not None), None)
            if found is not None:
                return found
        return None

    def _issuer_of_mention(self, document: Token) -> str | None:
        """'X said in a release', 'X issued a statement': the subject of the verb the
        document hangs on."""
        verb = document.head.head if document.dep_ == "pobj" and document.head.dep_ == "prep" else \
            document.head if document.dep_ == "dobj" else None
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        return next((e for c in verb.children if c.dep_ == "nsubj"
                     for e in [self._speaker_named_at(c)] if e is not None), None)

    def _speaker_named_at(self, token: Token) -> str | None:
        """The entity named at the token, when it is one that can speak."""
        entity_id = self.named_at(token)
        return entity_id if entity_id is not None and self.entities[entity_id].type in SPEAKER_TYPES else None

    def _group_before(self, pronoun: Token) -> Token | None:
        """'The blackouts left some of the state's energy experts bewildered. They said
        ...': the nearest group of people named by a plural common noun before "they";
        None when a named organisation or group comes between (then "they" may be it)."""
        return self._unnamed_before(pronoun, ("ORG", "NORP", "GPE"), lambda t: t.tag_ == "NNS" and is_people(t))

    def _person_before(self, pronoun: Token) -> Token | None:
        """'A spokesperson for the university said ... He added': the one unnamed person
        who is a subject just before "he"/"she", when no named person comes between."""
        if pronoun.lower_ not in MASCULINE | FEMININE:
            return None
        return self._unnamed_before(pronoun, ("PERSON",),
                                    lambda t: t.tag_ == "NN" and t.dep_ in ("nsubj", "nsubjpass")
                                    and self._unnamed_person_noun(t))

    def _unnamed_before(self, pronoun: Token, blocking: tuple[str, ...], fits: Callable[[Token], bool]) -> Token | None:
        """The nearest noun that `fits`, named by no entity, in the pronoun's
        sentence or the one before, outside quotation marks and outside what someone is
        said to have said ("reporting that a plane had lifted off"); None when an entity
        of a `blocking` type comes first. In a trailing tag ("..., they say") the words
        before it in its sentence are the claim, and do not count."""
        previous = self.sentence_before(pronoun.sent)
        start = previous.start if previous is not None else pronoun.sent.start
        end = pronoun.sent.start if _trailing_speaker(pronoun) else pronoun.i
        for token in reversed(self.doc[start:end]):
            if self.inside_quotation(token) or _reported(token):
                continue
            entity = self.entity_at(token)
            if entity is not None and self.entities[entity].type in blocking:
                return None
            if entity is None and fits(token):
                return token
        return None

    def _gendered(self, pronoun: Token, wanted: Callable[[str], bool]) -> Callable[[str], bool]:
        """Keep "she" from a man and "he" from a woman, where a first name tells."""
        word = pronoun.lower_
        clash = "m" if word in FEMININE else "f" if word in MASCULINE else None
        if clash is None:
            return wanted
        return lambda e: wanted(e) and self.gender(e) != clash

    def _same_gender_speaker(self, pronoun: Token) -> str | None:
        """'“...,” she went on' paragraphs after Nesma Hajjaj last spoke: the last speaker
        within GENDER_WINDOW sentences whose first name says the pronoun's gender, when
        no person of the other or an unknown gender spoke after her."""
        wanted = _gender_of_pronoun(pronoun)
        if wanted is None:
            return None
        window = self._window_start(pronoun, GENDER_WINDOW)
        for sentence, position, entity_id in reversed(self.spoke):
            if position >= pronoun.idx or entity_id not in self.people:
                continue
            if sentence < window:
                return None
            return entity_id if self.gender(entity_id) == wanted else None
        return None

    def _only_one_of_gender(self, pronoun: Token) -> str | None:
        """'"I got tired of Canadian winters," he laughs' in a profile of Dr. Anthony Greco:
        the one person named in full before the pronoun's sentence, who is of its gender,
        when every other person so named is of the other gender."""
        wanted = _gender_of_pronoun(pronoun)
        if wanted is None:
            return None
        named = [e for e in self.people if len(self.entities[e].name.split()) > 1
                 and min(m.start for m in self.entities[e].mentions) < pronoun.sent.start_char]
        genders = [self.gender(e) for e in named]
        if genders.count(wanted) != 1 or None in genders:
            return None
        return named[genders.index(wanted)]

    def _window_start(self, token: Token, sentences: int = PRONOUN_WINDOW) -> int:
        """Token index where the pronoun's window begins: so many sentences back."""
        sentence = token.sent
        counted = 0
        while counted < sentences and sentence.start > 0:
            sentence = self.doc[sentence.start - 1].sent
            counted += not sentence.text.isspace()   # paragraph breaks are not sentences
        return sentence.start

    def _recent_speaker(self, token: Token, wanted: Callable[[str], bool]) -> str | None:
        window = self._window_start(token)
        for sentence, position, entity_id in reversed(self.spoke):
            if position < token.idx and sentence >= window and wanted(entity_id):
                return entity_id
        return None

    def _recent_subject(self, token: Token, wanted: Callable[[str], bool]) -> str | None:
        """The one entity of the wanted kind that is a subject in the window, if only one."""
        window = self._window_start(token)
        found: list[str] = []
        for candidate in self.doc[window:token.i]:
            if candidate.dep_ in ("nsubj", "nsubjpass"):
                entity_id = self.entity_at(candidate)
                if entity_id is not None and wanted(entity_id) and entity_id not in found:
                    found.append(entity_id)
        return found[-1] if len(found) == 1 else None

    # -- salience (events) -----------------------------------------------------------------

    def salient(self, pronoun: Token, skip: set[int] | frozenset[int] = frozenset()) -> str | None:
        """The entity a pronoun refers to by salience, not by who spoke last: the nearest
        subject before it in its own sentence ("When Ghani announced ..., he said";
        "McCain was held there after he was shot down"), else the main subject of the
        sentence before; it must agree in kind and number ("he": one person; "they": a
        group, an organisation or a country). None rather than a guess."""
        wanted = self._agreeing(pronoun)
        if wanted is None:
            return None
        wanted = self._gendered(pronoun, wanted)
        if self.quoted:
            skip = set(skip) | {t.i for t in pronoun.sent if self.inside_quotation(t)}
        sentence = pronoun.sent
        # an object pronoun is not its own clause's subject ("Russia will attack it")
        own_subject = pronoun.head if pronoun.dep_ in ("dobj", "dative", "iobj", "pobj") else None
        # in a trailing tag ('Breonna did well and Patrick loved sports, he said') the words
        # before it are the claim: its subjects are what was said about, not the speaker
        before: list[Token] | Span = [] if _trailing_speaker(pronoun) else self.doc[sentence.start:pronoun.i]
        for candidate in reversed(before):
            if candidate.i in skip:
                continue   # a dateline names no one
            if candidate.dep_ in ("nsubj", "nsubjpass") and candidate.pos_ != "PRON" \
                    and (own_subject is None or candidate.head.i != own_subject.i):
                entity_id = self.named_at(candidate)
                if entity_id is not None and wanted(entity_id):
                    return entity_id
        previous = self.sentence_before(sentence)
        if previous is None:
            return None
        found = {entity_id for candidate in previous
                 if _main_actor(candidate)
                 and candidate.i not in skip and not self.inside_quotation(candidate)
                 and (entity_id := self.named_at(candidate))
                 and wanted(entity_id)}
        return found.pop() if len(found) == 1 else None

    def _agreeing(self, pronoun: Token) -> Callable[[str], bool] | None:
        word = pronoun.lower_
        if word in ("he", "him", "his", "she", "her", "hers"):
            # a person, or one office holder ("the president ... he")
            return lambda e: e in self.people or (
                self.entities[e].type == "AGENT" and not self._plural(e))
        if word in ("they", "them", "their"):
            return lambda e: (self.entities[e].type in ("ORG", "GPE", "NORP") and e not in self.people) or (
                self.entities[e].type == "AGENT" and self._plural(e))
        if word in ("it", "its"):
            return lambda e: self.entities[e].type in ("ORG", "GPE") or (
                self.entities[e].type == "AGENT" and not self._plural(e))   # "the union ... it"
        return None

    def _plural(self, entity_id: str) -> bool:
        name = self.entities[entity_id].name
        return name.endswith("s") or name.lower().split()[-1] in ("police", "military", "government")

    def _named_by_head(self, head: Token) -> str | None:
        """'Cork University Hospital ... The hospital said', 'the Ministry of Health ... the
        ministry': a definite singular noun that ends the name (before any "of") of the
        organisation last mentioned with that word, within the pronoun window."""
        if not self._definite(head) or head.tag_ != "NN" or any(c.dep_ in ("amod", "compound") for c in head.children):
            return None
        word = head.lower_
        latest = self._latest(head, lambda e: self.entities[e].type == "ORG"
                              and e not in self.people
                              and fold(self.entities[e].name).split(" of ")[0].split()[-1:] == [word])
        if latest is None:
            return None
        window = self.doc[self._window_start(head)].idx
        return latest if any(owner == latest and s >= window for s, _, owner in self.mentions) else None

    def _latest(self, token: Token, wanted: Callable[[str], bool]) -> str | None:
        index = bisect_right(self.starts, token.idx) - 1
        while index >= 0:
            entity_id = self.mentions[index][2]
            if wanted(entity_id):
                return entity_id
            index -= 1
        return None


def _main_actor(token: Token) -> bool:
    """The main clause's subject, or its passive's agent ("It will be chaired by Kate
    Dalmeny. She said ..."): who the sentence is about."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return token.head.dep_ == "ROOT"
    return token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.dep_ == "ROOT"


def _reported(token: Token) -> bool:
    """The token lies in the content of a speech verb: what someone said, not who."""
    return any(a.dep_ in ("ccomp", "parataxis") and is_speech_verb(a.head) for a in token.ancestors)


def _trailing_speaker(pronoun: Token) -> bool:
    """The pronoun is the subject of a speech verb after what was said: ', he said.'"""
    verb = pronoun.head
    return pronoun.dep_ == "nsubj" and verb.i > pronoun.i and is_speech_verb(verb) \
        and pronoun.i > verb.sent.start + 2 and verb.doc[pronoun.i - 1].text in (",", "”", "\"") \
        and not any(c.dep_ in ("ccomp", "parataxis", "xcomp", "dobj", "dative", "attr") and c.i > verb.i
                    for c in verb.children)   # "..., he criticized China's policy" says what it does


def _gender_of_pronoun(pronoun: Token) -> str | None:
    """"f" for she/her, "m" for he/him, None for the others."""
    word = pronoun.lower_
    return "f" if word in FEMININE else "m" if word in MASCULINE else None
