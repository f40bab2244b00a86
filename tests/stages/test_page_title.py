"""Title and standfirst from HTML markup (issue 18): the URL's words pick the headline
when the h1 is the site's name, a section or a widget; a standfirst is never a widget's
text, a caption, a topic label or a date line."""

from __future__ import annotations

import pytest

import newstrace
from newstrace.nlp.slug import slug_agreement, slug_words
from newstrace.stages.html_metadata import choose_title

BODY = "<p>" + "The council said on Monday that the plan would be reviewed next year, officials said. " * 8 + "</p>"


def page(h1: str, og: str, extra: str = "") -> str:
    return (f"<html><head><meta property='og:title' content='{og}'></head><body>"
            f"<h1>{h1}</h1>{extra}<article>{BODY}</article></body></html>")


@pytest.mark.parametrize("h1,og,url", [
    ("Literaturgefluester", "Ins neue Jahr", "https://literaturgefluester.example/2019/01/01/ins-neue-jahr/"),
    ("KXAN Daily Forecast Newsletter", "Voters pass increase for retired public education workers",
     "https://www.kxan.example/news/voters-pass-increase-for-retired-public-education-workers/"),
    ("Medienmitteilungen", "Impfen und Boostern ist bis Ende Februar noch überall möglich",
     "https://www.kanton.example/medien/impfen-und-boostern-ist-bis-ende-februar-noch-ueberall-moeglich"),
])
def test_an_h1_the_url_does_not_spell_gives_way(h1: str, og: str, url: str) -> None:
    assert newstrace.analyze(page(h1, og), content_type="html", url=url).metadata.title == og


@pytest.mark.parametrize("h1,og,url", [
    # two wordings of one headline: the visible one stays
    ("Kaeser verarscht Neubauer", "Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer",
     "https://www.zeitung.example/siemens-kohlemine-adani-kaeser-neubauer"),
    ("Bergisch Gladbach: die Stadt verklagt die Baufirma",
     "Pflaster-Desaster: Fußgängerzone in schlechtem Zustand",
     "https://www.rundschau.example/region/pflaster-desaster-stadt-verklagt-baufirma-123"),
    # a URL with no words says nothing
    ("Harbour deal signed", "Ports: a deal", "https://news.example/a/12345"),
])
def test_the_visible_headline_stays(h1: str, og: str, url: str) -> None:
    assert newstrace.analyze(page(h1, og), content_type="html", url=url).metadata.title == h1


def test_slug_words_fold_and_drop_furniture() -> None:
    slug = slug_words("https://www.x.example/news/2022/was-wir-ueber-uns-nicht-hoeren-wollen.html")
    assert slug == {"was", "wir", "ueber", "uns", "nicht", "hoeren", "wollen"}
    assert slug_agreement("Was wir über uns nicht hören wollen", slug) == 1.0
    assert choose_title(["Site", "Was wir über uns nicht hören wollen"], slug) == \
        "Was wir über uns nicht hören wollen"


@pytest.mark.parametrize("extra", [
    # an app's promotion under its own "dek"
    "<div class='promo-feature'><p class='dek'>Watch Lakeside News anytime, anywhere with our "
    "digital news network, live or on demand for free.</p></div>",
    # a picture's caption
    "<div class='image-subtitle'>Irme Stetter-Karp speaks at the assembly in Berlin today</div>",
    # a topic label
    "<p class='subtitle'>Pflege</p>",
    # a date line
    "<p class='subtitle'>Handball Schweiz • 02.02.2022</p>",
    # a sidebar widget
    "<aside><p class='subtitle'>Most popular stories of the week on our site today</p></aside>",
])
def test_no_widget_caption_label_or_date_is_a_subtitle(extra: str) -> None:
    d = newstrace.analyze(page("Council reviews plan", "Council reviews plan", extra), content_type="html")
    assert d.metadata.subtitle is None


def test_a_standfirst_is_the_subtitle() -> None:
    extra = "<p class='dek'>The plan, three years in the making, goes back to the council.</p>"
    d = newstrace.analyze(page("Council reviews plan", "Council reviews plan", extra), content_type="html")
    assert d.metadata.subtitle == "The plan, three years in the making, goes back to the council."


@pytest.mark.parametrize("extra,standfirst", [
    ("<p class='ts-intro'>Damit Mitarbeiter gesund bleiben, müssen sich Unternehmen einiges einfallen lassen.</p>",
     "Damit Mitarbeiter gesund bleiben, müssen sich Unternehmen einiges einfallen lassen."),
    ("<h2 class='article-subhead'>The long-dominant ideology brought us forever wars and extreme inequality.</h2>",
     "The long-dominant ideology brought us forever wars and extreme inequality."),
    ("<div class='lede'>Le conseil a voté mardi un plan qui change la ville pour dix ans.</div>",
     "Le conseil a voté mardi un plan qui change la ville pour dix ans."),
])
def test_a_standfirst_beside_the_headline_is_found_by_its_place(extra: str, standfirst: str) -> None:
    html = (f"<html><body><header><h1>Council reviews plan</h1>{extra}</header>"
            f"<article>{BODY}</article></body></html>")
    d = newstrace.analyze(html, content_type="html")
    assert d.metadata.subtitle == standfirst
    assert d.text.split("\n\n")[1] == standfirst


@pytest.mark.parametrize("extra", [
    "<p class='intro'>Newsletter abonnieren und keine Nachricht mehr verpassen, jeden Tag neu!</p>",
    "<div class='teaser'><p>Lesen Sie auch:</p><ul><li>Another story</li><li>And one more</li></ul></div>",
    "<p class='intro'>By Ela on 31. October, 2023 | 18 Comments. This post may contain affiliate links.</p>",
    "<p class='summary'>Council reviews plan</p>",
    # a teaser box's call to follow a link
    "<div class='cms_teaser'><div class='cms_teaser_content'>Erfahren Sie <a href='/x'>hier</a> "
    "mehr über die Geschichte der Stadt und ihrer Kinos.</div></div>",
    "<div class='teaser'>Find out more about the history of the town and its cinemas <a href='/x'>here</a>.</div>",
    "<p class='intro'>En savoir plus sur l'histoire de la ville et de ses cinémas.</p>",
])
def test_what_sits_beside_the_headline_and_is_no_standfirst(extra: str) -> None:
    html = (f"<html><body><header><h1>Council reviews plan</h1>{extra}</header>"
            f"<article>{BODY}</article></body></html>")
    assert newstrace.analyze(html, content_type="html").metadata.subtitle is None


def test_a_commenter_in_the_sidebar_is_no_author() -> None:
    html = ("<html><body><article><h1>Interning of small integers</h1>" + BODY + "</article>"
            "<aside class='widget'><h3>Recent Comments</h3><a rel='author' href='/u/1'>Flappy Bird</a>"
            "</aside></body></html>")
    assert newstrace.analyze(html, content_type="html").metadata.authors == []


def test_an_opening_paragraph_in_the_summary_box_beside_the_headline_stays_in_the_text() -> None:
    # a news site's lead paragraph kept apart from the body's container, which trafilatura
    # reads alone: the opening must not be lost
    opening = "Moscow has accused Western states of prolonging the conflict, the foreign ministry said on Friday."
    html = ("<html><body><div class='article'><h1 class='article__heading'>Moscow accuses West</h1>"
            f"<div class='article__summary summary'>{opening}</div>"
            f"<div class='article__text'>{BODY}</div></div></body></html>")
    dossier = newstrace.analyze(html, content_type="html")
    assert opening in dossier.text.split("\n\n")


@pytest.mark.parametrize("h1,title", [
    ("<a href='/local'>Local News</a> |\n <span>Brothel catering to politicians busted in Boston</span>",
     "Brothel catering to politicians busted in Boston"),
    ("<span>Corona-Pandemie</span>\n - \n<span>„Es kommt auch darauf an, wie die Menschen sterben“</span>",
     "„Es kommt auch darauf an, wie die Menschen sterben“"),
    ("<span class='kicker'>1. Februar 2022</span>\n<span>Bundesministerin Raab besucht Linz</span>",
     "Bundesministerin Raab besucht Linz"),
    # a kicker marked up inside the h1
    ("<span class='kicker'>Tunesien</span> Große Aufgaben für die neue Regierung",
     "Große Aufgaben für die neue Regierung"),
    ("<span class='article-dachzeile'>Klimaschutz:</span> <span>Bohren, bis es heiß wird</span>",
     "Bohren, bis es heiß wird"),
    ("<div class='headline__overline'>Harbour</div><div>Ferry service resumes after the storm</div>",
     "Ferry service resumes after the storm"),
])
def test_a_kicker_in_the_h1_is_no_part_of_the_title(h1: str, title: str) -> None:
    # on a line of its own, or marked as one
    html = f"<html><body><article><h1>{h1}</h1>{BODY}</article></body></html>"
    assert newstrace.analyze(html, content_type="html").metadata.title == title


@pytest.mark.parametrize("declared,title", [
    ("Ein Quantensprung für Nordhausen Nord : 06.11.2023, 11.41 Uhr", "Ein Quantensprung für Nordhausen Nord"),
    ("So viel Regen gab es lange nicht | 31.10.2023", "So viel Regen gab es lange nicht"),
    ("Harbour deal signed - 4 May 2024", "Harbour deal signed"),
])
def test_a_date_after_the_declared_title_is_no_part_of_it(declared: str, title: str) -> None:
    html = f"<html><head><title>{declared}</title></head><body><article>{BODY}</article></body></html>"
    assert newstrace.analyze(html, content_type="html").metadata.title == title
