"""The web page in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium,
installed by .ci/run; Playwright never downloads a browser here).

Search, open an article, see its highlights, follow an entity, the map's points, a
story, the analyse page, and hostile articles whose every field carries markup and
script: none of it runs, all of it shows as text. Screenshots go to artifacts/;
docs/screenshot.png (the README's) is written when absent or when
NEWSTRACE_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from ..served import serving
from .test_api_server import (
    HOSTILE_COPY_URL,
    HOSTILE_NAME,
    HOSTILE_PLACE,
    HOSTILE_TITLE,
    MIRROR_URL,
    PAYLOADS,
    fill,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
README_SHOT = ROOT / "docs" / "screenshot.png"
VIEWPORT = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """`newstrace serve`'s app on a free loopback port, in a thread of this process."""
    from newstrace.web import create_app

    path = str(tmp_path_factory.mktemp("web") / "corpus.db")
    ids = fill(path)
    follow_states(path)
    with serving(create_app(path)) as base:
        yield base, ids


HOSTILE_ERROR = 'http://bad.example/feed: the server answered <img src=x onerror="alert(1)">'


def follow_states(path: str) -> None:
    """Two followed sources, as `newstrace follow` leaves them: one read, one failing
    with an error that carries markup."""
    import datetime as dt

    from newstrace.store import open_store

    when = dt.datetime(2026, 12, 5, 18, 40, tzinfo=dt.timezone.utc)
    base = {"feed_url": None, "kind": "feed", "etag": None, "last_modified": None,
            "last_fetch": when, "next_poll": when + dt.timedelta(minutes=15), "entries": 0,
            "new_articles": 0, "total_articles": 0, "errors_in_row": 0, "error": None}
    store = open_store(path)
    store.save_follow_sources([
        {**base, "url": "https://news.example/", "feed_url": "https://news.example/rss",
         "status": "ok", "entries": 40, "new_articles": 3, "total_articles": 12},
        {**base, "url": "http://bad.example/feed", "status": "error", "error": HOSTILE_ERROR,
         "errors_in_row": 3}])
    store.close()


class Watch:
    """What a page did that it must not: dialogs, uncaught errors, CSP violations."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert not self.dialogs, self.dialogs
        assert not self.errors, self.errors
        bad = [m for m in self.console if m.startswith("error") or "Content Security Policy" in m]
        assert not bad, bad


@pytest.fixture
def page(browser: Any, server: tuple[str, dict[str, str]]) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.watch = Watch(tab)
    yield tab
    context.close()


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"web-{name}.png"
    page.screenshot(path=str(path))
    return path


def open_hash(page: Any, base: str, fragment: str) -> None:
    page.goto(base + fragment)


# Waits through Playwright's assertions, which poll outside the page's scripts: a string
# given to `wait_for_function` is evaluated by `eval` in the page once it must poll, which
# the page's Content Security Policy rightly refuses.
def wait_for_hash(page: Any, part: str) -> None:
    from playwright.sync_api import expect

    expect(page).to_have_url(re.compile(re.escape(part)), timeout=20_000)


def expect_count(page: Any, selector: str, count: int) -> None:
    from playwright.sync_api import expect

    expect(page.locator(selector)).to_have_count(count, timeout=20_000)


# -- journeys ------------------------------------------------------------------------------


def test_search_finds_articles(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, _ = server
    open_hash(page, base, "#/")
    page.wait_for_selector(".result-title")
    assert page.locator(".result").count() == 8           # the latest articles, before any search
    page.fill("#search-q", "ferry corridor")
    page.press("#search-q", "Enter")
    wait_for_hash(page, "q=ferry")
    page.wait_for_selector(".snippet mark")
    titles = page.locator(".result-title").all_inner_texts()
    assert titles[0] == "Ankara courts Athens over a new Aegean ferry corridor"
    assert {m.lower() for m in page.locator(".snippet mark").all_inner_texts()} & {"ferry", "corridor"}
    shot(page, "search")
    page.click("summary")
    page.select_option("select[name=publisher]", "Meridian Press")
    page.fill("#search-q", "")
    page.click("button[type=submit]")
    wait_for_hash(page, "publisher=Meridian")
    page.wait_for_selector(".chip")
    expect_count(page, ".result", 1)
    assert page.locator(".result-title").inner_text().startswith("Floods cut roads")
    page.watch.check()


def test_open_an_article_and_see_its_highlights(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, _ = server
    open_hash(page, base, "#/search?q=Aegean%20ferry")
    page.click(".result-title >> nth=0")
    page.wait_for_selector("#article-text mark")
    marks = page.locator("#article-text mark")
    classes = " ".join(marks.evaluate_all("ms => ms.map(m => m.className)"))
    for kind in ("ent-person", "ent-org", "ent-place", "quote", "claim", "hedge", "event"):
        assert kind in classes, kind
    # the page shows the dossier's text exactly, paragraph by paragraph
    dossier = page.evaluate("async () => (await (await fetch('/api/articles/' + "
                            "decodeURIComponent(location.hash.split('/')[2]))).json())")
    shown = "".join(page.locator("#article-text p").all_text_contents())
    assert shown == re.sub(r"\n[ \t]*\n\s*", "", dossier["text"])
    # every mention is marked exactly where the dossier says
    mention_texts = {m["text"] for e in dossier["entities"] for m in e["mentions"]}
    ent_marks = set(page.locator("#article-text mark[class*=ent-]").all_text_contents())
    assert mention_texts <= ent_marks | {t for t in mention_texts if any(t in m or m in t for m in ent_marks)}
    assert "Marta Kovacs" in ent_marks
    quote = page.locator("#article-text mark.quote").first
    assert "Quote \u2014 Marta Kovacs" in quote.get_attribute("title")
    quote.click()
    selection = page.locator("#selection")
    assert selection.is_visible()
    assert "Speaker" in selection.inner_text() and "Marta Kovacs" in selection.inner_text()
    assert page.locator("#article-text mark.is-linked").count() >= 1       # the speaker and cue
    assert page.locator(".panel svg.graph .node").count() >= 2               # publisher > agency
    assert "Anatolian Agency" in page.locator(".panel svg.graph").inner_html()
    path = shot(page, "article")
    if not README_SHOT.exists() or os.environ.get("NEWSTRACE_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(path, README_SHOT)
    # closing the selection clears its highlight; a kind switched off loses its colour
    page.locator("#selection button", has_text="close").click()
    assert page.locator("#article-text mark.is-linked").count() == 0 and not selection.is_visible()
    person = page.locator("#article-text mark.ent-person").first
    before = person.evaluate("m => getComputedStyle(m).backgroundColor")
    page.locator(".legend input[data-kind=ent-person]").uncheck()
    after = person.evaluate("m => getComputedStyle(m).backgroundColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")
    page.watch.check()


def test_follow_an_entity(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    open_hash(page, base, f"#/article/{ids['fjord']}")
    page.wait_for_selector("#article-text mark")
    page.locator("#article-text mark.ent-person", has_text="Soereide").first.click()
    follow = page.locator("#selection a.follow")
    assert "Ine Eriksen Soereide" in page.locator("#selection h2").inner_text()
    follow.click()
    page.wait_for_selector(".entity-head h1")
    assert page.locator(".entity-head h1").inner_text() == "Ine Eriksen Soereide"
    assert page.locator("svg.timeline circle.m-mention").count() == 2       # two articles
    assert page.locator("svg.timeline .m-quote").count() >= 1
    assert "good day" in page.locator(".quote-item").first.inner_text()
    shot(page, "entity")
    page.locator("svg.timeline a").first.click()                            # back to an article
    page.wait_for_selector("#article-text mark")
    assert "/article/" in page.url
    page.watch.check()


def test_the_map_draws_points_and_filters(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, _ = server
    open_hash(page, base, "#/map")
    page.wait_for_selector("#map .point")
    assert page.locator("#map path.country").count() > 150
    points = page.locator("#map .point")
    assert points.count() >= 8
    radii = points.evaluate_all("ps => ps.map(p => Number(p.getAttribute('r')))")
    assert min(radii) > 0 and max(radii) > min(radii)                      # sized by mentions
    nairobi = page.locator("#map .point[aria-label^='Nairobi']")
    box = nairobi.bounding_box()
    assert box and box["width"] > 0
    # chosen from the keyboard: a smaller point nearby (Isiolo) is drawn over its centre
    nairobi.press("Enter")
    page.wait_for_selector("#place-articles li a")
    assert "Floods cut roads" in page.locator("#place-articles").inner_text()
    assert page.locator("#map .point.selected").count() == 1
    page.click("button[aria-label='Zoom in']")
    assert page.locator("#map").get_attribute("viewBox").split()[2] != "1000.0"
    shot(page, "map")
    page.watch.check()


def test_a_story_with_its_lineage(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    open_hash(page, base, "#/stories")
    page.click(".story-card >> nth=0")
    page.wait_for_selector(".table tbody tr")
    assert page.locator(".table tbody tr").count() == 2
    assert "reprint of" in page.locator(".table").inner_text()
    assert page.locator("svg.graph path.edge").count() == 1                 # origin -> copy
    shot(page, "story")
    open_hash(page, base, f"#/article/{ids['copy']}")
    page.wait_for_selector(".panel")
    assert "This is a reprint of" in page.locator(".panel").inner_text()
    # the origin lists the addresses its page was met again at; a hostile one is no link
    open_hash(page, base, f"#/article/{ids['fjord']}")
    expect_count(page, ".exact-copies li", 2)
    links = page.locator(".exact-copies a")
    assert links.count() == 1 and links.first.get_attribute("href") == MIRROR_URL
    assert HOSTILE_COPY_URL in page.locator(".exact-copies").inner_text()
    page.watch.check()


def test_the_followed_sources_and_their_state(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, _ids = server
    open_hash(page, base, "#/")
    page.click('[data-nav="sources"]')
    wait_for_hash(page, "#/sources")
    expect_count(page, ".sources tbody tr", 2)
    rows = page.locator(".sources tbody tr")
    bad, good = rows.nth(0).inner_text(), rows.nth(1).inner_text()     # by URL
    assert "https://news.example/" in good and "feed: https://news.example/rss" in good
    assert "ok" in good and "5 Dec 2026, 18:40 UTC" in good and "5 Dec 2026, 18:55 UTC" in good
    assert [c.strip() for c in good.split("\t")][3:5] == ["3", "12"]
    assert "error" in bad and HOSTILE_ERROR in bad and "3 failed polls in a row" in bad
    assert page.locator(".sources img").count() == 0          # the error is text, not markup
    shot(page, "sources")
    page.watch.check()


def test_analyse_pasted_text(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, _ = server
    open_hash(page, base, "#/analyze")
    page.fill("textarea[name=content]", "Nairobi, 9 April 2024. Interior Minister Joseph Kariuki said the "
                                        "army would deploy helicopters to villages near Marsabit.")
    page.click("button[type=submit]")
    page.wait_for_selector("#article-text mark.ent-person", timeout=60_000)
    assert "Joseph Kariuki" in page.locator("#article-text").inner_text()
    page.watch.check()


# -- safety ------------------------------------------------------------------------------------

NO_FOREIGN_ELEMENTS = """() => {
  const main = document.querySelector('main');
  const foreign = [...main.querySelectorAll('img, iframe, script, style, object, embed, link, meta, form[action], base')]
    .filter(el => !(el.tagName === 'FORM'));
  const svgs = [...main.querySelectorAll('svg')].filter(s => !['graph', 'timeline', 'map'].some(c => s.classList.contains(c)));
  const handlers = [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(a => a.name.startsWith('on')));
  const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
    .filter(h => !(h.startsWith('#') || h.startsWith('/') || h.startsWith('http://') || h.startsWith('https://')) || /[<>" ]/.test(h));
  const scripts = [...document.scripts].map(s => s.getAttribute('src'));
  return {foreign: foreign.map(e => e.outerHTML.slice(0, 80)), svgs: svgs.length,
          handlers: handlers.map(e => e.tagName), links, scripts,
          pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned)};
}"""


def assert_inert(page: Any) -> None:
    state = page.evaluate(NO_FOREIGN_ELEMENTS)
    assert state == {"foreign": [], "svgs": 0, "handlers": [], "links": [], "scripts": ["/static/app.js"],
                     "pwned": None}, state
    page.watch.check()


def test_hostile_articles_run_nothing_and_show_their_text(page: Any, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    open_hash(page, base, f"#/article/{ids['hostile']}")
    page.wait_for_selector("#article-text mark")
    text = page.locator("#article-text").inner_text()
    for literal in ['<script>window.__pwned = "text-script"</script>', "<img src=x onerror=window.__pwned='img'>",
                    "<svg onload=\"window.__pwned='svg'\">", "<style>body { display: none !important }</style>",
                    "<a href=\"javascript:window.__pwned='link'\">"]:
        assert literal in text, literal
    assert page.locator(".reader h1").inner_text() == HOSTILE_TITLE
    panel = page.locator(".panel").inner_text()
    for literal in [PAYLOADS["publisher"], PAYLOADS["author"], PAYLOADS["tag"], PAYLOADS["tag2"].strip(),
                    PAYLOADS["dateline"], "javascript:window.__pwned='url'", PAYLOADS["warning"]]:
        assert literal in panel or literal in page.locator(".reader").inner_text(), literal
    assert "javascript:" not in (page.locator(".panel").evaluate("p => [...p.querySelectorAll('a')].map(a => a.href).join(' ')"))
    # the emoji before the text do not shift the highlights (Python and JavaScript count differently)
    assert "Alfred Borg" in page.locator("#article-text mark[class*=ent-person]").all_text_contents()
    for mark in page.locator("#article-text mark").all()[:40]:          # every panel the marks open
        mark.click()
    for button in page.locator(".panel button.linkish").all()[:20]:
        button.click()
    page.mouse.move(5, 5)
    page.hover("#article-text mark >> nth=0")
    assert_inert(page)
    shot(page, "hostile")

    open_hash(page, base, f"#/article/{ids['hostile2']}")
    page.wait_for_selector("#article-text mark")
    href = page.locator(".panel a[target=_blank]").first.get_attribute("href")
    assert href.startswith("https://example.org/") and "<" not in href and '"' not in href
    assert_inert(page)

    open_hash(page, base, "#/search?q=pwned")
    page.wait_for_selector(".result-title")
    assert HOSTILE_TITLE in page.locator(".results").inner_text()
    assert_inert(page)

    open_hash(page, base, "#/entities?q=onerror")
    page.wait_for_selector(".table a")
    page.click(".table a >> nth=0")
    page.wait_for_selector(".entity-head h1")
    assert page.locator(".entity-head h1").inner_text() == HOSTILE_NAME
    assert_inert(page)

    open_hash(page, base, "#/map")
    page.wait_for_selector("#map .point")
    assert HOSTILE_PLACE in page.locator(".place-list").inner_text()
    page.locator(".place-list button", has_text="Valletta").first.click()
    page.wait_for_selector("#place-articles li")
    assert_inert(page)
