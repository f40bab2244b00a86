"""First names that tell a gender (data/names/first_names.tsv, converted from
nomquamgender by scripts/convert_first_names.py). Used only to keep "she" from a man and
"he" from a woman; a name missing from the list says nothing."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .names import fold, strip_titles, titles, tokens


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


# Last words of names that are organisations or places even after a first name
# ("Victoria Station", "Lincoln Center", "Wake Forest University").
NOT_SURNAMES = frozenset({
    "university", "college", "school", "academy", "institute", "center", "centre", "hospital",
    "clinic", "foundation", "fund", "trust", "street", "road", "avenue", "square", "station",
    "line", "bridge", "park", "garden", "gardens", "company", "corporation", "group", "party",
    "church", "cathedral", "hall", "airport", "river", "lake", "county", "city", "island",
    "bay", "mountain", "valley", "museum", "library", "stadium", "arena", "theatre", "theater",
    "hotel", "tower", "house", "court", "law", "act", "prize", "award", "cup", "festival",
    "inc", "ltd", "llc", "co", "club", "team", "united", "studios", "records", "press",
    "tech", "state", "memorial", "port", "harbour", "harbor", "beach", "fort", "lane", "drive"})


def person_like(name: str) -> bool:
    """A first name that tells a gender and a surname, with no place or organisation
    word ("Nesma Hajjaj", which the tagger may call an organisation beside "said")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()
                                           for w in words):
        return False
    # a title is no first name, though a few are names too ("General Motors")
    return words[0].lower() in table() and words[-1].lower() not in NOT_SURNAMES \
        and fold(words[0]).rstrip(".") not in titles()
