"""Event triggers: which predicates state which PLOVER event, read off the parse.

Sources, in the order they are asked (`Trigger.source` records which one spoke):
1. "rule": our light-verb rules (data/plover.toml `objects`): a verb that states an
   event only with one of these objects ("impose sanctions", "sign an accord");
2. "pattern": a PETRARCH2 CAMEO pattern with a content word ("cut ties", "call for a
   ceasefire"), mapped to PLOVER through CAMEO2PLOVER (newstrace.nlp.cameo);
3. "lexicon": our verbs (data/plover.toml `verbs`), each a verb whose common sense is
   the act ("accuse", "arrest", "withdraw");
4. "cameo": CAMEO's own code of a verb, where the dictionary gives that verb its code
   (not one inherited from a block of synonyms), the verb is not a common word with many
   senses (Zipf frequency below COMMON_VERB), and the code is an act, not intent (03) or
   appeal (02), which are speech about other acts. The events stage asks more of these:
   named actors on both sides.

Trigger policy (what may state an event at all):
- a verb that predicates: not a modifier ("the accused trafficker", "occupied land"), not
  a reduced relative ("a man accused of fraud"), not a comparison ("as alleged");
- an event noun only as the object of a light verb (rule 1), or as the subject or object
  of a verb ("the attack killed", "condemned the attack"), never as a modifier, in a
  prepositional phrase ("after the meeting") or a compound ("peace talks" is "talks").
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable

from .cameo import code_verb, plover_of
from .senses import (
    SENSE_CHECKED,
    billing,
    broken_rule,
    candidacy,
    electoral_control,
    figurative_attack,
    grew,
    is_plea,
    no_comment,
    not_seized,
    released_papers,
    senses,
    senses_allow,
    struggle,
    worry_of_no_one,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
# Who strikes when a strike is a protest, not an attack.
LABOUR = frozenset("""worker workers employee employees union unions staff teacher teachers
nurse nurses doctor doctors driver drivers miner miners pilot pilots student students""".split())
# A verb more common than this (wordfreq's Zipf scale) has senses besides the act its
# CAMEO block codes ("take", "go", "want", "hold"): its bare CAMEO code is not used.
COMMON_VERB = 5.0
# A verb CAMEO lists in another verb's block of synonyms keeps that block's code only when
# it is rarer than this: rare words have few senses ("bombard", "rebuke"); common ones
# were added for one sense among several ("contain", "reveal", "match").
RARE_SYNONYM = 4.0
# CAMEO categories whose bare verbs are speech about another act (intent, appeal), or
# travel that CAMEO reads as a visit only between two known parties ("depart the House",
# "arrive in Tokyo"): meetings and visits are coded by our lexicon and the patterns.
SPEECH_CATEGORIES = ("02", "03", "04")
# Dependencies of a verb that does not predicate: a modifier or a reduced relative.
COPULAS = frozenset({"be", "seem", "appear", "look", "sound", "become", "remain", "feel", "get"})
MODIFIER_DEPS = frozenset({"amod", "compound", "acl", "nmod", "npadvmod", "acomp"})
# A noun states an event as the subject or object of a verb, not as a modifier.
NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"})


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str | None
    head: Any                  # the predicate token (verb or event noun)
    consumed: tuple[int, ...] = ()   # tokens used up (the object of a light verb)
    source: str = "lexicon"    # rule | pattern | lexicon | cameo | noun
    cameo: str | None = None   # the CAMEO code behind it, where the dictionaries gave one


# Heads whose "of" phrase is what a light verb acts on: "declared a state of emergency",
# "suspended part of the aid programme".
# What makes a conference or a briefing one for the press.
PRESS = frozenset({"news", "press", "media", "televised"})
PARTITIVES = frozenset({"state", "part", "parts", "some", "all", "most", "portion", "much",
                        # a stretch of the act: "launched 10 days of war games", "held two
                        # rounds of talks", "began weeks of strikes"
                        "day", "days", "week", "weeks", "month", "months", "hour", "hours",
                        "round", "rounds", "series", "wave", "waves"})
# A trigger that says "no event here" (checked by identity).
NO_EVENT = Trigger("", None, None, source="none")


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[str, str]]
    nouns: dict[str, tuple[str, str]]
    light: dict[str, list[tuple[frozenset[str], str]]]   # light verb -> [(objects, type)]
    object_hosts: frozenset[str] = frozenset()   # verbs whose object noun states its event
    subject_hosts: frozenset[str] = frozenset()  # verbs whose subject noun states its event
    doer_hosts: frozenset[str] = frozenset()     # verbs whose subject does the object noun
    noun_words: frozenset[str] = frozenset()     # the nouns' keys, to find them in a doc


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files("newstrace.data").joinpath("plover.toml").read_text("utf-8"))
    verbs: dict[str, tuple[str, str]] = {}
    nouns: dict[str, tuple[str, str]] = {}
    light: dict[str, list[tuple[frozenset[str], str]]] = {}
    for kind in TYPES:
        table = data.get(kind, {})
        for lemma, mode in table.get("verbs", {}).items():
            verbs[lemma] = (kind, mode)
        for lemma, mode in table.get("nouns", {}).items():
            nouns[lemma] = (kind, mode)
        for rule in table.get("objects", []):
            for verb in rule["verbs"]:
                light.setdefault(verb, []).append((frozenset(rule["objects"]), kind))
    hosts = data.get("nouns", {})
    return Lexicon(verbs, nouns, light, frozenset(hosts.get("object_hosts", ())),
                   frozenset(hosts.get("subject_hosts", ())), frozenset(hosts.get("doer_hosts", ())),
                   frozenset(nouns))


def _mode(kind: str, lemma: str, table: dict[str, tuple[str, str]]) -> str | None:
    found = table.get(lemma)
    return (found[1] or None) if found and found[0] == kind else None


def verb_forms(token: Token) -> list[str]:
    """The lemma, and guesses from the word itself where the lemmatiser slips
    ("staged" -> "stag")."""
    return list(_forms(token.lower_, token.lemma_.lower()))


@lru_cache(maxsize=65536)
def _forms(word: str, lemma: str) -> tuple[str, ...]:
    forms = [lemma, word]
    for suffix, replacement in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"),
                                ("ing", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + replacement)
    return tuple(dict.fromkeys(forms))


# Verbs that deny or dispute what their object noun says.
DENYING = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "rebut"})
# Where a noun stands: a "verb" there with a determiner is a noun the tagger misread.
NOMINAL_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def predicates(token: Token) -> bool:
    """Whether a verb states something rather than modifying a noun ("the accused
    trafficker", "the occupied territories", "a man accused of fraud") or making a
    comparison ("as alleged", "than expected")."""
    if token.pos_ != "VERB":
        return False
    if token.dep_ in MODIFIER_DEPS:
        return misparsed_modifier(token)
    if token.dep_ in NOMINAL_SLOTS and any(c.dep_ in ("det", "compound", "poss") for c in token.children):
        return False   # "the python.org releases only support": a noun tagged as a verb
    if token.dep_ in ("xcomp", "oprd") and token.tag_ in ("VBG", "VBN") and \
            token.head.lemma_.lower() in COPULAS:
        return False   # "might seem intimidating", "looked shocked": an adjective
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "than")
                                     for c in token.children):
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    return True


def misparsed_modifier(token: Token) -> bool:
    """A finite verb modifies nothing: in "Yeltsin on Saturday hosted Japanese Prime
    Minister Hashimoto" and "doctors from two aid groups donated and delivered goods"
    the parser hung the predicate on a noun (a past tense, or coordinated with one)."""
    if token.pos_ != "VERB" or token.dep_ not in MODIFIER_DEPS:
        return False
    # with an object of its own: "the men detained" is a reduced passive, not a misparse
    return any(c.dep_ == "dobj" for v in [token, *token.conjuncts] for c in v.children) and (
        token.tag_ == "VBD" or any(c.dep_ == "conj" and c.tag_ == "VBD" for c in token.children))


def light_verb_trigger(token: Token, forms: list[str] | None = None) -> Trigger | None:
    """'impose sanctions', 'sign an agreement', 'seek air defense systems'."""
    forms = verb_forms(token) if forms is None else forms
    rules = next((lexicon().light[f] for f in forms if f in lexicon().light), None)
    if not rules:
        return None
    # particles first: "called off the strike" is the calling off, not a strike called
    objects = [c for c in token.children if c.dep_ == "prt"]   # "pull out", "open fire"
    objects += [c for c in token.children if c.dep_ in OBJECT_DEPS]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "out", "on")
                for g in c.children if g.dep_ == "pobj"]
    # "a state of emergency", "part of the aid programme": the "of" phrase names the thing
    objects += [g for o in list(objects) if o.lemma_.lower() in PARTITIVES
                for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj"]
    calling = "call" in forms
    for obj in objects:
        lemma = obj.lemma_.lower()
        # "a mediation effort", "peace talks": the noun before the head names the act too
        kinds = {lemma, obj.lower_} | {c.lemma_.lower() for c in obj.children if c.dep_ == "compound"}
        if any(kind == "ASSAULT" and kinds & allowed for allowed, kind in rules) and figurative_attack(obj):
            return _attack_in_words(token, obj)   # "launched a trade war": no fighting
        if _for_the_press(obj):
            continue   # "held a news conference": told the press, consulted no one
        if worry_of_no_one(obj):
            continue   # "expressed deep concern about the policy": no one accused
        for allowed, kind in rules:
            if calling and (kind == "REQUEST") != (obj.head.dep_ == "prep"):
                continue   # "called for talks" asks for them; "called a meeting" convenes it
            if kinds & allowed or ("@person" in allowed and obj.ent_type_ == "PERSON"):
                mode = _mode(kind, lemma, lexicon().nouns)
                return Trigger(kind, mode, token, (obj.i,), "rule")
    return None


def _for_the_press(noun: Token) -> bool:
    """'a news conference', 'a press briefing': told the press, consulted no one."""
    return any(c.dep_ in ("compound", "amod") and c.lower_ in PRESS for c in noun.children)


def _attack_in_words(verb: Token, obj: Token) -> Trigger | None:
    """'unleashed an attack ad campaign against Cruz', 'a smear campaign against Navalny',
    'a rhetorical attack on the governor': a campaign or an attack of words against
    someone is an accusation; 'launched a trade war', 'his presidential campaign' is none."""
    return Trigger("ACCUSE", "disapprove", verb, (obj.i,), "rule") if _in_words(obj, verb) else None


def _in_words(noun: Token, verb: Token | None = None) -> bool:
    """A campaign or an attack of words ("verbal", "smear", "attack ad") aimed at someone
    ("against", "on")."""
    aimed = [*noun.children, *(verb.children if verb is not None else ())]
    return bool({c.lower_ for c in noun.subtree} & ATTACKS_IN_WORDS) and any(
        c.dep_ == "prep" and c.lower_ in ("against", "on") for c in aimed)


def verb_trigger(token: Token) -> Trigger | None:
    if not predicates(token):
        return None
    special = _special(token)
    if special is not None:
        return None if special is NO_EVENT else special
    forms = verb_forms(token)   # once: each helper below would read the token again
    found = light_verb_trigger(token, forms) or asking(token, calls_only=True, forms=forms)
    if found is not None:
        return found
    lemma = next((f for f in forms if f in lexicon().verbs), None)
    if lemma is not None:
        kind, mode = lexicon().verbs[lemma]
        return Trigger(kind, mode or None, token, source="lexicon")
    coding = code_verb(token, forms)
    if coding is not None and any(_not_the_pattern_s(token.doc[i], coding.type) for i in coding.consumed):
        coding = None   # "launched his presidential campaign" (CAMEO: an appeal), "launched
                        # a charm offensive" (CAMEO: opposition rallied)
    if coding is not None and coding.pattern is not None and _content_pattern(coding.pattern):
        return Trigger(coding.type, coding.mode, token, coding.consumed, "pattern", coding.cameo)
    found = asking(token, forms=forms)
    if found is not None:
        return found
    if coding is not None and _plain_act(coding):
        return Trigger(coding.type, coding.mode, token, coding.consumed, "cameo", coding.cameo)
    return None


def _not_the_pattern_s(obj: Token, kind: str) -> bool:
    """An object a CAMEO pattern matched by its word but not its sense: a news conference,
    a run for office, or no fighting for a hostile code (a campaign of appeals is one: "launched a campaign
    to repeal the law")."""
    if kind == "CONSULT" and _for_the_press(obj):
        return True   # "holding a news conference" (CAMEO: consult): told the press
    if kind == "RETREAT" and released_papers(obj):
        return True   # "announces new releases of funds": no one freed
    # joining or backing someone's campaign is support of them
    return (candidacy(obj) and kind != "SUPPORT") or (
        kind in ("ASSAULT", "THREATEN", "ACCUSE") and figurative_attack(obj))


def _content_pattern(pattern: Any) -> bool:
    """A pattern that names a word beyond a bare preposition ("cut ties", "(FOR AID)")."""
    return bool(pattern.subject or pattern.object or any(words for _, words in pattern.preps))


def _plain_act(coding: Any) -> bool:
    """A CAMEO code read off the verb alone that we trust: see the module docstring."""
    verb = coding.verb
    # a multi-word verb ("blow up", "hand over") says one thing, like a verb's own code
    limit = COMMON_VERB if verb.own or verb.before or verb.after else RARE_SYNONYM
    return verb.zipf < limit and not coding.cameo.startswith(SPEECH_CATEGORIES)


def _special(token: Token) -> Trigger | None:
    """Senses the dictionaries cannot tell apart: "declined to comment" rejects
    nothing; workers who strike protest."""
    lemma = token.lemma_.lower()
    if is_plea(token):
        return NO_EVENT   # "pleaded not guilty": a plea in court, no request
    if lemma in ("decline", "refuse") and no_comment(token):
        return NO_EVENT   # "declined to comment", "refused to be interviewed": no rejection
    if lemma == "strike" and _labour_subject(token):
        return Trigger("PROTEST", "boycott", token, source="rule")
    if lemma == "protest" and any(c.dep_ in ("ccomp", "dobj") for c in token.children):
        # "protested the decision", "..., a rights group protested": words, not a rally
        return Trigger("ACCUSE", "disapprove", token, source="rule")
    if lemma in DISMISSING and any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
        # "dismissed Walker as an ineffective leader": disparagement, not a rejection
        return Trigger("ACCUSE", "disapprove", token, source="rule")
    if struggle(token):
        return NO_EVENT   # "fighting to protect their business", "fought for equal pay"
    if not_seized(token) or broken_rule(token) or grew(token):
        return NO_EVENT   # "seized upon a report", "violated conduct standards", "the
                          # prison population exploded"
    if any(electoral_control(c) for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
        return NO_EVENT   # "helped Republicans take control of the House": a vote won
    if lemma == "charge" and billing(token):
        return NO_EVENT   # "charged the campaign $3 million": a price, no accusation
    if lemma == "back":
        particles = {c.lower_ for c in token.children if c.dep_ == "prt" or
                     (c.dep_ == "prep" and c.lower_ == "out")}   # "backed out of": a preposition
        if particles & senses().no_backing:
            return NO_EVENT   # "backed out of the deal"
        if particles & senses().yielding:
            # "backed down", "backed off its threat": yielding (CAMEO 080), not backing;
            # what is given up is no event of its own
            kind, mode = plover_of("080") or ("CONCEDE", None)
            given_up = tuple(c.i for c in token.children if c.dep_ == "dobj")
            return Trigger(kind, mode, token, given_up, "rule", "080")
    if lemma in NAMING and any(c.dep_ == "oprd" for c in token.children):
        return NO_EVENT   # "called the attack an act of terror": naming, no call for an attack
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in CEASING and \
            lexicon().verbs.get(lemma, ("",))[0] == "ASSAULT":
        # "stop fighting", "cease firing": the end of the fighting, a ceasefire
        return Trigger("RETREAT", "ceasefire", token, source="rule")
    if lemma in SENSE_CHECKED and not senses_allow(token, lemma, verb_trigger):
        return NO_EVENT
    return None


# Verbs that dismiss someone as something ("dismissed Walker as a poor steward").
DISMISSING = frozenset({"dismiss", "deride", "mock", "ridicule", "belittle", "disparage",
                        "caricature", "denounce", "lampoon"})
# Verbs that name their object as something ("called the decision a disgrace").
NAMING = frozenset({"call", "label", "brand", "term", "dub", "name"})
# Verbs that end the act they govern ("stop fighting").
CEASING = frozenset({"stop", "cease", "halt", "quit", "end"})
PRESSING = frozenset({"ask", "push", "press", "pressure", "pressurize", "pressurise", "lobby"})


def asking(token: Token, calls_only: bool = False, forms: Iterable[str] | None = None) -> Trigger | None:
    """'asked Germany for tanks', 'pressured workers to cancel', 'called for a ban on
    Muslims': a request, whose mode is the act asked for; 'asked whether': no."""
    forms = set(verb_forms(token) if forms is None else forms)
    if not forms & (CALLING | PRESSING):
        return None
    wanted = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "for"
              for g in c.children if g.dep_ == "pobj"]
    if wanted and _pushes_a_thing(token):
        return None   # "push the button for 'R'", "pressed the lever for the candidate"
    if forms & CALLING and wanted:
        act: str | Token | None   # the type asked for here, the verb asked below
        act = next((noun_type(g) for g in wanted if noun_type(g)), None)
        if act is not None:
            return Trigger("REQUEST", act.lower(), token, tuple(g.i for g in wanted), "rule")
    addressed = any(c.dep_ == "prep" and c.lower_ in ("on", "upon") and
                    any(g.dep_ == "pobj" for g in c.children) for c in token.children)
    if forms & CALLING and addressed and any(c.dep_ == "xcomp" for c in token.children):
        # "called on both sides to stop fighting": a request of them; what is asked is
        # its mode (stages/events.py folds the act asked for into it)
        return Trigger("REQUEST", None, token, source="rule")
    act = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if forms & CALLING and act is not None and not any(c.dep_ in ("dobj", "dative") for c in token.children):
        asked = verb_trigger(act)
        if asked is not None and asked.type in CALLED_FOR:
            # "called to ban Muslims", "campaigned to repeal the law": a call for the act
            # (a phone call "to congratulate him" is none)
            return Trigger("REQUEST", None, token, source="rule")
    if calls_only or not forms & PRESSING:
        return None
    has = {c.dep_ for c in token.children}
    if "xcomp" in has or wanted:
        return Trigger("REQUEST", None, token, source="rule")
    return None


def _pushes_a_thing(verb: Token) -> bool:
    """'pushed the button for', 'pressed the lever': a thing pushed, not a party pressed
    ("pressed Germany for tanks")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.pos_ == "NOUN" and not o.ent_type_ and o.lower_ not in PARTY_NOUNS
                                 for o in objects)


# Words that make a campaign or a war one of words against someone.
ATTACKS_IN_WORDS = frozenset({"attack", "smear", "negative", "propaganda", "disinformation",
                              "media", "rhetorical", "verbal", "ad", "ads", "advertising",
                              "publicity", "whisper", "pr", "television", "radio"})
# Common nouns for parties one presses ("pressed the government for reforms").
PARTY_NOUNS = frozenset({"government", "governments", "administration", "leaders", "leader",
                         "officials", "lawmakers", "congress", "authorities", "allies", "regime",
                         "council", "parliament", "ministers", "minister", "president", "party",
                         "company", "companies", "members", "states", "countries", "nations",
                         "donors", "rebels", "side", "sides", "negotiators", "court", "judge"})


# Acts one calls for without naming whom one asks ("called to ban", "campaigned to repeal").
CALLED_FOR = frozenset({"COERCE", "SANCTION", "ASSAULT", "MOBILIZE", "RETREAT", "REJECT"})
# Verbs that ask for an act named by a noun: "called for a ban", "pushed for sanctions".
CALLING = frozenset({"call", "press", "push", "appeal", "clamour", "clamor", "lobby", "campaign", "agitate"})


def noun_type(token: Token) -> str | None:
    """The PLOVER type an event noun names ("ban": COERCE), if any."""
    lemma = token.lemma_.lower()
    entry = lexicon().nouns.get(lemma) or lexicon().nouns.get(token.lower_) or lexicon().verbs.get(lemma)
    return entry[0] if entry else None


def noun_trigger(token: Token) -> Trigger | None:
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in NOUN_DEPS:
        return None
    entry = lexicon().nouns.get(token.lemma_.lower()) or lexicon().nouns.get(token.lower_)
    if entry is None:
        return None
    if not _noun_states_event(token):
        return None
    kind, mode = entry
    if _a_name(token) and not any(f in lexicon().light for f in verb_forms(token.head)):
        return None   # "denounced Roosevelt's New Deal", "blamed the North American Free
                      # Trade Agreement": a thing's name ("signed the Paris Agreement" is
                      # still a signing)
    if kind == "RETREAT" and released_papers(token):
        return None   # "to speed release of records": papers, not captives
    if kind == "ACCUSE" and token.dep_ == "dobj" and token.head.lemma_.lower() in DENYING:
        return None   # "the government denies the allegations": a statement, no accusation
    if kind == "CONSULT" and _for_the_press(token):
        return None   # "holding a news conference": told the press, consulted no one
    if kind == "ASSAULT" and figurative_attack(token):
        # "a trade war", "a charm offensive": no fighting; "his verbal assault on the
        # nominee": words against someone
        verb = token.head if token.dep_ == "dobj" else None   # "continue his assault on X"
        return Trigger("ACCUSE", "disapprove", token, source="noun") if _in_words(token, verb) else None
    if token.lower_ in ("strike", "strikes"):
        return _strike(token)
    return Trigger(kind, mode or None, token, source="noun")


# Entity types of things with names: a law, a treaty, a programme, a war remembered.
NAMED_THINGS = frozenset({"ORG", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "FAC"})


def _a_name(noun: Token) -> bool:
    """An event noun that is part of a name ("the New Deal", "Trans-Pacific Partnership",
    "the Iraq War"): tagged as a named thing, or capitalised after capitalised words."""
    if noun.ent_type_ in NAMED_THINGS:
        return True
    return noun.pos_ == "PROPN" and noun.text[:1].isupper() and any(
        c.dep_ in ("compound", "amod") and c.text[:1].isupper() and c.i == noun.i - 1 for c in noun.children)


def _noun_states_event(token: Token) -> bool:
    """The noun policy of the module docstring, by the noun's verb (data/plover.toml)."""
    if token.dep_ in ("conj", "appos"):
        return _noun_states_event(token.head) if token.head.pos_ in ("NOUN", "PROPN") else False
    verb = token.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    lex = lexicon()
    forms = set(verb_forms(verb))
    if token.dep_ in ("dobj", "attr", "nsubjpass"):
        # a light verb's own objects are its rules' ("held talks"); "gave a demonstration
        # of how" is no protest
        return bool(forms & lex.object_hosts)
    if forms & ASPECTUAL and any(c.dep_ == "dobj" for c in verb.children):
        return False   # "the wars started a process of reflection": a cause, not the war told
    return bool(forms & lex.subject_hosts)   # nsubj


# Verbs that tell an event's course when it is their subject ("the talks began"), but not
# when they take an object of their own ("the war started a debate").
ASPECTUAL = frozenset({"start", "begin", "end", "open", "close", "resume", "continue", "conclude"})


def doer_verb(verb: Token) -> bool:
    """Whether a verb's subject does what its object noun names ("launched the attack",
    "speeded up the withdrawal"), unlike "condemned the attack"."""
    return bool(set(verb_forms(verb)) & (set(lexicon().light) | lexicon().doer_hosts))


MILITARY = frozenset("""air missile drone military rocket precision retaliatory nuclear pre-emptive
preemptive artillery naval surgical""".split())


def _strike(token: Token) -> Trigger:
    """A strike is an attack when it comes from the air or lands on somewhere; otherwise
    people stopping work ("a general strike", "their hunger strike")."""
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if "hunger" in modifiers:
        return Trigger("PROTEST", "hunger", token, source="noun")
    lands = any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in token.children)
    if modifiers & MILITARY or (lands and not _labour_subject(token)):
        return Trigger("ASSAULT", None, token, source="noun")
    return Trigger("PROTEST", "boycott", token, source="noun")


def _labour_subject(token: Token) -> bool:
    nearby = list(token.children) + [token.head] + list(token.head.children)
    return any(t.lemma_.lower() in LABOUR for t in nearby)


