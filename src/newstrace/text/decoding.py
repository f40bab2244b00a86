"""Bytes to text: the byte-order mark, the declared charset, UTF-8 evidence, then a
detector; whether a text is HTML, a feed, or mostly control characters. The `decode`
stage and the corpus readers (which decode before they split a feed or a WARC record)
share these."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import BinaryInputError, DecodeError, EmptyInputError

# Leading bytes of formats people feed us by mistake.
MAGIC = {
    b"\x1f\x8b": "gzip data (decompress it first)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"BZh": "bzip2 data (decompress it first)",
    b"\xfd7zXZ": "xz data (decompress it first)",
    b"RIFF": "a RIFF media file",
    b"SQLite format 3": "an SQLite database",
    b"WARC/1.": "a WARC archive (many records: read it with `newstrace ingest` or `batch`)",
}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
XML_CHARSET = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Control characters other than tab, newlines and form feed: text has almost none.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A feed's root element, after what may come before it (XML declaration, comments, a
# doctype with its internal subset, where entity bombs are declared).
# Atomic groups: each part matches one way only, so a page that is no feed fails at once
# (a lazy `<!--.*?-->` under `*` could span comments in exponentially many ways).
FEED_ROOT = re.compile(
    r"\A\ufeff?\s*(?>(?><!--(?:[^-]|-(?!->))*-->|<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>|<\?[^>]*>)\s*)*"
    r"<(?:rss|feed|rdf:RDF)[\s>/]",
    re.I,
)
HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|section|span|a)[\s>]",
    re.I,
)


def decode_bytes(data: bytes) -> str:
    """Decode with the byte-order mark, the page's declared charset, UTF-8 (with bytes that
    are not UTF-8 read as cp1252 when much of the text is), or a detected charset."""
    if not data.strip():
        raise EmptyInputError("input is empty or whitespace only; nothing to analyse")
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"input is {what}, not text or HTML")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:8192]:
        raise BinaryInputError("input holds NUL bytes: binary data, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    evidence = _utf8_evidence(data)
    if _mostly_utf8(*evidence):
        return data.decode("utf-8", errors="replace")
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    if _partly_utf8(*evidence):
        return data.decode("utf-8", errors=MIXED)
    return _detected(data)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _utf8_evidence(data: bytes) -> tuple[int, int]:
    """How many valid multi-byte UTF-8 sequences the bytes hold, and how many bytes are
    not UTF-8 (each a U+FFFD when decoded with "replace")."""
    multibyte = len(UTF8_MULTIBYTE.findall(data))
    return multibyte, data.decode("utf-8", errors="replace").count("\ufffd")


def _mostly_utf8(multibyte: int, errors: int) -> bool:
    """Valid multi-byte UTF-8 is vanishingly rare in other encodings: a page full of it
    with a stray bad byte (a truncated paste, a broken widget) is UTF-8."""
    return multibyte >= 3 and errors <= max(2, multibyte // 20)


def _partly_utf8(multibyte: int, errors: int) -> bool:
    """UTF-8 with paragraphs in cp1252 or Latin-1 pasted in (mixed encodings): a good
    share of the non-ASCII is valid multi-byte UTF-8, which a legacy text almost never
    holds by chance."""
    return multibyte >= 3 and multibyte * 4 >= errors


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: bytes that are not UTF-8 read as cp1252 (the usual other
    encoding of Western pages, a superset of Latin-1's letters), its 5 holes as U+FFFD."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


MIXED = "newstrace-utf8-or-cp1252"
codecs.register_error(MIXED, _legacy_bytes)


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = DECLARED_CHARSET.search(head) or XML_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detected(data: bytes) -> str:
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise DecodeError(
            "input is in no character encoding we can identify; "
            "convert it to UTF-8 (iconv -f SOURCE -t UTF-8) and try again"
        )
    return data.decode(best.encoding, errors="replace")


def mostly_control(text: str) -> bool:
    sample = text[:8192]
    return len(CONTROL.findall(sample)) > max(8, len(sample) // 100)


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip()
    if head[:1] != "<" and not HTML_SIGNS.search(head[:512]):
        return False
    return len(HTML_SIGNS.findall(head)) >= 2 or head.lower().startswith(("<!doctype", "<html"))
