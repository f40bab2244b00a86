"""The corpus store: one interface (base.Store), SQLite and PostgreSQL behind it."""

from __future__ import annotations

from .base import (
    AddResult,
    ArticleSummary,
    EntityReport,
    LineageLink,
    SearchFilters,
    Store,
    StoredArticle,
    StoryAnchors,
)
from .dialects import DEFAULT_DB, MEMORY, PostgresStore, SqliteStore, open_store
from .sql import SqlStore, entity_key

__all__ = [
    "DEFAULT_DB", "MEMORY", "AddResult", "ArticleSummary", "EntityReport", "LineageLink", "PostgresStore",
    "SearchFilters", "SqlStore", "SqliteStore", "Store", "StoredArticle", "StoryAnchors", "entity_key", "open_store",
]
