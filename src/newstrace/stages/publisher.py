"""Stage `publisher`: the site or outlet that published the page.

In order: what the HTML markup names (read earlier), the name a promotion line
gives ("Follow the latest news with BLITZ on Telegram"), a copyright line, the
site name after the title ("Title | The Courier"), then the URL's host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..pipeline import Work, stage
from .lines import platform_named

NAME = re.compile(r"(?<![\w'’])([A-Z][\w&'’.\-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&'’.\-]*){0,4})")
# Capitalised words that open a promotion line and are not names.
NOT_NAMES = frozenset("""
follow join subscribe like download get support stay sign click tap read watch listen
share find become turn enable never don't dont the our us news latest here channel
newsletter app telegram updates more and on with""".split())


@stage("publisher", reads=("blocks",), adds=("metadata.publisher", "metadata.url"))
def publisher(work: Work) -> None:
    meta = work.dossier.metadata
    meta.url = work.hints.url or meta.url
    if meta.publisher or work.input.content_type == "plain":
        return
    meta.publisher = (
        _from_promo(work) or _from_copyright(work) or _from_title_suffix(work)
        or host_name(meta.url)
    )


def _from_promo(work: Work) -> str | None:
    for block in work.blocks:
        if block.kind == "promo":
            name = name_in_promo(block.text)
            if name:
                return name
    return None


def name_in_promo(line: str) -> str | None:
    """The outlet a promotion line names: the first capitalised name that is no platform."""
    for match in NAME.finditer(line):
        words = match.group(1).split()
        while words and words[0].lower().strip(".") in NOT_NAMES:
            words = words[1:]
        name = " ".join(words).strip(" .")
        if name and not platform_named(name) and name.lower() not in NOT_NAMES:
            return name
    return None


def _from_copyright(work: Work) -> str | None:
    return next((b.info for b in work.blocks if b.kind == "other" and b.info), None)


def _from_title_suffix(work: Work) -> str | None:
    candidates = work.scratch.get("publisher_candidates", [])
    return candidates[0][1] if candidates else None


def host_name(url: str | None) -> str | None:
    """'https://www.example-news.com/a/b' -> 'example-news.com'."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = re.sub(r"^(?:www\d*|m|amp|mobile)\.", "", host)
    return host or None
