"""Shared test helpers: where the team's shared data is, and skipping without it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = SHARED / "seed" / "000_14bd1d579edae359.txt"
CHROMIUM = Path(os.environ.get("NEWSTRACE_CHROMIUM", "/usr/bin/chromium"))


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (one per test module), or a skip that says
    what to install. Playwright never downloads a browser of its own."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's Chromium (apt-get install -y chromium; "
                    ".ci/run does); Playwright must not download its own browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is absent: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none"])
        yield chromium
        chromium.close()
