"""Entities on real news (issue 16): office words and image credits are no names, and one
organisation or person named in two forms is one entity."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.dossier import Dossier


def analyze(text: str) -> Dossier:
    return newstrace.analyze(text, content_type="plain")


def names(text: str) -> list[str]:
    return [e.name for e in analyze(text).entities]


@pytest.mark.parametrize("text, junk", [
    # a government's field inside an office's title is no organisation
    ("Secretary of State Mike Pompeo met the Interior Minister in Vienna.", {"State", "Interior"}),
    ("The Defense Secretary and the Treasury Secretary flew to Ottawa.", {"Defense", "Treasury"}),
    ("Health Minister Ana Costa and the Energy Secretary would visit Lisbon, aides said.", {"Health", "Energy"}),
])
def test_a_field_of_an_office_is_no_organisation(text: str, junk: set[str]) -> None:
    assert not junk & set(names(text))


def test_a_department_named_in_full_stays() -> None:
    assert "State Department" in names("The State Department said the talks in Oslo were over.")


@pytest.mark.parametrize("text, credit", [
    # an image credit names the picture's owner, not someone in the story
    ("Main image credit: Getty. The protest drew thousands in Hong Kong.", "Getty"),
    ("Photo: Reuters. The storm hit Miami on Monday.", "Reuters"),
    ("The president spoke in the Rose Garden. (AP Photo/Evan Vucci)", "Evan Vucci"),
])
def test_an_image_credit_is_no_entity(text: str, credit: str) -> None:
    assert credit not in names(text)


@pytest.mark.parametrize("text, kept, form", [
    # two forms of one name are one entity
    ("The Department of Justice opened an inquiry. A Justice Department spokesman declined to comment.",
     "Department of Justice", "Justice Department"),
    ("The UN Security Council met on Monday. The Security Council voted 13-2.",
     "UN Security Council", "Security Council"),
    ("Kathleen Hawk Sawyer led the agency for years. Hawk Sawyer said she would return.",
     "Kathleen Hawk Sawyer", "Hawk Sawyer"),
    ("The Ministry of Defence said the Defence Ministry would respond within a week.",
     "Ministry of Defence", "Defence Ministry"),
])
def test_two_forms_of_one_name_are_one_entity(text: str, kept: str, form: str) -> None:
    entities = {e.name: e for e in analyze(text).entities}
    assert form not in entities
    assert form in entities[kept].aliases and len(entities[kept].mentions) == 2


def test_a_form_two_longer_names_end_with_stays_apart() -> None:
    found = names("The Ohio National Guard and the Texas National Guard were sent. "
                  "The National Guard said it was ready.")
    assert {"Ohio National Guard", "Texas National Guard", "National Guard"} <= set(found)


def page(title: str, body: str) -> Dossier:
    return newstrace.analyze(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                             f"{body}</article></body></html>", content_type="html")


@pytest.mark.parametrize("title, body, junk, kept", [
    # a headline's capitalised words are no name unless the body names them
    ("World Community Lashes Out at Key Security Council Vote",
     "<p>The UN Security Council voted 13-2 on Monday to extend sanctions on North Korea, diplomats said.</p>"
     "<p>China and Russia voted against the measure.</p>",
     {"World Community Lashes", "Key Security Council"}, "UN Security Council"),
    ("Storm Batters Florida Coast, Knocks Out Power",
     "<p>A storm hit the coast of Florida on Monday, cutting power to 200,000 homes.</p>",
     {"Storm Batters"}, "Florida"),
    ("Global Markets Tumble As Oil Prices Soar",
     "<p>Stocks fell in Tokyo and London on Monday as oil rose above $100.</p>",
     {"Global Markets Tumble As", "Global Markets"}, None),
    # names the body prints stay
    ("Putin Hails Deal With Xi",
     "<p>Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow on Monday.</p>"
     "<p>The two signed a gas deal.</p>",
     {"Putin Hails Deal", "Hails Deal With Xi"}, "Vladimir Putin"),
])
def test_headline_words_are_no_name_unless_the_body_names_them(title: str, body: str, junk: set[str],
                                                                 kept: str | None) -> None:
    entities = {e.name: e for e in page(title, body).entities}
    assert not junk & set(entities)
    if kept is not None:   # the headline's mention kept
        assert any(m.start < len(title) for m in entities[kept].mentions)


@pytest.mark.parametrize("text, fragment, name", [
    # a name never ends in words without a capital, nor opens with an article
    ("Porting from Python 2 to Python 3 took Mercurial years. We used Python 3 for years, and the "
     "tests failed.", "Python 3 for years", "Python 3"),
    ("Moving from Perl 5 to 6 took the team a decade.", "Perl 5 to", None),
    ("The chef makes a Torta Ahogada and tacos at Mezcal Mexican in Detroit.", "a Torta Ahogada", None),
])
def test_a_name_ends_with_a_capitalised_word(text: str, fragment: str, name: str | None) -> None:
    found = names(text)
    assert fragment not in found
    if name is not None:
        assert name in found


@pytest.mark.parametrize("text, junk", [
    # code and words with no capital letter are no names
    ("Calling a.f( in foo.py raised an error, the Python docs say.", {"a.f(", "foo.py"}),
    ("The chef makes memelitas and tacos at Mezcal Mexican in Detroit.", {"memelitas"}),
    ("Apple iPhone sales rose, eBay said, while lst and foo2 stayed empty.", {"lst", "foo2"}),
])
def test_code_and_lowercase_words_are_no_names(text: str, junk: set[str]) -> None:
    found = set(names(text))
    assert not junk & found
    assert "Python" in found or "Mezcal Mexican" in found or "eBay" in found   # names stay
