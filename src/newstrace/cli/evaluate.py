"""`newstrace eval TASK --data DIR`: the project's scorers on the evaluation data.

Each command calls one library scorer (newstrace.evaluate.*) and prints its report
as a table, or as JSON with --json.
"""

from __future__ import annotations

import json
import os

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


def _fmt(value: float) -> str:
    return f"{value:.3f}"


@eval_app.command("extraction")
def extraction(data: str = DataOption, limit: int = LimitOption, workers: int = WorkersOption,
               as_json: bool = JsonOption) -> None:
    """Body P/R/F1/accuracy and title/author/date accuracy, beside plain trafilatura."""
    from ..evaluate.extraction import FIELDS, evaluate_extraction

    try:
        report = evaluate_extraction(data, limit=limit, workers=workers)
    except NewstraceError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
        return
    table = Table(title=f"Extraction, {report.pages} pages", header_style="bold")
    for column in ("system", "P", "R", "F1", "accuracy", *FIELDS, "failures", "seconds"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, score in report.systems.items():
        table.add_row(
            name, _fmt(score.precision), _fmt(score.recall), _fmt(score.f1), _fmt(score.accuracy),
            *(_fmt(score.meta_accuracy(f)) for f in FIELDS), str(score.failures),
            f"{score.seconds:.1f}",
        )
    Console(width=max(Console().width, 120)).print(table)


@eval_app.command("ner")
def ner(data: str = DataOption, limit: int = LimitOption, workers: int = WorkersOption,
        as_json: bool = JsonOption) -> None:
    """Strict entity-level P/R/F1 on CoNLL-2003 dev, beside the bare spaCy model."""
    from ..evaluate.ner import TYPES, evaluate_ner

    try:
        report = evaluate_ner(data, limit=limit, workers=workers)
    except NewstraceError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
        return
    console = Console(width=max(Console().width, 120))
    table = Table(title=f"Named entities, {report.documents} documents, "
                        f"{report.gold_entities} gold entities", header_style="bold")
    for column in ("system", "P", "R", "F1", *(f"{t} F1" for t in TYPES), "zero-entity docs",
                   "non-English docs", "failures", "seconds"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, score in report.systems.items():
        table.add_row(
            name, _fmt(score.precision), _fmt(score.recall), _fmt(score.f1),
            *(_fmt(score.per_type[t].f1) for t in TYPES), str(score.zero_entity_docs),
            str(score.non_english_docs), str(score.failures), f"{score.seconds:.1f}",
        )
    console.print(table)
    by_type = Table(title="Per type", header_style="bold")
    for column in ("type", "system", "P", "R", "F1", "tp", "fp", "fn"):
        by_type.add_column(column, justify="left" if column in ("type", "system") else "right")
    for kind in TYPES:
        for name, score in report.systems.items():
            prf = score.per_type[kind]
            by_type.add_row(kind, name, _fmt(prf.precision), _fmt(prf.recall), _fmt(prf.f1),
                            str(prf.tp), str(prf.fp), str(prf.fn))
    console.print(by_type)
