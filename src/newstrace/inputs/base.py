"""What every reader yields: a `Record` (one article and what its source says of it) or a
`ReadError` in its place; the limits they share."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError

GZIP_MAGIC = b"\x1f\x8b"


# Text gzips 3 to 15 times; a gzip bomb (zeros, one repeated line) a thousand times.
GZIP_BOMB_RATIO = 200


SNIFF_BYTES = 4096


CHUNK = 1 << 16


@dataclass(slots=True)
class Record:
    """One article read from a corpus file, ready for `newstrace.analyze`.

    `key` names it within its source, stably: "a.html", "wire.jsonl#line 17",
    "crawl.warc.gz#record 3 (<urn:uuid:...>)", "feed.xml#entry 2 (tag:...)".
    `origin` is the file it was read from, relative to what was given (as `path`).
    """

    key: str
    content: str | bytes
    content_type: str = "auto"
    url: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    # The key relative to what was ingested ("crawl.jsonl#line 17", "pages/a.html" for a
    # file of the directory "pages" however it was named): what a stored dossier keeps
    # as `input.path`, so that the corpus never records where files sat on the machine.
    path: str | None = None


@dataclass(slots=True)
class ReadError:
    """A record (or a whole file) that could not be read; the batch goes on."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


def message_of(exc: InputError) -> str:
    """The message without the source, which the ReadError's key already gives."""
    return Exception.__str__(exc)


def head_text(data: bytes) -> str:
    """The first bytes as text, for sniffing: BOMs and BOM-less UTF-16 honoured, other
    bytes read as Latin-1 (every ASCII-compatible charset agrees on markup)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    sample = data[:512]
    if len(sample) >= 8 and sample[1::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-le", errors="replace")
    if len(sample) >= 8 and sample[0::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-be", errors="replace")
    return data.decode("latin-1")


TRUNCATED_GZIP = "gzip data ends early here: the file is truncated; what came before was read"
