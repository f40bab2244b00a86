"""Parse a page's metadata line: place, date, time, author, view and comment counts.

Scraped pages glue these together ("New York, USA06 Nov. 2023, 22:18 2930 read 5
comments"), so nothing here relies on word boundaries before numbers. A line is a
metadata line when its recognised parts leave (almost) nothing over: a date inside a
body sentence leaves the sentence over, and the line stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..geo.names import looks_like_place

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
_ORD = r"(?:st|nd|rd|th)?"
DATE_PATTERNS = [
    # 06 Nov. 2023 / Monday, 6th of November 2023 / 6 November, 2023
    re.compile(_WEEKDAY + r"(?<!\d)(?P<day>\d{1,2})" + _ORD + r"\s*(?:of\s+)?" + _MON
               + r",?\s*(?P<year>\d{4})(?!\d)", re.I),
    # Nov 6, 2023 / Monday, November 6th 2023
    re.compile(_WEEKDAY + _MON + r"\s*(?P<day>\d{1,2})" + _ORD + r",?\s*(?P<year>\d{4})(?!\d)",
               re.I),
    # 2023-11-06, 2023/11/06, 2023.11.06 (and the date part of 2023-11-06T22:18:00Z)
    re.compile(r"(?<!\d)(?P<year>\d{4})(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})(?!\d)"),
    # 06.11.2023, 06/11/2023, 11-06-2023, 06.11.23
    re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)"
               r"(?P<year>\d{4}|\d{2})(?![\d])"),
]
TIME = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2})(?:[:h.](?P<m>\d{2})(?::\d{2})?(?:\.\d+)?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"|\s*(?P<ampm2>[ap]\.?m\.?))(?![\w])"
    r"(?:\s*(?:[+-]\d{2}:?\d{2}|z\b|gmt|utc|[a-z]{2,3}t\b|cet|eet|est|edt|pst|pdt|bst))?",
    re.I,
)
_NUM = r"(?P<n>\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?\s?[km](?![a-z])|\d+)"
VIEWS = [
    re.compile(_NUM + r"\s*(?:reads?|views?|visits?|hits|times read|readers|impressions|seen)\b",
               re.I),
    re.compile(r"\b(?:views?|reads?|read|visits?|hits|viewed)\s*[:(]?\s*" + _NUM + r"\)?", re.I),
    re.compile("[\U0001F441\U0001F440]\ufe0f?\\s*" + _NUM),
]
COMMENTS = [
    re.compile(_NUM + r"\s*(?:comments?|replies|responses|reactions)\b", re.I),
    re.compile(r"\bcomments?\s*[:(]?\s*" + _NUM + r"\)?", re.I),
    re.compile("\U0001F4AC\\s*" + _NUM),
]
READING_TIME = re.compile(
    r"(?:reading time:?\s*)?\d+\s*(?:-\s*\d+\s*)?min(?:ute)?s?(?:\.|\b)(?:\s*read\b)?|"
    r"reading time:?\s*\d+\s*min\w*", re.I)
_NAME = r"[A-Z\u00c0-\u024f][\w'’.\-]+(?:\s+(?:(?:de|van|von|der|da|al|bin|el|la|le)\s+)?"\
        r"[A-Z\u00c0-\u024f][\w'’.\-]+){0,3}"
# "By A", "By A and B", "By A, B and C": a comma joins names only inside a list that
# ends with "and"; after the list, ", Danube Courier" or ", Gdansk correspondent" is
# an affiliation, not an author.
_NAMES = r"(?:" + _NAME + r"(?:\s*,\s*" + _NAME + r")*\s*(?:\band\b|&)\s*" + _NAME + r"|" + _NAME + r")"
AUTHOR = re.compile(
    r"(?:^|(?<=[|•·,;:\s]))(?i:by|written by|story by|words by|reporting by|writing by|author|"
    r"authors|reporter|posted by|text)\s*:?\s+(?P<names>" + _NAMES + r")"
    r"(?:\s*,\s*(?P<affiliation>(?:[A-Z][\w'’.\-]*\s*){1,4}"
    r"(?i:correspondent|reporter|editor|writer|staff)?))?"
)
# Other credits on a byline line: their names are no authors.
CREDITS = re.compile(
    r"(?i:editing|edited|compiled|translated|translation|additional reporting|photos?|graphics)"
    r"\s+(?i:by)\s+" + _NAMES
)
LABELS = re.compile(
    r"\b(?:published|updated|last updated|modified|posted|date|time|on|at|le|am|um|"
    r"first published|created|edited|print|share|read|views?)\b\s*:?",
    re.I,
)
UPDATE_LABEL = re.compile(r"\b(?:updated|last updated|modified|edited)\b\s*:?\s*$", re.I)
SEPARATORS = re.compile(r"[|•·/,;:()\[\]\-–—_*~\s]+")
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(slots=True)
class DateMatch:
    start: int
    end: int
    year: int
    month: int | None
    day: int | None
    ambiguous: tuple[int, int] | None = None  # (first, second) numbers when D/M order is unclear
    updated: bool = False
    time: str | None = None                    # the time of day printed with this date


@dataclass(slots=True)
class MetaLine:
    """What one line says about the page."""

    dates: list[DateMatch] = field(default_factory=list)
    time: str | None = None
    views: int | None = None
    comments: int | None = None
    authors: list[str] = field(default_factory=list)
    place: str | None = None
    leftover: str = ""

    @property
    def strong(self) -> bool:
        return bool(self.dates or self.views is not None or self.comments is not None
                    or self.authors)


def parse_count(raw: str) -> int:
    """'2,930' -> 2930, '2 930' -> 2930, '1.2K' -> 1200, '3m' -> 3000000."""
    raw = raw.strip().lower().replace("\u00a0", " ").replace("\u202f", " ")
    scale = 1
    if raw[-1:] in ("k", "m"):
        scale = 1000 if raw[-1] == "k" else 1_000_000
        return int(round(float(raw[:-1].strip().replace(",", ".")) * scale))
    return int(re.sub(r"[^\d]", "", raw))


def find_dates(line: str) -> list[DateMatch]:
    """Every calendar date in `line`, left to right, without overlaps."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(line):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            date = _to_date(m)
            if date is not None:
                found.append(date)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _to_date(m: re.Match[str]) -> DateMatch | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not 1900 <= year <= 2100:
        return None
    if groups.get("mon"):
        month, day = MONTHS[groups["mon"][:3].lower()], int(groups["day"])
        return _checked(m, year, month, day)
    a, b = int(groups["a"]), int(groups["b"])
    if groups.get("sep") and m.re is DATE_PATTERNS[2]:
        return _checked(m, year, a, b)
    if a > 12 and b <= 12:
        return _checked(m, year, b, a)
    if b > 12 and a <= 12:
        return _checked(m, year, a, b)
    if a <= 12 and b <= 12:
        date = _checked(m, year, b, a)  # day-month until the page tells otherwise
        if date is not None and a != b:
            date.ambiguous = (a, b)
        return date
    return None


def _checked(m: re.Match[str], year: int, month: int, day: int) -> DateMatch | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateMatch(m.start(), m.end(), year, month, day)


def parse_line(line: str) -> MetaLine:
    """Pick out every metadata part of `line`; `leftover` is what none of them explains."""
    result = MetaLine()
    chars = list(line)

    def blank(start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)

    for date in find_dates(line):
        date.updated = bool(UPDATE_LABEL.search(line[: date.start]))
        result.dates.append(date)
        blank(date.start, date.end)
    masked = "".join(chars)
    for time in TIME.finditer(masked):
        # A bare "3.14" is no clock; with a date on the line, "07.00" is one.
        if not (result.dates or _looks_like_clock(time)) or (
            not result.dates and "." in time.group(0) and not time.group("ampm")
        ):
            continue
        clock = _clock(time)
        _attach_time(result, time.start(), clock)
        blank(time.start(), time.end())
    masked = "".join(chars)
    result.views, masked = _take_count(VIEWS, masked)
    result.comments, masked = _take_count(COMMENTS, masked)
    author = AUTHOR.search(masked)
    if author:
        # the affiliation stays with each name: stage `authors` makes it the descriptor
        affiliation = (author.group("affiliation") or "").strip()
        result.authors = [f"{n}, {affiliation}" if affiliation else n
                          for n in split_names(author.group("names"))]
        masked = masked[: author.start()] + " " * (author.end() - author.start()) + masked[author.end():]
    masked = CREDITS.sub(lambda m: " " * len(m.group(0)), masked)
    masked = READING_TIME.sub(" ", masked)
    result.place, masked = _take_place(masked, result)
    result.leftover = SEPARATORS.sub(" ", LABELS.sub(" ", masked)).strip()
    return result


def _attach_time(result: MetaLine, position: int, clock: str | None) -> None:
    """A time belongs to the last date printed before it (or the first, if none is)."""
    result.time = result.time or clock
    before = [d for d in result.dates if d.end <= position and d.time is None]
    target = before[-1] if before else next((d for d in result.dates if d.time is None), None)
    if target is not None:
        target.time = clock


def _take_count(patterns: list[re.Pattern[str]], masked: str) -> tuple[int | None, str]:
    for pattern in patterns:
        m = pattern.search(masked)
        if m:
            try:
                value = parse_count(m.group("n"))
            except ValueError:
                continue
            return value, masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    return None, masked


def _looks_like_clock(m: re.Match[str]) -> bool:
    return bool(m.group("m") or m.group("ampm2"))


def _clock(m: re.Match[str]) -> str | None:
    hour, minute = int(m.group("h")), int(m.group("m") or 0)
    ampm = (m.group("ampm") or m.group("ampm2") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _take_place(masked: str, result: MetaLine) -> tuple[str | None, str]:
    """A place printed before the first date ("New York, USA06 Nov. 2023") is the dateline."""
    if not result.dates:
        return None, masked
    head = masked[: result.dates[0].start]
    candidate = SEPARATORS.sub(" ", LABELS.sub(" ", head)).strip()
    if not candidate:
        return None, masked
    printed = re.sub(r"[\s,|•·\-–—]+$", "", head.strip())
    if looks_like_place(printed):
        return printed, " " * len(head) + masked[len(head):]
    return None, masked


def split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def leftover_words(meta: MetaLine) -> int:
    return len(WORD.findall(meta.leftover))


def published_from(lines: list[MetaLine], month_first: bool) -> str | None:
    """The first date that is not an update, with the time printed beside it."""
    for line in lines:
        for date in line.dates:
            if not date.updated:
                return iso(date, month_first, date.time)
    for line in lines:
        if line.dates:
            return iso(line.dates[0], month_first, line.dates[0].time)
    return None


def iso(date: DateMatch, month_first: bool, time: str | None) -> str:
    month, day = date.month, date.day
    if date.ambiguous and month_first:
        month, day = date.ambiguous
    text = f"{date.year:04d}-{month:02d}-{day:02d}"
    return f"{text}T{time}" if time else text


ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def normalize_published(value: str | None) -> str | None:
    """ISO 8601 as precise as given ('2023-11-06T22:18'), from ISO or printed dates."""
    if not value:
        return None
    m = ISO.match(value)
    if m:
        year, month, day, hour, minute = m.groups()
        date = f"{year}-{month}-{day}"
        return f"{date}T{hour}:{minute}" if hour else date
    return published_from([parse_line(value)], month_first=False)
