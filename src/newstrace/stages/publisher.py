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

_NAME = r"[A-Z][\w&'’.\-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&'’.\-]*){0,4}"
# Where a promotion line names its outlet: "news with BLITZ", "Follow The Courier on
# X", "Subscribe to the Daily Planet newsletter", "BLITZ on Telegram".
PROMO_NAMES = (
    re.compile(r"\b(?:[Ww]ith|[Ff]rom|[Ff]ollow|[Ss]ubscribe to|[Jj]oin|[Rr]ead)\s+(?:the\s+)?"
               r"(?P<name>" + _NAME + r")\s+(?:and\s+)?(?:on|at|via|newsletter|channel|app)\b"),
    re.compile(r"\b[Ww]ith\s+(?P<name>" + _NAME + r")"),
    re.compile(r"(?P<name>" + _NAME + r")(?:'s|’s)?\s+(?:newsletter|channel|app)\b"),
)
# Capitalised words that open a promotion line and are not names.
NOT_NAMES = frozenset("""
follow join subscribe like download get support stay sign click tap read watch listen
share find become turn enable never don't dont our us news latest here channel
newsletter app updates more and on with""".split())


@stage("publisher", reads=("blocks",), adds=("metadata.publisher",))
def publisher(work: Work) -> None:
    meta = work.dossier.metadata
    if meta.publisher or work.input.content_type == "plain":
        return
    meta.publisher = (
        _from_promo(work) or _from_copyright(work) or _from_title_suffix(work)
        or host_name(meta.url)
    )


def site_names(work: Work) -> list[str]:
    """Every name the page gives itself outside the title: promotion, copyright, URL."""
    names = [_from_promo(work), _from_copyright(work), host_name(work.dossier.metadata.url)]
    return [n for n in names if n]


def _from_promo(work: Work) -> str | None:
    for block in work.blocks:
        if block.kind == "promo":
            name = name_in_promo(block.text)
            if name:
                return name
    return None


def name_in_promo(line: str) -> str | None:
    """The outlet a promotion line names, found where such lines name it; never a platform."""
    for pattern in PROMO_NAMES:
        for match in pattern.finditer(line):
            words = match.group("name").split()
            while words and words[0].lower().strip(".") in NOT_NAMES:
                words = words[1:]
            name = " ".join(words).strip(" .")
            if name and not platform_named(name):
                return name
    return None


def _from_copyright(work: Work) -> str | None:
    # Other "other" blocks carry other findings (an origin note's relation and outlet).
    return next((b.info for b in work.blocks if b.kind == "other" and isinstance(b.info, str)
                 and b.info), None)


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
