"""Stage `quantities`: amounts, percentages, money, measures, counts and ages, with values.

Each comes from one of the NER model's PERCENT, MONEY, QUANTITY or CARDINAL entities
(and the DATE ones that are ages, "79-year-old"), and is read here, not guessed:
- the value: digits ("2,930", "1.5", "5.2bn") and number words ("twenty-five", "a dozen",
  "two and a half thousand"), times their scale ("12 million" -> 12e6);
- the unit: "percent" (or "percentage points"), a currency (an ISO 4217 code when the
  currency is certain, "$" -> USD, "Kenyan shillings" -> KES; else its name,
  "shilling"), a measure as written ("km"), the counted noun as written ("six main
  roads" -> "roads"), or "years (age)" for an age;
- the span: the model's entity, widened to what belongs to the amount: a currency sign
  before it ("$5.2bn"), a scale glued after it ("£3m"), the counted noun ("40,000 people"),
  "aged" before an age.
Vague amounts ("a few hundred", "tens of thousands", "dozens") have no value and are left
out, and so are dates, clock times, phone numbers, ordinals and years ("in 2011").
For a range ("between 10 and 20") the value is the first number.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..dossier import Quantity, Span
from ..pipeline import Work, stage
from .metaline import find_dates

LABELS = ("PERCENT", "MONEY", "QUANTITY", "CARDINAL")
PERCENT = re.compile(r"%|\bper\s?cent\b|\bpercent\b|\bpct\b|\bpercentage\s+points?\b", re.I)
POINTS = re.compile(r"\bpercentage\s+points?\b|\bpoints?\b", re.I)
AGE = re.compile(r"^(?P<n>.+?)[\s-]+(?P<u>year|month|week|day)s?[\s-]+old$", re.I)
AGE_AFTER = re.compile(r"[\s-]+(?P<u>year|month|week|day)s?[\s-]+old\b", re.I)
AGED_BEFORE = re.compile(r"\baged\s+$", re.I)
CLOCK = re.compile(r"\d{1,2}:\d{2}")
ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.I)
PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[-.]\d{3,5}\b|\+\d{1,3}(?:[\s.-]?\d{2,5}){2,}"
)
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
NUMBER_TAIL = re.compile(r"(?:\s+(?:and\s+)?(?:a\s+|an\s+)?(?:half|dozen|hundred|thousand|million|"
                         r"billion|trillion)\b)+", re.I)
TALLY_AFTER = re.compile(r"[-–]\d")
TALLY_BEFORE = re.compile(r"\d[-–]$")
LABEL_BEFORE = re.compile(r"(?:\bno\.|\bnr\.|#)\s*$", re.I)
GLUED_SCALE = re.compile(r"(?:bn|mln|mn|tn|m|b|k)\b")
UNIT_EDGES = re.compile(r"^[\s\-–—(]*(?:of\s+)?|[\s.,;:!?)\]\"”’']+$")
# Money names that are also measures: a currency only where the model says MONEY.
MONEY_ONLY = {"pound", "pounds", "franc", "won", "rand", "real"}


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from a phrase: its value and where its words are."""

    value: float
    start: int
    end: int
    words: int = 1


@stage("quantities", reads=("doc",), adds=("quantities",))
def quantities(work: Work) -> None:
    if work.doc is None:
        return
    text = work.dossier.text
    parsed = work.doc.text  # the part of `text` the model saw
    found: list[Quantity] = []
    taken_until = -1
    for ent in work.doc.ents:
        quantity = from_entity(ent, text)
        if quantity is not None and quantity.span.start >= taken_until:
            found.append(quantity)
            taken_until = quantity.span.end
    extra = missed_money(parsed, found)
    work.dossier.quantities = sorted(found + extra, key=lambda q: q.span.start)


def missed_money(text: str, found: list[Quantity]) -> list[Quantity]:
    """Amounts after a currency sign that the model did not see ("lost £3m.")."""
    extra = []
    for m in _money_pattern().finditer(text):
        if any(m.start() < q.span.end and q.span.start < m.end() for q in found):
            continue
        number = read_number(m.group(0), money=True)
        if number is not None and not not_an_amount(m.group(0), text, m.start(), m.end()):
            extra.append(Quantity(Span.of(text, m.start(), m.end()), number.value,
                                  currency(m.group(0))))
    return extra


def from_entity(ent: Any, text: str) -> Quantity | None:
    """The quantity an entity states, or None when it states none."""
    if ent.label_ == "DATE":
        return age(ent, text) or _number_labelled_date(ent, text)
    if ent.label_ not in LABELS:
        return None
    if ent.label_ == "CARDINAL":
        return age(ent, text) or cardinal(ent, text)
    money = ent.label_ == "MONEY" or currency(ent.text, False) is not None
    start, end = widen(text, ent.start_char, ent.end_char, money)
    surface = text[start:end]
    if not_an_amount(surface, text, start, end):
        return None
    number = read_number(surface, money=money)
    if number is None:
        return None
    unit = unit_of(surface, number, ent.label_ == "MONEY")
    if unit is None and ent.label_ == "QUANTITY":
        return _with_counted_noun(ent, text, start, end, number.value)
    return Quantity(Span.of(text, start, end), number.value, unit)


def cardinal(ent: Any, text: str) -> Quantity | None:
    start, end = widen(text, ent.start_char, ent.end_char, money=False)
    surface = text[start:end]
    if not_an_amount(surface, text, start, end) or is_year(ent, text):
        return None
    number = read_number(surface)
    if number is None:
        return None
    quantity = _with_counted_noun(ent, text, start, end, number.value)
    if quantity.unit is None and surface.strip().lower() == "one":
        return None  # "one of them": a pronoun more than a count
    return quantity


def _parsed_length(doc: Any) -> int:
    """`len(doc.text)` without `doc.text`, which joins every token's text at each call
    (once per quantity, that made long texts quadratic)."""
    last = doc[-1] if len(doc) else None
    return last.idx + len(last.text_with_ws) if last is not None else 0


def _with_counted_noun(ent: Any, text: str, start: int, end: int, value: float) -> Quantity:
    span = ent.doc.char_span(start, min(end, _parsed_length(ent.doc)), alignment_mode="expand")
    noun = counted_noun(span if span is not None and len(span) else ent)
    if noun is None:
        return Quantity(Span.of(text, start, end), value, None)
    unit, noun_end = noun
    return Quantity(Span.of(text, start, max(end, noun_end)), value, unit)


def counted_noun(ent: Any) -> tuple[str, int] | None:
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


def age(ent: Any, text: str) -> Quantity | None:
    """'79-year-old', '31 years old', 'aged 75': an age, in the unit it is given in."""
    start, end = ent.start_char, ent.end_char
    m = AGE.match(text[start:end])
    if m is not None:
        number = read_number(m.group("n"))
        unit = m.group("u").lower()
    else:
        after = AGE_AFTER.match(text, end) if ent.label_ == "CARDINAL" else None
        before = AGED_BEFORE.search(text, max(0, start - 10), start)
        if after is None and before is None:
            return None
        number = read_number(text[start:end])
        unit = after.group("u").lower() if after else "year"
        end = after.end() if after else end
        start = before.start() if before and not after else start
    if number is None:
        return None
    return Quantity(Span.of(text, start, end), number.value, f"{unit}s (age)")


def _number_labelled_date(ent: Any, text: str) -> Quantity | None:
    """The model calls some counts dates ("Two and a half thousand troops")."""
    surface = ent.text
    number = read_number(surface)
    if number is None or surface[number.end:].strip() or YEAR.match(surface.strip()):
        return None
    if number.words < 2 or not_an_amount(surface, text, ent.start_char, ent.end_char):
        return None
    return _with_counted_noun(ent, text, ent.start_char, ent.end_char, number.value)


def widen(text: str, start: int, end: int, money: bool) -> tuple[int, int]:
    """Take in a currency sign before the number, a scale glued after it, 'a' before 'dozen'."""
    for symbol in _symbols():
        if text.endswith(symbol, 0, start):
            start -= len(symbol)
            break
    glued = GLUED_SCALE.match(text, end) if money else None
    if glued and end > 0 and text[end - 1].isdigit():
        end = glued.end()
    tail = NUMBER_TAIL.match(text, end)
    if tail:
        end = tail.end()
    if text[start:end].lower().endswith("percentage"):
        points = re.compile(r"\s+points?\b").match(text, end)
        end = points.end() if points else end
    head = text[start:end].lower()
    if head.startswith(("dozen", "hundred", "thousand", "million", "billion", "half")):
        lead = re.search(r"\b(?:a|an)\s+$", text[max(0, start - 4):start], re.I)
        if lead:
            start -= len(lead.group(0))
    return start, end


def not_an_amount(surface: str, text: str, start: int, end: int) -> bool:
    """Dates, clock times, ordinals and phone numbers are numbers but no amounts."""
    if CLOCK.search(surface) or ORDINAL.search(surface):
        return True
    if TALLY_AFTER.match(text, end) or TALLY_BEFORE.search(text, max(0, start - 3), start):
        return True  # "a 5-4 decision", "voted 19-15"
    if LABEL_BEFORE.search(text, max(0, start - 8), start):
        return True  # "mine No. 2"
    window_start = max(0, start - 11)
    window = text[window_start:end + 11]
    for found in find_dates(window):
        if found.start + window_start < end and start < found.end + window_start:
            return True
    for phone in PHONE.finditer(text, window_start, min(len(text), end + 12)):
        if phone.start() < end and start < phone.end():
            return True
    return False


def is_year(ent: Any, text: str) -> bool:
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


def unit_of(surface: str, number: Number, money: bool) -> str | None:
    if PERCENT.search(surface):
        return "percentage points" if POINTS.search(surface) else "percent"
    code = currency(surface, money)
    if code is not None:
        return code
    rest = UNIT_EDGES.sub("", surface[number.end:])
    return rest or None


def currency(surface: str, money: bool = True) -> str | None:
    """The currency named in `surface`: its ISO code if certain, else its name."""
    for symbol, code in _symbol_table().items():
        if symbol in surface:
            return code
    code = _code_pattern().search(surface)
    if code is not None:
        return code.group(0)
    for m in _name_pattern().finditer(surface.lower()):
        name = m.group(0)
        if name in MONEY_ONLY and not money:
            continue
        return _currency_name(name)
    return None


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
        data = _data()
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
            self.total += value * _data()["abbreviations"][abbr]
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
def _data() -> dict[str, Any]:
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


@lru_cache(maxsize=1)
def _symbol_table() -> dict[str, str]:
    """Currency signs, longest first ("US$" before "$")."""
    symbols = _data()["symbols"]
    return {s: symbols[s] for s in sorted(symbols, key=len, reverse=True)}


@lru_cache(maxsize=1)
def _symbols() -> tuple[str, ...]:
    return tuple(_symbol_table())


@lru_cache(maxsize=1)
def _money_pattern() -> re.Pattern[str]:
    signs = "|".join(re.escape(s) for s in _symbols())
    return re.compile(r"(?<![\w$])(?:" + signs + r")\s?\d(?:[\d,.]*\d)?(?:(?:bn|mln|mn|tn|m|k)\b|"
                      r"\s(?:million|billion|trillion|thousand)\b)?")


@lru_cache(maxsize=1)
def _code_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(_data()["codes"]) + r")\b")


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    names = sorted(_data()["names"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?:es|s)?\b")


def _currency_name(found: str) -> str:
    names = _data()["names"]
    for candidate in (found, found[:-1], found[:-2]):
        if candidate in names:
            return names[candidate]
    return found
