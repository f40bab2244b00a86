"""The dossier contract's invariants on random input (Hypothesis).

Whatever the text (any Unicode, control characters, quotation marks left open, runs of
capitalised words, right-to-left and zero-width characters), `analyze` either gives a
dossier that keeps the contract, or refuses the input with one of newstrace's
`InputError`s, and only for a reason the input shows (nothing in it, binary data, no
article text left once boilerplate is removed); never with another exception, and
never with `AnalysisError` (a stage that failed: a bug).

The contract (docs/dossier.md): every span lies within `text` and covers exactly its
text; ids are unique and every reference to an entity, an attribution or a quote names
one that exists; `to_dict()` is plain JSON that reads back the same; the same input
gives the same dossier.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newstrace
from newstrace.dossier import Dossier, iter_span_dicts
from newstrace.errors import (
    AnalysisError,
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    NoContentError,
)

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NAMES = st.sampled_from([
    "Ana Costa", "Brandt Okafor", "Lindqvist", "Moscow", "NATO", "the United Nations",
    "Jonathan Winer", "Kremlin", "Mr. Haftar", "Lisbon", "Porto City Council", "Reuters",
])
WORDS = st.sampled_from([
    "said", "the", "minister", "told", "on Monday", "in", "will", "meet", "attack", "agreed",
    "according to", "40 percent", "5 million euros", "06 Nov. 2023", "2011", "—", ",", ".",
    "Follow us on Telegram", "Tags: a, b", "NEXT Story", "By", "Advertisement",
])
MARKS = st.sampled_from(["“", "”", '"', "«", "»", "„", "‘", "’", "'", "「", "」"])
ODD = st.sampled_from([
    "\u200b", "\u200d", "\ufeff", "\u202e", "\u202d", "\u202c", "\u2028", "\u00a0", "\t",
    "\x00", "\x07", "\x1b", "\x7f", "\r", "\r\n", "\n", "\n\n", "z̧", "🙂", "قال", "אמר",
    "東京", "\ud7ff", "\U0001F1FA\U0001F1F8",
])
CAPITALISED = st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True)
PIECES = st.one_of(NAMES, WORDS, MARKS, ODD, CAPITALISED, st.text(max_size=12))
NEWSY = st.lists(PIECES, min_size=0, max_size=150).map(" ".join)
CONTENT_TYPES = st.sampled_from(["auto", "text", "plain", "html"])
VERBS = st.sampled_from(["met", "attacked", "signed an accord with", "criticised", "visited",
                         "threatened to sanction", "agreed to withdraw from", "praised"])
# English sentences of the shapes the extractors look for (events, quotes, attribution),
# with odd pieces strewn in: most of these parse, so every later stage runs.
SENTENCE = st.one_of(
    st.builds("{} {} {} on Monday.".format, NAMES, VERBS, NAMES),
    st.builds("{}We will {} {},{} said {}.".format, MARKS, VERBS, NAMES, MARKS, NAMES),
    st.builds("According to {}, {} {} {}.".format, NAMES, NAMES, VERBS, NAMES),
    st.builds("{} {} {}".format, CAPITALISED, CAPITALISED, CAPITALISED),
    ODD, MARKS,
)
STORIES = st.lists(SENTENCE, min_size=1, max_size=40).map(" ".join)

# Refusals and what each needs the input to show.
ALLOWED = (EmptyInputError, BinaryInputError, DecodeError, NoContentError)


def check_refusal(content: str | bytes, content_type: str, exc: InputError) -> None:
    assert not isinstance(exc, AnalysisError), f"a stage failed: {exc!r} <- {exc.__cause__!r}"
    assert isinstance(exc, ALLOWED), repr(exc)
    assert str(exc).strip() and "\n" not in str(exc)
    if isinstance(exc, EmptyInputError) and isinstance(content, str):
        assert not content.strip()
    if isinstance(content, str) and content.strip():
        assert not isinstance(exc, EmptyInputError)
    if content_type == "plain":
        assert not isinstance(exc, NoContentError), "plain text is kept as it is"


def check_contract(dossier: Dossier) -> dict[str, Any]:
    text = dossier.text
    for span in dossier.spans():
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start:span.end] == span.text, span
    data = dossier.to_dict()
    assert data["schema"] == "newstrace.dossier/1"
    assert data["id"].startswith("nt-")
    for span in iter_span_dicts(data):
        assert text[span["start"]:span["end"]] == span["text"]

    entity_ids = [e["id"] for e in data["entities"]]
    assert len(set(entity_ids)) == len(entity_ids)
    entities = set(entity_ids)
    for entity in data["entities"]:
        assert entity["name"], entity
        for mention in entity["mentions"]:
            assert mention["text"], mention
    quote_ids = [q["id"] for q in data["quotes"]]
    assert len(set(quote_ids)) == len(quote_ids)
    for quote in data["quotes"]:
        assert quote["speaker"] is None or quote["speaker"] in entities, quote
    claims = [a["id"] for a in data["sources"]["attributions"]]
    assert len(set(claims)) == len(claims)
    for claim in data["sources"]["attributions"]:
        assert claim["source_entity"] is None or claim["source_entity"] in entities, claim
    for link in data["sources"]["chain"]:
        assert link["entity"] is None or link["entity"] in entities, link
    event_ids = [e["id"] for e in data["events"]]
    assert len(set(event_ids)) == len(event_ids)
    for event in data["events"]:
        assert set(event["actors"]) <= entities, event
        assert set(event["targets"]) <= entities, event
        assert event["place"] is None or event["place"] in entities, event
        assert event["attribution"] is None or event["attribution"] in set(claims), event

    # Plain JSON that reads back the same.
    encoded = json.dumps(data, ensure_ascii=False)
    assert json.loads(encoded) == data
    return data


def analyse_twice(content: str | bytes, content_type: str) -> None:
    try:
        first = newstrace.analyze(content, content_type=content_type)
    except InputError as exc:
        check_refusal(content, content_type, exc)
        # The same input is refused the same way.
        try:
            newstrace.analyze(content, content_type=content_type)
        except InputError as again:
            assert type(again) is type(exc) and str(again) == str(exc)
        else:
            raise AssertionError("refused once, analysed the second time")
        return
    data = check_contract(first)
    if content_type == "plain" and isinstance(content, str):
        assert first.text == content
    second = newstrace.analyze(content, content_type=content_type)
    assert second.to_dict() == data, "the same input gave another dossier"


@SETTINGS
@given(st.text(max_size=600), CONTENT_TYPES)
def test_contract_on_any_unicode(content: str, content_type: str) -> None:
    analyse_twice(content, content_type)


@SETTINGS
@given(NEWSY, CONTENT_TYPES)
def test_contract_on_newsy_text(content: str, content_type: str) -> None:
    analyse_twice(content, content_type)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STORIES, CONTENT_TYPES)
def test_contract_on_stories(content: str, content_type: str) -> None:
    analyse_twice(content, content_type)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(NAMES, WORDS, MARKS), min_size=1, max_size=60))
def test_quotes_never_closed(parts: list[tuple[str, str, str]]) -> None:
    """Opening marks with no closing one, between names and speech verbs."""
    content = " ".join(f"{mark}{name} {word}" for name, word, mark in parts)
    analyse_twice(content, "text")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["auto", "text", "html"]))
def test_contract_on_any_bytes(content: bytes, content_type: str) -> None:
    analyse_twice(content, content_type)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                               "cp1252", "latin-1"]))
def test_encodings_of_newsy_text(content: str, encoding: str) -> None:
    data = content.encode(encoding, errors="replace")
    analyse_twice(data, "auto")
