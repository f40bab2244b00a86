"""Events indexed by (article, type): the event-type filter asks, per article, whether it
has an event of a type; with one index per column SQLite chose the type's and read every
event of that type for each article (seconds for a common word and a common type).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: a store made at version 1 after this change already has it (version 1
    # creates the schema module's tables as they stand).
    op.execute("CREATE INDEX IF NOT EXISTS ix_events_article_type ON events (article_id, type)")
    op.execute("DROP INDEX IF EXISTS ix_events_article")


def downgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_events_article ON events (article_id)")
    op.execute("DROP INDEX IF EXISTS ix_events_article_type")
