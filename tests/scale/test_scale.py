"""`newstrace batch` and `newstrace load`: the same dossiers as `analyze`, on Ray or not.

The corpus is made up (`tools/sample.py`): 200 short articles as JSONL, gzipped
JSONL, WARC and Parquet, with bad records mixed in. The reference for every article is
`newstrace.analyze` on the record as `newstrace.inputs` (or pyarrow, for Parquet) reads it.
Ray tests start a local instance of 2 CPUs and stop it; they skip where Ray is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest

INSTALL = "pip install 'newstrace[scale]'"
pa = pytest.importorskip("pyarrow", reason=f"newstrace batch needs pyarrow: {INSTALL}")
pytest.importorskip("fsspec", reason=f"newstrace batch needs fsspec: {INSTALL}")

import pyarrow.parquet as pq  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

import newstrace  # noqa: E402
from newstrace.cli import app  # noqa: E402
from newstrace.config import Options  # noqa: E402
from newstrace.errors import InputError, NewstraceError  # noqa: E402
from newstrace.inputs import ReadError, iter_records  # noqa: E402
from newstrace.inputs.units import rows_table  # noqa: E402
from newstrace.scale import ScaleUnavailableError, load_results, run_batch  # noqa: E402
from newstrace.scale.analyzer import Analyzer  # noqa: E402
from newstrace.scale.load import read_table  # noqa: E402
from newstrace.scale.runner import unit_key  # noqa: E402
from newstrace.store import open_store  # noqa: E402
from tools.sample import BAD_JSONL_LINES, write_corpus  # noqa: E402

ARTICLES = 200
TABLES = ("dossiers", "entities", "quotes", "attributions", "events", "places", "errors")
MAX_BYTES = Options().max_input_bytes


# -- the corpus and what `analyze` makes of it ------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    write_corpus(folder, ARTICLES, bad=True)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path) -> dict[str, Any]:
    """key -> `analyze(...).to_dict()`, or the error's message for a bad record."""
    return reference_dossiers(corpus)


def reference_dossiers(folder: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    files = sorted(p for p in folder.iterdir() if p.suffix != ".parquet")
    for record in iter_records([str(p) for p in files], MAX_BYTES):
        if isinstance(record, ReadError):
            found[record.key] = record.message
            continue
        found[record.key] = analysed(record.content, record.content_type, record.url,
                                     record.published, record.key)
    for path in sorted(folder.glob("*.parquet")):
        for number, row in enumerate(pq.read_table(path).to_pylist(), 1):
            key = f"{path}#row {number}"
            published = row["published"]
            if published is not None:   # a day kept as a timestamp is that day
                published = (published.date().isoformat() if published.time() == dt.time()
                             else published.isoformat(timespec="minutes"))
            content_type = row["content_type"] or ("html" if row["html"] else "text")
            found[key] = analysed(row["html"] or row["text"], content_type, row["url"],
                                  published, key)
    return found


def analysed(content: str, content_type: str, url: str | None, published: str | None,
             key: str) -> Any:
    try:
        return newstrace.analyze(content, content_type, url=url, published=published,
                                 path=key).to_dict()
    except InputError as exc:
        return Exception.__str__(exc)


@pytest.fixture(scope="module")
def local_out(corpus: Path) -> tuple[Path, Any]:
    out = corpus.parent / "out-local"
    summary = run_batch([str(corpus)], str(out), engine="local", batch_size=16, rows_per_file=64)
    return out, summary


def dossiers_of(out: Path | str) -> dict[str, dict[str, Any]]:
    table = read_table(str(out), "dossiers")
    found = {row["key"]: json.loads(row["dossier"]) for row in table.to_pylist()}
    assert len(found) == table.num_rows, "a key was written twice"
    return found


def assert_matches_reference(out: Path | str, reference: dict[str, Any]) -> None:
    dossiers = dossiers_of(out)
    expected = {k: v for k, v in reference.items() if isinstance(v, dict)}
    assert len(expected) == ARTICLES
    assert sorted(dossiers) == sorted(expected)
    for key, dossier in dossiers.items():
        assert dossier == expected[key], f"{key}: the batch dossier differs from analyze's"
    errors = {row["key"]: row["reason"] for row in read_table(str(out), "errors").to_pylist()}
    assert errors == {k: v for k, v in reference.items() if isinstance(v, str)}


def all_rows(out: Path | str) -> dict[str, list[str]]:
    """Every table's rows, order aside (for comparing two runs)."""
    found = {}
    for table in TABLES:
        rows = read_table(str(out), table).to_pylist()
        found[table] = sorted(json.dumps(r, sort_keys=True, default=repr) for r in rows)
    return found


# -- the local engine ---------------------------------------------------------------------


def test_local_engine_gives_every_dossier_analyze_gives(local_out: tuple[Path, Any],
                                                        reference: dict[str, Any]) -> None:
    out, summary = local_out
    assert (summary.units, summary.done, summary.skipped) == (4, 4, 0)
    assert summary.dossiers == ARTICLES
    assert summary.errors == len(BAD_JSONL_LINES)
    assert summary.records == ARTICLES + len(BAD_JSONL_LINES)
    assert_matches_reference(out, reference)


def test_bad_records_are_in_the_errors_table_with_the_reason(local_out: tuple[Path, Any]) -> None:
    out, summary = local_out
    errors = read_table(str(out), "errors").to_pylist()
    by_line = {row["key"].rsplit("#", 1)[1]: row for row in errors}
    assert set(by_line) == {"line 4", "line 5", "line 6", "line 7", "line 8"}
    assert by_line["line 4"]["stage"] == "read" and "not valid JSON" in by_line["line 4"]["reason"]
    assert by_line["line 5"]["stage"] == "read" and "empty" in by_line["line 5"]["reason"]
    assert by_line["line 6"]["stage"] == "read" and "not a string" in by_line["line 6"]["reason"]
    assert by_line["line 7"]["stage"] == "analyse" and "binary" in by_line["line 7"]["reason"]
    assert by_line["line 8"]["stage"] == "analyse" and "no main text" in by_line["line 8"]["reason"]
    assert by_line["line 8"]["url"] == "https://news.example.org/shell"
    assert by_line["line 8"]["content_hash"]
    assert all(row["input"].endswith("wire.jsonl") for row in errors)
    # the records after the bad ones were analysed: the job went on
    assert any(key.endswith("wire.jsonl#line 9") for key in dossiers_of(out))
    assert len(summary.error_samples) == len(BAD_JSONL_LINES)


def test_tables_are_parquet_partitioned_by_date(local_out: tuple[Path, Any]) -> None:
    out, _ = local_out
    dates = {p.name for p in (out / "dossiers").iterdir()}
    assert dates == {"date=2024-03-04", "date=2024-03-05", "date=2024-03-06", "date=2024-03-07",
                     "date=unknown"}
    for table in TABLES[:-1]:
        for path in (out / table).glob("date=*/*.parquet"):
            units = {unit_key(str(p)) for p in out.parent.glob("corpus/*")}
            assert path.name.split("-")[0] in units
            assert "date" not in pq.read_schema(path).names      # it is in the path
    assert not any((out / "errors").glob("date=*"))
    dossiers = read_table(str(out), "dossiers").to_pylist()
    for row in dossiers:
        published = row["published"]
        assert row["date"] == (published[:10] if published and len(published) >= 10 else "unknown")
        assert row["id"] == json.loads(row["dossier"])["id"]
    ids = {row["id"] for row in dossiers}
    entities = read_table(str(out), "entities").to_pylist()
    assert entities and {row["article_id"] for row in entities} <= ids
    for table in ("quotes", "attributions", "events", "places"):
        rows = read_table(str(out), table).to_pylist()
        assert rows, f"the {table} table is empty"
        assert {row["article_id"] for row in rows} <= ids
    quotes = read_table(str(out), "quotes").to_pylist()
    assert any(q["speaker_name"] and q["kind"] == "direct" for q in quotes)
    places = read_table(str(out), "places").to_pylist()
    assert any(p["name"] == "Lisbon" and p["country"] == "PT" for p in places)


def test_rows_per_file_bounds_the_files(local_out: tuple[Path, Any]) -> None:
    out, _ = local_out
    for path in (out / "dossiers").glob("date=*/*.parquet"):
        assert pq.read_metadata(path).num_rows <= 64
    wire = unit_key(str(out.parent / "corpus" / "wire.jsonl"))
    assert len({p.name for p in (out / "dossiers").glob(f"date=*/{wire}-*.parquet")}) > 1


def test_load_puts_the_dossiers_in_a_sqlite_store(local_out: tuple[Path, Any],
                                                   tmp_path: Path) -> None:
    out, _ = local_out
    store = open_store(str(tmp_path / "corpus.db"))
    summary = load_results(str(out), store, batch_size=50)
    assert (summary.stored, summary.failed) == (ARTICLES, len(BAD_JSONL_LINES))
    assert store.count() == ARTICLES
    for key, dossier in list(dossiers_of(out).items())[:20]:
        assert store.get(dossier["id"]) == dossier
    again = load_results(str(out), store, stories=False)
    assert (again.stored, again.skipped) == (0, ARTICLES)
    assert store.count() == ARTICLES
    store.close()


def test_load_command(local_out: tuple[Path, Any], tmp_path: Path) -> None:
    out, _ = local_out
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["load", str(out), "--db", str(db), "--no-stories"])
    assert result.exit_code == 0, result.output
    assert f"stored {ARTICLES}" in result.output
    missing = CliRunner().invoke(app, ["load", str(tmp_path / "nothing"), "--db", str(db)])
    assert missing.exit_code == 2 and "run `newstrace batch" in missing.output


# -- resuming -----------------------------------------------------------------------------


def small_corpus(folder: Path, files: int = 3, per_file: int = 3) -> list[Path]:
    from tools.sample import article

    folder.mkdir(parents=True)
    paths = []
    for f in range(files):
        path = folder / f"part-{f}.jsonl"
        lines = [json.dumps(article(f * per_file + n)) + "\n" for n in range(per_file)]
        path.write_text("".join(lines))
        paths.append(path)
    return paths


def test_a_rerun_skips_finished_inputs_and_redoes_the_rest(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    paths = small_corpus(tmp_path / "in")
    out = tmp_path / "out"
    first = run_batch([str(tmp_path / "in")], str(out))
    assert (first.done, first.dossiers) == (3, 9)
    before = all_rows(out)
    kept = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")
            if not p.name.startswith(unit_key(str(paths[1])))}
    # a run killed while it wrote part-1: its marker is not there, a stray file is
    (out / "_done" / f"{unit_key(str(paths[1]))}.json").unlink()
    stray = out / "dossiers" / "date=2024-03-09" / f"{unit_key(str(paths[1]))}-0000000007.parquet"
    stray.parent.mkdir()
    stray.write_bytes(b"half a file")
    calls: list[int] = []
    original = Analyzer.__call__
    def counted(self: Analyzer, batch: Any) -> Any:
        calls.append(batch.num_rows)
        return original(self, batch)

    monkeypatch.setattr(Analyzer, "__call__", counted)
    second = run_batch([str(tmp_path / "in")], str(out))
    assert (second.skipped, second.done, second.dossiers) == (2, 1, 3)
    assert sum(calls) == 3 + 1            # part-1's three records and its end row, nothing else
    assert not stray.exists()
    assert all_rows(out) == before
    assert {p: p.stat().st_mtime_ns for p in kept} == kept       # finished files untouched
    third = run_batch([str(tmp_path / "in")], str(out))
    assert (third.skipped, third.done, third.records) == (3, 0, 0)
    forced = run_batch([str(tmp_path / "in")], str(out), force=True)
    assert (forced.skipped, forced.done, forced.dossiers) == (0, 3, 9)
    assert all_rows(out) == before


def test_an_output_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    small_corpus(tmp_path / "in", files=1, per_file=2)
    run_batch([str(tmp_path / "in")], str(tmp_path / "in" / "out"))
    again = run_batch([str(tmp_path / "in")], str(tmp_path / "in" / "out"))
    assert (again.units, again.skipped, again.errors) == (1, 1, 0)


def test_load_reads_finished_inputs_only(tmp_path: Path) -> None:
    paths = small_corpus(tmp_path / "in", files=2, per_file=2)
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], str(out))
    (out / "_done" / f"{unit_key(str(paths[0]))}.json").unlink()
    store = open_store(str(tmp_path / "s.db"))
    summary = load_results(str(out), store, stories=False)
    assert (summary.read, summary.stored) == (2, 2)
    assert read_table(str(out), "dossiers").num_rows == 2
    assert read_table(str(out), "dossiers", finished=False).num_rows == 4
    store.close()


# -- inputs, the analyser, the command --------------------------------------------------


def test_fsspec_urls_in_and_out(tmp_path: Path) -> None:
    import fsspec

    paths = small_corpus(tmp_path / "in", files=2, per_file=2)
    memory = fsspec.filesystem("memory")
    for path in paths:
        memory.pipe(f"/scale-test/in/{path.name}", path.read_bytes())
    text = "Workers began repairing the harbour wall in Lisbon on Monday, the council said."
    table = pa.Table.from_pylist([{"url": "https://x.example/p", "text": text,
                                   "published": dt.datetime(2024, 3, 5, 14, 30)}])
    with memory.open("/scale-test/in/rows.parquet", "wb") as handle:
        pq.write_table(table, handle)
    try:
        summary = run_batch(["memory://scale-test/in"], "memory://scale-test/out")
        assert (summary.units, summary.done, summary.dossiers, summary.errors) == (3, 3, 5, 0)
        dossiers = dossiers_of("memory://scale-test/out")
        parquet_key = "memory:///scale-test/in/rows.parquet#row 1"
        assert dossiers[parquet_key]["metadata"]["published"] == "2024-03-05T14:30"
        for key, dossier in dossiers.items():
            if key != parquet_key:
                line = int(key.rsplit(" ", 1)[1])
                name = key.split("#")[0].rsplit("/", 1)[1]
                record = json.loads((tmp_path / "in" / name).read_text().splitlines()[line - 1])
                content = record.get("html") or record.get("text") or record["content"]
                kind = record.get("content_type") or ("html" if "html" in record else "text")
                expected = analysed(content, kind, record["url"], record.get("published"), key)
                assert dossier == expected
        assert run_batch(["memory://scale-test/in"], "memory://scale-test/out").skipped == 3
    finally:
        memory.rm("/scale-test", recursive=True)


def test_an_input_that_cannot_be_fetched_is_tried_again(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import fsspec

    paths = small_corpus(tmp_path / "in", files=1, per_file=2)
    memory = fsspec.filesystem("memory")
    memory.pipe("/scale-fetch/in/part-0.jsonl", paths[0].read_bytes())
    out = str(tmp_path / "out")
    try:
        def down(self: Any, *args: Any, **kwargs: Any) -> None:
            raise ConnectionError("network down")

        with monkeypatch.context() as patch:
            patch.setattr(type(memory), "get_file", down)
            failed = run_batch(["memory://scale-fetch/in"], out)
        assert (failed.done, failed.retry, failed.errors, failed.dossiers) == (0, 1, 1, 0)
        assert "network down" in failed.error_samples[0]
        assert not list((tmp_path / "out" / "_done").glob("*.json"))
        again = run_batch(["memory://scale-fetch/in"], out)
        assert (again.skipped, again.done, again.dossiers, again.errors) == (0, 1, 2, 0)
        assert read_table(out, "errors").num_rows == 0      # the failed try's row is gone
    finally:
        memory.rm("/scale-fetch", recursive=True)


def test_missing_inputs_fail_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        run_batch([str(tmp_path / "absent.jsonl")], str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_a_batch_that_breaks_is_analysed_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    analyzer = Analyzer(Options(), warm=False)
    rows = [{"unit": "u", "seq": n, "kind": "record", "key": f"k{n}", "content": text,
             "content_type": "plain", "url": None, "published": None}
            for n, text in enumerate(["The council met in Porto on Monday.", "BOOM",
                                      "Workers went on strike in Lima."])]
    rows.append({"unit": "u", "seq": 3, "kind": "end", "key": "u", "count": 3, "retry": False})
    pipeline = analyzer.pipeline
    run = pipeline.run

    def pipe(works: Any, batch_size: int = 16) -> Any:
        raise RuntimeError("a whole batch failed")

    def run_one(work: Any) -> Any:
        if work.content == "BOOM":
            raise RuntimeError("this record breaks a stage")
        return run(work)

    monkeypatch.setattr(pipeline, "pipe", pipe)
    monkeypatch.setattr(pipeline, "run", run_one)
    out = analyzer(rows_table(rows)).to_pylist()
    assert [r["kind"] for r in out] == ["dossier", "error", "dossier", "end"]
    assert "RuntimeError: this record breaks a stage" in out[1]["error"]
    expected = newstrace.analyze(rows[0]["content"], "plain", path="k0").to_dict()
    assert json.loads(out[0]["dossier"]) == expected
    assert out[3]["count"] == 3


def test_batch_command(tmp_path: Path) -> None:
    small_corpus(tmp_path / "in", files=2, per_file=2)
    with (tmp_path / "in" / "part-1.jsonl").open("a") as handle:
        handle.write("not json\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "--out", str(out),
                                      "--batch-size", "2", "--rows-per-file", "10"])
    assert result.exit_code == 1, result.output          # a bad record: status 1
    assert "part-1.jsonl#line 3: is not valid JSON" in result.output
    assert "2 done" in result.output and "4 dossiers, 1 errors" in result.output
    again = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "--out", str(out)])
    assert again.exit_code == 0 and "2 skipped" in again.output
    usage = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "--out", str(out),
                                     "--address", "ray://nowhere:10001"])
    assert usage.exit_code == 2 and "--engine ray" in usage.output


def test_without_ray_the_message_says_how_to_install_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    small_corpus(tmp_path / "in", files=1, per_file=1)
    monkeypatch.setitem(sys.modules, "ray", None)
    monkeypatch.setitem(sys.modules, "ray.data", None)
    with pytest.raises(ScaleUnavailableError, match=r"pip install 'newstrace\[scale\]'"):
        run_batch([str(tmp_path / "in")], str(tmp_path / "out"), engine="ray")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                      "--engine", "ray"])
    assert result.exit_code == 2
    assert "pip install 'newstrace[scale]'" in result.output


# -- Ray ----------------------------------------------------------------------------------

def ray_test(test: Any) -> Any:
    """Slow, and Ray's own deprecation and resource warnings are not ours to fail on."""
    for mark in (pytest.mark.slow,
                 pytest.mark.filterwarnings("ignore::DeprecationWarning"),
                 pytest.mark.filterwarnings("ignore::PendingDeprecationWarning"),
                 pytest.mark.filterwarnings("ignore::FutureWarning"),
                 pytest.mark.filterwarnings("ignore::ResourceWarning")):
        test = mark(test)
    return test


@pytest.fixture(scope="module")
def ray_instance() -> Any:
    """A local Ray instance of 2 CPUs, no dashboard, quiet; stopped after the tests."""
    ray = pytest.importorskip("ray", reason=f"Ray is not installed: {INSTALL}")
    pytest.importorskip("ray.data", reason=f"Ray Data is not installed: {INSTALL}")
    if ray.is_initialized():
        ray.shutdown()
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR,
             log_to_driver=False, configure_logging=True)
    yield ray
    ray.shutdown()


@ray_test
def test_ray_engine_gives_every_dossier_analyze_gives(ray_instance: Any, corpus: Path,
                                                      reference: dict[str, Any],
                                                      local_out: tuple[Path, Any]) -> None:
    out = corpus.parent / "out-ray"
    summary = run_batch([str(corpus)], str(out), engine="ray", workers=2, batch_size=16,
                        rows_per_file=64)
    assert (summary.engine, summary.workers, summary.done) == ("ray", 2, 4)
    assert (summary.dossiers, summary.errors) == (ARTICLES, len(BAD_JSONL_LINES))
    assert ray_instance.is_initialized()        # the caller's instance is left running
    assert_matches_reference(out, reference)
    assert all_rows(out) == all_rows(local_out[0])      # every table, row for row
    again = run_batch([str(corpus)], str(out), engine="ray", workers=2)
    assert (again.skipped, again.done, again.records) == (4, 0, 0)



@ray_test
def test_ray_rerun_redoes_only_an_unfinished_input(ray_instance: Any, tmp_path: Path) -> None:
    paths = small_corpus(tmp_path / "in", files=3, per_file=2)
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], str(out), engine="local")
    before = all_rows(out)
    (out / "_done" / f"{unit_key(str(paths[2]))}.json").unlink()
    summary = run_batch([str(tmp_path / "in")], str(out), engine="ray", workers=1)
    assert (summary.skipped, summary.done, summary.records) == (2, 1, 2)
    assert all_rows(out) == before


REAL_PAGES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "extraction" / "html"


@ray_test
def test_one_big_input_of_real_pages_is_shared_by_both_workers(tmp_path: Path) -> None:
    """Issue 19: one JSONL of 40 real pages, `batch --engine ray --workers 2`: both
    workers analyse records (one input was one block, one worker), the dossiers are
    exactly `analyze`'s, the console shows only our lines and Ray's go to the log."""
    import gzip
    import subprocess

    if not REAL_PAGES.is_dir():
        pytest.skip(f"the real pages are not here ({REAL_PAGES})")
    ray = pytest.importorskip("ray", reason=f"Ray is not installed: {INSTALL}")
    if ray.is_initialized():
        # the other tests' instance: the command would join it (Ray's default) and find
        # its CPUs taken; this test is of a machine where the command is alone
        ray.shutdown()
    pages = sorted(REAL_PAGES.glob("*.html.gz"))
    crawl = tmp_path / "crawl.jsonl"
    with crawl.open("w", encoding="utf-8") as handle:
        for number, page in enumerate(pages[::len(pages) // 40][:40]):
            html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
            handle.write(json.dumps({"url": f"https://news.example/{number}", "html": html}) + "\n")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "newstrace", "batch", str(crawl), "--out", str(out),
                             "--engine", "ray", "--workers", "2"],
                            capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    ours = ("batch: ", "1 inputs: ", "articles analysed by each worker: ", "Ray's own messages: ")
    assert lines and all(line.startswith(ours) for line in lines), result.stderr
    busy = next(line for line in lines if line.startswith(ours[2]))
    counts = [int(n) for n in busy.split(": ", 1)[1].split(" (")[0].split(", ")]
    assert len(counts) == 2 and sum(counts) == 40 and min(counts) > 0 and "(2 of 2 busy)" in busy
    [log] = list((out / "_logs").glob("batch-*.log"))
    assert str(log.relative_to(tmp_path)) in lines[-1] or str(log) in lines[-1]
    assert result.stdout == ""
    dossiers = dossiers_of(out)
    expected = {r.key: analysed(r.content, r.content_type, r.url, r.published, r.key)
                for r in iter_records([str(crawl)], MAX_BYTES)}
    assert len(dossiers) == len(expected) == 40
    for key, dossier in dossiers.items():
        assert dossier == expected[key], f"{key}: the batch dossier differs from analyze's"


def test_ray_output_goes_to_the_log_and_ours_to_the_console(tmp_path: Path) -> None:
    """What Ray prints, from C++ (straight to the descriptors) or Python (warnings,
    print), lands in the log; a command's progress, on `console_stream`, stays on the
    console; the descriptors are back afterwards. (In a process of its own: pytest's
    capture replaces sys.stderr.)"""
    import subprocess

    log = tmp_path / "_logs" / "batch.log"
    script = f"""
import os, sys, warnings
from newstrace.scale.runner import _output_to, console_stream
console = console_stream()
with _output_to({str(log)!r}):
    os.write(2, b"[E core_worker.cc:2465] Actor with class name\\n")
    os.write(1, b"(MapWorker pid=1) a worker's line\\n")
    print("a Python line on stderr", file=sys.stderr)
    warnings.warn("the operator only received 1 input(s)", UserWarning)
    console.write("batch: 1 of 1 inputs done\\n")
console.close()
print("after", file=sys.stderr)
print("out after")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["batch: 1 of 1 inputs done", "after"]
    assert result.stdout.splitlines() == ["out after"]
    written = log.read_text()
    for line in ("core_worker.cc", "a worker's line", "a Python line", "only received 1 input"):
        assert line in written


@ray_test
def test_more_workers_than_the_machine_has_cpus_is_a_clear_error(tmp_path: Path) -> None:
    """On a Ray instance of its own, workers beyond the machine's CPUs would never start:
    the job says so at once (it used to wait for them)."""
    import os

    ray = pytest.importorskip("ray", reason=f"Ray is not installed: {INSTALL}")
    if ray.is_initialized():
        ray.shutdown()          # the other tests' instance: this job must start its own
    small_corpus(tmp_path / "in", files=1, per_file=2)
    too_many = (os.cpu_count() or 1) + 1
    with pytest.raises(NewstraceError, match=rf"{too_many} workers of 1 CPU need {too_many} CPUs"):
        run_batch([str(tmp_path / "in")], str(tmp_path / "out"), engine="ray", workers=too_many)
    assert not ray.is_initialized()
