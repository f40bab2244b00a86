"""The quote/attribution scorer (newstrace.evaluate.quotes) on hand-made BRAT snippets and
fake dossiers; nothing here reads ../shared."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.dossier import (
    Attribution,
    Dossier,
    Entity,
    InputInfo,
    Metadata,
    Quote,
    Sources,
    Span,
)
from newstrace.errors import EvaluationError
from newstrace.evaluate import quotes
from newstrace.evaluate.quotes import (
    Article,
    GoldAttribution,
    Predicted,
    Score,
    Tokens,
    inside_quotes,
    jaccard,
    load_articles,
    match,
    nearest_occurrence,
    parse_fragments,
    predictions_of,
    read_brat,
    score_article,
    source_routes,
)

TEXT = ('Mayor Ana Lima said the bridge would open in May. "We are ready for it," she added, '
        'and the works are, officials believe, nearly done. Lima also praised the builders.')


def at(needle: str, occurrence: int = 0, text: str = TEXT) -> tuple[int, int]:
    """The character span of the n-th occurrence of `needle` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def brat(needle: str, occurrence: int = 0, text: str = TEXT) -> str:
    start, end = at(needle, occurrence, text)
    return f"{start} {end}"


def span(needle: str, occurrence: int = 0, text: str = TEXT) -> Span:
    return Span.of(text, *at(needle, occurrence, text))


ANNOTATION = "\n".join([
    f"T1\tSource {brat('Mayor Ana Lima')}\tMayor Ana Lima",
    f"T2\tCue {brat('said')}\tsaid",
    f"T3\tContent {brat('the bridge would open in May')}\tthe bridge would open in May",
    f"T4\tAttribution {brat('said')}\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    f"T5\tSource {brat('she')}\tshe",
    f"T6\tCue {brat('added')}\tadded",
    f"T7\tContent {brat('\"We are ready for it,\"')}\t\"We are ready for it,\"",
    f"T8\tAttribution {brat('added')}\tadded",
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
    # discontinuous content around the cue, a source and no Source-less trigger
    f"T9\tContent {brat('the works are,')};{brat('nearly done')}\tthe works are, nearly done",
    f"T10\tSource {brat('officials')}\tofficials",
    f"T11\tCue {brat('believe')}\tbelieve",
    f"T12\tAttribution {brat('believe')}\tbelieve",
    "E3\tAttribution:T12 Content:T9 Cue:T11 Source:T10",
    # the mayor's Source (T1) shared by a second event
    f"T13\tCue {brat('praised')}\tpraised",
    f"T14\tContent {brat('the builders')}\tthe builders",
    f"T15\tAttribution {brat('praised')}\tpraised",
    "E4\tAttribution:T15 Content:T14 Cue:T13 Source:T1",
    # no content at all: skipped; Discuss and Discard are not attributions
    f"T16\tAttribution-no-source {brat('open')}\topen",
    "E5\tAttribution-no-source:T16",
    f"T17\tDiscuss {brat('Lima also')}\tLima also",
    f"T18\tDiscard {brat('bridge')}\tbridge",
    "E6\tDiscuss:T17",
    "#1\tAnnotatorNotes T3\ta note",
    "a continuation line of an annotation whose text held a newline",
])


def gold() -> list[GoldAttribution]:
    found, skipped = read_brat(ANNOTATION, TEXT)
    assert skipped == 1
    return found


def article(**changes) -> Article:
    return Article(**{"name": "a", "split": "dev", "text": TEXT, "annotation": "a_x.ann",
                      "gold": tuple(gold()), **changes})


def dossier(quotes_=(), attributions=(), entities=(), text: str = TEXT) -> Dossier:
    return Dossier(id="d", input=InputInfo(), metadata=Metadata(), text=text,
                   entities=list(entities), quotes=list(quotes_),
                   sources=Sources(attributions=list(attributions)))


# --- Gold ------------------------------------------------------------------------------


def test_parse_fragments() -> None:
    assert parse_fragments("0 15") == ((0, 15),)
    assert parse_fragments("20 25;3 9") == ((3, 9), (20, 25))
    for bad in ("0", "a b", "5 2", "1 2;"):
        with pytest.raises(EvaluationError):
            parse_fragments(bad)


def test_events_become_attributions() -> None:
    said, added, believe, praised = gold()
    assert [g.id for g in gold()] == ["E1", "E2", "E3", "E4"]
    assert said.content == (at("the bridge would open in May"),)
    assert said.source == (at("Mayor Ana Lima"),) and said.cue == (at("said"),)
    assert believe.content == (at("the works are,"), at("nearly done"))   # discontinuous
    assert praised.source == said.source                                  # shared Source
    assert [g.direct for g in gold()] == [False, True, False, False]
    assert [g.pronoun_source for g in gold()] == [False, True, False, False]


def test_content2_no_source_and_bad_references() -> None:
    annotation = "\n".join([
        f"T1\tContent {brat('the bridge')}\tthe bridge",
        f"T2\tContent {brat('would open in May')}\twould open in May",
        f"T3\tCue {brat('said')}\tsaid",
        f"T4\tAttribution-no-source {brat('said')}\tsaid",
        "E1\tAttribution-no-source:T4 Content:T1 Content2:T2 Cue:T3",
    ])
    [only], skipped = read_brat(annotation, TEXT)
    assert skipped == 0
    assert only.content == (at("the bridge"), at("would open in May"))
    assert only.source is None and not only.pronoun_source
    with pytest.raises(EvaluationError, match="T9"):
        read_brat(annotation + "\nE2\tAttribution:T4 Content:T9", TEXT)


def write_corpus(root: Path) -> Path:
    for split, name in (("train", "t1"), ("dev", "d1"), ("dev", "d2")):
        (root / split / "text").mkdir(parents=True, exist_ok=True)
        (root / split / "attributions").mkdir(parents=True, exist_ok=True)
        (root / split / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (root / split / "attributions" / f"{name}_bbbb.ann").write_text(ANNOTATION)
    # for d1 a first file by sorted name with a single attribution: it is the one used
    (root / "dev" / "attributions" / "d1_aaaa.ann").write_text("\n".join(ANNOTATION.split("\n")[:5]))
    return root


def test_load_articles_takes_the_first_annotation_by_name(tmp_path: Path) -> None:
    root = write_corpus(tmp_path)
    dev = load_articles(root, "dev")
    assert [(a.name, a.annotation, len(a.gold)) for a in dev] == [
        ("d1", "d1_aaaa.ann", 1), ("d2", "d2_bbbb.ann", 4)]
    assert [a.name for a in load_articles(root, "all")] == ["t1", "d1", "d2"]
    assert [a.split for a in load_articles(root, "train")] == ["train"]


def test_load_articles_errors(tmp_path: Path) -> None:
    root = write_corpus(tmp_path)
    with pytest.raises(EvaluationError, match="split"):
        load_articles(root, "test")
    with pytest.raises(EvaluationError, match="does not exist"):
        load_articles(tmp_path / "nowhere")
    (root / "dev" / "text" / "d3.txt").write_text(TEXT)
    with pytest.raises(EvaluationError, match="no annotation"):
        load_articles(root, "dev")


def test_texts_keep_carriage_returns(tmp_path: Path) -> None:
    root = write_corpus(tmp_path)
    (root / "train" / "text" / "t1.txt").write_bytes(b"Line one\r\nLine two")
    assert load_articles(root, "train")[0].text == "Line one\r\nLine two"


# --- Matching --------------------------------------------------------------------------


def test_tokens_are_words_overlapped() -> None:
    tokens = Tokens('He said: "No way."')
    assert tokens.of(((9, 17),)) == tokens.of(((10, 16),)) == {2, 3}   # quote marks don't count
    assert tokens.of(((4, 5),)) == {1}                                   # a cut word counts
    assert tokens.of(((8, 9),)) == set()


def test_jaccard_threshold_and_one_to_one_greedy() -> None:
    a, b = frozenset({1, 2, 3, 4}), frozenset({3, 4})
    assert jaccard(a, b) == 0.5 and jaccard(frozenset(), frozenset()) == 0.0
    gold_ = [frozenset({1, 2, 3, 4}), frozenset({5, 6})]
    predicted = [frozenset({1, 2}), frozenset({1, 2, 3, 4}), frozenset({7})]
    # both first predictions reach 0.5 with gold 0; the exact one wins, the other is unmatched
    assert match(gold_, predicted) == [(0, 1, 1.0)]
    assert match([frozenset({1, 2, 3})], [frozenset({1})]) == []        # 1/3 < 0.5


def test_content_scores_one_to_one() -> None:
    overall, direct = Score(), Score()
    predicted = [Predicted(content=(at("the bridge would open in May"),), kind="quote:indirect"),
                 Predicted(content=(at("bridge would open in May"),), kind="quote:indirect"),
                 Predicted(content=(at("the builders"),), kind="quote:indirect")]
    pairs = score_article(article(), predicted, overall, direct)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (3, 2)]
    assert (overall.content.tp, overall.content.fp, overall.content.fn) == (2, 1, 2)
    assert overall.gold == 4 and overall.predicted == 3


# --- Direct quotes ---------------------------------------------------------------------


def test_inside_quotes() -> None:
    assert inside_quotes(TEXT, *at("We are ready for it,"))
    assert inside_quotes(TEXT, *at('"We are ready for it,"'))      # begins with a mark
    assert not inside_quotes(TEXT, *at("the bridge would open in May"))
    assert inside_quotes("He said “ no.", 9, 12)                   # spaces are skipped


def test_direct_selection() -> None:
    overall, direct = Score(), Score()
    predicted = [
        # an indirect-kind prediction whose span sits inside quote marks: direct
        Predicted(content=(at("We are ready for it"),), kind="attribution:named-person",
                  direct=True),
        # kind "direct" but not a gold direct quote: a false positive among direct quotes
        Predicted(content=(at("the builders"),), kind="quote:direct", direct=True),
        Predicted(content=(at("the bridge would open in May"),), kind="quote:indirect"),
    ]
    score_article(article(), predicted, overall, direct)
    assert (direct.content.tp, direct.content.fp, direct.content.fn) == (1, 1, 0)
    assert (overall.content.tp, overall.content.fp, overall.content.fn) == (3, 0, 1)


# --- Sources and cues ------------------------------------------------------------------


def test_three_source_routes() -> None:
    said = gold()[0]
    assert source_routes(said.source, Predicted(content=(), kind="x",
                                                source_spans=(at("Ana Lima"),))) == ["span"]
    assert source_routes(said.source, Predicted(content=(), kind="x",
                                                source_string=(at("Lima"),))) == ["string"]
    assert source_routes(said.source, Predicted(content=(), kind="x",
                                                mentions=(at("Lima", 1), at("Lima")))) == ["mention"]
    assert source_routes(said.source, Predicted(content=(), kind="x",
                                                mentions=(at("Lima", 1),))) == []


def test_source_string_is_taken_nearest_to_the_cue() -> None:
    assert nearest_occurrence(TEXT, "lima", at("said")) == at("Lima")
    assert nearest_occurrence(TEXT, "Lima", at("praised")) == at("Lima", 1)
    assert nearest_occurrence(TEXT, "Oslo", at("said")) is None
    assert nearest_occurrence(TEXT, "  ", at("said")) is None


def test_source_and_cue_accuracy_and_pronouns() -> None:
    overall, direct = Score(), Score()
    predicted = [
        Predicted(content=(at("the bridge would open in May"),), kind="attribution:named-person",
                  cue=(at("said"),), source_string=(at("Mayor Ana Lima"),)),
        Predicted(content=(at("We are ready for it"),), kind="quote:direct", direct=True,
                  cue=(at("ready"),), source_spans=(at("she"),)),
        Predicted(content=(at("the builders"),), kind="quote:indirect", cue=(at("praised"),),
                  source_spans=(at("builders"),)),
    ]
    score_article(article(), predicted, overall, direct)
    assert (overall.source_correct, overall.source_total) == (2, 3)
    # the pronoun source "she" is left out: one right (the mayor) of two
    assert (overall.source_correct_no_pronoun, overall.source_total_no_pronoun) == (1, 2)
    assert overall.source_accuracy_no_pronoun == 0.5
    assert (overall.cue_correct, overall.cue_total) == (2, 3)
    assert overall.routes == {"string": 1, "span": 1}
    assert (direct.source_correct, direct.source_total, direct.source_total_no_pronoun) == (1, 1, 0)
    assert direct.cue_accuracy == 0.0


# --- Dossiers to predictions -----------------------------------------------------------


def fake_dossier() -> Dossier:
    lima = Entity("e1", "Ana Lima", "PERSON", mentions=[span("Ana Lima"), span("Lima", 1)])
    return dossier(
        entities=[lima],
        quotes_=[
            # the same claim as the attribution below: merged into it
            Quote("q1", "indirect", span("bridge would open in May"), speaker="e1",
                  speaker_span=span("Mayor Ana Lima"), cue=span("said")),
            Quote("q2", "direct", span("We are ready for it,"), speaker="e1",
                  speaker_span=span("she"), cue=span("added")),
        ],
        attributions=[
            Attribution("a1", span("the bridge would open in May"), "Lima", "named-person",
                        source_entity="e1"),
            Attribution("a2", span("the works are, officials believe, nearly done"), "officials",
                        "anonymous",
                        source_span=span("officials"), cue=span("believe")),
        ],
    )


def test_quote_matching_an_attribution_is_merged() -> None:
    merged, other, direct = predictions_of(fake_dossier())
    assert merged.merged and merged.kind == "attribution:named-person"
    assert (merged.quote_kind, merged.attribution_kind) == ("indirect", "named-person")
    assert merged.content == (at("the bridge would open in May"),)
    assert merged.cue == (at("said"),)                       # the quote's: the attribution has none
    assert merged.source_spans == (at("Mayor Ana Lima"),)    # the quote's speaker_span
    assert merged.source_string == (at("Lima"),)             # the occurrence nearest "said"
    assert set(merged.mentions) == {at("Ana Lima"), at("Lima", 1)}
    assert not other.merged and other.source_string == (at("officials"),)
    assert direct.kind == "quote:direct" and direct.direct and direct.quote_kind == "direct"
    assert quotes.kind_labels(merged) == ["quote:indirect", "attribution:named-person", "merged"]


def test_an_interrupted_quote_is_scored_on_its_parts() -> None:
    text = '"We are ready," she said, "and the bridge is safe."'
    first, second = at("We are ready,", text=text), at("and the bridge is safe.", text=text)
    whole = Span.of(text, first[0], second[1])
    interrupted = SimpleNamespace(span=whole, parts=[Span.of(text, *second), Span.of(text, *first)])
    assert quotes.quote_content(interrupted) == (first, second)
    assert quotes.quote_content(SimpleNamespace(span=whole, parts=[])) == ((whole.start, whole.end),)
    assert quotes.quote_content(SimpleNamespace(span=whole)) == ((whole.start, whole.end),)


def test_predictions_from_an_empty_dossier() -> None:
    assert predictions_of(dossier()) == []


# --- The whole run ---------------------------------------------------------------------


def fake_predict(texts: list[str]) -> list[list[Predicted] | None]:
    return [None if i == 0 else predictions_of(fake_dossier()) for i in range(len(texts))]


def test_evaluate_quotes_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "predict_batch", fake_predict)
    report = quotes.evaluate_quotes(write_corpus(tmp_path), split="all")
    assert report.articles == 3 and report.failures == 1 and report.skipped_events == 2
    # t1 failed (4 gold, all missed); d1 has 1 gold, d2 4; two dossiers of 3 predictions
    assert report.overall.gold == 9 and report.overall.predicted == 6
    assert report.direct.gold == 2 and report.direct.predicted == 2
    assert report.overall.content.tp == 4   # d1: the mayor's claim; d2: three of four
    data = report.as_dict()
    assert data["gold_attributions"] == 9 and data["kinds"]["merged"] == {"predicted": 2,
                                                                           "matched": 2}
    json.dumps(data)
    scores, kinds = report.tables()
    assert [row[0] for row in scores.rows] == ["all", "direct quotes", "fold A: all", "fold A: direct",
                                               "fold B: all", "fold B: direct"]
    assert len(scores.columns) == len(scores.rows[0]) == 10
    assert ["quote:direct", "2", "1"] in kinds.rows
    limited = quotes.evaluate_quotes(tmp_path, split="dev", limit=1)
    assert limited.articles == 1


def test_cli_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "predict_batch", fake_predict)
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "quotes", "--data", str(write_corpus(tmp_path)),
                                 "--split", "dev", "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 2
    result = runner.invoke(app, ["eval", "quotes", "--data", str(tmp_path / "none")])
    assert result.exit_code != 0
