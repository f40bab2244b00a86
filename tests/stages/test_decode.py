"""Bad and awkward input: a clear error that names the input, or the right text."""

from __future__ import annotations

import gzip

import pytest

import newstrace
from newstrace import errors
from newstrace.config import Options
from newstrace.stages.decode import decode_bytes, looks_like_html

ARTICLE = "Șapte miniștri s-au întâlnit la Iași. Ministrul a spus că acordul este „aproape gata”."


@pytest.mark.parametrize("content", ["", "   \n\t  ", b"", b"\n\n \n"])
def test_empty_input_is_refused(content: str | bytes) -> None:
    with pytest.raises(errors.EmptyInputError, match="empty"):
        newstrace.analyze(content)


@pytest.mark.parametrize("content,what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
    (gzip.compress(b"hello"), "gzip"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
    (bytes(range(256)) * 40, "binary"),
])
def test_binary_input_is_refused(content: bytes, what: str) -> None:
    with pytest.raises(errors.BinaryInputError, match=what if what != "binary" else "binary|NUL"):
        newstrace.analyze(content)


def test_control_characters_in_str_are_binary() -> None:
    with pytest.raises(errors.BinaryInputError):
        newstrace.analyze("\x01\x02\x03\x04" * 500)


def test_oversize_input_is_refused_before_work() -> None:
    options = Options(max_input_bytes=1000)
    with pytest.raises(errors.InputTooLargeError, match="max_input_bytes"):
        newstrace.analyze("word " * 1000, options=options)


POLISH = ("Żółta łódź przypłynęła do Gdańska w środę. Minister gospodarki morskiej powiedział, "
          "że port będzie rozbudowany, a nowe nabrzeże powstanie do końca przyszłego roku. ") * 4


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_decode_exactly(encoding: str) -> None:
    assert decode_bytes(ARTICLE.encode(encoding)) == ARTICLE


def test_legacy_encoding_is_detected() -> None:
    assert decode_bytes(POLISH.encode("cp1250")) == POLISH


def test_close_legacy_encodings_lose_at_most_a_few_letters() -> None:
    # ISO-8859-2 and its neighbours differ in a handful of letters; detection may
    # pick a neighbour, but the text must stay readable.
    decoded = decode_bytes(POLISH.encode("iso-8859-2"))
    same = sum(a == b for a, b in zip(decoded, POLISH))
    assert len(decoded) == len(POLISH) and same / len(POLISH) > 0.9


def test_declared_charset_is_used() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Москва и Киев</p></body></html>'
    assert "Москва и Киев" in decode_bytes(page.encode("cp1251"))


def test_mostly_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = ("Müller und Söhne in Zürich, Grüße aus Köln. " * 10).encode() + b"\xff"
    assert decode_bytes(data).startswith("Müller und Söhne")


def test_cyrillic_in_a_legacy_codepage_is_detected() -> None:
    text = "Москва заявила, что переговоры продолжатся на следующей неделе в Женеве. " * 5
    assert decode_bytes(text.encode("cp1251")).startswith("Москва заявила")


def test_plain_keeps_text_exactly() -> None:
    text = "  Line one.\r\n\n\tLine  two\u200b with\u00a0odd spacing.  "
    assert newstrace.analyze(text, content_type="plain").text == text


@pytest.mark.parametrize("page,expected", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("<div><p>A paragraph</p><p>another</p></div>", True),
    ("The <b>bold</b> claim was false.", False),
    ("Plain text with a < sign and > sign.", False),
])
def test_html_sniffing(page: str, expected: bool) -> None:
    assert looks_like_html(page) is expected


def test_malformed_html_still_yields_text() -> None:
    page = ("<html><body><div><p>The council met on Monday to discuss the harbour, and the mayor "
            "said the repairs would start in June.<p>Unclosed paragraph about the budget, which "
            "rose by ten percent this year.<div><span>Another <b>unclosed block about the port"
            " and its ferries, which carry thousands of passengers every summer."
            "</body>")
    dossier = newstrace.analyze(page, content_type="html")
    assert "repairs would start in June" in dossier.text


def test_page_without_main_text_is_a_clear_error() -> None:
    with pytest.raises(errors.NoContentError, match="no main text"):
        newstrace.analyze("<html><head><title>Some page</title></head><body></body></html>",
                          content_type="html")


def test_error_names_the_input() -> None:
    with pytest.raises(errors.EmptyInputError) as caught:
        newstrace.analyze("", path="inbox/article-17.txt")
    assert str(caught.value).startswith("inbox/article-17.txt: ")


@pytest.mark.parametrize("feed", [
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title></channel></rss>',
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title></feed>',
    '<?xml version="1.0"?>\n<!-- generated -->\n<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n<rss><channel/></rss>',
    '<?xml version="1.0"?><?xml-stylesheet href="feed.xsl"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>',
])
def test_a_feed_is_not_one_article(feed: str) -> None:
    with pytest.raises(errors.NoContentError, match="news feed.*newstrace ingest"):
        newstrace.analyze(feed.encode("utf-8"))


def test_xml_pages_and_text_about_feeds_are_still_articles() -> None:
    xhtml = ('<?xml version="1.0"?><html><body><article><p>The council of Tromsø met on Monday and '
             'agreed to publish its minutes as a feed, the mayor said.</p></article></body></html>')
    assert "Tromsø" in newstrace.analyze(xhtml).text
    assert "<rss>" in newstrace.analyze("Engineers said the old <rss> tag still works in Oslo.").text
    feed = '<rss><channel><title>Wire</title></channel></rss>'
    assert newstrace.analyze(feed, content_type="plain").text == feed


def test_pages_with_many_comments_before_the_root_are_read_at_once() -> None:
    # The feed check looks past comments before the root: they must not be matched in
    # many ways (a lazy pattern under a repeat made such pages take for ever).
    page = ("<!DOCTYPE html>\n" + "<!-- block -->\n<!-- ad slot -- top -->\n" * 40 +
            "<html><body><article><p>The mayor of Tromsø opened the new harbour on Monday, "
            "the council said in a statement.</p></article></body></html>")
    assert "Tromsø" in newstrace.analyze(page).text
    with pytest.raises(errors.NoContentError, match="news feed"):
        newstrace.analyze("\ufeff" + page.split("<html>")[0] + "<feed xmlns='x'></feed>")
