"""`newstrace eval TASK --data DIR`: the project's scorers on the evaluation data.

Each command calls one library scorer (newstrace.evaluate.*) and prints its report
as a table, or as JSON with --json.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable

import typer
from rich.console import Console
from rich.table import Table

from ..errors import NewstraceError
from .app import app, fail

eval_app = typer.Typer(help="Score newstrace on evaluation data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

DataOption = typer.Option(..., "--data", help="The task's folder, e.g. ../shared/eval/extraction.")
LimitOption = typer.Option(None, "--limit", help="Score a fixed, evenly spread sample of N items.")
WorkersOption = typer.Option(os.cpu_count() or 1, "--workers", help="Processes to use.")
JsonOption = typer.Option(False, "--json", help="Print the figures as JSON.")
FeedOption = typer.Option(None, "--feed", help="Also group ECB+ with a real crawl's pages: the "
                                              "extraction task's folder, e.g. ../shared/eval/extraction.")
FeedLimitOption = typer.Option(None, "--feed-limit", help="Use a fixed, evenly spread sample of N feed pages.")


def run_scorer(score: Callable[[], Any], as_json: bool) -> None:
    """Run a scorer; print its report as JSON, or as the tables it describes."""
    try:
        report = score()
    except NewstraceError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
        return
    console = Console(width=max(Console().width, 120))
    for data in report.tables():
        table = Table(title=data.title, header_style="bold")
        for i, column in enumerate(data.columns):
            table.add_column(column, justify="left" if not data.rows or not _numeric(data.rows, i)
                             else "right")
        for row in data.rows:
            table.add_row(*row)
        console.print(table)


def _numeric(rows: list[list[str]], column: int) -> bool:
    return all(row[column].replace(".", "", 1).replace("-", "", 1).isdigit() for row in rows)


WholePageOption = typer.Option(
    False, "--whole-page",
    help="Score the text mode on each page's whole text, as a naive scraper keeps it "
         "(inscriptis), beside keeping everything.")


@eval_app.command("extraction")
def extraction(data: str = DataOption, limit: int = LimitOption, workers: int = WorkersOption,
               whole_page: bool = WholePageOption, as_json: bool = JsonOption) -> None:
    """Body P/R/F1/accuracy and title/author/date accuracy, beside plain trafilatura; with
    --whole-page, the text mode on whole-page text, beside keeping everything."""
    from ..evaluate.extraction import evaluate_extraction

    run_scorer(lambda: evaluate_extraction(data, limit=limit, workers=workers, whole_page=whole_page),
               as_json)


@eval_app.command("ner")
def ner(data: str = DataOption, limit: int = LimitOption, workers: int = WorkersOption,
        as_json: bool = JsonOption) -> None:
    """Strict entity-level P/R/F1 on CoNLL-2003 dev, beside the bare spaCy model."""
    from ..evaluate.ner import evaluate_ner

    run_scorer(lambda: evaluate_ner(data, limit=limit, workers=workers), as_json)


@eval_app.command("quotes")
def quotes(data: str = DataOption,
           split: str = typer.Option("all", "--split", help="train, dev or all (PolNeAR's splits)."),
           limit: int = LimitOption, workers: int = WorkersOption,
           as_json: bool = JsonOption) -> None:
    """Quote/attribution content P/R/F1, source and cue accuracy on PolNeAR, all and direct."""
    from ..evaluate.quotes import evaluate_quotes

    run_scorer(lambda: evaluate_quotes(data, split=split, limit=limit, workers=workers), as_json)


@eval_app.command("geo")
def geo(data: str = DataOption,
        corpus: str = typer.Option("all", "--corpus", help="lgl, geovirus or all (both)."),
        limit: int = typer.Option(None, "--limit", help="Score a fixed sample of N articles, "
                                  "shared among the corpora in proportion to their sizes."),
        workers: int = WorkersOption, as_json: bool = JsonOption) -> None:
    """Toponym P/R/F1 and geocoding accuracy on LGL and GeoVirus, beside spaCy + name look-up."""
    from ..evaluate.geo import evaluate_geo

    run_scorer(lambda: evaluate_geo(data, corpus=corpus, limit=limit, workers=workers), as_json)


@eval_app.command("events")
def events(data: str = DataOption, limit: int = LimitOption, workers: int = WorkersOption,
           as_json: bool = JsonOption) -> None:
    """Event type accuracy, macro-F1, actor and triple accuracy on the PLOVER gold records."""
    from ..evaluate.events import evaluate_events

    run_scorer(lambda: evaluate_events(data, limit=limit, workers=workers), as_json)


@eval_app.command("samestory")
def samestory(data: str = DataOption, limit: int = LimitOption, workers: int = WorkersOption,
              as_json: bool = JsonOption,
              feed: str = FeedOption, feed_limit: int = FeedLimitOption) -> None:
    """Same-story grouping on ECB+ DEV: pairwise and B-cubed P/R/F1, false merges, beside TF-IDF."""
    from ..evaluate.samestory import evaluate_samestory

    run_scorer(lambda: evaluate_samestory(data, limit=limit, workers=workers, feed=feed,
                                          feed_limit=feed_limit), as_json)
