"""Hostile inputs (`tools/hostile.py`) through `analyze`, `ingest` and `batch`.

Each case of the generated corpus is run through the three commands as real
subprocesses, each under a wall-clock timeout (a hang fails the test) and an address-
space cap (`MEMORY_CAP`, set with RLIMIT_AS: a blow-up fails the command, and so the
test). Every case must end in a dossier or in a clear, one-line refusal that matches
the case's `reason`; never a traceback, never a crash of the run. The big cases run at
the full sizes the hardening issue names (a 200 MB page, a 10 GiB gzip bomb, a 50 MB
JSONL line, a 10 MB line, a million capitalised words). Every test here starts real
commands (each loads the model, about 5 s), so all are marked slow: the quick run
(`-m "not slow"`) leaves them to CI, and `tests/inputs/test_readers.py` and
`tests/stages/test_decode.py` cover the same readers and decoders in this process.

With NEWSTRACE_HOSTILE_REPORT=FILE.json the seconds and peak memory of every command
are written to FILE.json at the end of the module (for the hardening report).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pyarrow.parquet as pq
import pytest

from newstrace.store import open_store
from tools.hostile import CASES, Case, Sizes, article, article_html, case, write_corpus

# Address space per command. `analyze` reserves about 1.7 GiB of it (Python, spaCy and
# its model); `batch` 3.3 GiB, as pyarrow's allocator (mimalloc) reserves 1 GiB arenas
# it barely touches. The resident peak is far lower (see the report).
MEMORY_CAP = 4 << 30
# Wall-clock seconds a command may take before it counts as a hang.
TIMEOUT = {False: 60, True: 120}
# Every dossier has these keys (docs/dossier.md, "Top level").
CONTRACT_FIELDS = {"schema", "id", "input", "text", "metadata", "removed", "entities", "times",
                   "quantities", "warnings", "quotes", "sources", "events"}
ERROR_LINE = re.compile(r"^newstrace: error: .+")

MEASURED: dict[str, dict[str, dict[str, float | str]]] = {}


@dataclass
class Run:
    command: str
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def assert_clean(self) -> None:
        """No crash: no traceback, no death by a signal, an exit status the CLI defines."""
        assert "Traceback" not in self.stderr, f"{self.command} crashed:\n{self.stderr[-3000:]}"
        assert self.returncode in (0, 1), (
            f"{self.command} ended with status {self.returncode}:\n{self.stderr[-3000:]}")

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ERROR_LINE.match(line)]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


# Runs the command as its child and writes the child's peak resident size (kB) to a file.
# A child forked straight from pytest would report pytest's own size (a forked copy of
# its memory counts until exec), so the command is started from this small process.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as handle:
    handle.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run_newstrace(args: list[str], cwd: Path, timeout: float) -> Run:
    """`python -m newstrace ARGS` in its own session, under the caps; its peak memory is
    the largest resident size of it and its child processes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSTRACE_")}
    env.update(COLUMNS="200", PYTHONUNBUFFERED="1")
    for name in ("NEWSTRACE_CACHE_DIR",):            # the gazetteer's cache is shared
        if name in os.environ:
            env[name] = os.environ[name]
    out_path, err_path, rss_path = cwd / ".stdout", cwd / ".stderr", cwd / ".peak-rss"
    started = time.perf_counter()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(rss_path), sys.executable, "-m", "newstrace",
             *args],
            cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            preexec_fn=_limit_memory, start_new_session=True)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            pytest.fail(f"newstrace {' '.join(args)} hung: still running after {timeout} s")
    seconds = time.perf_counter() - started
    # Worker processes of a pool left behind would outlive the test: none may be.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    peak = int(rss_path.read_text()) if rss_path.exists() else 0
    return Run(" ".join(["newstrace", *args]), process.returncode,
               out_path.read_text(encoding="utf-8", errors="replace"),
               err_path.read_text(encoding="utf-8", errors="replace"),
               seconds, peak / 1024)


def _measure(case_name: str, command: str, run: Run, outcome: str) -> None:
    MEASURED.setdefault(case_name, {})[command] = {
        "seconds": round(run.seconds, 2), "peak_mb": round(run.peak_mb), "outcome": outcome}


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    target = os.environ.get("NEWSTRACE_HOSTILE_REPORT")
    if target and MEASURED:
        path = Path(target)
        old = json.loads(path.read_text()) if path.exists() else {}
        for name, commands in MEASURED.items():
            old.setdefault(name, {}).update(commands)
        path.write_text(json.dumps(old, indent=2, sort_keys=True))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Case], Path]]:
    """Each case's file, written once for the module, at full size (about 300 MB in all:
    removed at the end, where pytest would keep them with its last temporary folders)."""
    folder = tmp_path_factory.mktemp("hostile")
    written: dict[str, Path] = {}

    def path_of(chosen: Case) -> Path:
        if chosen.name not in written:
            written[chosen.name] = chosen.write_to(folder / chosen.name, Sizes())
        return written[chosen.name]

    yield path_of
    for path in written.values():
        path.unlink(missing_ok=True)


def _params() -> list:
    return [pytest.param(c, id=c.name, marks=[pytest.mark.slow]) for c in CASES]


def _timeout(chosen: Case) -> float:
    return TIMEOUT[chosen.big]


# -- analyze ------------------------------------------------------------------------------


@pytest.mark.parametrize("chosen", _params())
def test_analyze(chosen: Case, corpus: Callable[[Case], Path], tmp_path: Path) -> None:
    path = corpus(chosen)
    run = run_newstrace(["analyze", str(path)], tmp_path, _timeout(chosen))
    run.assert_clean()
    if chosen.analyze == "result":
        assert run.returncode == 0, f"{chosen.name}: refused:\n{run.stderr[-2000:]}"
        dossier = json.loads(run.stdout)
        assert CONTRACT_FIELDS <= set(dossier), CONTRACT_FIELDS - set(dossier)
        assert dossier["schema"] == "newstrace.dossier/1"
        assert dossier["text"].strip()
        assert not run.error_lines()
        outcome = f"dossier ({len(dossier['text']):,} chars, {len(dossier['entities'])} entities)"
    else:
        assert run.returncode == 1, f"{chosen.name}: not refused (status {run.returncode})"
        assert run.stdout.strip() == ""
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, f"{chosen.name}: want one error line, got:\n{run.stderr}"
        assert ERROR_LINE.match(lines[0]) and str(path) in lines[0], lines[0]
        assert re.search(chosen.reason, lines[0], re.I), (chosen.reason, lines[0])
        outcome = "refused: " + lines[0].split(f"{path}: ", 1)[-1]
    _measure(chosen.name, "analyze", run, outcome)


# -- ingest -------------------------------------------------------------------------------


@pytest.mark.parametrize("chosen", _params())
def test_ingest(chosen: Case, corpus: Callable[[Case], Path], tmp_path: Path) -> None:
    path = corpus(chosen)
    db = tmp_path / "store.db"
    run = run_newstrace(["ingest", str(path), "--db", str(db), "--workers", "1"], tmp_path,
                        _timeout(chosen))
    run.assert_clean()
    analysed, refused = chosen.records
    assert run.returncode == (1 if refused else 0), run.stderr[-2000:]
    assert re.search(rf"stored {analysed}, .* failed {refused};", run.stderr), run.stderr[-2000:]
    store = open_store(str(db))
    try:
        assert store.count() == analysed
        failures = store.failures()
    finally:
        store.close()
    assert len(failures) == refused, failures
    for failure in failures:
        assert re.search(chosen.reason, failure["message"], re.I), (chosen.reason, failure)
    assert len(run.error_lines()) == refused, run.stderr
    _measure(chosen.name, "ingest", run, f"stored {analysed}, failed {refused}")


# -- batch --------------------------------------------------------------------------------


def _rows(folder: Path) -> list[dict]:
    rows: list[dict] = []
    for file in sorted(folder.rglob("*.parquet")) if folder.exists() else []:
        rows += pq.read_table(file).to_pylist()
    return rows


@pytest.mark.parametrize("chosen", _params())
def test_batch(chosen: Case, corpus: Callable[[Case], Path], tmp_path: Path) -> None:
    path = corpus(chosen)
    out = tmp_path / "out"
    run = run_newstrace(["batch", str(path), "--out", str(out), "--engine", "local"], tmp_path,
                        _timeout(chosen))
    run.assert_clean()
    analysed, refused = chosen.records
    assert run.returncode == (1 if refused else 0), run.stderr[-2000:]
    dossiers, errors = _rows(out / "dossiers"), _rows(out / "errors")
    assert len(dossiers) == analysed, [d["key"] for d in dossiers]
    assert len(errors) == refused, errors
    for error in errors:
        assert re.search(chosen.reason, error["reason"], re.I), (chosen.reason, error)
    # The unit finished: its marker is written (a rerun would skip it).
    assert len(list((out / "_done").glob("*.json"))) == 1
    _measure(chosen.name, "batch", run, f"{analysed} dossiers, {refused} errors")


# -- hostile files among good articles ----------------------------------------------------


GOOD_TEXTS, GOOD_PAGES, GOOD_LINES = 6, 3, 4


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """A folder of good articles (text, HTML, a JSONL file) and every hostile case that
    is quick to write (the gzip bomb among them): the folder, good and bad record counts."""
    folder = tmp_path_factory.mktemp("mixed")
    for number in range(GOOD_TEXTS):
        (folder / f"good-{number}.txt").write_text(article(100 + number), encoding="utf-8")
    for number in range(GOOD_PAGES):
        (folder / f"good-{number}.html").write_text(article_html(200 + number),
                                                    encoding="utf-8")
    (folder / "good.jsonl").write_text("".join(
        json.dumps({"url": f"https://example.org/good/{n}", "text": article(300 + n)}) + "\n"
        for n in range(GOOD_LINES)), encoding="utf-8")
    chosen = [c for c in CASES if not c.big] + [case("gzip-bomb-jsonl")]
    write_corpus(folder / "hostile", Sizes(), [c.name for c in chosen])
    good = GOOD_TEXTS + GOOD_PAGES + GOOD_LINES + sum(c.records[0] for c in chosen)
    bad = sum(c.records[1] for c in chosen)
    return folder, good, bad


@pytest.mark.slow
def test_ingest_mixed_corpus(mixed: tuple[Path, int, int], tmp_path: Path) -> None:
    folder, good, bad = mixed
    db = tmp_path / "store.db"
    # All cores (a process pool): a hostile record must not take a worker down.
    run = run_newstrace(["ingest", str(folder), "--db", str(db)], tmp_path, 180)
    run.assert_clean()
    assert run.returncode == 1
    assert re.search(rf"stored {good}, .* failed {bad};", run.stderr), run.stderr[-3000:]
    store = open_store(str(db))
    try:
        assert store.count() == good
        assert len(store.failures()) == bad
    finally:
        store.close()
    _measure("mixed corpus", "ingest", run, f"stored {good}, failed {bad}")


@pytest.mark.slow
def test_batch_mixed_corpus(mixed: tuple[Path, int, int], tmp_path: Path) -> None:
    folder, good, bad = mixed
    out = tmp_path / "out"
    run = run_newstrace(["batch", str(folder), "--out", str(out), "--engine", "local"],
                        tmp_path, 180)
    run.assert_clean()
    assert run.returncode == 1
    assert len(_rows(out / "dossiers")) == good
    assert len(_rows(out / "errors")) == bad
    units = sum(1 for p in folder.rglob("*") if p.is_file())
    assert len(list((out / "_done").glob("*.json"))) == units
    _measure("mixed corpus", "batch", run, f"{good} dossiers, {bad} errors")


# -- the generator ------------------------------------------------------------------------


def test_generator_is_deterministic(tmp_path: Path) -> None:
    small = Sizes().scaled(0.001)
    digests = []
    for folder in ("a", "b"):
        paths = write_corpus(tmp_path / folder, small)
        digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in paths])
    assert digests[0] == digests[1]
    assert len({c.filename for c in CASES}) == len(CASES)


def test_gzip_bomb_is_valid_gzip(tmp_path: Path) -> None:
    sizes = Sizes(gzip_bomb_bytes=5 * (1 << 20) + 12345)
    path = case("gzip-bomb-page").write_to(tmp_path, sizes)
    data = zlib.decompress(path.read_bytes(), 16 + zlib.MAX_WBITS)
    assert len(data) == sizes.gzip_bomb_bytes and not data.strip(b"\0")
    assert path.stat().st_size * 500 < sizes.gzip_bomb_bytes


def test_generator_command(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tools.hostile", str(tmp_path),
                           "--scale", "0.001", "--only", "empty", "--only", "long-line"],
                          capture_output=True, text=True, timeout=60, check=True,
                          cwd=Path(__file__).resolve().parents[2])     # where tools/ is
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "one-line.txt"]
    assert "long-line" in done.stdout


def test_gzip_ratio_is_a_setting(tmp_path: Path) -> None:
    from newstrace.config import Options
    from newstrace.inputs import ReadError, iter_records

    path = case("gzip-bomb-jsonl").write_to(tmp_path, Sizes(gzip_bomb_bytes=8 << 20))
    limit = 1 << 20
    [bomb] = list(iter_records([str(path)], limit))
    assert isinstance(bomb, ReadError) and "gzip bomb" in bomb.message
    assert "max_gzip_ratio" in bomb.message
    # Allowed to inflate that much, the stream is read: its one line is over the limit.
    [line] = list(iter_records([str(path)], limit, gzip_ratio=1_000_000))
    assert isinstance(line, ReadError) and "over 1,048,576 bytes" in line.message
    assert Options.load(environ={"NEWSTRACE_MAX_GZIP_RATIO": "500"}).max_gzip_ratio == 500
