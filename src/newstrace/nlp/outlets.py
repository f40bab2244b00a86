"""News outlets known by name (data/outlets.toml): agencies, broadcasters, papers and
sites, with the short forms pages use ("AP" for the Associated Press) and their web
domains. Names match case-sensitively, with or without a leading "The": "Kan" is an
outlet, "kan" is not."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    kind: str                      # agency | broadcaster | paper | site
    short: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def table() -> dict[str, Outlet]:
    """Every name and short form, without a leading "The", -> its outlet."""
    data = tomllib.loads(resources.files("newstrace.data").joinpath("outlets.toml").read_text("utf-8"))
    found: dict[str, Outlet] = {}
    for row in data["outlet"]:
        outlet = Outlet(row["name"], row["kind"], tuple(row.get("short", [])))
        for name in (outlet.name, *outlet.short, *row.get("domains", [])):
            found.setdefault(_bare(name), outlet)
    return found


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """What a token opening an outlet's name can be (the first word of a name or short
    form, up to any punctuation the tokenizer splits off, or "The"): a cheap test before
    looking spans of text up."""
    return frozenset(re.split(r"[^\w]", name, maxsplit=1)[0] for name in table() if name and "." not in name) \
        | {"The"}


def _bare(name: str) -> str:
    name = " ".join(name.split())
    return name[4:] if name[:4].lower() == "the " else name


def outlet_named(name: str) -> Outlet | None:
    """The outlet this name, short form or web domain ("www.apnews.com") is, or None."""
    name = _bare(name.strip(" \t\n.,;:()\"“”'’"))
    if "." in name and " " not in name:      # a domain: its own name or a parent's
        parts = name.lower().removeprefix("www.").split(".")
        for i in range(len(parts) - 1):
            found = table().get(".".join(parts[i:]))
            if found is not None:
                return found
    return table().get(name)


def same_outlet(a: str, b: str) -> bool:
    """'AP' and 'The Associated Press' are one outlet; unknown names compare as words,
    and a web domain with the name it spells ("californiaglobe.com", "the Globe")."""
    first, second = outlet_named(a), outlet_named(b)
    if first is not None and second is not None:
        return first.name == second.name
    if _bare(a).lower() == _bare(b).lower():
        return True
    return _spelt_by_domain(a, b) or _spelt_by_domain(b, a)


def _spelt_by_domain(domain: str, name: str) -> bool:
    if "." not in domain or " " in domain.strip():
        return False
    labels = domain.lower().removeprefix("www.").split(".")
    core = labels[-2] if len(labels) >= 2 else labels[0]
    letters = "".join(ch for ch in _bare(name).lower() if ch.isalnum())
    return len(letters) >= 4 and (core.endswith(letters) or core.startswith(letters))
