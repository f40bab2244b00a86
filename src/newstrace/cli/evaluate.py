"""`newstrace eval TASK --data DIR`: the project's scorers on the evaluation data."""

from __future__ import annotations

import typer

from .app import app

eval_app = typer.Typer(help="Score newstrace on evaluation data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
