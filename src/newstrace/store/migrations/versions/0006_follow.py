"""The follower's state: the sources it polls and the entries it has handled.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newstrace.store import schema

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = (schema.follow_sources, schema.follow_entries)


def upgrade() -> None:
    bind = op.get_bind()
    # A store made at version 1 after this change already has them (see 0005).
    present = set(sa.inspect(bind).get_table_names())
    for table in TABLES:
        if table.name not in present:
            table.create(bind)


def downgrade() -> None:
    for table in reversed(TABLES):
        table.drop(op.get_bind())
