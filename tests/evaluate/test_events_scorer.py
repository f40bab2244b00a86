"""The event scorer (newstrace.evaluate.events) on hand-made records and fake dossiers;
nothing here reads ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.dossier import Dossier, Entity, Event, InputInfo, Metadata, Span
from newstrace.errors import EvaluationError
from newstrace.evaluate.events import (
    PLOVER_TYPES,
    GoldRecord,
    PredictedEvent,
    Prediction,
    load_records,
    map_type,
    names_match,
    prediction_of,
    read_records,
    score_record,
    summarize,
    words,
)

HEADER = {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "a header, not an event"}


def raw(kind: str, text: str = "Freedonia and Sylvania agreed to talk.", source=None,
        target=None, **extra) -> dict:
    record = {"id": f"X-{kind}-{len(text)}", "event": kind, "text": text, **extra}
    if source is not None:
        record["source"] = [{"actorText": a, "code": "XXX"} for a in source]
    if target is not None:
        record["target"] = ([{"actorText": a, "code": "YYY"} for a in target]
                            if isinstance(target, list) else target)
    return record


def gold(kind: str, sources=(), targets=(), record_id: str = "r") -> GoldRecord:
    return GoldRecord(id=record_id, text="...", type=kind, original_type=kind,
                      sources=tuple(sources), targets=tuple(targets))


def event(kind: str, actors=(), targets=()) -> PredictedEvent:
    """A predicted event; each actor or target is a tuple of an entity's surface forms."""
    return PredictedEvent(kind, tuple(tuple(a) for a in actors), tuple(tuple(t) for t in targets))


def predicted(*events: PredictedEvent) -> Prediction:
    return Prediction(tuple(events))


# --- Gold records and the type mapping --------------------------------------------------


def test_the_2016_types_map_to_the_2021_list() -> None:
    assert map_type("DEMAND") == "REQUEST"
    assert map_type("DISAPPROVE") == "ACCUSE"
    assert map_type("INVESTIGATE") == "ACCUSE"
    assert map_type("FIGHT") == "ASSAULT"
    assert map_type("AGREE") == "AGREE"
    assert len(PLOVER_TYPES) == 16


def test_read_records_skips_the_header_and_maps_types() -> None:
    records = read_records([HEADER, raw("DEMAND", source=["Freedonia"], target=["Sylvania"]),
                            raw("FIGHT", text="Rebels shelled the town.", source=["Rebels"])])
    assert [r.type for r in records] == ["REQUEST", "ASSAULT"]
    assert [r.original_type for r in records] == ["DEMAND", "FIGHT"]
    assert records[0].sources == ("Freedonia",) and records[0].targets == ("Sylvania",)
    assert records[1].targets == ()


@pytest.mark.parametrize("target", ["", "diplomatic", None])
def test_a_target_that_is_not_a_list_of_actors_is_no_target(target) -> None:
    extra = {} if target is None else {"target": target}
    record = read_records([{"id": "a", "event": "AGREE", "text": "A and B agreed.",
                            "source": [{"actorText": "A"}], **extra}])[0]
    assert record.targets == ()


def test_read_records_refuses_unknown_types_and_missing_text() -> None:
    with pytest.raises(EvaluationError, match="unknown event type"):
        read_records([raw("PRAISE")])
    with pytest.raises(EvaluationError, match="lacks"):
        read_records([{"id": "a", "event": "AGREE"}])
    with pytest.raises(EvaluationError):
        read_records({"not": "a list"})


def test_load_records_needs_the_data_file(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="plover_gsr_dev.json"):
        load_records(tmp_path)
    (tmp_path / "plover_gsr_dev.json").write_text(json.dumps([HEADER, raw("AGREE")]))
    assert len(load_records(tmp_path)) == 1


# --- Names ------------------------------------------------------------------------------


def test_words_fold_case_drop_punctuation_possessives_and_a_leading_the() -> None:
    assert words("The United States") == {"united", "states"}
    assert words("U.S. negotiators") == {"us", "negotiators"}
    assert words("Freedonia's government") == {"freedonia", "government"}
    assert words("Greek-Cypriot ... leaders,") == {"greek", "cypriot", "leaders"}
    assert words("Other, the Rebels") == {"other", "the", "rebels"}   # only a leading "the"
    assert words("the") == set()


def test_names_match_when_one_word_set_contains_the_other() -> None:
    assert names_match("Sylvanian police", ["Sylvanian"])          # entity inside gold
    assert names_match("Sylvania", ["the Republic of Sylvania"])     # gold inside entity
    assert names_match("the UNITED STATES", ["United States"])
    assert names_match("U.S.", ["US"])
    assert not names_match("Sylvanian police", ["Freedonian police"])
    assert not names_match("the", ["the"])                            # empty word sets
    assert not names_match("Sylvania", [])


def entity(entity_id: str, name: str, aliases=(), mentions=(), text: str = "") -> Entity:
    spans = []
    for mention in mentions:
        start = text.index(mention)
        spans.append(Span.of(text, start, start + len(mention)))
    return Entity(id=entity_id, name=name, type="GPE", aliases=list(aliases), mentions=spans)


def test_prediction_of_a_dossier_gives_names_aliases_and_mention_texts() -> None:
    text = "Sylvanian troops shelled Freedonia; the Freedonians answered."
    dossier = Dossier(
        id="d", input=InputInfo(), metadata=Metadata(), text=text,
        entities=[entity("e1", "Sylvania", aliases=["Republic of Sylvania"],
                         mentions=["Sylvanian"], text=text),
                  entity("e2", "Freedonia", mentions=["Freedonians"], text=text)],
        events=[Event(id="v1", type="ASSAULT", evidence=Span.of(text, 0, 34),
                      actors=["e1"], targets=["e2", "e9"])])
    prediction = prediction_of(dossier)
    (only,) = prediction.events
    assert only.type == "ASSAULT"
    assert only.actors == (("Sylvania", "Republic of Sylvania", "Sylvanian"),)
    assert only.targets == (("Freedonia", "Freedonians"), ())   # e9 is unknown: no names
    # The gold "Sylvanian troops" is found through the mention text, "Freedonians" too.
    result = score_record(gold("ASSAULT", ["Sylvanian troops"], ["the Freedonians"]), prediction)
    assert result.source_ok and result.target_ok and result.triple_ok


def test_alias_matches_where_name_does_not() -> None:
    record = gold("REQUEST", ["Freedonian Liberation Front"])
    assert not score_record(record, predicted(event("REQUEST", [("FLF",)]))).source_ok
    assert score_record(record, predicted(
        event("REQUEST", [("FLF", "Freedonian Liberation Front")]))).source_ok


# --- One record -------------------------------------------------------------------------


def test_type_source_target_and_triple() -> None:
    record = gold("THREATEN", ["Sylvania"], ["Freedonia"])
    result = score_record(record, predicted(event("THREATEN", [("Sylvania",)], [("Freedonia",)])))
    assert (result.type_ok, result.source_ok, result.target_ok, result.triple_ok) == (
        True, True, True, True)
    swapped = score_record(record, predicted(
        event("THREATEN", [("Freedonia",)], [("Sylvania",)])))
    assert swapped.type_ok and not swapped.source_ok and not swapped.target_ok
    assert not swapped.triple_ok


def test_actors_count_only_on_events_of_the_gold_type() -> None:
    record = gold("ACCUSE", ["Sylvania"], ["Freedonia"])
    result = score_record(record, predicted(event("REJECT", [("Sylvania",)], [("Freedonia",)])))
    assert not result.type_ok and result.source_ok is False and result.target_ok is False
    assert result.source_any_type_ok is True          # found, under another type
    assert not result.triple_ok


def test_the_triple_needs_one_event_with_both_roles() -> None:
    record = gold("ASSAULT", ["Sylvania"], ["Freedonia"])
    split = predicted(event("ASSAULT", [("Sylvania",)], [("Ruritania",)]),
                      event("ASSAULT", [("Ruritania",)], [("Freedonia",)]))
    result = score_record(record, split)
    assert result.source_ok and result.target_ok and not result.triple_ok


def test_without_a_gold_target_the_triple_needs_type_and_source() -> None:
    record = gold("AGREE", ["Freedonia", "Sylvania"])
    result = score_record(record, predicted(event("AGREE", [("Sylvania",)], [("Freedonia",)])))
    assert result.target_ok is None
    assert result.source_ok and result.triple_ok     # ANY gold source is enough
    no_source = score_record(gold("ASSAULT", [], ["civilians"]),
                             predicted(event("ASSAULT", [], [("civilians",)])))
    assert no_source.source_ok is None and no_source.triple_ok


def test_a_failure_counts_as_no_event() -> None:
    result = score_record(gold("AGREE", ["A"]), Prediction((), failed=True))
    assert result.failed and not result.type_ok and not result.triple_ok


# --- The report -------------------------------------------------------------------------


def test_multi_label_macro_and_micro_f1() -> None:
    results = [
        # AGREE right, plus a spurious CONSULT.
        score_record(gold("AGREE", ["A"], record_id="1"),
                     predicted(event("AGREE", [("A",)]), event("CONSULT"))),
        # AGREE missed, REJECT predicted instead.
        score_record(gold("AGREE", ["A"], record_id="2"), predicted(event("REJECT"))),
        # REJECT right, twice the same type counts once for the sentence.
        score_record(gold("REJECT", ["B"], record_id="3"),
                     predicted(event("REJECT", [("B",)]), event("REJECT"))),
        # nothing at all
        score_record(gold("REJECT", ["B"], record_id="4"), predicted()),
    ]
    report = summarize(results)
    agree, reject, consult = (report.per_type[t].prf for t in ("AGREE", "REJECT", "CONSULT"))
    assert (agree.tp, agree.fp, agree.fn) == (1, 0, 1)
    assert (reject.tp, reject.fp, reject.fn) == (1, 1, 1)
    assert (consult.tp, consult.fp, consult.fn) == (0, 1, 0)
    assert report.gold_types == ["AGREE", "REJECT"]   # CONSULT is not in the macro average
    assert report.macro_f1 == pytest.approx((2 / 3 + 0.5) / 2)
    micro = report.micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 2)
    assert report.type_accuracy == 0.5
    assert report.per_type["REJECT"].predicted == 2 and report.per_type["REJECT"].gold == 2
    assert report.no_event == 1 and report.no_event_share == 0.25
    assert report.events == 5
    assert dict(report.per_type["AGREE"].confusion) == {"AGREE": 1, "CONSULT": 1, "REJECT": 1}
    assert dict(report.per_type["REJECT"].confusion) == {"REJECT": 1, "(none)": 1}


def test_many_types_and_the_accuracies_denominators() -> None:
    results = [
        score_record(gold("PROTEST", ["strikers"], ["the ministry"]),
                     predicted(event("PROTEST", [("strikers",)], [("Ministry",)]),
                               event("COERCE"), event("ASSAULT"))),
        score_record(gold("AGREE", ["A", "B"]), predicted(event("AGREE", [("B",)]))),
        score_record(gold("ASSAULT", [], ["villagers"]), predicted(event("ASSAULT"))),
    ]
    report = summarize(results)
    assert report.many_types == 1
    assert (report.source.right, report.source.total) == (2, 2)
    assert (report.target.right, report.target.total) == (1, 2)
    assert (report.triple.right, report.triple.total) == (2, 3)
    figures = report.as_dict()
    assert figures["gold_counts"] == {"AGREE": 1, "PROTEST": 1, "ASSAULT": 1}
    assert figures["confusion"]["PROTEST"] == {"PROTEST": 1, "COERCE": 1, "ASSAULT": 1}
    assert figures["target_accuracy"] == {"accuracy": 0.5, "right": 1, "of": 2}
    json.dumps(figures)
    titles = [table.title for table in report.tables()]
    assert len(titles) == 3
    for table in report.tables():
        assert all(len(row) == len(table.columns) for row in table.rows)


def test_an_empty_report_does_not_divide_by_zero() -> None:
    report = summarize([])
    assert report.macro_f1 == 0.0 and report.type_accuracy == 0.0
    assert report.no_event_share == 0.0
    report.tables()


# --- The command ------------------------------------------------------------------------


def test_eval_events_command(tmp_path: Path) -> None:
    records = [HEADER,
               raw("AGREE", "Freedonia and Sylvania agreed on Monday to reopen their border.",
                   source=["Freedonia", "Sylvania"], target=""),
               raw("DEMAND", "Sylvania demanded that Freedonia release the prisoners.",
                   source=["Sylvania"], target=["Freedonia"])]
    (tmp_path / "plover_gsr_dev.json").write_text(json.dumps(records))
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "events", "--data", str(tmp_path), "--workers", "1",
                                 "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["records"] == 2 and figures["failures"] == 0
    assert figures["gold_counts"] == {"AGREE": 1, "REQUEST": 1}
    assert figures["gold_counts_original"] == {"AGREE": 1, "DEMAND": 1}
    result = runner.invoke(app, ["eval", "events", "--data", str(tmp_path), "--workers", "1",
                                 "--limit", "1"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["eval", "events", "--data", str(tmp_path / "none")])
    assert result.exit_code != 0
