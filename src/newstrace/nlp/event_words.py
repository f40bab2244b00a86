"""Words the event coder reads a clause by: what makes a verb reporting, hopeful,
cooperative or hostile, which prepositions mark a victim or a partner, which nouns are
attacks or volleys of words (the CAMEO and PLOVER dictionaries give the verbs; these
are the clause words around them)."""

from __future__ import annotations

from .plover import Trigger

ACTOR_DEPS = ("nsubj", "csubj")


# Verbs that need an object: with none, in a headline, their subject undergoes them.
TRANSITIVE_ONLY = frozenset({"arrest", "detain", "accuse", "charge", "indict", "convict",
                             "sentence", "jail", "take", "hold", "sue", "fine", "shoot", "stab",
                             "kill", "wound", "injure", "beat", "attack", "rob", "kidnap"})


# What follows a headline's participle: "accused of", "charged with", "shot in".
HEADLINE_PREPS = frozenset({"of", "with", "for", "into", "after", "in", "during", "at", "near",
                            "outside"})


# Where protesters go to protest at someone.
DOORS = frozenset({"home", "house", "office", "headquarters", "residence", "doorstep"})


EMBEDDED = ("relcl", "acl", "advcl", "ccomp", "appos")


MODIFIERS = ("compound", "amod", "nmod", "poss", "npadvmod")


# PLOVER codes what an actor says it will do as intent: cooperative acts as AGREE,
# hostile ones as THREATEN; a cooperative act refused or failed is a REJECT.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "AGREE"})


HOSTILE = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


INTENT_HEADS = frozenset("""offer plan intend prepare prepared ready willing pledge promise vow
threaten decide aim propose agree want expect commit committed determined""".split())


REPORTING = frozenset({"say", "announce", "declare", "state", "tell", "confirm", "warn", "insist"})


# What is fired as a barrage when it is words.
VOLLEYS = frozenset({"barrage", "volley", "salvo", "hail", "fusillade", "onslaught", "torrent",
                     "flurry", "stream", "broadside", "blitz", "bombardment"})


WORDS_FIRED = frozenset({"release", "statement", "tweet", "insult", "criticism", "question",
                         "ad", "advertisement", "email", "letter", "complaint", "accusation",
                         "abuse", "message", "post", "comment", "remark", "attack", "charge",
                         "allegation", "invective", "jab", "barb", "epithet", "slur", "word"})


VICTIM_PREPS = frozenset({"against", "on", "upon", "toward", "towards", "of"})


# Verbs of asking or wondering: "asked if", "wondered whether".
ASKING_WHETHER = frozenset({"ask", "wonder", "question", "inquire", "enquire", "query", "know",
                            "see", "decide", "determine", "check", "investigate", "consider",
                            # "did not say whether Russian jets bombed the hospital", "would
                            # not confirm if Iran had seized the tanker": left open
                            "say", "tell", "reveal", "disclose", "confirm", "indicate", "explain",
                            "specify", "show", "establish", "learn", "examine", "review", "probe",
                            "answer", "predict", "guess", "speculate", "verify", "clarify"})


NO_TRIGGER = Trigger("", None, None, source="none")


# Nouns of attack that can be attacks of words ("his attack that she is unqualified").
ATTACKS = frozenset({"attack", "assault", "offensive", "onslaught", "broadside", "barrage"})


WORDY = frozenset({"ad", "ads", "advertising", "rhetorical", "verbal", "smear", "negative",
                   "television", "tv", "radio", "online", "twitter", "propaganda", "media"})


# Verbs of promising: what they promise is intent (AGREE), or a threat when hostile.
PROMISES = frozenset({"promise", "vow", "pledge", "swear", "commit", "undertake"})


# "would love to see X do", "want to watch X do": an act wished for.
DESIRES = frozenset({"love", "like", "want", "hope", "wish", "prefer", "need", "expect"})


PERCEIVING = frozenset({"see", "watch", "hear"})


# Verbs of hoping, with the forms the lemmatiser gets wrong ("hoped" -> "hop").
HOPING = frozenset({"hope", "hoped", "hopes", "hoping", "wish", "wished", "wishes", "pray", "prayed"})


OBLIGATION = frozenset({"must", "should"})


SAYING = frozenset({"say", "insist", "stress", "reiterate", "tell", "warn", "argue", "declare",
                    "repeat", "write", "add", "state"})
