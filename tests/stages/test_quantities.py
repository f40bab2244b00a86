"""The `quantities` stage: amounts with their values and units."""

from __future__ import annotations

import pytest

import newstrace
from newstrace import Options
from newstrace.nlp.numbers import parse_digits, read_number
from newstrace.stages import DEFAULT_STAGES
from newstrace.stages.quantities import currency

OPTIONS = Options(stages=DEFAULT_STAGES[: DEFAULT_STAGES.index("nlp") + 1] + ("quantities",))


def found(text: str) -> list[tuple[str, float, str | None]]:
    dossier = newstrace.analyze(text, content_type="plain", options=OPTIONS)
    for q in dossier.quantities:
        assert dossier.text[q.span.start:q.span.end] == q.span.text
    return [(q.span.text, q.value, q.unit) for q in dossier.quantities]


# Sentences of our own, each with every quantity it must give, in order.
SENTENCES = [
    ("Turnout reached about 62 percent, up 4.5 percentage points.",
     [("about 62 percent", 62.0, "percent"), ("4.5 percentage points", 4.5, "percentage points")]),
    ("The EU pledged 12 million euros and the US $5.2bn.",
     [("12 million euros", 12e6, "EUR"), ("$5.2bn", 5.2e9, "USD")]),
    ("Kenya borrowed 500 million shillings.", [("500 million shillings", 5e8, "shilling")]),
    ("More than 40,000 people marched in the capital.",
     [("More than 40,000 people", 40000.0, "people")]),
    ("The storm closed six main roads.", [("six main roads", 6.0, "roads")]),
    ("The 64-year-old general and his aide, aged 41, were arrested.",
     [("64-year-old", 64.0, "years (age)"), ("aged 41", 41.0, "years (age)")]),
    ("The report counted 2,930 homes.", [("2,930 homes", 2930.0, "homes")]),
    ("Twenty-five soldiers and a dozen civilians were wounded.",
     [("Twenty-five soldiers", 25.0, "soldiers"), ("a dozen civilians", 12.0, "civilians")]),
    ("The plant produced 5,000 tonnes of steel in 2011.", [("5,000 tonnes", 5000.0, "tonnes")]),
    ("Call +44 20 7946 0958 before the 3rd round.", []),
    ("The firm lost £3m.", [("£3m", 3e6, "GBP")]),
    ("Half a million people signed the petition.",
     [("Half a million people", 5e5, "people")]),
    ("The loan of 1.5 billion dollars was repaid.",
     [("1.5 billion dollars", 1.5e9, "USD")]),
    ("The ceasefire was signed on 2022-08-14 and renewed on 06.11.2023.", []),
]


@pytest.mark.parametrize("text,expected", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_sentences(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert found(text) == expected


def test_vague_amounts_are_left_out() -> None:
    texts = [q[0] for q in found(
        "A few hundred kilometres separate the ports, and tens of thousands have fled.")]
    assert not any("hundred" in t or "thousands" in t for t in texts)


@pytest.mark.parametrize("phrase,value", [
    ("2,930", 2930.0), ("1.5 million", 1.5e6), ("about 40", 40.0), ("twenty-five", 25.0),
    ("a dozen", 12.0), ("two hundred and five", 205.0), ("Two and a half thousand", 2500.0),
    ("half a million", 5e5), ("one and a half", 1.5), ("between 10 and 20", 10.0),
    ("nine", 9.0), ("ninety-nine", 99.0), ("3 billion", 3e9),
])
def test_read_number(phrase: str, value: float) -> None:
    number = read_number(phrase)
    assert number is not None and number.value == value


@pytest.mark.parametrize("phrase", ["a few hundred", "tens of thousands", "dozens", "several",
                                    "half", "many"])
def test_read_number_vague(phrase: str) -> None:
    assert read_number(phrase) is None


def test_money_scales_only_with_money() -> None:
    assert read_number("5.2bn", money=True).value == 5.2e9  # type: ignore[union-attr]
    assert read_number("12m", money=True).value == 12e6  # type: ignore[union-attr]
    assert read_number("12m").value == 12.0  # type: ignore[union-attr]  (metres, maybe)


def test_currency() -> None:
    assert currency("C$40 million") == "CAD"
    assert currency("US$40") == "USD"
    assert currency("500 million Kenyan shillings") == "KES"
    assert currency("200 dinars") == "dinar"
    assert currency("EUR 50 million") == "EUR"
    assert currency("5 pounds", money=False) is None


def test_parse_digits() -> None:
    assert parse_digits("1,500,000") == 1_500_000
    assert parse_digits("1.500.000") == 1_500_000
    assert parse_digits("3.75") == 3.75
    assert parse_digits("06.11.2023") is None


def test_seed(seed_text: str) -> None:
    dossier = newstrace.analyze(seed_text, content_type="text", options=OPTIONS)
    quantities = {q.span.text: (q.value, q.unit) for q in dossier.quantities}
    assert quantities["about 40 percent"] == (40.0, "percent")
    assert quantities["79-year-old"] == (79.0, "years (age)")
    assert not any("hundred" in text for text in quantities)
    assert not any(q.value == 2011 for q in dossier.quantities)
    for q in dossier.quantities:
        assert dossier.text[q.span.start:q.span.end] == q.span.text
