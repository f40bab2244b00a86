"""Stories assigned incrementally (pending articles, anchors), exact copies kept, and
articles found by their lineage origin.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newstrace.store import schema

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = (schema.story_pending, schema.story_anchors, schema.exact_copies)


def upgrade() -> None:
    bind = op.get_bind()
    # A store made at version 1 after this change already has the tables (version 1
    # creates the schema module's tables as they stand): create only what is missing.
    present = set(sa.inspect(bind).get_table_names())
    missing = [table for table in TABLES if table.name not in present]
    for table in missing:
        table.create(bind)
    indexes = {index["name"] for index in sa.inspect(bind).get_indexes("articles")}
    if "ix_articles_origin" not in indexes:      # a store's copies are found by their origin
        op.create_index("ix_articles_origin", "articles", ["origin_id"])
    if schema.story_anchors in missing:
        # Articles stored before have no anchors yet: all of them are pending, so the
        # next clustering is a whole one and writes them.
        op.execute("INSERT INTO story_pending (article_id) SELECT id FROM articles")


def downgrade() -> None:
    op.drop_index("ix_articles_origin", "articles")
    for table in reversed(TABLES):
        table.drop(op.get_bind())
