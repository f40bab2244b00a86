"""The one way articles enter a corpus.

`newstrace ingest`, `newstrace load` and `POST /api/analyze` all store through a
`CorpusWriter`, so that an article is keyed, hashed, fingerprinted, linked to its copies
and placed in a story the same way whichever door it came in by:

- its content hash is SHA-256 of the content with its whitespace collapsed
  (`readers.content_hash`): the same article saved with other line endings is seen;
- an article the store has seen (same hash or URL) is skipped, or kept as an exact copy
  of the stored one when its address is new;
- its fingerprint is the dossier's MinHash (`Fingerprint.of`), made where the dossier
  was made (a pool worker, a Ray actor, the API);
- its lineage links (copies, reprints, translations) are found against every stored
  article and committed in the same transaction as the batch that made them;
- the articles stored since the last clustering are placed in stories when the writer
  finishes (`assign.cluster_store`, whose cost grows with the new articles only).

A record that cannot be analysed is kept in the store's failures table under its key,
and cleared when that key is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..inputs import content_hash
from ..store.base import AddResult, LineageLink, Store, StoredArticle
from ..text.sites import host_name
from .assign import cluster_store
from .lineage import Fingerprint, LineageIndex


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    skipped: int = 0
    copies: int = 0           # the same content met at another address (kept as a copy)
    stored: int = 0
    replaced: int = 0
    failed: int = 0
    linked: int = 0
    stories: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        analysed = self.stored + self.replaced
        return analysed / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class Done:
    """One analysed record on its way to the store: its dossier (as a dict) and
    fingerprint, or why it failed."""

    key: str
    content_hash: str
    origin: str
    dossier: dict[str, Any] | None = None
    fingerprint: bytes | None = None
    error: str | None = None

    @classmethod
    def of(cls, key: str, content: str | bytes, origin: str, dossier: dict[str, Any]) -> "Done":
        """A dossier just made from `content`, hashed and fingerprinted."""
        return cls(key, content_hash(content), origin, dossier, Fingerprint.of(dossier).to_bytes())


class CorpusWriter:
    """Stores analysed records in a store, counting what happened in `summary`."""

    def __init__(self, store: Store, summary: IngestSummary | None = None) -> None:
        self.store = store
        self.summary = summary if summary is not None else IngestSummary()
        self._index: LineageIndex | None = None

    @property
    def index(self) -> LineageIndex:
        """The lineage index over the stored articles, read once, when first needed."""
        if self._index is None:
            self._index = LineageIndex.from_store(self.store)
        return self._index

    def is_new(self, digest: str, url: str | None, published: str | None, origin: str) -> bool:
        """Whether a record is worth analysing: not when the store has its content or URL
        (then a new address for stored content is kept as an exact copy)."""
        if not self.store.seen(digest, url):
            return True
        if url and self.store.record_copy(digest, url, host_name(url), published, origin):
            self.summary.copies += 1
        else:
            self.summary.skipped += 1
        return False

    def fail(self, key: str, message: str) -> None:
        self.summary.failed += 1
        self.summary.failures.append((key, message))
        self.store.record_failure(key, message)

    def add(self, chunk: list[Done], replace: bool = False) -> AddResult:
        """Store a chunk in one transaction, with the lineage links it made; its failures
        go to the failures table."""
        good = [d for d in chunk if d.dossier is not None]
        for bad in (d for d in chunk if d.dossier is None):
            self.fail(bad.key, bad.error or "unknown error")
        if not good:
            return AddResult()
        # Links first, so that they are committed with the articles that made them: a kill
        # between the two would leave stored articles whose links a rerun never makes.
        links: list[LineageLink] = []
        articles = [self._stored(done) for done in good]
        for article in articles:
            assert article.fingerprint is not None   # _stored always sets it
            links += self.index.add_dossier(  # type: ignore[arg-type]  # lineage.Link duck-types LineageLink
                article.dossier, Fingerprint.from_bytes(article.fingerprint))
        result = self.store.add(articles, replace=replace, lineage=links)
        self.summary.stored += result.stored
        self.summary.replaced += result.replaced
        self.summary.skipped += result.skipped
        self.summary.copies += result.copies
        self.summary.linked += len(links)
        return result

    @staticmethod
    def _stored(done: Done) -> StoredArticle:
        assert done.dossier is not None          # `add` passes analysed records only
        fingerprint = done.fingerprint or Fingerprint.of(done.dossier).to_bytes()
        return StoredArticle(done.dossier, done.content_hash, done.origin, fingerprint, done.key)

    def place_stories(self) -> int:
        """Place the articles not yet in a story: those this writer stored, or those a
        former run stored and was stopped before placing (so a rerun that stores nothing
        still does it). The number of stories placed, 0 when none was pending."""
        if self.store.unclustered():
            self.summary.stories = cluster_store(self.store)
        return self.summary.stories
