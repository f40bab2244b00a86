"""How English a text looks, by its share of English function words: sure enough for
the `language` stage to skip a model, and for `nlp` to parse a text at all."""

from __future__ import annotations

import re

# Share of lower-case words that are English function words: about 0.35 in English
# prose, even in tables of names and all-caps headlines, which fool statistical
# detectors; near 0 in other languages (words common to German, French or Dutch,
# such as "in", "was", "an", "on", are left out).
FUNCTION_WORDS = frozenset(
    "the of and to is that with for said from by which who were been has have would this "
    "they she he it are not at its their after but".split())
LOWER_WORDS = re.compile(r"\b[a-z]+\b")


def english_share(text: str) -> float:
    """The share of lower-case words in `text` that are English function words."""
    words = LOWER_WORDS.findall(text)
    return sum(w in FUNCTION_WORDS for w in words) / len(words) if words else 0.0
