"""Events on real news: the failure classes of precision-first PLOVER coding, each with
sentences of our own (issue 14), agents with sectors and countries, confidence.

Every class is tested with three or more varied inputs; none comes from the evaluation data.
"""

from __future__ import annotations

import json

import pytest

import newstrace
from newstrace.dossier import Dossier


def analyze(text: str, **kwargs) -> Dossier:
    return newstrace.analyze(text, content_type=kwargs.pop("content_type", "plain"), **kwargs)


def names(d: Dossier, ids: list[str]) -> set[str]:
    by_id = {e.id: e for e in d.entities}
    return {by_id[i].name for i in ids}


def described(d: Dossier) -> list[tuple[str, str]]:
    return [(e.type, e.evidence.text) for e in d.events]


# --- triggers from modifiers and nouns -------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The accused sex trafficker appeared in court on Monday.",
    "As alleged in the complaint, the money was moved through shell companies.",
    "Israeli settlements in the occupied West Bank have grown.",
    "Residents of the occupied territories queued for water.",
    "The required rounds of testing were completed last week.",
    "A convicted fraudster was released from prison.",
    "The threatened species lives only on two islands.",
    "After the meeting, the delegates had dinner.",
    "The invasion anniversary fell on a Sunday.",
])
def test_modifiers_and_background_nouns_state_no_event(sentence: str) -> None:
    assert analyze(sentence).events == [], described(analyze(sentence))


# --- sport, markets, products, medicine and law -------------------------------------------


@pytest.mark.parametrize("sentence", [
    # sport
    "Wales beat Hungary 2-0 in Cardiff on Tuesday.",
    "The Lakers crushed the Celtics 120-98 in their season opener.",
    "Brazil defeated Argentina in the league match on Sunday, their coach said.",
    # markets
    "Apple beat analysts' expectations in the third quarter.",
    "Shares of Tesla fell sharply after the earnings report.",
    "The dollar attacked its yearly high against the yen.",
    # products
    "The new chip beats the VEGA 20 graphics in every benchmark.",
    "Samsung's phone destroys the competition on battery life.",
    "The update kills the annoying pop-ups for good.",
    # medicine
    "Doctors are fighting the spread of the virus in the region.",
    "The drug attacks cancer cells without harming healthy tissue.",
    "He has been fighting addiction for ten years.",
    # law
    "She pleaded not guilty to the charges.",
    "His lawyers will fight the charges in court.",
    "No evidence supports the claim that the vote was rigged.",
])
def test_games_markets_products_medicine_and_law_are_not_politics(sentence: str) -> None:
    assert analyze(sentence).events == [], described(analyze(sentence))


# --- the dateline ------------------------------------------------------------------------


@pytest.mark.parametrize("text,kind,actor", [
    ("HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China "
     "of bullying its neighbours.", "ACCUSE", "Mark Esper"),
    ("WASHINGTON (AP) — Secretary of State Antony Blinken on Monday criticized Beijing over "
     "its treatment of Uighurs.", "ACCUSE", "Antony Blinken"),
    ("LONDON (Reuters) - Britain expelled a Russian diplomat on Friday.", "SANCTION", "United Kingdom"),
    ("MOSCOW — Russian forces shelled Kharkiv overnight.", "ASSAULT", "Russian forces"),
])
def test_the_dateline_city_never_acts(text: str, kind: str, actor: str) -> None:
    d = analyze(text)
    found = [e for e in d.events if e.type == kind]
    assert found, described(d)
    assert actor in names(d, found[0].actors)
    dateline = text.split(" ")[0].strip(",").lower()
    for event in d.events:
        assert not any(n.lower() == dateline for n in names(d, event.actors + event.targets))
        assert not event.evidence.text.lower().startswith(dateline)


# --- a slot from the clause, not from the article's main person ------------------------------


@pytest.mark.parametrize("text,kind,role,who,not_who", [
    ("Esper spoke in Hanoi on Wednesday. The late Sen. John McCain was held there after he "
     "was shot down in 1967, Esper said.", "ASSAULT", "targets", "John McCain", "Esper"),
    ("Prime Minister Jacinda Ardern met reporters on Monday. When President Joe Biden "
     "arrived in Tokyo, he criticized China's trade policy.", "ACCUSE", "actors", "Joe Biden",
     "Jacinda Ardern"),
    ("Chancellor Olaf Scholz spoke first. Although Prime Minister Viktor Orban had agreed to "
     "the plan, he vetoed the budget on Thursday.", "REJECT", "actors", "Viktor Orban",
     "Olaf Scholz"),
])
def test_a_pronoun_takes_the_subject_of_its_own_sentence(text: str, kind: str, role: str,
                                                          who: str, not_who: str) -> None:
    d = analyze(text)
    found = [e for e in d.events if e.type == kind]
    assert found, described(d)
    filled = names(d, getattr(found[0], role))
    assert who in filled and not_who not in filled


# --- numbers are not dates ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The team finished the season with a total score of 2072, and Germany condemned Russia's attack on Kyiv.",
    "Prices rose to 2050 dollars a tonne after Iran seized a tanker in the Gulf.",
    "The index hit 2030 points, the day Turkey shelled Kurdish positions in Syria.",
])
def test_numbers_are_not_read_as_dates(text: str) -> None:
    d = analyze(text, published="2024-03-01")
    assert d.events, described(d)
    for event in d.events:
        assert event.time is None or event.time.start <= "2024-03-01", (event.type, event.time)


# --- modality -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence,kind,level", [
    ("Peace would allow the withdrawal of troops, officials said.", None, None),
    ("If Ukraine joins NATO, Russia will attack it.", "ASSAULT", "possible"),
    ("Iran could attack the tanker.", "ASSAULT", "possible"),
    ("China may impose sanctions on Lithuania.", "SANCTION", "possible"),
    ("Russia attacked the town, which could become a base.", "ASSAULT", "certain"),
    ("Israel did not attack the convoy.", "ASSAULT", "negated"),
    ("Russia attacked Kyiv, but it did not attack Lviv.", "ASSAULT", "certain"),
    ("The protesters demanded that the minister be dismissed.", "REQUEST", "certain"),
])
def test_modality_of_the_predicate_itself(sentence: str, kind: str | None, level: str | None) -> None:
    d = analyze(sentence)
    if kind is None:
        assert all(e.factuality != "certain" for e in d.events), described(d)
        return
    found = [e for e in d.events if e.type == kind]
    assert found, described(d)
    assert found[0].factuality == level, [(e.type, e.factuality) for e in d.events]


@pytest.mark.parametrize("sentence", [
    "The anti-war groups met to discuss the budget.",
    "It is hard for Democrats to endorse him.",
    "Officials urged calm in order to avoid clashes with the police.",
])
def test_an_act_only_wanted_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not [e for e in d.events if e.type in ("CONSULT", "SUPPORT", "ASSAULT")
                and e.factuality == "certain" and "to " in e.evidence.text[:4]], described(d)


@pytest.mark.parametrize("sentence,kind", [
    ("Mayor Jake Spano did not seek reelection, and he endorsed Nadia Mohamed.", "SUPPORT"),
    ("The court didn't hear the case, and the senators condemned the ruling.", "ACCUSE"),
    ("Russia did not sign the treaty, but Ukraine praised Poland.", "SUPPORT"),
])
def test_negation_does_not_leak_into_the_next_clause(sentence: str, kind: str) -> None:
    found = [e for e in analyze(sentence).events if e.type == kind]
    assert found and found[0].factuality == "certain", described(analyze(sentence))


def test_negation_with_a_curly_apostrophe() -> None:
    d = analyze("The Appellate Court didn’t accept Amazon’s offer. Russia hasn’t attacked Kyiv.")
    assert [e.factuality for e in d.events] == ["negated", "negated"], described(d)


# --- headlines of other stories and page furniture ------------------------------------------------


@pytest.mark.parametrize("text", [
    "Putin meets Xi in Beijing\n\nMost Popular Today\n\nRussia invades Ukraine, markets tumble\n\n"
    "Moscow and Beijing signed a trade agreement on Monday, officials said.",
    "Trade deal signed\n\nRelated: Police arrest 12 in Lagos raid\n\nNigeria and Ghana signed a "
    "trade agreement on Monday.",
    "Ghana, Nigeria sign accord\n\nWatch: Troops attack rebel camp\n\nNigeria and Ghana signed a "
    "trade agreement on Monday.",
])
def test_headline_lines_give_no_events(text: str) -> None:
    d = analyze(text)
    assert d.events and all(e.type == "AGREE" for e in d.events), described(d)
    assert all(e.evidence.text.endswith("on Monday") for e in d.events)


# --- agents: common-noun actors with sectors and countries -------------------------------------------


@pytest.mark.parametrize("sentence,kind,agent,country,sector", [
    ("Afghan police arrested three protesters in Kabul on Monday.", "COERCE", "Afghan police", "AFG", "COP"),
    ("Thousands of protesters marched through Santiago on Sunday.", "PROTEST", "protesters", None, "OPP"),
    ("The Afghan government arrested two journalists in Kabul.", "COERCE", "Afghan government", "AFG", "GOV"),
    ("A human rights group condemned the executions.", "ACCUSE", "human rights group", None, "HRI"),
    ("Israeli troops raided a refugee camp in Jenin.", "COERCE", "Israeli troops", "ISR", "MIL"),
    ("Austria's interior minister met the Hungarian foreign minister in Vienna.", "CONSULT",
     "interior minister", "AUT", "GOV"),
])
def test_common_noun_actors_are_agents_with_sector_and_country(
        sentence: str, kind: str, agent: str, country: str | None, sector: str) -> None:
    d = analyze(sentence)
    found = [e for e in d.events if e.type == kind]
    assert found, described(d)
    actors = [e for e in d.entities if e.id in found[0].actors]
    assert [a.name for a in actors] == [agent]
    (actor,) = actors
    assert actor.type == "AGENT" and actor.actor_code is not None
    assert (actor.actor_code.country, actor.actor_code.sector) == (country, sector)


def test_named_actors_get_codes_from_what_the_text_says() -> None:
    d = analyze("U.S. Defense Secretary Mark Esper met Libyan National Army officers in Cairo. "
                "Moscow warned Kyiv on Friday.")
    codes = {e.name: (e.actor_code.country, e.actor_code.sector) if e.actor_code else None
             for e in d.entities}
    assert codes["Mark Esper"] == ("USA", "GOVMIL")
    assert codes["Libyan National Army"] == ("LBY", "MIL")
    assert codes["Moscow"] == ("RUS", "GOV")


def test_a_bare_agent_after_a_qualified_one_is_the_same_agent() -> None:
    d = analyze("Afghan police arrested three men on Monday. Police said the men had attacked a checkpoint.")
    agents = [e for e in d.entities if e.type == "AGENT" and "police" in e.name.lower()]
    assert len(agents) == 1 and len(agents[0].mentions) == 2


def test_a_title_of_a_named_person_is_no_agent() -> None:
    d = analyze("Libya's military commander, Marshal Khalifa Haftar, met Russian officials in Moscow.")
    assert not [e for e in d.entities if e.type == "AGENT" and "commander" in e.name]
    (event,) = [e for e in d.events if e.type == "CONSULT"]
    assert "Khalifa Haftar" in names(d, event.actors)


def test_agent_ids_are_unique_and_every_event_reference_is_an_entity() -> None:
    d = analyze("Afghan police arrested three protesters in Kabul. Protesters marched in Herat, "
                "and soldiers fired at them.")
    ids = [e.id for e in d.entities]
    assert len(ids) == len(set(ids))
    for event in d.events:
        assert set(event.actors + event.targets) <= set(ids)


# --- confidence ------------------------------------------------------------------------------------


def test_every_event_has_a_confidence_between_0_and_1() -> None:
    d = analyze("Russia attacked Kyiv. Police arrested two men. Officials said talks could resume.")
    assert d.events
    assert all(0.0 <= e.confidence <= 1.0 for e in d.events)


def test_a_named_actor_and_a_plain_act_score_above_a_pronoun_in_a_long_clause() -> None:
    d = analyze("Germany condemned Russia's attack on Kyiv on Monday. Officials in several "
                "capitals, speaking on condition of anonymity about plans that have not been "
                "made public, said they could possibly consider sending more troops.")
    first = [e for e in d.events if e.type == "ACCUSE"][0]
    others = [e for e in d.events if e is not first]
    assert first.confidence >= 0.5
    assert all(e.confidence < first.confidence for e in others)


def test_min_confidence_keeps_the_confident_events(tmp_path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli import app

    page = tmp_path / "a.txt"
    page.write_text("Germany condemned Russia's attack on Kyiv on Monday.\n")
    runner = CliRunner()
    everything = json.loads(runner.invoke(app, ["analyze", str(page), "-t", "plain"]).output)
    confident = json.loads(runner.invoke(
        app, ["analyze", str(page), "-t", "plain", "--min-confidence", "0.99"]).output)
    assert everything["events"] and confident["events"] == []
    assert all(e["confidence"] >= 0.99 for e in confident["events"])
    refused = runner.invoke(app, ["analyze", str(page), "--min-confidence", "2"])
    assert refused.exit_code == 2


# --- what real political news adds (classes read in audits of our own output) -------------------


@pytest.mark.parametrize("sentence", [
    "Clinton beat Sanders in the Nevada caucuses on Saturday.",
    "Kasich could beat Trump in the Ohio primary, polls suggest.",
    "The incumbent defeated her challenger by 12 points in the runoff election.",
])
def test_winning_a_vote_is_no_attack(sentence: str) -> None:
    assert not [e for e in analyze(sentence).events if e.type in ("ASSAULT", "THREATEN")], \
        described(analyze(sentence))


@pytest.mark.parametrize("sentence,target", [
    ("The senator attacked the governor's budget in a speech on Monday.", None),
    ("Senator Elizabeth Warren attacked Michael Bloomberg over his record on Wednesday.", "Michael Bloomberg"),
    ("Prime Minister Boris Johnson slammed the European Union in a speech.", "European Union"),
])
def test_an_attack_in_words_is_an_accusation(sentence: str, target: str | None) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["ACCUSE"], described(d)
    if target:
        assert target in names(d, d.events[0].targets)


@pytest.mark.parametrize("sentence", [
    "Rebels attacked the convoy, killing three soldiers.",
    "Protesters attacked police with stones.",
    "Gunmen attacked a village in northern Nigeria on Sunday.",
])
def test_an_attack_with_violence_stays_an_assault(sentence: str) -> None:
    assert "ASSAULT" in [e.type for e in analyze(sentence).events], described(analyze(sentence))


@pytest.mark.parametrize("sentence", [
    "Clinton was backed by a majority of women, entrance polls showed.",
    "Sixty percent of voters support the measure.",
    "Most respondents in the survey rejected the plan.",
])
def test_what_a_poll_finds_is_no_event(sentence: str) -> None:
    assert analyze(sentence).events == [], described(analyze(sentence))


@pytest.mark.parametrize("sentence,actor,target", [
    ("Ministers came under fire from the opposition leader.", "opposition leader", "Ministers"),
    ("The company faced criticism from human rights groups.", "human rights groups", "company"),
    ("Germany faced accusations from Poland over the pipeline.", "Poland", "Germany"),
])
def test_who_undergoes_an_act_is_its_target(sentence: str, actor: str, target: str) -> None:
    d = analyze(sentence)
    (event,) = [e for e in d.events if e.type == "ACCUSE"]
    assert names(d, event.actors) == {actor} and target in names(d, event.targets)


@pytest.mark.parametrize("sentence", [
    "The usual process when a British citizen is arrested abroad is consular support.",
    "Police usually arrest a suspect when a complaint is filed.",
    "Whenever the army raids a village, residents flee.",
])
def test_habits_and_rules_are_no_events(sentence: str) -> None:
    assert analyze(sentence).events == [], described(analyze(sentence))


@pytest.mark.parametrize("sentence", [
    "The spokesman declined to comment on the case.",
    "She refused to be interviewed.",
    "The ministry declined to give details of the talks.",
])
def test_no_comment_is_no_rejection(sentence: str) -> None:
    assert analyze(sentence).events == [], described(analyze(sentence))


@pytest.mark.parametrize("sentence,released", [
    ("Python 3.0 was released in December 2008.", False),
    ("The agency released its winter outlook on Friday.", False),
    ("Two journalists were released from custody on Monday.", True),
    ("The rebels released twelve hostages to the Red Cross.", True),
])
def test_a_release_is_of_people(sentence: str, released: bool) -> None:
    assert bool([e for e in analyze(sentence).events if e.type == "RETREAT"]) == released, \
        described(analyze(sentence))


@pytest.mark.parametrize("sentence", [
    "A jury convicted the former minister of fraud.",
    "The court convicted two opposition leaders of treason.",
    "A military tribunal convicted the journalists on Monday.",
])
def test_a_conviction_is_a_sanction(sentence: str) -> None:
    assert [e.type for e in analyze(sentence).events] == ["SANCTION"], described(analyze(sentence))
    assert analyze(sentence).events[0].mode == "convict"


# --- targets named in the act's own phrase (PETRARCH's rule) ------------------------------


@pytest.mark.parametrize("sentence,actor,target", [
    ("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "Albanians", "Serbia"),
    ("Hamas threatened on Monday to resume attacks in Israel.", "Hamas", "Israel"),
    ("Pakistan has refused to deploy peacekeepers in Iraq.", "Pakistan", "Iraq"),
    ("Teachers went on strike across Nigeria over unpaid salaries.", "Teachers", "Nigeria"),
])
def test_a_target_named_in_the_acts_phrase(sentence: str, actor: str, target: str) -> None:
    d = analyze(sentence)
    assert any(actor in names(d, e.actors) and names(d, e.targets) == {target} for e in d.events), \
        [(e.type, names(d, e.actors), names(d, e.targets)) for e in d.events]


@pytest.mark.parametrize("sentence", [
    "Hundreds of protesters rallied in Lyon on Saturday.",
    "Thousands of workers marched in Manchester on Sunday.",
    "Students demonstrated outside the embassy on Friday.",
])
def test_a_town_where_an_act_happens_is_not_its_target(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.targets == [] for e in d.events), \
        [(e.type, names(d, e.actors), names(d, e.targets)) for e in d.events]


def test_a_phrase_target_leaves_confidence_alone() -> None:
    # the target found in the phrase is not a parsed object: the grounds stay those of
    # an act with no target, as the confidence model was fitted
    with_target = analyze("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.").events[0]
    without = analyze("Up to 100 ethnic Albanians demonstrated on Tuesday.").events[0]
    assert with_target.confidence == without.confidence


# --- a predicate the parser hung on a noun ------------------------------------------------


@pytest.mark.parametrize("sentence,target", [
    ("Doctors from two American aid groups donated medicine to a hospital in Baghdad.", "hospital"),
    ("Volunteers from three Canadian charities donated and delivered blankets to refugees in Jordan.",
     "refugees"),
    ("Doctors from two American aid groups donated and personally delivered $50,000 worth of goods "
     "to Baghdad University Medical School.", "Baghdad University Medical School"),
])
def test_a_finite_verb_hung_on_a_noun_still_states_the_act(sentence: str, target: str) -> None:
    d = analyze(sentence)
    aid = [e for e in d.events if e.type == "AID"]
    assert aid and aid[0].actors and target in names(d, aid[0].targets), described(d)


# --- an act on what belongs to someone ------------------------------------------------------


@pytest.mark.parametrize("sentence,target", [
    ("Members of the Association of African Jurists investigated the welfare of 2,000 Libyans.",
     "Libyans"),
    ("UN experts investigated the deaths of Palestinian protesters.", "Palestinian protesters"),
    ("Amnesty International investigated the treatment of Kurdish prisoners.", "Kurdish prisoners"),
])
def test_an_act_on_the_welfare_of_people_is_on_them(sentence: str, target: str) -> None:
    d = analyze(sentence)
    assert any(e.type == "ACCUSE" and target in names(d, e.targets) for e in d.events), described(d)


def test_a_companys_product_in_an_of_phrase_is_no_one() -> None:
    assert analyze("The reviewers attacked the graphics of the new Nvidia card.").events == []


def test_a_day_is_no_recipient() -> None:
    # "on Monday" is when, not to whom: the threat stands
    d = analyze("North Korea threatened on Monday to resume nuclear tests.")
    assert [e.type for e in d.events] == ["THREATEN"], described(d)


# --- demands told to someone ------------------------------------------------------------------


@pytest.mark.parametrize("sentence,actor,target", [
    ("French President Jacques Chirac issued a stern reminder Saturday to Iraq that it must "
     "cooperate fully with UN inspectors.", "Jacques Chirac", "Iraq"),
    ("Britain told Libya that it must hand over the suspects.", "United Kingdom", "Libya"),
    ("The EU warned Serbia that it must withdraw its troops.", "EU", "Serbia"),
])
def test_a_demand_is_of_the_one_told(sentence: str, actor: str, target: str) -> None:
    d = analyze(sentence)
    assert any(e.type in ("REQUEST", "THREATEN") and names(d, e.actors) == {actor}
               and target in names(d, e.targets) for e in d.events), \
        [(e.type, names(d, e.actors), names(d, e.targets)) for e in d.events]


@pytest.mark.parametrize("sentence,actor,targets,mode", [
    ("The Pope called on Israel and Hamas to end the war.", "Pope", {"Israel", "Hamas"}, "retreat"),
    ("The minister called on Russia to withdraw its troops from Ukraine.", "minister", {"Russia"},
     "retreat"),
    ("The African Union called upon the junta to release the president.", "African Union", {"junta"},
     "retreat"),
])
def test_calling_on_someone_to_act_is_a_request(sentence: str, actor: str, targets: set[str],
                                                mode: str) -> None:
    d = analyze(sentence)
    assert [(e.type, e.mode) for e in d.events] == [("REQUEST", mode)], described(d)
    assert names(d, d.events[0].actors) == {actor} and names(d, d.events[0].targets) == targets


@pytest.mark.parametrize("sentence", [
    "The UN Security Council called on both sides to stop fighting.",
    "The rebels agreed on Monday to stop fighting.",
    "The United Nations urged the militias to cease fighting in the capital.",
])
def test_to_stop_fighting_is_no_assault(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.type != "ASSAULT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence,actor", [
    ("Egypt brokered talks between Israel and Hamas in Cairo.", "Egypt"),
    ("Norway arranged secret negotiations between the government and the rebels.", "Norway"),
    ("Qatar facilitated talks between the United States and the Taliban in Doha.", "Qatar"),
])
def test_brokering_talks_is_a_consultation(sentence: str, actor: str) -> None:
    d = analyze(sentence)
    assert any(e.type == "CONSULT" and actor in names(d, e.actors) for e in d.events), described(d)


# --- named actors from the Phoenix dictionaries -------------------------------------------------


@pytest.mark.parametrize("sentence,name,country,sector", [
    ("NATO condemned the attack.", "NATO", None, "IGOWSTNAT"),
    ("The Taliban attacked a checkpoint.", "Taliban", "AFG", "REB"),
    ("Amnesty International accused Israel of war crimes.", "Amnesty International", None, "NGOHRIAMN"),
    ("The EU urged Serbia to stop fighting.", "EU", None, "IGOEUREEC"),
])
def test_named_organisations_have_their_dictionary_codes(sentence: str, name: str,
                                                          country: str | None, sector: str) -> None:
    entity = next(e for e in analyze(sentence).entities if e.name == name)
    assert entity.actor_code is not None
    assert (entity.actor_code.country, entity.actor_code.sector) == (country, sector)


@pytest.mark.parametrize("name", ["EPA", "ETA", "ELA"])
def test_a_short_acronym_many_things_share_gets_no_dictionary_code(name: str) -> None:
    from newstrace.nlp.agents import named_actor
    assert named_actor(name) is None
    assert named_actor("UN") is not None and named_actor("IMF") is not None


@pytest.mark.parametrize("sentence", [
    "Pirates attacked two fishing boats off the coast of Somalia.",
    "The gunmen attacked a bus carrying pilgrims.",
    "Armed robbers attacked a convoy of lorries on the highway.",
])
def test_an_attack_by_armed_men_is_no_attack_in_words(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["ASSAULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "The rebels shot down a military helicopter.",
    "Militants shot down a Syrian warplane over Idlib.",
    "The navy attacked three smuggling boats in the strait.",
])
def test_aircraft_and_boats_can_be_attacked(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["ASSAULT"], described(d)


# --- reading audit 9: roles, obligations, metaphors, senses --------------------------------


@pytest.mark.parametrize("text", [
    "FDIC Accused Of Covering Up China Hacking To Protect Chairman's Job.\n\nThe report was released on Wednesday.",
    "Trump Calls On Obama To Resign.\n\nThe remarks came after the shooting.",
    "Police Arrest Two Men After Protest In The Capital.\n\nNo one was hurt.",
])
def test_a_title_case_headline_with_a_full_stop_gives_no_event(text: str) -> None:
    assert analyze(text).events == [], described(analyze(text))


@pytest.mark.parametrize("sentence", [
    "The FBI confirmed the report. The men detained were Syrian refugees, police said.",
    "Officials said the protesters arrested on Monday were students.",
    "The soldiers captured in the raid were Russian, the army said.",
])
def test_the_ones_detained_do_not_detain(sentence: str) -> None:
    d = analyze(sentence)
    for event in d.events:
        assert not names(d, event.actors) & {"men", "protesters", "soldiers"}, described(d)


@pytest.mark.parametrize("sentence,target", [
    ("Gun manufacturers should be able to be sued when they sell to criminals, Sanders said.",
     "manufacturers"),
    ("The rebels want to be recognised by the United Nations.", "rebels"),
    ("Israel expects to be attacked by Hezbollah.", "Israel"),
])
def test_a_passive_infinitive_is_undergone_by_its_controller(sentence: str, target: str) -> None:
    d = analyze(sentence)
    for event in d.events:
        assert target not in {n.split()[-1] for n in names(d, event.actors)} or event.type == "REQUEST", \
            [(e.type, names(d, e.actors), names(d, e.targets)) for e in d.events]


@pytest.mark.parametrize("sentence,actor,target", [
    ('In a statement, Trump said: "President Obama should resign in disgrace."', "Trump", "Obama"),
    ("The minister should resign, the newspaper wrote in an editorial.", "newspaper", "minister"),
    ("Russia has to withdraw its troops, the German chancellor said.", "German chancellor", "Russia"),
])
def test_what_someone_says_ought_to_happen_is_their_demand(sentence: str, actor: str, target: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["REQUEST"], described(d)
    assert names(d, d.events[0].actors) == {actor} and target in names(d, d.events[0].targets)


@pytest.mark.parametrize("sentence", [
    "The government must release the prisoners.",
    "Israel needs to withdraw from the territories.",
    "The prime minister should have resigned years ago.",
])
def test_what_ought_to_happen_said_by_no_one_is_no_event(sentence: str) -> None:
    assert analyze(sentence).events == [], described(analyze(sentence))


def test_reporters_told_a_demand_are_not_the_ones_asked() -> None:
    d = analyze('"Hamas should release the hostages now," the Egyptian foreign minister told reporters.')
    assert [e.type for e in d.events] == ["REQUEST"], described(d)
    assert "reporters" not in names(d, d.events[0].targets)


@pytest.mark.parametrize("sentence,wrong", [
    ("The Egyptian president condemned the attack as radical Islamic terrorism.", "Islamic"),
    ("Clinton refused to back her bid for president.", "president"),
    ("The governor rejected calls to serve as senator.", "senator"),
])
def test_no_target_from_a_modifier_or_an_office(sentence: str, wrong: str) -> None:
    d = analyze(sentence)
    assert all(wrong not in names(d, e.targets) for e in d.events), \
        [(e.type, names(d, e.actors), names(d, e.targets)) for e in d.events]


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police station in Kano on Monday. The police said the attack lasted an hour.",
    "Rebels attacked an army base near the border. Officials called the attack an act of terror.",
    "Israel and Jordan held talks in Amman on Sunday. Officials said the talks were useful.",
])
def test_the_act_told_again_by_a_definite_noun_is_one_event(text: str) -> None:
    d = analyze(text)
    assert len(d.events) == 1, described(d)


@pytest.mark.parametrize("sentence", [
    "Rubio's campaign blasted out a barrage of news releases at Cruz.",
    "The senator fired off a volley of tweets at the governor.",
    "The opposition leader unleashed a torrent of insults at the prime minister.",
])
def test_a_barrage_of_words_is_no_assault(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ASSAULT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "An army of Bernie Sanders supporters plans to descend on Philadelphia.",
    "A legion of volunteers marched to the parliament.",
    "A small army of lawyers filed the motion.",
])
def test_an_army_of_supporters_is_no_military(sentence: str) -> None:
    d = analyze(sentence)
    assert all((e.actor_code is None or e.actor_code.sector != "MIL") for e in d.entities
               if e.type == "AGENT"), [(e.name, e.actor_code) for e in d.entities]


@pytest.mark.parametrize("sentence", [
    "Trump gave money to Hillary Clinton, Cruz said.",
    "The billionaire Tom Steyer donated $5 million to Joe Biden.",
    "Sheldon Adelson gave millions to Newt Gingrich.",
])
def test_a_donation_from_a_person_to_a_politician_is_no_aid(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "AID" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The federal appeals court reversed the lower court's decision on Tuesday.",
    "The Supreme Court overturned the ruling of the district court.",
    "The high court quashed the verdict of the military tribunal.",
])
def test_a_court_overruling_another_concedes_nothing(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "CONCEDE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The compromise of the agency's computers was covered up.",
    "Officials hid the compromise of the bank's servers for months.",
    "The compromise of the voting machines was never proven.",
])
def test_the_compromise_of_a_computer_is_no_agreement(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "AGREE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Turkey blocked access to Wikipedia in 2017.",
    "Israeli forces blocked aid convoys from entering Gaza.",
    "Police blocked the road to the parliament.",
])
def test_a_state_blocking_restricts(sentence: str) -> None:
    d = analyze(sentence)
    assert [(e.type, e.mode) for e in d.events] == [("COERCE", "restrict")], described(d)


@pytest.mark.parametrize("sentence", [
    "Thousands of farmers blocked roads in Brussels to protest against EU policies.",
    "Protesters blocked the main highway into the capital.",
    "Striking workers blocked the entrance to the factory.",
])
def test_protesters_blocking_protest(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.type == "PROTEST" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Huckabee said Speaker Paul Ryan should resign if he can't block the refugees' arrival.",
    "The minister will resign if the army attacks the protesters.",
    "Officials said talks could resume unless the rebels seize the airport.",
])
def test_an_act_said_only_as_a_condition_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("ASSAULT", "COERCE", "PROTEST") for e in d.events), described(d)
    assert all(not names(d, e.targets) & {"protesters", "airport"} for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    'McGraw told reporters: "Next time, we might have to kill him."',
    '"We must destroy the enemy," the commander said.',
    'The rebel leader said: "I have to fight them until the end."',
])
def test_the_speakers_own_must_is_no_demand(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REQUEST" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Libyan army troops were deployed in the south.",
    "Thousands of Russian soldiers were deployed to the border.",
    "Turkish troops were deployed to northern Syria on Monday.",
])
def test_forces_deployed_are_the_ones_mobilising(sentence: str) -> None:
    d = analyze(sentence)
    mobilize = [e for e in d.events if e.type == "MOBILIZE"]
    assert mobilize and mobilize[0].actors, described(d)


@pytest.mark.parametrize("sentence", [
    "A pro-Rubio super PAC unleashed a tough attack ad campaign against Senator Ted Cruz.",
    "The militants launched a media campaign against the government.",
    "The senator launched a rhetorical attack on the governor.",
])
def test_an_attack_made_of_words_is_an_accusation(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.type == "ACCUSE" for e in d.events), described(d)


@pytest.mark.parametrize("text", [
    "Snowden, WikiLeaks clash over DNC emails.\n\nThe two traded barbs on Twitter.\n\nNeither side replied.",
    "Rebels attack army base in the north.\n\nThe base was empty, officials said.\n\nNo one was hurt.",
    "Police arrest protest leaders.\n\nThe city was calm on Monday.\n\nShops reopened.",
])
def test_a_short_first_line_before_the_story_is_its_headline(text: str) -> None:
    d = analyze(text)
    first = text.split("\n\n")[0]
    assert all(e.evidence.start >= len(first) for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The White House refused to call the slaughter terrorism.",
    "Obama declined to use the term radical Islam.",
    "The president refused to utter the words.",
])
def test_refusing_a_word_is_no_rejection(sentence: str) -> None:
    assert analyze(sentence).events == [], described(analyze(sentence))


# --- reading audit 11: vows, refusing to criticise, wished acts, times, places -------------


@pytest.mark.parametrize("sentence,mode", [
    ("Governor Greg Abbott vowed to block Syrian refugees from entering Texas.", None),
    ("The president vowed to punish those responsible.", "coerce"),
    ("Russia pledged to destroy the militants in Syria.", "assault"),
])
def test_a_vow_of_a_hostile_act_is_a_threat(sentence: str, mode: str | None) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["THREATEN"], described(d)
    assert mode is None or d.events[0].mode == mode


@pytest.mark.parametrize("sentence", [
    "Senator Cruz promised to meet the families.",
    "Iran pledged to cooperate with the inspectors.",
    "Japan vowed to increase aid to Ukraine.",
])
def test_a_promise_of_cooperation_stays_an_agreement(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.type == "AGREE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Senator Ted Cruz refuses to disavow Lindsey Graham's endorsement.",
    "The president declined to condemn the attack.",
    "The party refused to distance itself from the mayor.",
])
def test_refusing_to_criticise_is_no_rejection(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REJECT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    '"I would love to see Senator Sanders endorse Hillary Clinton," Senator Boxer said.',
    "The general stressed the need for more troops to be deployed in Iraq.",
    "Activists want to see the government release the prisoners.",
])
def test_an_act_wished_for_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("SUPPORT", "MOBILIZE", "RETREAT") for e in d.events), described(d)


@pytest.mark.parametrize("sentence,date", [
    ("The Pentagon has provided military aid to Kenya since 1990.", None),
    ("The 2013 sanctions were imposed on Iran by Congress.", None),
    ("Israel attacked Lebanon in 2006.", "2006-01-01"),
])
def test_an_event_is_dated_by_when_it_happened(sentence: str, date: str | None) -> None:
    d = analyze(sentence)
    assert d.events, described(d)
    assert all((e.time.start if e.time else None) in (date, None) for e in d.events)
    if date:
        assert d.events[0].time is not None and d.events[0].time.start == date


@pytest.mark.parametrize("sentence", [
    "Senator Marco Rubio praised the volunteers in Nevada on Tuesday.",
    "The minister criticised the opposition in Texas.",
    "Secretary of State John Kerry met opposition leaders in Syria.",
])
def test_where_an_act_is_spoken_is_not_its_target(sentence: str) -> None:
    d = analyze(sentence)
    assert all(not names(d, e.targets) & {"Nevada", "Texas", "Syria"} for e in d.events), \
        [(e.type, names(d, e.actors), names(d, e.targets)) for e in d.events]


# --- reading audit 12's classes ---------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The Vermont senator vowed on Tuesday to take his campaign all the way to the convention.",
    "The governor promised to campaign across the state until the last vote is counted.",
    "Senator Warren pledged to keep fighting for her seat in Massachusetts.",
    "The prime minister vowed to stay in office until the end of his term.",
])
def test_a_promise_of_ones_own_conduct_is_no_agreement(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("AGREE", "THREATEN", "COERCE") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Mr. Trump both defended and minimized his hiring of foreign workers.",
    "The governor defended her decision to close the schools.",
    "The ministers backed their own plan for the budget on Friday.",
])
def test_defending_ones_own_record_supports_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "SUPPORT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Mr. Trump said more voters were taking part in the Republican primaries because of him.",
    "The former governor of Ohio entered the race for the nomination in July.",
    "Senator Lindsey Graham withdrew from the presidential race on Monday.",
])
def test_taking_part_in_a_vote_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("AGREE", "COOPERATE", "RETREAT") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The Saudi government has vigorously denied any role in the attacks.",
    "The Kremlin denied any links to the hackers who targeted the election.",
    "Pakistan's army denied any part in the killing of the journalists.",
])
def test_denying_a_part_in_something_is_a_statement(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REJECT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence,kind", [
    ('Hillary Clinton conceded the situation in Libya is "deeply regrettable."', None),
    ("The Greek finance minister conceded that the talks with the creditors had failed.", None),
    ("The Iranian government conceded to the demands of the inspectors.", "CONCEDE"),
])
def test_conceding_that_is_an_admission(sentence: str, kind: str | None) -> None:
    d = analyze(sentence)
    assert any(e.type == "CONCEDE" for e in d.events) == (kind == "CONCEDE"), described(d)


@pytest.mark.parametrize("sentence", [
    "He was doing the bidding of Cameron and doing his best to talk down Britain.",
    "Senator Sanders talked up his chances against Hillary Clinton in New York.",
    "The Russian president talked down the sanctions imposed by the European Union.",
])
def test_talking_down_or_up_is_no_consultation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "CONSULT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Mr. Sanders was pressing his attack that Hillary Clinton is not qualified to be president.",
    "Senator Cruz renewed his attack that Donald Trump is a liberal in disguise.",
    "The Labour leader stepped up his assault that the Conservative government had failed Britain.",
])
def test_an_attack_that_says_something_is_an_accusation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("THREATEN", "ASSAULT") for e in d.events), described(d)


@pytest.mark.parametrize("sentence,actor", [
    ("Eleven progressive and Muslim organizations asked Hillary Clinton to do more.", "Muslim"),
    ("Christian groups urged the Senate to reject the bill.", "Christian"),
    ("Jewish organizations urged Congress to block the nuclear deal with Iran.", "Jewish"),
    ("The parents of two Americans killed in Benghazi have filed a lawsuit against Hillary Clinton.",
     "Americans"),
    ("The family of the murdered Saudi journalist accused Riyadh of a cover-up.", "Saudi"),
])
def test_a_faiths_adjective_or_someones_kin_is_not_the_actor(sentence: str, actor: str) -> None:
    d = analyze(sentence)
    assert all(actor not in " ".join(names(d, e.actors)) for e in d.events), \
        [(e.type, names(d, e.actors)) for e in d.events]


@pytest.mark.parametrize("sentence,mode", [
    ("Donald Trump last week called to ban Muslims from entering the United States.", "coerce"),
    ("Senator Ted Cruz called to impose new sanctions on Iran.", "sanction"),
    ("Ben Carson called to withdraw American troops from Syria.", "retreat"),
])
def test_calling_to_do_an_act_is_a_request(sentence: str, mode: str) -> None:
    d = analyze(sentence)
    assert [(e.type, e.mode) for e in d.events] == [("REQUEST", mode)], described(d)


@pytest.mark.parametrize("sentence", [
    "President Putin called to congratulate Donald Trump on his victory.",
    "The Japanese prime minister called to thank President Obama for his help.",
    "Chancellor Merkel called to discuss the crisis with President Hollande.",
])
def test_a_phone_call_to_do_something_asks_nothing(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REQUEST" for e in d.events), described(d)


@pytest.mark.parametrize("sentence,victims", [
    ("Senator Hillary Clinton opposed any discrimination against Muslims.", "Muslims"),
    ("Pope Francis condemned the attacks on Christians in Egypt.", "Christians"),
    ("The French president denounced violence against Jewish schools in Paris.", "Jewish schools"),
])
def test_the_victims_of_a_wrong_condemned_are_not_its_target(sentence: str, victims: str) -> None:
    d = analyze(sentence)
    told = [e for e in d.events if e.type in ("ACCUSE", "REJECT")]
    assert all(victims not in names(d, e.targets) for e in told), \
        [(e.type, names(d, e.actors), names(d, e.targets)) for e in d.events]


@pytest.mark.parametrize("sentence", [
    "Israel gave no indication that it was planning to attack Iran.",
    "The Iranian government has no intention of releasing the British sailors.",
    "The Turkish army showed no sign that it would withdraw its troops from Syria.",
])
def test_an_act_a_no_noun_denies_is_negated(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.factuality == "negated" for e in d.events), \
        [(e.type, e.factuality) for e in d.events]


@pytest.mark.parametrize("sentence,target", [
    ("The Chinese foreign ministry warned that Beijing would not tolerate any interference in Hong Kong.",
     "Hong Kong"),
    ("The Turkish president warned that Ankara will not allow a Kurdish state in northern Syria.", "Kurdish"),
    ("The Russian foreign minister warned that Moscow would not accept new NATO bases near its borders.",
     "NATO"),
])
def test_a_warning_that_something_will_not_be_tolerated_is_a_threat(sentence: str, target: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["THREATEN"], described(d)
    assert names(d, d.events[0].targets) == {target}


def test_a_warning_about_the_economy_is_no_threat() -> None:
    d = analyze("The finance minister warned that prices will not fall soon.")
    assert d.events == [], described(d)


# --- reading audit 13's classes ---------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    '"He should have beaten President Obama very easily," Donald Trump said of Mitt Romney.',
    "Senator McCain said the army should have attacked the rebels in 2012.",
    "The British government would have imposed sanctions on Russia if the vote had passed.",
])
def test_a_past_that_did_not_happen_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events == [], described(d)


@pytest.mark.parametrize("sentence", [
    "The information could help the police hopefully capture him.",
    "Diplomats said the talks would hopefully persuade Iran to release the sailors.",
    "The mayor said the new law will hopefully help police arrest the gang leaders.",
])
def test_an_act_hoped_for_by_an_adverb_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("COERCE", "RETREAT") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Israel coordinates with Jordan on a regular basis, officials said.",
    "The Egyptian army meets with Israeli commanders every week, a spokesman said.",
    "Turkish police detain smugglers on the border all the time, residents said.",
])
def test_a_habit_told_by_a_phrase_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events == [], described(d)


@pytest.mark.parametrize("sentence", [
    "Donald Trump has not talked about Zika.",
    "The Russian president talked about the economy for two hours.",
    "Senator Sanders talked of a political revolution in Iowa.",
])
def test_talking_about_a_topic_is_no_consultation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "CONSULT" for e in d.events), described(d)


def test_talking_with_someone_about_a_topic_is_a_consultation() -> None:
    d = analyze("President Obama talked with Chancellor Merkel about Ukraine on Monday.")
    assert [e.type for e in d.events] == ["CONSULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "The Romney attack hit Trump hard on Thursday, Republicans said.",
    "Clinton's attack on Sanders dominated the debate in Brooklyn.",
    "The Cruz attack on Rubio's immigration record came early in the debate.",
])
def test_a_politicians_attack_is_an_accusation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ASSAULT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Her friends traveled to attend a Sunday night rally for Hillary Clinton.",
    "Hillary Clinton marched in the New York Pride parade on Sunday.",
    "Thousands of veterans marched in the victory parade in Moscow.",
])
def test_a_campaign_rally_or_a_parade_is_no_protest(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "PROTEST" for e in d.events), described(d)


@pytest.mark.parametrize("sentence,actor", [
    ("President Obama said Congress must act to impose sanctions on North Korea.", "Obama"),
    ("The French minister said Europe must move quickly to impose sanctions on Moscow.", "French minister"),
    ("Senator Graham said Congress should act to block the sale of weapons to Riyadh.", "Graham"),
])
def test_an_act_of_purpose_under_must_is_the_speakers_demand(sentence: str, actor: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.type == "REQUEST" for e in d.events), described(d)
    assert any(actor in n for n in names(d, d.events[0].actors))


@pytest.mark.parametrize("head", [
    "Clinton still faces a spoiler in Green Party's Jill Stein;\n"
    "Some miffed Sanders supporters threaten to cast protest votes.",
    "Turkey tightens its grip on the border:\nTroops attack Kurdish positions near Afrin.",
    "Budget talks stall again;\nUnions threaten to strike in March.",
])
def test_a_headline_over_a_standfirst_states_nothing(head: str) -> None:
    text = head + "\n\nThe story began on Monday in the capital.\n\nIt went on for days.\n"
    d = analyze(text)
    assert d.events == [], described(d)


@pytest.mark.parametrize("credit", [
    "Jill Colvin contributed from Albuquerque.",
    "Kathleen Hennessey contributed from Washington.",
    "Reuters correspondent Nidal al-Mughrabi contributed from Gaza.",
])
def test_a_reporters_credit_gives_no_aid(credit: str) -> None:
    text = ("Donald Trump attacked Hillary Clinton over her emails on Tuesday.\n\n"
            "The Clinton campaign accused Trump of lying.\n\n" + credit + "\n")
    d = analyze(text)
    assert all(e.type != "AID" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "It is unclear if the progressives in France can find solutions to the crisis.",
    "The radicals in Germany found a way to split the coalition.",
    "Young conservatives in Britain rejected the proposal, the poll found.",
])
def test_where_a_group_is_does_not_act_for_it(sentence: str) -> None:
    d = analyze(sentence)
    assert all(not names(d, e.actors) & {"France", "Germany", "United Kingdom", "Britain"} for e in d.events), \
        [(e.type, names(d, e.actors)) for e in d.events]


@pytest.mark.parametrize("sentence,kind", [
    ("French and Egyptian warships on Monday launched 10 days of war games in the Mediterranean.",
     "COOPERATE"),
    ("Iran and Russia held two rounds of talks in Geneva.", "CONSULT"),
    ("Unions in France began weeks of strikes against the pension reform.", "PROTEST"),
])
def test_a_stretch_of_an_act_is_the_act(sentence: str, kind: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == [kind], described(d)


# --- reading audit 14's classes ---------------------------------------------------------


@pytest.mark.parametrize("sentence,target", [
    ("Donald Trump continued his assault on Jeb Bush, mocking his famous appearance.", "Jeb Bush"),
    ("Hillary Clinton famously clashed with Senator Ron Johnson during the Benghazi hearing.", "Ron Johnson"),
    ("Donald Trump dismissed Wisconsin Gov. Scott Walker as an ineffective leader.", "Scott Walker"),
])
def test_attacks_and_clashes_in_words_are_accusations(sentence: str, target: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["ACCUSE"], described(d)
    assert target in names(d, d.events[0].targets)


def test_police_clashing_with_protesters_is_still_an_assault() -> None:
    d = analyze("Police clashed with protesters in Istanbul on Sunday.")
    assert [e.type for e in d.events] == ["ASSAULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "Donald Trump held a news conference nearby with Jeb Bush.",
    "The Iranian foreign minister gave a press conference with his Russian counterpart.",
    "Prime Minister Netanyahu held a televised briefing with the defence minister.",
])
def test_a_press_conference_is_no_consultation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "CONSULT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "When asked if he had met Donald Trump, Sheldon Adelson said no.",
    "Reporters asked whether Israel would attack Iran before the election.",
    "Analysts wonder whether Russia will invade Ukraine this winter.",
])
def test_a_question_asserts_no_act(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("CONSULT", "ASSAULT") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Donald Trump was holding his maiden rally in the state on Tuesday.",
    "Senator Bernie Sanders held a rally in Madison before the primary.",
    "Marco Rubio held a rally in Miami with his supporters.",
])
def test_a_candidates_rally_is_no_protest(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "PROTEST" for e in d.events), described(d)


def test_an_opposition_leaders_rally_against_the_government_is_a_protest() -> None:
    d = analyze("Opposition leader Alexei Navalny led a rally against the Kremlin in Moscow.")
    assert [e.type for e in d.events] == ["PROTEST"], described(d)


@pytest.mark.parametrize("sentence", [
    "Obama and Hollande reaffirmed their shared commitment to degrading and destroying ISIL.",
    "The Senate backed the bombing of Syrian airfields.",
    "The two leaders pledged their support for the blockade of Qatar.",
])
def test_backing_a_hostile_act_supports_none_of_those_it_harms(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "SUPPORT" for e in d.events), described(d)


# --- reading audit 15's classes ---------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Senator Menendez also rejected the notion that Democrats could pull away from the bill.",
    "Patricia Smith forcefully rejected Hillary Clinton's claim about the video.",
    "The Kremlin rejected the allegations of election meddling as baseless.",
])
def test_rejecting_a_claim_is_a_dispute_not_a_rejection(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REJECT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Iran rejected the UN proposal for a ceasefire.",
    "Israel rejected Hamas's demands on Sunday.",
    "The Greek government rejected the creditors' offer.",
])
def test_rejecting_a_proposal_or_a_demand_is_a_rejection(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["REJECT"], described(d)


@pytest.mark.parametrize("sentence", [
    "Senator Corker declined to speculate on a backup plan.",
    "Donald Trump declined to affirm his support for a united Jerusalem.",
    "The Iranian foreign minister refused to predict the outcome of the talks with Washington.",
])
def test_declining_to_guess_or_vouch_rejects_nothing(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REJECT" for e in d.events), described(d)


# --- promises of what is so, and the speed rewrite's equivalences ---------------------


@pytest.mark.parametrize("sentence", [
    "The governor pledged that the state budget has been balanced.",
    "The mayor vowed that the city has enough police officers.",
    "The rebel commander swore that his fighters were nowhere near the crash site.",
])
def test_a_promise_that_something_is_so_is_no_agreement(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "AGREE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The president pledged that American troops would leave Iraq by June.",
    "The company promised that it will repay the loans to the bank.",
    "The prime minister vowed that Britain shall honour its agreement with Ireland.",
])
def test_a_promise_of_what_will_be_is_still_an_agreement(sentence: str) -> None:
    d = analyze(sentence)
    assert "AGREE" in [e.type for e in d.events], described(d)


@pytest.mark.parametrize("sentence", [
    "Bernie Sanders won Vermont. Many Sanders supporters complained that the long lines hurt turnout.",
    "Putin critics protested outside the Kremlin on Sunday.",
    "Critics of Vladimir Putin protested in Moscow on Sunday.",
])
def test_followers_and_critics_are_not_the_one_they_follow(sentence: str) -> None:
    d = analyze(sentence)
    assert not any(names(d, e.actors) & {"Bernie Sanders", "Sanders", "Putin", "Vladimir Putin"}
                   for e in d.events), described(d)


@pytest.mark.parametrize("sentence, actor", [
    ("Russian President Vladimir Putin's spokesman condemned the attack.", "Vladimir Putin"),
    ("A spokesman for Israeli Prime Minister Benjamin Netanyahu rejected the proposal.",
     "Benjamin Netanyahu"),
    ("French President Emmanuel Macron's office denounced the coup.", "Emmanuel Macron"),
])
def test_the_possessor_not_a_word_of_his_title_speaks_through_a_spokesman(sentence: str, actor: str) -> None:
    d = analyze(sentence)
    assert d.events and all(names(d, e.actors) == {actor} for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Senator Ted Cruz launched his presidential campaign in March.",
    "China launched a trade war against the United States.",
    "Iran launched a charm offensive toward Europe.",
    "Democracy for America launched a petition campaign with CREDO Action on Wednesday.",
    "Hillary Clinton launched her Senate campaign in 1999.",
])
def test_a_campaign_or_a_war_that_is_no_fighting_is_no_assault(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("ASSAULT", "THREATEN", "ACCUSE") for e in d.events), described(d)
    assert all("campaign" not in e.evidence.text or e.type != "REQUEST" or "petition" in e.evidence.text
               for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Saudi Arabia launched a bombing campaign against the Houthis in Yemen.",
    "The Army launched a military campaign against the rebels.",
    "The Taliban launched a spring offensive against Afghan forces.",
])
def test_a_campaign_of_fighting_is_still_an_assault(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["ASSAULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "A company he owns has charged the campaign about $3 million for flights.",
    "The airline charged passengers a fee of $50.",
    "The hospital charges uninsured patients $2,000 a night.",
])
def test_charging_a_price_is_no_accusation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ACCUSE" for e in d.events), described(d)


def test_charging_with_a_crime_is_still_an_accusation() -> None:
    d = analyze("Federal prosecutors charged Paul Manafort with fraud.")
    assert [e.type for e in d.events] == ["ACCUSE"], described(d)


@pytest.mark.parametrize("sentence", [
    "Berlin backed off, replacing the levy with a subsidy.",
    "Hungary backed off its threat to veto the budget.",
    "Facing protests, the Turkish government backed down on the mining law.",
])
def test_backing_down_or_off_is_yielding_not_support(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.type == "CONCEDE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Italy backed out of the deal with China.",
    "The Pakistani government backed out of the agreement with India.",
    "Qatar backed out of the talks with the Saudi delegation.",
])
def test_backing_out_is_no_support(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "SUPPORT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Mississippi offers no discrimination protections to gay residents.",
    "The government gave no assistance to the flood victims.",
    "Hamas fired no rockets at Israel on Sunday.",
])
def test_an_act_whose_object_is_none_is_negated(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.factuality == "negated" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Voters push the button for their candidate.",
    "She pressed the lever for the Democrat.",
    "Fans pushed the cart for the team.",
])
def test_pushing_a_thing_asks_for_nothing(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REQUEST" for e in d.events), described(d)


def test_pressing_a_party_for_something_is_still_a_request() -> None:
    d = analyze("The opposition pressed the government for early elections.")
    assert [e.type for e in d.events] == ["REQUEST"], described(d)


@pytest.mark.parametrize("sentence", [
    "Senator Warren continued her verbal attacks on Bloomberg.",
    "The Kremlin launched a smear campaign against Navalny.",
    "Senator Graham launched a television campaign against Governor Haley.",
])
def test_a_campaign_or_attack_of_words_against_someone_is_an_accusation(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["ACCUSE"], described(d)


@pytest.mark.parametrize("sentence, kind", [
    ("Republicans have long denounced Franklin Roosevelt's New Deal.", "AGREE"),
    ("Obama's Trans-Pacific Partnership faces opposition in Congress.", "COOPERATE"),
    ("Critics blamed the North American Free Trade Agreement for job losses.", "AGREE"),
])
def test_an_event_noun_in_a_name_is_no_event(sentence: str, kind: str) -> None:
    d = analyze(sentence)
    assert all(e.type != kind for e in d.events), described(d)
    assert not any(names(d, e.actors) & {"New Deal", "Trans-Pacific Partnership",
                                         "North American Free Trade Agreement"} for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The billionaire businessman will be holding a news conference late Tuesday to thank supporters.",
    "The governor called a press conference to announce the plan.",
    "Senator Warren held a news conference with reporters in Boston.",
])
def test_a_news_conference_consults_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "CONSULT" and e.mode != "consult" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Congress voted to compensate the victims of the attack.",
    "The state agreed to compensate the families of the miners.",
    "BP will compensate fishermen in Louisiana for their losses.",
])
def test_compensating_is_no_accusation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ACCUSE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Bernie Sanders is pledging to win many hundreds of delegates.",
    "Macron promised to beat Le Pen in the runoff.",
    "Senator Cruz vowed to win the Texas primary by a wide margin.",
])
def test_a_promise_to_win_a_vote_is_no_agreement(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "AGREE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The U.N. Security Council called an emergency meeting on North Korea.",
    "France called a summit of European leaders in Paris.",
    "Egypt called an urgent meeting with Jordanian and Palestinian leaders in Cairo.",
])
def test_calling_a_meeting_convenes_it(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["CONSULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "Japan called for an emergency meeting of the Security Council.",
    "The opposition called for talks with the government.",
    "Iraq called for international aid.",
])
def test_calling_for_a_meeting_or_aid_asks_for_it(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["REQUEST"], described(d)


@pytest.mark.parametrize("sentence", [
    "Erdogan vowed to crush the Kurdish militants in Syria.",
    "Iran's leader vowed to eliminate the Islamic State.",
    "The Egyptian president vowed to annihilate the militants in Sinai.",
])
def test_a_vow_to_crush_or_destroy_a_party_is_a_threat(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["THREATEN"], described(d)


@pytest.mark.parametrize("sentence", [
    "Sanders vowed to defeat Trump in November.",
    "The governor vowed to destroy the old prison records.",
    "The company promised to eliminate fees for its customers.",
])
def test_a_vow_against_no_party_or_in_a_vote_is_no_threat(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "THREATEN" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The mayor of Chicago promised to hire more police officers.",
    "The governor of Texas pledged to train more border agents.",
    "The Mexican president vowed to recruit new soldiers.",
])
def test_a_promise_to_hire_a_group_is_no_agreement_with_it(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "AGREE" for e in d.events), described(d)


# --- reading audit 16's classes ---------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Stein did not meet the 15 percent polling threshold.",
    "It is the bar in Ohio where he met his wife.",
    "Clinton and Trump will meet in the first presidential debate at Hofstra University on Monday.",
])
def test_meeting_a_bar_kin_or_a_rival_in_a_debate_is_no_consultation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "CONSULT" and e.mode != "consult" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Buffett complained that he paid taxes at a lower rate than his secretary.",
    "The senator complained that the hearing lasted too long.",
    "Voters in Ohio complained that the lines were long.",
])
def test_complaining_about_a_state_of_affairs_accuses_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ACCUSE" for e in d.events), described(d)


def test_complaining_that_a_party_did_something_is_still_an_accusation() -> None:
    d = analyze("Ukraine complained that Russia violated the ceasefire.")
    assert [e.type for e in d.events] == ["ACCUSE"], described(d)


@pytest.mark.parametrize("sentence", [
    "The judge agreed with Ivana Trump that there was no reason to intrude.",
    "Anderson largely agreed with McLenny.",
    "Senator Graham agreed with President Obama about the risks.",
])
def test_agreeing_with_someone_s_view_is_no_agreement(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "AGREE" for e in d.events), described(d)


def test_agreeing_with_a_party_on_something_is_still_an_agreement() -> None:
    d = analyze("Iran agreed with the European powers on a new deal.")
    assert [e.type for e in d.events] == ["AGREE"], described(d)


@pytest.mark.parametrize("sentence", [
    "The companies are fighting to protect their diminishing business.",
    "Scott fought to push through incremental policy initiatives.",
    "Women's groups in Britain fought for equal pay.",
])
def test_fighting_to_or_for_something_is_striving_not_assault(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ASSAULT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The donations helped Republicans take control of the House in 2010.",
    "Democrats won control of the Senate in November.",
    "The opposition seized control of parliament in the election.",
])
def test_control_of_a_legislature_is_a_vote_won(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "COERCE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Scott is launching his unofficial bid for a U.S. Senate seat.",
    "Bloomberg weighed a bid for the presidency.",
    "The mayor announced her campaign for a third term.",
])
def test_a_bid_for_office_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "The judge saw no reason to speed release of records in the case.",
    "Democrats demanded the release of his tax returns.",
    "The release of the video angered protesters in Chicago.",
])
def test_the_release_of_papers_frees_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "RETREAT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Say Mexico demanded that the United States return the money.",
    "Suppose Iran attacked a Saudi tanker in the Gulf.",
    "Imagine China invaded Taiwan tomorrow.",
])
def test_an_act_supposed_for_argument_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Hillary Clinton plans to visit Charlotte on Sunday.",
    "President Obama is expected to visit the Sunshine state next week.",
    "Trump visited Iowa and New Hampshire on Monday.",
])
def test_a_trip_to_a_town_or_a_province_is_no_consultation(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("CONSULT", "AGREE") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Obama visited China in November.",
    "Putin will visit Beijing next month.",
    "Merkel visited the troops in Afghanistan.",
])
def test_a_visit_to_a_country_its_capital_or_a_group_is_still_a_consultation(sentence: str) -> None:
    d = analyze(sentence)
    assert d.events and all(e.type == "CONSULT" or e.mode == "consult" for e in d.events), described(d)


@pytest.mark.parametrize("sentence, mode", [
    ("The Obama administration promised a veto of the bill.", "reject"),
    ("Iran vowed revenge against Israel for the killing.", "assault"),
    ("The EU promised tough sanctions on Russia.", "sanction"),
])
def test_a_promised_harm_is_a_threat(sentence: str, mode: str) -> None:
    d = analyze(sentence)
    assert [(e.type, e.mode) for e in d.events] == [("THREATEN", mode)], described(d)


@pytest.mark.parametrize("sentence, actor, target", [
    ("Keith Lamont Scott was shot and killed by a black police officer on Tuesday.",
     "police officer", "Keith Lamont Scott"),
    ("The two men were beaten and robbed by militiamen near Aleppo.", "militiamen", "men"),
    ("Crutcher was shot and killed by Tulsa police officer Betty Shelby.", "Betty Shelby", "Crutcher"),
])
def test_coordinated_passives_share_the_agent_and_the_one_undergoing(sentence: str, actor: str,
                                                                     target: str) -> None:
    d = analyze(sentence)
    assaults = [e for e in d.events if e.type == "ASSAULT"]
    assert assaults and all(names(d, e.actors) == {actor} and target in names(d, e.targets)
                            for e in assaults), described(d)


@pytest.mark.parametrize("sentence", [
    "Republicans will continue their legislative attacks on the climate rules.",
    "The two parties are locked in a partisan war over the budget.",
    "The administration waged a regulatory assault on the coal industry.",
])
def test_a_legislative_or_regulatory_attack_is_no_assault(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("ASSAULT", "THREATEN") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Clinton seized upon a New York Times report on the foundation.",
    "She occupies one of the key positions of power in Washington.",
    "Republicans seized on the senator's remarks about Iran.",
])
def test_seizing_on_a_report_or_holding_an_office_is_no_seizure(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "COERCE" for e in d.events), described(d)


def test_seizing_an_airport_is_still_a_seizure() -> None:
    d = analyze("Rebels seized the airport in Sanaa.")
    assert [e.type for e in d.events] == ["COERCE"], described(d)


@pytest.mark.parametrize("sentence", [
    "Mills violated professional conduct standards by acting as Clinton's lawyer.",
    "The foundation violated campaign finance laws in New York.",
    "The senator flouted Senate ethics rules.",
])
def test_breaking_a_rule_rejects_no_party(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REJECT" for e in d.events), described(d)


def test_violating_a_ceasefire_is_still_a_rejection() -> None:
    d = analyze("Russia violated the ceasefire in eastern Ukraine.")
    assert [e.type for e in d.events] == ["REJECT"], described(d)


@pytest.mark.parametrize("sentence", [
    "The prison population has since exploded to hold 2.3 million inmates.",
    "Demand for refugee housing in Germany exploded last year.",
    "The number of migrants crossing into Greece exploded in 2015.",
])
def test_numbers_that_explode_grew(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ASSAULT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Voting rights advocates have expressed deep concern about the policy.",
    "Republicans have expressed concern that changing the policy could lead to voter fraud.",
    "Many economists voiced worries about the plan.",
])
def test_a_worry_naming_no_party_accuses_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ACCUSE" for e in d.events), described(d)


def test_a_worry_about_a_party_s_act_is_still_an_accusation() -> None:
    d = analyze("NATO expressed concern over Russia's military buildup.")
    assert [e.type for e in d.events] == ["ACCUSE"], described(d)


@pytest.mark.parametrize("sentence", [
    "Obama declined to threaten Moscow with sanctions.",
    "The chancellor refused to threaten Athens with expulsion from the euro.",
    "The minister declined to warn Iran publicly.",
])
def test_declining_to_threaten_rejects_nothing(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REJECT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence, actor", [
    ("The Ohio chapter of the A. Philip Randolph Institute filed suit against the state.",
     "A. Philip Randolph Institute"),
    ("The Texas branch of the NAACP sued Governor Abbott.", "NAACP"),
    ("The California office of Amnesty International condemned the arrests.", "Amnesty International"),
])
def test_a_branch_acts_for_its_body_not_its_place(sentence: str, actor: str) -> None:
    d = analyze(sentence)
    assert d.events and all(names(d, e.actors) == {actor} for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The ministry did not say whether Russian jets bombed the hospital.",
    "Officials would not confirm if Iran had seized the tanker.",
    "Investigators are trying to establish whether the police shot the man.",
])
def test_an_act_left_open_by_whether_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


def test_an_act_said_or_confirmed_is_still_an_event() -> None:
    d = analyze("Officials confirmed that Iran had seized the tanker.")
    assert [e.type for e in d.events] == ["COERCE"], described(d)


# --- reading audit 17: real pages of many kinds -------------------------------------------


@pytest.mark.parametrize("sentence, actor, target", [
    ("Clinton enjoyed strong support from black voters in the primary.", "voters", "Clinton"),
    ("The minister won the backing of parliament for the budget.", "parliament", "minister"),
    ("The bill drew the condemnation of the United Nations.", "United Nations", None),
    ("The plan won backing from the European Union on Friday.", "European Union", None),
])
def test_who_gives_what_the_subject_receives_is_the_actor(sentence: str, actor: str,
                                                         target: str | None) -> None:
    d = analyze(sentence)
    assert len(d.events) == 1 and names(d, d.events[0].actors) == {actor}, described(d)
    assert target is None or names(d, d.events[0].targets) == {target}


@pytest.mark.parametrize("sentence", [
    "Note that the python.org releases only support versions of Windows after 7.",
    "The weekly releases are listed on the download page.",
    "Our quarterly releases fix many bugs.",
    "Docker Engine releases of a year-month branch are supported with patches as needed.",
    "Last October, this same NOAA released its U.S. Winter Outlook.",
])
def test_a_release_of_software_or_a_publication_frees_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence, target", [
    ("The junta released Aung San Suu Kyi from house arrest.", None),
    ("Israel released 20 Palestinian prisoners.", "Palestinian prisoners"),
    ("The government announced the release of 50 political prisoners.", "political prisoners"),
    ("The army released dozens of Kurdish fighters on Sunday.", "Kurdish fighters"),
    ("Half of the rebel fighters in the province have been disarmed since the truce.", None),
])
def test_a_release_of_people_is_still_a_release(sentence: str, target: str | None) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["RETREAT"], described(d)
    assert target is None or names(d, d.events[0].targets) == {target}


@pytest.mark.parametrize("text, police", [
    ("Police said a man was arrested on Monday in Leeds.", "Police"),
    ("The Metropolitan Police said three protesters were arrested outside parliament.",
     "Metropolitan Police"),
    ("The Springfield Police Department released its weekly log on Friday.\n\nA woman, 34, "
     "was arrested for shoplifting. A man was detained for trespassing.",
     "Springfield Police Department"),
])
def test_an_arrest_naming_no_doer_is_made_by_the_police_the_article_names(text: str,
                                                                          police: str) -> None:
    d = analyze(text)
    arrests = [e for e in d.events if e.type == "COERCE"]
    assert arrests and all(names(d, e.actors) == {police} for e in arrests), described(d)


@pytest.mark.parametrize("text", [
    # the police are what was arrested: who arrested them is open
    "Police said a police officer was arrested for bribery.",
    # several police bodies, none in the arrest's paragraph: which one is open
    "Reports come from the Taylorville Police Department and the state police."
    "\n\nA woman, 34, was arrested for shoplifting.",
])
def test_an_arrest_by_police_the_text_cannot_tell_takes_no_actor(text: str) -> None:
    d = analyze(text)
    assert all(e.actors == [] for e in d.events if e.type == "COERCE"), described(d)
    assert all(not {"Police", "Taylorville Police Department"} & names(d, e.actors)
               for e in d.events)


@pytest.mark.parametrize("text", [
    "Crutcher was killed on Friday near his car. Officer Betty Shelby, a police officer, "
    "fired the shot.",
    "A protester was shot in the square on Monday. Soldiers had been deployed there since dawn.",
    "Reports come from the Taylorville Police Department and the state police."
    "\n\nA woman, 34, was arrested for shoplifting.",
])
def test_force_or_an_arrest_whose_doer_the_article_names_elsewhere_is_no_actorless_event(
        text: str) -> None:
    d = analyze(text)
    assert not [e for e in d.events if not e.actors], described(d)


@pytest.mark.parametrize("text", [
    "Esper spoke in Hanoi on Wednesday. The late Sen. John McCain was held there after he "
    "was shot down in 1967, Esper said.",
    "At least three Iraqi civilians have been killed in a suicide car bombing in central "
    "Baghdad, Iraqi police said.",
    "Two soldiers were killed in an ambush near the border, the army said.",
])
def test_force_whose_doer_no_one_names_keeps_its_event(text: str) -> None:
    d = analyze(text)
    assert [e.type for e in d.events] == ["ASSAULT"] and not d.events[0].actors, described(d)


@pytest.mark.parametrize("sentence", [
    "She was reportedly assaulted and hit in the head with a stone by another woman.",
    "Two men who are lovers marry and are arrested by the powers that be.",
    "A man was arrested on Monday by officers.",
])
def test_an_act_whose_by_phrase_we_cannot_name_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Harry said he could not have left the family had he not met Meghan.",
    "Had Russia invaded Ukraine earlier, NATO would have sent troops.",
    "Had the police arrested the suspect sooner, the riot would not have started.",
    "Were it not for the ceasefire, Israel would have attacked Gaza.",
])
def test_an_act_in_an_inverted_condition_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


def test_a_past_perfect_act_is_still_an_event() -> None:
    d = analyze("Russia had invaded Ukraine before the talks.")
    assert [e.type for e in d.events] == ["ASSAULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "The state of Amazonas declared a state of emergency over the rising number of forest fires.",
    "The governor imposed a curfew after the floods destroyed the town.",
    "Authorities declared a state of emergency because of the hurricane.",
])
def test_an_emergency_over_a_disaster_is_no_coercion(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "COERCE" for e in d.events), described(d)


def test_a_curfew_after_protests_is_still_coercion() -> None:
    d = analyze("The junta imposed a curfew in the capital after the protests.")
    assert [e.type for e in d.events] == ["COERCE"], described(d)


@pytest.mark.parametrize("sentence", [
    "Then, a year later, Dion joined forces with soul star Peabo Bryson to sing the title "
    "song of Disney’s hit movie Beauty and the Beast.",
    "The two companies combined forces to build the plant.",
    "The singer joined forces with a rapper for a new album.",
])
def test_joining_forces_names_no_armed_forces(sentence: str) -> None:
    d = analyze(sentence)
    assert not any(e.name == "forces" for e in d.entities)
    assert not d.events, described(d)


def test_rebels_joining_forces_still_cooperate() -> None:
    d = analyze("The rebels joined forces with Islamist fighters near Aleppo.")
    assert [e.type for e in d.events] == ["COOPERATE"], described(d)
    assert names(d, d.events[0].targets) == {"Islamist fighters"}


@pytest.mark.parametrize("sentence", [
    "The Great Recession and the wars in Iraq and Afghanistan started a process of reflection.",
    "The protests opened a new chapter in the country's history.",
    "The attack ended a year of calm.",
])
def test_an_event_noun_that_starts_or_ends_something_else_is_not_told(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Why did the man put his money in the freezer? He wanted cold hard cash!",
    "To answer this question, the scientists asked five people to perform a task.",
    "At one point, a woman asked for a photo.",
])
def test_private_people_acting_on_no_public_party_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence, kind", [
    ("Protesters blocked the main road in Beirut.", "PROTEST"),
    ("Villagers accused the army of burning their homes.", "ACCUSE"),
    ("Younger black voters have expressed misgivings about Mrs. Clinton.", "ACCUSE"),
])
def test_private_people_acting_on_a_public_party_or_protesting_still_act(sentence: str,
                                                                          kind: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == [kind], described(d)


@pytest.mark.parametrize("sentence", [
    "Pam eventually asks you to leave, and they continue their discussion privately.",
    "The command will give you more information about the host.",
    "The wizard then attacks you from behind.",
])
def test_an_act_done_to_the_reader_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence, kind", [
    ("The EU is going to impose sanctions on Iran.", "THREATEN"),
    ("Russia is going to withdraw its troops from Syria.", "AGREE"),
    ("The army is going to attack the rebels' positions.", "THREATEN"),
])
def test_what_an_actor_is_going_to_do_is_intent(sentence: str, kind: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == [kind], described(d)


@pytest.mark.parametrize("sentence", [
    "Texas voters approved an amendment to the state constitution on Tuesday.",
    "Swiss voters rejected the initiative by a wide margin.",
    "Voters in Ohio backed a measure to raise the minimum wage.",
])
def test_voters_deciding_a_measure_is_a_vote_not_an_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


# --- reading audit 18: local and health news ----------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The agency is continuing to investigate and monitor the situation with the health ministry.",
    "Police are investigating the crash, but no charges are expected.",
    "Police have opened an investigation into the stampede in which 12 people died.",
])
def test_an_investigation_of_no_one_accuses_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ACCUSE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence, target", [
    ("The FBI opened an investigation into Senator Menendez.", None),
    ("Prosecutors are investigating the mayor for bribery.", "mayor"),
])
def test_an_investigation_of_someone_is_still_one(sentence: str, target: str | None) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["ACCUSE"], described(d)
    assert target is None or names(d, d.events[0].targets) == {target}


@pytest.mark.parametrize("sentence", [
    "The Japanese weather agency issued tsunami warning notices for the coast.",
    "Health officials issued an alert about contaminated lettuce.",
    "The government issued a travel warning for Haiti.",
    "The State Department issued a security alert for Americans in Lagos.",
])
def test_a_warning_of_a_hazard_threatens_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "THREATEN" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Russia issued a warning to Ukraine over the shelling.",
    "The army warned the rebels to leave the city.",
    "The security chief warned that police will no longer tolerate rallies by the group.",
])
def test_a_warning_to_a_party_is_still_a_threat(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["THREATEN"], described(d)


@pytest.mark.parametrize("sentence", [
    "Border guards will shoot anyone who crosses the line.",
    "The police arrest anybody found on the streets after curfew.",
    "The authorities will arrest and detain anyone who is caught crossing the border.",
])
def test_an_act_done_to_anyone_at_all_is_a_rule_not_an_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Jessica Kay died from injuries received in the Friday night collision.",
    "Nine people were killed in Kenya after an outbreak of cholera.",
    "Three workers were injured in the accident at the plant.",
])
def test_harm_in_an_accident_or_a_disease_is_no_assault(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ASSAULT" for e in d.events), described(d)


def test_armed_men_near_a_crash_still_attack() -> None:
    d = analyze("Gunmen killed three people in an ambush near the crash site.")
    assert [e.type for e in d.events] == ["ASSAULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "A 300-acre brush fire was contained on Sunday.",
    "Twenty people were evacuated from the area as the wildfire spread.",
    "Roads were closed because of the flooding.",
])
def test_an_act_by_no_one_in_a_disaster_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "He was about to be charged by the Justice Department.",
    "She was about to be arrested when she fled.",
    "A man about to be indicted by the Justice Department killed himself.",
])
def test_an_act_about_to_happen_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("ACCUSE", "COERCE") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "They hoped that the State Duma would soon ratify the protocols.",
    "Officials hope that Iran will release the sailors.",
    "Activists prayed that the army would withdraw from the town.",
])
def test_an_act_hoped_for_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Wagner said he will ask board members to consider restoring tolls.",
    "He said he will accuse the minister of lying in parliament.",
    "The mayor will ask the council to raise taxes next week.",
])
def test_a_request_or_an_accusation_still_to_be_made_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


def test_a_demand_that_another_act_is_still_a_request() -> None:
    d = analyze("Britain said Libya must hand over the suspects.")
    assert [e.type for e in d.events] == ["REQUEST"], described(d)


@pytest.mark.parametrize("sentence", [
    "Kemp insisted that his client had no role in the attacks.",
    "The governor insisted that the budget was balanced.",
    "The ministry insists that the strikes hit only military targets.",
])
def test_insisting_that_something_is_so_demands_nothing(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "REQUEST" for e in d.events), described(d)


def test_insisting_that_someone_act_is_still_a_request() -> None:
    d = analyze("The opposition insisted that the prime minister resign.")
    assert [e.type for e in d.events] == ["REQUEST"], described(d)


@pytest.mark.parametrize("sentence", [
    "Blakely said the amendment should be passed because it is a safety issue.",
    "The outdated machines should be replaced, the report said.",
    "The old bridge must be closed, engineers said.",
])
def test_advice_about_a_thing_asks_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "The case was turned over to Detective Carlow, who spoke with the family.",
    "Detectives have released an evo-fit of a man they would like to trace.",
    "The judge said Etcheber must surrender his passport.",
])
def test_giving_up_a_thing_is_no_retreat(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "RETREAT" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The rebels surrendered their weapons to the army.",
    "Hamas declared a ceasefire on Sunday.",
    "The rebels handed over two prisoners to the Red Cross.",
])
def test_giving_up_arms_people_or_a_fight_is_still_a_retreat(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["RETREAT"], described(d)


@pytest.mark.parametrize("sentence", [
    "City Council unanimously approved a motion to engage the services of Thomas Dority.",
    "The city council approved the budget on Monday.",
    "Lawmakers rejected the bill by a vote of 52-48.",
])
def test_a_body_voting_on_a_measure_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


def test_a_parliament_ratifying_a_treaty_with_a_state_still_agrees() -> None:
    d = analyze("The parliament ratified the peace treaty with Jordan.")
    assert [e.type for e in d.events] == ["AGREE"], described(d)


# --- reading audit 19: local and health news ----------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The body of a missing hiker was found dead near the lake.",
    "The prisoner died in custody on Tuesday.",
    "An Iraqi national was found dead in the town of Maameltein.",
])
def test_a_death_is_no_attack(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ASSAULT" for e in d.events), described(d)


def test_a_killing_by_armed_men_is_still_an_attack() -> None:
    d = analyze("Rebels killed three soldiers, and their bodies were found dead in a ditch.")
    assert [e.type for e in d.events] == ["ASSAULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "Juries acquitted two men accused of sexual conduct.",
    "A jury acquitted the former minister of corruption.",
    "The court acquitted two activists of sedition.",
])
def test_an_acquittal_concedes_nothing(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "CONCEDE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "No less than six ministers took part in the celebratory procession.",
    "Hundreds of officials joined the parade through the capital.",
    "The mayor took part in the memorial ceremony.",
])
def test_taking_part_in_a_festivity_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Governor Sebelius signed a declaration of disaster emergency for 62 counties after the storm.",
    "The governor signed a disaster declaration after the floods.",
    "The president declared a state of emergency in three provinces after the earthquake.",
])
def test_an_emergency_declared_over_a_disaster_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Health authorities warned residents to boil their water.",
    "Police warned drivers to stay off the roads.",
    "Officials warned consumers not to eat the recalled lettuce.",
])
def test_a_warning_to_the_public_is_advice_not_a_threat(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "THREATEN" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Delegates also passed a motion to cut off debate.",
    "The board approved the school budget on Tuesday.",
    "Councillors backed the plan to build 6,000 homes.",
])
def test_delegates_or_a_board_voting_on_a_measure_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("text", [
    "Man accused of threatening tax worker. The man, 45, appeared in court on Monday.",
    "Huntsville man taken into custody after standoff. Officers surrounded the house for six hours.",
    "Teen arrested for threatening school. The boy, 16, was released to his parents.",
])
def test_a_headline_participle_is_undergone_by_its_subject(text: str) -> None:
    d = analyze(text)
    for event in d.events:
        assert not names(d, event.actors) & {"Man", "Huntsville man", "Teen", "man"}, described(d)


@pytest.mark.parametrize("sentence", [
    "An emergency mission is investigating whether the strain of the virus poses a threat to humans.",
    "Officials are investigating whether the virus spread from pigs to humans.",
    "Police are looking into whether the fire was set deliberately.",
])
def test_investigating_whether_accuses_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ACCUSE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The FDA has issued a warning on cantaloupes from a Honduran company.",
    "Regulators issued a warning about counterfeit pills sold online.",
    "The agency published an alert on contaminated baby formula.",
])
def test_a_warning_about_a_thing_threatens_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "THREATEN" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Moscow warned Kyiv against joining NATO.",
    "On Monday, Russia warned Ukraine against joining NATO.",
    "And, on October 13, Israel warned people in northern Gaza to move south or risk being targeted.",
])
def test_a_warning_to_a_state_against_an_act_is_still_a_threat(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["THREATEN"], described(d)


@pytest.mark.parametrize("sentence", [
    "Officials in Dallas County have declared a public health emergency.",
    "The governor declared a public health emergency over the HIV outbreak.",
    "The city declared a health emergency as cases of measles rose.",
])
def test_a_public_health_emergency_is_no_coercion(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "COERCE" for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Doctors are currently investigating some Calgary residents who could be infected.",
    "Hospital doctors investigated two patients with unusual symptoms.",
    "Researchers are investigating children who fell ill after the trip.",
])
def test_doctors_and_scholars_investigating_people_accuse_no_one(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type != "ACCUSE" for e in d.events), described(d)


@pytest.mark.parametrize("text", [
    "Springfield man shot twice in attempted robbery. Police are looking for two suspects.",
    "Teenager stabbed outside nightclub. The boy, 17, is in a stable condition.",
    "Shopkeeper beaten during break-in. The thieves took cash and cigarettes.",
])
def test_a_headline_victim_is_no_doer(text: str) -> None:
    d = analyze(text)
    victims = {"Springfield man", "Teenager", "Shopkeeper"}
    assert not any(names(d, e.actors) & victims for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Israel warned people in northern Gaza to move south or risk being targeted as militants.",
    "The army warned villagers to leave before the offensive.",
    "The rebels warned residents of the town to stay indoors or be shot.",
])
def test_a_state_or_an_army_warning_people_still_threatens(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["THREATEN"], described(d)


@pytest.mark.parametrize("sentence", [
    "The rebels warned residents of the town to stay indoors or be shot.",
    "Police told the protesters to leave or be arrested.",
    "The junta ordered the journalists to stop reporting or be jailed.",
])
def test_the_price_held_out_for_refusing_is_no_act(sentence: str) -> None:
    d = analyze(sentence)
    assert all(e.type not in ("ASSAULT", "COERCE") for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "The government denies the allegations.",
    "The rebels rejected the accusations of torture.",
    "He has strongly denied any politics behind the arrest.",
])
def test_denying_an_accusation_is_a_statement(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Smith will stand trial in Virginia.",
    "The former minister will stand trial next month.",
    "Eberhart is not fit to stand trial, his lawyer said.",
])
def test_standing_trial_is_undergone_not_done(sentence: str) -> None:
    d = analyze(sentence)
    assert not any(e.actors for e in d.events), described(d)


@pytest.mark.parametrize("sentence", [
    "Police said Baskerville and another man, 19-year-old Lutchman Chandler, abducted Bosworth.",
    "Officials said two gunmen, both in their twenties, attacked the convoy.",
    "The army said Smith and a second man, a former soldier, kidnapped the engineer.",
])
def test_who_reports_an_act_does_not_do_it(sentence: str) -> None:
    d = analyze(sentence)
    assert not any(names(d, e.actors) & {"Police", "Officials", "army"} for e in d.events), described(d)


def test_releases_of_funds_free_no_one() -> None:
    d = analyze("Each week the administration announces new formulas and new releases of funds.")
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence", [
    "Protesters visit homes of AIG executives.",
    "Demonstrators visited the offices of the oil company on Monday.",
    "Activists visited the home of the mining company's chairman to protest the evictions.",
])
def test_protesters_at_someone_s_door_protest(sentence: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == ["PROTEST"], described(d)


def test_activists_visiting_a_person_still_consult() -> None:
    d = analyze("Activists visited the jailed dissident in prison.")
    assert [e.type for e in d.events] == ["CONSULT"], described(d)


@pytest.mark.parametrize("sentence", [
    "Muralitharan has been appointed non-cabinet minister.",
    "Medvedev dismissed four governors in February.",
    "The president sacked the defence minister on Friday.",
])
def test_appointing_or_removing_officials_is_no_event(sentence: str) -> None:
    d = analyze(sentence)
    assert not d.events, described(d)


@pytest.mark.parametrize("sentence, kind", [
    ("The army fired two rockets at the town.", "ASSAULT"),
    ("Israel dismissed the proposal as a stunt.", "ACCUSE"),
])
def test_firing_weapons_or_dismissing_a_proposal_still_codes(sentence: str, kind: str) -> None:
    d = analyze(sentence)
    assert [e.type for e in d.events] == [kind], described(d)
