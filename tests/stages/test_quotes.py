"""Who said it, and how sure: quotes, speakers, attributions, chains, factuality."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.dossier import Dossier, Quote


def analyze(text: str, **kwargs) -> Dossier:
    return newstrace.analyze(text, content_type=kwargs.pop("content_type", "plain"), **kwargs)


def speaker_name(d: Dossier, quote: Quote) -> str | None:
    return next((e.name for e in d.entities if e.id == quote.speaker), None)


def only(d: Dossier, kind: str) -> Quote:
    found = [q for q in d.quotes if q.kind == kind]
    assert len(found) == 1, [(q.kind, q.span.text) for q in d.quotes]
    return found[0]


@pytest.mark.parametrize("text", [
    'Mayor Anna Keller said: "The bridge will reopen in May."',
    '"The bridge will reopen in May," Mayor Anna Keller said.',
    '“The bridge will reopen in May,” said Mayor Anna Keller.',
    '«The bridge will reopen in May», Mayor Anna Keller told reporters.',
    "‘The bridge will reopen in May,’ Mayor Anna Keller said.",
    '„The bridge will reopen in May“, said Mayor Anna Keller.',
])
def test_direct_quote_in_every_mark_style(text: str) -> None:
    d = analyze(text)
    quote = only(d, "direct")
    assert quote.span.text.rstrip(",.") == "The bridge will reopen in May"
    assert speaker_name(d, quote) == "Anna Keller"
    assert quote.cue is not None and quote.cue.text in ("said", "told")


def test_cue_in_the_middle_makes_one_quote_in_two_parts() -> None:
    d = analyze('"We are ready," the coach Marco Silva said, "and we will not change the team."')
    quote = only(d, "direct")
    assert [p.text for p in quote.parts] == ["We are ready,", "and we will not change the team."]
    assert speaker_name(d, quote) == "Marco Silva"


def test_pronoun_speaker_is_the_speaker_just_named() -> None:
    d = analyze('The plan is welcome, says Helen Moss, a housing expert. "Rents have doubled '
                'in ten years," she added.')
    quote = only(d, "direct")
    assert speaker_name(d, quote) == "Helen Moss"
    assert quote.speaker_span is not None and quote.speaker_span.text == "she"


def test_descriptor_speaker_is_the_person_with_that_role() -> None:
    d = analyze("Peter Hallam, the UN envoy to Yemen, arrived in Aden on Monday. "
                '"Both sides want a ceasefire," the envoy said.')
    assert speaker_name(d, only(d, "direct")) == "Peter Hallam"


def test_outlet_standing_for_itself() -> None:
    d = analyze("The Harbour Times reported the merger on Friday. The newspaper points out "
                "that the deal still needs approval from regulators.")
    (attribution,) = [a for a in d.sources.attributions if a.cue and "points out" in a.cue.text]
    assert attribution.source == "Harbour Times" or attribution.source == "The Harbour Times"
    assert attribution.kind == "outlet"


def test_partial_quote_inside_reported_speech() -> None:
    d = analyze('The proposal was "deeply flawed" and would hurt farmers, said Ruth Adeyemi, '
                "the head of the growers' association.")
    partial = only(d, "partial")
    assert partial.span.text == "deeply flawed"
    assert speaker_name(d, partial) == "Ruth Adeyemi"


def test_indirect_speech_with_speech_verb() -> None:
    d = analyze("Finance Minister Luis Ortega said the deficit would fall below three percent "
                "next year.")
    quote = only(d, "indirect")
    assert quote.span.text == "the deficit would fall below three percent next year"
    assert speaker_name(d, quote) == "Luis Ortega"


def test_refusal_to_comment_is_negated() -> None:
    d = analyze("A spokesman for the ministry declined to comment on the report.")
    (attribution,) = d.sources.attributions
    assert attribution.factuality == "negated"
    assert attribution.kind == "anonymous"


def test_names_in_quotation_marks_are_no_quotes() -> None:
    d = analyze('The story was first published by "Kathimerini", and later by the daily '
                '"Ta Nea".')
    assert d.quotes == []


def test_scare_quotes_without_a_cue_are_no_quotes() -> None:
    d = analyze('The move marks a "new normal" in the region.')
    assert [q for q in d.quotes if q.kind == "partial"] == []


def test_quote_over_two_paragraphs() -> None:
    text = ('Dr Amal Haddad said the clinic was full. "We have no beds left.\n\n'
            '"We are turning people away every night," she said.')
    d = analyze(text)
    quotes = [q for q in d.quotes if q.kind == "direct"]
    assert len(quotes) == 1
    assert len(quotes[0].parts) == 2
    assert speaker_name(d, quotes[0]) == "Amal Haddad"


def test_unresolvable_speaker_stays_null() -> None:
    d = analyze('"Nobody listens to us," he said.')
    quote = only(d, "direct")
    assert quote.speaker is None
    assert quote.speaker_span is not None and quote.speaker_span.text == "he"


@pytest.mark.parametrize("text,source,kind", [
    ("According to two officials familiar with the talks, the deal is almost done.",
     "two officials familiar with the talks", "anonymous"),
    ("The deal is almost done, according to people close to the negotiations.",
     "people close to the negotiations", "anonymous"),
    ("According to a report by the audit office, the port lost money for a decade.",
     "a report by the audit office", "document"),
    ("According to Reuters, the deal is almost done.", "Reuters", "outlet"),
    ("According to Maria Lopez, the deal is almost done.", "Maria Lopez", "named-person"),
])
def test_according_to_kinds(text: str, source: str, kind: str) -> None:
    d = analyze(text)
    (attribution,) = d.sources.attributions
    assert attribution.source == source
    assert attribution.kind == kind
    assert "according to" in attribution.cue.text.lower()
    assert "almost done" in attribution.span.text or "lost money" in attribution.span.text
    assert "ccording" not in attribution.span.text


def test_attribution_carries_over_only_where_signalled() -> None:
    d = analyze("According to diplomats in Nairobi, the rebels want a ceasefire. Also, they are "
                "asking for a prisoner exchange. The weather was hot.")
    spans = [a.span.text for a in d.sources.attributions]
    assert "they are asking for a prisoner exchange" in spans
    assert not any("weather" in s for s in spans)


def test_chain_publisher_then_relayed_outlets_in_order() -> None:
    text = ("Ferry talks resume\n\nFerry talks resume\n\nThe two governments will resume talks on "
            "a ferry link, writes the Aegean Post, citing Reuters.\n\nFollow us on Telegram "
            "with KYKLOS NEWS and never miss a story")
    d = analyze(text, content_type="text")
    assert [(c.name, c.relation) for c in d.sources.chain] == [
        ("KYKLOS NEWS", "publisher"), ("Aegean Post", "cites"), ("Reuters", "cites")]


@pytest.mark.parametrize("clause,level", [
    ("The army seized the airport on Monday.", "certain"),
    ("The army could seize the airport within days, officials said.", "possible"),
    ("The army will most likely seize the airport, officials said.", "probable"),
    # what the officials assert: a "not" or a plan inside the claim is its content
    ("The army did not seize the airport, officials said.", "certain"),
    ("The army plans to seize the airport, officials said.", "certain"),
])
def test_factuality_levels(clause: str, level: str) -> None:
    d = analyze(f"According to officials, {clause[0].lower()}{clause[1:]}")
    assert d.sources.attributions[0].factuality == level


def test_seed_quotes_and_sources(seed_text: str) -> None:
    d = newstrace.analyze(seed_text, content_type="text")
    winer = next(e.id for e in d.entities if e.name == "Jonathan Winer")
    direct = [q for q in d.quotes if q.kind == "direct"]
    assert any(q.span.text.startswith("A key strategic goal") and q.speaker == winer for q in direct)
    partial = [q for q in d.quotes if q.kind == "partial" and q.span.text == "very seriously"]
    assert len(partial) == 2 and all(q.speaker == winer for q in partial)
    anonymous = {a.source for a in d.sources.attributions if a.kind == "anonymous"}
    assert {"well-informed sources", "people close to his Libyan National Army",
            "other people familiar with the negotiations"} <= anonymous
    agency = [a for a in d.sources.attributions if a.cue and a.cue.text.endswith("points out")]
    assert agency and all(a.source == "Bloomberg" for a in agency)
    assert [c.name for c in d.sources.chain] == ["BLITZ", "Trud", "Bloomberg"]
    berthing = [a for a in d.sources.attributions if "berthing rights" in a.span.text]
    assert berthing and berthing[0].kind == "anonymous" and berthing[0].factuality != "certain"
    for span in d.spans():
        assert d.text[span.start:span.end] == span.text


@pytest.mark.parametrize("note,link", [
    ("This article first appeared in The Conversation.", ("The Conversation", "reprints")),
    ("Translated from Le Monde", ("Le Monde", "translates")),
    ("Republished with permission from Balkan Insight", ("Balkan Insight", "reprints")),
])
def test_chain_names_the_outlet_a_page_reprints_or_translates(note: str, link: tuple) -> None:
    text = ("Port strike ends\n\nPort strike ends\n\nDock workers returned to work on Monday after "
            f"a week-long strike over pay.\n\n{note}\n\nFollow us on Telegram with HARBOUR NEWS")
    d = analyze(text, content_type="text")
    assert [(c.name, c.relation) for c in d.sources.chain] == [("HARBOUR NEWS", "publisher"), link]
    assert note.rstrip(".") not in d.text


@pytest.mark.parametrize("note", ["This piece first appeared on Harbour Review.",
                                  "Republished with permission from Harbour Review"])
def test_a_reprint_note_is_not_taken_for_the_publisher(note: str) -> None:
    # With no promotion line naming the site, the note's outlet is what the page relays.
    text = ("Port strike ends\n\nDock workers returned to work on Monday after a week-long "
            f"strike over pay, the union said.\n\n{note}")
    d = analyze(text, content_type="text")
    assert d.metadata.publisher is None
    assert [(c.name, c.relation) for c in d.sources.chain] == [("Harbour Review", "reprints")]


def test_translation_note_naming_a_language_is_no_chain_link() -> None:
    text = ("Port strike ends\n\nDock workers returned to work on Monday after a strike.\n\n"
            "This article was translated from the French by Anna Berg")
    d = analyze(text, content_type="text")
    assert d.metadata.original_language == "fr"
    assert [c.relation for c in d.sources.chain] == []
