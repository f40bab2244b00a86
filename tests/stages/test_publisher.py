"""Publisher only from real evidence, tags without type codes (issue 18)."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.stages.publisher import agrees_with_domain, choose_publisher
from newstrace.text.lines import tag_name


@pytest.mark.parametrize("found,url,title,publisher", [
    # a section in og:site_name beside the site's name elsewhere
    ([("site-name", "U.S."), ("extractor", "Reuters")], "https://www.reuters.com/article/x", None,
     "Reuters"),
    ([("site-name", "Política"), ("site-name", "correio-braziliense")],
     "https://www.correiobraziliense.com.br/politica/x", None, "correio-braziliense"),
    # a stray capitalised word or a handle: the domain says more
    ([("promo", "Hosted")], "https://www.lakeside-herald.example/x", None, "lakeside-herald.example"),
    ([("extractor", "Andreloibl")], "https://changenow.example/andre-loibl/", None, "changenow.example"),
    # the site's short label: its domain
    ([("site-name", "nj")], "https://www.nj.com/news/x", None, "nj.com"),
    # the headline, a date, a template, an address: no name
    ([("extractor", "Protokoll der Vorstandssitzung vom 10. Oktober 2019")],
     "https://www.verein.example/?p=1", "Protokoll der Vorstandssitzung vom 10. Oktober 2019",
     "verein.example"),
    ([("extractor", "02.11.2021")], "https://www.amnesty.example/x", None, "amnesty.example"),
    ([("site-name", "{$plugin.tx_news.opengraph.site_name}")], "https://mpi.example/x", None,
     "mpi.example"),
    ([("extractor", "https://www.facebook.com/Tagesblatt")], "https://www.tagesblatt.example/x",
     None, "tagesblatt.example"),
    # an app the page promotes, when the URL names another site
    ([("promo", "the Microsoft News")], "https://www.msn.com/en-gb/news/uknews/x", None, "msn.com"),
    # an archived copy's publisher is the archived site's
    ([], "https://web.archive.org/web/20200808063632/https://www.przepisy.pl/przepis/x", None,
     "przepisy.pl"),
    ([("site-name", "modabot")], "http://web.archive.org/web/2016/http://modabot.example/briefe",
     None, "modabot"),
    # a photo credit in a copyright line is not the site
    ([("copyright", "Oli Scarff/Getty Images")], "https://www.amnesty.example/x", None,
     "amnesty.example"),
    ([("copyright", "Gisele Wender")], "https://www.leichtathletik-berlin.example/x", None,
     "leichtathletik-berlin.example"),
    # real names stay, the one the domain spells first
    ([("site-name", "Achtsam durch die Krise | Die FURCHE")], "https://www.furche.at/x",
     "Achtsam durch die Krise", "Die FURCHE"),
    ([("json-ld", "Tamedia AG"), ("site-name", "Tages-Anzeiger")], "https://www.tagesanzeiger.ch/x",
     None, "Tages-Anzeiger"),
    ([("site-name", "The Guardian")], "https://www.theguardian.com/x", None, "The Guardian"),
    ([("json-ld", "Ediciones EL PAÍS S.L."), ("site-name", "EL PAÍS")], "https://elpais.com/x", None,
     "EL PAÍS"),
    ([("promo", "BLITZ")], "https://www.blitz.example/x", None, "BLITZ"),
    ([("site-name", "Kyffhäuser Nachrichten")], "https://www.nnz-online.example/x", None,
     "Kyffhäuser Nachrichten"),
    # an app's name in the markup, the site's name in the page's <title>: the one the
    # domain spells
    ([("app-name", "NRE Live Boards"), ("page-title", "National Rail Enquiries"),
      ("page-title", "Rail Replacement Travel Advice")], "https://www.nationalrail.example/x",
     "Rail Replacement Travel Advice", "National Rail Enquiries"),
    ([("site-name", "www.kas.example"), ("page-title", "Kommunalwahlen in Nordmazedonien"),
      ("page-title", "Konrad-Adenauer-Stiftung")], "https://www.kas.example/x", None,
     "Konrad-Adenauer-Stiftung"),
    ([("page-title", "Lexikon"), ("page-title", "Nalas Löwenseiten")],
     "http://www.nalas-loewenseiten.example/lexikon", None, "Nalas Löwenseiten"),
    # a name in the markup the domain spells wins over the <title>'s; a <title> part
    # the domain does not spell is a headline
    ([("site-name", "Die FURCHE"), ("page-title", "Furche Debatte")], "https://www.furche.at/x",
     None, "Die FURCHE"),
    ([("page-title", "Senate passes budget")], "https://www.lakesideherald.example/x",
     "Senate passes budget", "lakesideherald.example"),
    # the site's name in og:site_name, a photographer's name in the <title>: the markup's
    ([("site-name", "so gesehen"), ("page-title", "jürgen heitmann fotografie")],
     "http://juergenheitmann.example/blog", None, "so gesehen"),
    # a headline with the site's name glued on is no site name
    ([("page-title", "Jetzt schießt Olli gegen Amira und ihren Neuen Vipflash")],
     "https://vipflash.example/x", None, "vipflash.example"),
    # the name a <title> prints before the bare address another source gives
    ([("extractor", "dwutygodnik.example"), ("page-title", "Winda w chmurach"), ("page-title", "Obyczaje"),
      ("page-title", "Dwutygodnik")], "https://www.dwutygodnik.example/artykul/1", "Winda w chmurach",
     "Dwutygodnik"),
    ([("extractor", "bka.example"), ("page-title", "BKA"), ("page-title", "Pressemitteilung zum Fall")],
     "https://www.bka.example/DE/Presse/1", "Pressemitteilung zum Fall", "BKA"),
    ([("extractor", "hildesheimer-presse.example"), ("page-title", "Hund vertreibt Einbrecher"),
      ("page-title", "Hildesheimer Presse")], "https://hildesheimer-presse.example/2023/11/01/x",
     "Hund vertreibt Einbrecher", "Hildesheimer Presse"),
    # a handle is no name; a name ending in the site's address is the address
    ([("extractor", "Livenet_Ch")], "https://www.livenet.example/x", None, "livenet.example"),
    ([("extractor", "@harbourtimes")], "https://www.harbourtimes.example/x", None, "harbourtimes.example"),
    ([("site-name", "Rezept von Backen.de")], "https://www.backen.de/x", None, "Backen.de"),
    ([("page-title", "News from Example.com")], "https://example.com/a", None, "Example.com"),
])
def test_the_publisher_comes_from_evidence(found, url, title, publisher) -> None:
    assert choose_publisher(found, url, title) == publisher


@pytest.mark.parametrize("name,host", [
    ("Übermedien", "uebermedien.de"), ("Jobs & Hire", "jobsnhire.com"),
    ("Frankfurter Allgemeine Zeitung", "faz.net"), ("Deutscher Schwimm-Verband e.V.", "dsv.de"),
    ("RTL Online", "rtl.de"), ("Neue Zürcher Zeitung", "nzz.ch"),
])
def test_a_name_agrees_with_the_domain_that_spells_it(name: str, host: str) -> None:
    assert agrees_with_domain(name, host)


@pytest.mark.parametrize("name,host", [("Hosted", "example-news.com"), ("U.S.", "reuters.com"),
                                       ("Welpen", "smava.de")])
def test_a_name_the_domain_does_not_spell(name: str, host: str) -> None:
    assert not agrees_with_domain(name, host)


@pytest.mark.parametrize("title,url,publisher", [
    ("National Rail Enquiries - Rail Replacement Services", "https://www.nationalrail.example/a",
     "National Rail Enquiries"),
    ("Abstandsregeln und Filialen - Wirtschaft - Tagesspiegel", "https://www.tagesspiegel.example/w/a",
     "Tagesspiegel"),
    ("Muffin Grundrezept : Muffin Rezepte", "https://muffinrezept.example/grundrezept", "Muffin Rezepte"),
    ("Lexikon « Nalas Löwenseiten", "http://www.nalas-loewenseiten.example/lexikon", "Nalas Löwenseiten"),
])
def test_the_site_name_in_the_page_title(title: str, url: str, publisher: str) -> None:
    html = ("<html><head><meta name='application-name' content='Live Boards'>"
            f"<title>{title}</title></head><body><article><h1>A headline of the page</h1><p>"
            + "Trains will not run between the two stations this weekend, the operator said. " * 8
            + "</p></article></body></html>")
    assert newstrace.analyze(html, content_type="html", url=url).metadata.publisher == publisher


def test_a_page_section_in_og_site_name_is_not_the_publisher() -> None:
    html = ("<html><head><meta property='og:site_name' content='Politics'>"
            "<title>Senate passes budget | Lakeside Herald</title></head><body><article>"
            "<h1>Senate passes budget</h1><p>" + "The Senate passed the budget on Monday, "
            "lawmakers said. " * 10 + "</p><p>© 2024 Lakeside Herald. All rights reserved.</p>"
            "</article></body></html>")
    dossier = newstrace.analyze(html, content_type="html", url="https://www.lakesideherald.example/a")
    assert dossier.metadata.publisher == "Lakeside Herald"


@pytest.mark.parametrize("tag,name", [
    ("Mark Esper GOVERNMENT_FIGURE PERSON", "Mark Esper"),
    ("Donald Trump PERSON", "Donald Trump"),
    ("INSURANCE_HEALTH_SOCIAL", None),
    ("a2d04f5c8e9b4d1f9a7c3b2e1d0f9e8d", None),
    ("type_review", None),
    ("channel_gaming_software", None),
    ("Category: Gaming software", "Gaming software"),
    ("NATO", "NATO"),
    ("COVID-19", "COVID-19"),
])
def test_tags_without_type_codes(tag: str, name: str | None) -> None:
    assert tag_name(tag) == name


def test_a_page_keywords_lose_their_type_codes() -> None:
    html = ("<html><head><meta name='keywords' content='Mark Esper GOVERNMENT_FIGURE PERSON, "
            "Pentagon ORGANIZATION, DEFENSE_POLICY'></head><body><article><h1>Esper visits base</h1>"
            "<p>" + "The defense secretary visited the base on Monday, officials said. " * 8
            + "</p></article></body></html>")
    assert newstrace.analyze(html, content_type="html").metadata.tags == ["Mark Esper", "Pentagon"]
