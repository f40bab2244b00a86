"""Alembic environment: newstrace runs migrations itself, on the connection it opened
(`newstrace.store.sql.migrate`), so there is no alembic.ini to keep."""

from __future__ import annotations

from alembic import context

from newstrace.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
