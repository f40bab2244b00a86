"""Stages `read_plain`, `assemble_text` and `identify`: the dossier's text and id.

`text` is the title, the subtitle, then the body paragraphs, joined by a blank
line; in plain mode it is the input exactly, so that offsets given by others
(evaluation gold spans) line up.
"""

from __future__ import annotations

import hashlib

from ..errors import NoContentError
from ..pipeline import Work, stage

PARAGRAPH_BREAK = "\n\n"


@stage("read_plain", reads=("raw",), adds=("text",))
def read_plain(work: Work) -> None:
    if work.input.content_type == "plain":
        work.dossier.text = work.raw


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


@stage("identify", reads=("content",), adds=("id",))
def identify(work: Work) -> None:
    """Same input, same id: a hash of the content and what the caller said of it."""
    digest = hashlib.sha256()
    content = work.content if isinstance(work.content, bytes) else work.content.encode("utf-8", "surrogatepass")
    for part in (work.input.content_type, work.hints.url or "", work.hints.published or ""):
        digest.update(part.encode("utf-8") + b"\x00")
    digest.update(content)
    work.dossier.id = "nt-" + digest.hexdigest()[:20]
