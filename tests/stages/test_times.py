"""The `times` stage: time expressions found, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

import newstrace
from newstrace import Options
from newstrace.dossier import Dossier
from newstrace.stages import DEFAULT_STAGES
from newstrace.stages.times import Clue, reference_date, resolve

# The stages up to the parse, then this one: the test does not wait on later stages.
OPTIONS = Options(stages=DEFAULT_STAGES[: DEFAULT_STAGES.index("nlp") + 1] + ("times",))
PUBLISHED = "2023-11-06"  # a Monday
REF = date(2023, 11, 6)


def analyze(text: str, published: str | None = PUBLISHED) -> Dossier:
    dossier = newstrace.analyze(text, content_type="plain", published=published, options=OPTIONS)
    for t in dossier.times:
        assert dossier.text[t.span.start:t.span.end] == t.span.text
    return dossier


def found(text: str, published: str | None = PUBLISHED) -> dict[str, tuple]:
    return {t.span.text: (t.start, t.end, t.kind) for t in analyze(text, published).times}


# Sentences of our own, each with what its time expressions must resolve to.
SENTENCES = [
    ("Tallinn, 14 February 2022. Estonia and Latvia agreed a rail deal on Friday, officials said.",
     None, {"14 February 2022": ("2022-02-14", "2022-02-14", "date"),
            "Friday": ("2022-02-11", "2022-02-11", "date")}),
    ("The two leaders met at the end of September and again in early October.",
     PUBLISHED, {"the end of September": ("2023-09-21", "2023-09-30", "date"),
                 "early October": ("2023-10-01", "2023-10-10", "date")}),
    ("The ministers will meet on Thursday to discuss the budget, which is due in mid-January.",
     PUBLISHED, {"Thursday": ("2023-11-09", "2023-11-09", "date"),
                 "mid-January": ("2024-01-11", "2024-01-20", "date")}),
    ("The company was founded in 1998 and expanded rapidly in the 2000s.",
     PUBLISHED, {"1998": ("1998-01-01", "1998-12-31", "date"),
                 "the 2000s": ("2000-01-01", "2009-12-31", "date")}),
    ("Last week the central bank raised rates, and two days ago it warned of more pain.",
     PUBLISHED, {"Last week": ("2023-10-30", "2023-11-05", "date"),
                 "two days ago": ("2023-11-04", "2023-11-04", "date")}),
    ("Prices have risen for several years, and the strike lasted 18 months.",
     PUBLISHED, {"several years": (None, None, "duration"),
                 "18 months": (None, None, "duration")}),
    ("The ceasefire was signed on 2022-08-14 and renewed on 06.11.2023.",
     PUBLISHED, {"2022-08-14": ("2022-08-14", "2022-08-14", "date"),
                 "06.11.2023": ("2023-11-06", "2023-11-06", "date")}),
    ("Yesterday the mayor resigned; tomorrow the council elects a successor.",
     PUBLISHED, {"Yesterday": ("2023-11-05", "2023-11-05", "date"),
                 "tomorrow": ("2023-11-07", "2023-11-07", "date")}),
    ("From 2015 to 2019 exports doubled.",
     PUBLISHED, {"2015 to 2019": ("2015-01-01", "2019-12-31", "range")}),
    ("Earlier this month, the agency said it would publish the report next year.",
     PUBLISHED, {"Earlier this month": ("2023-11-01", "2023-11-06", "date"),
                 "next year": ("2024-01-01", "2024-12-31", "date")}),
    ("The explosion happened at 22:18 last night, police said.",
     PUBLISHED, {"22:18 last night": ("2023-11-05", "2023-11-05", "time")}),
    ("In recent weeks, the rebels have advanced, and the committee meets every month.",
     PUBLISHED, {"recent weeks": (None, None, "range"), "every month": (None, None, "set")}),
    ("Talks are expected to resume in September.",
     PUBLISHED, {"September": ("2024-09-01", "2024-09-30", "date")}),
    ("The factory closed in September.",
     PUBLISHED, {"September": ("2023-09-01", "2023-09-30", "date")}),
    ("Growth slowed in the first quarter of 2022 and recovered in late 2020.",
     PUBLISHED, {"the first quarter of 2022": ("2022-01-01", "2022-03-31", "date"),
                 "late 2020": ("2020-09-01", "2020-12-31", "date")}),
    ("The border has been closed since 2014.",
     PUBLISHED, {"2014": ("2014-01-01", "2023-11-06", "range")}),
    ("Over the past three months, the army has lost ground.",
     PUBLISHED, {"the past three months": ("2023-08-06", "2023-11-06", "range")}),
    ("The summit runs from 3 to 5 March 2024.",
     PUBLISHED, {"3 to 5 March 2024": ("2024-03-03", "2024-03-05", "range")}),
    ("On Sunday evening the president spoke.",
     PUBLISHED, {"Sunday evening": ("2023-11-05", "2023-11-05", "time")}),
]


@pytest.mark.parametrize("text,published,expected", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_sentences(text: str, published: str | None, expected: dict[str, tuple]) -> None:
    assert found(text, published) == expected


def test_without_a_reference_relative_times_stay_unresolved() -> None:
    times = found("The deal was signed on Tuesday and will take effect in 2025.", published=None)
    assert times == {"Tuesday": (None, None, "date"),
                     "2025": ("2025-01-01", "2025-12-31", "date")}


def test_ages_are_not_times() -> None:
    assert found("The 64-year-old general, aged 41 at the time of the coup, was arrested.") == {}


def test_published_wins_over_the_dateline() -> None:
    times = found("Riga, 2 May 2019. The talks ended on Monday.", published="2020-06-10")
    assert times["Monday"] == ("2020-06-08", "2020-06-08", "date")


def test_the_day_of_a_clock_time_comes_from_its_sentence() -> None:
    times = found("The blast was heard at 10:45 on 12 March 2021 across the city.")
    assert times["10:45"] == ("2021-03-12", "2021-03-12", "time")


# The resolver alone, expression by expression (reference: Monday 6 November 2023).
@pytest.mark.parametrize("surface,tense,expected", [
    ("3 March 2021", None, ("2021-03-03", "2021-03-03", "date")),
    ("March 3", "past", ("2023-03-03", "2023-03-03", "date")),
    ("March 3", "future", ("2024-03-03", "2024-03-03", "date")),
    ("on Tuesday", "past", ("2023-10-31", "2023-10-31", "date")),
    ("on Monday", "past", ("2023-11-06", "2023-11-06", "date")),
    ("on Monday", "future", ("2023-11-13", "2023-11-13", "date")),
    ("the beginning of December", "future", ("2023-12-01", "2023-12-10", "date")),
    ("late February", "past", ("2023-02-21", "2023-02-28", "date")),
    ("mid-2020", None, ("2020-05-01", "2020-08-31", "date")),
    ("this week", None, ("2023-11-06", "2023-11-12", "date")),
    ("last month", None, ("2023-10-01", "2023-10-31", "date")),
    ("last year", None, ("2022-01-01", "2022-12-31", "date")),
    ("today", None, ("2023-11-06", "2023-11-06", "date")),
    ("three weeks ago", None, ("2023-10-16", "2023-10-22", "date")),
    ("a decade", None, (None, None, "duration")),
    ("two-year", None, (None, None, "duration")),
    ("annually", None, (None, None, "set")),
    ("this morning", None, ("2023-11-06", "2023-11-06", "time")),
    ("between 2010 and 2012", None, ("2010-01-01", "2012-12-31", "range")),
    ("the 19th century", None, ("1800-01-01", "1899-12-31", "date")),
    ("last summer", None, ("2023-06-01", "2023-08-31", "date")),
    ("the weekend", "past", ("2023-11-04", "2023-11-05", "date")),
    ("Q3 2021", None, ("2021-07-01", "2021-09-30", "date")),
    ("last December", None, ("2022-12-01", "2022-12-31", "date")),
    ("March of next year", None, ("2024-03-01", "2024-03-31", "date")),
    ("six weeks from now", None, ("2023-12-18", "2023-12-24", "date")),
    ("Christmas", "future", ("2023-12-25", "2023-12-25", "date")),
    ("two to three weeks", None, (None, None, "duration")),
    ("the 1960s and", None, ("1960-01-01", "1969-12-31", "date")),
    ("since 2014", None, ("2014-01-01", "2023-11-06", "range")),
])
def test_resolve(surface: str, tense: str | None, expected: tuple) -> None:
    resolved = resolve(surface, Clue(REF, tense))
    assert resolved is not None
    start = resolved.start.isoformat() if resolved.start else None
    end = resolved.end.isoformat() if resolved.end else None
    assert (start, end, resolved.kind) == expected


def test_numeric_dates_follow_the_date_order_setting() -> None:
    resolved = resolve("04/05/2021", Clue(REF, day_first=False))
    assert resolved is not None and resolved.start == date(2021, 4, 5)
    resolved = resolve("04/05/2021", Clue(REF))
    assert resolved is not None and resolved.start == date(2021, 5, 4)


def test_reference_date() -> None:
    assert reference_date("2023-11-06T22:18", "") == date(2023, 11, 6)
    assert reference_date(None, "Oslo, 3 March 2021. Text.") == date(2021, 3, 3)
    assert reference_date(None, "No date here. " * 40 + "3 March 2021") is None


def test_seed(seed_text: str) -> None:
    options = Options(stages=DEFAULT_STAGES[: DEFAULT_STAGES.index("nlp") + 1] + ("times",))
    dossier = newstrace.analyze(seed_text, content_type="text", options=options)
    times = {t.span.text: (t.start, t.end, t.kind) for t in dossier.times}
    assert times["the end of September"] == ("2023-09-21", "2023-09-30", "date")
    assert times["2011"] == ("2011-01-01", "2011-12-31", "date")
    assert times["several years"] == (None, None, "duration")
    assert not any("year-old" in text for text in times)
    for t in dossier.times:
        assert dossier.text[t.span.start:t.span.end] == t.span.text
