"""Entities: one clean entry per real-world person, organisation and place."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.dossier import Dossier, Entity


def analyze(text: str) -> Dossier:
    return newstrace.analyze(text, content_type="plain")


def by_name(dossier: Dossier, name: str) -> Entity:
    matches = [e for e in dossier.entities if e.name == name]
    assert len(matches) == 1, [(e.name, e.type) for e in dossier.entities]
    return matches[0]


def names(dossier: Dossier, kind: str) -> list[str]:
    return sorted(e.name for e in dossier.entities if e.type == kind)


def test_surname_joins_the_full_name_and_titles_are_no_part_of_it() -> None:
    d = analyze("President Emmanuel Macron arrived in Dakar on Monday. Macron met students at "
                "the university, and later Macron flew to Abidjan.")
    macron = by_name(d, "Emmanuel Macron")
    assert macron.type == "PERSON"
    assert [m.text for m in macron.mentions] == ["Emmanuel Macron", "Macron", "Macron"]
    assert "President" in macron.descriptors


def test_same_surname_two_people_and_the_nearest_full_name_wins() -> None:
    d = analyze("John Smith, the mayor, opened the bridge. His sister Joan Smith, a lawyer, "
                "filed the complaint on Tuesday. Smith said the complaint was baseless.")
    assert names(d, "PERSON") == ["Joan Smith", "John Smith"]
    joan = by_name(d, "Joan Smith")
    assert [m.text for m in joan.mentions] == ["Joan Smith", "Smith"]
    assert not any(w.kind == "name-variant" for w in d.warnings)


def test_misspelt_surname_is_one_person_with_a_warning() -> None:
    d = analyze("Critics were led by Peter Lindqvst, the opposition leader.\n\n"
                "Peter Lindqvist, the leader of the Green Party, told reporters that the plan "
                "was reckless. Lindqvist said he would vote against it.")
    people = [e for e in d.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Peter Lindqvist"]
    assert "Peter Lindqvst" in people[0].aliases
    (warning,) = [w for w in d.warnings if w.kind == "name-variant"]
    assert sorted(s.text for s in warning.spans) == ["Peter Lindqvist", "Peter Lindqvst"]
    for span in warning.spans:
        assert d.text[span.start:span.end] == span.text


@pytest.mark.parametrize("first,second", [
    ("John Smith", "Joan Smith"),      # first names differ
    ("Karin Olsen", "Karin Olson"),    # a letter swapped for another: another family
    ("Anna Berg", "Anna Borg"),        # short surnames
])
def test_similar_names_of_different_people_stay_two(first: str, second: str) -> None:
    d = analyze(f"{first} chaired the meeting in Oslo on Monday. {second} presented the budget, "
                f"and {first} thanked everyone afterwards.")
    assert {first, second} <= {e.name for e in d.entities if e.type == "PERSON"}


def test_acronym_joins_its_expansion_and_stands_alone_when_unexplained() -> None:
    d = analyze("The Sudan People's Liberation Movement said on Friday it would join the talks. "
                "The SPLM has boycotted every round since 2019. NATO was not involved.")
    splm = [e for e in d.entities if "SPLM" in e.aliases or e.name == "SPLM"]
    assert len(splm) == 1 and splm[0].type == "ORG"
    assert "Liberation Movement" in splm[0].name
    assert [e.type for e in d.entities if e.name == "NATO"] == ["ORG"]


def test_one_country_written_three_ways() -> None:
    d = analyze("The United States imposed sanctions on Monday. US officials said the measures "
                "would last a year, and the U.S. will review them in June.")
    us = [e for e in d.entities if e.type == "GPE" and e.name == "United States"]
    assert len(us) == 1
    assert {"US", "U.S."} <= set(us[0].aliases)


def test_pronouns_are_never_mentions() -> None:
    d = analyze("Maria Santos resigned on Friday. She said she had no regrets, and they thanked her.")
    santos = by_name(d, "Maria Santos")
    assert [m.text for m in santos.mentions] == ["Maria Santos"]
    assert not any(m.text.lower() in ("she", "her", "they") for e in d.entities for m in e.mentions)


def test_outlet_is_one_org_throughout() -> None:
    d = analyze("Reuters reported the deal first. According to Reuters, the talks lasted a week, "
                "and Reuters later said a second round was planned.")
    reuters = by_name(d, "Reuters")
    assert reuters.type == "ORG" and len(reuters.mentions) == 3


def test_descriptors_before_after_and_around_names() -> None:
    d = analyze("Foreign Ministry spokeswoman Maria Santos declined to comment. "
                "Luis Ortega, a former central bank governor, said the crisis would deepen. "
                "The talks were led by Kenya's interior minister, Joseph Kariuki.")
    assert "Foreign Ministry spokeswoman" in by_name(d, "Maria Santos").descriptors
    assert "former central bank governor" in by_name(d, "Luis Ortega").descriptors
    assert "Kenya's interior minister" in by_name(d, "Joseph Kariuki").descriptors


def test_definite_description_refers_to_the_one_person_with_that_role() -> None:
    d = analyze("The talks were led by Kenya's interior minister, Joseph Kariuki. "
                "The 64-year-old minister told reporters that aid would arrive within days.")
    kariuki = by_name(d, "Joseph Kariuki")
    assert "64-year-old minister" in [m.text for m in kariuki.mentions]
    assert "64-year-old minister" in kariuki.descriptors


def test_ambiguous_description_refers_to_nobody() -> None:
    d = analyze("Finance minister Ana Silva met defence minister Rui Costa on Monday. "
                "The minister said afterwards that the budget was agreed.")
    for person in ("Ana Silva", "Rui Costa"):
        assert [m.text for m in by_name(d, person).mentions] == [person]


def test_every_mention_span_is_exact() -> None:
    d = analyze("Gen. Abdel Fattah al-Burhan met U.N. envoy Volker Perthes in Port Sudan. "
                "Burhan's office said the meeting was constructive.")
    for entity in d.entities:
        for m in entity.mentions:
            assert d.text[m.start:m.end] == m.text


def test_seed_entities(seed_text: str) -> None:
    d = newstrace.analyze(seed_text, content_type="text")
    people = {e.name: e for e in d.entities if e.type == "PERSON"}
    assert set(people) >= {"Jonathan Winer", "Khalifa Haftar", "Vladimir Putin",
                           "Dmitry Peskov", "Muammar Gaddafi"}
    assert "Jonathan Winner" not in people
    haftar = people["Khalifa Haftar"]
    assert sum(m.text == "Haftar" for m in haftar.mentions) == 2
    assert any("commander" in m.text for m in haftar.mentions)
    assert "Kremlin spokesman" in people["Dmitry Peskov"].descriptors
    assert "Gaddafi" in [m.text for m in people["Muammar Gaddafi"].mentions]
    orgs = {e.name: e for e in d.entities if e.type == "ORG"}
    for name in ("Bloomberg", "Trud", "Wagner", "NATO", "Libyan National Army"):
        assert name in orgs, sorted(orgs)
    assert len(orgs["Bloomberg"].mentions) == 3
    (warning,) = [w for w in d.warnings if w.kind == "name-variant"]
    assert {s.text for s in warning.spans} == {"Jonathan Winner", "Jonathan Winer"}
