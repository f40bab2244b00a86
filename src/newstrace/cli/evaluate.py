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
