"""Fuzz targets (atheris, libFuzzer) for the readers in front of the NLP.

    python fuzz/fuzz_readers.py text [CORPUS_DIR...] [-max_total_time=60] [libFuzzer flags]
    python fuzz/fuzz_readers.py html [CORPUS_DIR...] [-max_total_time=60]

- `text`: the scraped-text reader and cleaner: stages `decode`, `read_text`,
  `clean_text` (lines to blocks, each line classified: navigation, tags, promotion,
  metadata lines...).
- `html`: the HTML reader: stages `decode`, `html_metadata` (the markup cascade, lxml)
  and `read_html` (trafilatura's main text, deep pages flattened).

Each input is the fuzzer's bytes, given as bytes or, half the time, as a str made from
them (the `analyze` API takes both). Any exception but newstrace's own
(`NewstraceError`: an input refused with a reason) is a crash, and so is an input that
takes longer than libFuzzer's `-timeout` or more memory than `-rss_limit_mb`.
tests/test_fuzz.py runs both targets for a bounded time.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["newstrace"]):
    from newstrace.api import make_work
    from newstrace.config import Options
    from newstrace.errors import NewstraceError
    from newstrace.stages.clean_text import clean_text
    from newstrace.stages.decode import decode
    from newstrace.stages.html_metadata import html_metadata
    from newstrace.stages.read_html import read_html
    from newstrace.stages.read_text import read_text

OPTIONS = Options()


def _content(data: bytes) -> str | bytes:
    provider = atheris.FuzzedDataProvider(data)
    if provider.ConsumeBool():
        return provider.ConsumeBytes(len(data))
    return provider.ConsumeUnicodeNoSurrogates(len(data))


def text_target(data: bytes) -> None:
    work = make_work(_content(data), "text", options=OPTIONS)
    try:
        decode(work)
        read_text(work)
        clean_text(work)
    except NewstraceError:
        return
    for block in work.blocks:
        assert isinstance(block.text, str) and block.kind, block


def html_target(data: bytes) -> None:
    work = make_work(_content(data), "html", options=OPTIONS)
    try:
        decode(work)
        html_metadata(work)
        read_html(work)
    except NewstraceError:
        return
    assert work.blocks, "read_html gave no blocks and no error"


TARGETS = {"text": text_target, "html": html_target}


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{'|'.join(TARGETS)}}} [CORPUS_DIR...] [libFuzzer flags]")
    target = TARGETS[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
