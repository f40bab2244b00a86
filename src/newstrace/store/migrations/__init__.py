"""Alembic migrations of the corpus store."""
