"""Stage `authors`: the authors' names as people, whatever source gave them.

JSON-LD, meta tags, trafilatura and bylines give authors as pages print them: "By
ROBERT BURNS, AP National Security Writer", "Von Vanessa Franke", "Artikel von
hausinfo", "Amelie Siekmann,", a bare "By", the outlet itself ("BBC News",
"24horas.cl"), a placeholder ("admin", "Name"). What is left is a person's name:

- the byline's word ("By", "Von", "Por", "Par", "Autor", "Posted by"...) and trailing
  punctuation go (`BYLINE`); a name in capitals is written as a name ("Robert Burns");
- "Name, Role" keeps the name when the part after the comma is a role ("AP National
  Security Writer", "Staff Reporter"); the role is the byline's `descriptor`;
- a wire agency the byline credits ("AP" in that role, "Jane Doe | Reuters", "Jane Doe
  (AFP)", "By The Associated Press") is the byline's `agency`; stage `source_chain`
  puts it in the chain as reprinted. Two people joined by "and" are two bylines;
- a name that is an outlet (the outlets table; the page's publisher or its site's
  domain, unless it starts with a first name: a blogger's site bears the blogger's
  name) or a placeholder is no author: an analyst counts authors, and a site counted
  as one is a wrong fact.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from ..dossier import Byline
from ..nlp.firstnames import table as first_names
from ..nlp.outlets import outlet_named
from ..pipeline import Work, stage
from ..text.blocks import title_key
from ..text.sites import LEGAL_FORM, host_name

# Leading words of a byline, in the languages of a crawl; repeated ("By By ...") too.
BYLINE = re.compile(
    r"^\s*(?:(?:written|posted|story|text|reporting|photos?|words|published|article|report|reported|"
    r"interview|analysis|column|commentary|video|"
    r"ein beitrag|beitrag|artikel|bericht|geschrieben|verfasst|publicado|escrito|artículo|"
    r"écrit|publié|article)\s+(?:by|von|vom|por|par|de)"
    # an author page's link: "View all posts by", "Alle Beiträge von", "Voir tous les articles de"
    r"|(?:view|see|read|show)\s+(?:all|more)\s+(?:posts|articles|stories)\s+(?:by|from)"
    r"|alle\s+(?:beiträge|artikel)\s+von|(?:voir\s+)?tous\s+les\s+articles\s+(?:de|par)"
    # "Un documentaire de", "A film by", "Ein Film von": an article and a common noun
    # (capitalised in German), never a name ("Una Maria de la Cruz")
    r"|(?-i:(?:[Aa]n?|[Uu]ne?|[Uu]n[ao])\s+[a-zà-ÿ]+|[Ee]ine?\s+[A-ZÄÖÜ][a-zäöüß]+)\s+(?:by|de|par|von|di|por)"
    r"|by|von|vom|por|par|di|door|av|af|autor(?:in)?|auteur|author|autore|text|texto)\b\s*[:\-–—]?\s*",
    re.I)
TRAILING = " \t,;:|-–—·•/'\"‘’“”"
# Someone credited for other work than writing: an editor, a fact-checker, a translator.
# Not an author; a page giving no other byline has none.
NOT_THE_WRITER = re.compile(
    r"^\s*(?:edited|reviewed|fact[- ]?checked|updated|translated|produced|compiled|"
    r"additional reporting|redigiert|bearbeitet|übersetzt|editado|traducido|édité|traduit)"
    r"\s+(?:by|von|por|par)\b", re.I)
ROLE = re.compile(
    r"\b(writer|correspondent|reporter|editor|staff|contributor|columnist|journalist|"
    r"redakteur(?:in)?|korrespondent(?:in)?|reporter(?:in)?|autor(?:in)?|corresponsal|"
    r"redactor(?:a)?|periodista|journaliste|rédacteur|rédactrice)s?\b", re.I)
MARKUP = re.compile(r"<[^>]*>")
# Markup, an address, a domain or a company's legal form: no person's name.
NOT_A_PERSON = re.compile(r"[<>=\"@]|://|^[\w.-]+\.[a-z]{2,6}$|\bwww\b|" + LEGAL_FORM.pattern, re.I)
ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$", re.I)
# Lower-case words a name may hold ("Ursula von der Leyen", "María de los Ángeles");
# other lower-case words make a phrase ("Staff and news service reports").
NAME_PARTICLES = frozenset({
    "von", "vom", "van", "der", "den", "de", "del", "della", "dei", "di", "da", "dos", "das",
    "do", "du", "des", "la", "le", "les", "los", "las", "lo", "bin", "ibn", "bint", "al", "el",
    "y", "e", "i", "zu", "zum", "af", "av", "ter", "ten", "op", "'t",
})
# A site's numbered account, no name: "user5105", "Guest_123", "member 42".
NUMBERED_ACCOUNT = re.compile(r"^(?:user|guest|member|anonymous|gast|usuario|utilisateur)[\s_-]?\d+$", re.I)
# A label whose name is elsewhere ("Photo by", "Artikel von"): it ends in its "by".
LABEL_END = re.compile(r"\s(?:by|von|por|par)$", re.I)
# Words pages put where an author's name belongs.
PLACEHOLDERS = frozenset({
    "admin", "administrator", "wordpressadmin", "webmaster", "name", "human", "posted",
    "agencies", "agency", "unknown", "anonymous", "guest", "user", "editor", "author",
    "staff", "by", "von", "por", "par", "no author", "unknown author", "none", "n/a",
    "kein autor", "sin autor", "sans auteur",
    # a form's labels: the name stands beside them
    "datum", "date", "fecha", "data", "published", "veröffentlicht", "publié", "publicado",
    "updated", "aktualisiert", "source", "quelle", "fuente", "photo", "foto",
})


# What follows a name and credits someone else: "Jane Doe, AP ...", "Jane Doe | Reuters",
# "Jane Doe / AFP", "Jane Doe - dpa", "Jane Doe (AFP)", "Jane Doe for The Daily Mail".
CREDIT = re.compile(r"\s*(?:,|\||/|\s[-–—]\s)\s*|\s*\(\s*(?=[^()]*\)\s*$)|\s+(?:for|For|FOR)\s+(?=[A-Z])")
# People joined in one byline: "ROBERT BURNS and LOLITA BALDOR", "Ana Gil y Luis Mar".
JOINED = re.compile(r"\s+(?:and|And|AND|&|und|y|et|e|i)\s+")
# Longest outlet name looked for in a descriptor, in words ("Agence France-Presse").
OUTLET_WORDS = 4


@stage("authors", reads=("metadata.authors", "metadata.publisher", "metadata.url"),
       adds=("metadata.authors", "metadata.bylines"))
def authors(work: Work) -> None:
    meta = work.dossier.metadata
    found: list[Byline] = []
    for raw in meta.authors:
        for line in parse_byline(raw):
            if line.name and is_outlet(line.name, meta.publisher, meta.url):
                line.name = ""
            if line.name in (b.name for b in found) or not (line.name or line.agency):
                continue
            found.append(line)
    meta.bylines = found
    meta.authors = [b.name for b in found if b.name]


def parse_byline(raw: str) -> list[Byline]:
    """The people an author string names, each with its role and credited agency; a
    byline that credits only an agency ("By The Associated Press") gives one with no
    name. Empty when the string names neither."""
    text = " ".join(MARKUP.sub(" ", raw).split())        # a page's escaped link
    if NOT_THE_WRITER.match(text):
        return []
    text = _strip_byline_words(text)
    agency = _agency_of(text) or _agency_of(ROLE.sub(" ", text))    # "Reuters Staff"
    if agency is not None:
        return [Byline("", None, agency)]
    parts = CREDIT.split(text, maxsplit=1)
    head, rest = parts[0], (parts[1].strip(TRAILING + "()") if len(parts) > 1 else "")
    if ADDRESS.match(rest) and not _first_name(head):
        return []                     # "Medianotions, www.medianotions.de": a firm's credit
    descriptor = agency = None
    if rest:
        agency = _agency_in(rest)
        if agency or ROLE.search(rest) or outlet_named(rest) is not None:
            descriptor = rest
        elif len(head.split()) == 1 and _first_name(rest):
            head = f"{rest} {head}"                   # "Doe, Jane": surname first
        elif _first_name(rest):
            return parse_byline(head) + parse_byline(rest)    # "Jane Doe, John Smith"
        else:
            descriptor = rest                         # "Danube Courier": an affiliation
    names = [n for n in (person_name(p) for p in _people(head)) if n]
    return [Byline(n, descriptor, agency) for n in names]


def _first_name(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0].lower() in first_names()


def _people(head: str) -> list[str]:
    parts = JOINED.split(head)
    # "Johnson & Johnson" is one name; two people each have two words at least
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [head]


def _strip_byline_words(text: str) -> str:
    while True:
        stripped = BYLINE.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def _agency_of(text: str) -> str | None:
    """The text itself, when it is a wire agency's name ("The Associated Press")."""
    outlet = outlet_named(text.strip(TRAILING))
    return text.strip(TRAILING) if outlet is not None and outlet.kind == "agency" else None


def _agency_in(text: str) -> str | None:
    """A wire agency named in a byline's credit, as printed ("AP National Security Writer"
    -> "AP"); the longest name at the earliest word."""
    words = text.split()
    for i in range(len(words)):
        for j in range(min(len(words), i + OUTLET_WORDS), i, -1):
            name = " ".join(words[i:j]).strip(TRAILING + "()")
            outlet = outlet_named(name)
            if outlet is not None and outlet.kind == "agency":
                return name
    return None


# A page's reading-time label glued after the name ("José Miguel Wilson Tiempo de lectura").
READING_TIME = re.compile(r"\s+(?:tiempo de lectura|lesezeit|reading time|temps de lecture|"
                          r"tempo di lettura|czas czytania|tempo de leitura|\d+\s*min\.?\s*read)\b.*$", re.I)


def person_name(raw: str) -> str | None:
    """The name in an author string, or None when it holds none."""
    text = READING_TIME.sub("", _strip_byline_words(" ".join(raw.split())))
    head, sep, rest = text.partition(",")
    if sep and ROLE.search(rest) and head.strip():
        text = head
    text = text.strip(TRAILING)
    if not text or text.lower() in PLACEHOLDERS or not re.search(r"[^\W\d_]", text) \
            or NOT_A_PERSON.search(text) or LABEL_END.search(text) or _phrase(text) \
            or NUMBERED_ACCOUNT.match(text):
        return None
    words = text.split()
    if len(words) >= 2 and text.isupper():      # "ROBERT BURNS": a byline's capitals
        text = " ".join(w.capitalize() if w.isalpha() else w for w in words)
    return text


def _phrase(text: str) -> bool:
    """Words that read as a phrase, not a name: two lower-case words or more after the
    first, particles aside ("Staff and news service reports")."""
    words = text.split()
    lower = [w for w in words[1:] if w[:1].islower() and w.lower() not in NAME_PARTICLES]
    return len(words) >= 3 and len(lower) >= 2


def is_outlet(name: str, publisher: str | None, url: str | None) -> bool:
    """An outlet's name, the page's publisher or its site's domain, not a person's."""
    key = _compact(name)
    if not key:
        return True
    if outlet_named(name) is not None:
        return True
    if name.split()[0].lower() in first_names():
        return False          # a blogger's site bears the blogger's name ("Heiko", heikos-blog.de)
    host = host_name(url)
    for site in (publisher, host):
        other = _compact(site or "")
        if other and len(key) >= 3 and (key == other or key in other or other in key):
            return True
    # the site's organisation, whose initials are the domain ("Deutsches Rotes Kreuz",
    # drk.de); a domain spelling a name in full is a person's own site (juergenheitmann.de)
    initials = "".join(w[0] for w in name.split() if w[0].isupper()).lower()
    return bool(host) and len(initials) >= 3 and initials == cast(str, host).split(".")[0].lower()


@lru_cache(maxsize=4096)
def _compact(text: str) -> str:
    """Letters only: "24horas.cl" and "24 Horas" meet; the domain's ending goes."""
    text = re.sub(r"\.(com|org|net|de|ch|at|co|uk|cl|pe|es|fr|it|pl|br|info|news)\b", "", text.lower())
    return re.sub(r"\W|_|www", "", title_key(text))
