"""Hostile inputs, generated: every kind of input that has broken text pipelines before.

    python -m tools.hostile OUTDIR                 # the whole corpus, full sizes
    python -m tools.hostile OUTDIR --scale 0.01    # the same, big cases 100 times smaller
    python -m tools.hostile OUTDIR --only gzip-bomb-page --only deep-html

    from tools.hostile import CASES, Sizes
    for case in CASES:
        path = case.write_to(folder, Sizes())

Each `Case` names one input class, writes it to a file (streaming: a 200 MB page or a
10 GiB gzip bomb is never held in memory), and says what newstrace must make of it:

- `analyze`: "result" (a dossier) or "error" (refused with a one-line message that
  matches `reason`), for `newstrace analyze FILE`;
- `records`: what the corpus readers (`newstrace ingest`, `newstrace batch`) find in the
  file: how many records become dossiers and how many are refused (matching `reason`).

Nothing here is collected from the web: the bytes come from this code and a fixed seed,
so the corpus is the same on every machine. tests/inputs/test_hostile.py runs every case
through the three commands under a time and memory cap.
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import sys
import zlib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

Outcome = Literal["result", "error"]
SEED = 20240304
MIB = 1 << 20


@dataclass(frozen=True, slots=True)
class Sizes:
    """How big the big cases are. The defaults are the sizes the hardening issue names;
    `scaled` shrinks them all for a quick look (the shapes stay the same)."""

    huge_page_bytes: int = 200_000_000        # a page ten times the input limit
    gzip_bomb_bytes: int = 10 * 1024 ** 3     # 10 GiB of zeros, about 10 MB compressed
    jsonl_line_bytes: int = 50_000_000        # one JSONL line
    long_line_bytes: int = 10_000_000         # a text of one line
    nesting_depth: int = 100_000              # <div> inside <div> ...
    capitalised_words: int = 1_000_000        # "Brandt Okafor Lindqvist ..."
    unclosed_quotes: int = 20_000             # opening marks that are never closed
    random_bytes: int = MIB                   # random binary data
    laugh_levels: int = 10                    # "billion laughs": 10 ** levels expansions

    def scaled(self, factor: float) -> "Sizes":
        """Every size times `factor` (at least 1), the entity levels aside."""
        changes = {f.name: max(1, int(getattr(self, f.name) * factor))
                   for f in fields(self) if f.name != "laugh_levels"}
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input class and what newstrace must make of it."""

    name: str
    filename: str
    summary: str
    write: Callable[[Path, Sizes], None]
    analyze: Outcome                 # `newstrace analyze FILE`
    records: tuple[int, int]         # corpus readers: (records analysed, records refused)
    reason: str = ""                 # a regex every refusal's message matches
    big: bool = False                # takes seconds and tens of MB or more: a slow test

    def write_to(self, folder: Path, sizes: Sizes | None = None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.filename
        self.write(path, sizes or Sizes())
        return path


# -- text to build with -------------------------------------------------------------------

CITIES = ["Lisbon", "Porto", "Nairobi", "Oslo", "Valletta", "Tunis", "Athens", "Accra"]
SYLLABLES = ["bran", "dt", "ok", "af", "or", "lind", "qv", "ist", "mar", "ek", "ov", "sen",
             "ha", "ru", "ki", "vel", "ton", "gar", "ci", "a", "mo", "ren", "dus", "ly"]


def article(number: int) -> str:
    """A short, ordinary news article (scraped-text shape): what a good record looks like."""
    city = CITIES[number % len(CITIES)]
    return (f"Harbour works begin in {city}\n\n"
            f"{city}, 4 March 2024\n\n"
            f"Workers began repairing the harbour wall in {city} on Monday, the city council "
            f"said. The project will cost {number + 3} million euros, officials said.\n\n"
            f"“The wall has not been repaired since 1990,” said Mayor Ana Costa.\n")


def article_html(number: int) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article(number).split("\n\n")[1:])
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>Harbour works, part {number}</title></head>\n<body><article>\n"
            f"<h1>Harbour works, part {number}</h1>\n{paragraphs}</article></body></html>\n")


def _sentences() -> Iterator[str]:
    """Plain sentences for ever, each a little different."""
    number = 0
    while True:
        city = CITIES[number % len(CITIES)]
        yield (f"The council of {city} met on Monday and agreed to spend {number % 97} "
               f"million euros on the harbour, a spokesman said. ")
        number += 1


def _write_until(handle, size: int, pieces: Iterator[str], chunk: int = MIB) -> None:
    """Write `pieces` (UTF-8) until `size` bytes are written, about `chunk` at a time."""
    written = 0
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        if written + held >= size:
            break
        buffer.append(piece)
        held += len(piece.encode("utf-8"))
        if held >= chunk:
            written += handle.write("".join(buffer).encode("utf-8"))
            buffer, held = [], 0
    handle.write("".join(buffer).encode("utf-8"))


# -- the writers --------------------------------------------------------------------------


def write_empty(path: Path, sizes: Sizes) -> None:
    path.write_bytes(b"")


def write_whitespace(path: Path, sizes: Sizes) -> None:
    # Unicode spaces too: a check on bytes alone would let them through.
    path.write_text(" \t\n\r\n\u00a0\u2003\u3000\u2028\n" * 500, encoding="utf-8")


def write_random(path: Path, sizes: Sizes) -> None:
    path.write_bytes(random.Random(SEED).randbytes(sizes.random_bytes))


def write_png(path: Path, sizes: Sizes) -> None:
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR"
    path.write_bytes(header + random.Random(SEED + 1).randbytes(sizes.random_bytes))


def write_nul_laden(path: Path, sizes: Sizes) -> None:
    """Text with NUL bytes strewn at irregular places (not every other byte: that is UTF-16)."""
    rng = random.Random(SEED + 2)
    text = (article(1) * 40).encode("utf-8")
    out = bytearray()
    for byte in text:
        out.append(byte)
        if rng.random() < 0.15:
            out += b"\x00" * rng.randint(1, 3)
    path.write_bytes(bytes(out))


def write_truncated_utf8(path: Path, sizes: Sizes) -> None:
    """UTF-8 cut in the middle of a multi-byte character (a download that stopped)."""
    data = (article(2) + "Café — “naïve” déjà vu, 東京\n").encode("utf-8")
    path.write_bytes(data[:-3])          # "京\n" is 4 bytes: 2 of its 3 are cut


def write_invalid_utf8(path: Path, sizes: Sizes) -> None:
    """Mostly UTF-8, with sequences no decoder may accept: overlong forms, surrogates,
    5-byte forms, stray continuation bytes, 0xFF."""
    bad = [b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xff", b"\xe2\x82"]
    parts = []
    for number, paragraph in enumerate(article(3).split("\n\n")):
        parts.append(paragraph.replace("the", "thé").encode("utf-8") + bad[number % len(bad)])
    path.write_bytes(b"\n\n".join(parts * 4))


def write_utf16_le(path: Path, sizes: Sizes) -> None:
    """A page in UTF-16 without a byte-order mark or a declared charset."""
    path.write_bytes(article_html(4).encode("utf-16-le"))


def write_utf16_be(path: Path, sizes: Sizes) -> None:
    path.write_bytes(article(5).encode("utf-16-be"))


def write_mixed_encodings(path: Path, sizes: Sizes) -> None:
    """Paragraphs in UTF-8, cp1252 and Latin-1 in one file (a page pasted together)."""
    utf8 = "“We will rebuild,” said the mayor of Málaga, José Núñez.\n\n".encode("utf-8")
    cp1252 = "The council voted \u201cyes\u201d \u2013 cost: \u20ac5 million.\n\n".encode("cp1252")
    latin1 = "Residents of Zürich and Besançon were not consulted.\n\n".encode("latin-1")
    path.write_bytes(article(6).encode("utf-8") + b"\n" + (utf8 + cp1252 + latin1) * 5)


def write_deep_html(path: Path, sizes: Sizes) -> None:
    """A page whose text sits inside `nesting_depth` nested elements."""
    depth = sizes.nesting_depth
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html>\n<html><head><title>Deep page</title></head><body>")
        _repeat(handle, b"<div>", depth)
        handle.write("".join(f"<p>{p}</p>" for p in article(7).split("\n\n")).encode("utf-8"))
        _repeat(handle, b"</div>", depth)
        handle.write(b"</body></html>\n")


def _repeat(handle, unit: bytes, count: int) -> None:
    block = 4096
    for _ in range(count // block):
        handle.write(unit * block)
    handle.write(unit * (count % block))


def write_huge_page(path: Path, sizes: Sizes) -> None:
    """An HTML page of `huge_page_bytes`, written a megabyte at a time."""
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html>\n<html><head><title>Huge</title></head><body><article>\n")
        paragraphs = (f"<p>{s}</p>\n" for s in _sentences())
        _write_until(handle, sizes.huge_page_bytes, paragraphs)
        handle.write(b"</article></body></html>\n")


def write_gzip_bomb(path: Path, sizes: Sizes) -> None:
    """`gzip_bomb_bytes` of zeros as a valid gzip file, never inflated here: one
    compressed megabyte of zeros is written again and again (after a full flush deflate
    starts afresh, so each copy is the same bytes), with the right CRC and length."""
    total = sizes.gzip_bomb_bytes
    zeros = bytes(MIB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(total, MIB)
    crc = 0
    with path.open("wb") as handle:
        handle.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")   # gzip header, no name
        for _ in range(whole):
            handle.write(block)
            crc = zlib.crc32(zeros, crc)
        handle.write(deflate.compress(zeros[:rest]) + deflate.flush())
        crc = zlib.crc32(zeros[:rest], crc)
        handle.write(struct.pack("<II", crc, total & 0xFFFFFFFF))


def write_truncated_warc(path: Path, sizes: Sizes) -> None:
    """Two whole WARC response records, then a third cut half-way through its payload."""
    records = [_warc_response(n, article_html(10 + n)) for n in range(3)]
    cut = records[2][: len(records[2]) - 400]
    path.write_bytes(records[0] + records[1] + cut)


def _warc_response(number: int, page: str) -> bytes:
    body = page.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
    headers = (f"WARC/1.0\r\nWARC-Type: response\r\n"
               f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
               f"WARC-Date: 2024-03-04T10:00:0{number}Z\r\n"
               f"WARC-Target-URI: https://example.org/harbour/{number}\r\n"
               f"Content-Type: application/http; msgtype=response\r\n"
               f"Content-Length: {len(http)}\r\n\r\n")
    return headers.encode("ascii") + http + b"\r\n\r\n"


def write_billion_laughs(path: Path, sizes: Sizes) -> None:
    """An RSS feed whose entities expand to 10 ** `laugh_levels` "lol"s."""
    levels = sizes.laugh_levels
    declarations = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)]
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<!DOCTYPE rss [\n{chr(10).join(declarations)}\n]>\n"
        '<rss version="2.0"><channel><title>Laughs</title><link>https://example.org/</link>\n'
        f"<item><title>&lol{levels - 1};</title><link>https://example.org/a</link>"
        f"<description>&lol{levels - 1}; {article(8)}</description></item>\n"
        "</channel></rss>\n", encoding="utf-8")


def write_xxe(path: Path, sizes: Sizes) -> None:
    """An Atom feed whose entity would pull /etc/passwd into an entry."""
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>XXE</title>'
        "<id>tag:example.org,2024:feed</id><updated>2024-03-04T10:00:00Z</updated>\n"
        "<entry><title>Harbour works</title><id>tag:example.org,2024:1</id>"
        "<updated>2024-03-04T10:00:00Z</updated>"
        f'<content type="text">&xxe; {article(9)}</content></entry>\n'
        "</feed>\n", encoding="utf-8")


def write_huge_jsonl_line(path: Path, sizes: Sizes) -> None:
    """A good line, one line of `jsonl_line_bytes`, a good line."""
    with path.open("wb") as handle:
        handle.write(_jsonl_line(20))
        handle.write(b'{"url": "https://example.org/huge", "text": "')
        _write_until(handle, sizes.jsonl_line_bytes, _sentences())
        handle.write(b'"}\n')
        handle.write(_jsonl_line(21))


def _jsonl_line(number: int) -> bytes:
    item = {"url": f"https://example.org/wire/{number}", "text": article(number)}
    return (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")


def write_long_line(path: Path, sizes: Sizes) -> None:
    """A text of `long_line_bytes` without a single line break."""
    with path.open("wb") as handle:
        _write_until(handle, sizes.long_line_bytes, _sentences())


def write_rtl_invisible(path: Path, sizes: Sizes) -> None:
    """Arabic and Hebrew with bidi overrides (RLO, LRO, PDF), zero-width joiners and
    spaces and byte-order marks in the middle of words, beside English that has them too."""
    rlo, lro, pdf, zwj, zwsp, bom = "\u202e", "\u202d", "\u202c", "\u200d", "\u200b", "\ufeff"
    lines = [
        f"{rlo}قال وزير الخارجية{pdf} إن المحادثات في القاهرة{zwj} ستستمر{bom} يوم الاثنين.",
        f"{lro}ראש הממשלה{pdf} אמר{zwsp} כי ההסכם עם{bom} ירדן נחתם בירושלים.",
        f"The minister{zwsp} of Egy{zwj}pt, Sameh Shou{bom}kry, said{rlo} talks in Cairo would "
        f"resume{pdf} on Monday.",
        f"“We{zwsp} agreed,” said Isaac Her{zwj}zog in Jeru{bom}salem.{lro}{rlo}{pdf}",
    ]
    path.write_text("\n\n".join(lines * 20) + "\n", encoding="utf-8")


def write_unclosed_quotes(path: Path, sizes: Sizes) -> None:
    """Opening quotation marks, curly and straight, that are never closed."""
    rng = random.Random(SEED + 3)
    openers = ["“", '"', "«", "„", "‘"]
    parts = []
    for number in range(sizes.unclosed_quotes):
        city = CITIES[number % len(CITIES)]
        parts.append(f"{rng.choice(openers)}The mayor of {city} said {rng.choice(openers)}we "
                     f"will {rng.choice(['build', 'wait', 'vote'])}")
        parts.append("\n\n" if number % 5 == 4 else " ")
    path.write_text("".join(parts), encoding="utf-8")


def write_capitalised_words(path: Path, sizes: Sizes) -> None:
    """`capitalised_words` words that all look like names, twenty to a line."""
    rng = random.Random(SEED + 4)
    names = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
                    for _ in range(20_000)})

    def lines() -> Iterator[str]:
        for start in range(0, sizes.capitalised_words, 20):
            count = min(20, sizes.capitalised_words - start)
            yield " ".join(rng.choice(names) for _ in range(count)) + "\n"

    with path.open("wb") as handle:
        _write_until(handle, sys.maxsize, lines())


# -- the cases ----------------------------------------------------------------------------

EMPTY = r"empty|whitespace|nothing to analyse"
BINARY = r"binary|NUL bytes|image|not text"
TOO_LARGE = r"over the limit|over [\d,]+ bytes|inflates|gzip bomb|raise max_input_bytes"
ENTITIES = r"entit|news feed"

CASES: tuple[Case, ...] = (
    Case("empty", "empty.txt", "a file of no bytes",
         write_empty, "error", (0, 1), EMPTY),
    Case("whitespace", "whitespace.txt", "spaces, tabs, newlines and Unicode spaces only",
         write_whitespace, "error", (0, 1), EMPTY),
    Case("binary-random", "random.bin", "random bytes",
         write_random, "error", (0, 1), BINARY + "|character encoding"),
    Case("binary-png", "image.png", "a PNG header and random bytes",
         write_png, "error", (0, 1), BINARY),
    Case("binary-nul", "nul-laden.txt", "text with NUL bytes strewn through it",
         write_nul_laden, "error", (0, 1), BINARY),
    Case("utf8-truncated", "truncated-utf8.txt", "UTF-8 cut inside a multi-byte character",
         write_truncated_utf8, "result", (1, 0)),
    Case("utf8-invalid", "invalid-utf8.txt", "UTF-8 with overlong forms, surrogates, 0xFF",
         write_invalid_utf8, "result", (1, 0)),
    Case("utf16-le-no-bom", "utf16-le.html", "an HTML page in UTF-16LE, no BOM, no charset",
         write_utf16_le, "result", (1, 0)),
    Case("utf16-be-no-bom", "utf16-be.txt", "a text in UTF-16BE, no BOM",
         write_utf16_be, "result", (1, 0)),
    Case("mixed-encodings", "mixed-encodings.txt", "UTF-8, cp1252 and Latin-1 paragraphs",
         write_mixed_encodings, "result", (1, 0)),
    Case("deep-html", "deep.html", "HTML nested 100,000 elements deep",
         write_deep_html, "result", (1, 0)),
    Case("huge-page", "huge.html", "a 200 MB HTML page",
         write_huge_page, "error", (0, 1), TOO_LARGE, big=True),
    Case("gzip-bomb-page", "bomb.html.gz", "10 GiB of zeros gzipped (a page)",
         write_gzip_bomb, "error", (0, 1), TOO_LARGE, big=True),
    Case("gzip-bomb-jsonl", "bomb.jsonl.gz", "10 GiB of zeros gzipped (a JSONL stream)",
         write_gzip_bomb, "error", (0, 1), TOO_LARGE, big=True),
    # `analyze` reads one article: a WARC archive is refused with a pointer to `ingest`.
    Case("warc-truncated", "truncated.warc", "two WARC records, then one cut short",
         write_truncated_warc, "error", (2, 1), r"truncated|WARC archive.*ingest"),
    Case("feed-billion-laughs", "laughs.rss", "RSS with exponential entity expansion",
         write_billion_laughs, "error", (0, 1), ENTITIES),
    Case("feed-xxe", "xxe.atom", "Atom with an external entity on /etc/passwd",
         write_xxe, "error", (0, 1), ENTITIES),
    Case("jsonl-huge-line", "huge-line.jsonl", "JSONL with one 50 MB line between good ones",
         write_huge_jsonl_line, "error", (2, 1), TOO_LARGE, big=True),
    Case("long-line", "one-line.txt", "a 10 MB text without a line break",
         write_long_line, "result", (1, 0), big=True),
    Case("rtl-invisible", "rtl-invisible.txt", "Arabic, Hebrew, bidi overrides, ZWJ, ZWSP, BOM",
         write_rtl_invisible, "result", (1, 0)),
    Case("unclosed-quotes", "unclosed-quotes.txt", "20,000 opening quote marks never closed",
         write_unclosed_quotes, "result", (1, 0)),
    Case("capitalised-words", "names.txt", "a million capitalised, name-like words",
         write_capitalised_words, "result", (1, 0), big=True),
)


def case(name: str) -> Case:
    for found in CASES:
        if found.name == name:
            return found
    raise KeyError(f"no hostile case {name!r}; cases: {', '.join(c.name for c in CASES)}")


def write_corpus(folder: Path, sizes: Sizes | None = None,
                 names: Iterable[str] = ()) -> list[Path]:
    """Write the cases named (every case if none) into `folder`; their paths."""
    chosen = [case(n) for n in names] or list(CASES)
    return [c.write_to(folder, sizes) for c in chosen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.hostile",
                                     description="Write the hostile-input corpus.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply the big cases' sizes (0.01: a quick, small corpus)")
    parser.add_argument("--only", action="append", default=[], metavar="CASE",
                        help="write only this case (repeatable)")
    args = parser.parse_args(argv)
    try:
        paths = write_corpus(args.outdir, Sizes().scaled(args.scale), args.only)
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    for path, chosen in zip(paths, [case(n) for n in args.only] or CASES):
        print(f"{chosen.name:20} {path.stat().st_size:>14,} bytes  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
