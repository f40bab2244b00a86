"""The corpus commands as a user meets them (issue 19): mistakes are usage errors that
name the accepted forms, no result is said, words need no quotes, ids are never cut,
JSON everywhere, an entity's summary and pages, a story's articles."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import newstrace
from newstrace.cli import app
from newstrace.store import StoredArticle, open_store

# Piped output: no terminal, 80 columns (what Rich assumes without one).
runner = CliRunner(env={"COLUMNS": "80", "TERM": "dumb"})
CITIES = ["Mombasa", "Lisbon", "Valletta", "Tunis", "Hanoi", "Quito", "Accra", "Bergen"]
ID = re.compile(r"nt-[0-9a-f]{20}")


def _texts() -> list[tuple[str, str]]:
    """26 short reports from Hong Kong (so "Hong Kong" has more mentions than a page), a
    story told by two outlets, and unrelated articles."""
    texts = []
    for number in range(26):
        city = CITIES[number % len(CITIES)]
        texts.append((f"2019-11-{number % 28 + 1:02d}",
                      f"Hong Kong, {number % 28 + 1} November 2019. Ferry crews in Hong Kong and {city} "
                      f"stopped work on day {number} of the dispute, the union said."))
    texts.append(("2024-03-04", "Nairobi, 4 March 2024. Kenya and Tanzania signed a rail deal in "
                                "Nairobi on Monday, President William Ruto said."))
    texts.append(("2024-03-05", "Dodoma, 5 March 2024. Tanzania and Kenya signed a railway agreement "
                                "in Nairobi, President Samia Suluhu Hassan said on Tuesday."))
    return texts


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "corpus.db")
    store = open_store(path)
    dossiers = [newstrace.analyze(text, content_type="plain", published=day).to_dict()
                for day, text in _texts()]
    store.add([StoredArticle(d, hashlib.sha256(d["text"].encode()).hexdigest(), "test") for d in dossiers])
    store.set_stories([[dossiers[-2]["id"], dossiers[-1]["id"]]])
    store.close()
    return path


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("value", ["yesterday", "2019-13-45", "2019/11/18", "18-11-2019", "2019-02-30"])
@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_date_that_is_no_date_is_a_usage_error(db: str, option: str, value: str) -> None:
    result = run("search", "--db", db, option, value)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output and option in result.output


@pytest.mark.parametrize("value", ["FOO", "attack", "PLOVER"])
def test_an_unknown_event_type_is_a_usage_error_listing_the_types(db: str, value: str) -> None:
    result = run("search", "--db", db, "--event-type", value)
    assert result.exit_code == 2
    assert "AGREE" in result.output and "ASSAULT" in result.output


@pytest.mark.parametrize("command", [["search"], ["entity", "Hong", "Kong"], ["stories"]])
@pytest.mark.parametrize("limit", ["0", "-3"])
def test_a_limit_below_one_is_a_usage_error(db: str, command: list[str], limit: str) -> None:
    result = run(*command, "--db", db, "--limit", limit)
    assert result.exit_code == 2 and "--limit" in result.output


def test_event_type_in_any_case_is_accepted(db: str) -> None:
    for value in ("agree", "Agree", "AGREE"):
        result = run("search", "--db", db, "--event-type", value, "--format", "json")
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args, said", [
    (["search", "volcano", "eruption"], "the words 'volcano eruption'"),
    (["search", "ferry", "--from", "2030-01-01"], "published from 2030-01-01"),
    (["search", "--publisher", "Nobody Weekly"], "published by 'Nobody Weekly'"),
])
def test_nothing_matched_is_said_with_what_was_searched(db: str, args: list[str], said: str) -> None:
    result = run(*args, "--db", db)
    assert result.exit_code == 0
    assert result.stdout == ""                     # no header-only table
    assert "nothing matched" in result.stderr and said in result.stderr
    as_json = run(*args, "--db", db, "--format", "json")
    assert json.loads(as_json.stdout) == []


def test_search_words_are_joined(db: str) -> None:
    joined = run("search", "Hong", "Kong", "--db", db, "--format", "json", "--limit", "50")
    quoted = run("search", "Hong Kong", "--db", db, "--format", "json", "--limit", "50")
    assert joined.exit_code == 0, joined.output
    assert len(json.loads(joined.stdout)) == 26
    assert json.loads(joined.stdout) == json.loads(quoted.stdout)
    assert run("entity", "Hong", "Kong", "--db", db).exit_code == 0


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_ids_are_printed_whole_at_any_width(db: str, columns: str) -> None:
    narrow = CliRunner(env={"COLUMNS": columns, "TERM": "dumb"})
    stored = {h["id"] for h in json.loads(run("search", "--db", db, "--json", "--limit", "50").stdout)}
    output = narrow.invoke(app, ["search", "--db", db, "--limit", "50"]).stdout
    assert set(ID.findall(output)) == stored and "nt-" not in ID.sub("", output)
    story = json.loads(run("stories", "--db", db, "--format", "json").stdout)[0]
    listed = narrow.invoke(app, ["stories", "--db", db]).stdout
    assert story["earliest_id"] in listed
    members = narrow.invoke(app, ["stories", str(story["id"]), "--db", db]).stdout
    assert len(set(ID.findall(members))) == 2
    lineage = narrow.invoke(app, ["lineage", story["earliest_id"], "--db", db]).stdout
    assert story["earliest_id"] in lineage


def test_format_json_on_every_read_command(db: str) -> None:
    hits = json.loads(run("search", "ferry", "--db", db, "--format", "json").stdout)
    assert hits and {"id", "title", "published"} <= set(hits[0])
    [report] = json.loads(run("entity", "Hong Kong", "--db", db, "-f", "json").stdout)
    assert report["name"] == "Hong Kong" and report["mention_count"] >= 26
    listed = json.loads(run("stories", "--db", db, "--format", "json").stdout)
    assert len(listed) == 1 and listed[0]["size"] == 2
    found = json.loads(run("lineage", hits[0]["id"], "--db", db, "--format", "json").stdout)
    assert found["article"]["id"] == hits[0]["id"]
    # --json stays, as --format json
    assert json.loads(run("search", "ferry", "--db", db, "--json").stdout) == hits


def test_entity_prints_a_summary_first_and_pages_the_rest(db: str) -> None:
    [report] = json.loads(run("entity", "Hong Kong", "--db", db, "--json").stdout)
    total = report["mention_count"]
    assert total > 40          # two mentions an article: more than two pages
    first = run("entity", "Hong", "Kong", "--db", db)
    lines = first.stdout.splitlines()
    assert lines[0].startswith("Hong Kong (GPE)")
    assert f"{total} mentions in 26 articles, 2019-11-01 to 2019-11-26" in first.stdout
    assert f"showing mentions 1-20 of {total}" in first.stdout
    assert f"newstrace entity {report['id']} --offset 20" in first.stdout
    pages = [json.loads(run("entity", "Hong Kong", "--db", db, "--json", "--offset", str(offset))
                        .stdout)[0]["mentions"] for offset in range(0, total, 20)]
    seen = [(m["article"]["id"], m["start"]) for page in pages for m in page]
    assert len(seen) == total == len(set(seen))          # every mention once, none cut off
    last = run("entity", "Hong Kong", "--db", db, "--offset", str(total - 3))
    assert f"showing mentions {total - 2}-{total} of {total}" in last.stdout
    assert "next page" not in last.stdout


def test_stories_id_lists_its_articles_and_search_within_a_story(db: str) -> None:
    [story] = json.loads(run("stories", "--db", db, "--json").stdout)
    shown = run("stories", str(story["id"]), "--db", db)
    assert shown.exit_code == 0 and f"story {story['id']}" in shown.stdout
    assert "2 articles" in shown.stdout
    assert "2024-03-04" in shown.stdout and "2024-03-05" in shown.stdout
    detail = json.loads(run("stories", str(story["id"]), "--db", db, "--json").stdout)
    members = {a["id"] for a in detail["articles"]}
    within = json.loads(run("search", "--story", str(story["id"]), "--db", db, "--json").stdout)
    assert {h["id"] for h in within} == members
    assert json.loads(run("search", "ferry", "--story", str(story["id"]), "--db", db, "--json").stdout) == []
    missing = run("stories", "999", "--db", db)
    assert missing.exit_code == 1 and "no story 999" in missing.output


def test_the_read_commands_name_the_path_of_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    for command in (["search", "x"], ["entity", "x"], ["stories", "1"], ["lineage", "nt-x"]):
        result = run(*command, "--db", str(missing))
        assert result.exit_code == 2 and str(missing) in result.output
    assert not missing.exists()
