"""Stage `identify`: the dossier's id, a hash of the input and what the caller said of it."""

from __future__ import annotations

import hashlib

from ..pipeline import Work, stage


@stage("identify", reads=("content",), adds=("id",))
def identify(work: Work) -> None:
    """Same input, same id: a hash of the content and what the caller said of it."""
    digest = hashlib.sha256()
    content = work.content if isinstance(work.content, bytes) else work.content.encode("utf-8", "surrogatepass")
    for part in (work.input.content_type, work.hints.url or "", work.hints.published or ""):
        digest.update(part.encode("utf-8") + b"\x00")
    digest.update(content)
    work.dossier.id = "nt-" + digest.hexdigest()[:20]
