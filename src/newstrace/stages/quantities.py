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

import re
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from ..dossier import Quantity, Span
from ..nlp.numbers import YEAR, Number, counted_noun, is_year, quantity_tables, read_number
from ..pipeline import Work, stage
from ..text.metaline import find_dates

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

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
NUMBER_TAIL = re.compile(r"(?:\s+(?:and\s+)?(?:a\s+|an\s+)?(?:half|dozen|hundred|thousand|million|"
                         r"billion|trillion)\b)+", re.I)
TALLY_AFTER = re.compile(r"[-–]\d")
TALLY_BEFORE = re.compile(r"\d[-–]$")
LABEL_BEFORE = re.compile(r"(?:\bno\.|\bnr\.|#)\s*$", re.I)
GLUED_SCALE = re.compile(r"(?:bn|mln|mn|tn|m|b|k)\b")
UNIT_EDGES = re.compile(r"^[\s\-–—(]*(?:of\s+)?|[\s.,;:!?)\]\"”’']+$")
# Money names that are also measures: a currency only where the model says MONEY.
MONEY_ONLY = {"pound", "pounds", "franc", "won", "rand", "real"}


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


def from_entity(ent: SpacySpan, text: str) -> Quantity | None:
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


def cardinal(ent: SpacySpan, text: str) -> Quantity | None:
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


def _parsed_length(doc: Doc) -> int:
    """`len(doc.text)` without `doc.text`, which joins every token's text at each call
    (once per quantity, that made long texts quadratic)."""
    last = doc[-1] if len(doc) else None
    return last.idx + len(last.text_with_ws) if last is not None else 0


def _with_counted_noun(ent: SpacySpan, text: str, start: int, end: int, value: float) -> Quantity:
    span = ent.doc.char_span(start, min(end, _parsed_length(ent.doc)), alignment_mode="expand")
    noun = counted_noun(span if span is not None and len(span) else ent)
    if noun is None:
        return Quantity(Span.of(text, start, end), value, None)
    unit, noun_end = noun
    return Quantity(Span.of(text, start, max(end, noun_end)), value, unit)


def age(ent: SpacySpan, text: str) -> Quantity | None:
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


def _number_labelled_date(ent: SpacySpan, text: str) -> Quantity | None:
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
    match = _code_pattern().search(surface)
    if match is not None:
        return match.group(0)
    for m in _name_pattern().finditer(surface.lower()):
        name = m.group(0)
        if name in MONEY_ONLY and not money:
            continue
        return _currency_name(name)
    return None


@lru_cache(maxsize=1)
def _symbol_table() -> dict[str, str]:
    """Currency signs, longest first ("US$" before "$")."""
    symbols = quantity_tables()["symbols"]
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
    return re.compile(r"\b(?:" + "|".join(quantity_tables()["codes"]) + r")\b")


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    names = sorted(quantity_tables()["names"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?:es|s)?\b")


def _currency_name(found: str) -> str:
    names = quantity_tables()["names"]
    for candidate in (found, found[:-1], found[:-2]):
        if candidate in names:
            return cast(str, names[candidate])
    return found
