"""Reading numbers: digits and number words with their scale ("1.5 million", "two and a
half thousand", "5.2bn"), the noun a number counts, and whether a four-digit number is a
year. The `quantities` stage reads amounts with these, and `times` reads years and counts.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span

YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d|2100)$")


YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|before|after|from|of|to|and|between|through|during|circa|"
    r"early|late|mid|around|year|fiscal|summer|winter|spring|autumn|fall|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[\s,.-]*$",
    re.I,
)


# "a score of 2072", "a total of 1500", "rose to 2050", "from 1800 to 2000": an amount's
# words before a number that would otherwise read as a year ("of", "to" and "from" are
# year cues after a time word: "the summer of 1969", "from 2010 to 2015").
AMOUNT_BEFORE = re.compile(
    r"\b(?:score|total|sum|tally|count|number|figure|average|rate|value|price|population|"
    r"height|depth|length|weight|budget|salary|capacity|record|rating|index|level|points|"
    r"rose|fell|climbed|dropped|jumped|increased|decreased|grew|reached|hit|cost|costs|"
    r"at|of\s+about|of\s+around|of\s+some)(?:\s+(?:of|to|from|at))?[\s,]*$", re.I)


YEAR_RANGE_BEFORE = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)\s*(?:-|–|—|to|and|until|till|through)\s*$")


TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,\u00a0\u202f]\d+)*)(?P<abbr>(?:bn|mln|mn|tn|k|m|b)\b)?|(?P<word>[^\W\d_]+)"
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from a phrase: its value and where its words are."""

    value: float
    start: int
    end: int
    words: int = 1


def counted_noun(ent: Span) -> tuple[str, int] | None:
    """The noun a number counts ("six main roads" -> "roads") and where it ends."""
    doc, last = ent.doc, ent[-1]
    head = last.head
    if (last.dep_ in ("nummod", "quantmod", "compound", "amod") and 0 < head.i - last.i <= 4
            and (head.pos_ == "NOUN" or head.tag_ == "NNPS")):
        between = doc[last.i + 1: head.i]
        if all(t.pos_ in ("ADJ", "NOUN", "PROPN", "ADV") or t.text == "-" for t in between):
            words = [t.text for t in between if t.dep_ == "compound" and t.head.i == head.i]
            return " ".join(words + [head.text]), head.idx + len(head.text)
    if ent.end < len(doc) and doc[ent.end].tag_ in ("NNS", "NNPS"):
        noun = doc[ent.end]
        return noun.text, noun.idx + len(noun.text)
    return None


def is_year(ent: Span, text: str) -> bool:
    """A bare four-digit number in a date's place ("in 2011", "from 2010 to 2015")."""
    surface = text[ent.start_char:ent.end_char].strip()
    if not YEAR.match(surface):
        return False
    noun = counted_noun(ent)
    before = text[max(0, ent.start_char - 20):ent.start_char]
    if YEAR_RANGE_BEFORE.search(before):
        return True  # "2015 to 2019 exports"
    if noun is not None:
        return not noun[0].lower().endswith("s")  # "the 2016 election", not "2000 people"
    if AMOUNT_BEFORE.search(before):
        return False   # "a total score of 2072", "the index rose to 2050"
    return bool(YEAR_BEFORE.search(before))


def read_number(phrase: str, money: bool = False) -> Number | None:
    """The first number in `phrase` ("about 1.5 million people" -> 1.5e6), or None."""
    reader = _Reader(list(TOKEN.finditer(phrase)), money)
    return reader.read()


class _Reader:
    """Reads digits and number words left to right, stopping where the number ends."""

    def __init__(self, tokens: list[re.Match[str]], money: bool) -> None:
        self.tokens, self.money = tokens, money
        self.total, self.current = 0.0, None  # type: float, float | None
        self.start: int | None = None
        self.end = 0
        self.words = 0
        self.last = ""  # kind of the last number token: digits, unit, tens, hundred, scale, and

    def read(self) -> Number | None:
        data = quantity_tables()
        i = 0
        while i < len(self.tokens):
            step = self._step(i, data)
            if step is None:
                return None
            if step == 0:
                break
            i += step
        if self.start is None:
            return None
        value = self.total + (self.current or 0.0)
        if not math.isfinite(value):
            return None
        if self.words == 1 and self.last == "half":
            return None  # "half the villagers": a share, not an amount
        return Number(value, self.start, self.end, self.words)

    def _step(self, i: int, data: dict[str, Any]) -> int | None:
        """Consume token i; the number of tokens used, 0 to stop, None for a vague amount."""
        tok = self.tokens[i]
        nxt = self.tokens[i + 1].group(0).lower() if i + 1 < len(self.tokens) else ""
        if tok.group("num"):
            return self._digits(tok)
        word = tok.group("word").lower()
        seen = self.start is not None
        numbers, scales = data["numbers"], data["scales"]
        if word in numbers and word not in ("half", "dozen"):
            return self._word(tok, numbers[word])
        if word == "half":
            return self._half(tok, nxt)
        if word == "dozen" or word in scales:
            return self._scale(tok, word, data)
        if word in data["abbreviations"] and self.last == "digits" and self.money:
            self.total += (self.current or 0.0) * data["abbreviations"][word]
            self.current = None
            self._take(tok, "scale")
            return 1
        if seen:
            after_scale = self.last in ("hundred", "scale") and nxt in numbers
            if word == "and" and (after_scale or nxt in ("a", "an")):
                self.last = "and"
                return 1
            if word in ("a", "an") and self.last == "and" and nxt == "half":
                return 1
            return 0
        if word in data["vague"] and not (nxt[:1].isdigit() or nxt in numbers
                                          or nxt in ("as", "than")):
            return None  # "a few hundred", "tens of thousands", "dozens of"
        return 1  # words before the number: "about", "some", "EUR", "as many as"

    def _digits(self, tok: re.Match[str]) -> int:
        if self.start is not None:
            return 0
        value = parse_digits(tok.group("num"))
        if value is None:
            return 0
        self.current = value
        abbr = (tok.group("abbr") or "").lower()
        if abbr and (self.money or abbr in ("bn", "mn", "mln", "tn")):
            self.total += value * quantity_tables()["abbreviations"][abbr]
            self.current = None
            self._take(tok, "digits")
        else:
            self._take(tok, "digits", tok.end("num"))
        return 1

    def _word(self, tok: re.Match[str], value: float) -> int:
        tens = value >= 20 and value % 10 == 0
        if self.current is None and self.last in ("", "scale", "and"):
            self.current = value
        elif self.last == "tens" and value < 10:
            self.current = (self.current or 0.0) + value
        elif self.last in ("hundred", "and") and value < 100:
            self.current = (self.current or 0.0) + value
        else:
            return 0
        self._take(tok, "tens" if tens else "unit")
        return 1

    def _half(self, tok: re.Match[str], nxt: str) -> int:
        if self.last == "and":
            self.current = (self.current or 0.0) + 0.5
        elif self.start is None:
            self.current = 0.5
        else:
            return 0
        self._take(tok, "half")
        return 2 if nxt in ("a", "an") else 1

    def _scale(self, tok: re.Match[str], word: str, data: dict[str, Any]) -> int:
        if word == "dozen":
            self.current = (self.current if self.current is not None else 1.0) * 12
            self._take(tok, "unit")
            return 1
        scale = data["scales"][word]
        base = self.current if self.current is not None else (1.0 if self.start is None else None)
        if base is None:
            return 0
        if scale == 100:
            self.current = base * 100
            self._take(tok, "hundred")
        else:
            self.total += base * scale
            self.current = None
            self._take(tok, "scale")
        return 1

    def _take(self, tok: re.Match[str], kind: str, end: int | None = None) -> None:
        if self.start is None:
            self.start = tok.start()
        self.end = tok.end() if end is None else end
        self.words += 1
        self.last = kind


def parse_digits(raw: str) -> float | None:
    """'40,000' -> 40000, '1.5' -> 1.5, '1.500.000' -> 1500000, '1,5' -> 1.5."""
    raw = raw.replace("\u00a0", ",").replace("\u202f", ",")
    if re.fullmatch(r"\d+", raw):
        return float(raw)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+\.\d+", raw):
        return float(raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", raw):
        return float(raw.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d{1,2}", raw):
        return float(raw.replace(",", "."))
    return None


def number_value(phrase: str) -> float | None:
    """The value of a phrase that is only a number ("two", "18", "a dozen"), else None."""
    number = read_number(phrase)
    if number is None or phrase[number.end:].strip():
        return None
    return number.value


@lru_cache(maxsize=1)
def quantity_tables() -> dict[str, Any]:
    raw = tomllib.loads(
        resources.files("newstrace.data").joinpath("quantities.toml").read_text("utf-8"))
    return {
        "numbers": {k: float(v) for k, v in raw["numbers"].items()},
        "scales": {k: float(v) for k, v in raw["scales"].items()},
        "abbreviations": {k: float(v) for k, v in raw["scale_abbreviations"].items()},
        "vague": frozenset(raw["words"]["vague"]),
        "symbols": raw["currency_symbols"],
        "codes": raw["currency_codes"]["codes"],
        "names": raw["currency_names"],
    }
