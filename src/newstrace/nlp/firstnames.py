"""First names that tell a gender (data/names/first_names.tsv, converted from
nomquamgender by scripts/convert_first_names.py). Used only to keep "she" from a man and
"he" from a woman; a name missing from the list says nothing."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .names import strip_titles, tokens


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    text = resources.files("newstrace.data").joinpath("names/first_names.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {name: gender for name, gender in rows}


def gender_of(name: str) -> str | None:
    """"f", "m", or None: from the first word of a person's name after its titles."""
    _, words = strip_titles(tokens(name))
    if len(words) < 2:
        return None   # a surname alone ("Flynn") tells nothing
    return table().get(words[0].lower().rstrip("."))
