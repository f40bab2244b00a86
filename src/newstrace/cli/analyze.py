"""`newstrace analyze PATH...`: dossiers as JSON, JSON lines, or briefings (text, Markdown)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Iterator

import typer
from rich.console import Console

from ..api import analyze as analyze_one
from ..briefing import build_briefing
from ..config import Options
from ..dossier import Dossier, confident_events
from ..errors import InputError, NewstraceError
from ..inputs import read_sources
from .app import app, fail, report_error
from .report import render_markdown, render_text


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    markdown = "markdown"


class ContentType(str, Enum):
    auto = "auto"
    html = "html"
    text = "text"
    plain = "plain"


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin."),
    content_type: ContentType = typer.Option(
        ContentType.auto, "--content-type", "-t", help="How to read the inputs."),
    output_format: Format = typer.Option(Format.json, "--format", "-f", help="Output format."),
    url: str = typer.Option(None, "--url", help="The page's URL (one input)."),
    published: str = typer.Option(None, "--published", help="Publication date, ISO 8601."),
    config: str = typer.Option(None, "--config", help="A newstrace.toml settings file."),
    min_confidence: float = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0,
        help="Keep only events at least this likely to be right (0-1)."),
    show_text: bool = typer.Option(
        False, "--show-text", help="With text or markdown: add the text with its spans marked."),
) -> None:
    """Analyse articles and print their dossiers. Bad inputs are reported; the rest run."""
    try:
        options = Options.load(config)
    except NewstraceError as exc:
        fail(str(exc))
    failures = 0
    dossiers: list[Dossier] = []
    out = Console(highlight=False)
    for item in _analysed(paths, content_type.value, url, published, options):
        if isinstance(item, InputError):
            failures += 1
            report_error(str(item))
            continue
        item.events = confident_events(item.events, min_confidence)
        if output_format is Format.jsonl:
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        elif output_format is Format.text:
            render_text(build_briefing(item, show_text), out)
        elif output_format is Format.markdown:
            sys.stdout.write(render_markdown(build_briefing(item, show_text)) + "\n")
        else:
            dossiers.append(item)
    if output_format is Format.json and (dossiers or not failures):
        payload = dossiers[0].to_dict() if len(dossiers) == 1 else [d.to_dict() for d in dossiers]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        raise typer.Exit(1)


def _analysed(paths: list[str], content_type: str, url: str | None, published: str | None,
              options: Options) -> Iterator[Dossier | InputError]:
    for source in read_sources(paths, options.max_input_bytes, content_type):
        if isinstance(source, InputError):
            yield source
            continue
        try:
            yield analyze_one(source.content, source.content_type, url=url, published=published,
                              path=source.name, options=options)
        except InputError as exc:
            exc.source = source.name
            yield exc
