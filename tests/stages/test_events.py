"""Events: PLOVER type, actors, targets, place, time, factuality, attribution, evidence."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.dossier import Dossier, Event


def analyze(text: str, **kwargs) -> Dossier:
    return newstrace.analyze(text, content_type="plain", **kwargs)


def names(d: Dossier, ids: list[str]) -> set[str]:
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].name for i in ids}


def of_type(d: Dossier, kind: str) -> list[Event]:
    return [e for e in d.events if e.type == kind]


# Two or more sentences of our own per PLOVER type: (sentence, type, an actor, a target).
CASES = [
    ("Norway and Sweden signed a fishing accord in Oslo on Tuesday.", "AGREE", "Norway", None),
    ("Armenia and Azerbaijan agreed to reopen the border crossing.", "AGREE", "Armenia", None),
    ("Chancellor Olaf Scholz met Emmanuel Macron in Paris on Monday.", "CONSULT", "Olaf Scholz", "Emmanuel Macron"),
    ("Kenya hosted talks between Ethiopia and Eritrea last week.", "CONSULT", "Ethiopia", None),
    ("Germany praised Poland for its handling of the refugee crisis.", "SUPPORT", "Germany", "Poland"),
    ("The United States backed Ukraine at the United Nations on Friday.", "SUPPORT", "United States", "Ukraine"),
    ("The junta made concessions to the protesters after a week of unrest.", "CONCEDE", None, None),
    ("Prime Minister Imran Khan resigned after losing the vote.", "CONCEDE", "Imran Khan", None),
    ("France and Morocco shared intelligence on smuggling networks.", "COOPERATE", "France", None),
    ("Japan and Australia deepened cooperation with a new defence pact.", "COOPERATE", "Japan", None),
    ("Canada sent humanitarian aid to Haiti after the earthquake.", "AID", "Canada", "Haiti"),
    ("The European Union provided weapons to Ukraine.", "AID", "European Union", "Ukraine"),
    ("Russia withdrew its troops from Kherson in November.", "RETREAT", "Russia", None),
    ("The rebels released twelve hostages to the Red Cross.", "RETREAT", None, None),
    ("Ukraine asked Germany for more tanks.", "REQUEST", "Ukraine", "Germany"),
    ("Somalia appealed to the African Union for help against the insurgents.", "REQUEST", "Somalia", None),
    ("China accused the United States of spreading false information.", "ACCUSE", "China", "United States"),
    ("Amnesty International condemned Iran for the executions.", "ACCUSE", "Amnesty International", "Iran"),
    ("Israel rejected the ceasefire proposal from Egypt.", "REJECT", "Israel", None),
    ("Hungary vetoed the European Union budget on Thursday.", "REJECT", "Hungary", None),
    ("North Korea threatened Japan with a missile test.", "THREATEN", "North Korea", "Japan"),
    ("Turkey warned Greece over its military flights near the islands.", "THREATEN", "Turkey", "Greece"),
    ("Thousands of Serbians protested in Belgrade against the government.", "PROTEST", None, None),
    ("Farmers in France staged a protest outside the parliament.", "PROTEST", None, None),
    ("The European Union imposed sanctions on Belarus.", "SANCTION", "European Union", "Belarus"),
    ("Lithuania expelled three Russian diplomats on Monday.", "SANCTION", "Lithuania", None),
    ("Russia deployed troops to the border with Ukraine.", "MOBILIZE", "Russia", None),
    ("China mobilised warships near Taiwan.", "MOBILIZE", "China", None),
    ("Police in Hong Kong arrested forty activists on Sunday.", "COERCE", None, None),
    ("Iran seized a British oil tanker in the Strait of Hormuz.", "COERCE", "Iran", None),
    ("Russian forces shelled Kharkiv overnight.", "ASSAULT", "Russian forces", "Kharkiv"),
    ("Militants attacked a police station in Peshawar.", "ASSAULT", None, None),
]


@pytest.mark.parametrize("sentence,kind,actor,target", CASES, ids=[c[1] + "-" + c[0][:20] for c in CASES])
def test_event_types_and_roles(sentence: str, kind: str, actor: str | None, target: str | None) -> None:
    d = analyze(sentence)
    found = of_type(d, kind)
    assert found, [(e.type, e.evidence.text) for e in d.events]
    event = found[0]
    if actor:
        assert actor in names(d, event.actors) | names(d, event.targets), names(d, event.actors)
    if target:
        assert target in names(d, event.targets) | names(d, event.actors)
    assert d.text[event.evidence.start:event.evidence.end] == event.evidence.text


@pytest.mark.parametrize("sentence", [
    "The weather in Lisbon was pleasant all week.",
    "In my view, the new museum is a beautiful building.",
    "The city was founded in the twelfth century and has a population of 40,000.",
    "Economists expect inflation to remain high this year.",
    "The report, which runs to 300 pages, is written in plain language.",
])
def test_sentences_without_events(sentence: str) -> None:
    assert analyze(sentence).events == []


@pytest.mark.parametrize("sentence,kind,mode", [
    ("Syria says it is willing to withdraw its troops from Lebanon.", "AGREE", "retreat"),
    ("Israel will evacuate the settlements in August.", "AGREE", "aid"),
    ("The president announced he will extend the curfew in the capital.", "THREATEN", "coerce"),
    ("Syria says it will not accept any more refugees.", "REJECT", "agree"),
    ("Serbia and Kosovo failed to reach an agreement on Sunday.", "REJECT", "agree"),
])
def test_announced_and_refused_acts_are_coded_as_plover_does(sentence: str, kind: str, mode: str) -> None:
    d = analyze(sentence)
    assert (kind, mode) in [(e.type, e.mode) for e in d.events], [(e.type, e.mode) for e in d.events]


def test_place_and_time_from_the_clause() -> None:
    d = analyze("Oslo, 3 March 2021. Norway and Sweden signed a fishing accord in Bergen on Tuesday, "
                "Reuters reported, citing two officials.")
    (event,) = of_type(d, "AGREE")
    assert names(d, event.actors) == {"Norway", "Sweden"}
    assert names(d, [event.place]) == {"Bergen"}
    assert event.time is not None and (event.time.start, event.time.end) == ("2021-03-02", "2021-03-02")
    assert event.attribution is not None


def test_present_tense_report_takes_the_publication_date() -> None:
    d = analyze("Russia is deploying troops to the border.", published="2024-02-10")
    (event,) = of_type(d, "MOBILIZE")
    assert event.time is not None and event.time.start == "2024-02-10" and event.time.span is None


def test_past_event_without_a_date_gets_no_time() -> None:
    d = analyze("Russia deployed troops to the border.", published="2024-02-10")
    (event,) = of_type(d, "MOBILIZE")
    assert event.time is None


def test_factuality_of_events() -> None:
    d = analyze("Iran could attack the tanker. Iran did not attack the tanker.")
    assert [e.factuality for e in of_type(d, "ASSAULT")] == ["possible", "negated"]


@pytest.mark.parametrize("sentence,kind,year", [
    ("The army ousted President Omar al-Bashir in 2019, a former minister recalled.", "COERCE", "2019"),
    ("Protesters condemned the 1982 invasion of Lebanon by Israel.", "ASSAULT", "1982"),
    ("Russia annexed Crimea in 2014, and Ukraine has demanded it back ever since.", "COERCE", "2014"),
])
def test_historical_event_is_dated_from_its_own_clause(sentence: str, kind: str, year: str) -> None:
    d = analyze(sentence, published="2024-01-05")
    found = of_type(d, kind)
    assert found, [(e.type, e.evidence.text) for e in d.events]
    assert found[0].time is not None and found[0].time.start.startswith(year)


def test_the_same_event_twice_is_one_event_with_two_pieces_of_evidence() -> None:
    d = analyze("Kenya and Ethiopia signed a trade agreement on Monday. Officials said Kenya and "
                "Ethiopia signed the agreement after two days of talks.")
    agree = of_type(d, "AGREE")
    assert len(agree) == 1 and len(agree[0].further_evidence) == 1


def test_pronoun_actor_is_resolved() -> None:
    d = analyze("President William Ruto arrived in Addis Ababa on Monday. He met Ethiopian "
                "officials the same day.")
    (event,) = of_type(d, "CONSULT")
    assert "William Ruto" in names(d, event.actors)


def test_seed_events(seed_text: str) -> None:
    d = newstrace.analyze(seed_text, content_type="text")
    consult = [e for e in of_type(d, "CONSULT") if {"Vladimir Putin", "Khalifa Haftar"} <= names(d, e.actors)]
    assert consult and names(d, [consult[0].place]) == {"Moscow"}
    assert consult[0].time is not None and consult[0].time.start == "2023-09-21"
    agreement = [e for e in d.events if e.type in ("AGREE", "COOPERATE")
                 and {"Vladimir Putin", "Khalifa Haftar"} <= names(d, e.actors)]
    assert agreement and agreement[0].attribution is not None
    attribution = next(a for a in d.sources.attributions if a.id == agreement[0].attribution)
    assert attribution.kind == "anonymous"
    tobruk = [e for e in d.events if e.place and names(d, [e.place]) == {"Tobruk"}]
    assert tobruk and tobruk[0].factuality != "certain"
    ouster = [e for e in d.events if "ouster" in e.evidence.text and "Muammar Gaddafi" in names(d, e.targets)]
    assert ouster and ouster[0].time is not None and ouster[0].time.start.startswith("2011")
    request = [e for e in of_type(d, "REQUEST") if "Khalifa Haftar" in names(d, e.actors)]
    assert request


# --- the token arrays give the same candidates as a loop over the tokens -----------------


@pytest.mark.parametrize("text", [
    "POLICE said Officials in Kabul condemned the Attack. Afghan police clashed with the Protesters.",
    "The Government of Iraq and the U.N. envoy held talks; Ministers signed an agreement.",
    "Troops fired on a Rally; the army's Spokesman denied an attack on the CONVOY.",
])
def test_array_candidates_match_a_loop_over_the_tokens(text: str) -> None:
    from newstrace.nlp.agents import last_words
    from newstrace.nlp.model import load_model
    from newstrace.nlp.plover import lexicon
    from newstrace.stages.actors import _agent_heads
    from newstrace.stages.events import _candidates

    doc = load_model()(text)

    def either(t, words):
        return t.lower_ in words or t.lemma_.lower() in words

    assert [t.i for t in _agent_heads(doc)] == [t.i for t in doc if either(t, last_words())]
    verbs, nouns = _candidates(doc)
    assert [t.i for t in verbs] == [t.i for t in doc if t.pos_ == "VERB"]
    assert [t.i for t in nouns] == [t.i for t in doc if t.pos_ in ("NOUN", "PROPN")
                                    and either(t, lexicon().noun_words)]
    assert nouns, "each text has an event noun"
