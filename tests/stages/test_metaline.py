"""Metadata lines in many conventions, and body sentences that must not look like them."""

from __future__ import annotations

import pytest

from newstrace.text.metaline import find_dates, leftover_words, parse_count, parse_line


@pytest.mark.parametrize("line,date,time,views,comments,place", [
    ("New York, USA06 Nov. 2023, 22:18 2930 read 5 comments",
     (2023, 11, 6), "22:18", 2930, 5, "New York, USA"),
    ("Sofia, Bulgaria14 Mar. 2024, 09:05 1 204 read 12 comments",
     (2024, 3, 14), "09:05", 1204, 12, "Sofia, Bulgaria"),
    ("14.03.2024 | 18:47 | Views: 3,210", (2024, 3, 14), "18:47", 3210, None, None),
    ("Mon 4 Mar 2024 07.00 GMT", (2024, 3, 4), "07:00", None, None, None),
    ("Published: 2024-03-14 08:30 · Updated: 2024-03-15", (2024, 3, 14), "08:30", None, None, None),
    ("March 14th, 2024 at 10:05 pm • 2.3K views • 47 comments",
     (2024, 3, 14), "22:05", 2300, 47, None),
    ("LONDON, 7 February 2024 12:00 PM", (2024, 2, 7), "12:00", None, None, "LONDON"),
])
def test_metadata_lines(line, date, time, views, comments, place) -> None:
    meta = parse_line(line)
    first = meta.dates[0]
    assert (first.year, first.month, first.day) == date
    assert meta.time == time
    assert meta.views == views
    assert meta.comments == comments
    assert meta.place == place
    assert leftover_words(meta) == 0


def test_byline_with_two_authors() -> None:
    meta = parse_line("By Daniel Mwangi and Sarah Okafor | April 8, 2024 10:05 am")
    assert meta.authors == ["Daniel Mwangi", "Sarah Okafor"]
    assert meta.time == "10:05"


def test_emoji_counts() -> None:
    meta = parse_line("👁 1520 💬 8")
    assert (meta.views, meta.comments) == (1520, 8)


def test_updated_date_is_marked() -> None:
    meta = parse_line("Updated: 15 March 2024, Published: 14 March 2024")
    assert [d.updated for d in meta.dates] == [True, False]


@pytest.mark.parametrize("sentence", [
    "On 14 March 2024 the council voted to close the old harbour for good.",
    "The minister said on March 3, 2024 that talks would resume within weeks.",
    "About 2,930 people read the report before it was withdrawn on Friday.",
])
def test_sentences_with_dates_leave_words_over(sentence: str) -> None:
    assert leftover_words(parse_line(sentence)) > 2


@pytest.mark.parametrize("raw,value", [("2,930", 2930), ("2 930", 2930), ("1.2K", 1200),
                                       ("3m", 3_000_000), ("12", 12), ("1.204", 1204)])
def test_counts(raw: str, value: int) -> None:
    assert parse_count(raw) == value


def test_ambiguous_numeric_date_is_flagged() -> None:
    (date,) = find_dates("03/04/2024")
    assert date.ambiguous == (3, 4)
    (clear,) = find_dates("13/04/2024")
    assert (clear.day, clear.month, clear.ambiguous) == (13, 4, None)
