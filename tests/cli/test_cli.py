"""`newstrace analyze`: formats, directories, stdin, and bad inputs that do not stop the run."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app

runner = CliRunner()
ARTICLE = ("Bridge reopens after repairs\n\nBridge reopens after repairs\n\n"
           "The old bridge over the river reopened on Friday after two years of repairs, "
           "the city said.\n\nTraffic is expected to return to normal next week.\n")


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_json_for_one_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = run("analyze", str(path))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["metadata"]["title"] == "Bridge reopens after repairs"
    assert data["input"]["path"] == str(path)


def test_directory_in_name_order_as_jsonl(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt"):
        (tmp_path / name).write_text(ARTICLE.replace("river", name))
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    result = run("analyze", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    paths = [json.loads(line)["input"]["path"] for line in result.stdout.splitlines()]
    assert [Path(p).relative_to(tmp_path).as_posix() for p in paths] == ["a.txt", "b.txt", "sub/c.txt"]


def test_json_array_for_several_inputs(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE)
    result = run("analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert isinstance(json.loads(result.stdout), list)


def test_stdin_and_content_type() -> None:
    result = run("analyze", "-", "--content-type", "plain", stdin="Exact text, kept.  ")
    assert json.loads(result.stdout)["text"] == "Exact text, kept.  "


def test_text_report_shows_title_and_removed_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + "\nFollow us on Telegram\n")
    result = run("analyze", str(path), "--format", "text")
    assert result.exit_code == 0
    assert "Bridge reopens after repairs" in result.stdout
    assert "promo" in result.stdout


def test_gzipped_and_html_inputs(tmp_path: Path) -> None:
    page = ("<html><head><title>Ferry delayed</title></head><body><article><h1>Ferry delayed</h1>"
            + "<p>The morning ferry to the island was delayed by fog for three hours on Monday.</p>" * 3
            + "</article></body></html>")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page.encode()))
    result = run("analyze", str(tmp_path / "page.html.gz"))
    data = json.loads(result.stdout)
    assert data["input"]["content_type"] == "html"
    assert data["metadata"]["title"] == "Ferry delayed"


def test_bad_inputs_are_reported_and_the_rest_run(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "latin.txt").write_bytes(ARTICLE.replace("river", "rivière").encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 50 MB, sparse: refused by size before it is read
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (30 * 1024 * 1024)))
    missing = tmp_path / "missing.txt"
    result = run("analyze", str(tmp_path), str(missing), "--format", "jsonl")
    assert result.exit_code == 1
    analysed = [json.loads(line)["input"]["path"] for line in result.stdout.splitlines()]
    assert sorted(Path(p).name for p in analysed) == ["good.txt", "latin.txt"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("newstrace: error:")]
    assert len(errors) == 5
    for name, words in [("empty.txt", "empty"), ("image.png", "PNG"), ("huge.txt", "over the limit"),
                        ("bomb.txt.gz", "inflates to more"), ("missing.txt", "no such file")]:
        assert any(name in line and words in line for line in errors), (name, errors)


def test_undecodable_input_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(range(1, 256)) * 50)
    result = run("analyze", str(path))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "noise.bin" in result.stderr


@pytest.mark.parametrize("args", [["analyze"], ["analyze", "x", "--format", "xml"]])
def test_usage_errors(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_stages_command_lists_reads_and_adds() -> None:
    result = run("stages")
    assert result.exit_code == 0
    assert "decode" in result.stdout and "assemble_text" in result.stdout


def test_eval_with_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    result = run("eval", "extraction", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_entity_lists_the_candidates_when_several_answer(tmp_path: Path) -> None:
    import hashlib

    import newstrace
    from newstrace.store import StoredArticle, open_store

    db = tmp_path / "store.db"
    store = open_store(str(db))
    texts = ["Beirut, 4 June 2024. Lebanon and Jordan closed their embassies in Damascus.",
             "Cairo, 2 June 2024. Egypt and Jordan signed a gas deal on Tuesday.",
             "Chicago, 3 June 2024. Michael Jordan bought a stake in the team. Jordan said he was thrilled."]
    store.add([StoredArticle(newstrace.analyze(t, content_type="plain").to_dict(),
                             hashlib.sha256(t.encode()).hexdigest(), "test") for t in texts])
    store.close()
    result = run("entity", "Jordan", "--db", str(db))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "Jordan" in line]
    assert "2 entities answer to 'Jordan'" in result.output
    assert "GPE" in lines[1] and "2" in lines[1] and "PERSON" in lines[2]   # most articles first
    shown = run("entity", "Michael Jordan", "--db", str(db))
    assert "Michael Jordan (PERSON)" in shown.output and "entities answer" not in shown.output


@pytest.mark.parametrize("command", [
    ["search", "Hong"], ["entity", "Hong Kong"], ["stories"], ["lineage", "nt-0123456789abcdef0123"],
    ["export", "jsonl"],
])
@pytest.mark.parametrize("form", ["path", "url"])
def test_a_command_reading_the_corpus_names_a_missing_database(tmp_path: Path, command, form) -> None:
    # issue 19: `search Hong --db nonexistent.db` created an empty database and exited 0
    missing = tmp_path / "nonexistent.db"
    db = str(missing) if form == "path" else f"sqlite:///{missing}"
    result = run(*command, "--db", db)
    assert result.exit_code != 0
    assert str(missing) in result.output and "ingest" in result.output
    assert not missing.exists()


def test_ingest_creates_the_database(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "new.db"
    assert run("ingest", str(article), "--db", str(db), "--workers", "1").exit_code == 0
    assert db.exists()
    assert run("search", "bridge", "--db", str(db)).exit_code == 0
