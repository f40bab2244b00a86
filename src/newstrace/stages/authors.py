"""Stage `authors`: the authors' names as people, whatever source gave them.

JSON-LD, meta tags, trafilatura and bylines give authors as pages print them: "By
ROBERT BURNS, AP National Security Writer", "Von Vanessa Franke", "Artikel von
hausinfo", "Amelie Siekmann,", a bare "By", the outlet itself ("BBC News",
"24horas.cl"), a placeholder ("admin", "Name"). What is left is a person's name:

- the byline's word ("By", "Von", "Por", "Par", "Autor", "Posted by"...) and trailing
  punctuation go (`BYLINE`); a name in capitals is written as a name ("Robert Burns");
- "Name, Role" keeps the name when the part after the comma is a role ("AP National
  Security Writer", "Staff Reporter");
- a name that is an outlet (the outlets table; the page's publisher or its site's
  domain, unless it starts with a first name: a blogger's site bears the blogger's
  name) or a placeholder is no author: an analyst counts authors, and a site counted
  as one is a wrong fact.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..nlp.firstnames import table as first_names
from ..nlp.outlets import outlet_named
from ..pipeline import Work, stage
from .blocks import title_key
from .publisher import host_name

# Leading words of a byline, in the languages of a crawl; repeated ("By By ...") too.
BYLINE = re.compile(
    r"^\s*(?:(?:written|posted|story|text|reporting|photos?|words|published|ein beitrag|beitrag|"
    r"artikel|geschrieben|verfasst|publicado|escrito|écrit|publié)\s+(?:by|von|vom|por|par)"
    r"|by|von|vom|por|par|di|door|av|af|autor(?:in)?|auteur|author|autore|text|texto)\b\s*[:\-–—]?\s*",
    re.I)
TRAILING = " \t,;:|-–—·•/"
ROLE = re.compile(
    r"\b(writer|correspondent|reporter|editor|staff|contributor|columnist|journalist|"
    r"redakteur(?:in)?|korrespondent(?:in)?|reporter(?:in)?|autor(?:in)?|corresponsal|"
    r"redactor(?:a)?|periodista|journaliste|rédacteur|rédactrice)s?\b", re.I)
# Words pages put where an author's name belongs.
PLACEHOLDERS = frozenset({
    "admin", "administrator", "wordpressadmin", "webmaster", "name", "human", "posted",
    "agencies", "agency", "unknown", "anonymous", "guest", "user", "editor", "author",
    "staff", "by", "von", "por", "par",
})


@stage("authors", reads=("metadata.authors", "metadata.publisher", "metadata.url"),
       adds=("metadata.authors",))
def authors(work: Work) -> None:
    meta = work.dossier.metadata
    cleaned: list[str] = []
    for raw in meta.authors:
        name = person_name(raw)
        if name and not is_outlet(name, meta.publisher, meta.url) and name not in cleaned:
            cleaned.append(name)
    meta.authors = cleaned


def person_name(raw: str) -> str | None:
    """The name in an author string, or None when it holds none."""
    text = " ".join(raw.split())
    while True:
        stripped = BYLINE.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    head, sep, rest = text.partition(",")
    if sep and ROLE.search(rest) and head.strip():
        text = head
    text = text.strip(TRAILING)
    if not text or text.lower() in PLACEHOLDERS or not re.search(r"[^\W\d_]", text):
        return None
    words = text.split()
    if len(words) >= 2 and text.isupper():      # "ROBERT BURNS": a byline's capitals
        text = " ".join(w.capitalize() if w.isalpha() else w for w in words)
    return text


def is_outlet(name: str, publisher: str | None, url: str | None) -> bool:
    """An outlet's name, the page's publisher or its site's domain, not a person's."""
    key = _compact(name)
    if not key:
        return True
    if outlet_named(name) is not None:
        return True
    if name.split()[0].lower() in first_names():
        return False          # a blogger's site bears the blogger's name ("Heiko", heikos-blog.de)
    for site in (publisher, host_name(url)):
        other = _compact(site or "")
        if other and len(key) >= 3 and (key == other or key in other or other in key):
            return True
    return False


@lru_cache(maxsize=4096)
def _compact(text: str) -> str:
    """Letters only: "24horas.cl" and "24 Horas" meet; the domain's ending goes."""
    text = re.sub(r"\.(com|org|net|de|ch|at|co|uk|cl|pe|es|fr|it|pl|br|info|news)\b", "", text.lower())
    return re.sub(r"\W|_|www", "", title_key(text))
