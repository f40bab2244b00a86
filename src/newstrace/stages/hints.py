"""Stage `hints`: what the caller already knows goes in first, so it wins.

Every later stage fills a metadata field only while it is empty, so the URL and
publication date given to `analyze` are never overwritten by what a page prints.
"""

from __future__ import annotations

from ..pipeline import Work, stage


@stage("hints", reads=("hints",), adds=("metadata.url", "metadata.published"))
def hints(work: Work) -> None:
    meta = work.dossier.metadata
    meta.url = work.hints.url or meta.url
    meta.published = work.hints.published or meta.published
