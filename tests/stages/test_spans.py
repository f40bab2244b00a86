"""Every span in a dossier covers exactly the text it claims, whatever the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newstrace
from newstrace.dossier import Span, iter_span_dicts
from newstrace.errors import InputError

WORDS = st.sampled_from([
    "Moscow", "Libya", "said", "the", "minister", "“quoted”", "NATO", "2011", "06 Nov. 2023",
    "Follow us on Telegram", "Tags: a, b", "NEXT Story", "Jonathan", "Winer", "40 percent",
    "\n", "\n\n", "  ", "—", "«", "»", "é", "\u200b", "z̧", "🙂", ".", ",",
])
ARTICLES = st.lists(WORDS, min_size=1, max_size=120).map(" ".join)


def assert_spans_valid(dossier: newstrace.Dossier) -> None:
    text = dossier.text
    for span in dossier.spans():
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text
    for span in iter_span_dicts(dossier.to_dict()):
        assert text[span["start"]:span["end"]] == span["text"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES, st.sampled_from(["text", "plain", "auto"]))
def test_spans_match_text(content: str, content_type: str) -> None:
    try:
        dossier = newstrace.analyze(content, content_type=content_type)
    except InputError:
        return  # refused with a clear error: allowed, and nothing to check
    assert_spans_valid(dossier)
    if content_type == "plain":
        assert dossier.text == content


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(content: str) -> None:
    try:
        dossier = newstrace.analyze(content)
    except InputError:
        return
    assert_spans_valid(dossier)


def test_span_of_takes_its_text_from_the_source() -> None:
    assert Span.of("Moscow and Libya", 11, 16) == Span(11, 16, "Libya")
