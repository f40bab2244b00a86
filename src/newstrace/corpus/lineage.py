"""Syndication lineage: which articles are copies of which, and of what kind.

    links = lineage(dossiers)        # [Link(copy_id, origin_id, relation, similarity, via)]

    index = LineageIndex()           # or incrementally, one article at a time
    for d in dossiers:
        changed = index.add_dossier(d)   # the links this article made or changed

Text. A dossier's body (its text without the title and subtitle, lower-cased, as words)
is cut into word 5-gram shingles; a `Fingerprint` is the MinHash of that set (128
permutations) with the set's size beside it, and serialises to bytes for the store.
Candidates come from MinHash LSH, then each pair is judged on the estimated Jaccard
similarity J and on the estimated containment C of the smaller set in the larger (see
`Fingerprint.containment`; it needs the set sizes, which is why they are kept):

- reprint: J >= 0.85, or C >= 0.9 (a partial copy is a reprint of the part it copies);
- rewrite: J >= 0.5, or C >= 0.5 (the same copy, edited: sentences reworded, cut, added).

A rewrite that rewords every sentence shares no 5-grams with its source and is not seen:
this is about copies, not about two reports of one story (that is `stories.py`).

Translation. Text similarity cannot see a translation, so only what the page says counts:
a page is a translation of another when it says it is one (`metadata.original_language`
set, or its language differs from the other's), its `sources.chain` names the other's
publisher with relation "translates", and the two share names and numbers (the
`anchors` kept in the fingerprint: capitalised words and numbers, which translations keep),
so that "translated from Reuters" does not link a page to every Reuters article.

Origin. Links make groups (connected components); a group's origin is its earliest
member (by publication date, else by the order articles were added). Every other member
is linked to it, with its relation to it: the relation along its path to the origin, the
least faithful step winning (a reprint of a translation is a translation); `via` names
the first step when the member does not resemble the origin directly.

Candidate search. LSH bands are chosen for recall rather than at the 0.5 Jaccard
threshold itself (where half the pairs would be missed): 42 bands of 3 rows find a
pair with J = 0.5 with probability 0.996, J = 0.4 with 0.94, J = 0.33 with 0.79 (the
smallest J a rewrite of equal length can have), J = 0.1 with 0.04; the pairs found are
then judged on their estimates.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Literal, Mapping, cast

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5
LSH_BANDS = (42, 3)              # bands, rows: see the module docstring
REPRINT_JACCARD = 0.85
REPRINT_CONTAINMENT = 0.9
REWRITE_JACCARD = 0.5
REWRITE_CONTAINMENT = 0.5
# The containment estimate is noisy for unrelated texts of very different lengths: a
# relation also needs this many permutations whose minima match (true J above ~0.02).
MIN_MATCHING = 3
# Fewer shingles than this (a body of under a dozen words) is too little to call a copy.
MIN_SHINGLES = 8
# Shingles hashed per MinHash.update_batch call: datasketch makes a matrix of (shingles x
# permutations) 64-bit values, so a long text hashed in one call took gigabytes.
HASH_BATCH = 4096
# A declared translation must share this many anchors with the page it translates, and
# this share of the smaller anchor set.
MIN_SHARED_ANCHORS = 3
MIN_ANCHOR_OVERLAP = 0.3
MAX_ANCHORS = 400

Relation = Literal["reprint", "rewrite", "translation"]
# Least faithful last: a path's relation is its least faithful step.
FIDELITY: dict[str, int] = {"reprint": 0, "rewrite": 1, "translation": 2}
UNKNOWN_LANGUAGES = {None, "", "und", "unknown"}

WORD = re.compile(r"\w+")
# Capitalised words not at a sentence start, and numbers: what a translation keeps.
ANCHOR = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-ZÀ-ÖØ-Þ][\w'’-]{2,}|\d[\d.,]*\d)", re.M)
PUBLISHER_NOISE = re.compile(r"^the\s+|\.(?:com|org|net|co\.uk|co|news|info)\b.*$")
NON_WORD = re.compile(r"[\W_]+")

MAGIC = b"NTFP"
VERSION = 1
HEADER = struct.Struct("<4sBII")     # magic, version, shingle count, anchors' byte length


@dataclass(frozen=True, slots=True, eq=False)
class Fingerprint:
    """The MinHash of a body's word 5-gram shingles, the number of distinct shingles
    (for containment), and the body's anchors (for declared translations)."""

    minhash: LeanMinHash
    size: int
    anchors: frozenset[str] = frozenset()

    @classmethod
    def of(cls, dossier: Any) -> "Fingerprint":
        """The fingerprint of a dossier (a `Dossier` or its dict)."""
        return cls.of_text(body_text(dossier))

    @classmethod
    def of_text(cls, text: str) -> "Fingerprint":
        shingles = _shingles(text)
        minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
        ordered = sorted(shingles)
        for start in range(0, len(ordered), HASH_BATCH):
            minhash.update_batch(s.encode("utf-8") for s in ordered[start:start + HASH_BATCH])
        return cls(LeanMinHash(minhash), len(shingles), _anchors(text))

    def to_bytes(self) -> bytes:
        anchors = "\x1f".join(sorted(self.anchors)).encode("utf-8")
        buffer = bytearray(self.minhash.bytesize(byteorder="<"))
        self.minhash.serialize(buffer, byteorder="<")
        return HEADER.pack(MAGIC, VERSION, self.size, len(anchors)) + anchors + bytes(buffer)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Fingerprint":
        if len(data) < HEADER.size:
            raise ValueError("not a newstrace fingerprint: too short")
        magic, version, size, anchors_length = HEADER.unpack_from(data)
        if magic != MAGIC or version != VERSION:
            raise ValueError(f"not a newstrace fingerprint (version {VERSION}): "
                             f"starts {bytes(data[:5])!r}")
        start = HEADER.size
        anchors = bytes(data[start:start + anchors_length]).decode("utf-8")
        minhash = LeanMinHash.deserialize(bytes(data[start + anchors_length:]), byteorder="<")
        return cls(minhash, size, frozenset(anchors.split("\x1f")) if anchors else frozenset())

    @property
    def usable(self) -> bool:
        """Whether there is enough text to compare."""
        return self.size >= MIN_SHINGLES

    def jaccard(self, other: "Fingerprint") -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        if not self.size or not other.size:
            return 0.0
        return float(self.minhash.jaccard(other.minhash))

    def containment(self, other: "Fingerprint") -> float:
        """Estimated share of the smaller shingle set found in the larger one.

        Under each permutation the larger set's minimum is at most the smaller's with
        probability |larger| / |union|; the sizes being known, that gives the union,
        and so the intersection. A part copied whole is contained exactly (the
        larger set's minimum is never above the part's), where going through the
        Jaccard estimate would be as noisy as it is."""
        small, large = sorted((self, other), key=lambda f: f.size)
        if not small.size:
            return 0.0
        below = float(np.mean(large.minhash.hashvalues <= small.minhash.hashvalues))
        if not below:
            return 0.0
        union = large.size / below
        return max(0.0, min(1.0, (small.size + large.size - union) / small.size))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Fingerprint) and self.size == other.size
                and self.anchors == other.anchors and self.minhash == other.minhash)

    def __hash__(self) -> int:
        return hash((self.size, self.anchors, bytes(self.minhash.hashvalues[:4])))


@dataclass(slots=True)
class Entry:
    """One article as the index knows it."""

    id: str
    fingerprint: Fingerprint
    published: str | None = None
    language: str | None = None
    original_language: str | None = None
    publisher: str | None = None
    translates: frozenset[str] = frozenset()     # normalised names of outlets it translates
    order: int = 0

    @classmethod
    def of(cls, dossier: Any, fingerprint: Fingerprint | None = None, order: int = 0) -> "Entry":
        d = _as_dict(dossier)
        meta = d.get("metadata") or {}
        chain = (d.get("sources") or {}).get("chain") or []
        return cls(
            id=d["id"],
            fingerprint=fingerprint or Fingerprint.of(d),
            published=meta.get("published"),
            language=meta.get("language"),
            original_language=meta.get("original_language"),
            publisher=meta.get("publisher"),
            translates=frozenset(
                name for link in chain if link.get("relation") == "translates"
                for name in [normalise_publisher(link.get("name"))] if name
            ),
            order=order,
        )

    @property
    def when(self) -> tuple[bool, datetime, int]:
        """Sort key: dated articles first, by date, then by the order they were added."""
        instant = parse_instant(self.published)
        return (instant is None, instant or datetime.min, self.order)


@dataclass(slots=True)
class Link:
    """`copy_id` is a `relation` of `origin_id` (its group's earliest article).

    `similarity` is the estimated Jaccard similarity of the two texts (None for a
    translation); `via` is the member through which the copy reaches the origin when
    it does not resemble the origin directly.
    """

    copy_id: str
    origin_id: str
    relation: str
    similarity: float | None = None
    via: str | None = None

    @property
    def article_id(self) -> str:
        """The copy's id, under the name the store's `LineageLink` uses."""
        return self.copy_id


def classify(a: Any, b: Any) -> str | None:
    """The relation between two articles ("reprint", "rewrite", "translation") or None.

    `a` and `b` are `Entry`s, or dossiers (a `Dossier` or its dict). The relation has
    no direction: which is the copy is decided by dates (`origin_of`).
    """
    return _compare(_entry(a), _entry(b))[0]


def origin_of(group: Iterable[Any]) -> Entry:
    """The group's origin: its earliest published member, else the first added."""
    entries = [_entry(member, order=i) for i, member in enumerate(group)]
    if not entries:
        raise ValueError("an empty group has no origin")
    return min(entries, key=lambda e: e.when)


def lineage(dossiers: Iterable[Any]) -> list[Link]:
    """Every copy among `dossiers` linked to its origin, in the order they were given."""
    index = LineageIndex()
    for dossier in dossiers:
        index.add_dossier(dossier)
    return index.links()


class LineageIndex:
    """Articles added one at a time; `links()` is always what `lineage()` would give
    for the same articles in the same order."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
        self.entries: dict[str, Entry] = {}
        self.edges: dict[str, dict[str, tuple[str, float | None]]] = {}
        self.current: dict[str, Link] = {}
        self.by_publisher: dict[str, set[str]] = {}
        self.by_translated: dict[str, set[str]] = {}
        self._order = 0

    @classmethod
    def from_store(cls, store: Any) -> "LineageIndex":
        """The index over a store's articles (their fingerprints, in ingest order).

        Publishers, languages and chains are read from the stored dossiers when the
        store gives them (`dossiers()`), so that declared translations link too."""
        index = cls()
        if hasattr(store, "lineage_entries"):
            # A SQL store hands over slim rows: whole dossiers never come into memory.
            for slim in store.lineage_entries():
                index.add_entry(Entry.of(slim, Fingerprint.from_bytes(slim["fingerprint"])))
            return index
        rows = list(store.fingerprints())
        if not rows:
            return index
        meta: dict[str, Mapping[str, Any]] = {}
        if hasattr(store, "dossiers"):
            wanted = {row[0] for row in rows}
            meta = {d["id"]: d for d in store.dossiers() if d.get("id") in wanted}
        for article_id, published, data in rows:
            fingerprint = Fingerprint.from_bytes(data)
            if article_id in meta:
                entry = Entry.of(meta[article_id], fingerprint)
                entry.published = published or entry.published
            else:
                entry = Entry(article_id, fingerprint, published)
            index.add_entry(entry)
        return index

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.entries

    # -- adding ----------------------------------------------------------------------------

    def add(self, article_id: str, fingerprint: Fingerprint, published: str | None = None,
            language: str | None = None, *, original_language: str | None = None,
            publisher: str | None = None, translates: Iterable[str] = ()) -> list[Link]:
        """Add one article; the links it made or changed (new copies, or a whole group
        re-rooted because this article is older than its origin)."""
        names = frozenset(n for n in map(normalise_publisher, translates) if n)
        return self.add_entry(Entry(article_id, fingerprint, published, language,
                                    original_language, publisher, names))

    def add_dossier(self, dossier: Any, fingerprint: Fingerprint | None = None) -> list[Link]:
        """Add a dossier (a `Dossier` or its dict), fingerprinting it unless given."""
        return self.add_entry(Entry.of(dossier, fingerprint))

    def add_entry(self, entry: Entry) -> list[Link]:
        """Add an `Entry` (as `add` does); an id added before is replaced."""
        former: set[str] = set()
        if entry.id in self.entries:
            entry.order = self.entries[entry.id].order
            former = self._remove(entry.id)
        else:
            entry.order = self._order
            self._order += 1
        self.entries[entry.id] = entry
        self.edges[entry.id] = {}
        for other_id in sorted(self._candidates(entry), key=lambda i: self.entries[i].order):
            relation, similarity = _compare(entry, self.entries[other_id])
            if relation:
                self.edges[entry.id][other_id] = (relation, similarity)
                self.edges[other_id][entry.id] = (relation, similarity)
        if entry.fingerprint.usable:
            self.lsh.insert(entry.id, entry.fingerprint.minhash, check_duplication=False)
        if entry.publisher:
            self.by_publisher.setdefault(normalise_publisher(entry.publisher), set()).add(entry.id)
        for name in entry.translates:
            self.by_translated.setdefault(name, set()).add(entry.id)
        changed = self._relink(self._group(entry.id))
        # Replaced with other text, it may have left its former group, which may split.
        done = self._group(entry.id)
        for member in sorted(former - done, key=lambda i: self.entries[i].order):
            if member not in done:
                group = self._group(member)
                changed += self._relink(group)
                done |= group
        return changed

    def _remove(self, article_id: str) -> set[str]:
        """Forget an article (it is being added again, perhaps with other text);
        return its former neighbours."""
        former = set(self.edges.get(article_id, {}))
        old = self.entries.pop(article_id)
        if old.fingerprint.usable:
            self.lsh.remove(article_id)
        for other in self.edges.pop(article_id, {}):
            self.edges[other].pop(article_id, None)
        self.current.pop(article_id, None)
        if old.publisher:
            self.by_publisher.get(normalise_publisher(old.publisher), set()).discard(article_id)
        for name in old.translates:
            self.by_translated.get(name, set()).discard(article_id)
        return former

    def _candidates(self, entry: Entry) -> set[str]:
        found: set[str] = set()
        if entry.fingerprint.usable:
            found.update(self.lsh.query(entry.fingerprint.minhash))
        for name in entry.translates:
            found |= self.by_publisher.get(name, set())
        if entry.publisher:
            found |= self.by_translated.get(normalise_publisher(entry.publisher), set())
        found.discard(entry.id)
        return found

    # -- querying --------------------------------------------------------------------------

    def find(self, fingerprint: Fingerprint) -> list[tuple[str, float]]:
        """Indexed articles whose text this one copies or is copied from (a reprint or
        a rewrite), with the estimated Jaccard similarity, most similar first."""
        if not fingerprint.usable:
            return []
        found = []
        for article_id in self.lsh.query(fingerprint.minhash):
            other = self.entries[article_id].fingerprint
            jaccard = fingerprint.jaccard(other)
            if _text_relation(jaccard, fingerprint.containment(other)):
                found.append((article_id, round(jaccard, 3)))
        return sorted(found, key=lambda item: (-item[1], self.entries[item[0]].order))

    def links(self) -> list[Link]:
        """Every copy's link to its origin, in the order the copies were added."""
        return sorted(self.current.values(), key=lambda link: self.entries[link.copy_id].order)

    def link(self, article_id: str) -> Link | None:
        """The article's link to its origin; None for an origin or an unlinked article."""
        return self.current.get(article_id)

    def group(self, article_id: str) -> list[str]:
        """The ids linked with this article (itself included), origin first."""
        members = self._group(article_id)
        return sorted(members, key=lambda i: self.entries[i].when)

    # -- groups ----------------------------------------------------------------------------

    def _group(self, start: str) -> set[str]:
        seen, todo = {start}, [start]
        while todo:
            for other in self.edges.get(todo.pop(), {}):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen

    def _relink(self, members: set[str]) -> list[Link]:
        """Recompute the group's links; return those that are new or different."""
        new = self._group_links(members)
        changed = [link for copy_id, link in new.items() if self.current.get(copy_id) != link]
        for copy_id in members:
            if copy_id in new:
                self.current[copy_id] = new[copy_id]
            else:
                self.current.pop(copy_id, None)
        return sorted(changed, key=lambda link: self.entries[link.copy_id].order)

    def _group_links(self, members: set[str]) -> dict[str, Link]:
        if len(members) < 2:
            return {}
        origin = min(members, key=lambda i: self.entries[i].when)
        # Breadth first from the origin, nearest (then earliest) neighbours first: each
        # member's parent is its first step back towards the origin.
        parent: dict[str, str] = {}
        relation: dict[str, str] = {origin: "reprint"}     # the most faithful: a neutral start
        queue = [origin]
        for current in queue:
            neighbours = sorted(self.edges[current], key=lambda i: self.entries[i].when)
            for other in neighbours:
                if other in relation:
                    continue
                step = self.edges[current][other][0]
                relation[other] = max(relation[current], step, key=FIDELITY.__getitem__)
                parent[other] = current
                queue.append(other)
        origin_fp = self.entries[origin].fingerprint
        links = {}
        for member, kind in relation.items():
            if member == origin:
                continue
            direct = self.edges[member].get(origin)
            similarity = None
            if kind != "translation":
                similarity = direct[1] if direct else round(
                    self.entries[member].fingerprint.jaccard(origin_fp), 3)
            via = parent[member] if parent[member] != origin else None
            links[member] = Link(member, origin, kind, similarity, via)
        return links


# -- comparing ----------------------------------------------------------------------------


def _compare(a: Entry, b: Entry) -> tuple[str | None, float | None]:
    """The relation of two entries and the similarity that supports it."""
    fa, fb = a.fingerprint, b.fingerprint
    if fa.usable and fb.usable:
        jaccard = fa.jaccard(fb)
        relation = _text_relation(jaccard, fa.containment(fb))
        if relation:
            return relation, round(jaccard, 3)
    if _translates(a, b) or _translates(b, a):
        return "translation", None
    return None, None


def _text_relation(jaccard: float, containment: float) -> str | None:
    if jaccard < MIN_MATCHING / NUM_PERM:
        return None
    if jaccard >= REPRINT_JACCARD or containment >= REPRINT_CONTAINMENT:
        return "reprint"
    if jaccard >= REWRITE_JACCARD or containment >= REWRITE_CONTAINMENT:
        return "rewrite"
    return None


def _translates(a: Entry, b: Entry) -> bool:
    """Whether `a` says it translates `b`: it is another language's edition, its chain
    names b's publisher as the one it translates, and the two share names and numbers."""
    if not b.publisher or normalise_publisher(b.publisher) not in a.translates:
        return False
    a_lang, b_lang = _language(a.language), _language(b.language)
    original = _language(a.original_language)
    if original is None and (a_lang is None or b_lang is None or a_lang == b_lang):
        return False
    if original is not None and b_lang is not None and original != b_lang:
        return False                  # b is in another language than the one translated
    shared = a.fingerprint.anchors & b.fingerprint.anchors
    smaller = min(len(a.fingerprint.anchors), len(b.fingerprint.anchors))
    return len(shared) >= MIN_SHARED_ANCHORS and len(shared) >= MIN_ANCHOR_OVERLAP * smaller


def _language(code: str | None) -> str | None:
    if code in UNKNOWN_LANGUAGES:
        return None
    return str(code).lower().split("-")[0]


# -- text ---------------------------------------------------------------------------------


def body_text(dossier: Any) -> str:
    """The dossier's text without its title and subtitle (which copies often change)."""
    d = _as_dict(dossier)
    text = d.get("text") or ""
    meta = d.get("metadata") or {}
    for heading in (meta.get("title"), meta.get("subtitle")):
        if heading and text.startswith(heading):
            text = text[len(heading):].lstrip()
    return text


def _shingles(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _anchors(text: str) -> frozenset[str]:
    found: dict[str, None] = {}
    for match in ANCHOR.finditer(text):
        token = match.group(1).lower().replace(",", "").rstrip(".")
        found.setdefault(token.replace("’", "'"))
        if len(found) >= MAX_ANCHORS:
            break
    return frozenset(found)


def normalise_publisher(name: str | None) -> str:
    """'The Daily Ledger', 'dailyledger.com' and 'Daily Ledger' compare alike."""
    if not name:
        return ""
    text = PUBLISHER_NOISE.sub("", name.strip().lower())
    return NON_WORD.sub("", text)


def parse_instant(published: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as a naive UTC datetime (a date alone is midnight)."""
    if not published:
        return None
    value = published.strip()
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        try:
            instant = datetime.fromisoformat(value[:10])
        except ValueError:
            return None
    if instant.tzinfo is not None:
        instant = instant.astimezone(timezone.utc).replace(tzinfo=None)
    return instant


def _as_dict(dossier: Any) -> Mapping[str, Any]:
    if isinstance(dossier, Mapping):
        return dossier
    to_dict = getattr(dossier, "to_dict", None)
    if to_dict is None:
        raise TypeError(f"expected a Dossier or its dict, not {type(dossier).__name__}")
    return cast(Mapping[str, Any], to_dict())


def _entry(value: Any, order: int = 0) -> Entry:
    return value if isinstance(value, Entry) else Entry.of(value, order=order)


__all__ = [
    "Entry",
    "Fingerprint",
    "LineageIndex",
    "Link",
    "body_text",
    "classify",
    "lineage",
    "normalise_publisher",
    "origin_of",
    "parse_instant",
]
