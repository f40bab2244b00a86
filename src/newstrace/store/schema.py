"""The corpus tables (SQLAlchemy Core). Alembic's migrations create them; this module
is what queries are written against.

Dossiers are stored whole (`articles.dossier`, JSON) and, for queries, their parts:
corpus entities (one row per real-world entity across articles), mentions, quotes,
attributions, events and the entities that take part in them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),              # the dossier id
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, nullable=True, unique=True),
    Column("title", Text),
    Column("publisher", Text),
    Column("published", String(32)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("dossier", JSON, nullable=False),
    Column("source", Text),                                  # where it was read from
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("story_id", Integer, nullable=True),
    Column("origin_id", String(40), nullable=True),          # the earliest copy it reprints
    Column("relation", String(16), nullable=True),           # reprint, rewrite, translation
    Column("similarity", Float, nullable=True),
    Column("fingerprint", LargeBinary, nullable=True),       # MinHash for lineage
    Index("ix_articles_published", "published"),
    Index("ix_articles_publisher", "publisher"),
    Index("ix_articles_story", "story_id"),
    Index("ix_articles_origin", "origin_id"),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("lat", Float), Column("lon", Float),
    Column("country", String(2)), Column("feature", String(16)),
    Column("geonames_id", Integer),
    Index("ix_entities_name", "name"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_mentions_entity", "entity_id"),
    Index("ix_mentions_article", "article_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker_id", Integer, ForeignKey("entities.id"), nullable=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("cue", Text),
    Index("ix_quotes_speaker", "speaker_id"),
    Index("ix_quotes_article", "article_id"),
)

attributions = Table(
    "attributions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("source", Text, nullable=False),
    Column("source_id", Integer, ForeignKey("entities.id"), nullable=True),
    Column("factuality", String(16)),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_attributions_article", "article_id"),
    Index("ix_attributions_source", "source"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("place_id", Integer, ForeignKey("entities.id"), nullable=True),
    Column("time_start", String(10)), Column("time_end", String(10)),
    Column("factuality", String(16)),
    Column("attribution", String(16)),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("confidence", Float),                            # null: stored before version 3
    Index("ix_events_type", "type"),
    # article first: "has an event of this type" is asked per article (a search filter)
    Index("ix_events_article_type", "article_id", "type"),
)

event_roles = Table(
    "event_roles", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("event_local_id", String(16), primary_key=True),   # events.local_id of the article
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("role", String(8), primary_key=True),            # actor, target
    # the entity's actor code in this article (ISO alpha-3, CAMEO sector)
    Column("country", String(3)), Column("sector", String(12)),
    Index("ix_event_roles_entity", "entity_id"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("label", Text),
    Column("size", Integer, nullable=False),
    Column("earliest_id", String(40)),
    # A story merged into another: its id leads there (a bookmarked link keeps working).
    Column("merged_into", Integer, nullable=True),
)

# Articles stored since the last clustering: the next one assigns them to stories. Written
# in the transaction that stores the article and cleared in the one that clusters it, so
# an ingest stopped between the two is clustered by the next run.
story_pending = Table(
    "story_pending", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

# What an article could share with another report of its story (corpus/stories.py
# anchors: a participant's name, a specific place), with its publication day: a new
# article is compared with the stored articles it shares an anchor with in its time, not
# with the whole store.
story_anchors = Table(
    "story_anchors", metadata,
    Column("anchor", String(300), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("day", String(10), nullable=True),
    Index("ix_story_anchors_anchor_day", "anchor", "day"),
    Index("ix_story_anchors_article", "article_id"),
)

# The same content met again at another address: kept as a copy of the stored article
# (not analysed or stored twice), with where and when it was seen.
exact_copies = Table(
    "exact_copies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False, unique=True),
    Column("publisher", Text),
    Column("published", String(32)),
    Column("source", Text),                                  # where it was read from
    Column("seen_at", DateTime(timezone=True), nullable=False),
    Index("ix_exact_copies_article", "article_id"),
)

# Child tables of an article, deleted before it is stored again (--reprocess).
ARTICLE_CHILDREN = (event_roles, events, attributions, quotes, mentions, story_anchors, story_pending)

# The sources `newstrace follow` polls (follow/): what it last heard from each, the
# validators for a conditional GET, and when to ask again. Kept in the store so that a
# restarted follower resumes where it stopped.
follow_sources = Table(
    "follow_sources", metadata,
    Column("url", String(2000), primary_key=True),          # as the user gave it
    Column("feed_url", Text),                                # the feed found on a home page
    Column("kind", String(16)),                              # feed, sitemap, page
    Column("etag", Text), Column("last_modified", Text),
    Column("last_fetch", DateTime(timezone=True)),
    Column("next_poll", DateTime(timezone=True)),
    Column("status", String(16)),                            # ok, not modified, error
    Column("error", Text),
    Column("errors_in_row", Integer, nullable=False, default=0),
    Column("entries", Integer, nullable=False, default=0),   # in its last listing
    # entries left for later rounds (over a limit, or to try again): while there are
    # some, its listing is fetched whole, not with a conditional GET
    Column("pending", Integer, nullable=False, default=0),
    Column("new_articles", Integer, nullable=False, default=0),    # stored in its last round
    Column("total_articles", Integer, nullable=False, default=0),
)

# The entries (article links) the follower has handled: stored, or failed so many times.
# An entry met again is never fetched again (nor is a link already stored as an article).
follow_entries = Table(
    "follow_entries", metadata,
    Column("url", String(2000), primary_key=True),
    Column("source_url", String(2000), nullable=False),
    Column("state", String(8), nullable=False),              # done, failed, left
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    Index("ix_follow_entries_source", "source_url"),
)
