"""How likely an event is right: a logistic score over what grounds it.

The grounds are what the coder knew when it coded the event: which source gave the
trigger (our rule, a CAMEO pattern, our lexicon, a bare CAMEO verb code, an event noun),
who the actor is (named, an agent, through a pronoun, nobody), whether a target is
named, the event's certainty, whether it sits in a quotation or an attributed claim,
whether it was recoded (an announced act as intent), how long its sentence is, and how
many times the article states it. The weights (data/events/confidence.toml) are fitted
by scripts/calibrate_events.py on events labelled right or wrong; the fit and its
labels are described in that file's header.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LONG_SENTENCE = 40   # tokens: a long sentence is parsed less reliably


@dataclass(frozen=True, slots=True)
class Grounds:
    source: str          # rule | pattern | lexicon | cameo | noun
    noun: bool           # the trigger is a noun
    factuality: str
    actor: str           # coded | named (no code) | agent | pronoun | inferred | none
    target: bool
    attributed: bool
    quoted: bool
    recoded: bool
    words: int           # tokens in the sentence
    kind: str = ""       # the event type
    depth: int = 0       # clauses between the trigger and its sentence's root
    repeats: int = 0     # further statements of the same event

    def features(self) -> dict[str, float]:
        """The grounds as the model's named features (one-hot and flags)."""
        return {
            f"source.{self.source}": 1.0,
            f"actor.{self.actor}": 1.0,
            f"factuality.{self.factuality}": 1.0,
            f"type.{self.kind}": 1.0,
            "noun": float(self.noun),
            "target": float(self.target),
            "attributed": float(self.attributed),
            "quoted": float(self.quoted),
            "recoded": float(self.recoded),
            "long_sentence": float(self.words > LONG_SENTENCE),
            "embedded": float(self.depth == 1),
            "deeply_embedded": float(self.depth >= 2),
            "repeated": float(self.repeats > 0),
        }


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    text = resources.files("newstrace.data").joinpath("events", "confidence.toml").read_text("utf-8")
    return {name: float(value) for name, value in tomllib.loads(text)["weights"].items()}


def score(grounds: Grounds, table: dict[str, float]) -> float:
    """The model's probability for these grounds under these weights."""
    total = table.get("intercept", 0.0) + sum(table.get(name, 0.0) * value
                                              for name, value in grounds.features().items())
    return 1.0 / (1.0 + math.exp(-total))


def confidence(grounds: Grounds) -> float:
    """The probability that the event is right, rounded to two places."""
    return round(score(grounds, weights()), 2)
