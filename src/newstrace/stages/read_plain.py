"""Stage `read_plain`: in plain mode the text is the input exactly, so that offsets given
by others (evaluation gold spans) line up."""

from __future__ import annotations

from ..pipeline import Work, stage


@stage("read_plain", reads=("raw",), adds=("text",))
def read_plain(work: Work) -> None:
    if work.input.content_type == "plain":
        work.dossier.text = work.raw
