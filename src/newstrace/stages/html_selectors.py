"""Where pages keep their metadata: XPath expressions, most trusted first.

Kept apart from the code that uses them (as trafilatura keeps its xpaths.py), so
that supporting another site's markup is a line here.
"""

TITLE = (
    '//meta[@property="og:title"]/@content',
    '//meta[@name="twitter:title"]/@content',
    '//meta[@property="twitter:title"]/@content',
    '//*[@itemprop="headline"]//text()',
)
HEADLINE = ("//h1",)
PAGE_TITLE = ("//head/title/text()",)
SUBTITLE = (
    '//*[contains(concat(" ", normalize-space(@class), " "), " standfirst ")]',
    '//*[contains(@class, "subtitle") or contains(@class, "sub-title") or contains(@class, "subheadline")]',
    '//*[contains(@class, "dek") and not(contains(@class, "desk"))]',
    '//*[@itemprop="alternativeHeadline"]',
    "//h1/following-sibling::h2[1]",
)
PUBLISHED = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    '//meta[@name="pubdate"]/@content',
    '//meta[@name="publishdate"]/@content',
    '//meta[@name="date"]/@content',
    '//meta[@name="dc.date"]/@content',
    '//meta[@name="DC.date.issued"]/@content',
    "//article//time/@datetime",
    "//time[@pubdate]/@datetime",
)
AUTHORS = (
    '//meta[@name="author"]/@content',
    '//meta[@property="article:author"]/@content',
    '//meta[@name="dc.creator"]/@content',
    '//*[@itemprop="author"]//*[@itemprop="name"]//text()',
    '//a[@rel="author"]//text()',
)
PUBLISHER = (
    '//meta[@property="og:site_name"]/@content',
    '//meta[@name="application-name"]/@content',
    '//*[@itemprop="publisher"]//*[@itemprop="name"]/@content',
)
TAGS = (
    '//meta[@property="article:tag"]/@content',
    '//meta[@name="news_keywords"]/@content',
    '//meta[@name="keywords"]/@content',
)
URL = (
    '//link[@rel="canonical"]/@href',
    '//meta[@property="og:url"]/@content',
)
LANGUAGE = ("/html/@lang", '//meta[@http-equiv="content-language"]/@content')
JSON_LD = ('//script[@type="application/ld+json"]/text()',)
