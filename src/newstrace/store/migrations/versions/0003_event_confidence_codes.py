"""Events get their confidence; the entities taking part in them, their actor code in
that article (country, sector).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = {
    "events": [sa.Column("confidence", sa.Float, nullable=True)],
    "event_roles": [sa.Column("country", sa.String(3), nullable=True),
                    sa.Column("sector", sa.String(12), nullable=True)],
}


def _existing(table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    # A store made at version 1 after this change already has the columns (version 1
    # creates the schema module's tables as they stand): add only what is missing.
    for table, columns in COLUMNS.items():
        present = _existing(table)
        for column in columns:
            if column.name not in present:
                op.add_column(table, column)


def downgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column.name)
