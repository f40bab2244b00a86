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
