"""newstrace.inputs: every input format, gzipped or not, with its limits and its errors."""

from __future__ import annotations

import gzip
import io
import shutil
import socket
import sys
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.inputs import ReadError, Record, content_hash, iter_records

CORPUS = Path(__file__).parents[1] / "fixtures" / "corpus"
LIMIT = 100_000


def read(*paths: Path | str, max_bytes: int = LIMIT) -> list[Record | ReadError]:
    return list(iter_records([str(p) for p in paths], max_bytes))


def records(items: list[Record | ReadError]) -> list[Record]:
    return [i for i in items if isinstance(i, Record)]


def errors(items: list[Record | ReadError]) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


def gz(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / (path.name + ".gz")
    target.write_bytes(gzip.compress(path.read_bytes()))
    return target


def same(a: list[Record | ReadError], b: list[Record | ReadError]) -> bool:
    """The same records and errors, whatever their keys."""
    def view(item: Record | ReadError) -> tuple:
        if isinstance(item, ReadError):
            return ("error", item.message)
        return (item.content, item.content_type, item.url, item.published, item.metadata)
    return [view(i) for i in a] == [view(i) for i in b]


# -- pages --------------------------------------------------------------------------------


def test_html_file_is_one_record():
    [record] = read(CORPUS / "article.html")
    assert isinstance(record, Record)
    assert record.key == str(CORPUS / "article.html")
    # what the store keeps: relative to what was given, not where the file sits
    assert record.origin == record.path == "article.html"
    assert record.content_type == "html"
    assert "Gull Island" in record.content
    assert record.url is None and record.published is None


def test_text_file_is_one_record_of_auto_type():
    [record] = read(CORPUS / "brief.txt")
    assert isinstance(record, Record)
    assert record.content_type == "auto"
    assert record.content.startswith("Lighthouse museum reopens")


@pytest.mark.parametrize("name",
                         ["article.html", "brief.txt", "wire.jsonl", "feed.rss", "feed.atom"])
def test_gzipped_variant_reads_the_same(name, tmp_path):
    plain = read(CORPUS / name)
    packed = read(gz(CORPUS / name, tmp_path))
    assert plain and same(plain, packed)
    assert all(str(tmp_path) in item.key for item in packed)


def test_gzip_under_a_plain_name_is_inflated(tmp_path):
    path = tmp_path / "page"
    path.write_bytes(gzip.compress((CORPUS / "article.html").read_bytes()))
    [record] = read(path)
    assert isinstance(record, Record) and "Gull Island" in record.content


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    [error] = read(path)
    assert isinstance(error, ReadError)
    assert error.key == str(path)
    assert "PNG image" in error.message


def test_nul_bytes_and_empty_files_are_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"text\x00\x00\x01\x02" * 100)
    (tmp_path / "b.txt").write_bytes(b"  \n\n ")
    first, second = read(tmp_path)
    assert isinstance(first, ReadError) and "NUL" in first.message
    assert isinstance(second, ReadError) and "empty" in second.message


def test_missing_path_is_an_error_naming_it(tmp_path):
    [error] = read(tmp_path / "nowhere.html")
    assert isinstance(error, ReadError)
    assert error.key.endswith("nowhere.html") and "no such file" in error.message
    assert str(error) == f"{error.key}: {error.message}"


def test_oversize_page_is_refused(tmp_path):
    path = tmp_path / "big.html"
    path.write_text("<p>" + "word " * 1000 + "</p>")
    [error] = read(path, max_bytes=1000)
    assert isinstance(error, ReadError) and "over the limit" in error.message


def test_gzip_bomb_page_is_refused(tmp_path):
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    [error] = read(path, max_bytes=100_000)
    assert isinstance(error, ReadError) and "inflates to more than" in error.message


# -- JSONL --------------------------------------------------------------------------------


def test_jsonl_records_and_bad_lines():
    items = read(CORPUS / "wire.jsonl")
    path = str(CORPUS / "wire.jsonl")
    assert [i.key for i in items] == [f"{path}#line {n}" for n in (1, 2, 4, 5, 6, 7)]
    first, second, bad_json, a_list, no_body, plain = items
    assert isinstance(first, Record) and first.content_type == "html"
    assert first.url == "https://example.org/news/orchard-frost"
    assert first.published == "2024-04-10"
    assert first.metadata == {"title": "Frost damages orchards", "section": "farming"}
    assert first.origin == "wire.jsonl" and first.path == "wire.jsonl#line 1"
    assert isinstance(second, Record) and second.content_type == "text"
    assert second.published == "2024-04-11T08:00"
    assert isinstance(bad_json, ReadError) and "not valid JSON" in bad_json.message
    assert isinstance(a_list, ReadError) and "not an object" in a_list.message
    assert isinstance(no_body, ReadError) and '"html", "text" or "content"' in no_body.message
    assert isinstance(plain, Record) and plain.content_type == "plain"
    assert plain.metadata == {"id": "lib-7"}


def test_jsonl_wrong_types_are_errors(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"html": 3}\n{"text": "a", "url": 5}\n{"text": "a", "content_type": "pdf"}\n'
                    '{"text": "   "}\n')
    messages = [e.message for e in errors(read(path))]
    assert len(messages) == 4
    assert "not a string" in messages[0] and '"url"' in messages[1]
    assert "content_type 'pdf'" in messages[2] and "empty" in messages[3]


def test_jsonl_oversize_line_is_refused_and_the_rest_read(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"text": "first article"}\n{"text": "')
        for _ in range(200):
            handle.write(b"x" * 100_000)          # a 20 MB line
        handle.write(b'"}\n{"text": "last article"}\n')
    tracemalloc.start()
    try:
        items = read(path, max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["Record", "ReadError", "Record"]
    assert items[1].key.endswith("#line 2") and "over 1,000,000 bytes" in items[1].message
    assert items[2].content == "last article"
    assert peak < 5_000_000                       # streamed, never held whole


def test_jsonl_gzip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "' + b"a" * 20_000_000 + b'"}\n'))
    items = read(path, max_bytes=1_000_000)
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "gzip bomb" in items[0].message


def test_truncated_jsonl_gz_keeps_the_lines_before(tmp_path):
    lines = b"".join(b'{"text": "article number %d of the wire"}\n' % i for i in range(500))
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert len(records(items)) > 100
    assert all(r.content == f"article number {n} of the wire" for n, r in enumerate(records(items)))
    assert isinstance(items[-1], ReadError) and "truncated" in items[-1].message


def test_jsonl_is_sniffed_without_extension(tmp_path):
    path = tmp_path / "export"
    path.write_text('{"url": "https://example.org/a", "text": "An article."}\n')
    [record] = read(path)
    assert isinstance(record, Record) and record.url == "https://example.org/a"
    assert record.key == f"{path}#line 1"


def test_text_starting_with_a_brace_is_not_jsonl(tmp_path):
    path = tmp_path / "note"
    path.write_text("{Updated} The ferry timetable changes on Monday.\nMore below.\n")
    [record] = read(path)
    assert isinstance(record, Record) and record.key == str(path)


def test_json_file_with_one_article_or_a_list(tmp_path):
    (tmp_path / "one.json").write_text('{"url": "https://example.org/1", "html": "<p>One</p>"}')
    (tmp_path / "two.json").write_text('[{"text": "Two"}, {"text": "Three"}, 4]')
    one, two, three, four = read(tmp_path)
    assert one.key.endswith("one.json") and one.url == "https://example.org/1"
    assert two.key.endswith("two.json#item 1") and three.content == "Three"
    assert isinstance(four, ReadError) and four.key.endswith("#item 3")


def test_jsonl_from_stdin(monkeypatch):
    data = b'{"text": "From a pipe."}\n{"text": "Second."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    items = read("-")
    assert [r.content for r in records(items)] == ["From a pipe.", "Second."]
    assert items[0].key == "-#line 1"


# -- WARC ---------------------------------------------------------------------------------

PAGES = [     # url, status, content type, title, charset
    ("https://example.org/ferry", "200 OK", "text/html; charset=utf-8",
     "Ferry café reopens", "utf-8"),
    ("https://example.org/logo.png", "200 OK", "image/png", None, None),
    ("https://example.org/missing", "404 Not Found", "text/html", "Not found", "utf-8"),
    ("https://example.org/market", "200 OK", "text/html; charset=iso-8859-1",
     "Market café", "latin-1"),
]


def write_warc(path: Path, gzipped: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newstrace tests"}))
    for url, status, media_type, title, charset in PAGES:
        if title:
            body = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                    f"<p>{title} on the harbour front, the owners said. " + "More text. " * 40
                    + "</p></body></html>").encode(charset)
        else:
            body = b"\x89PNG\r\n\x1a\n" + bytes(200)
        headers = StatusAndHeaders(status, [("Content-Type", media_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers))
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(path, gzipped)
    items = read(path)
    assert not errors(items)
    ferry, market = items
    assert ferry.url == "https://example.org/ferry" and market.url == "https://example.org/market"
    assert ferry.content_type == "html" and ferry.published is None
    assert "Ferry café reopens" in ferry.content
    assert "Market café" in market.content           # decoded with the HTTP charset
    assert ferry.key.startswith(f"{path}#record 2 (<urn:uuid:")
    assert market.key.startswith(f"{path}#record 5 (")
    assert ferry.metadata["warc_date"] and ferry.metadata["warc_record_id"] in ferry.key
    assert ferry.origin == path.name and ferry.path.startswith(path.name + "#record ")


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("cut", [40, 400])
def test_warc_truncated_last_record(tmp_path, gzipped, cut):
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    data = write_warc(path, gzipped)
    path.write_bytes(data[:-cut])
    items = read(path)
    assert isinstance(items[0], Record) and items[0].url == "https://example.org/ferry"
    assert len(items) == 2
    assert isinstance(items[1], ReadError) and "truncated" in items[1].message
    assert "#record 5" in items[1].key


def test_warc_cut_inside_a_header_is_noticed(tmp_path):
    path = tmp_path / "cut.warc"
    data = write_warc(path, gzipped=False)
    last = data.rindex(b"WARC/1.")
    path.write_bytes(data[: last + 60])
    items = read(path)
    assert isinstance(items[-1], ReadError) and "header" in items[-1].message


def test_warc_is_sniffed_and_oversize_payload_refused(tmp_path):
    path = tmp_path / "crawl-00001"
    write_warc(path, gzipped=False)
    items = read(path, max_bytes=300)
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError"]
    assert "over 300 bytes" in items[0].message


def test_not_a_warc_is_an_error(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n")
    [error] = read(path)
    assert isinstance(error, ReadError) and "record 1" in error.key


# -- feeds --------------------------------------------------------------------------------


def test_rss_entries():
    items = read(CORPUS / "feed.rss")
    assert not errors(items)
    roof, path_ = items
    assert roof.key == (f"{CORPUS / 'feed.rss'}#entry 1 "
                        "(https://gazette.example.org/2024/market-hall-roof)")
    assert roof.url == "https://gazette.example.org/2024/market-hall-roof"
    assert roof.published == "2024-03-05T14:30"
    assert roof.content_type == "html"
    assert "<title>Market hall roof to be replaced</title>" in roof.content
    assert "Stallholders will trade in the car park" in roof.content     # content:encoded
    assert roof.metadata["title"] == "Market hall roof to be replaced"
    assert roof.metadata["feed"] == "Valley Gazette"
    assert "<p>The riverside cycle path" in path_.content                  # escaped HTML
    assert path_.published == "2024-03-06T08:15"


def test_atom_entry():
    [entry] = read(CORPUS / "feed.atom")
    assert isinstance(entry, Record)
    assert entry.url == "https://northshore.example.net/pier-lights"
    assert entry.published == "2024-02-01T18:45"
    assert entry.metadata["authors"] == ["Mara Lind"]
    assert "new cables were laid" in entry.content
    assert entry.key.endswith("#entry 1 (urn:example:northshore:pier-lights)")


def test_feed_is_sniffed_from_xml(tmp_path):
    path = tmp_path / "latest.xml"
    shutil.copy(CORPUS / "feed.atom", path)
    [entry] = read(path)
    assert isinstance(entry, Record) and entry.url == "https://northshore.example.net/pier-lights"


def test_feed_with_entity_declarations_is_refused(tmp_path):
    [error] = read(CORPUS / "bomb.rss")
    assert isinstance(error, ReadError) and "entities" in error.message
    [error] = read(gz(CORPUS / "bomb.rss", tmp_path))
    assert isinstance(error, ReadError) and "entities" in error.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_entity_declarations_in_wide_encodings_are_refused(tmp_path, encoding):
    path = tmp_path / "wide.rss"
    text = (CORPUS / "bomb.rss").read_text().replace(
        '<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    path.write_bytes(text.encode(encoding))
    [error] = read(path)
    assert isinstance(error, ReadError) and "entities" in error.message


def test_entity_declarations_hidden_behind_a_comment_are_refused(tmp_path):
    path = tmp_path / "hidden.rss"
    path.write_text('<?xml version="1.0"?>\n<!-- <rss> -->\n'
                    + (CORPUS / "bomb.rss").read_text().split("\n", 1)[1])
    [error] = read(path)
    assert isinstance(error, ReadError) and "entities" in error.message


def test_entity_text_inside_cdata_is_content(tmp_path):
    path = tmp_path / "xml-news.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        "<title>XML explained</title><link>https://example.org/xml</link>"
        "<description><![CDATA[<p>A DOCTYPE may declare <code><!ENTITY name \"value\"></code>."
        "</p>]]></description></item></channel></rss>")
    [entry] = read(path)
    assert isinstance(entry, Record) and "declare" in entry.content


def test_feeds_never_touch_the_network(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    path = tmp_path / "remote.rss"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://127.0.0.1:9/rss-0.91.dtd">\n'
        '<rss version="0.91"><channel><title>T</title><link>http://127.0.0.1:9/</link>'
        '<item><title>Remote</title><link>http://127.0.0.1:9/a</link>'
        '<description>A story with &lt;img src="http://127.0.0.1:9/x.png"&gt;</description>'
        '</item></channel></rss>')
    [entry] = read(path)
    assert isinstance(entry, Record) and entry.url == "http://127.0.0.1:9/a"


def test_not_a_feed_is_an_error(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text("<rss><channel><title>No items</title></channel></rss>")
    [error] = read(path)
    assert isinstance(error, ReadError) and "no feed entries" in error.message


# -- directories and hashes ---------------------------------------------------------------


def test_directory_mixing_formats_in_name_order(tmp_path):
    shutil.copy(CORPUS / "article.html", tmp_path / "b-article.html")
    (tmp_path / "a-wire.jsonl").write_text('{"text": "Wire copy."}\n{"text": "More wire."}\n')
    (tmp_path / "c").mkdir()
    shutil.copy(CORPUS / "feed.atom", tmp_path / "c" / "feed.atom")
    write_warc(tmp_path / "c" / "d.warc.gz", gzipped=True)
    (tmp_path / "e.bin").write_bytes(b"PK\x03\x04" + bytes(100))
    (tmp_path / ".hidden.html").write_text("<p>never read</p>")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.html").write_text("<p>never read</p>")
    keys = [item.key.removeprefix(f"{tmp_path}/") for item in read(tmp_path)]
    assert [k.split(" (")[0] for k in keys] == [
        "a-wire.jsonl#line 1", "a-wire.jsonl#line 2", "b-article.html",
        "c/d.warc.gz#record 2", "c/d.warc.gz#record 5", "c/feed.atom#entry 1", "e.bin",
    ]
    last = read(tmp_path)[-1]
    assert isinstance(last, ReadError) and "ZIP archive" in last.message


def test_keys_are_stable(tmp_path):
    write_warc(tmp_path / "x.warc", gzipped=False)
    assert [i.key for i in read(tmp_path)] == [i.key for i in read(tmp_path)]


def test_content_hash_ignores_whitespace_only():
    assert content_hash("Ferry  runs\r\n\tall winter.") == content_hash("Ferry runs all winter.")
    assert content_hash(b"Ferry runs all winter.\n") == content_hash("Ferry runs all winter.")
    assert content_hash("\ufeffFerry runs") == content_hash("Ferry runs")
    assert content_hash("Ferry runs all winter.") != content_hash("Ferry runs all summer.")
    assert len(content_hash("x")) == 64


# -- WET (Common Crawl's text of whole pages) ------------------------------------------------

WET_PAGES = [     # url, text as a crawler extracts it from the whole page
    ("https://news.example.org/2024/ferry",
     "Home | News | Sport | Weather\nFerry café reopens on the harbour front\n"
     "The ferry café reopened on Monday after a two-year refit, its owners said. "
     "About 200 people queued for the first coffee.\nShare on Facebook\n© 2024 Example News"),
    ("https://blog.example.net/market",
     "Menu\nMarket day in Ålesund\nStalls sold fish, cheese and wool; the market will run "
     "every Saturday until October, the council said.\nRelated posts"),
]


def write_wet(path: Path, gzipped: bool, extra: list[tuple[str, bytes, str]] = ()) -> None:
    """A WET file as Common Crawl writes them: a warcinfo record, then one conversion
    record (text/plain) per page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newstrace tests"}))
    pages = [(url, text.encode("utf-8"), "text/plain") for url, text in WET_PAGES] + list(extra)
    for url, body, media_type in pages:
        writer.write_record(writer.create_warc_record(
            url, "conversion", payload=io.BytesIO(body), length=len(body),
            warc_headers_dict={"Content-Type": media_type, "WARC-Date": "2024-05-06T10:11:12Z",
                               "WARC-Identified-Content-Language": "eng"}))
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize("name,gzipped", [("CC-MAIN-1.warc.wet.gz", True), ("crawl.wet", False),
                                          ("sniffed.bin", False)])
def test_wet_conversion_records_are_scraped_text(tmp_path, name, gzipped):
    path = tmp_path / name
    write_wet(path, gzipped, extra=[("https://x.example/a.pdf", b"%PDF-1.4", "application/pdf"),
                                    ("https://x.example/empty", b"  \n", "text/plain")])
    items = read(path)
    good = [i for i in items if not isinstance(i, ReadError)]
    assert [i.url for i in good] == [url for url, _ in WET_PAGES]
    assert all(i.content_type == "text" and i.published is None for i in good)
    assert good[0].content == WET_PAGES[0][1] and "Ålesund" in good[1].content
    assert good[0].metadata["warc_date"] == "2024-05-06T10:11:12Z"
    assert good[0].metadata["language"] == "eng"
    (empty,) = errors(items)                       # the empty record is reported, the PDF passed over
    assert "empty conversion record" in empty.message


def test_a_wet_file_is_ingested_as_text(tmp_path):
    from newstrace.config import Options
    from newstrace.corpus.ingest import ingest
    from newstrace.store import open_store

    path = tmp_path / "CC-MAIN-1.warc.wet.gz"
    write_wet(path, True)
    store = open_store(str(tmp_path / "c.db"))
    try:
        summary = ingest([str(path)], store, Options(), workers=1)
        assert (summary.read, summary.stored, summary.failed) == (2, 2, 0)
        by_url = {d["metadata"]["url"]: d for d in store.dossiers()}
        ferry = by_url["https://news.example.org/2024/ferry"]
        assert ferry["metadata"]["title"] == "Ferry café reopens on the harbour front"
        assert "Share on Facebook" not in ferry["text"] and "Home | News" not in ferry["text"]
        assert "reopened on Monday" in ferry["text"]
    finally:
        store.close()


def test_record_paths_are_relative_to_what_was_given(tmp_path: Path) -> None:
    """Record.path and origin: a file given by itself is its own name; a file found in a
    given directory is the directory's name and the path below it; stdin is "-"."""
    from newstrace.inputs import relative_name

    folder = tmp_path / "pages"
    (folder / "2024" / "03").mkdir(parents=True)
    page = folder / "2024" / "03" / "a.html"
    page.write_text("<html><body><p>A page about the harbour works.</p></body></html>")
    (folder / "wire.jsonl").write_text('{"text": "One line of news about the harbour."}\n')
    items = list(iter_records([str(folder)], 1 << 20))
    assert sorted(i.path for i in items) == ["pages/2024/03/a.html", "pages/wire.jsonl#line 1"]
    assert sorted(i.origin for i in items) == ["pages/2024/03/a.html", "pages/wire.jsonl"]
    assert [i.path for i in iter_records([str(page)], 1 << 20)] == ["a.html"]
    assert relative_name("-", "-") == "-"
    assert relative_name(str(page), str(folder / "2024")) == "2024/03/a.html"
