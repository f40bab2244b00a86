"""The corpus schema, version 1, and full-text search for each database.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

from newstrace.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    article_id UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2'
)"""
POSTGRES_FTS = [
    """ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
           setweight(to_tsvector('english', coalesce(text, '')), 'B')) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING GIN (search)",
]


def upgrade() -> None:
    # Version 1 is the schema module as it stands; any later change to it comes with
    # a migration of its own, written as explicit operations.
    bind = op.get_bind()
    metadata.create_all(bind)
    if bind.dialect.name == "sqlite":
        op.execute(SQLITE_FTS)
    elif bind.dialect.name == "postgresql":
        for statement in POSTGRES_FTS:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    metadata.drop_all(bind)
