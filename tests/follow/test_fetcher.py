"""The follower's parts: its settings, the address guard, the per-host pace, retries and
redirects (against the test site), and what a source's answer is read as."""

from __future__ import annotations

import ipaddress

import pytest

from newstrace.errors import ConfigError, FetchError
from newstrace.follow import Fetcher, FollowSettings, parse_duration
from newstrace.follow.fetcher import HostClock
from newstrace.follow.guard import AddressPolicy

FAST = dict(allow_hosts=("127.0.0.1",), per_host_delay=0.0, retry_wait=0.0)


@pytest.fixture
def fetcher():
    made = Fetcher(FollowSettings(**FAST))
    yield made
    made.close()


# -- settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("given, seconds", [(900, 900), ("900", 900), ("90s", 90), ("15m", 900),
                                            ("2h", 7200), ("1d", 86400), ("1.5m", 90), (" 3 MIN ", 180)])
def test_durations(given, seconds):
    assert parse_duration(given) == seconds


@pytest.mark.parametrize("given", ["fortnight", "15 minutes", "-5", "m"])
def test_bad_durations_name_the_accepted_forms(given):
    with pytest.raises(ConfigError, match="s, m, h or d"):
        parse_duration(given, "--every")


def test_the_follow_table_of_the_config_file(tmp_path):
    config = tmp_path / "newstrace.toml"
    config.write_text('[analyze]\nbatch_size = 4\n[follow]\nevery = "5m"\nmax_page_bytes = "2MB"\n'
                      'allow_hosts = ["intranet.example"]\nsources = ["https://a.example/feed"]\n')
    settings = FollowSettings.load(config, environ={}, concurrency=2)
    assert (settings.every, settings.max_page_bytes, settings.concurrency) == (300, 2_000_000, 2)
    assert settings.allow_hosts == ("intranet.example",)
    assert settings.sources == ("https://a.example/feed",)
    config.write_text("[follow]\nevery_minute = 5\n")
    with pytest.raises(ConfigError, match="unknown follow setting.*every_minute"):
        FollowSettings.load(config, environ={})
    config.write_text("[follow]\nconcurrency = 0\n")
    with pytest.raises(ConfigError, match="concurrency must be at least 1"):
        FollowSettings.load(config, environ={})


# -- the address guard ----------------------------------------------------------------------------


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "10.0.0.7", "172.16.4.4", "192.168.1.1",
    "100.64.0.1", "169.254.169.254", "fe80::1", "fc00::5", "0.0.0.0", "::", "224.0.0.1",
    "192.0.2.1", "240.0.0.1"])
def test_non_public_addresses_are_refused(address):
    with pytest.raises(FetchError, match="refused: .* the follower fetches only public addresses") as caught:
        AddressPolicy().addresses(address, 80)
    assert caught.value.permanent


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert ipaddress.ip_address(AddressPolicy().addresses(address, 80)[0]).is_global


def test_hosts_are_allowed_by_the_name_written_in_the_url():
    policy = AddressPolicy(["127.0.0.1", "[::1]", "LocalHost."])
    assert policy.addresses("127.0.0.1", 80) == ["127.0.0.1"]
    assert policy.addresses("::1", 80) == ["::1"]
    assert "127.0.0.1" in policy.addresses("localhost", 80)
    with pytest.raises(FetchError, match="a loopback address"):
        AddressPolicy(["127.0.0.1"]).addresses("localhost", 80)


def test_only_web_addresses_are_fetched(fetcher):
    for url in ("file:///etc/passwd", "ftp://example.org/feed", "gopher://x/", "http:///nohost"):
        with pytest.raises(FetchError, match="not an http"):
            fetcher.get(url, 1000)


# -- pace, retries, redirects ---------------------------------------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_one_host_is_asked_once_per_delay_and_hosts_do_not_wait_for_each_other():
    time = FakeTime()
    clock = HostClock(time.clock, time.sleep)
    for host in ["a", "a", "b", "a", "b", "c"]:
        clock.wait(host, 2.0)
    # a at 0, 2, 4; b at 4 (after a's waits), 6; c at once
    assert time.slept == [2.0, 2.0]
    time = FakeTime()
    clock = HostClock(time.clock, time.sleep)
    clock.wait("a", 5.0)
    time.now = 3.0
    clock.wait("a", 5.0)
    assert time.slept == [2.0]


def test_crawl_delay_slows_a_host_down(site):
    site.robots("User-agent: *\nCrawl-delay: 7\n")
    site.add("/a", b"<html><body>a</body></html>")
    site.add("/b", b"<html><body>b</body></html>")
    fake = FakeTime()
    made = Fetcher(FollowSettings(**{**FAST, "per_host_delay": 1.0}), clock=fake.clock, sleep=fake.sleep)
    try:
        made.get(site.url("/a"), 1000)
        made.get(site.url("/b"), 1000)
    finally:
        made.close()
    # robots.txt at 0, then /a waits the pace (1 s, before the delay is known), /b waits 7 s
    assert fake.slept == [1.0, 7.0]


def test_retries_on_5xx_with_backoff_and_none_on_4xx(site):
    site.add("/busy", b"", status=503)
    site.add("/gone", b"", status=410)
    fake = FakeTime()
    made = Fetcher(FollowSettings(**{**FAST, "retries": 3, "retry_wait": 1.0}), clock=fake.clock,
                   sleep=fake.sleep)
    try:
        with pytest.raises(FetchError, match="HTTP 503") as busy:
            made.get(site.url("/busy"), 1000)
        with pytest.raises(FetchError, match="HTTP 410") as gone:
            made.get(site.url("/gone"), 1000)
    finally:
        made.close()
    assert site.hits["/busy"] == 4 and site.hits["/gone"] == 1
    assert not busy.value.permanent and gone.value.permanent
    assert fake.slept == [1.0, 2.0, 4.0]             # exponential backoff


def test_a_long_retry_after_is_left_for_a_later_round(site, fetcher):
    site.add("/later", b"", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="HTTP 429") as caught:
        fetcher.get(site.url("/later"), 1000)
    assert site.hits["/later"] == 1 and caught.value.retry_after == 3600


def test_redirects_are_followed_and_limited(site, fetcher):
    site.add("/one", b"", status=301, headers={"Location": "/two"})
    site.add("/two", b"", status=307, headers={"Location": site.url("/three")})
    site.add("/three", b"<html><body>here</body></html>")
    fetched = fetcher.get(site.url("/one"), 1000)
    assert fetched.url == site.url("/three") and fetched.body.endswith(b"here</body></html>")
    for n in range(7):
        site.add(f"/hop{n}", b"", status=302, headers={"Location": f"/hop{n + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(site.url("/hop0"), 1000)
    assert site.hits["/hop6"] == 0


def test_a_gzipped_answer_is_limited_by_its_inflated_size(site, fetcher):
    import gzip

    bomb = gzip.compress(b"a" * 5_000_000)
    site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="over the limit of 1,000,000 bytes"):
        fetcher.get(site.url("/bomb"), 1_000_000)


@pytest.mark.parametrize("address", [
    "64:ff9b::a00:1",             # NAT64 for 10.0.0.1
    "64:ff9b:1::7f00:1",          # NAT64 (local use) for 127.0.0.1
    "2002:a9fe:a9fe::",           # 6to4 for 169.254.169.254
    "::7f00:1",                   # IPv4-compatible 127.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",   # Teredo, its client 192.0.2.45
    "fec0::1"])                   # site-local
def test_ipv6_addresses_carrying_a_private_ipv4_one_are_refused(address):
    with pytest.raises(FetchError, match="refused"):
        AddressPolicy().addresses(address, 80)


def test_a_server_trickling_its_headers_is_cut_off(site):
    from .news_site import trickled_headers

    site.add("/slow", raw=trickled_headers(site.stop))
    made = Fetcher(FollowSettings(**{**FAST, "timeout": 1.0, "retries": 0}))
    try:
        with pytest.raises(FetchError, match="took over 1 s"):
            made.get(site.url("/slow"), 1000)
    finally:
        made.close()


def test_a_huge_retry_after_is_read_as_a_day(site, fetcher):
    site.add("/never", b"", status=503, headers={"Retry-After": "999999999999"})
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/never"), 1000)
    assert caught.value.retry_after == 86_400


def test_a_long_robots_txt_is_read_up_to_500_kib(site, fetcher):
    rules = "User-agent: *\nDisallow: /private/\n"
    site.robots(rules + "# " + "x" * 700_000 + "\nDisallow: /late/\n")
    site.add("/private/a", b"<html><body>a</body></html>")
    site.add("/late/a", b"<html><body>late</body></html>")
    with pytest.raises(FetchError, match="disallowed by the site's robots.txt"):
        fetcher.get(site.url("/private/a"), 1000)
    assert fetcher.get(site.url("/late/a"), 1000).body.endswith(b"late</body></html>")


def test_a_host_whose_robots_txt_cannot_be_reached_is_not_asked_again_at_once(fetcher):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    with pytest.raises(FetchError, match=f"http://127.0.0.1:{port}/a: cannot connect"):
        fetcher.get(f"http://127.0.0.1:{port}/a", 1000)
    connects = []
    real = fetcher.client._transport._pool._network_backend.connect_tcp

    def counted(*args, **kwargs):
        connects.append(args)
        return real(*args, **kwargs)

    fetcher.client._transport._pool._network_backend.connect_tcp = counted
    with pytest.raises(FetchError, match=f"http://127.0.0.1:{port}/b: cannot connect"):
        fetcher.get(f"http://127.0.0.1:{port}/b", 1000)
    assert connects == []            # the host's failure was remembered


def test_an_unknown_content_encoding_is_refused(site, fetcher):
    site.add("/br", b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="encoding 'br'"):
        fetcher.get(site.url("/br"), 1000)


def test_what_an_answer_is_read_as():
    from newstrace.follow import Fetched
    from newstrace.follow.sources import read_listing

    latin = ('<?xml version="1.0" encoding="ISO-8859-1"?><urlset xmlns="http://www.sitemaps.org/schemas/'
             'sitemap/0.9"><url><loc>https://a.example/caf\xe9</loc></url><url><loc>https://elsewhere.example/x'
             '</loc></url></urlset>').encode("latin-1")
    listing = read_listing("s", Fetched("https://a.example/sitemap.xml", 200, latin, "application/xml"), 10)
    assert [e.url for e in listing.entries] == ["https://a.example/caf\xe9"]   # its own host only
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
             b"https://a.example/s1.xml</loc></sitemap></sitemapindex>")
    listing = read_listing("s", Fetched("https://a.example/index.xml", 200, index, "text/xml"), 10)
    assert listing.kind == "sitemap" and listing.sitemaps == ["https://a.example/s1.xml"]
    rdf = (b'<?xml version="1.0"?><!-- a comment --><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
           b' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>T</title></channel>'
           b'<item rdf:about="https://a.example/1"><title>One</title><link>https://a.example/1</link></item></rdf:RDF>')
    listing = read_listing("s", Fetched("https://a.example/rdf", 200, rdf, "application/rdf+xml"), 10)
    assert listing.kind == "feed" and [e.url for e in listing.entries] == ["https://a.example/1"]
