"""`newstrace follow` against a news site the tests serve on a loopback port: entries
stored once across rounds, conditional GET, robots.txt, every kind of source, every bad
source reported while the others go on, and private addresses refused."""

from __future__ import annotations

import pytest

from newstrace.follow import Follower, FollowSettings
from newstrace.store import open_store

from .news_site import NewsSite, endless, trickle

# Tests wait for nothing: no pace between requests, no backoff between retries.
FAST = dict(allow_hosts=("127.0.0.1",), per_host_delay=0.0, retry_wait=0.0, every=0.0, workers=1)


@pytest.fixture
def store():
    opened = open_store(":memory:")
    yield opened
    opened.close()


OPENED: list[Follower] = []


@pytest.fixture(autouse=True)
def _close_followers():
    yield
    while OPENED:
        OPENED.pop().close()


def follower(store, *sources: str, **settings) -> Follower:
    made = Follower(store, FollowSettings(sources=sources, **{**FAST, **settings}), batch_size=4)
    OPENED.append(made)
    return made


def articles(site: NewsSite, prefix: str, numbers: range, seed: int = 1) -> list[tuple[str, str]]:
    return [site.article(f"{prefix}/{n}", seed, n) for n in numbers]


def stored_urls(store) -> set[str]:
    return {row.url for row in store.articles(_all())}


def _all():
    from newstrace.store import SearchFilters

    return SearchFilters(limit=1000)


def test_new_entries_are_stored_once_across_rounds(site, store):
    first = articles(site, "/world", range(3))
    feed = site.rss("/feed.xml", first, etag='"1"')
    follow = follower(store, feed)

    one = follow.round()
    assert one.ingest.stored == 3 and one.fetched == 3
    assert stored_urls(store) == {url for url, _ in first}

    later = articles(site, "/world", range(3, 5))
    site.rss("/feed.xml", later + first, etag='"2"')          # two new entries on top
    two = follow.round()
    assert two.ingest.stored == 2 and two.fetched == 2
    assert two.sources[0].new == 2 and two.sources[0].listed == 5
    assert store.count() == 5
    # the pages stored in the first round were not fetched again
    assert all(site.hits[f"/world/{n}"] == 1 for n in range(5))


def test_conditional_get_is_honoured_and_nothing_is_fetched_again(site, store):
    feed = site.rss("/feed.xml", articles(site, "/a", range(2)), etag='"v7"')
    follow = follower(store, feed)
    follow.round()
    again = follow.round()
    assert [s.status for s in again.sources] == ["not modified"]
    assert site.headers["/feed.xml"][-1].get("if-none-match") == '"v7"'
    assert "if-none-match" not in site.headers["/feed.xml"][0]
    assert again.fetched == 0 and site.hits["/a/0"] == site.hits["/a/1"] == 1
    state = store.follow_sources()[0]
    assert state["etag"] == '"v7"' and state["status"] == "not modified"
    assert state["total_articles"] == 2 and state["new_articles"] == 0


def test_a_feed_without_validators_lists_stored_entries_that_are_not_fetched_again(site, store):
    feed = site.atom("/atom.xml", articles(site, "/b", range(3)))
    follow = follower(store, feed)
    follow.round()
    again = follow.round()
    assert again.sources[0].status == "ok" and again.sources[0].new == 0
    assert again.fetched == 0 and all(site.hits[f"/b/{n}"] == 1 for n in range(3))


def test_every_kind_of_source(site, store):
    """RSS, Atom, JSON Feed, a sitemap, a home page linking its feed, and a file listing them."""
    rss = site.rss("/rss.xml", articles(site, "/r", range(2), seed=2))
    atom = site.atom("/atom.xml", articles(site, "/t", range(2), seed=3))
    json_feed = site.json_feed("/feed.json", articles(site, "/j", range(2), seed=4))
    sitemap = site.sitemap("/sitemap.xml", [url for url, _ in articles(site, "/s", range(2), seed=5)])
    site.rss("/home-feed.xml", articles(site, "/h", range(2), seed=6))
    home = site.home("/", "/home-feed.xml")
    summary = follower(store, rss, atom, json_feed, sitemap, home).round()
    assert [s.status for s in summary.sources] == ["ok"] * 5, [s.error for s in summary.sources]
    assert summary.ingest.stored == 10
    prefixes = {url.split("/")[3] for url in stored_urls(store)}
    assert prefixes == {"r", "t", "j", "s", "h"}
    home_state = next(s for s in store.follow_sources() if s["url"] == home)
    assert home_state["feed_url"] == site.url("/home-feed.xml") and home_state["kind"] == "feed"


def test_a_file_lists_sources(site, tmp_path):
    from newstrace.follow import source_urls

    listed = tmp_path / "sources.txt"
    listed.write_text("# my sources\nhttps://a.example/feed.xml\n\n  https://b.example/#top  # a comment\n"
                      "https://a.example/feed.xml\n")
    assert source_urls([str(listed), "https://c.example/rss"]) == [
        "https://a.example/feed.xml", "https://b.example/#top", "https://c.example/rss"]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://a.example/\nftp://b.example/feed\n")
    from newstrace.errors import ConfigError

    with pytest.raises(ConfigError, match="bad.txt:2"):
        source_urls([str(bad)])
    with pytest.raises(ConfigError, match="neither an http"):
        source_urls([str(tmp_path / "missing.txt")])


def test_robots_txt_is_obeyed(site, store):
    site.robots("User-agent: *\nDisallow: /private/\n")
    public = articles(site, "/news", range(2))
    private = articles(site, "/private", range(2))
    feed = site.rss("/feed.xml", public + private, summaries=True)
    summary = follower(store, feed).round()
    assert site.hits["/private/0"] == site.hits["/private/1"] == 0
    assert site.hits["/news/0"] == 1 and site.hits["/robots.txt"] == 1
    # the disallowed pages are analysed from the feed's own content instead
    assert summary.fetched == 2 and summary.from_feed == 2 and summary.ingest.stored == 4


def test_robots_txt_disallowing_us_by_name_and_without_feed_content(site, store):
    site.robots("User-agent: newstrace\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    feed = site.rss("/feed.xml", articles(site, "/n", range(2)))
    summary = follower(store, feed).round()
    assert site.hits["/feed.xml"] == 0
    assert summary.sources[0].status == "error"
    assert "disallowed by the site's robots.txt" in summary.sources[0].error


def test_a_robots_txt_answering_500_disallows_the_host_for_now(site, store):
    site.add("/robots.txt", b"oops", status=500)
    feed = site.rss("/feed.xml", articles(site, "/n", range(1)))
    summary = follower(store, feed, retries=0).round()
    assert site.hits["/feed.xml"] == 0
    assert "RFC 9309" in summary.sources[0].error


def test_each_bad_source_is_reported_while_the_others_go_on(site, store):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{closed.getsockname()[1]}/feed.xml"
    closed.close()                                       # nothing listens there now
    good = site.rss("/good.xml", articles(site, "/ok", range(2)))
    missing = site.url("/missing.xml")
    broken = site.add("/broken.xml", b"server error", status=500)
    html = site.add("/page.html", b"<!doctype html><html><head><title>x</title></head><body>No feed.</body></html>")
    loop = site.add("/loop", b"", status=302, headers={"Location": "/loop"})
    slow = site.add("/slow.xml", trickle(site.stop), content_type="application/rss+xml")
    huge = site.add("/huge.xml", endless(), content_type="application/rss+xml")
    declared = site.add("/declared.xml", b"", content_type="application/rss+xml", length=1 << 30)
    junk = site.add("/junk", b"\x00\x01\x02 binary", content_type="application/octet-stream")
    sources = [dead, missing, good, broken, html, loop, slow, huge, declared, junk]
    # a generous timeout: only the trickling source, which never ends, must meet it
    summary = follower(store, *sources, timeout=3.0, retries=1, max_feed_bytes=2_000_000).round()
    reports = {s.url: s for s in summary.sources}
    assert reports[good].status == "ok" and summary.ingest.stored == 2
    expected = {
        dead: "cannot connect",
        missing: "HTTP 404",
        broken: "HTTP 500",
        html: "links to no feed",
        loop: "more than 5 redirects",
        slow: "took over 3 s",
        huge: "over the limit of 2,000,000 bytes; cut off",
        declared: "is 1,073,741,824 bytes, over the limit",
        junk: "neither a feed, a sitemap nor a web page",
    }
    for url, words in expected.items():
        assert reports[url].status == "error", url
        assert url in reports[url].error and words in reports[url].error, reports[url].error
    assert site.hits["/broken.xml"] == 2               # tried again once (retries=1)
    assert site.hits["/missing.xml"] == 1              # a 404 is not worth a retry
    assert site.hits["/loop"] == 6
    # the failing sources are kept with their error and polled again later
    states = {row["url"]: row for row in store.follow_sources()}
    assert states[broken]["errors_in_row"] == 1 and "HTTP 500" in states[broken]["error"]
    assert states[broken]["next_poll"] > states[good]["next_poll"]


def test_a_bad_page_is_reported_and_the_round_goes_on(site, store):
    good = articles(site, "/ok", range(2))
    site.add("/gone", b"", status=404)
    site.add("/big", endless())
    site.add("/flaky", b"", status=503)
    links = good + [(site.url("/gone"), "Gone"), (site.url("/big"), "Big"), (site.url("/flaky"), "Flaky")]
    feed = site.rss("/feed.xml", links)
    follow = follower(store, feed, max_page_bytes=1_000_000, retries=0, page_attempts=2)
    summary = follow.round()
    assert summary.ingest.stored == 2 and summary.fetch_failed == 3
    messages = dict(summary.ingest.failures)
    assert "HTTP 404" in messages[site.url("/gone")]
    assert "over the limit of 1,000,000 bytes" in messages[site.url("/big")]
    follow.round()
    follow.round()
    # a 404 and a page too large are not fetched again; a 503 is, up to page_attempts
    assert site.hits["/gone"] == 1 and site.hits["/big"] == 1 and site.hits["/flaky"] == 2
    assert [f["key"] for f in store.failures()].count(site.url("/flaky")) == 1


@pytest.mark.slow
def test_a_feed_of_100000_entries_gives_its_first_entries(site, store):
    links = articles(site, "/a", range(3)) + [(site.url(f"/n/{n}"), f"Entry {n}") for n in range(100_000)]
    feed = site.rss("/big.xml", links)
    summary = follower(store, feed, max_entries=5, max_feed_bytes=50_000_000).round()
    report = summary.sources[0]
    assert report.status == "ok" and report.listed == 100_003 and report.new == 5
    assert summary.ingest.stored == 3 and summary.fetch_failed == 2     # /n/0 and /n/1: 404


def test_a_feed_entry_at_a_private_address_is_refused(site, store):
    """The feed's host is allowed by name; its entries' hosts are not."""
    good = articles(site, "/ok", range(1))
    site.article("/secret", 9, 1)
    site.add("/bounce", b"", status=302, headers={"Location": site.url("/secret", host="localhost")})
    entries = good + [
        (site.url("/secret", host="localhost"), "Loopback by another name"),
        (f"http://[::1]:{site.port}/secret", "IPv6 loopback"),
        ("http://10.1.2.3/admin", "A private network"),
        ("http://169.254.169.254/latest/meta-data/", "Cloud metadata"),
        (site.url("/bounce"), "A redirect to loopback"),
    ]
    summary = follower(store, site.rss("/feed.xml", entries)).round()
    assert summary.ingest.stored == 1
    assert site.hits["/secret"] == 0                    # never reached by any way
    messages = dict(summary.ingest.failures)
    for url, kind in [(site.url("/secret", host="localhost"), "loopback"),
                      (f"http://[::1]:{site.port}/secret", "loopback"),
                      ("http://10.1.2.3/admin", "private"),
                      ("http://169.254.169.254/latest/meta-data/", "link-local"),
                      (site.url("/bounce"), "loopback")]:
        assert f"a {kind} address" in messages[url] and "--allow-host" in messages[url], messages[url]


def test_nothing_private_is_fetched_unless_allowed(site, store):
    feed = site.rss("/feed.xml", articles(site, "/ok", range(1)))
    summary = follower(store, feed, allow_hosts=()).round()
    assert summary.sources[0].status == "error" and "a loopback address" in summary.sources[0].error
    assert sum(site.hits.values()) == 0


def test_relative_entry_links_are_read_against_the_feeds_address(site, store):
    site.article("/news/1", 8, 1)
    site.article("/news/2", 8, 2)
    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Relative</title>'
            "<item><title>One</title><link>/news/1</link></item>"
            "<item><title>Two</title><link>news/2</link></item></channel></rss>")
    feed = site.add("/feed.xml", body.encode(), content_type="application/rss+xml")
    summary = follower(store, feed).round()
    assert summary.ingest.stored == 2
    assert stored_urls(store) == {site.url("/news/1"), site.url("/news/2")}


def test_an_unexpected_error_in_one_source_or_page_leaves_the_others(site, store, caplog):
    good = articles(site, "/ok", range(2))
    feed = site.rss("/feed.xml", good + [(site.url("/explodes"), "Boom")])
    other = site.rss("/other.xml", articles(site, "/more", range(1), seed=2))
    follow = follower(store, feed, other)
    real_get = follow.fetcher.get

    def flaky_get(url, *args, **kwargs):
        if url.endswith(("/explodes", "/other.xml")):
            raise RuntimeError("a bug")
        return real_get(url, *args, **kwargs)

    follow.fetcher.get = flaky_get
    summary = follow.round()
    reports = {s.url: s for s in summary.sources}
    assert reports[feed].status == "ok" and summary.ingest.stored == 2
    assert reports[other].status == "error" and "RuntimeError: a bug" in reports[other].error
    assert "RuntimeError: a bug" in dict(summary.ingest.failures)[site.url("/explodes")]


def test_a_long_feed_is_taken_a_few_new_entries_a_round(site, store):
    links = articles(site, "/long", range(7))
    follow = follower(store, site.rss("/feed.xml", links), max_entries=3)
    rounds = [follow.round() for _ in range(4)]
    assert [r.ingest.stored for r in rounds] == [3, 3, 1, 0]
    assert [r.sources[0].new for r in rounds] == [3, 3, 1, 0]
    assert store.count() == 7 and all(site.hits[f"/long/{n}"] == 1 for n in range(7))


def test_a_home_pages_feed_that_moves_is_found_again(site, store):
    site.rss("/old.xml", articles(site, "/o", range(1)))
    home = site.home("/", "/old.xml")
    follow = follower(store, home)
    follow.round()
    assert store.follow_sources()[0]["feed_url"] == site.url("/old.xml")
    del site.routes["/old.xml"]
    site.rss("/new.xml", articles(site, "/o", range(1, 3)))
    site.home("/", "/new.xml")
    summary = follow.round()
    assert summary.sources[0].status == "ok" and summary.ingest.stored == 2
    assert store.follow_sources()[0]["feed_url"] == site.url("/new.xml")


def test_a_followed_page_is_analysed_as_ingest_analyses_its_file(site, store, tmp_path):
    """One path into the corpus: the same page followed or ingested from a file gives the
    same text, entities, quotes, events, title and date (the page's own date, not the
    feed's: only where it was read differs)."""
    from pathlib import Path

    from newstrace.config import Options
    from newstrace.corpus.ingest import ingest

    root = Path(__file__).resolve().parents[2]
    pages = [root / "examples" / "03_council-budget.html", root / "tests" / "fixtures" / "corpus" / "article.html"]
    links = [(site.add(f"/p/{n}", page.read_bytes()), page.stem) for n, page in enumerate(pages)]
    follower(store, site.rss("/feed.xml", links)).round()
    files = open_store(":memory:")
    ingest([str(p) for p in pages], files, Options.load(environ={}), workers=1)

    def parts(s):
        found = {}
        for d in s.dossiers():
            found[d["text"][:60]] = (d["text"], sorted(e["name"] for e in d["entities"]),
                                     [q["span"]["text"] for q in d["quotes"]], [e["type"] for e in d["events"]],
                                     d["metadata"]["published"], d["metadata"]["title"])
        return found

    followed, ingested = parts(store), parts(files)
    files.close()
    assert len(followed) == 2 and followed == ingested


def test_entries_left_for_later_keep_the_listing_unconditional(site, store):
    """A 304 must not hide the entries a round left for the next one."""
    links = articles(site, "/w", range(5))
    follow = follower(store, site.rss("/feed.xml", links, etag='"same"'), max_entries=2)
    stored = [follow.round().ingest.stored for _ in range(4)]
    assert stored == [2, 2, 1, 0] and store.count() == 5
    sent = [h.get("if-none-match") for h in site.headers["/feed.xml"]]
    assert sent == [None, None, None, '"same"']      # conditional once nothing is left


def test_a_slow_hosts_pages_spread_over_rounds_and_other_hosts_go_first(site, store):
    from newstrace.follow import Fetcher

    from .test_fetcher import FakeTime

    slow = [(site.url(f"/slow/{n}", host="localhost"), f"Slow {n}") for n in range(4)]
    for n in range(4):
        site.article(f"/slow/{n}", 13, n)
    quick = articles(site, "/quick", range(2))
    feed = site.rss("/feed.xml", slow + quick)
    time = FakeTime()
    settings = FollowSettings(sources=(feed,), allow_hosts=("127.0.0.1", "localhost"), per_host_delay=0,
                              retry_wait=0, every=120, workers=1)
    site.robots("User-agent: *\nCrawl-delay: 50\n")
    fetcher = Fetcher(settings, clock=time.clock, sleep=time.sleep)
    fetcher.get(site.url("/robots.txt", host="localhost"), 1000)     # its Crawl-delay is known
    made = Follower(store, settings, fetcher=fetcher, batch_size=4)
    OPENED.append(made)
    first = made.round()
    # each host asks 50 s a page (one robots.txt serves both names): 2 pages of each in a
    # 120 s round, taken in turn; the slow host's other 2 wait for the next round
    assert first.ingest.stored == 4 and first.sources[0].new == 4
    assert {u.split("/")[3] for u in stored_urls(store)} == {"slow", "quick"}
    second = made.round(force=True)
    assert second.ingest.stored == 2 and store.count() == 6
