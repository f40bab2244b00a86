"""Stage `publisher`: the site or outlet that published the page.

The candidates, in order: what the HTML markup names (JSON-LD's publisher, then
og:site_name and its kin, read by `html_metadata`), the site name trafilatura reads,
the name a promotion line gives ("Follow the latest news with BLITZ on Telegram"), a
copyright line and the site name after the title ("Title | The Courier"). Pages put
other things in those places: a section ("U.S.", "Política"), the headline again, a
date, a social profile's address, a photo credit ("© Oli Scarff/Getty Images"), a
handle ("Andreloibl"), a stray capitalised word ("Hosted"), an app the page promotes.
So a candidate counts only as evidence (`plausible`): the one the page's domain spells
most of wins, then the first plausible one, then the domain itself. A wrong publisher
misleads every count by outlet; a domain only says less.
"""

from __future__ import annotations

import re

from ..nlp.firstnames import table as first_names
from ..nlp.names import fold
from ..nlp.outlets import outlet_named, same_outlet
from ..nlp.slug import german_spelling
from ..pipeline import Work, stage
from ..text.blocks import title_key
from ..text.lines import is_section_label, platform_named
from ..text.sites import LEGAL_FORM, copyright_name, host_name, promo_name

# Where a candidate came from; names from these need not agree with the domain.
SITE_MARKUP = frozenset({"json-ld", "site-name", "app-name"})
# The most words of a site's name in the page's <title> ("Titel - Konrad-Adenauer-Stiftung").
TITLE_PART_WORDS = 5
# Names the page's words give; with a URL known, they count only when its domain spells
# them ("Download the Microsoft News app" on msn.com names an app, not the site).
PAGE_WORDS = frozenset({"promo", "copyright"})
# Copyright and its words, years and "all rights reserved", around a holder's name.
COPYRIGHT_WORDS = re.compile(
    r"©|\(c\)|\bcopyright\b|\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b|"
    r"\ball rights reserved\b|\balle rechte vorbehalten\b|\btous droits réservés\b", re.I)
EMAIL = re.compile(r"\S+@\S+\.\w+")
# Where a candidate joins a site's name to a headline or a motto.
DOMAIN_LIKE = re.compile(r"^[\w.-]+\.[a-z]{2,24}$", re.I)      # "hildesheimer-presse.de"
PARTS = re.compile(r"\s+[|»«–—:-]\s+|\s*::\s*")
# A date, an enumeration ("6. Jahrgang"), a headline's colon or question: no site name.
NOT_A_NAME = re.compile(r"\b\d{1,2}\.\s*(?:\d{1,2}\.|[^\W\d_]{3,})|^\d+\.\s|\w:\s|[?]$|[{}$<>]|"
                        r"^@|[^\W_]_[^\W_]")       # a handle ("@livenet_ch", "Livenet_Ch")


@stage("publisher", reads=("blocks", "metadata.title", "metadata.url", "site_candidates",
                            "publisher_candidates"), adds=("metadata.publisher",))
def publisher(work: Work) -> None:
    meta = work.dossier.metadata
    if work.input.content_type == "plain":
        return
    meta.publisher = choose_publisher(candidates(work), meta.url, meta.title)


def candidates(work: Work) -> list[tuple[str, str]]:
    """(source, name) for every name the page gives its publisher, markup first."""
    found = [(source, name) for source, name in work.site_candidates if source != "page-title"]
    promo, copyright_ = promo_name(work.blocks), copyright_name(work.blocks)
    found += [("promo", promo)] if promo else []
    found += [("copyright", copyright_)] if copyright_ else []
    found += [("title-suffix", name) for _, name in work.publisher_candidates]
    # the page's <title> may carry the site's name ("National Rail Enquiries - Travel
    # Advice", nationalrail.co.uk): its parts, last, for `choose_publisher` to weigh
    found += [("page-title", part) for source, name in work.site_candidates
              if source == "page-title" for part in PARTS.split(name)]
    return found


def choose_publisher(found: list[tuple[str, str]], url: str | None, title: str | None) -> str | None:
    """The plausible candidate the URL's domain spells most of ("EL PAÍS" before
    "Ediciones EL PAÍS S.L.", elpais.com), else the first plausible one, else the domain."""
    host = host_name(url)
    names = [(source, name) for source, raw in found
             if (name := plausible(raw, source, host, title)) is not None]
    if host:
        scored = [(domain_match(name, host), name) for source, name in names if source != "page-title"]
        if _title_may_name(names, scored):
            titled = [(domain_match(name, host), name) for source, name in names
                      if source == "page-title" and len(name.split()) <= TITLE_PART_WORDS]
            if any(score > 0 for score, _ in titled):
                # a name the <title> prints ("Dwutygodnik") before the bare address
                scored = [pair for pair in scored if not DOMAIN_LIKE.match(pair[1])] + titled
        best = max(scored, key=lambda pair: pair[0], default=(0.0, ""))   # the first of the best
        if best[0] > 0:
            name = best[1]
            return host if name.islower() and " " not in name and len(name) <= 3 else name  # "nj"
    names = [(source, name) for source, name in names if source != "page-title"]
    return names[0][1] if names else host


def _title_may_name(names: list[tuple[str, str]], scored: list[tuple[float, str]]) -> bool:
    """Whether a short part of the page's <title> the domain spells may be the site's
    name: when the page's markup names no site (an app's name aside) and no other
    candidate the domain spells is more than the domain itself. The title's other
    parts are a headline."""
    marked = any(source in ("json-ld", "site-name") for source, _ in names)
    return not marked and not any(score > 0 and not DOMAIN_LIKE.match(name) for score, name in scored)


def plausible(raw: str, source: str, host: str | None, title: str | None) -> str | None:
    """The site name in a candidate, or None when it is something else. A candidate in
    parts ("Headline | Die FURCHE", "Frollein Herr | Information und Inspiration") gives
    the part that agrees with the domain."""
    if "://" in raw or raw.lower().startswith("www."):
        return None                          # a profile's or a page's address
    name = _at_address(_tidy_name(raw), host)
    parts = [_at_address(_tidy_name(p), host) for p in PARTS.split(name)]
    if host and len(parts) > 1:
        name = next((p for p in parts if p and agrees_with_domain(p, host)), name)
    agrees = bool(host) and agrees_with_domain(name, host)  # type: ignore[arg-type]
    if not re.search(r"[^\W\d_]", name) or NOT_A_NAME.search(name) or platform_named(name) \
            or is_section_label(name) or (not agrees and _is_title(name, title)):
        return None
    agency = outlet_named(name)
    if source == "copyright" and not agrees and (
            "/" in name or (agency is not None and agency.kind == "agency")
            or name.split()[0].lower() in first_names()):
        return None                          # a photographer's, a wire's credit, not the site
    if source not in SITE_MARKUP and " " not in name and host is not None and not agrees \
            and agency is None and not _coined(name):
        return None                          # "Hosted", "Andreloibl": a word or a handle
    if source in PAGE_WORDS and host is not None and not agrees:
        return None                          # an app or a partner the page promotes
    return name


# "Rezept von Backen.de", "News from example.com", "Zobacz na przepisy.pl": what the
# page says is at the site's address
AT_ADDRESS = re.compile(r"\s(?:von|vom|bei|auf|from|on|at|by|de|en|sur|na|w|su|di)\s+(?:www\.)?(\S+)$", re.I)


def _at_address(name: str, host: str | None) -> str:
    """The site's address when a name ends "... on <the page's host>"."""
    found = AT_ADDRESS.search(name)
    return found.group(1) if found and host and found.group(1).lower() == host.lower() else name


def _tidy_name(raw: str) -> str:
    """Without copyright words, years, e-mail addresses, a leading "by" and the
    punctuation around it; an abbreviation's stop stays ("e.V.")."""
    name = " ".join(EMAIL.sub(" ", COPYRIGHT_WORDS.sub(" ", raw)).split())
    name = re.sub(r"^by\s+(?=\S)", "", name.strip(" ,;:|-–—·•/»«"), flags=re.I)
    return re.sub(r"(?<=\w{4})\.+$|\s*\.{2,}$|…$", "", name).strip(" ,;:|-–—·•/»«")


def _is_title(name: str, title: str | None) -> bool:
    """The headline again, or a topic word of it ("Welpen" on "Welpen kaufen")."""
    if not title:
        return False
    key, other = title_key(name), title_key(title)
    if not key:
        return False
    if len(key.split()) >= 3:    # a site's name after the headline is no headline
        return other in key or (key in other and len(key) >= 0.6 * len(other))
    return len(key.split()) == 1 and key in other.split()


def _coined(word: str) -> bool:
    """A brand's shape: capitals inside ("BLITZ", "GamePro") or a digit ("3sat")."""
    return any(ch.isupper() for ch in word[1:]) or any(ch.isdigit() for ch in word)


def agrees_with_domain(name: str, host: str) -> bool:
    """The name is the domain's site: the outlets table says so, the domain spells it
    ("Jobs & Hire", jobsnhire.com; "Übermedien", uebermedien.de), or is its initials
    ("Frankfurter Allgemeine Zeitung", faz.net)."""
    return domain_match(name, host) > 0


def domain_match(name: str, host: str) -> float:
    """How much of the name the domain spells: 1.0 for all of it ("EL PAÍS", elpais.com),
    less for a name around it ("Ediciones EL PAÍS", 0.4), 0.0 for none."""
    if same_outlet(name, host):
        return 1.0
    labels = [re.sub(r"[^a-z0-9]", "", label) for label in host.lower().split(".")[:-1]]
    best = 0.0
    for spelt in _spellings(LEGAL_FORM.sub("", name)):
        words = re.findall(r"[a-z0-9]+", spelt)
        letters, initials = "".join(words), "".join(w[0] for w in words)
        runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        for core in labels:
            if len(core) >= 2 and core in (initials, initials[:-1]):
                best = max(best, 1.0)
            elif (len(core) >= 4 and core in letters) or (len(core) >= 2 and core in runs):
                best = max(best, len(core) / len(letters))
            elif len(core) >= 4 and len(letters) >= 4 and letters in core:
                best = max(best, len(letters) / len(core))
    return best


def _spellings(name: str) -> set[str]:
    """How a domain may spell a name: umlauts as "ue" or "u", "&" as "n", "and" or nothing."""
    forms = (name.lower(), german_spelling(name))
    return {fold(form.replace("&", amp)) for form in forms for amp in ("", "n", "and")}


