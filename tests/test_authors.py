"""Authors as people (issue 18): no byline word, no role, no outlet, no placeholder."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.stages.authors import is_outlet, person_name


@pytest.mark.parametrize("raw,name", [
    ("By ROBERT BURNS, AP National Security Writer", "Robert Burns"),
    ("By By Jane Okafor", "Jane Okafor"),
    ("Von Vanessa Franke", "Vanessa Franke"),
    ("Por María Fernanda López, corresponsal", "María Fernanda López"),
    ("Auteur Anna Kubišta", "Anna Kubišta"),
    ("Posted by Tom Elliott", "Tom Elliott"),
    ("Amelie Siekmann,", "Amelie Siekmann"),
    ("Ein Beitrag von Max Weber", "Max Weber"),
])
def test_the_name_in_a_byline(raw: str, name: str) -> None:
    assert person_name(raw) == name


@pytest.mark.parametrize("raw", ["By", "  by  ", "admin", "Name", "Posted", "---", "2024"])
def test_a_byline_with_no_name_is_no_author(raw: str) -> None:
    assert person_name(raw) is None


@pytest.mark.parametrize("name,publisher,url", [
    ("BBC News", None, None),                                   # the outlets table
    ("Al-Bawaba", "Al-Bawaba", "https://www.albawaba.com/news/x"),
    ("24horas.cl", "24horas.cl", "https://www.24horas.cl/politica/x"),
    ("Jobs & Hire", "Jobs & Hire", "https://www.jobsnhire.com/articles/1"),
])
def test_an_outlet_is_no_author(name: str, publisher, url) -> None:
    assert is_outlet(name, publisher, url)


@pytest.mark.parametrize("name,publisher,url", [
    ("Heiko", "Heikos Blog", "https://heikos-blog.de/2020/x"),   # a blogger's own site
    ("Robert Burns", "AP News", "https://apnews.com/x"),
    ("Maria Schmidt", None, None),
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
