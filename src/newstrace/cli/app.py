"""The Typer application and the commands that are not in a group of their own."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..api import get_pipeline
from ..config import Options
from ..errors import NewstraceError

app = typer.Typer(
    name="newstrace",
    help="News articles into sourced, structured dossiers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def report_error(message: str) -> None:
    """One line on standard error, never wrapped: scripts grep these."""
    typer.echo(f"newstrace: error: {message}", err=True)


def fail(message: str, code: int = 2) -> None:
    report_error(message)
    raise typer.Exit(code)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


@app.command()
def stages() -> None:
    """List the pipeline's stages, with what each reads and adds."""
    try:
        pipeline = get_pipeline(Options.load())
    except NewstraceError as exc:
        fail(str(exc))
    table = Table("stage", "reads", "adds")
    for row in pipeline.describe():
        table.add_row(row["name"], ", ".join(row["reads"]), ", ".join(row["adds"]))
    Console().print(table)


def main() -> None:
    app()
