"""The seed article: every metadata field of the contract, clean body, title once."""

from __future__ import annotations

import newstrace


def test_seed_metadata(seed_text: str) -> None:
    meta = newstrace.analyze(seed_text, content_type="text").metadata
    assert meta.title == "Moscow with a new challenge to the US in Libya"
    assert meta.subtitle is not None and meta.subtitle.startswith("The threat is being taken")
    assert meta.publisher == "BLITZ"
    assert meta.published == "2023-11-06T22:18"
    assert meta.dateline == "New York, USA"
    assert meta.views == 2930
    assert meta.comments == 5
    assert meta.language == "en"
    assert meta.original_language == "bg"
    assert meta.tags == ["Moscow", "challenge", "Libya"]
    assert meta.authors == []
    assert meta.url is None
    assert [(link.rel, link.title[:15]) for link in meta.links] == [("next", "Henry Kissinger")]


def test_seed_text_is_clean(seed_text: str) -> None:
    dossier = newstrace.analyze(seed_text, content_type="text")
    text = dossier.text
    assert text.count("Moscow with a new challenge to the US in Libya") == 1
    assert text.startswith("Moscow with a new challenge")
    assert "Russia is seeking to expand its military presence" in text
    assert text.rstrip().endswith("declined to comment on the potential military deal.")
    for boiler in ("USA06 Nov", "Telegram", "The article is in", "Tags:", "NEXT", "2930 read"):
        assert boiler not in text
    kinds = [r.kind for r in dossier.removed]
    assert kinds.count("repeated-title") == 2
    assert {"metadata", "promo", "language-note", "tags", "navigation"} <= set(kinds)
    # everything removed came from the page
    assert all(r.text in seed_text for r in dossier.removed)


def test_seed_same_input_same_id(seed_text: str) -> None:
    first = newstrace.analyze(seed_text, content_type="text").id
    assert first == newstrace.analyze(seed_text, content_type="text").id
    assert first != newstrace.analyze(seed_text + " ", content_type="text").id
