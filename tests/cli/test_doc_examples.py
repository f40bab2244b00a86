"""Every example command of the README and docs/cli.md runs (issue 19), in a folder
holding the files they name (page.html, scraped.txt, crawl.warc.gz, feeds/,
articles.jsonl, crawl/ ...) made here, in document order, as a user would type them.

What cannot run offline is changed, each change said in `adapt`:
- `curl URL |` reads a local page instead (no network);
- `serve` runs in the background on a free port, without a browser, until /api/health
  answers, then stops;
- `eval` commands score a sample (`--limit 4`): the whole sets take minutes each (they
  are skipped where ../shared/eval is absent);
- a `postgresql://` store is a fresh database on the test PostgreSQL server
  (NEWSTRACE_TEST_POSTGRES_URL), or the command is skipped when there is none;
- `s3://` inputs and `--address auto` need an object store and a running Ray cluster:
  skipped, with the reason;
- `follow` fetches from a news site served here (tests/follow/news_site.py) in place of
  the example addresses, allowed by name (`--allow-host 127.0.0.1`), for one round
  (`--once`): an example that would poll forever runs its first round.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from ..store_fixtures import fresh_postgres_url, postgres_server

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```([a-z]*)\n(.*?)^```", re.M | re.S)

STRIKE = [
    ("2024-03-04", "https://coast-herald.example/mombasa-strike",
     "Harbour strike shuts Mombasa port\n\nMOMBASA, 4 March 2024 - A harbour strike closed the port of "
     "Mombasa on Monday, the Kenya Ports Authority said. Dock workers walked out over unpaid wages, and "
     "ships waited off the coast. The United States embassy urged both sides to talk."),
    ("2024-03-05", "https://nairobi-daily.example/port-strike-day-two",
     "Mombasa port still closed as harbour strike enters second day\n\nNAIROBI, 5 March 2024 - The "
     "harbour strike at Mombasa entered its second day on Tuesday, the Kenya Ports Authority said. "
     "The dock workers' union said the strike would go on until wages were paid."),
    ("2024-02-20", "https://alpine-post.example/ski-season",
     "Late snow saves the ski season in Innsbruck\n\nINNSBRUCK, 20 February 2024 - Heavy snow in the "
     "Tyrol saved the ski season, the tourism board of Innsbruck said on Tuesday."),
]


def documented() -> list[tuple[str, str]]:
    """(where, command) for every line naming `newstrace` in a shell block."""
    found = []
    for name in ("README.md", "docs/cli.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for language, block in FENCE.findall(text):
            if language not in ("", "sh", "bash", "shell", "console"):
                continue
            for line in block.splitlines():
                if re.search(r"(^|[\s/|&])newstrace ", line):
                    found.append((name, line.strip()))
    return found


COMMANDS = documented()


def test_the_docs_have_examples() -> None:
    names = {where for where, _ in COMMANDS}
    assert names == {"README.md", "docs/cli.md"} and len(COMMANDS) >= 25


@pytest.fixture(scope="module")
def news() -> Iterator[dict[str, str]]:
    """A news site for `follow`: the example addresses and what stands in for them."""
    from ..follow.news_site import NewsSite, serving

    with serving(NewsSite()) as site:
        links = [site.article(f"/world/{n}", 11, n) for n in range(2)]
        feed = site.rss("/feed.xml", links)
        site.rss("/home.xml", [site.article("/home/1", 12, 1)])
        yield {"https://example.org/feed.xml": feed, "https://news.example.com/": site.home("/", "/home.xml")}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory, news: dict[str, str]) -> Path:
    top = tmp_path_factory.mktemp("examples")
    work = top / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    if SHARED.is_dir():
        (top / "shared").symlink_to(SHARED)     # what ../shared/... names, from `work`
    shutil.copy(ROOT / "examples" / "03_council-budget.html", work / "page.html")
    shutil.copy(ROOT / "examples" / "01_harbour-deal.txt", work / "scraped.txt")
    lines = [json.dumps({"url": url, "text": text, "published": day}) for day, url, text in STRIKE]
    (work / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "crawl").mkdir()
    (work / "crawl" / "part-1.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _warc(work / "crawl.warc.gz", (ROOT / "examples" / "03_council-budget.html").read_bytes())
    (work / "sources.txt").write_text("# the sources I follow\n" + "\n".join(news.values()) + "\n")
    (work / "feeds").mkdir()
    (work / "feeds" / "wire.xml").write_text(_RSS, encoding="utf-8")
    return work


_RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Ferry crews in Valletta stop work</title><link>https://wire.example/ferry</link>
<pubDate>Mon, 11 Mar 2024 09:00:00 GMT</pubDate><description>Ferry crews in Valletta stopped work
on Monday over a pay dispute, the union said. Crossings to Gozo were cancelled.</description></item>
</channel></rss>"""


def _warc(path: Path, html: bytes) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://island-courier.example/budget", "response",
                                                      payload=io.BytesIO(html), length=len(html),
                                                      http_headers=headers))


@pytest.fixture(scope="module")
def postgres() -> Iterator[str | None]:
    """A fresh database on the test PostgreSQL server, or None without one."""
    if not postgres_server():
        yield None
        return
    yield from fresh_postgres_url()


def adapt(command: str, postgres_url: str | None = None, news: dict[str, str] | None = None) -> str:
    """The command as run here (see the module's docstring), or pytest.skip."""
    command = command.split("  #", 1)[0].strip()
    if "newstrace follow" in command:
        for example, local in (news or {}).items():
            command = command.replace(example, local)
        assert "example." not in command, f"no local stand-in for an address of {command!r}"
        command += " --allow-host 127.0.0.1" + ("" if "--once" in command else " --once")
    command = command.replace(".venv/bin/newstrace", "newstrace")
    if "s3://" in command or "--address auto" in command:
        pytest.skip("needs an object store and a running Ray cluster")
    if "postgresql://" in command:
        if not postgres_url:
            pytest.skip("NEWSTRACE_TEST_POSTGRES_URL is not set (CI sets it)")
        command = re.sub(r"postgresql://\S+", postgres_url, command)
    command = re.sub(r"curl -s \S+", "cat page.html", command)
    if " eval " in f" {command} ":
        if not (SHARED / "eval").is_dir():
            pytest.skip(f"the evaluation data is not here ({SHARED / 'eval'})")
        command = re.sub(r" --limit \d+", "", command) + " --limit 4"
        if "--feed " in command:
            command += " --feed-limit 4"
    return command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "80"}
    env.pop("NEWSTRACE_DB", None)
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def serve(command: str, cwd: Path) -> None:
    """Everything before `newstrace serve` runs first; the server then starts in the
    background, must answer /api/health, and is stopped."""
    before, _, rest = command.rpartition("newstrace serve")
    prefix = before.rstrip().removesuffix("&&").strip()
    environment = ""
    if prefix and re.fullmatch(r"[A-Z_]+=\S+", prefix):
        environment, prefix = prefix + " ", ""
    if prefix:
        done = run(prefix, cwd)
        assert done.returncode == 0, done.stderr
    port = _free_port()
    rest = re.sub(r" --port \d+", "", rest)
    line = f"{environment}exec newstrace serve{rest} --no-open --port {port}"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    server = subprocess.Popen(["bash", "-c", line], cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stdout.read().decode(errors="replace")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5) as answer:
                    assert json.load(answer)["status"] == "ok"
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        server.stdout.close()


@pytest.mark.slow
@pytest.mark.parametrize("where, command", COMMANDS, ids=[f"{w}: {c}" for w, c in COMMANDS])
def test_documented_command_runs(sandbox: Path, postgres: str | None, news: dict[str, str],
                                 where: str, command: str) -> None:
    line = adapt(command, postgres, news)
    if "newstrace serve" in line:
        serve(line, sandbox)
        return
    result = run(line, sandbox)
    assert result.returncode == 0, f"{where}: `{line}` exited {result.returncode}:\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr


def test_gzip_is_imported_for_the_sandbox() -> None:
    # the WARC writer gzips; a broken gzip module would fail the sandbox, not the docs
    assert gzip.decompress(gzip.compress(b"x")) == b"x"
