"""Authors as people (issue 18): no byline word, no role, no outlet, no placeholder."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.stages.authors import is_outlet, parse_byline, person_name


@pytest.mark.parametrize("raw,name", [
    ("By ROBERT BURNS, AP National Security Writer", "Robert Burns"),
    ("By By Jane Okafor", "Jane Okafor"),
    ("Von Vanessa Franke", "Vanessa Franke"),
    ("Por María Fernanda López, corresponsal", "María Fernanda López"),
    ("Auteur Anna Kubišta", "Anna Kubišta"),
    ("Posted by Tom Elliott", "Tom Elliott"),
    ("Amelie Siekmann,", "Amelie Siekmann"),
    ("Ein Beitrag von Max Weber", "Max Weber"),
    ("José Miguel Wilson Tiempo de lectura", "José Miguel Wilson"),
    ("Anna Keller Lesezeit: 4 Min.", "Anna Keller"),
    ("Tom Elliott 5 min read", "Tom Elliott"),
    ("Article by Barry Alleyne", "Barry Alleyne"),
    ("Report by: Ana Gil", "Ana Gil"),
    ("Artículo de María López", "María López"),
    ("Ursula von der Leyen", "Ursula von der Leyen"),
    ("Un documentaire de Kristen Falc'hon", "Kristen Falc'hon"),
    ("A film by Jane Doe", "Jane Doe"),
    ("Ein Film von Max Weber", "Max Weber"),
    ("Una Maria de la Cruz", "Una Maria de la Cruz"),
    ("María de los Ángeles Pérez", "María de los Ángeles Pérez"),
    ("Jan van der Berg", "Jan van der Berg"),
    ("View all posts by Daniel Lemire", "Daniel Lemire"),
    ("Alle Beiträge von Anna Keller", "Anna Keller"),
    ("Voir tous les articles de Jean Dupont", "Jean Dupont"),
])
def test_the_name_in_a_byline(raw: str, name: str) -> None:
    assert person_name(raw) == name


@pytest.mark.parametrize("raw", ["By", "  by  ", "admin", "Name", "Posted", "---", "2024",
                                 # a label whose name the page prints elsewhere
                                 "Article by", "Feature story by", "Bericht von", "Photo by",
                                 # a form's label beside the name
                                 "Datum", "Fecha", "Published",
                                 # a placeholder, a phrase, a firm's credit
                                 "No Author", "Staff and news service reports",
                                 "Wire and staff reports", "Medianotions, www.medianotions.de",
                                 "Www Medianotions De",
                                 # a site's numbered account
                                 "user5105", "Guest_123", "member 42", "Usuario-77"])
def test_a_byline_with_no_name_is_no_author(raw: str) -> None:
    assert person_name(raw) is None
    assert not [b for b in parse_byline(raw) if b.name]


@pytest.mark.parametrize("raw", ["Edited by John Smith", "Reviewed By", "Fact-checked by Ana Gil",
                                 "Translated by Pierre Martin", "Übersetzt von Jana Novak"])
def test_an_editor_or_translator_is_no_author(raw: str) -> None:
    assert parse_byline(raw) == []


def test_a_person_with_a_web_address_stays() -> None:
    # a firm's credit with its address is no author; a person with theirs is
    assert [b.name for b in parse_byline("John Smith, johnsmith.example")] == ["John Smith"]
    assert parse_byline("Medianotions, www.medianotions.de") == []


@pytest.mark.parametrize("name,publisher,url", [
    ("BBC News", None, None),                                   # the outlets table
    ("Al-Bawaba", "Al-Bawaba", "https://www.albawaba.com/news/x"),
    ("24horas.cl", "24horas.cl", "https://www.24horas.cl/politica/x"),
    ("Jobs & Hire", "Jobs & Hire", "https://www.jobsnhire.com/articles/1"),
    # the site's organisation, whose initials are its domain
    ("Deutsches Rotes Kreuz", "DRK e.V.", "https://www.drk.example/x"),
    ("Harbour Times Media", None, "https://www.htm.example/x"),
    ("Lakeside Herald Group", "Lakeside", "https://lhg.example/x"),
])
def test_an_outlet_is_no_author(name: str, publisher, url) -> None:
    assert is_outlet(name, publisher, url)


@pytest.mark.parametrize("name,publisher,url", [
    ("Heiko", "Heikos Blog", "https://heikos-blog.de/2020/x"),   # a blogger's own site
    ("Robert Burns", "AP News", "https://apnews.com/x"),
    ("Maria Schmidt", None, None),
    # a domain spelling a person's name is that person's site; two initials are too few
    ("Jürgen Heitmann", "so gesehen", "http://juergenheitmann.example/blog"),
    ("Dana Brook", None, "https://www.db.example/x"),
])
def test_a_person_is_an_author(name: str, publisher, url) -> None:
    assert not is_outlet(name, publisher, url)


def test_a_page_gets_people_as_authors() -> None:
    html = ("<html><head><meta name='author' content='By ROBERT BURNS, AP National Security Writer'>"
            "<meta property='og:site_name' content='The Harbour Times'></head><body><article>"
            "<h1>Pentagon reviews ship plans</h1><p>" + "The Pentagon said on Monday that it would "
            "review the plans for new ships, officials said. " * 8 + "</p></article></body></html>")
    assert newstrace.analyze(html, content_type="html").metadata.authors == ["Robert Burns"]
    site = html.replace("By ROBERT BURNS, AP National Security Writer", "The Harbour Times")
    assert newstrace.analyze(site, content_type="html").metadata.authors == []


@pytest.mark.parametrize("raw,expected", [
    ("By ROBERT BURNS, AP National Security Writer",
     [("Robert Burns", "AP National Security Writer", "AP")]),
    ("Jane Okafor | Reuters", [("Jane Okafor", "Reuters", "Reuters")]),
    ("Pierre Lemaire (AFP)", [("Pierre Lemaire", "AFP", "AFP")]),
    ("Por María Fernanda López, corresponsal", [("María Fernanda López", "corresponsal", None)]),
    ("By LOLITA BALDOR and ELLEN KNICKMEYER, Associated Press",
     [("Lolita Baldor", "Associated Press", "Associated Press"),
      ("Ellen Knickmeyer", "Associated Press", "Associated Press")]),
    ("Tomás Rivera, Danube Courier", [("Tomás Rivera", "Danube Courier", None)]),
    ("Okafor, Jane", [("Jane Okafor", None, None)]),
    ("Jane Okafor, Peter Lindqvist", [("Jane Okafor", None, None), ("Peter Lindqvist", None, None)]),
    ("'Luana Patriolino, Raphael Felice'", [("Luana Patriolino", None, None),
                                            ("Raphael Felice", None, None)]),
    ("Glen Owen And Brendan Carlin For The Mail On Sunday",
     [("Glen Owen", "The Mail On Sunday", None), ("Brendan Carlin", "The Mail On Sunday", None)]),
])
def test_a_byline_gives_people_roles_and_agencies(raw: str, expected) -> None:
    assert [(b.name, b.descriptor, b.agency) for b in parse_byline(raw)] == expected


@pytest.mark.parametrize("raw,agency", [
    ("By The Associated Press", "The Associated Press"),
    ("Reuters Staff", "Reuters"),
    ("AFP", "AFP"),
])
def test_a_byline_of_an_agency_alone_names_no_person(raw: str, agency: str) -> None:
    assert [(b.name, b.agency) for b in parse_byline(raw)] == [("", agency)]


def _page(author: str, site: str = "The Harbour Times") -> str:
    return (f"<html><head><meta name='author' content='{author}'>"
            f"<meta property='og:site_name' content='{site}'></head><body><article>"
            "<h1>Pentagon reviews ship plans</h1><p>" + "The Pentagon said on Monday that it "
            "would review the plans for new ships, officials said. " * 8 + "</p></article></body></html>")


@pytest.mark.parametrize("author,agency", [
    ("By ROBERT BURNS, AP National Security Writer", "AP"),
    ("By The Associated Press", "The Associated Press"),
    ("Pierre Lemaire (AFP)", "AFP"),
])
def test_a_wire_byline_puts_the_agency_in_the_source_chain(author: str, agency: str) -> None:
    dossier = newstrace.analyze(_page(author), content_type="html",
                                url="https://www.harbourtimes.example/x")
    chain = [(link.name, link.relation) for link in dossier.sources.chain]
    assert chain[:2] == [("The Harbour Times", "publisher"), (agency, "reprints")]
    assert all(a.strip() and not a.lower().startswith("by ") for a in dossier.metadata.authors)


def test_an_agency_byline_on_the_agency_own_page_is_no_reprint() -> None:
    dossier = newstrace.analyze(_page("By ROBERT BURNS, AP National Security Writer", "AP News"),
                                content_type="html", url="https://apnews.com/x")
    assert [link.relation for link in dossier.sources.chain] == ["publisher"]
    assert dossier.metadata.bylines[0].descriptor == "AP National Security Writer"


def test_a_text_byline_keeps_its_affiliation_as_the_descriptor() -> None:
    text = ("Harbour deal signed\n\nBy Jane Okafor, Reuters\n\n"
            + "The port authority signed the deal on Monday, officials said. " * 6)
    dossier = newstrace.analyze(text, content_type="text")
    assert dossier.metadata.authors == ["Jane Okafor"]
    assert [(b.descriptor, b.agency) for b in dossier.metadata.bylines] == [("Reuters", "Reuters")]
    assert ("Reuters", "reprints") in [(c.name, c.relation) for c in dossier.sources.chain]


@pytest.mark.parametrize("raw,names", [
    ('<a href="https://example.org/experts/anna-nowak" hreflang="pl">Anna Nowak</a>', ["Anna Nowak"]),
    ("facebook.com", []),
    ("bergportal GmbH, digvis GmbH", []),
    ("info@example.org", []),
    ("Dr. Jane Okafor", ["Dr. Jane Okafor"]),
])
def test_markup_addresses_and_companies_are_no_people(raw: str, names: list[str]) -> None:
    assert [b.name for b in parse_byline(raw)] == names
