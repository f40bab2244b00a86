"""The same-story scorer (newstrace.evaluate.samestory) on hand-made clusterings."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newstrace.errors import EvaluationError
from newstrace.evaluate import samestory
from newstrace.evaluate.samestory import (
    baseline_clusters,
    baseline_vectors,
    read_documents,
    score_clustering,
    score_topics,
)

# Topic 1: sub-topics 1a (two documents) and 1b (one); topic 2: sub-topic 2c (two).
SUBTOPICS = ["1a", "1a", "1b", "2c", "2c"]
TOPICS = [1, 1, 1, 2, 2]


def test_perfect_clustering() -> None:
    score = score_clustering([[0, 1], [2], [3, 4]], SUBTOPICS, TOPICS)
    assert score.pairwise.precision == score.pairwise.recall == score.pairwise.f1 == 1.0
    assert score.b3_precision == score.b3_recall == score.b3_f1 == 1.0
    assert score.hard_rate == 0.0 and score.cross_rate == 0.0
    assert (score.documents, score.groups) == (5, 3)
    # All pairs: 10; same story 2; same topic, other story 2 (0-2, 1-2); other topics 6.
    assert (score.hard_pairs, score.cross_pairs) == (2, 6)


def test_hard_pairs_merged_by_hand() -> None:
    score = score_clustering([[0, 1, 2], [3], [4]], SUBTOPICS, TOPICS)
    # Pairs put together: 0-1 (right), 0-2 and 1-2 (same topic, other story).
    assert (score.pairwise.tp, score.pairwise.fp, score.pairwise.fn) == (1, 2, 1)
    assert score.pairwise.precision == pytest.approx(1 / 3)
    assert score.pairwise.recall == pytest.approx(1 / 2)
    # B3 precision: 2/3, 2/3, 1/3, 1, 1; recall: 1, 1, 1, 1/2, 1/2.
    assert score.b3_precision == pytest.approx(11 / 15)
    assert score.b3_recall == pytest.approx(4 / 5)
    assert score.b3_f1 == pytest.approx(2 * (11 / 15) * 0.8 / (11 / 15 + 0.8))
    assert (score.hard_merged, score.hard_pairs, score.hard_rate) == (2, 2, 1.0)
    assert score.cross_merged == 0


def test_everything_in_one_group() -> None:
    score = score_clustering([[0, 1, 2, 3, 4]], SUBTOPICS, TOPICS)
    assert score.pairwise.precision == pytest.approx(2 / 10) and score.pairwise.recall == 1.0
    assert score.hard_rate == 1.0 and score.cross_rate == 1.0
    assert score.cross_merged == 6
    assert score.b3_recall == 1.0
    assert score.b3_precision == pytest.approx((2 / 5 + 2 / 5 + 1 / 5 + 2 / 5 + 2 / 5) / 5)


def test_every_document_alone() -> None:
    score = score_clustering([[i] for i in range(5)], SUBTOPICS, TOPICS)
    assert score.pairwise.precision == 0.0 and score.pairwise.recall == 0.0
    assert score.pairwise.f1 == 0.0
    assert score.b3_precision == 1.0
    assert score.b3_recall == pytest.approx((1 / 2 + 1 / 2 + 1 + 1 / 2 + 1 / 2) / 5)
    assert score.hard_rate == 0.0 and score.cross_rate == 0.0


def test_a_cross_topic_merge() -> None:
    score = score_clustering([[0, 1, 3, 4], [2]], SUBTOPICS, TOPICS)
    assert score.cross_merged == 4 and score.cross_rate == pytest.approx(4 / 6)
    assert score.hard_merged == 0
    as_dict = score.as_dict()
    assert as_dict["cross_topic_pairs_merged"] == 4
    assert as_dict["pairwise"]["tp"] == 2 and as_dict["pairwise"]["fp"] == 4


def test_per_topic_scores_cut_the_groups_down() -> None:
    topics = score_topics([[0, 1, 3, 4], [2]], SUBTOPICS, TOPICS)
    assert list(topics) == [1, 2]
    first, second = topics[1], topics[2]
    assert first.score.documents == 3 and first.score.groups == 2
    assert first.score.pairwise.f1 == 1.0 and first.score.hard_rate == 0.0
    assert first.outside_merged == 4 and second.outside_merged == 4
    assert second.score.b3_f1 == 1.0
    assert first.as_dict()["pairs_merged_with_other_topics"] == 4


@pytest.mark.parametrize("clusters", [[[0, 1], [2], [3]], [[0, 1, 2], [2, 3, 4]], [[0, 1, 2, 3, 9]]])
def test_not_a_partition_is_an_error(clusters) -> None:
    with pytest.raises(EvaluationError):
        score_clustering(clusters, SUBTOPICS, TOPICS)


def test_a_subtopic_in_two_topics_is_an_error() -> None:
    with pytest.raises(EvaluationError, match="two topics"):
        score_clustering([[0, 1]], ["x", "x"], [1, 2])


def test_reading_documents() -> None:
    lines = ['{"doc": "1_1ecb", "topic": 1, "subtopic": "1_ecb", "text": "A b ."}', "",
             '{"doc": "1_1ecbplus", "topic": 1, "subtopic": "1_ecbplus", "text": "C d ."}']
    documents = read_documents(lines)
    assert [(d.doc, d.topic, d.subtopic, d.text) for d in documents] == [
        ("1_1ecb", 1, "1_ecb", "A b ."), ("1_1ecbplus", 1, "1_ecbplus", "C d .")]
    with pytest.raises(EvaluationError, match="line 2"):
        read_documents(['{"doc": "x", "topic": 1, "subtopic": "s", "text": ""}', '{"doc": 1}'])


def test_baseline_groups_by_words() -> None:
    texts = ["Volcano erupts on Iceland peninsula, lava flows toward town",
             "Lava flows toward town as volcano erupts on Iceland peninsula",
             "Central bank raises interest rates to fight inflation",
             "Inflation prompts central bank to raise interest rates again"]
    cosines = baseline_vectors(texts)
    assert cosines[0, 0] == pytest.approx(1.0)
    assert cosines[0, 1] > 0.9 and cosines[0, 2] == 0.0
    assert baseline_clusters(texts) == [[0, 1], [2, 3]]
    assert baseline_clusters(texts, threshold=1.01) == [[0], [1], [2], [3]]


def write_data(folder: Path, records: list[dict]) -> None:
    with gzip.open(folder / samestory.DATA_FILE, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")


def test_evaluate_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report, with canned dossiers and groups in place of the analysis."""
    records = [{"doc": f"d{i}", "topic": t, "subtopic": s, "text": f"text {i}"}
               for i, (s, t) in enumerate(zip(SUBTOPICS, TOPICS))]
    write_data(tmp_path, records)

    def analyze(texts: list[str]):
        return [None if t == "text 2" else {"text": t} for t in texts], 0.5

    seen = []

    def cluster(dossiers):
        seen.extend(dossiers)
        return [[0, 1], [2], [3, 4]]

    monkeypatch.setattr(samestory, "analyze_batch", analyze)
    monkeypatch.setattr(samestory, "cluster_stories", cluster)
    report = samestory.evaluate_samestory(tmp_path)
    assert (report.documents, report.topics, report.subtopics, report.failures) == (5, 2, 3, 1)
    assert seen[2] == {} and seen[0] == {"text": "text 0"}   # a failure is an empty dossier
    ours = report.systems["newstrace"]
    assert ours.overall.b3_f1 == 1.0 and ours.overall.pairwise.f1 == 1.0
    assert "tfidf-baseline" in report.systems
    as_dict = report.as_dict()
    assert as_dict["newstrace"]["per_topic"]["1"]["b3"]["f1"] == 1.0
    assert as_dict["analysis_seconds"] == 0.5
    overall, per_topic = report.tables()
    assert overall.rows[0][0] == "newstrace" and len(overall.rows) == 2
    assert [row[0] for row in per_topic.rows] == ["1", "2"]
    assert len(per_topic.columns) == len(per_topic.rows[0])


def test_limit_takes_an_even_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"doc": f"d{i}", "topic": 1 + i % 2, "subtopic": f"{1 + i % 2}_{i % 4}",
                "text": f"text {i}"} for i in range(8)]
    write_data(tmp_path, records)
    monkeypatch.setattr(samestory, "analyze_batch", lambda texts: ([{} for _ in texts], 0.0))
    report = samestory.evaluate_samestory(tmp_path, limit=4)
    assert report.documents == 4 and report.docs == ["d0", "d2", "d4", "d6"]


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=samestory.DATA_FILE):
        samestory.evaluate_samestory(tmp_path)


# The mixed feed: ECB+ documents 0-4 (as above), then pages 5-8 of a real crawl.
PAGES = ["a.html.gz | A", "b.html.gz | B", "c.html.gz | C", "d.html.gz | D"]


@pytest.mark.parametrize("clusters, in_stories, with_ecb, page_groups", [
    # every page alone: nothing to hand-check
    ([[0, 1], [2], [3, 4], [5], [6], [7], [8]], 0, 0, []),
    # a page pulled into an ECB+ story, and two pages made a story of their own
    ([[0, 1, 5], [2], [3, 4], [6, 8], [7]], 3, 1, [["b.html.gz | B", "d.html.gz | D"]]),
    # everything in one group: every page is with ECB+ documents
    ([[0, 1, 2, 3, 4, 5, 6, 7, 8]], 4, 4, []),
])
def test_feed_pages_put_into_stories_are_counted(clusters, in_stories, with_ecb, page_groups) -> None:
    feed = samestory.score_feed(clusters, 5, PAGES)
    assert (feed.pages, feed.in_stories, feed.with_ecb, feed.page_groups) == (4, in_stories, with_ecb, page_groups)
    assert feed.page_pairs == sum(len(g) * (len(g) - 1) // 2 for g in page_groups)
    ecb = samestory.ecb_part(clusters, 5)
    assert sorted(i for g in ecb for i in g) == [0, 1, 2, 3, 4]
    assert score_clustering(ecb, SUBTOPICS, TOPICS).documents == 5


def test_a_feed_folder_without_pages_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="html"):
        samestory.feed_paths(tmp_path)
