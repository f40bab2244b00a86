"""Whether an event happened, by its clause: wished, supposed, counterfactual, obliged,
refused, nothing done, announced for the future, unanswered; whose clause controls an
infinitive. The event coder (stages/events.py) codes an event's mode and factuality
with these."""

from __future__ import annotations

from spacy.tokens import Token

from .event_words import (
    ACTOR_DEPS,
    ASKING_WHETHER,
    DESIRES,
    HOPING,
    INTENT_HEADS,
    OBLIGATION,
    PERCEIVING,
    REPORTING,
    SAYING,
)
from .factuality import conditional
from .factuality import lexicon as factuality_lexicon
from .senses import no_comment


def wished(head: Token) -> bool:
    """An act someone wishes another would do, not one done: "would love to see Sanders
    endorse Clinton", "the need for more troops to be deployed", "wants them to leave"."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return True   # "for more troops to be deployed": a for-to clause is wanted
    if any(c.dep_ == "advmod" and c.lower_ == "hopefully" for c in verb.children):
        return True   # "help the police hopefully capture him": hoped for
    noun = head if head.pos_ == "NOUN" else None
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "for" and \
            noun.head.head.lemma_.lower() in ("need", "hope", "wish", "desire"):
        return True   # "emphasized the need for a commitment to Israel": wanted, not done
    if verb.dep_ == "ccomp" and (verb.head.lemma_.lower() in HOPING or verb.head.lower_ in HOPING) and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "can") for c in verb.children):
        return True   # "they hoped that the Duma would soon ratify the protocols"
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in PERCEIVING:
        governor = verb.head
        return governor.dep_ == "xcomp" and governor.head.lemma_.lower() in DESIRES
    return False


def first_person(head: Token) -> bool:
    """The act's subject is the speaker ("we", "I"), also through an infinitive."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0].lower_ in ("i", "we")
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def bare_office(token: Token) -> bool:
    """A singular role noun with no determiner or modifier after "for" or "as" names an
    office, not its holder: "a bid for president", "ran for governor", "served as minister"."""
    return token.tag_ == "NN" and token.dep_ == "pobj" and token.head.lower_ in ("for", "as") and \
        not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod", "prep") for c in token.children)


def purpose(verb: Token) -> bool:
    """An infinitive of purpose: 'act to fight terrorism'."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def passive_chain(verb: Token) -> list[Token]:
    """The other verbs coordinated with a verb ("shot and killed")."""
    first = verb
    while first.dep_ == "conj" and first.head.pos_ == "VERB":
        first = first.head
    return [v for v in [first, *first.conjuncts] if v.i != verb.i]


def coordinated_passive(verb: Token) -> bool:
    """A verb in a coordination whose first verb is passive ("was shot and killed")."""
    if verb.tag_ != "VBN" or any(c.dep_ == "nsubj" for c in verb.children):
        return False   # an active verb ("was elected and agreed to serve"), or one with its own doer
    chain = passive_chain(verb)
    return bool(chain) and any(c.dep_ == "auxpass" for v in [verb, *chain] for c in v.children)


def supposed(head: Token) -> bool:
    """'Say Mexico demanded that ...', 'Suppose Iran attacked', 'Imagine China invaded
    Taiwan': an act supposed for argument, under an imperative of supposing."""
    node = head
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ == "ccomp" and parent.lemma_.lower() in SUPPOSING and parent.tag_ == "VB" \
                and not any(c.dep_ in ("nsubj", "aux") for c in parent.children):
            return True
        node = parent
    return False


# Imperatives that put an act forward for argument.
SUPPOSING = frozenset({"say", "suppose", "imagine", "assume", "pretend", "picture"})


def counterfactual(head: Token) -> bool:
    """'should have beaten Obama', 'would have attacked', 'must have known': a past that
    did not happen, or an inference, not an act told."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and bool(auxes & {"have", "'ve", "of"}) and bool(
        auxes & (OBLIGATION | {"ought", "would", "could", "might", "must", "'d"}))


def obliged(head: Token) -> bool:
    """What must, should or ought to be done, or should have been ("should resign",
    "must release", "needs to withdraw", "should be able to be sued")."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in OBLIGATION | {"ought"} for c in verb.children):
            return True
        if not (verb.dep_ == "xcomp" or purpose(verb)) or verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb.lemma_.lower() in ("need", "have", "ought") and verb.tag_ != "VBN":
            return True
    return False


def refusal(head: Token) -> bool:
    """A negated act that is a refusal: "refused to", "failed to", "will not accept",
    "would not release"; not a plain negation ("did not attend", "can't agree")."""
    if refused(head):
        return True
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    modals = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(modals & {"will", "would", "wo", "shall"}) and not conditional(verb)


def infinitive(verb: Token) -> bool:
    """A 'to' infinitive hung as an adverbial clause, with no subject of its own."""
    return verb.dep_ == "advcl" and any(c.dep_ in ("aux", "mark") and c.lower_ == "to"
                                        for c in verb.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


# Verbs after which an infinitive's act was done: "managed to free", "voted to impose".
IMPLICATIVE = frozenset("""manage begin start continue go proceed move vote opt choose dare get
resume keep""".split())


def infinitival(head: Token) -> bool:
    """A predicate in the infinitive ("to endorse him"), with no finite verb of its own."""
    verb = head if head.pos_ in ("VERB", "AUX") else None
    return verb is not None and verb.tag_ == "VB" and any(
        c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in verb.children)


def refused(head: Token) -> bool:
    """'failed to reach', 'refused to withdraw': the act the clause governs did not happen."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    negators = factuality_lexicon()["negated"].lemmas
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in negators:
        return True
    return denied_by_noun(verb)


def nothing_done(head: Token) -> bool:
    """'offers no protections to gay residents', 'gave no assistance', 'fired no rockets',
    'met nobody': the act's object says none of it was done."""
    if head.pos_ != "VERB":
        return False
    return any(c.dep_ in ("dobj", "dative") and (c.lower_ in NOTHING or any(
        d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in head.children)


# Objects that are no thing at all.
NOTHING = frozenset({"nothing", "none", "nobody", "no-one"})


def denied_by_noun(verb: Token) -> bool:
    """'showed no sign that he was planning to apologize', 'has no intention of
    resigning': an act a "no" noun says is not there."""
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pcomp" and node.head.dep_ == "prep":
        node = node.head
    noun = node.head
    return node.dep_ in ("acl", "ccomp", "prep") and noun.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def announced(head: Token) -> bool:
    """'will withdraw', 'offered to negotiate', 'said it would release', 'is prepared to
    lift'; not a prediction under a condition ("if I leave it, they will arrest them")."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    modals = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if will(verb) or "going" in modals:
        return not conditional(verb)
    reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING
    if "would" in modals and reported:
        return True
    governor = verb.head if verb.dep_ in ("xcomp", "acomp", "ccomp") or infinitive(verb) else None
    while governor is not None and governor.dep_ in ("xcomp", "acomp") and governor.head.i != governor.i:
        if governor.lemma_.lower() in INTENT_HEADS:
            break
        governor = governor.head
    return governor is not None and (governor.lemma_.lower() in INTENT_HEADS or going_to(governor))


def future(head: Token) -> bool:
    """'will ask', 'is going to accuse': told as what will be done (not an intent or a
    wish: "intended to ask" is announced, and coded)."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    governor = verb.head if verb.dep_ == "xcomp" else None
    return (will(verb) or (governor is not None and going_to(governor))) and not conditional(verb)


def will(verb: Token) -> bool:
    """The verb's own auxiliaries make it a future: "will", "shall", "'ll"."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_MODALS for c in verb.children)


def going_to(verb: Token) -> bool:
    """'is going to impose': a future, not a going ("went on to free them" is done)."""
    return verb.lower_ == "going" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


FUTURE_MODALS = frozenset({"will", "shall", "'ll"})


CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "pcomp", "parataxis"})


# Dependencies that open a clause of its own, a coordinated verb's among them.
CLAUSE_DEPS = CLAUSAL | {"conj"}


def clause_depth(head: Token) -> int:
    """How many clause boundaries lie between a predicate and its sentence's root."""
    depth, node = 0, head
    while node.head.i != node.i:
        depth += node.dep_ in CLAUSAL
        node = node.head
    return depth


def unanswered(head: Token) -> bool:
    """'declined to give details of the talks': what someone would not tell the press is
    no act of theirs, done or refused; 'asked if he had met Trump', 'wondered whether
    they would attack': a question asserts nothing."""
    verb = head if head.pos_ == "VERB" else head.head
    if verb.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in verb.children) \
            and verb.head.lemma_.lower() in ASKING_WHETHER:
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse") and \
        no_comment(verb.head)


def agentive_by(prep: Token) -> bool:
    """'invaded by Israel', 'the invasion by Israel': the doer; 'condemned ... by X' with
    a subject of its own: a means, misattached by the parser."""
    head = prep.head
    if head.pos_ != "VERB":
        return True
    return not any(c.dep_ in ACTOR_DEPS for c in head.children)


def controller(verb: Token) -> Token | None:
    """The verb whose subject does what an infinitive, a conjunct or an adjective's
    complement says ("tried to provide", "is willing to withdraw", "met and agreed")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None   # its own subject: "the Canadians left and a battalion was stationed"
    if verb.tag_ == "VBN" and verb.dep_ == "advcl":
        return None   # "if convicted", "when asked": the one the main clause is about
                      # undergoes it
    node = verb
    for _ in range(3):
        if node.dep_ not in ("xcomp", "conj", "advcl", "acomp") or node.head.i == node.i:
            return None
        if node.dep_ == "advcl" and node.tag_ in ("VBD", "VBZ", "VBP") and node.head.lemma_.lower() in SAYING:
            return None   # "Police said Baskerville ... abducted Bosworth" (a finite verb
                          # misparsed): the speaker does not do what they report; "wrote
                          # to the court, asking it to" still asks
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ACTOR_DEPS for c in node.children):
            return node
    return None


def present(head: Token) -> bool:
    """The clause reports the present: a present-tense verb, or 'is/are ...-ing'."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and any(c.tag_ in ("VBZ", "VBP") and c.dep_ in ("aux", "auxpass")
                                      for c in verb.children)
