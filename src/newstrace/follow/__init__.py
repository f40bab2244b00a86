"""Following the news: feeds, home pages and sitemaps polled on a schedule into the corpus.

- `settings`: `FollowSettings`, from the `[follow]` table of `newstrace.toml` and flags;
- `guard`: connections to public addresses only, unless a host is allowed by name;
- `fetcher`: the polite GET (robots.txt, per-host pace, conditional GET, retries, limits);
- `sources`: what a source is and what its answer lists (feed, sitemap, home page);
- `follower`: the rounds, storing through `corpus.ingest.ingest_records` as `ingest` does.

`newstrace follow` and `newstrace serve --follow` are thin layers over `Follower`.
"""

from .fetcher import Fetched, Fetcher
from .follower import Follower, RoundSummary, SourceReport
from .settings import FollowSettings, parse_duration
from .sources import source_urls

__all__ = ["Fetched", "Fetcher", "FollowSettings", "Follower", "RoundSummary", "SourceReport",
           "parse_duration", "source_urls"]
