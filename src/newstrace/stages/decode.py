"""Stage `decode`: bytes or str in, checked text out, with the content type settled.

Refuses, with an error that names the input, what cannot be an article: nothing,
binary data, bytes in no identifiable charset, inputs over the size limit.
"""

from __future__ import annotations

from ..errors import BinaryInputError, EmptyInputError, InputTooLargeError, NoContentError
from ..pipeline import Work, stage
from ..text.decoding import FEED_ROOT, decode_bytes, looks_like_html, mostly_control


@stage("decode", reads=("content",), adds=("raw", "input.content_type"))
def decode(work: Work) -> None:
    content, limit = work.content, work.options.max_input_bytes
    if len(content) > limit:
        raise InputTooLargeError(
            f"input is {len(content):,} bytes, over the limit of {limit:,}; "
            "raise max_input_bytes (NEWSTRACE_MAX_INPUT_BYTES) if it really is one article"
        )
    text = decode_bytes(content) if isinstance(content, bytes) else content
    if not text.strip():
        raise EmptyInputError("input is empty or whitespace only; nothing to analyse")
    if mostly_control(text):
        raise BinaryInputError("input looks like binary data, not text or HTML")
    if work.input.content_type in ("auto", "html") and FEED_ROOT.match(text[:65536]):
        # One article in, one dossier out: a feed is many (and its markup is no article text).
        raise NoContentError("input is a news feed (RSS or Atom: many entries), not one article; "
                             "read it with `newstrace ingest`, which stores each entry")
    work.raw = text
    if work.input.content_type == "auto":  # type: ignore[comparison-overlap]  # runner.py puts "auto" in InputInfo until this stage settles it
        work.input.content_type = "html" if looks_like_html(text) else "text"
