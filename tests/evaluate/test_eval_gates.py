"""Quality gates: fixed samples of ../shared/eval scored with floors, so that a change
that loses accuracy fails the test run. Full runs are `newstrace eval TASK`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import shared_path

BASELINE = json.loads((Path(__file__).parents[1] / "eval_baseline.json").read_text())

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


def test_whole_page_gate() -> None:
    # The text mode on whole-page scraped text (issue 18): menus, teasers and footers out.
    from newstrace.evaluate.extraction import evaluate_extraction

    gate = BASELINE["whole_page"]
    report = evaluate_extraction(shared_path("eval", "extraction"), limit=gate["sample"], workers=2,
                                 whole_page=True)
    ours, everything = report.systems["newstrace"], report.systems["keep-everything"]
    assert ours.failures == 0
    assert ours.f1 >= gate["floors"]["f1"] and ours.recall >= gate["floors"]["recall"]
    assert ours.f1 >= everything.f1 + gate["floors"]["over_keep_everything"]
    assert ours.meta_accuracy("title") >= gate["floors"]["title_accuracy"]


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


def test_quotes_gate() -> None:
    # NOTE: the floors in eval_baseline.json["quotes"] are all 0.0, set before the quote
    # and attribution stages existed. The lead raises them (measured less a small margin)
    # when the stages land; until then this gate checks only that the run is complete.
    from newstrace.evaluate.quotes import evaluate_quotes

    gate = BASELINE["quotes"]
    report = evaluate_quotes(shared_path("eval", "quotes"), split=gate["split"],
                             limit=gate["sample"], workers=2)
    assert report.failures == 0
    assert report.articles == gate["sample"], "the scorer did not run over every sampled article"
    assert report.overall.gold == gate["gold_attributions"], "gold changed: data or BRAT reading"
    assert report.direct.gold == gate["gold_direct"]
    figures = {
        "f1": report.overall.content.f1,
        "source_accuracy": report.overall.source_accuracy,
        "source_accuracy_no_pronoun": report.overall.source_accuracy_no_pronoun,
        "cue_accuracy": report.overall.cue_accuracy,
        "direct_f1": report.direct.content.f1,
        "direct_source_accuracy": report.direct.source_accuracy,
        "direct_cue_accuracy": report.direct.cue_accuracy,
    }
    for name, floor in gate["floors"].items():
        assert figures[name] >= floor, f"{name} {figures[name]:.4f} < floor {floor}"


def test_geo_gate() -> None:
    # Floors (and the AUC ceiling) from eval_baseline.json["geo"]; the run must also be
    # complete: every sampled article scored, none failed, the gold read as before.
    from newstrace.evaluate.geo import OVERALL, evaluate_geo

    gate = BASELINE["geo"]
    report = evaluate_geo(shared_path("eval", "geo"), limit=gate["sample"], workers=2)
    counts = report.counts[OVERALL]
    assert counts.articles == gate["sample"], "the scorer did not run over every sampled article"
    assert {label: report.counts[label].gold for label in gate["gold"]} == gate["gold"], \
        "gold changed: data or XML reading"
    assert counts.unaligned == 0, "gold names not found at (or near) their offsets"
    ours = report.overall["newstrace"]
    assert ours.failures == 0, f"{ours.failures} sampled article(s) failed in newstrace"
    figures = {
        "exact_f1": ours.exact.f1,
        "overlap_f1": ours.overlap.f1,
        "accuracy_161": ours.accuracy_161,
        "end_to_end_accuracy_161": ours.end_to_end_161,
    }
    for name, floor in gate["floors"].items():
        assert figures[name] >= floor, f"{name} {figures[name]:.4f} < floor {floor}"
    assert ours.auc <= gate["ceilings"]["auc"], f"AUC {ours.auc:.4f} > {gate['ceilings']['auc']}"


def test_events_gate() -> None:
    # All 161 records of the PLOVER dev half (about 20 s with two workers). Floors from
    # eval_baseline.json["events"]: the whole set and its fold B, the half never tuned on
    # (evaluate.common.two_folds), and micro precision, which precision-first coding holds.
    from newstrace.evaluate.events import evaluate_events

    gate = BASELINE["events"]
    report = evaluate_events(shared_path("eval", "events"), limit=gate["sample"], workers=2)
    assert report.failures == 0, f"{report.failures} sentence(s) failed in newstrace"
    assert report.records == gate["sample"], "the scorer did not run over every record"
    assert report.original_counts == gate["gold"], "gold changed: data or JSON reading"
    figures = {**report.headline(),
               **{f"fold_b.{k}": v for k, v in report.folds["B"].headline().items()}}
    for name, floor in gate["floors"].items():
        assert figures[name] >= floor, f"{name} {figures[name]:.4f} < floor {floor}"


def test_samestory_gate() -> None:
    # All 496 documents of ECB+ DEV (about a minute with two workers). Floors from
    # eval_baseline.json["samestory"] (measured less about 0.015; the false-merge rates
    # have ceilings, measured plus a margin); the bar is B3 F1 >= 0.90 with at
    # most 10% of hard pairs merged. The TF-IDF baseline runs on the same texts: it must
    # reproduce its recorded figure (it depends on the data alone) and stay below ours.
    from newstrace.evaluate.samestory import evaluate_samestory

    gate = BASELINE["samestory"]
    report = evaluate_samestory(shared_path("eval", "samestory"), limit=gate["sample"], workers=2,
                                feed=shared_path("eval", "extraction"), feed_limit=gate["feed"]["sample"])
    assert report.failures == 0
    assert (report.documents, report.topics, report.subtopics) == \
        (gate["sample"], gate["gold"]["topics"], gate["gold"]["subtopics"]), "data changed"
    ours, baseline = report.systems["newstrace"].overall, report.systems["tfidf-baseline"].overall
    assert ours.hard_pairs == gate["gold"]["hard_pairs"], "gold changed: data or reading"
    assert baseline.pairwise.f1 == pytest.approx(gate["measured"]["tfidf-baseline"]["pairwise_f1"],
                                                 abs=0.001), "the baseline moved: data changed?"
    figures = {"pairwise_f1": ours.pairwise.f1, "b3_f1": ours.b3_f1,
               "b3_precision": ours.b3_precision, "b3_recall": ours.b3_recall}
    for name, floor in gate["floors"].items():
        assert figures[name] >= floor, f"{name} {figures[name]:.4f} < floor {floor}"
    rates = {"hard_pair_false_merge_rate": ours.hard_rate,
             "cross_topic_false_merge_rate": ours.cross_rate}
    for name, ceiling in gate["ceilings"].items():
        assert rates[name] <= ceiling, f"{name} {rates[name]:.4f} > ceiling {ceiling}"
    assert ours.pairwise.f1 > baseline.pairwise.f1 and ours.hard_rate < baseline.hard_rate
    # A real crawl mixed in (issue 17): its pages belong to no story; few may be put in one.
    feed, ceilings = report.systems["newstrace"].feed, gate["feed"]["ceilings"]
    assert feed is not None and feed.pages == gate["feed"]["sample"]
    assert feed.in_stories <= ceilings["pages_in_stories"], feed.page_groups
    assert feed.with_ecb <= ceilings["pages_with_ecb"]
    assert report.systems["tfidf-baseline"].feed.in_stories > feed.in_stories
