"""`analyze --format text|markdown [--show-text]`: the briefing (issue 19) on varied
articles of our own: every section, the source chain on one line, 80 columns when
piped, Markdown that stays a table, and marked spans that give back the text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import newstrace
from newstrace.briefing import MARKS, build_briefing, mark_spans
from newstrace.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner(env={"COLUMNS": "80", "TERM": "dumb"})

RELAYED = ("Athens weighs a new port deal with Egypt\n\n"
           "Greece is preparing a port agreement with Egypt, Le Monde reported, citing Bloomberg. "
           "According to officials familiar with the talks, the deal could be signed in May.\n\n"
           "\"We will not give up the harbour,\" Prime Minister Kostas Andreou said on Monday. "
           "Egyptian officials declined to comment.\n")
PROTEST = ("Thousands march in Santiago over pension cuts\n\n"
           "SANTIAGO, 12 March 2024 - Thousands of people marched through Santiago on Tuesday "
           "to protest against pension cuts, police said. Labour minister Ana Rojas said the "
           "government \"will listen | but will not retreat\". The union CUT called a general "
           "strike for 20 March.\n")
SECTIONS = ["Who is who", "Who said what", "Claims by source", "What happened", "Places",
            "Warnings", "Removed lines"]


def briefing(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["analyze", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(params=["relayed", "protest", "html"])
def article(request: Any, tmp_path: Path) -> Path:
    if request.param == "html":
        return ROOT / "examples" / "03_council-budget.html"
    path = tmp_path / f"{request.param}.txt"
    path.write_text(RELAYED if request.param == "relayed" else PROTEST, encoding="utf-8")
    return path


def test_the_briefing_has_every_section_in_order_within_80_columns(article: Path) -> None:
    text = briefing(article, "--format", "text")
    dossier = newstrace.analyze(article.read_bytes(), path=str(article))
    lines = text.splitlines()
    assert lines[0] == dossier.metadata.title and lines[1] == dossier.id
    headings = [line for line in lines if re.match(r"^(%s)( \(\d+\))?$" % "|".join(SECTIONS), line)]
    assert [re.sub(r" \(\d+\)$", "", h) for h in headings] == SECTIONS
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines)
    for entity in dossier.entities:                  # who is who names every entity
        assert entity.name in text
    # a section with nothing says so, one with rows gives their count
    for section in build_briefing(dossier).sections:
        assert (f"{section.title} ({len(section.rows)})" in text) if section.rows else \
            f"{section.title}\nnone found" in text


def test_source_chain_on_one_line_and_claims_by_source(tmp_path: Path) -> None:
    path = tmp_path / "relayed.txt"
    path.write_text(RELAYED, encoding="utf-8")
    dossier = newstrace.analyze(RELAYED, path=str(path))
    text = briefing(path, "-f", "text")
    chain = [line for line in text.splitlines() if line.startswith("source chain")]
    assert len(chain) == 1
    names = [link.name for link in dossier.sources.chain]
    assert len(names) >= 2 and chain[0].split(None, 2)[2] == " ← ".join(names)
    # every claim is under its source with its certainty
    for claim in dossier.sources.attributions:
        assert claim.source in text and claim.factuality in text


def test_events_say_who_to_whom_where_and_on_whose_word() -> None:
    dossier = newstrace.analyze(PROTEST, content_type="text")
    section = {s.title: s for s in build_briefing(dossier).sections}["What happened"]
    assert section.rows, "the protest article has events"
    names = {e.id: e.name for e in dossier.entities}
    claims = {c.id: c.source for c in dossier.sources.attributions}
    for event, row in zip(dossier.events, section.rows):
        assert row[0].startswith(event.type)
        assert all(names[a] in row[1] for a in event.actors)
        assert row[2] == names.get(event.place or "", "")
        assert row[5] == claims.get(event.attribution or "", "")


def test_markdown_is_tables_that_survive_pipes_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "protest.txt"
    path.write_text(PROTEST, encoding="utf-8")
    markdown = briefing(path, "--format", "markdown")
    assert markdown.startswith("## Thousands march in Santiago")
    assert "- **source chain**:" in markdown
    for title in SECTIONS:
        assert f"### {title}" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    for line in rows:          # no cell's own | breaks its row: every row has its table's width
        cells = re.split(r"(?<!\\)\|", line)[1:-1]
        assert cells, line
    widths = {}
    for block in markdown.split("### ")[1:]:
        table = [re.split(r"(?<!\\)\|", line) for line in block.splitlines() if line.startswith("|")]
        widths[block.splitlines()[0]] = {len(row) for row in table}
    assert all(len(w) <= 1 for w in widths.values()), widths
    assert "will listen \\| but" in markdown


@pytest.mark.parametrize("text", [RELAYED, PROTEST,
                                  "Moscow, 2 May 2024. Vladimir Putin met Xi Jinping in Moscow on Thursday, "
                                  "the Kremlin said. \"The talks were useful,\" Putin said."])
def test_marked_spans_give_back_the_text(text: str) -> None:
    dossier = newstrace.analyze(text, content_type="text")
    marked = mark_spans(dossier)
    marks = "".join(o + c for o, c in MARKS.values())
    assert not set(dossier.text) & set(marks)
    assert "".join(ch for ch in marked if ch not in marks) == dossier.text
    # brackets balance and nest
    stack = []
    closing = {c: o for o, c in MARKS.values()}
    for ch in marked:
        if ch in closing:
            assert stack and stack.pop() == closing[ch]
        elif ch in marks:
            stack.append(ch)
    assert not stack
    # each offset of the text, and the marks just before it
    opened: dict[int, str] = {}
    offset = 0
    for ch in marked:
        if ch in marks:
            opened[offset] = opened.get(offset, "") + ch
        else:
            offset += 1
    mentions = [m for e in dossier.entities for m in e.mentions]
    marked_mentions = [m for m in mentions if "[" in opened.get(m.start, "")]
    assert mentions and len(marked_mentions) >= len(mentions) - 1   # one may cross a claim


def test_show_text_ends_the_briefing_with_the_marked_text(tmp_path: Path) -> None:
    path = tmp_path / "relayed.txt"
    path.write_text(RELAYED, encoding="utf-8")
    plain = briefing(path, "-f", "text")
    shown = briefing(path, "-f", "text", "--show-text")
    assert "spans marked" not in plain and "Text, spans marked" in shown
    assert "<reported>" in shown.replace("\n", " ")
    assert "{" in shown and "[" in shown
    assert "```text" in briefing(path, "-f", "markdown", "--show-text")


def test_bad_input_in_a_briefing_batch_is_one_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PROTEST, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "text"])
    assert result.exit_code == 1
    assert "Thousands march in Santiago" in result.stdout
    assert result.stderr.count("newstrace: error:") == 1
