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
# The article's headline: an h1 that is not the site's logo or name.
HEADLINE = (
    '//article//h1[not(contains(@class, "site") or contains(@id, "site") or contains(@class, "logo"))]',
    '//main//h1[not(contains(@class, "site") or contains(@id, "site") or contains(@class, "logo"))]',
    '//h1[not(ancestor::header[@id="masthead" or @id="branding" or contains(@class, "site")]) and not(contains(@class, "site") or contains(@id, "site") or contains(@class, "logo") or ancestor::*[contains(@class, "logo")])]',
)
PAGE_TITLE = ("//head/title/text()",)
# A kicker or overline inside an h1: a label above the headline ("Dachzeile", "Topline").
KICKER = ('.//*[' + ' or '.join(f'contains(@class, "{word}")' for word in (
    "kicker", "overline", "dachzeile", "topline", "roofline", "eyebrow", "supertitle",
    "spitzmarke", "rubric")) + ']')
# A standfirst marked up as one, never inside the site's header (a blog's tagline).
# Nor in a sidebar, a promotion or a widget (an app's "Watch ... anytime" under its own
# "dek"), nor a picture's caption ("image-subtitle").
_NOT_SITE = ('not(ancestor::header[@id="masthead" or @id="branding" or contains(@class, "site")])'
             ' and not(contains(@id, "site")) and not(contains(@class, "site"))'
             ' and not(ancestor::*[self::aside or self::nav or self::footer or self::figure'
             ' or contains(@class, "promo") or contains(@class, "sidebar") or contains(@class, "widget")])'
             ' and not(contains(@class, "image") or contains(@class, "caption") or contains(@class, "teaser"))')
_NEAR_HEADLINE = ('not(ancestor-or-self::*[self::aside or self::nav or self::footer or self::figure'
                  ' or contains(@class, "promo") or contains(@class, "sidebar") or contains(@class, "widget")'
                  ' or contains(@class, "image") or contains(@class, "caption")])')
SUBTITLE = (
    f'//*[contains(concat(" ", normalize-space(@class), " "), " standfirst ") and {_NOT_SITE}]',
    f'//*[(contains(@class, "subtitle") or contains(@class, "sub-title") or contains(@class, "subheadline")) and {_NOT_SITE}]',
    f'//*[contains(concat(" ", normalize-space(@class), " "), " dek ") and {_NOT_SITE}]',
    f'//*[@itemprop="alternativeHeadline" and {_NOT_SITE}]',
)
# A standfirst known by its place, not its name: an intro, subhead, lede or teaser beside
# the headline (in the h1's container or the one around it), or the paragraph right after
# an h1 in a header. One block, no list or box (`extract_subtitle` asks for more).
_ONE_BLOCK = 'not(.//p or .//div or .//ul or .//li or .//h2 or .//h3 or .//br)'
SUBTITLE_BY_PLACE = (
    f'//h1/ancestor::*[position() <= 2]//*[not(self::a) and (contains(@class, "intro") or '
    f'contains(@class, "subhead") or contains(@class, "lede") or contains(@class, "summary") or '
    f'contains(@class, "teaser")) and {_NEAR_HEADLINE} and {_ONE_BLOCK}]',
    f'//header//h1/following-sibling::p[1][{_ONE_BLOCK}]',
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
# (a region's own class, never the body's: WordPress marks <body> "comments-open")
# Class words matched whole ("content-sidebar-wrap" holds the article too).
# A region that holds the headline or the article is none ("#sidebar" around the post);
# a footer inside the article is the article's own (its author).
_ASIDE = ('not(self::body or self::html or .//h1 or .//article) and (self::aside'
          ' or (self::footer and not(ancestor::article)) or '
          + ' or '.join(f'contains(concat(" ", normalize-space(@class), " "), " {word} ")' for word in (
              "sidebar", "widget", "widget-area", "comments", "comment", "commentlist", "comment-list",
              "recentcomments"))
          + ' or @id="comments" or @id="sidebar" or @id="secondary")')
AUTHORS = (
    '//meta[@name="author"]/@content',
    '//meta[@property="article:author"]/@content',
    '//meta[@name="dc.creator"]/@content',
    '//*[@itemprop="author"]//*[@itemprop="name"]//text()',
    # not a commenter's link in a sidebar's "Recent Comments" or under the article
    '//a[@rel="author" and not(ancestor::*[' + _ASIDE + '])]//text()',
)
# Asides, sidebars, widgets and comments: a name only their links print is a
# commenter's or a teaser's, no author.
ASIDE_REGIONS = '//*[' + _ASIDE + ']'
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
