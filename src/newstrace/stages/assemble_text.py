"""Stage `assemble_text`: the dossier's text from a page's blocks.

`text` is the title, the subtitle, then the body paragraphs, joined by a blank line (in
plain mode `read_plain` has set it to the input exactly).
"""

from __future__ import annotations

from ..errors import NoContentError
from ..pipeline import Work, stage

PARAGRAPH_BREAK = "\n\n"


@stage("assemble_text", reads=("blocks", "metadata.title", "metadata.subtitle"), adds=("text",))
def assemble_text(work: Work) -> None:
    if work.input.content_type == "plain":
        return
    meta = work.dossier.metadata
    paragraphs = [b.text for b in work.blocks if b.is_body]
    if not paragraphs and not meta.title:
        raise NoContentError(
            "no article text is left once boilerplate is removed; "
            "if this is clean text, analyse it with content type 'plain'"
        )
    head = [part for part in (meta.title, meta.subtitle) if part]
    work.dossier.text = PARAGRAPH_BREAK.join(head + paragraphs)

