"""The NER scorer (newstrace.evaluate.ner) on small hand-made CoNLL snippets."""

from __future__ import annotations

import gzip
from pathlib import Path
from types import SimpleNamespace

import pytest

from newstrace.errors import EvaluationError
from newstrace.evaluate import ner
from newstrace.evaluate.ner import (
    Document,
    align,
    compare,
    dossier_spans,
    iob_chunks,
    read_conll,
    spacy_spans,
    to_chunks,
)

SNIPPET = """\
-DOCSTART- -X- -X- O

Ana NNP B-NP B-PER
Lima NNP I-NP I-PER
visited VBD B-VP O
Porto NNP B-NP B-LOC
. . O O

The DT B-NP O
Blue NNP I-NP B-ORG
Herons NNPS I-NP I-ORG
won VBD B-VP O

-DOCSTART- -X- -X- O

Danish JJ B-NP B-MISC
ferries NNS I-NP O
"""


def documents() -> list[Document]:
    return read_conll(SNIPPET.splitlines())


def test_documents_sentences_and_text() -> None:
    first, second = documents()
    assert first.sentences == (("Ana", "Lima", "visited", "Porto", "."),
                               ("The", "Blue", "Herons", "won"))
    assert first.text == "Ana Lima visited Porto .\nThe Blue Herons won"
    assert second.text == "Danish ferries"


def test_gold_entities_are_numbered_through_the_document() -> None:
    first, second = documents()
    assert first.gold == {(0, 2, "PER"), (3, 4, "LOC"), (6, 8, "ORG")}
    assert second.gold == {(0, 1, "MISC")}


def test_offsets_point_at_the_tokens() -> None:
    first = documents()[0]
    text = first.text
    tokens = [t for sentence in first.sentences for t in sentence]
    assert [text[s:e] for s, e in first.offsets()] == tokens


def test_iob2_chunks() -> None:
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "O"]
    assert iob_chunks(tags) == {(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC")}
    assert iob_chunks(["O", "B-ORG"], first=10) == {(11, 12, "ORG")}


def test_stray_inside_tag_starts_an_entity_as_in_conlleval() -> None:
    assert iob_chunks(["O", "I-MISC", "I-MISC"]) == {(1, 3, "MISC")}
    assert iob_chunks(["B-PER", "I-ORG"]) == {(0, 1, "PER"), (1, 2, "ORG")}


def test_bad_tag_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError):
        iob_chunks(["X-PER"])
    with pytest.raises(EvaluationError):
        read_conll(["lonely"])


def test_alignment_to_overlapped_tokens() -> None:
    offsets = documents()[0].offsets()  # "Ana Lima visited Porto .\nThe Blue Herons won"
    assert align(0, 8, offsets) == (0, 2)        # "Ana Lima"
    assert align(4, 8, offsets) == (1, 2)        # "Lima"
    assert align(1, 6, offsets) == (0, 2)        # "na Li": partial tokens count
    assert align(25, 40, offsets) == (5, 8)      # "The Blue Herons"
    assert align(3, 4, offsets) is None          # the space between two tokens
    assert align(22, 26, offsets) == (4, 6)      # " .\nT": across the sentence break


def test_strict_matching_counts_per_type() -> None:
    gold = {(0, 2, "PER"), (3, 4, "LOC"), (6, 8, "ORG")}
    predicted = {
        (0, 2, "PER"),   # right
        (3, 4, "ORG"),   # right span, wrong type: a false positive and a false negative
        (5, 8, "ORG"),   # "The Blue Herons": wrong boundary
        (9, 10, "MISC"),
    }
    counts = compare(gold, predicted)
    assert (counts["PER"].tp, counts["PER"].fp, counts["PER"].fn) == (1, 0, 0)
    assert (counts["LOC"].tp, counts["LOC"].fp, counts["LOC"].fn) == (0, 0, 1)
    assert (counts["ORG"].tp, counts["ORG"].fp, counts["ORG"].fn) == (0, 2, 1)
    assert (counts["MISC"].tp, counts["MISC"].fp, counts["MISC"].fn) == (0, 1, 0)
    total = ner.PRF()
    for score in counts.values():
        total.add(score)
    assert (total.tp, total.fp, total.fn) == (1, 3, 2)
    assert total.precision == pytest.approx(0.25)
    assert total.recall == pytest.approx(1 / 3)


def test_repeated_mentions_count_once() -> None:
    offsets = documents()[0].offsets()
    chunks = to_chunks([(0, 8, "PER"), (0, 8, "PER"), (3, 4, "LOC")], offsets)
    assert chunks == {(0, 2, "PER")}


def test_dossier_types_are_mapped() -> None:
    def entity(kind: str, *spans: tuple[int, int]):
        return SimpleNamespace(type=kind, mentions=[SimpleNamespace(start=s, end=e)
                                                    for s, e in spans])

    dossier = SimpleNamespace(entities=[
        entity("PERSON", (0, 8), (4, 8)), entity("GPE", (17, 22)), entity("FAC", (30, 31)),
        entity("ORG", (29, 40)), entity("NORP", (1, 2)), entity("EVENT", (2, 3)),
        entity("OTHER", (3, 4)),
    ])
    assert dossier_spans(dossier) == [
        (0, 8, "PER"), (4, 8, "PER"), (17, 22, "LOC"), (30, 31, "LOC"), (29, 40, "ORG"),
        (1, 2, "MISC"), (2, 3, "MISC"), (3, 4, "MISC"),
    ]


def test_spacy_labels_are_mapped_and_numbers_dropped() -> None:
    labels = ["PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART",
              "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL",
              "CARDINAL"]
    doc = SimpleNamespace(ents=[SimpleNamespace(start_char=i, end_char=i + 1, label_=label)
                                for i, label in enumerate(labels)])
    assert [kind for _, _, kind in spacy_spans(doc)] == [
        "PER", "LOC", "LOC", "LOC", "ORG", "MISC", "MISC", "MISC", "MISC", "MISC", "MISC"]


def test_the_two_mappings_agree() -> None:
    from newstrace.stages.entities import LABELS

    for spacy_label, dossier_type in LABELS.items():
        assert ner.SPACY_LABELS[spacy_label] == ner.DOSSIER_TYPES[dossier_type], spacy_label


def test_evaluate_ner_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's counts, with canned predictions in place of both systems."""
    with gzip.open(tmp_path / ner.DATA_FILE, "wt", encoding="utf-8") as handle:
        handle.write(SNIPPET)

    def predict(texts: list[str]):
        canned = {
            "Ana Lima visited Porto .\nThe Blue Herons won": (
                [(0, 8, "PER"), (17, 22, "LOC"), (25, 40, "ORG")], [(0, 3, "PER")]),
            "Danish ferries": ([], [(0, 6, "MISC")]),
        }
        ours = [ner.Prediction(canned[t][0], "en") for t in texts]
        bare = [ner.Prediction(canned[t][1]) for t in texts]
        return {"newstrace": (ours, 1.0), "spacy": (bare, 2.0)}

    monkeypatch.setattr(ner, "predict_batch", predict)
    report = ner.evaluate_ner(tmp_path)
    assert (report.documents, report.gold_entities) == (2, 4)
    ours, bare = report.systems["newstrace"], report.systems["spacy"]
    assert (ours.overall.tp, ours.overall.fp, ours.overall.fn) == (2, 1, 2)
    assert ours.per_type["ORG"].fp == 1 and ours.per_type["MISC"].fn == 1
    assert ours.zero_entity_docs == 1 and bare.zero_entity_docs == 0
    assert (bare.overall.tp, bare.overall.fp, bare.overall.fn) == (1, 1, 3)
    assert ours.seconds == 1.0 and bare.seconds == 2.0
    assert report.as_dict()["newstrace"]["per_type"]["PER"]["f1"] == 1.0
    assert report.results[0].predicted["newstrace"] == {(0, 2, "PER"), (3, 4, "LOC"),
                                                        (5, 8, "ORG")}


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=ner.DATA_FILE):
        ner.evaluate_ner(tmp_path)
