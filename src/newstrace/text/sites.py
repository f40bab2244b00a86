"""The names a site gives itself: its host name (an archived copy's is the archived
page's), the outlet a promotion line or a copyright line names, and the legal forms to
leave out when a name is compared with a domain. `publisher`, `title`, `authors`,
`html_metadata` and `attribution` all read them; the store keys outlets by host name.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .blocks import Block
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


# A company's or association's legal form, left out when a name is compared with a domain.
LEGAL_FORM = re.compile(r"\b(?:e\.\s?V|GmbH|gGmbH|AG|GbR|Inc|Ltd|LLC|S\.L|S\.A|Sp\. z o\.o)\b\.?", re.I)


def site_names(blocks: list[Block], url: str | None) -> list[str]:
    """Every name the page gives itself outside the title: promotion, copyright, URL."""
    names = [promo_name(blocks), copyright_name(blocks), host_name(url)]
    return [n for n in names if n]


def promo_name(blocks: list[Block]) -> str | None:
    """The outlet the first promotion line naming one names."""
    for block in blocks:
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


def copyright_name(blocks: list[Block]) -> str | None:
    """The holder a copyright line names (`clean_text` keeps it in the block's info)."""
    # Other "other" blocks carry other findings (an origin note's relation and outlet).
    return next((b.info for b in blocks if b.kind == "other" and isinstance(b.info, str)
                 and b.info), None)


# An archive's copy of a page names the page's own address in its path:
# "https://web.archive.org/web/20200808063632/https://www.przepisy.pl/...".
ARCHIVED = re.compile(r"^https?://(?:web\.)?archive\.org/web/[0-9a-z_*]+/(?P<url>.+)$", re.I)


def host_name(url: str | None) -> str | None:
    """'https://www.example-news.com/a/b' -> 'example-news.com'; an archived copy's
    host is the archived page's."""
    if not url:
        return None
    archived = ARCHIVED.match(url)
    if archived:
        url = archived.group("url")
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = re.sub(r"^(?:www\d*|m|amp|mobile)\.", "", host)
    return host if "." in host else None
