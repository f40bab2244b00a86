"""Whole-page scraped text (issue 18): the furniture around the article (menus, teasers,
footers) leaves the body as `boilerplate`; clean text and short notes are left alone."""

from __future__ import annotations

import pytest

import newstrace

MENU_EN = ["* Home", "* News", "* Sport", "* Business", "* Culture", "* Weather", "* Podcasts"]
TEASERS_EN = ["More stories", "* Council delays vote on new stadium", "* Five things to do this weekend",
              "* Storm warning for the coast", "* Local team wins cup final",
              "© 2024 The Harbour Times. All rights reserved.", "Privacy | Terms | Contact us"]
ARTICLE_EN = [
    "Ferry service to the islands resumes after storm",
    "The ferry service between the port and the three outer islands resumed on Monday after a "
    "week-long suspension caused by the storm, the operator said in a statement.",
    "Hundreds of passengers who had been waiting in the town since last Tuesday boarded the first "
    "crossing at seven in the morning, and extra sailings have been added for the rest of the week.",
    "The operator said that the damage to the pier at the northern island had been repaired faster "
    "than expected, and that it would review its plans for storms with the islands' councils.",
    "Passengers were told to book in advance.",
]

MENU_DE = ["Startseite", "Rezepte", "Über mich", "Kontakt", "Impressum", "Datenschutz"]
TEASERS_DE = ["Beliebte Beiträge", "* Schneller Apfelkuchen", "* Kürbissuppe mit Ingwer",
              "* Brot backen für Anfänger", "* Weihnachtsplätzchen", "Kommentar schreiben"]
ARTICLE_DE = [
    "Mandelplätzchen wie bei Oma",
    "Diese Plätzchen backe ich jedes Jahr im Dezember, weil sie so einfach sind und trotzdem "
    "immer gelingen, auch wenn man nicht viel Zeit in der Küche verbringen möchte.",
    "Die Mandeln werden zuerst geröstet, damit sie ihr Aroma entfalten, und dann mit dem Zucker "
    "und der Butter zu einem glatten Teig verarbeitet, der eine Stunde ruhen sollte.",
    "Danach werden die Kugeln auf das Blech gesetzt und bei mittlerer Hitze etwa zwölf Minuten "
    "gebacken, bis sie an den Rändern leicht braun sind und herrlich duften.",
]

MENU_ES = ["Inicio", "Nacional", "Internacional", "Deportes", "Economía", "Opinión"]
TEASERS_ES = ["También te puede interesar", "* Suben los precios del combustible",
              "* El Congreso aprueba la reforma", "* Lluvias afectan a tres departamentos",
              "* Nuevo récord de exportaciones", "Síguenos en redes sociales"]
ARTICLE_ES = [
    "El puerto reabre tras el temporal",
    "El puerto de la ciudad reabrió el lunes después de una semana cerrado por el temporal, "
    "informó la autoridad portuaria en un comunicado difundido por la mañana.",
    "Los barcos que esperaban frente a la costa comenzaron a descargar sus mercancías de "
    "inmediato, y las autoridades prevén que la actividad se normalice durante la semana.",
    "Los daños en los muelles fueron menores de lo que se temía, según los técnicos que "
    "revisaron las instalaciones durante el fin de semana con la ayuda de la marina.",
]

PAGES = [(MENU_EN, ARTICLE_EN, TEASERS_EN), (MENU_DE, ARTICLE_DE, TEASERS_DE),
         (MENU_ES, ARTICLE_ES, TEASERS_ES)]


def whole_page(menu: list[str], article: list[str], teasers: list[str]) -> str:
    """A page as a naive scraper keeps it: one line per element."""
    return "\n".join([*menu, *article, *teasers]) + "\n"


@pytest.mark.parametrize("menu,article,teasers", PAGES, ids=["en", "de", "es"])
def test_the_furniture_of_a_whole_page_leaves_the_body(menu, article, teasers) -> None:
    page = whole_page(menu, article, teasers)
    dossier = newstrace.analyze(page, content_type="text")
    for paragraph in article[1:]:
        assert paragraph in dossier.text
    for line in [*menu, *teasers]:
        assert line not in dossier.text.split("\n\n"), line
    assert "boilerplate" in {r.kind for r in dossier.removed}
    assert all(r.text in page for r in dossier.removed)        # nothing removed is invented


def test_a_list_the_text_introduces_stays() -> None:
    items = ["* Protected lanes on Main Street", "* A new bridge over the river",
             "* Bike parking at every school", "* Lower speed limits near parks",
             "* A cycling office at the town hall", "* Free repairs on Saturdays"]
    text = "\n\n".join([ARTICLE_EN[1], "The plan includes:", *items, ARTICLE_EN[2], ARTICLE_EN[3]])
    dossier = newstrace.analyze(text, content_type="text")
    assert [r for r in dossier.removed if r.kind == "boilerplate"] == []
    assert all(item in dossier.text for item in items)


@pytest.mark.parametrize("text", [
    "\n".join(MENU_EN + ["Ferry resumes.", "The ferry service resumed on Monday."]),   # a short note
    "\n".join(["* Home", "* News", "* Sport", "* Contact"] * 12),                     # no prose at all
    "\n\n".join(ARTICLE_EN),                                                             # clean text
])
def test_text_without_furniture_beside_prose_is_left_alone(text: str) -> None:
    dossier = newstrace.analyze(text, content_type="text")
    assert [r for r in dossier.removed if r.kind == "boilerplate"] == []


def test_html_and_plain_inputs_are_not_touched() -> None:
    page = whole_page(MENU_EN, ARTICLE_EN, TEASERS_EN)
    plain = newstrace.analyze(page, content_type="plain")
    assert plain.text == page and plain.removed == []
    html = "<html><body><nav><ul>" + "".join(f"<li>{m[2:]}</li>" for m in MENU_EN) + "</ul></nav>" + \
        "".join(f"<p>{p}</p>" for p in ARTICLE_EN[1:]) + "</body></html>"
    assert "boilerplate" not in {r.kind for r in newstrace.analyze(html, content_type="html").removed}


def test_the_whole_page_scorer_on_pages_of_our_own(tmp_path) -> None:
    """`newstrace eval extraction --whole-page` on a folder shaped like the task's: each
    page's whole text read in the text mode, beside keeping everything, by half."""
    import gzip
    import json

    from newstrace.evaluate.extraction import evaluate_extraction

    (tmp_path / "html").mkdir()
    entries = {}
    for number, (menu, article, teasers) in enumerate(PAGES):
        html = ("<html><body><ul>" + "".join(f"<li>{m.lstrip('* ')}</li>" for m in menu) + "</ul>"
                + f"<h1>{article[0]}</h1>" + "".join(f"<p>{p}</p>" for p in article[1:])
                + "<ul>" + "".join(f"<li>{t.lstrip('* ')}</li>" for t in teasers) + "</ul></body></html>")
        name = f"page{number}.html"
        (tmp_path / "html" / f"{name}.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        entries[f"https://example.org/{number}"] = {
            "file": name, "with": [article[1][:60], article[-1][-50:]],
            "without": [teasers[1].lstrip("* "), teasers[-1]]}
    with gzip.open(tmp_path / "evaldata.json.gz", "wt", encoding="utf-8") as handle:
        json.dump(entries, handle)
    report = evaluate_extraction(tmp_path, whole_page=True)
    ours, everything = report.systems["newstrace"], report.systems["keep-everything"]
    assert report.pages == 3 and set(report.folds) == {"A", "B"}
    assert everything.recall == 1.0 and everything.precision == 0.5
    assert ours.recall == 1.0 and ours.precision == 1.0
    assert report.folds["A"]["newstrace"].tp + report.folds["B"]["newstrace"].tp == ours.tp


@pytest.mark.parametrize("menu,article,teasers", PAGES, ids=["en", "de", "es"])
def test_the_headline_above_the_body_is_the_title_not_a_menu_item(menu, article, teasers) -> None:
    dossier = newstrace.analyze(whole_page(menu, article, teasers), content_type="text")
    assert dossier.metadata.title == article[0]
    assert dossier.text.startswith(article[0] + "\n\n" + article[1])


@pytest.mark.parametrize("menu,article,teasers,url", [
    (MENU_EN, ARTICLE_EN, TEASERS_EN, "https://harbour.example/2024/05/ferry-service-islands-resumes-after-storm"),
    (MENU_DE, ARTICLE_DE, TEASERS_DE, "https://backen.example/rezept/mandelplaetzchen-wie-bei-oma/"),
    (MENU_ES, ARTICLE_ES, TEASERS_ES, "https://diario.example/nacional/el-puerto-reabre-tras-el-temporal.html"),
], ids=["en", "de", "es"])
def test_the_headline_the_url_spells_is_the_title_among_title_like_lines(menu, article, teasers, url) -> None:
    # teaser headlines right above the article: the nearest title-like line is a teaser,
    # the URL's path names the headline. (The short lines between a headline and the
    # body may stay: on the dev pages they are more often a standfirst's points than
    # teasers.)
    lead = [line.lstrip("* ") for line in teasers[1:4]]
    page = "\n".join([*menu, article[0], *lead, *article[1:], *teasers]) + "\n"
    dossier = newstrace.analyze(page, content_type="text", url=url)
    assert dossier.metadata.title == article[0]
    assert dossier.metadata.subtitle not in lead


CAPTIONS = {"en": ["Photo: Harbour Times", "The pier on Monday", "Share", "Tweet"],
            "de": ["Foto: privat", "Die Mandeln", "Teilen", "Drucken"],
            "es": ["Foto: archivo", "El muelle el lunes", "Compartir", "Imprimir"]}
TEASER_LINES = {
    "en": "Read all of our coverage of the storm season and the islands in our special report here",
    "de": "Hier finden Sie alle unsere Rezepte für die Weihnachtszeit und noch viele mehr von Oma",
    "es": "Aquí puedes leer toda nuestra cobertura del temporal y de la situación en el puerto hoy",
}


@pytest.mark.parametrize("menu,article,teasers,lang",
                         [(*page, lang) for page, lang in zip(PAGES, ["en", "de", "es"])], ids=["en", "de", "es"])
def test_an_opening_paragraph_above_a_picture_stays(menu, article, teasers, lang) -> None:
    # the first paragraph set apart from the rest by a picture's caption and share
    # buttons, and a long line that ends no sentence in the middle of the article (on
    # the dev pages such lines are more often the article's, a heading or a caption,
    # than a teaser): the article stays whole, the menu and the teasers after it go
    body = [article[1], *CAPTIONS[lang], article[2], TEASER_LINES[lang], *article[3:]]
    page = "\n".join([*menu, article[0], *body, *teasers]) + "\n"
    paragraphs = newstrace.analyze(page, content_type="text").text.split("\n\n")
    assert all(paragraph in paragraphs for paragraph in article[1:])
    assert not set(paragraphs) & {*menu, *teasers}


# -- furniture kept as data (boilerplate.toml), for both modes ------------------------------

@pytest.mark.parametrize("line", [
    "Lea también: Impiden ingreso al país a un reportero",          # es
    "LE PUEDE INTERESAR: La ficha del expresidente en Nueva York",
    "Lesen Sie auch: Neue Regeln für Windparks auf See",             # de
    "Zum Weiterlesen:",
    "Weitere Artikel zum Thema",
    "À lire aussi : la réforme des retraites au Sénat",              # fr
    "Leia também: Governo anuncia novo pacote",                      # pt
    "Czytaj też: Sejm przyjął ustawę",                               # pl
    "Most Popular Today",                                            # widget headings
    "Also on rt.com",
])
def test_teaser_leads_and_widget_headings_are_navigation(line: str) -> None:
    from newstrace.text.lines import match_navigation

    assert match_navigation(line) is not None and match_navigation(line)[0] == "related"


@pytest.mark.parametrize("line", [
    "Main image credit: Getty", "Crédits photos : Bestimage", "Quelle: Landesregierung",
    "Fuente: Ministerio de Salud", "Keine Kommentare", "Deine E-Mail-Adresse wird nicht veröffentlicht.",
    "Your email address will not be published.", "Teilen mit:", "powered by Microsoft News",
    "AccuWeather.com Quick Look",
])
def test_credits_comment_forms_and_widgets_are_furniture(line: str) -> None:
    from newstrace.text.lines import is_furniture

    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Leamos juntos el informe del banco central, dijo el ministro.",
    "Mehr zum Thema Energie steht im Bericht, den die Regierung am Montag vorlegte.",
    "Kommentare sind wichtig für die Demokratie, sagte er.",
    "Lesen Sie die Erklärung, forderte die Opposition am Dienstag.",
    "Quelle der Daten ist das Statistische Bundesamt, das die Zahlen am Montag veröffentlichte.",
    "Most popular among young voters was the plan to cut rail fares, the poll found.",
    # a call to "find out more" is promotion; a sentence saying someone will is not
    "Officials said they would learn more about the cause of the fire next week.",
    "Die Ermittler wollen mehr erfahren, bevor sie die Anklage erheben.",
    "Scientists hope to find out more about the virus this year.",
    # speech in guillemets opens like a "« previous" link and ends like a "next »" one
    "«Fue la peor semana del año», dijo un estibador.",
    "«C’était la pire semaine», a dit un docker du port.",
    "Er sagte danach nur: ‹Nie wieder so ein Sturm›",
])
def test_sentences_that_start_alike_stay(line: str) -> None:
    from newstrace.text.lines import is_furniture, is_promo, match_navigation

    assert match_navigation(line) is None and not is_furniture(line) and not is_promo(line)
    text = "\n\n".join([ARTICLE_EN[1], line, ARTICLE_EN[2]])
    assert line in newstrace.analyze(text, content_type="text").text


@pytest.mark.parametrize("crumbs,headline,url", [
    (["Presse", "Pressemitteilungen"], "Mandelplätzchen wie bei Oma: das Rezept des Jahres",
     "https://backen.example/presse/mandelplaetzchen-wie-bei-oma-rezept"),
    (["Home", "News", "Local"], "Ferry service to the islands resumes after storm",
     "https://harbour.example/news/ferry-service-islands-resumes-after-storm"),
    (["Inicio", "Nacional"], "El puerto reabre tras el temporal de la semana pasada",
     "https://diario.example/nacional/el-puerto-reabre-tras-el-temporal"),
])
def test_a_breadcrumb_ending_in_the_headline_is_not_the_title(crumbs, headline, url) -> None:
    # a scraper prints an ordered breadcrumb as "1. Home", "2. News", "3. <headline>"
    trail = [f"{n}. {c}" for n, c in enumerate([*crumbs, headline], 1)]
    menu, article, teasers = PAGES[0]
    page = "\n".join([*menu, *trail, headline, *article[1:], *teasers]) + "\n"
    dossier = newstrace.analyze(page, content_type="text", url=url)
    assert dossier.metadata.title == headline
    assert trail[-1] not in dossier.text.split("\n\n")


def test_a_numbered_headline_alone_is_a_headline() -> None:
    from newstrace.stages.boilerplate import numbered_items
    from newstrace.text.blocks import Block

    blocks = [Block("Home"), Block("3. Liga: Dynamo gewinnt in Halle"), Block("Dresden feiert.")]
    assert numbered_items(blocks) == set()
    assert numbered_items([Block("1. Presse"), Block("2. Meldungen"), Block("Text.")]) == {0, 1}
