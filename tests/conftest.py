"""Shared test helpers: where the team's shared data is, and skipping without it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = SHARED / "seed" / "000_14bd1d579edae359.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip that says why the test cannot run."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the team's shared data (../shared)")
    return path


@pytest.fixture
def seed_text() -> str:
    return shared_path("seed", SEED.name).read_text(encoding="utf-8")


@pytest.fixture
def examples_dir() -> Path:
    return ROOT / "examples"
