"""Events in the corpus: their confidence and their parties' actor codes in the store,
the exports and the API; a store made before they existed is upgraded in place."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

import newstrace
from newstrace.corpus.export import export_events_csv, export_jsonl, with_confident_events
from newstrace.store import StoredArticle, open_store
from newstrace.store.schema import event_roles, events

from ..store_fixtures import store_url  # noqa: F401  (the parametrised fixture)

RAID = """Kabul, 4 May 2024. Afghan police arrested three protesters in Kabul on Monday. The
interior ministry said officials would release them. Germany condemned the arrests."""


def stored(text: str) -> StoredArticle:
    d = newstrace.analyze(text, content_type="plain").to_dict()
    return StoredArticle(d, hashlib.sha256(text.encode()).hexdigest(), "test")


def test_events_keep_their_confidence_and_codes(store_url: str) -> None:  # noqa: F811
    store = open_store(store_url)
    try:
        article = stored(RAID)
        store.add([article])
        with store.engine.connect() as connection:
            rows = connection.execute(events.select()).mappings().all()
            roles = connection.execute(event_roles.select()).mappings().all()
        by_local = {e["id"]: e for e in article.dossier["events"]}
        assert rows and all(r["confidence"] == by_local[r["local_id"]]["confidence"] for r in rows)
        police = [r for r in roles if (r["country"], r["sector"]) == ("AFG", "COP")]
        assert police and police[0]["role"] == "actor"
    finally:
        store.close()


def test_exports_carry_codes_and_confidence_and_keep_the_confident() -> None:
    d = stored(RAID).dossier
    out = io.StringIO()
    assert export_events_csv([d], out) == len(d["events"])
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    arrest = next(r for r in rows if r["type"] == "COERCE")
    assert arrest["actor_codes"] == "AFGCOP" and arrest["actor_countries"] == "AF"
    assert float(arrest["confidence"]) == next(e["confidence"] for e in d["events"] if e["type"] == "COERCE")
    strict = with_confident_events(d, 1.01)
    assert strict["events"] == [] and d["events"]           # the original is untouched
    out = io.StringIO()
    export_jsonl([strict], out)
    assert json.loads(out.getvalue())["events"] == []
    assert with_confident_events(d, None) is d


def test_events_without_confidence_are_kept_out_by_a_threshold() -> None:
    old = {"events": [{"id": "ev1", "confidence": None}, {"id": "ev2", "confidence": 0.7}]}
    assert [e["id"] for e in with_confident_events(old, 0.5)["events"]] == ["ev2"]


def test_a_version_2_store_gains_the_columns(tmp_path: Path) -> None:
    """A store made before events had a confidence: reopening it adds the columns and
    keeps what it holds."""
    path = tmp_path / "old.db"
    store = open_store(str(path))
    store.add([stored(RAID)])
    store.close()
    with sqlite3.connect(path) as connection:   # make it look like version 2
        connection.execute("ALTER TABLE events DROP COLUMN confidence")
        connection.execute("ALTER TABLE event_roles DROP COLUMN country")
        connection.execute("ALTER TABLE event_roles DROP COLUMN sector")
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    store = open_store(str(path))
    try:
        columns = {c["name"] for c in inspect(create_engine(f"sqlite:///{path}")).get_columns("events")}
        assert "confidence" in columns
        assert store.count() == 1
        store.add([stored(RAID)], replace=True)
        with store.engine.connect() as connection:
            assert all(r["confidence"] is not None
                       for r in connection.execute(events.select()).mappings())
    finally:
        store.close()


@pytest.mark.parametrize("value", ["-0.1", "1.5", "high"])
def test_the_api_refuses_a_confidence_outside_0_and_1(value: str, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newstrace.web.app import create_app

    store = open_store(str(tmp_path / "c.db"))
    store.add([stored(RAID)])
    store.close()
    client = TestClient(create_app(str(tmp_path / "c.db")))
    assert client.get("/api/events", params={"min_confidence": value}).status_code == 422
    every = client.get("/api/events").json()["items"]
    confident = client.get("/api/events", params={"min_confidence": 0.5}).json()["items"]
    assert every and all(e["confidence"] >= 0.5 for e in confident)
    assert len(confident) <= len(every)
    actors = [a for e in every for a in e["actors"]]
    assert {"country": "AFG", "sector": "COP"}.items() <= next(
        a for a in actors if a["sector"] == "COP").items()
