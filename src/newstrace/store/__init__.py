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
from .sql import DEFAULT_DB, PostgresStore, SqliteStore, SqlStore, entity_key, open_store

__all__ = [
    "DEFAULT_DB", "AddResult", "ArticleSummary", "EntityReport", "LineageLink", "PostgresStore",
    "SearchFilters", "SqlStore", "SqliteStore", "Store", "StoredArticle", "StoryAnchors", "entity_key", "open_store",
]
