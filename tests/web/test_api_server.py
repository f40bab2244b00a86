"""The REST API of `newstrace serve` (newstrace.web): every endpoint, bad input, the error
envelope, security headers, the write token, body limits, hostile articles, the CLI
command, and a schemathesis run against the OpenAPI schema."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import pytest

import newstrace
from newstrace.store import LineageLink, StoredArticle, open_store

from ..store_fixtures import store_url  # noqa: F401  (the parametrised fixture)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TOKEN = "test-token-7f3a"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'")

FJORD = """Oslo, 3 March 2024. Norway and Sweden signed a fishing accord in Bergen on Tuesday,
Reuters reported, citing two officials. "It is a good day for both countries," said Foreign
Minister Ine Eriksen Soereide. The accord ends a dispute over cod quotas in the Barents Sea."""
FJORD_COPY = FJORD.replace("on Tuesday", "on Tuesday afternoon")

# -- hostile articles: every field a page could smuggle markup or script through ---------------

HOSTILE_TEXT = """\U0001F6A2\U0001F6A2 Valletta, 5 March 2024. <script>window.__pwned = "text-script"</script> Mayor Alfred Borg said the harbour plan was "<img src=x onerror=window.__pwned='img'>" on Monday.

<svg onload="window.__pwned='svg'"><circle r="5"/></svg> The council of Valletta met in Malta. <style>body { display: none !important }</style>

<a href="javascript:window.__pwned='link'">click here</a> According to the audit office, the breakwater could collapse. <iframe src="javascript:window.__pwned='iframe'"></iframe>"""
HOSTILE_TITLE = '<script>window.__pwned="title"</script><b>Bold</b> harbour "title" & more'
HOSTILE_NAME = '<img src=x onerror="window.__pwned=\'entity\'">Borg'
HOSTILE_PLACE = '<svg/onload=window.__pwned="place">Valletta'
PAYLOADS = {
    "publisher": '<img src=x onerror="window.__pwned=\'publisher\'">Courier',
    "author": '<svg/onload=window.__pwned="author">Jane',
    "tag": '</style><script>window.__pwned="tag"</script>',
    "tag2": 'x" onmouseover="window.__pwned=\'attr\'" y="',
    "dateline": "<iframe src=javascript:window.__pwned='dateline'></iframe>",
    "css": "</style><style>*{color:red!important;display:none}</style>",
    "warning": "<script>window.__pwned='warning'</script>",
}


@lru_cache(maxsize=16)
def _analysed(text: str, url: str | None = None, published: str | None = None) -> str:
    return json.dumps(newstrace.analyze(text, content_type="plain", url=url, published=published).to_dict())


def analysed(text: str, url: str | None = None, published: str | None = None) -> dict[str, Any]:
    return json.loads(_analysed(text, url, published))


def stored(dossier: dict[str, Any], key: str) -> StoredArticle:
    return StoredArticle(dossier, hashlib.sha256(key.encode()).hexdigest(), "test")


def hostile_articles() -> list[StoredArticle]:
    """Two articles whose text, title, publisher, authors, tags, URL, dateline, links,
    entity names, sources and warnings carry markup and script."""
    first = analysed(HOSTILE_TEXT, published="2024-03-05")
    meta = first["metadata"]
    meta.update(title=HOSTILE_TITLE, publisher=PAYLOADS["publisher"], authors=[PAYLOADS["author"]],
                tags=[PAYLOADS["tag"], PAYLOADS["tag2"], PAYLOADS["css"]], dateline=PAYLOADS["dateline"],
                url="javascript:window.__pwned='url'", subtitle=PAYLOADS["css"],
                links=[{"rel": "next", "title": "<script>window.__pwned='next'</script>",
                        "url": "javascript:window.__pwned='next-url'"}])
    for entity in first["entities"]:
        if entity["type"] == "PERSON":
            entity["name"] = HOSTILE_NAME
        elif entity.get("place"):
            entity["name"] = entity["place"]["name"] = HOSTILE_PLACE   # the corpus names a place by its place
    first["sources"]["chain"] = [{"name": PAYLOADS["publisher"], "relation": "publisher", "entity": None},
                                 {"name": "<script>window.__pwned='chain'</script>", "relation": "cites<b>",
                                  "entity": None}]
    for attribution in first["sources"]["attributions"]:
        attribution["source"] = "<img src=x onerror=window.__pwned='source'>"
    first["warnings"].append({"kind": "<b>name-variant</b>", "message": PAYLOADS["warning"],
                              "spans": [first["entities"][0]["mentions"][0]] if first["entities"] else []})
    second = copy.deepcopy(first)
    second["id"] = "nt-hostile0000000000002"
    second["metadata"]["url"] = 'https://example.org/"><script>window.__pwned="href"</script>'
    second["metadata"]["title"] = "<svg><script>window.__pwned='svg-title'</script></svg>Second"
    return [stored(first, "hostile-1"), stored(second, "hostile-2")]


def example_articles() -> list[StoredArticle]:
    """The bundled examples, analysed as `newstrace ingest examples/` would."""
    out = []
    for path in sorted(EXAMPLES.iterdir()):
        content = path.read_bytes()
        key = "examples/" + path.name
        out.append(StoredArticle(json.loads(_example(str(path))), hashlib.sha256(content).hexdigest(), key))
    return out


@lru_cache(maxsize=8)
def _example(path: str) -> str:
    return json.dumps(newstrace.analyze(Path(path).read_bytes(), path=path).to_dict())


MIRROR_URL = "https://mirror.example.com/2024/fjord"
HOSTILE_COPY_URL = "javascript:alert('exact copy')"


def fill(url: str, hostile: bool = True) -> dict[str, str]:
    """A corpus: the examples, two Fjord articles (origin and copy, one story), and the
    hostile articles. Returns ids by name."""
    store = open_store(url)
    try:
        fjord = analysed(FJORD, url="https://example.org/fjord", published="2024-03-03")
        copy_ = analysed(FJORD_COPY, url="https://example.net/fjord-copy", published="2024-03-04")
        articles = example_articles() + [stored(fjord, FJORD), stored(copy_, FJORD_COPY)]
        if hostile:
            articles += hostile_articles()
        store.add(articles)
        store.set_lineage([LineageLink(copy_["id"], fjord["id"], "reprint", 0.93)])
        store.set_stories([[fjord["id"], copy_["id"]]])
        # the origin's page met again at two more addresses, one of them hostile
        for address, publisher in ((MIRROR_URL, "mirror.example.com"), (HOSTILE_COPY_URL, HOSTILE_NAME)):
            store.record_copy(hashlib.sha256(FJORD.encode()).hexdigest(), address, publisher, "2024-03-05")
        ids = {"fjord": fjord["id"], "copy": copy_["id"]}
        if hostile:
            ids["hostile"] = articles[-2].dossier["id"]
            ids["hostile2"] = articles[-1].dossier["id"]
        return ids
    finally:
        store.close()


def make_client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    path = str(tmp_path_factory.mktemp("api") / "corpus.db")
    return path, fill(path)


@pytest.fixture(scope="module")
def client(corpus: tuple[str, dict[str, str]]) -> Iterator[Any]:
    from newstrace.web import create_app

    # No rate limit: this one client asks several hundred questions in a few seconds
    # (the limit has its own tests, in test_web_security.py).
    with make_client(create_app(corpus[0], token=TOKEN, max_body_bytes=200_000, rate_limit=0)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(corpus: tuple[str, dict[str, str]]) -> dict[str, str]:
    return corpus[1]


def error_of(response: Any, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]["message"]


# -- reading ------------------------------------------------------------------------------------


def test_health_and_facets(client: Any) -> None:
    health = client.get("/api/health").json()
    assert health == {"status": "ok", "version": newstrace.__version__, "articles": 8, "writable": True}
    facets = client.get("/api/facets").json()
    assert facets["articles"] == 8
    assert {"value": "AEGEAN WIRE", "count": 1} in facets["publishers"]
    assert facets["event_types"] and all(f["count"] >= 1 for f in facets["event_types"])
    assert any(t["value"] == "PERSON" for t in facets["entity_types"])


def test_articles_list_pages_and_filters(client: Any, ids: dict[str, str]) -> None:
    first = client.get("/api/articles", params={"limit": 3}).json()
    assert (first["limit"], first["offset"], first["next_offset"]) == (3, 0, 3)
    assert len(first["items"]) == 3
    rest = client.get("/api/articles", params={"limit": 200, "offset": 3}).json()
    assert rest["next_offset"] is None and len(rest["items"]) == 5
    seen = [a["id"] for a in first["items"] + rest["items"]]
    assert len(set(seen)) == 8
    published = [a["published"] for a in first["items"] if a["published"]]
    assert published == sorted(published, reverse=True)
    only = client.get("/api/articles", params={"publisher": "aegean wire"}).json()["items"]
    assert [a["title"] for a in only] == ["Ankara courts Athens over a new Aegean ferry corridor"]
    march = client.get("/api/articles", params={"date_from": "2024-03-03", "date_to": "2024-03-04"}).json()
    assert {a["id"] for a in march["items"]} == {ids["fjord"], ids["copy"]}
    story = client.get("/api/articles", params={"story": 1}).json()["items"]
    assert {a["id"] for a in story} == {ids["fjord"], ids["copy"]}
    assert client.get("/api/articles", params={"entity": "Ine Eriksen Soereide"}).json()["items"]
    assert client.get("/api/articles", params={"place": "KE"}).json()["items"]
    assert client.get("/api/articles", params={"event_type": "agree"}).status_code == 200


def test_search(client: Any, ids: dict[str, str]) -> None:
    hits = client.get("/api/search", params={"q": "ferry corridor"}).json()["items"]
    assert hits and hits[0]["title"].startswith("Ankara courts Athens")
    assert "[ferry]" in hits[0]["snippet"] or "[corridor]" in hits[0]["snippet"]
    both = client.get("/api/search", params={"q": "cod quotas", "date_to": "2024-03-03"}).json()["items"]
    assert [h["id"] for h in both] == [ids["fjord"]]
    # FTS syntax in the query is read as words, never as syntax
    for q in ['"unbalanced', "NEAR(a b)", "title:x OR", "*", "a AND -b", "'; DROP TABLE articles; --"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.get("/api/search", params={"q": "zzzznotaword"}).json()["items"] == []


def test_article_dossier_context_and_lineage(client: Any, ids: dict[str, str]) -> None:
    response = client.get(f"/api/articles/{ids['fjord']}")
    assert response.status_code == 200
    assert response.json() == analysed(FJORD, url="https://example.org/fjord", published="2024-03-03")
    context = client.get(f"/api/articles/{ids['copy']}/context").json()
    assert context["story_id"] == 1 and context["origin_id"] == ids["fjord"]
    assert context["relation"] == "reprint" and context["similarity"] == pytest.approx(0.93)
    dossier = client.get(f"/api/articles/{ids['copy']}").json()
    assert set(context["entities"]) == {e["id"] for e in dossier["entities"]}
    lineage = client.get(f"/api/articles/{ids['copy']}/lineage").json()
    assert lineage["origin"]["id"] == ids["fjord"]
    assert [c["id"] for c in lineage["copies"]] == [ids["copy"]]
    assert lineage["exact_copies"] == []
    origin = client.get(f"/api/articles/{ids['fjord']}/lineage").json()
    assert [c["url"] for c in origin["exact_copies"]] == [MIRROR_URL, HOSTILE_COPY_URL]


def test_entities_lookup_and_report(client: Any) -> None:
    page = client.get("/api/entities", params={"limit": 5}).json()
    assert len(page["items"]) == 5 and page["next_offset"] == 5
    counts = [e["mentions"] for e in page["items"]]
    assert counts == sorted(counts, reverse=True)
    people = client.get("/api/entities", params={"type": "person", "q": "soereide"}).json()["items"]
    assert [p["name"] for p in people] == ["Ine Eriksen Soereide"]
    matches = client.get("/api/entities/lookup", params={"name": "ine eriksen soereide"}).json()["items"]
    assert matches and matches[0]["name"] == "Ine Eriksen Soereide"
    report = client.get(f"/api/entities/{matches[0]['id']}").json()
    assert report["name"] == "Ine Eriksen Soereide" and report["type"] == "PERSON"
    assert len({m["article"]["id"] for m in report["mentions"]}) == 2
    assert any("good day" in q["text"] for q in report["quotes"])
    limited = client.get(f"/api/entities/{matches[0]['id']}", params={"limit": 1}).json()
    assert len(limited["mentions"]) == 1


def test_events_and_places(client: Any, ids: dict[str, str]) -> None:
    events = client.get("/api/events", params={"limit": 200}).json()["items"]
    assert events and all(e["type"] and e["evidence"] and e["article"]["id"] for e in events)
    agree = client.get("/api/events", params={"type": "AGREE"}).json()["items"]
    assert agree and {e["type"] for e in agree} == {"AGREE"}
    mine = client.get("/api/events", params={"article_id": ids["fjord"]}).json()["items"]
    assert mine and {e["article"]["id"] for e in mine} == {ids["fjord"]}
    actor = next(e["actors"][0]["id"] for e in events if e["actors"])
    assert all(any(a["id"] == actor for a in e["actors"] + e["targets"])
               for e in client.get("/api/events", params={"entity_id": actor}).json()["items"])
    dated = client.get("/api/events", params={"date_from": "2024-06-01"}).json()["items"]
    assert all((e["time_start"] or e["article"]["published"])[:10] >= "2024-06-01" for e in dated)
    places = client.get("/api/places", params={"limit": 200}).json()["items"]
    names = {p["name"] for p in places}
    assert {"Nairobi", "Athens"} <= names
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["mentions"] >= 1 for p in places)
    kenya = client.get("/api/places", params={"country": "ke"}).json()["items"]
    assert kenya and {p["country"] for p in kenya} == {"KE"}


def test_stories(client: Any, ids: dict[str, str]) -> None:
    stories = client.get("/api/stories").json()
    assert stories["items"] == [{"id": 1, "label": stories["items"][0]["label"], "size": 2,
                                 "earliest_id": ids["fjord"]}]
    story = client.get("/api/stories/1").json()
    assert [a["id"] for a in story["articles"]] == [ids["fjord"], ids["copy"]]
    assert story["articles"][1]["origin_id"] == ids["fjord"]


# -- bad input: the envelope ------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/api/articles/nt-doesnotexist", "/api/articles/nt-doesnotexist/context",
    "/api/articles/nt-doesnotexist/lineage", "/api/entities/999999", "/api/stories/999999",
    "/api/nothing-here", "/nothing-here",
])
def test_unknown_ids_are_404_envelopes(client: Any, url: str) -> None:
    error_of(client.get(url), 404, "not_found")


@pytest.mark.parametrize("url", [
    "/api/articles?limit=0", "/api/articles?limit=201", "/api/articles?limit=abc",
    "/api/articles?limit=1.5", "/api/articles?offset=-1", "/api/articles?offset=99999999999",
    "/api/articles?date_from=yesterday", "/api/articles?date_to=2024-13-45", "/api/articles?story=x",
    "/api/articles?story=99999999999999999999", "/api/articles?unknown=1",
    "/api/articles?publisher=", "/api/articles?entity=" + "x" * 301,
    "/api/search", "/api/search?q=", "/api/search?q=" + "w" * 501, "/api/search?q=a%00b",
    "/api/entities?type=no%20such", "/api/entities?limit=1000", "/api/entities/abc",
    "/api/entities/0", "/api/entities/99999999999999999999", "/api/entities/1?limit=0",
    "/api/entities/lookup", "/api/events?entity_id=abc", "/api/events?date_from=x",
    "/api/places?country=USA", "/api/places?limit=-5", "/api/stories?offset=x", "/api/stories/abc",
    "/api/stories/-1", "/api/articles/" + "n" * 65,
])
def test_bad_parameters_are_422_envelopes(client: Any, url: str) -> None:
    message = error_of(client.get(url), 422, "invalid_request")
    assert len(message) < 500
    assert client.get(url).json()["error"]["details"]


def test_wrong_method_is_405_envelope(client: Any) -> None:
    error_of(client.delete("/api/articles"), 405, "method_not_allowed")
    error_of(client.post("/api/search", json={}), 405, "method_not_allowed")
    error_of(client.get("/api/analyze"), 405, "method_not_allowed")


def test_an_unexpected_error_is_a_500_envelope_without_internals(corpus: tuple[str, dict[str, str]]) -> None:
    from newstrace.web import create_app

    app = create_app(corpus[0])
    store = app.state.newstrace.store

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals /etc/passwd")

    store.search = broken
    with make_client(app) as c:
        response = c.get("/api/articles")
        message = error_of(response, 500, "internal")
        assert "secret" not in response.text and "passwd" not in message
        assert response.headers["x-content-type-options"] == "nosniff"


def test_a_store_error_is_a_503_envelope(corpus: tuple[str, dict[str, str]]) -> None:
    from newstrace.errors import StoreError
    from newstrace.web import create_app

    app = create_app(corpus[0])

    def down(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("cannot open the store at postgresql://u:***@db/x: connection refused")

    app.state.newstrace.store.count = down
    with make_client(app) as c:
        error_of(c.get("/api/health"), 503, "store_unavailable")


# -- analysis, writes and the token -------------------------------------------------------------


def test_analyze_returns_a_dossier_without_storing(client: Any) -> None:
    response = client.post("/api/analyze", json={"content": FJORD, "content_type": "plain",
                                                 "url": "https://example.org/fjord", "published": "2024-03-03"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] is None
    assert body["dossier"] == analysed(FJORD, url="https://example.org/fjord", published="2024-03-03")
    html = client.post("/api/analyze", json={"content": (EXAMPLES / "03_council-budget.html").read_text(),
                                             "content_type": "html"}).json()
    assert html["dossier"]["metadata"]["title"]


@pytest.mark.parametrize("body", [
    {}, {"content": ""}, {"content": 42}, {"content": ["a"]}, {"content": "x", "content_type": "pdf"},
    {"content": "x", "store": "perhaps"}, {"content": "x", "extra": 1}, {"content": "x", "url": "u" * 3000},
    {"content": "x", "published": 20240303}, {"content": "x", "store": 0}, {"content": "x", "store": "true"},
    [], "text", None,
])
def test_analyze_rejects_malformed_bodies(client: Any, body: Any) -> None:
    error_of(client.post("/api/analyze", json=body), 422, "invalid_request")


def test_analyze_rejects_non_json_and_unanalysable_content(client: Any) -> None:
    for body in (b"{not json", b"content=x", b'{"content": "x"'):
        message = error_of(client.post("/api/analyze", content=body,
                                       headers={"content-type": "application/json"}), 400, "bad_request")
        assert "not valid JSON" in message
    message = error_of(client.post("/api/analyze", content=b"\xff\xfe\x00",
                                   headers={"content-type": "application/json"}), 400, "bad_request")
    assert "UTF-8" in message
    error_of(client.post("/api/analyze", content='{"content": "\\ud800 lone"}',
                         headers={"content-type": "application/json"}), 422, "invalid_request")
    message = error_of(client.post("/api/analyze", json={"content": "   \n  "}), 422, "bad_input")
    assert "empty" in message.lower() or "whitespace" in message.lower()


def test_oversize_bodies_are_413_before_being_read(client: Any) -> None:
    big = json.dumps({"content": "a" * 300_000})
    message = error_of(client.post("/api/analyze", content=big, headers={"content-type": "application/json"}),
                       413, "too_large")
    assert "200,000 bytes" in message

    def chunks() -> Iterator[bytes]:            # no Content-Length: counted as it arrives
        yield b'{"content": "'
        for _ in range(30):
            yield b"a" * 10_000
        yield b'"}'

    error_of(client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"}),
             413, "too_large")
    error_of(client.post("/api/analyze", content=b"{}", headers={"content-type": "application/json",
                                                                  "content-length": "abc"}), 400)


def test_storing_needs_the_token(tmp_path: Path) -> None:
    from newstrace.web import create_app

    text = "Nairobi, 2 May 2024. The Kenya Red Cross said on Thursday that floods had cut four roads."
    body = {"content": text, "content_type": "plain", "store": True}
    with make_client(create_app(":memory:", token=TOKEN)) as client:
        error_of(client.post("/api/analyze", json=body), 401, "unauthorized")
        response = client.post("/api/analyze", json=body, headers={"Authorization": "Bearer wrong"})
        error_of(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"
        error_of(client.post("/api/analyze", json=body, headers={"Authorization": f"Basic {TOKEN}"}), 401)
        error_of(client.post("/api/analyze", json=body, headers={"Authorization": f"Bearer {TOKEN}x"}), 401)
        assert client.get("/api/health").json()["articles"] == 0
        ok = client.post("/api/analyze", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200, ok.text
        assert ok.json()["stored"] == {"stored": 1, "replaced": 0, "skipped": 0, "copies": 0, "linked": 0}
        again = client.post("/api/analyze", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["stored"]["skipped"] == 1
        assert client.get("/api/health").json()["articles"] == 1
        assert client.get(f"/api/articles/{ok.json()['dossier']['id']}").json() == ok.json()["dossier"]


def test_a_server_without_token_is_read_only(corpus: tuple[str, dict[str, str]]) -> None:
    from newstrace.web import create_app

    with make_client(create_app(corpus[0])) as c:
        assert c.get("/api/health").json()["writable"] is False
        body = {"content": FJORD, "content_type": "plain", "store": True}
        message = error_of(c.post("/api/analyze", json=body, headers={"Authorization": f"Bearer {TOKEN}"}),
                           403, "read_only")
        assert "--token" in message
        assert c.post("/api/analyze", json={"content": FJORD, "content_type": "plain"}).status_code == 200


# -- the page and the headers --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/static/app.js", "/static/app.css", "/static/world.json",
                                 "/api/health", "/api/articles/nt-missing", "/api/openapi.json"])
def test_security_headers_everywhere(client: Any, url: str) -> None:
    headers = client.get(url).headers
    assert headers["content-security-policy"].startswith(CSP)
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_the_page_and_its_assets_are_served_with_no_inline_script(client: Any) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert "<style" not in html and " style=" not in html and "http" not in html.replace("http-equiv", "")
    assert client.get("/static/app.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))
    world = client.get("/static/world.json")
    assert world.status_code == 200 and len(world.content) < 500_000
    assert len(world.json()["features"]) > 150
    assert client.get("/favicon.ico").status_code == 200
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_the_page_code_never_parses_strings_as_html() -> None:
    """The rule the page is written to: data reaches the DOM as text only."""
    static = ROOT / "src" / "newstrace" / "web" / "static"
    code = (static / "app.js").read_text()
    assert not re.search(r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\s*\(|document\.write\s*\(", code)
    assert not re.search(r"\beval\s*\(|new Function\s*\(|setTimeout\s*\(\s*['\"`]", code)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)\w", code)      # no CDN, no remote asset
    assert "http" not in (static / "app.css").read_text()


def test_openapi_schema_describes_every_endpoint(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ["/api/articles", "/api/articles/{article_id}", "/api/articles/{article_id}/context",
                 "/api/articles/{article_id}/lineage", "/api/search", "/api/analyze", "/api/entities",
                 "/api/entities/{entity_id}", "/api/entities/lookup", "/api/events", "/api/places",
                 "/api/stories", "/api/stories/{story_id}", "/api/health", "/api/facets"]:
        assert path in paths, path
    limit = next(p for p in paths["/api/articles"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 200)
    assert "ErrorEnvelope" in json.dumps(paths["/api/articles/{article_id}"]["get"]["responses"]["404"])


def test_hostile_articles_come_back_as_inert_json(client: Any, ids: dict[str, str]) -> None:
    response = client.get(f"/api/articles/{ids['hostile']}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    dossier = response.json()
    assert dossier["metadata"]["title"] == HOSTILE_TITLE
    assert "<script>" in dossier["text"]
    hits = client.get("/api/search", params={"q": "script pwned"}).json()["items"]
    assert {h["id"] for h in hits} >= {ids["hostile"]}


# -- PostgreSQL too ---------------------------------------------------------------------------


def test_every_read_endpoint_on_both_stores(store_url: str) -> None:  # noqa: F811
    from newstrace.web import create_app

    found = fill(store_url, hostile=False)
    with make_client(create_app(store_url)) as c:
        assert c.get("/api/health").json()["articles"] == 6
        entity = c.get("/api/entities/lookup", params={"name": "Ine Eriksen Soereide"}).json()["items"][0]
        for url in ["/api/facets", "/api/articles?limit=2", "/api/search?q=cod%20quotas",
                    f"/api/articles/{found['copy']}", f"/api/articles/{found['copy']}/context",
                    f"/api/articles/{found['copy']}/lineage", "/api/entities?type=PERSON",
                    f"/api/entities/{entity['id']}", "/api/events?type=AGREE", "/api/places?country=KE",
                    "/api/stories", "/api/stories/1", "/api/articles?place=Nairobi&date_from=2024-01-01"]:
            response = c.get(url)
            assert response.status_code == 200, (url, response.text)
        hits = c.get("/api/search", params={"q": "cod quotas"}).json()["items"]
        assert {h["id"] for h in hits} == {found["fjord"], found["copy"]} and all(h["snippet"] for h in hits)
        error_of(c.get("/api/articles/nt-missing"), 404, "not_found")
        error_of(c.get("/api/articles", params={"entity": "a\x00b"}), 422, "invalid_request")


# -- the command ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_command_serves_and_reports_bad_options(corpus: tuple[str, dict[str, str]]) -> None:
    import httpx

    exe = [sys.executable, "-m", "newstrace"]
    env = {**os.environ, "NEWSTRACE_API_TOKEN": TOKEN}
    process = subprocess.Popen([*exe, "serve", "--db", corpus[0], "--port", "0", "--no-open"],
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stderr.readline()
        match = re.search(r"at (http://127\.0\.0\.1:(\d+)/)", line)
        assert match, line
        assert "writes need the API token" in process.stderr.readline()
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(match.group(1) + "api/health", timeout=2).json()
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert health["writable"] is True and health["articles"] >= 8
        busy = subprocess.run([*exe, "serve", "--db", corpus[0], "--port", match.group(2), "--no-open"],
                              capture_output=True, text=True, timeout=60)
        assert busy.returncode == 2 and f"port {match.group(2)}" in busy.stderr and "--port" in busy.stderr
    finally:
        process.terminate()
        process.wait(timeout=15)
        process.stderr.close()
    bad = subprocess.run([*exe, "serve", "--db", "mysql://x/y", "--no-open"], capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("newstrace: error: unknown database URL")
    port = subprocess.run([*exe, "serve", "--port", "70000", "--no-open"], capture_output=True, text=True, timeout=60)
    assert port.returncode == 2


# -- schemathesis -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_schema(corpus: tuple[str, dict[str, str]]) -> Any:
    import schemathesis

    from newstrace.web import create_app

    # No rate limit here; test_web_security.py runs schemathesis again with one.
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(corpus[0], rate_limit=0))


@pytest.mark.slow
def test_openapi_schema_fuzzing_finds_no_server_error(api_schema: Any) -> None:
    """Schemathesis over every operation of the OpenAPI schema, with valid (positive) and
    invalid (negative) input: no 5xx, and every answer as the schema says (status code,
    content type, body), by schemathesis's own checks.

    The operations are driven here with Hypothesis rather than through schemathesis's
    pytest plugin, which does not run under pytest 9."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.checks import positive_data_acceptance

    examples = int(os.environ.get("NEWSTRACE_FUZZ_EXAMPLES", "40"))
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 16          # /api/sources among them
    for operation in operations:
        # Analysis answers 422 bad_input to text it cannot analyse (no main text in the
        # page): schema-valid, yet rightly refused.
        excluded = [positive_data_acceptance] if operation.label == "POST /api/analyze" else []
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(data=st.data())
            def run(data: Any) -> None:
                case = data.draw(strategy)
                case.call_and_validate(excluded_checks=excluded)

            try:
                run()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE      # no parameter to get wrong
            except Exception as exc:  # noqa: BLE001  (each operation's failure is reported)
                failures.append(f"{operation.label} ({mode.value}): {type(exc).__name__}: {exc}"[:3000])
    assert not failures, "\n\n".join(failures)


def documented_errors() -> dict[str, set[int]]:
    """docs/web.md's table of error codes: each code's HTTP statuses."""
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    found: dict[str, set[int]] = {}
    for status, code in re.findall(r"^\| (\d{3}) \| `([a-z_]+)` \|", text, flags=re.M):
        found.setdefault(code, set()).add(int(status))
    return found


def test_error_statuses_are_the_documented_ones(client: Any) -> None:
    """Each error the server answers has the status docs/web.md gives its code: a body
    that is not JSON is 400 bad_request there and here; bad values are 422."""
    documented = documented_errors()
    cases = [client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"}),
             client.post("/api/analyze", json={"content": 42}),
             client.get("/api/articles", params={"date_from": "yesterday"}),
             client.get("/api/articles", params={"event_type": "FOO"}),
             client.get("/api/articles/nt-none")]
    for response in cases:
        code = response.json()["error"]["code"]
        assert response.status_code in documented[code], (code, response.status_code)
    assert [r.status_code for r in cases] == [400, 422, 422, 422, 404]
    assert "PLOVER" in cases[3].json()["error"]["message"] or "PLOVER" in str(cases[3].json())


def test_dossiers_and_copies_never_show_server_paths(client: Any, ids: dict[str, str]) -> None:
    """A dossier stored with the absolute path of its file (as an older store keeps the
    examples here) is served without it; a relative one as it is."""
    served = [client.get(f"/api/articles/{a['id']}").json()
              for a in client.get("/api/articles", params={"limit": 200}).json()["items"]]
    paths = [d["input"]["path"] for d in served]
    assert len(paths) >= 4 and not [p for p in paths if p and Path(p).is_absolute()]
    with_store = open_store(client.app.state.newstrace.store.url)
    try:
        stored = [with_store.get(d["id"])["input"]["path"] for d in served]
    finally:
        with_store.close()
    assert [p for p in stored if p and Path(p).is_absolute()], "the fixture must store absolute paths"
    for exact in client.get(f"/api/articles/{ids['fjord']}/lineage").json()["exact_copies"]:
        assert exact["source"] is None or not Path(exact["source"]).is_absolute()
