"""The public functions: analyze, analyze_many, the dossier's shape."""

from __future__ import annotations

import json

import pytest

import newstrace
from newstrace import errors
from newstrace.dossier import SCHEMA

SCRAPED = """Harbour strike ends after three weeks

Harbour strike ends after three weeks

Lisbon, Portugal 02.04.2024 | 11:20 | 812 views

Dock workers in Lisbon voted on Tuesday to end a three-week strike, the union said.

The agreement raises wages by six percent over two years.

Follow us on Telegram for more news
"""

CONTRACT_KEYS = {"schema", "id", "input", "metadata", "text", "removed", "entities", "quotes",
                 "sources", "events", "times", "quantities", "warnings"}
METADATA_KEYS = {"title", "subtitle", "publisher", "url", "published", "dateline",
                 "dateline_place", "authors", "language", "original_language", "tags", "views",
                 "comments", "links", "bylines"}


def test_to_dict_has_every_contract_field() -> None:
    data = newstrace.analyze(SCRAPED, content_type="text").to_dict()
    assert set(data) == CONTRACT_KEYS
    assert set(data["metadata"]) == METADATA_KEYS
    assert set(data["sources"]) == {"chain", "attributions"}
    assert data["schema"] == SCHEMA
    assert data["input"] == {"path": None, "url": None, "content_type": "text"}
    json.dumps(data)  # serialisable as it is


def test_auto_detects_text_and_html() -> None:
    assert newstrace.analyze(SCRAPED).input.content_type == "text"
    page = f"<html><body><article><h1>Title here</h1><p>{'Body sentence. ' * 30}</p></article></body></html>"
    assert newstrace.analyze(page).input.content_type == "html"


def test_caller_hints_win() -> None:
    dossier = newstrace.analyze(SCRAPED, content_type="text", url="https://news.example.pt/a/1",
                                published="2024-04-01")
    assert dossier.metadata.published == "2024-04-01"
    assert dossier.metadata.url == "https://news.example.pt/a/1"
    assert dossier.input.url == "https://news.example.pt/a/1"


def test_publisher_from_url_when_the_page_names_none() -> None:
    text = SCRAPED.replace("Follow us on Telegram for more news\n", "")
    dossier = newstrace.analyze(text, content_type="text", url="https://www.lisbon-daily.example/x")
    assert dossier.metadata.publisher == "lisbon-daily.example"


def test_unknown_content_type_is_a_config_error() -> None:
    with pytest.raises(errors.ConfigError, match="content_type"):
        newstrace.analyze("text", content_type="pdf")


def test_wrong_content_object_is_a_config_error() -> None:
    with pytest.raises(errors.ConfigError, match="str or bytes"):
        newstrace.analyze(12345)  # type: ignore[arg-type]


def test_later_fields_are_present_and_empty() -> None:
    data = newstrace.analyze("A short plain text about nothing much.", content_type="plain").to_dict()
    for key in ("entities", "quotes", "events", "times", "quantities", "warnings"):
        assert isinstance(data[key], list)


def test_analyze_many_keeps_order_and_reports_bad_inputs() -> None:
    inputs = ["First article text about a harbour.", "", "Third article text about a bridge."]
    out = list(newstrace.analyze_many(inputs, content_type="plain", on_error="return"))
    assert out[0].text == inputs[0]
    assert isinstance(out[1], errors.EmptyInputError)
    assert out[2].text == inputs[2]


def test_analyze_many_raises_by_default() -> None:
    with pytest.raises(errors.EmptyInputError):
        list(newstrace.analyze_many(["fine text", ""], content_type="plain"))


def test_analyze_many_matches_analyze_in_parallel() -> None:
    inputs = [SCRAPED.replace("Lisbon", city) for city in ("Lisbon", "Porto", "Faro", "Braga")]
    serial = [newstrace.analyze(i, content_type="text").to_dict() for i in inputs]
    parallel = [d.to_dict() for d in newstrace.analyze_many(inputs, content_type="text", n_process=2)]
    assert parallel == serial
