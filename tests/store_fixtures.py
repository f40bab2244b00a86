"""Stores for tests: a fresh SQLite file, and a fresh PostgreSQL database when the
server given by NEWSTRACE_TEST_POSTGRES_URL is there (CI starts one: scripts/postgres.sh)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterator

import pytest

POSTGRES_ENV = "NEWSTRACE_TEST_POSTGRES_URL"


def postgres_server() -> str | None:
    return os.environ.get(POSTGRES_ENV)


def fresh_postgres_url() -> Iterator[str]:
    """A new database on the test server, dropped afterwards."""
    import psycopg

    server = postgres_server()
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set: start a server with scripts/postgres.sh start "
                    "and export its URL (CI does)")
    name = "nt_" + uuid.uuid4().hex[:12]
    admin = server.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
    else:
        yield from fresh_postgres_url()
