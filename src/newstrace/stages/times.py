"""Stage `times`: time expressions, resolved to calendar dates where the text allows.

The expressions are the NER model's DATE and TIME entities, plus the explicit dates it
missed ("06.11.2023") and bare years in a date's place ("from 2010 to 2015"); pieces the
model split are joined ("Between March" + "May 2020", "Sunday" + "evening", "the first
quarter" + "of 2022"). Ages ("79-year-old") are quantities, not times. Spans are the
model's, as it gives them.

Each is resolved against a reference date: the publication date, else the first full
date printed near the top of the text (a dateline, "Oslo, 3 March 2021."), else none,
and then relative expressions stay unresolved: nothing is guessed. Expressions without a
year ("March 3", "in September", "on Tuesday") take the nearest such date on or before
the reference when their clause looks back, after it when it looks ahead ("will",
"is due to", "expected"); with no tense to go by, weekdays look back and dates take the
nearest. Vague parts are fixed: early / mid / late month = days 1-10 / 11-20 / 21-end,
early / mid / late year = months 1-4 / 5-8 / 9-12, and so on.

`kind` says what an expression is:
- "date": a calendar point at any grain: a day, a week, a month, "2011", "the 1990s",
  "the end of September", "last week";
- "range": two ends named ("from 2010 to 2015", "since 2011") or a stretch up to the
  reference ("the past two years"; "recent weeks" stays unresolved);
- "duration": a length, never resolved ("several years", "18 months", "a decade");
- "time": a time of day; start and end are its day when known ("22:18 this morning");
- "set": a recurrence ("every month", "annually"); never resolved.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable

from ..dossier import Span, TimeExpression
from ..nlp.numbers import is_year, number_value
from ..pipeline import Work, stage
from ..text.metaline import MONTHS, find_dates

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed"
            r"|thu(?:rs?)?|fri|sat|sun)\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_UNIT = (r"(?P<u>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?"
         r"|decades?|centuries|century|weekends?)")
_COUNT = r"(?P<n>[\w.,'-]+(?:\s+[\w.,'-]+){0,4}?)"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
             "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
             "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
             "twenty-first": 21}

LEAD = re.compile(r"^(?:(?P<prep>on|in|at|during|for|over|within|by|until|till|before|after|"
                  r"from|of|around|about|circa|since|as of|throughout|through|between|the)\s+)+")
TRAIL = re.compile(r"(?:(?<!\d)'s|[\s.,;:!?\"”’)\]]+|\s+(?:and|or|to|through))+$")
AGE = re.compile(r"\b(?:year|month|week|day)s?[\s-]+old\b|^(?:the\s+)?ages?\b")
SET = re.compile(r"^(?:every|each|per)\b"
                 r"|^(?:once|twice|[\w-]+\s+times)\s+(?:a|an|per|every)\s+\w+$")
AMOUNT_SET = re.compile(r"^(?:a|an)\s+(?:day|week|month|year)$")
AGO = re.compile(_COUNT + r"\s+" + _UNIT + r"\s+(?P<dir>ago|from now|hence)$")
OF_RELATIVE_YEAR = re.compile(r"^(?P<rest>.+?)\s+(?:of\s+)?(?P<mod>last|next|this)\s+year$")
COUNT_RANGE = re.compile(r"^(?P<a>[\w.,-]+)\s*(?:to|or|-|–)\s*(?P<b>[\w.,-]+)$")
ROLLING = re.compile(r"^(?P<dir>past|last|previous|recent|coming|next|following|upcoming)\s+"
                     r"(?:(?P<n>[\w\s-]+?)\s+)?(?P<u>days|weeks|months|years|decades|hours)$")
ROLLING_ONE = re.compile(r"^past\s+(?P<u>day|week|month|year|decade)$")
DURATION = re.compile(
    r"^(?:(?:about|around|nearly|almost|more than|over|less than|fewer than|up to|at least|"
    r"some|roughly|approximately|another|an additional|a further|just|only|under|a full|"
    r"full|the first|the last|the|a good|a whole|a long)\s+)*"
    r"(?:" + _COUNT + r"\s+)?(?:(?:more|full|whole|long|consecutive|straight|additional|extra"
    r"|successive)\s+)?" + _UNIT +
    r"(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<tail>long|running|in a row|straight|later|earlier|"
    r"before|after|on|of\s+.+))?$")
HYPHEN_DURATION = re.compile(r"^[\w.]+-(?:year|month|week|day|hour|minute|decade)s?(?:-long)?$")
CLOCK = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?=\W|$)|\b\d{1,2}[:h]\d{2}\b"
    r"(?:\s*(?:gmt|utc|cet|eet|est|edt|pst|pdt|bst|local time))?")
PART = re.compile(r"^(?P<part>very early|early|earlier|late|later|mid|middle|end|beginning|start|"
                  r"first half|second half|latter half|latter part|early part|first part|"
                  r"last part|close|first days?|last days?)(?:\s*-\s*|\s+of\s+|\s+)(?P<rest>.+)$")
RANGE = re.compile(r"^(?P<a>.+?)\s*(?P<sep>\s-\s|–|—|-|\bto\b|\buntil\b|\btill\b|\bthrough\b|"
                   r"\bthru\b|\band\b)\s*(?P<b>.+)$")
RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*", re.I)
OF_GAP = re.compile(r"\s*(?:of|,)\s*", re.I)
_BARE_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)
YEAR_AFTER = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*(?:1[5-9]\d\d|20\d\d)\b",
                        re.I)
COUNT_NOISE = re.compile(r"^(?:(?:more|less|fewer)\s+than|about|around|nearly|almost|over|"
                         r"under|just|some|roughly|approximately|at\s+least)\s+|-?plus$|\+$")
DATE_HINT = re.compile(r"(?<!\d)(?:\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2})(?!\d)")
NUMERIC = re.compile(r"^[\d\s().,/:+-]+$")

MONTH_DAY = re.compile(r"^(?:" + _WEEKDAY + r",?\s+)?" + r"(?P<mon>" + _MONTH + r")\s+(?:the\s+)?"
                       + _DAY + r"$")
DAY_MONTH = re.compile(r"^(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+(?P<mon>"
                       + _MONTH + r")$")
MONTH_YEAR = re.compile(r"^(?:month\s+of\s+)?(?P<mon>" + _MONTH
                        + r")(?:,?\s+(?:of\s+)?(?P<year>\d{4}))?$")
YEAR_ONLY = re.compile(r"^(?:(?:the\s+)?(?:year|calendar year|fiscal year|fiscal|fy)\s*)?"
                       r"(?P<year>\d{4})$")
DECADE = re.compile(r"^(?:the\s+)?'?(?P<decade>\d{2}|\d{4})['’]?s$")
CENTURY = re.compile(r"^(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z-]+?)[\s-]+century$")
MONTH_MOD = re.compile(r"^(?P<mod>last|next|this|coming|past|previous)\s+(?P<mon>" + _MONTH + r")$")
WEEKDAY_RE = re.compile(r"^(?:(?P<mod>last|next|this|coming|this coming|past|previous)\s+)?"
                        r"(?P<wd>" + _WEEKDAY + r")$")
SEASON = re.compile(r"^(?:(?P<mod>last|next|this|coming|past|previous)\s+)?(?P<season>spring|"
                    r"summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?$")
QUARTER = re.compile(r"^(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|"
                     r"q(?P<q>[1-4]))(?:\s+(?:of\s+)?(?P<year>\d{4}))?$")
RELATIVE_DAY = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2,
                "day after tomorrow": 2, "tonight": 0, "now": 0, "this day": 0}
RELATIVE_UNIT = re.compile(r"^(?:(?P<mod>this|last|next|coming|past|previous|following|current|"
                           r"same)\s+)?(?P<u>week|month|year|weekend|decade|quarter|century)$")


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    grain: str  # day, week, weekend, month, quarter, season, year, decade, century


@dataclass(frozen=True, slots=True)
class Resolved:
    start: date | None
    end: date | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class Clue:
    """What resolving one expression may go by."""

    ref: date | None
    tense: str | None = None     # "past", "future" or None (no telling)
    after_amount: bool = False   # "$5bn a year": "a year" is a rate
    since: bool = False          # "since" printed just before the expression
    day_first: bool = True       # 06/11/2023 is 6 November


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    span: SpacySpan | None = None  # the spaCy span, for the clause and the sentence


@stage("times", reads=("doc", "metadata.published"), adds=("times",))
def times(work: Work) -> None:
    if work.doc is None:
        return
    text = work.dossier.text
    ref = reference_date(work.dossier.metadata.published, text)
    day_first = work.options.date_order != "MDY"
    found: list[tuple[Candidate, Resolved]] = []
    for cand in candidates(work.doc, work.doc.text):  # the parsed part of `text`
        since = bool(SINCE_BEFORE.search(text, max(0, cand.start - 8), cand.start))
        clue = Clue(ref, clause_tense(cand.span), _after_amount(cand.span), since, day_first)
        resolved = resolve(text[cand.start:cand.end], clue, cand.label)
        if resolved is not None:
            found.append((cand, resolved))
    work.dossier.times = [
        TimeExpression(Span.of(text, c.start, c.end), _iso(r.start), _iso(r.end), r.kind)
        for c, r in _days_for_clock_times(found)
    ]


def reference_date(published: str | None, text: str) -> date | None:
    """The publication date, else the first full date in the text's first 300 characters."""
    if published:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            pass
    for found in find_dates(text[:300]):
        if found.day is not None and found.month is not None:
            try:
                return date(found.year, found.month, found.day)
            except ValueError:
                continue
    return None


# --- Finding the expressions ---------------------------------------------------------------

def candidates(doc: Doc, text: str) -> list[Candidate]:
    found = [Candidate(e.start_char, e.end_char, e.label_, e) for e in doc.ents
             if e.label_ in ("DATE", "TIME")
             or (e.label_ == "CARDINAL" and is_year(e, text))]
    taken = [(e.start_char, e.end_char) for e in doc.ents
             if e.label_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY")]
    for start, end in missed_dates(text, taken):
        found.append(Candidate(start, end, "DATE",
                               doc.char_span(start, end, alignment_mode="expand")))
    found.sort(key=lambda c: c.start)
    return merge(found, text)


def missed_dates(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Full dates the model did not label ("renewed on 06.11.2023"), found near their digits."""
    dates: list[tuple[int, int]] = []
    for hint in DATE_HINT.finditer(text):
        if any(hint.start() < e and s < hint.end() for s, e in taken + dates):
            continue
        offset = max(0, hint.start() - 32)
        for d in find_dates(text[offset:hint.end() + 6]):
            start, end = d.start + offset, d.end + offset
            if start <= hint.start() < end and not any(start < e and s < end for s, e in taken):
                dates.append((start, end))
                break
    return dates


def merge(found: list[Candidate], text: str) -> list[Candidate]:
    """Join the pieces of one expression that the model split."""
    merged: list[Candidate] = []
    for cand in found:
        if merged and _joins(merged[-1], cand, text):
            merged[-1] = Candidate(merged[-1].start, cand.end, _joined_label(merged[-1], cand),
                                   merged[-1].span)
        elif not merged or cand.start >= merged[-1].end:
            merged.append(cand)
    return [_with_year_after(c, text) for c in merged]


def _with_year_after(cand: Candidate, text: str) -> Candidate:
    """'2015' + ' to 2019' when the model saw only the first year."""
    if not re.search(r"\b\d{4}$", text[cand.start:cand.end]):
        return cand
    m = YEAR_AFTER.match(text, cand.end)
    if m is None or ("and" in m.group(0).lower()
                     and not text[cand.start:cand.end].lower().startswith("between")):
        return cand
    return Candidate(cand.start, m.end(), cand.label, cand.span)


def _joins(prev: Candidate, cand: Candidate, text: str) -> bool:
    gap = text[prev.end:cand.start]
    if "\n" in gap or cand.start < prev.end:
        return False
    if RANGE_GAP.fullmatch(gap):
        return gap.strip().lower() != "and" or text[prev.start:prev.end].lower().startswith(
            "between")
    if OF_GAP.fullmatch(gap):
        return bool(re.fullmatch(r"\d{4}", text[cand.start:cand.end]))
    return not gap.strip() and prev.label != cand.label


def _joined_label(prev: Candidate, cand: Candidate) -> str:
    return "TIME" if "TIME" in (prev.label, cand.label) else "DATE"


def clause_tense(span: SpacySpan | None) -> str | None:
    """'future' when the clause looks ahead, 'past' when it looks back, else None."""
    if span is None:
        return None
    words = _words()
    verb = _governing_verb(span.root)
    if verb is None:
        return "future" if any(t.lower_ in words["auxiliaries"] for t in span.sent) else None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in words["auxiliaries"] for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "'ve")
                                 for a in auxes):
        return "past"
    if verb.lemma_.lower() in words["verbs"] or _to_clause_of_future(verb, auxes, words):
        return "future"
    if any(c.lemma_.lower() in words["verbs"] for c in verb.children if c.dep_ == "acomp"):
        return "future"  # "the vote is due on Sunday"
    return None


def _governing_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _to_clause_of_future(verb: Token, auxes: list[Token], words: dict[str, Any]) -> bool:
    """'due to resume', 'expected to sign', 'is to be held', 'going to meet'."""
    if not any(a.lower_ == "to" for a in auxes):
        return False
    head = verb.head
    if head.tag_ == "VBD" or any(c.tag_ == "VBD" for c in head.children
                                 if c.dep_ in ("aux", "auxpass")):
        return False
    return head.lemma_.lower() in words["verbs"] or head.lemma_ == "be"


def _after_amount(span: SpacySpan | None) -> bool:
    if span is None or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") or before.like_num


def _days_for_clock_times(
        found: list[tuple[Candidate, Resolved]]) -> Iterable[tuple[Candidate, Resolved]]:
    """A clock time with no day of its own takes the one day named in its sentence."""
    days = [(c.span.sent.start, r.start) for c, r in found if c.span is not None
            and r.start is not None and r.start == r.end and r.kind in ("date", "time")]
    for cand, resolved in found:
        if resolved.kind == "time" and resolved.start is None and cand.span is not None:
            sentence = cand.span.sent.start
            same = {day for start, day in days if start == sentence}
            if len(same) == 1:
                day = same.pop()
                resolved = replace(resolved, start=day, end=day)
        yield cand, resolved


# --- Resolving one expression --------------------------------------------------------------

def resolve(surface: str, clue: Clue, label: str = "DATE") -> Resolved | None:
    """What `surface` means against `clue`; None when it is no time expression."""
    s = normalize(surface)
    if not s or AGE.search(s) or re.fullmatch(r"\d{1,3}", s):
        return None
    lead = LEAD.match(s)
    preps = lead.group(0).split() if lead else []
    s = s[lead.end():] if lead else s
    if not s:
        return None
    try:
        result = _resolve_words(s, clue, "between" in preps)
    except (ValueError, OverflowError):
        result = None  # a date off the calendar ("a million years ago")
    if result is None:
        if NUMERIC.match(s) or not _temporal(s) or re.match(r"(?:a|an)\s", s):
            return None  # not a time at all, or "a good day"
        return Resolved(None, None, "time" if label == "TIME" else "date")
    if ("since" in preps or clue.since) and result.start is not None and result.kind == "date":
        return Resolved(result.start, clue.ref if clue.ref and clue.ref >= result.start else None,
                        "range")
    return result


def normalize(surface: str) -> str:
    s = surface.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"\s+", " ", s).strip().replace("this past ", "past ")
    return TRAIL.sub("", s).strip()


def _resolve_words(s: str, clue: Clue, between: bool) -> Resolved | None:
    if SET.search(s) or s in _sets() or (AMOUNT_SET.match(s) and clue.after_amount):
        return Resolved(None, None, "set")
    for step in (_ago, _rolling, _duration, _time_of_day):
        result = step(s, clue)
        if result is not None:
            return result
    found = part_of_period(s, clue) or period(s, clue)
    if found is not None:
        return Resolved(found.start, found.end, "time" if _is_part_of_day(s, found) else "date")
    return _range(s, clue, between) or _fallback(s, clue)


def _is_part_of_day(s: str, found: Period) -> bool:
    return found.grain == "day" and bool(PART.match(s))


def _ago(s: str, clue: Clue) -> Resolved | None:
    m = AGO.match(s)
    if m is None:
        return None
    n = _count(m.group("n"))
    if n is None or clue.ref is None:
        return Resolved(None, None, "date")
    n = n if m.group("dir") != "ago" else -n
    unit = _unit(m.group("u"))
    if unit in ("hour", "minute", "second"):
        day = clue.ref + timedelta(days=int(n / 24) if unit == "hour" else 0)
        return Resolved(day, day, "time")
    if unit in ("day", "night"):
        day = clue.ref + timedelta(days=int(n))
        return Resolved(day, day, "date")
    then = shift(clue.ref, unit, n)
    found = unit_period(then, _grain(unit))
    return Resolved(found.start, found.end, "date")


def _rolling(s: str, clue: Clue) -> Resolved | None:
    """'the past two years', 'recent weeks', 'the coming months': a stretch from or to now."""
    m = ROLLING.match(s)
    one = ROLLING_ONE.match(s) if m is None else None
    if m is None and one is None:
        return None
    n: float | None
    if one is not None:
        n, unit, back = 1.0, one.group("u"), True
    else:
        assert m is not None  # one is None here, so m matched
        n = _count(m.group("n")) if m.group("n") else None
        unit, back = m.group("u"), m.group("dir") in ("past", "last", "previous", "recent")
    if n is None or clue.ref is None:
        return Resolved(None, None, "range")
    unit = _unit(unit)
    if unit == "hour":
        other = clue.ref + timedelta(days=(-1 if back else 1) * max(1, round(n / 24)))
    else:
        other = shift(clue.ref, unit, -n if back else n)
    return Resolved(other, clue.ref, "range") if back else Resolved(clue.ref, other, "range")


def _duration(s: str, clue: Clue) -> Resolved | None:
    if HYPHEN_DURATION.match(s):
        return Resolved(None, None, "duration")
    m = DURATION.match(s)
    if m is None:
        return None
    count, unit = m.group("n"), m.group("u")
    if count is None:
        if not (unit.endswith("s") and unit not in ("weekends",)) and not m.group("half"):
            return None  # "the year", "week": not a length
    elif _count(count) is None and not _vague(count) and not _count_range(count):
        return None
    tail = m.group("tail") or ""
    if tail in ("later", "earlier", "before", "after", "on"):
        return Resolved(None, None, "date")  # "two days later": anchored to another event
    return Resolved(None, None, "duration")


def _time_of_day(s: str, clue: Clue) -> Resolved | None:
    clock = CLOCK.search(s)
    part = _part_pattern().search(s)
    if clock is None and part is None:
        return None
    rest = s
    for m in (clock, part):
        if m is not None:
            rest = rest.replace(m.group(0), " ")
    rest = re.sub(r"\b(?:at|on|of|the|in|early|late|around|about|local time|hours?|"
                  r"shortly|just|before|after|until|by)\b", " ", rest)
    rest = re.sub(r"[\s,]+", " ", rest).strip()
    word = part.group(0) if part else ""
    day = _day_of(rest, word, clue)
    return Resolved(day, day, "time")


def _day_of(rest: str, word: str, clue: Clue) -> date | None:
    """The day of a time of day: 'last' night, 'this' morning, 'Tuesday' evening."""
    if rest:
        found = period(rest, clue)
        if found is not None:
            return found.start if found.grain == "day" else None
    if clue.ref is None:
        return None
    if rest == "last" and word in ("night", "evening"):
        return clue.ref - timedelta(days=1)
    if rest == "this" or (not rest and word in ("tonight", "overnight")):
        return clue.ref
    return None


def _range(s: str, clue: Clue, between: bool) -> Resolved | None:
    m = RANGE.match(s)
    if m is None or (m.group("sep") == "and" and not between):
        return None
    a, b = m.group("a").strip(), m.group("b").strip()
    b_period = period(b, clue)
    a_period = None
    if b_period is not None and (_BARE_DAY.fullmatch(a) or (
            not re.search(r"\d{4}", a) and re.search(r"\d{4}", b))):
        a_period = _inherit_left(a, b_period, clue)
    a_period = a_period or period(a, clue)
    if a_period is not None and b_period is None:
        b_period = _inherit_right(b, a_period)
    if a_period is None or b_period is None:
        return None
    if a_period.start > b_period.end and not re.search(r"\d{4}", a):
        a_period = period(f"{a} {b_period.start.year - 1}", clue) or a_period
    return Resolved(a_period.start, b_period.end, "range")


def _inherit_left(a: str, right: Period, clue: Clue) -> Period | None:
    """'3' in '3-5 March 2021', 'March' in 'March to May 2020': they take the right's month/year."""
    year = right.start.year
    if _BARE_DAY.fullmatch(a) and right.grain == "day":
        return _day_period(year, right.start.month, int(re.sub(r"\D", "", a)))
    if not re.search(r"\d{4}", a):
        return period(f"{a} {year}", clue)
    return None


def _inherit_right(b: str, left: Period) -> Period | None:
    """'5' in 'March 3-5', '15' in '2010-15'."""
    if not re.fullmatch(r"\d{1,2}", b):
        return None
    n = int(b)
    if left.grain == "day":
        return _day_period(left.start.year, left.start.month, n)
    if left.grain == "year":
        year = left.start.year // 100 * 100 + n
        if year <= left.start.year:
            return None
        return Period(date(year, 1, 1), date(year, 12, 31), "year")
    return None


def _fallback(s: str, clue: Clue) -> Resolved | None:
    """dateparser, for what the patterns above do not know; only with a reference date."""
    if clue.ref is None or not re.search(r"\b(?:" + _MONTH + "|" + _WEEKDAY + r")(?!\w)", s):
        return None
    try:
        data = _date_parser(clue.ref, clue.tense).get_date_data(s)
    except Exception:  # noqa: BLE001 - a parser's failure is only "not understood"
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    grain = {"day": "day", "week": "week", "month": "month", "year": "year",
             "quarter": "quarter", "time": "day"}.get(data.period or "day", "day")
    if data.period == "time" and not CLOCK.search(s):
        return None
    found = unit_period(day, grain)
    return Resolved(found.start, found.end, "time" if data.period == "time" else "date")


@lru_cache(maxsize=32)
def _date_parser(ref: date, tense: str | None) -> Any:
    from dateparser.date import DateDataParser

    prefer = {"past": "past", "future": "future"}.get(tense or "", "current_period")
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
        "STRICT_PARSING": False,
    })


# --- Calendar periods ----------------------------------------------------------------------

def period(s: str, clue: Clue) -> Period | None:
    """The calendar period `s` names: a day, week, month, season, quarter, year, decade."""
    s = re.sub(r"^the\s+", "", s)
    relative_year = OF_RELATIVE_YEAR.match(s)
    if relative_year and clue.ref is not None:
        offset = {"last": -1, "next": 1}.get(relative_year.group("mod"), 0)
        return period(f"{relative_year.group('rest')} {clue.ref.year + offset}", clue)
    for reader in (_full_date, _month_day, _month_year, _month_with_modifier, _year, _decade,
                   _century, _weekday, _season, _quarter, _holiday, _relative_day,
                   _relative_unit):
        found = reader(s, clue)
        if found is not None:
            return found
    return None


def _full_date(s: str, clue: Clue) -> Period | None:
    dates = find_dates(s)
    if len(dates) != 1 or dates[0].end - dates[0].start < len(s) - 1:
        return None
    d = dates[0]
    month, day = d.month, d.day
    if d.ambiguous and not clue.day_first:
        month, day = d.ambiguous
    return _day_period(d.year, month or 1, day or 1)


def _month_day(s: str, clue: Clue) -> Period | None:
    m = MONTH_DAY.match(s) or DAY_MONTH.match(s)
    if m is None:
        return None
    month, day = _month(m.group("mon")), int(m.group("day"))
    if clue.ref is None:
        return None
    candidates = [_safe_date(clue.ref.year + k, month, day) for k in (-1, 0, 1)]
    year_dates = [c for c in candidates if c is not None]
    chosen = _pick(year_dates, clue.ref, clue.tense)
    return Period(chosen, chosen, "day") if chosen else None


def _month_year(s: str, clue: Clue) -> Period | None:
    m = MONTH_YEAR.match(s)
    if m is None:
        return None
    month = _month(m.group("mon"))
    if m.group("year"):
        return month_period(int(m.group("year")), month)
    if clue.ref is None:
        return None
    options = [month_period(clue.ref.year + k, month) for k in (-1, 0, 1)]
    return _pick_period(options, clue.ref, clue.tense)


def _month_with_modifier(s: str, clue: Clue) -> Period | None:
    """'last December', 'next March': the nearest one before or after this month."""
    m = MONTH_MOD.match(s)
    if m is None or clue.ref is None:
        return None
    month, mod, ref = _month(m.group("mon")), m.group("mod"), clue.ref
    if mod == "this":
        return month_period(ref.year, month)
    if mod in ("last", "past", "previous"):
        return month_period(ref.year if month < ref.month else ref.year - 1, month)
    return month_period(ref.year if month > ref.month else ref.year + 1, month)


def _holiday(s: str, clue: Clue) -> Period | None:
    """Holidays on a fixed date ("Christmas", "New Year's Eve"), the nearest one by tense."""
    fixed = _holidays().get(re.sub(r"\s+(?:day)$", "", s)) or _holidays().get(s)
    if fixed is None:
        return None
    return _month_day(f"{calendar.month_name[fixed[0]].lower()} {fixed[1]}", clue)


def _year(s: str, clue: Clue) -> Period | None:
    m = YEAR_ONLY.match(s)
    if m is None:
        return None
    year = int(m.group("year"))
    if not 1000 <= year <= 2200:
        return None
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def _decade(s: str, clue: Clue) -> Period | None:
    m = DECADE.match(s)
    if m is None:
        return None
    raw = m.group("decade")
    if len(raw) == 4:
        if not raw.endswith("0") or not 1000 <= int(raw) <= 2200:
            return None
        start = int(raw)
    else:
        if not raw.endswith("0"):
            return None
        now = clue.ref.year if clue.ref else 2000
        start = 2000 + int(raw) if 2000 + int(raw) <= now else 1900 + int(raw)
    return Period(date(start, 1, 1), date(start + 9, 12, 31), "decade")


def _century(s: str, clue: Clue) -> Period | None:
    m = CENTURY.match(s)
    if m is None:
        return None
    raw = m.group("n")
    n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else _ORDINALS.get(raw)
    if not n or not 1 <= n <= 22:
        return None
    first = (n - 1) * 100
    return Period(date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century")


def _weekday(s: str, clue: Clue) -> Period | None:
    m = WEEKDAY_RE.match(s)
    if m is None or clue.ref is None:
        return None
    wd = _weekday_number(m.group("wd"))
    if wd is None:
        return None
    ref, mod = clue.ref, m.group("mod")
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday() - 1) % 7 + 1
    if mod in ("last", "past", "previous"):
        day = ref - timedelta(days=back or 7)
    elif mod in ("next", "coming", "this coming"):
        day = ref + timedelta(days=ahead)
    elif mod == "this":
        day = ref - timedelta(days=ref.weekday()) + timedelta(days=wd)
    else:
        day = ref + timedelta(days=ahead) if clue.tense == "future" else ref - timedelta(days=back)
    return Period(day, day, "day")


def _season(s: str, clue: Clue) -> Period | None:
    m = SEASON.match(s)
    if m is None:
        return None
    first, last = _seasons()[m.group("season")]
    if m.group("year"):
        return season_period(int(m.group("year")), first, last)
    if clue.ref is None:
        return None
    ref, mod = clue.ref, m.group("mod")
    options = [season_period(ref.year + k, first, last) for k in (-2, -1, 0, 1)]
    if mod in ("last", "past", "previous"):
        ended = [p for p in options if p.end < ref]
        return ended[-1] if ended else None
    if mod in ("next", "coming") or (clue.tense == "future" and mod is None) or (
            clue.tense == "future" and mod == "this"):
        return next((p for p in options if p.start > ref), None)
    started = [p for p in options if p.start <= ref]
    return started[-1] if started else None


def _quarter(s: str, clue: Clue) -> Period | None:
    m = QUARTER.match(s)
    if m is None:
        return None
    raw = m.group("ord")
    q = int(m.group("q")) if m.group("q") else _ORDINALS.get(raw) or int(raw[0])
    if m.group("year"):
        return quarter_period(int(m.group("year")), q)
    if clue.ref is None:
        return None
    options = [quarter_period(clue.ref.year + k, q) for k in (-1, 0, 1)]
    return _pick_period(options, clue.ref, clue.tense)


def _relative_day(s: str, clue: Clue) -> Period | None:
    if s not in RELATIVE_DAY or clue.ref is None:
        return None
    day = clue.ref + timedelta(days=RELATIVE_DAY[s])
    return Period(day, day, "day")


def _relative_unit(s: str, clue: Clue) -> Period | None:
    m = RELATIVE_UNIT.match(s)
    if m is None or clue.ref is None:
        return None
    mod, unit = m.group("mod"), m.group("u")
    if mod is None and unit != "weekend":
        return None  # "the year": which one?
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
              "following": 1}.get(mod or "", 0)
    if unit == "weekend":
        return _weekend(clue.ref, offset, clue.tense if mod is None else None)
    return unit_period(shift(clue.ref, unit, offset), unit)


def _weekend(ref: date, offset: int, tense: str | None) -> Period:
    saturday = ref - timedelta(days=ref.weekday()) + timedelta(days=5)
    if offset == 0 and tense != "future" and saturday > ref:
        offset = -1  # "at the weekend", said on a Wednesday: the one just gone
    saturday += timedelta(days=7 * offset)
    return Period(saturday, saturday + timedelta(days=1), "weekend")


def part_of_period(s: str, clue: Clue) -> Period | None:
    """'the end of September', 'early May', 'mid-2020', 'earlier this month'."""
    m = PART.match(s)
    if m is None:
        return None
    part, rest = m.group("part"), re.sub(r"^the\s+", "", m.group("rest"))
    if rest in ("year", "month", "week", "decade", "century"):
        rest = "this " + rest
    whole = period(rest, clue)
    if whole is None:
        return None
    if part in ("earlier", "later"):
        return _before_or_after_ref(whole, part, clue.ref)
    return sub_period(whole, part)


def _before_or_after_ref(whole: Period, part: str, ref: date | None) -> Period:
    if ref is None or not whole.start <= ref <= whole.end:
        return whole
    if part == "earlier":
        return Period(whole.start, ref, whole.grain)
    return Period(ref, whole.end, whole.grain)


def sub_period(whole: Period, part: str) -> Period:
    """The early / mid / late third of a period (for a month: days 1-10, 11-20, 21-end)."""
    which = _part_name(part)
    if whole.grain == "month":
        last = whole.end.day
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last),
                  "first half": (1, 15), "second half": (16, last)}[which]
        return Period(whole.start.replace(day=bounds[0]), whole.start.replace(day=bounds[1]),
                      "day-range")
    units = _sub_units(whole)
    n = len(units)
    if n < 2:
        return whole
    slices = {"early": (0, round(n / 3)), "mid": (round(n / 3), round(2 * n / 3)),
              "late": (round(2 * n / 3), n), "first half": (0, n // 2),
              "second half": (n // 2, n)}
    i, j = slices[which]
    j = max(j, i + 1)
    return Period(units[i].start, units[j - 1].end, whole.grain + "-part")


def _part_name(part: str) -> str:
    if part in ("very early", "early", "beginning", "start", "early part", "first part",
                "first day", "first days"):
        return "early"
    if part in ("mid", "middle"):
        return "mid"
    if part in ("first half",):
        return "first half"
    if part in ("second half", "latter half"):
        return "second half"
    return "late"


def _sub_units(whole: Period) -> list[Period]:
    if whole.grain in ("year", "quarter", "season"):
        return list(_months_between(whole.start, whole.end))
    if whole.grain in ("decade", "century"):
        return [Period(date(y, 1, 1), date(y, 12, 31), "year")
                for y in range(whole.start.year, whole.end.year + 1)]
    days = (whole.end - whole.start).days + 1
    return [Period(whole.start + timedelta(days=k), whole.start + timedelta(days=k), "day")
            for k in range(days)]


def _months_between(start: date, end: date) -> Iterable[Period]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield month_period(year, month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# --- Date arithmetic -----------------------------------------------------------------------

def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]),
                  "month")


def season_period(year: int, first: int, last: int) -> Period:
    end_year = year + 1 if last < first else year
    return Period(date(year, first, 1),
                  date(end_year, last, calendar.monthrange(end_year, last)[1]), "season")


def quarter_period(year: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(date(year, first, 1), month_period(year, first + 2).end, "quarter")


def unit_period(day: date, unit: str) -> Period:
    """The week, month, quarter, year or decade `day` is in (a day for anything else)."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return Period(monday, monday + timedelta(days=6), "week")
    if unit == "month":
        return month_period(day.year, day.month)
    if unit == "quarter":
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    if unit == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), "year")
    if unit == "decade":
        first = day.year // 10 * 10
        return Period(date(first, 1, 1), date(first + 9, 12, 31), "decade")
    return Period(day, day, "day")


def shift(day: date, unit: str, n: float) -> date:
    """`day` moved by `n` units (months and years keep the day where the calendar allows)."""
    if unit in ("day", "night"):
        return day + timedelta(days=round(n))
    if unit in ("week", "weekend"):
        return day + timedelta(days=round(7 * n))
    if unit == "fortnight":
        return day + timedelta(days=round(14 * n))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        return day
    total = day.year * 12 + day.month - 1 + round(months * n)
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _pick(options: list[date], ref: date, tense: str | None) -> date | None:
    if tense == "past":
        return max((d for d in options if d <= ref), default=None)
    if tense == "future":
        return min((d for d in options if d >= ref), default=None)
    return min(options, key=lambda d: (abs((d - ref).days), d > ref), default=None)


def _pick_period(options: list[Period], ref: date, tense: str | None) -> Period | None:
    if tense == "past":
        return max((p for p in options if p.start <= ref), key=lambda p: p.start, default=None)
    if tense == "future":
        return min((p for p in options if p.end >= ref), key=lambda p: p.start, default=None)
    current = [p for p in options if p.start <= ref <= p.end]
    if current:
        return current[0]
    return min(options, key=lambda p: (min(abs((p.start - ref).days), abs((p.end - ref).days)),
                                       p.start > ref), default=None)


def _day_period(year: int, month: int, day: int) -> Period | None:
    found = _safe_date(year, month, day)
    return Period(found, found, "day") if found else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- Words ---------------------------------------------------------------------------------

def _month(raw: str) -> int:
    return MONTHS[raw.strip(".")[:3]]


def _weekday_number(raw: str) -> int | None:
    raw = raw.strip(".")[:3]
    return next((i for i, name in enumerate(WEEKDAYS) if name.startswith(raw)), None)


def _unit(raw: str) -> str:
    raw = raw.lower()
    if raw == "centuries":
        return "century"
    return raw[:-1] if raw.endswith("s") else raw


def _grain(unit: str) -> str:
    return unit if unit in ("week", "month", "year", "decade", "quarter") else "day"


def _count(raw: str | None) -> float | None:
    if raw is None:
        return None
    raw = COUNT_NOISE.sub("", raw.strip()).strip()
    if raw in ("a", "an", "one"):
        return 1.0
    if raw in ("a couple of", "couple of", "a couple"):
        return 2.0
    return number_value(raw)


def _count_range(raw: str) -> bool:
    """'two to three', '5-10': a count given as a range."""
    m = COUNT_RANGE.match(raw.strip())
    return m is not None and _count(m.group("a")) is not None and _count(m.group("b")) is not None


def _vague(raw: str) -> bool:
    return bool(re.fullmatch(r"(?:a\s+)?(?:few|several|many|some|couple(?:\s+of)?|number of|"
                             r"dozens?\s+of|hundreds\s+of|tens\s+of|few more|several more)",
                             raw.strip()))


def _temporal(s: str) -> bool:
    """Does `s` speak of time at all? (The model's DATE label is sometimes a number.)"""
    return bool(re.search(
        r"\d{4}|\b(?:" + _MONTH + "|" + _WEEKDAY + r")(?!\w)"
        r"|\b(?:day|week|month|year|decade|centur|"
        r"quarter|season|spring|summer|autumn|fall|winter|today|tonight|yesterday|tomorrow|"
        r"morning|afternoon|evening|night|hour|minute|time|period|era|weekend|holiday|"
        r"christmas|easter|ramadan|eid|new year|anniversary|date|moment|now|recent|late|early)",
        s))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = resources.files("newstrace.data").joinpath("times.toml").read_text("utf-8")
    return tomllib.loads(raw)


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    future = _data()["future"]
    return {"auxiliaries": frozenset(future["auxiliaries"]), "verbs": frozenset(future["verbs"])}


@lru_cache(maxsize=1)
def _sets() -> frozenset[str]:
    return frozenset(_data()["sets"]["words"])


@lru_cache(maxsize=1)
def _holidays() -> dict[str, tuple[int, int]]:
    return {k: (v[0], v[1]) for k, v in _data()["holidays"].items()}


@lru_cache(maxsize=1)
def _seasons() -> dict[str, tuple[int, int]]:
    return {k: (v[0], v[1]) for k, v in _data()["seasons"].items()}


@lru_cache(maxsize=1)
def _part_pattern() -> re.Pattern[str]:
    parts = sorted(_data()["day"]["parts"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in parts) + r")\b")
