"""The news site every follower test fetches from (news_site.py), on a loopback port."""

from __future__ import annotations

import pytest

from .news_site import NewsSite, serving


@pytest.fixture
def site():
    with serving(NewsSite()) as news:
        yield news
