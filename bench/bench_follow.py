"""One round of `newstrace follow` over 20 feeds of 50 entries each, served locally.

    .venv/bin/python bench/bench_follow.py [--feeds 20] [--entries 50] [--workers 2] [--db PATH]

The pages are the PolNeAR texts of ../shared/eval/quotes as web pages when present
(English news), else generated articles (tests/fault_harness.py); the site is
tests/follow/news_site.py on a loopback port, allowed by name. It times:

(a) the fetching alone: every feed and page through the follower's fetcher, with its
    concurrency and no pace (one host here; on the web the pace per host bounds it);
(b) the first round of the follower into a fresh store (fetch, analyse on --workers
    processes, store, place stories): articles per second;
(c) a second round, in which every feed answers 304 and nothing is fetched again;
(d) for comparison, `newstrace ingest` of the same pages from files into another store,
    on the same workers: what following costs beyond reading files.
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newstrace.config import Options  # noqa: E402
from newstrace.corpus.ingest import ingest  # noqa: E402
from newstrace.follow import Fetcher, Follower, FollowSettings  # noqa: E402
from newstrace.store import open_store  # noqa: E402
from tests.follow.news_site import NewsSite, serving  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "quotes"


def pages(count: int) -> list[tuple[str, bytes]]:
    """`count` distinct article pages: (title, HTML)."""
    texts = sorted(SHARED.glob("*/text/*.txt")) if SHARED.exists() else []
    made: list[tuple[str, bytes]] = []
    for number in range(count):
        if texts:
            text = texts[number % len(texts)].read_text("utf-8", errors="replace")
            paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
            title = f"{paragraphs[0][:80]} ({number})" if paragraphs else f"Article {number}"
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
            body += f"<p>Reference {number}.</p>"      # a text used twice is still its own page
            page = (f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
                    f"<nav>Home | World</nav><article><h1>{html.escape(title)}</h1>{body}</article>"
                    "<footer>Copyright</footer></body></html>")
            made.append((title, page.encode()))
        else:
            from tests.fault_harness import article_page

            title, page = article_page(7, number)
            made.append((title, page.encode()))
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default=None, help="a store URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    total = args.feeds * args.entries
    with serving(NewsSite()) as site, tempfile.TemporaryDirectory(prefix="newstrace-follow-") as tmp:
        feeds = []
        made = pages(total)
        for f in range(args.feeds):
            links = []
            for e in range(args.entries):
                number = f * args.entries + e
                title, page = made[number]
                links.append((site.add(f"/feed{f}/a{e}", page), title))
            feeds.append(site.rss(f"/feed{f}.xml", links, etag=f'"{f}"'))
        settings = FollowSettings(sources=tuple(feeds), allow_hosts=("127.0.0.1",), per_host_delay=0,
                                  retry_wait=0, max_entries=args.entries, workers=args.workers)

        fetcher = Fetcher(settings)
        started = time.perf_counter()
        from concurrent.futures import ThreadPoolExecutor

        urls = feeds + [site.url(f"/feed{f}/a{e}") for f in range(args.feeds) for e in range(args.entries)]
        with ThreadPoolExecutor(settings.concurrency) as pool:
            sizes = list(pool.map(lambda url: len(fetcher.get(url, settings.max_page_bytes).body), urls))
        fetch_seconds = time.perf_counter() - started
        fetcher.close()
        print(f"(a) fetching alone: {len(urls)} responses ({sum(sizes) / 1e6:.1f} MB) in {fetch_seconds:.2f} s: "
              f"{len(urls) / fetch_seconds:.0f} responses/s, concurrency {settings.concurrency}")

        store = open_store(args.db or str(Path(tmp) / "follow.db"), create=True)
        follower = Follower(store, settings, Options.load(environ={}), batch_size=16)
        first = follower.round()
        print(f"(b) first round: {args.feeds} feeds x {args.entries} entries: {first.fetched} pages fetched, "
              f"{first.ingest.stored} stored, {first.ingest.failed} failed, {first.ingest.stories} stories, "
              f"in {first.seconds:.1f} s: {first.rate:.2f} articles/s with {args.workers} workers")
        second = follower.round(force=True)
        print(f"(c) second round: {second.count('not modified')} of {args.feeds} feeds not modified, "
              f"{second.fetched} pages fetched, in {second.seconds:.2f} s")
        follower.close()
        store.close()

        folder = Path(tmp) / "pages"
        folder.mkdir()
        for number, (_title, page) in enumerate(made):
            (folder / f"{number:05d}.html").write_bytes(page)
        files = open_store(str(Path(tmp) / "ingest.db"), create=True)
        ingested = ingest([str(folder)], files, Options.load(environ={}), workers=args.workers,
                          batch_size=16)
        files.close()
        print(f"(d) ingest of the same {total} pages from files: {ingested.stored} stored in "
              f"{ingested.seconds:.1f} s: {ingested.rate:.2f} articles/s with {args.workers} workers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
