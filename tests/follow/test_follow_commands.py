"""`newstrace follow` and `newstrace sources` as commands, `GET /api/sources`, a follower
killed inside its store transaction and run again, and `serve --follow`'s follower."""

from __future__ import annotations

import signal
import sys
import threading

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.store import SearchFilters, open_store

from ..fault_harness import kill_at_statement, run

FAST_CONFIG = "[follow]\nper_host_delay = 0\nretry_wait = 0\nretries = 0\n"


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "newstrace.toml"
    path.write_text(FAST_CONFIG)
    return str(path)


def test_follow_once_stores_reports_and_exits_1_when_a_source_failed(site, tmp_path, config):
    links = [site.article(f"/a/{n}", 3, n) for n in range(2)]
    feed = site.rss("/feed.xml", links)
    listed = tmp_path / "sources.txt"
    listed.write_text(f"{feed}\n{site.url('/nothing.xml')}   # gone\n")
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    before = signal.getsignal(signal.SIGINT)
    result = runner.invoke(app, ["follow", str(listed), "--once", "--db", db, "--allow-host", "127.0.0.1",
                                 "--workers", "1", "--config", config])
    assert result.exit_code == 1, result.output
    assert signal.getsignal(signal.SIGINT) is before          # its Ctrl+C handler is put back
    assert "round: 2 sources (1 read, 0 not modified, 1 failed, 0 not due)" in result.output
    assert "stored 2" in result.output
    assert f"newstrace: error: {site.url('/nothing.xml')}: the server answered HTTP 404" in result.output
    again = runner.invoke(app, ["follow", feed, "--once", "--db", db, "--allow-host", "127.0.0.1",
                                "--workers", "1", "--config", config, "--every", "1h"])
    assert again.exit_code == 0, again.output
    # the feed was polled a moment ago and is due in 15 minutes: nothing is fetched
    assert "1 not due" in again.output and site.hits["/feed.xml"] == 1
    forced = runner.invoke(app, ["follow", feed, "--once", "--force", "--db", db, "--allow-host",
                                 "127.0.0.1", "--workers", "1", "--config", config])
    assert forced.exit_code == 0 and site.hits["/feed.xml"] == 2 and "stored 0" in forced.output
    shown = runner.invoke(app, ["sources", "--db", db, "--json"])
    assert shown.exit_code == 0 and '"total_articles": 2' in shown.output


def test_follow_without_sources_or_with_a_bad_one_is_a_usage_error(tmp_path):
    runner = CliRunner()
    none = runner.invoke(app, ["follow", "--once", "--db", str(tmp_path / "c.db")])
    assert none.exit_code == 2 and "no sources to follow" in none.output
    bad = runner.invoke(app, ["follow", "not-a-url-or-file", "--once", "--db", str(tmp_path / "c.db")])
    assert bad.exit_code == 2 and "neither an http(s) URL nor a file" in bad.output
    every = runner.invoke(app, ["follow", "https://a.example/f", "--every", "soon", "--db", str(tmp_path / "c.db")])
    assert every.exit_code == 2 and "--every must be seconds" in every.output


def test_the_api_and_the_page_show_each_sources_state(site, tmp_path):
    from fastapi.testclient import TestClient

    from newstrace.follow import Follower, FollowSettings
    from newstrace.web import create_app

    store = open_store(str(tmp_path / "c.db"), create=True)
    feed = site.rss("/feed.xml", [site.article("/a/1", 4, 1)])
    follower = Follower(store, FollowSettings(sources=(feed, site.url("/broken")), allow_hosts=("127.0.0.1",),
                                              per_host_delay=0, retry_wait=0, retries=0, workers=1))
    follower.round()
    follower.close()
    with TestClient(create_app(store=store, rate_limit=0)) as client:
        page = client.get("/api/sources").json()
        assert [item["url"] for item in page["items"]] == sorted([feed, site.url("/broken")])
        states = {item["url"]: item for item in page["items"]}
        assert states[feed]["status"] == "ok" and states[feed]["new_articles"] == 1
        assert states[feed]["last_fetch"].endswith(("+00:00", "Z"))
        assert states[site.url("/broken")]["status"] == "error"
        assert "HTTP 404" in states[site.url("/broken")]["error"]
        assert client.get("/api/sources", params={"limit": 1}).json()["next_offset"] == 1
        assert 'href="#/sources"' in client.get("/").text
        assert "viewSources" in client.get("/static/app.js").text


@pytest.mark.slow
def test_a_follower_killed_inside_a_batch_resumes_without_duplicates_or_refetching(site, tmp_path, config):
    links = [site.article(f"/k/{n}", 5, n) for n in range(6)]
    feed = site.rss("/feed.xml", links)
    db = str(tmp_path / "c.db")
    command = [sys.executable, "-m", "newstrace", "follow", feed, "--once", "--db", db, "--allow-host",
               "127.0.0.1", "--workers", "1", "--batch-size", "2", "--config", config]
    # batch one (two articles) committed; killed inside batch two's transaction
    first = run(kill_at_statement(command, r"^\s*INSERT INTO mentions", 3))
    assert first.returncode == -signal.SIGKILL, first.stderr
    store = open_store(db)
    committed = {a.url for a in store.articles(SearchFilters(limit=100))}
    assert len(committed) == 2
    fetched_before = dict(site.hits)
    second = run(command)
    assert second.returncode == 0, second.stderr
    urls = [a.url for a in store.articles(SearchFilters(limit=100))]
    assert sorted(urls) == sorted(url for url, _ in links)          # each once
    for url in committed:                                            # stored: not fetched again
        path = url.split(str(site.port), 1)[1]
        assert site.hits[path] == fetched_before[path] == 1
    assert {state for state, _ in store.entry_states([u for u, _ in links]).values()} == {"stored"}
    store.close()


@pytest.mark.slow
def test_serve_follow_runs_the_follower_beside_the_server(site, tmp_path):
    from newstrace.cli.follow import follow_beside
    from newstrace.config import Options
    from newstrace.follow import FollowSettings

    store = open_store(str(tmp_path / "c.db"), create=True)
    feed = site.rss("/feed.xml", [site.article(f"/s/{n}", 6, n) for n in range(2)])
    settings = FollowSettings(sources=(feed,), allow_hosts=("127.0.0.1",), per_host_delay=0,
                              retry_wait=0, every=3600, workers=1)
    stop = follow_beside(store, settings, Options.load(environ={}))
    done = threading.Event()
    try:
        for _ in range(600):        # the pool's worker loads the model first: wait for the round
            rows = store.follow_sources()
            if rows and rows[0]["status"]:
                done.set()
                break
            stop.wait(0.5)
    finally:
        stop.set()
    assert done.is_set(), "the follower's first round never ended"
    assert rows[0]["status"] == "ok" and rows[0]["total_articles"] == 2 and store.count() == 2
    store.close()
