"""Stage `read_text`: a scraped page's text (content type `text`) as blocks, one per line;
`clean_text` then gives each its kind."""

from __future__ import annotations

from ..pipeline import Work, stage
from ..text.blocks import split_lines


@stage("read_text", reads=("raw", "input.content_type"), adds=("blocks",))
def read_text(work: Work) -> None:
    if work.input.content_type == "text":
        work.blocks = split_lines(work.raw)
