"""Scraped-text fixtures: the `text` cleaner must generalise beyond the seed page.

Each `fixtures/scraped/NN_name.txt` is an invented news page as a scraper returns it
(repeated titles, metadata lines in many conventions, promotion, tags, navigation,
furniture), and `NN_name.json` holds what a careful reader would take from that page.
Every key of the .json is optional; only the keys given are checked:

  title, subtitle, publisher, published, dateline, authors, original_language, tags,
  views, comments   -> the same field of `metadata` (publisher: a leading "The" and
                       letter case are ignored, "The Harbour Gazette" == "Harbour Gazette")
  links             -> `metadata.links` as [{rel, title}], in order (url not compared)
  removed_kinds     -> exact count of `removed` entries per kind (absent kinds: 0)
  title_count       -> how many times the title occurs in `text`
  paragraph_count   -> number of "\\n\\n"-separated paragraphs in `text` (title and
                       subtitle included)
  first_sentence    -> the body's opening: `text` is the expected title and subtitle
                       paragraphs, then exactly this
  last_sentence     -> `text` ends with it
  must_contain      -> body strings that must stay in `text`
  must_not_contain  -> boilerplate that must not be in `text`

Besides, for every fixture: `text` starts with the title when one is expected, and
every `removed` entry's text occurs in the input. A fixture reports all its
mismatches at once, one per line.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

import newstrace

FIXTURE_DIR = Path(__file__).parents[1] / "fixtures" / "scraped"
NAMES = sorted(p.stem for p in FIXTURE_DIR.glob("*.txt"))

SCALAR_KEYS = ("title", "subtitle", "published", "dateline", "original_language",
               "views", "comments")
LIST_KEYS = ("authors", "tags")
KNOWN_KEYS = frozenset(SCALAR_KEYS + LIST_KEYS + (
    "publisher", "links", "removed_kinds", "title_count", "paragraph_count",
    "first_sentence", "last_sentence", "must_contain", "must_not_contain",
))
REMOVED_KINDS = frozenset({"repeated-title", "metadata", "promo", "language-note", "tags",
                           "navigation", "other"})
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def raw(name: str) -> str:
    return (FIXTURE_DIR / f"{name}.txt").read_text("utf-8")


def expected(name: str) -> dict[str, Any]:
    return json.loads((FIXTURE_DIR / f"{name}.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def dossier(name: str) -> dict[str, Any]:
    return newstrace.analyze(raw(name), content_type="text").to_dict()


def norm(text: str) -> str:
    """Whitespace collapsed (a scraped line is tidied the same way), invisibles dropped."""
    return " ".join(INVISIBLE.sub("", text).split())


def norm_publisher(name: str | None) -> str | None:
    if name is None:
        return None
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def input_lines(name: str) -> list[str]:
    return [norm(line) for line in raw(name).splitlines() if norm(line)]


def mismatches(name: str) -> list[str]:
    """Every way the dossier differs from the fixture's expectations."""
    exp = expected(name)
    d = dossier(name)
    meta, text = d["metadata"], d["text"]
    errors: list[str] = []

    def fail(field: str, want: Any, got: Any) -> None:
        errors.append(f"{field}: expected {want!r}, got {got!r}")

    unknown = set(exp) - KNOWN_KEYS
    if unknown:
        errors.append(f"fixture has unknown keys {sorted(unknown)}")

    for key in SCALAR_KEYS:
        if key in exp and meta[key] != exp[key]:
            fail(key, exp[key], meta[key])
    for key in LIST_KEYS:
        if key in exp and list(meta[key]) != exp[key]:
            fail(key, exp[key], meta[key])
    if "publisher" in exp and norm_publisher(meta["publisher"]) != norm_publisher(exp["publisher"]):
        fail("publisher", exp["publisher"], meta["publisher"])
    if "links" in exp:
        got_links = [{"rel": link["rel"], "title": link["title"]} for link in meta["links"]]
        if got_links != exp["links"]:
            fail("links", exp["links"], got_links)

    if "removed_kinds" in exp:
        want = {k: v for k, v in exp["removed_kinds"].items() if v}
        got = dict(Counter(r["kind"] for r in d["removed"]))
        if got != want:
            fail("removed_kinds", want, got)
            errors.append("  removed: " + "; ".join(f"{r['kind']}: {r['text']!r}"
                                                    for r in d["removed"]))

    # The head of `text`: the title, then the subtitle, as expected.
    title = exp.get("title", meta["title"])
    subtitle = exp.get("subtitle", meta["subtitle"])
    head = "".join(part + "\n\n" for part in (title, subtitle) if part)
    if title and not text.startswith(title):
        fail("text starts with title", title, text[:100])
    if title and subtitle and not text.startswith(title + "\n\n" + subtitle):
        fail("text starts with title + subtitle", title + "\\n\\n" + subtitle, text[:160])
    if "title_count" in exp and title:
        if text.count(title) != exp["title_count"]:
            fail("title_count", exp["title_count"], text.count(title))
    if "paragraph_count" in exp and len(paragraphs(text)) != exp["paragraph_count"]:
        fail("paragraph_count", exp["paragraph_count"], len(paragraphs(text)))

    if "first_sentence" in exp:
        first = exp["first_sentence"]
        if first not in text:
            fail("first_sentence in text", first, None)
        elif not text.startswith(head + first):
            fail("text before first_sentence", head, text[: text.index(first)])
    if "last_sentence" in exp:
        last = exp["last_sentence"]
        if last not in text:
            fail("last_sentence in text", last, None)
        elif not text.endswith(last):
            fail("text after last_sentence", "", text[text.rindex(last) + len(last):])
    for wanted in exp.get("must_contain", []):
        if wanted not in text:
            fail("must_contain", wanted, "missing from text")
    for unwanted in exp.get("must_not_contain", []):
        if unwanted in text:
            i = text.index(unwanted)
            fail("must_not_contain", unwanted, "found: " + text[max(0, i - 40): i + 80])

    page = norm(raw(name))
    for r in d["removed"]:
        if norm(r["text"]) not in page:
            fail("removed text occurs in input", r["text"], "not in the input")
        if r["kind"] not in REMOVED_KINDS:
            fail("removed kind", sorted(REMOVED_KINDS), r["kind"])
    return errors


def test_there_are_enough_fixtures() -> None:
    assert len(NAMES) >= 18
    for name in NAMES:
        assert (FIXTURE_DIR / f"{name}.json").is_file(), f"{name}.txt has no .json"


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_fixture(name: str) -> None:
    errors = mismatches(name)
    assert not errors, f"{name}:\n" + "\n".join(errors)


# Generic invariants, true of any scraped page whatever the expectations say.


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_removed_lines_are_not_paragraphs_of_text(name: str) -> None:
    d = dossier(name)
    kept = {norm(p) for p in paragraphs(d["text"])}
    back = [r for r in d["removed"] if r["kind"] != "repeated-title" and norm(r["text"]) in kept]
    assert not back, f"removed yet still a paragraph of text: {back}"


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_every_input_line_is_kept_or_removed(name: str) -> None:
    """Nothing vanishes: each line is in `text`, is a removed entry, or is the title line."""
    d = dossier(name)
    text = norm(d["text"])
    removed = {norm(r["text"]) for r in d["removed"]}
    title = d["metadata"]["title"]
    lost = [
        line for line in input_lines(name)
        if line not in text and line not in removed and not (title and line.startswith(title))
    ]
    assert not lost, f"input lines neither in text nor in removed: {lost}"


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_text_is_clean_paragraphs_of_the_input(name: str) -> None:
    """Paragraphs are non-empty, trimmed, single-spaced, and made of the input's words."""
    d = dossier(name)
    page = norm(raw(name))
    assert d["text"], "empty text"
    for paragraph in paragraphs(d["text"]):
        assert paragraph, f"empty paragraph in {d['text']!r}"
        assert paragraph == norm(paragraph), f"untidy paragraph {paragraph!r}"
        assert norm(paragraph) in page, f"paragraph not found in the input: {paragraph!r}"
    assert json.loads(json.dumps(d)) == d, "dossier is not JSON-serialisable as is"


def test_id_is_stable_and_distinct() -> None:
    ids = {}
    for name in NAMES:
        first = newstrace.analyze(raw(name), content_type="text").id
        second = newstrace.analyze(raw(name), content_type="text").id
        assert first == second, f"{name}: id changed between runs ({first} != {second})"
        ids[name] = first
    assert len(set(ids.values())) == len(ids), f"two fixtures share an id: {ids}"


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_auto_reads_scraped_text_as_text(name: str) -> None:
    """`content_type="auto"` takes a page that is not HTML for scraped text."""
    auto = newstrace.analyze(raw(name), content_type="auto").to_dict()
    text = dossier(name)
    assert auto["input"]["content_type"] == "text"
    assert auto["text"] == text["text"]
    assert auto["metadata"] == text["metadata"]
