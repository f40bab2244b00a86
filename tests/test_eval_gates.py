"""Quality gates: fixed samples of ../shared/eval scored with floors, so that a change
that loses accuracy fails the test run. Full runs are `newstrace eval TASK`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import shared_path

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())

pytestmark = [pytest.mark.slow, pytest.mark.eval]


def test_extraction_gate() -> None:
    from newstrace.evaluate.extraction import evaluate_extraction

    gate = BASELINE["extraction"]
    report = evaluate_extraction(shared_path("eval", "extraction"), limit=gate["sample"], workers=2)
    ours, baseline = report.systems["newstrace"], report.systems["trafilatura"]
    assert ours.failures == 0
    assert ours.f1 >= gate["floors"]["f1"]
    assert ours.f1 >= baseline.f1, "body F1 must be at least plain trafilatura's on the same pages"
    for name in ("title", "date", "author"):
        assert ours.meta_accuracy(name) >= gate["floors"][f"{name}_accuracy"], name


def test_ner_gate() -> None:
    from newstrace.evaluate.ner import evaluate_ner

    gate = BASELINE["ner"]
    report = evaluate_ner(shared_path("eval", "ner"), limit=gate["sample"], workers=2)
    ours, baseline = report.systems["newstrace"], report.systems["spacy"]
    assert ours.failures == 0
    # Every CoNLL document has gold entities: one with none predicted was not parsed at all.
    assert ours.zero_entity_docs == 0, "documents left without entities (NLP skipped?)"
    assert ours.f1 >= gate["floors"]["f1"]
    assert ours.f1 >= baseline.f1 - 0.005, "F1 must be at least the bare spaCy model's"
