"""Stories keep their ids across reclustering; a story merged into another leads to it.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A store made at version 1 after this change already has the column (version 1
    # creates the schema module's tables as they stand): add it only when missing.
    present = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("stories")}
    if "merged_into" not in present:
        op.add_column("stories", sa.Column("merged_into", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("merged_into")
