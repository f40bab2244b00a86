"""Corpus commands: ingest, search, entity, lineage, stories, export."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..config import Options
from ..errors import NewstraceError
from ..store import DEFAULT_DB, SearchFilters, open_store
from .app import app, fail, report_error

DbOption = typer.Option(DEFAULT_DB, "--db", envvar="NEWSTRACE_DB",
                        help="SQLite file path, or postgresql://user:password@host/database.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


def _open(db: str, create: bool = False) -> Any:
    """The store at `db`. Only `ingest` creates one: a command that reads the corpus
    names a missing file instead of reading a new, empty one."""
    try:
        return open_store(db, create=create)
    except NewstraceError as exc:
        fail(str(exc))


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories, JSONL, WARC, RSS/Atom, .gz."),
    db: str = DbOption,
    reprocess: bool = typer.Option(False, "--reprocess", help="Analyse articles seen before again."),
    workers: int = typer.Option(0, "--workers", help="Processes to analyse with (0: all cores)."),
    batch_size: int = typer.Option(32, "--batch-size", help="Articles per stored batch."),
    stories: bool = typer.Option(True, "--stories/--no-stories", help="Cluster same-story articles at the end."),
    config: str = typer.Option(None, "--config", help="A newstrace.toml settings file."),
) -> None:
    """Analyse articles into the store: resumable, idempotent, in parallel."""
    from ..corpus.ingest import ingest as run_ingest

    store = _open(db, create=True)
    err = Console(stderr=True)
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), TextColumn("{task.description}"),
                        TimeElapsedColumn(), console=err, transient=False)
    task = progress.add_task("starting", total=None)

    def report(summary: Any) -> None:
        progress.update(task, description=(
            f"{summary.stored + summary.replaced} stored, {summary.skipped} seen, "
            f"{summary.failed} failed, {summary.rate:.1f} articles/s"))

    try:
        with progress:
            summary = run_ingest(paths, store, Options.load(config), reprocess=reprocess,
                                 workers=workers or None, batch_size=batch_size,
                                 stories=stories, progress=report)
    except NewstraceError as exc:
        fail(str(exc))
    for key, message in summary.failures:
        report_error(f"{key}: {message}" if not message.startswith(key) else message)
    err.print(f"read {summary.read}, stored {summary.stored}, replaced {summary.replaced}, "
              f"skipped {summary.skipped} (seen before), exact copies at a new address "
              f"{summary.copies}, failed {summary.failed}; "
              f"{summary.linked} copies linked, {summary.stories} stories in the store; "
              f"{summary.seconds:.1f} s, {summary.rate:.1f} articles/s; store: {store.safe_url}",
              highlight=False, soft_wrap=True)
    store.close()
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: str = typer.Argument("", help="Words to find (all of them); empty lists articles."),
    db: str = DbOption,
    date_from: str = typer.Option(None, "--from", help="Published on or after (YYYY-MM-DD)."),
    date_to: str = typer.Option(None, "--to", help="Published on or before (YYYY-MM-DD)."),
    entity: str = typer.Option(None, "--entity", help="Mentions this entity (a name)."),
    place: str = typer.Option(None, "--place", help="Mentions this place (a name or ISO country code)."),
    event_type: str = typer.Option(None, "--event-type", help="Has an event of this PLOVER type."),
    source: str = typer.Option(None, "--source", help="Attributes a claim to this source."),
    publisher: str = typer.Option(None, "--publisher", help="Published by."),
    limit: int = typer.Option(20, "--limit", help="How many results."),
    as_json: bool = JsonOption,
) -> None:
    """Full-text search with filters."""
    store = _open(db)
    filters = SearchFilters(query=query or None, date_from=date_from, date_to=date_to,
                            entity=entity, place=place, event_type=event_type, source=source,
                            publisher=publisher, limit=limit)
    try:
        hits = store.search(filters)
    except NewstraceError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps([_asdict(hit) for hit in hits], ensure_ascii=False, indent=2))
        return
    table = Table("published", "publisher", "title", "id", header_style="bold")
    for hit in hits:
        title = Text(hit.title or "(no title)")
        if hit.snippet:
            title.append("\n" + hit.snippet, style="dim")
        table.add_row(hit.published or "", hit.publisher or "", title, hit.id)
    Console().print(table)


def _asdict(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    return asdict(value) if is_dataclass(value) else value


@app.command()
def entity(
    name: str = typer.Argument(..., help="An entity's name or one of its aliases."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Every mention of an entity across articles, with its quotes and events, over time."""
    store = _open(db)
    reports = store.entity(name)
    if not reports:
        fail(f"no entity called {name!r} in {store.safe_url}; try `newstrace search {name}`", code=1)
    if as_json:
        typer.echo(json.dumps([_asdict(r) for r in reports], ensure_ascii=False, indent=2, default=str))
        return
    console = Console()
    if len(reports) > 1:
        # several entities answer to the name: say which, and let the user pick by id
        table = Table("id", "name", "type", "articles", title=f"{len(reports)} entities answer to {name!r}",
                      header_style="bold")
        for report in reports:
            table.add_row(str(report.id), Text(report.name), report.type, str(report.articles))
        console.print(table)
        console.print(Text("show one with `newstrace entity ID`", style="dim"))
        return
    for report in reports:
        where = f" at {report.place['lat']:.2f}, {report.place['lon']:.2f}" if report.place else ""
        console.print(Text(f"{report.name} ({report.type}){where}", style="bold"))
        if report.aliases:
            console.print(Text("also: " + ", ".join(report.aliases), style="dim"))
        table = Table("published", "article", "mention", header_style="bold")
        for mention in report.mentions:
            table.add_row(mention.article.published or "", Text(mention.article.title or mention.article.id),
                          Text(mention.text))
        console.print(table)
        for quote in report.quotes:
            console.print(Text(f"  {quote['published'] or ''}  said ({quote['kind']}): {quote['text']}"))
        for event in report.events:
            console.print(Text(f"  {event['time_start'] or event['published'] or ''}  {event['type']} "
                               f"({event['role']}): {event['evidence']}"))


@app.command()
def lineage(
    article: str = typer.Argument(..., help="An article id (nt-...)."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """An article's origin and every copy of it: reprints, rewrites, translations."""
    store = _open(db)
    found = store.lineage(article)
    if found is None:
        fail(f"no article {article!r} in {store.safe_url}", code=1)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    console = Console()
    origin = found["origin"] or found["article"]
    console.print(Text(f"origin: {origin['published'] or '?'}  {origin['publisher'] or ''}  "
                       f"{origin['title'] or origin['id']}  ({origin['id']})", style="bold"))
    table = Table("relation", "similarity", "published", "publisher", "title", "id", header_style="bold")
    for copy in found["copies"]:
        similarity = f"{copy['similarity']:.2f}" if copy["similarity"] is not None else ""
        table.add_row(copy["relation"] or "", similarity, copy["published"] or "",
                      copy["publisher"] or "", Text(copy["title"] or ""), copy["id"])
    console.print(table)
    if found["exact_copies"]:
        same = Table("exact copy at", "published", "publisher", "seen", header_style="bold")
        for copy in found["exact_copies"]:
            same.add_row(Text(copy["url"]), copy["published"] or "", copy["publisher"] or "",
                         str(copy["seen_at"])[:19])
        console.print(same)


@app.command()
def stories(
    db: str = DbOption,
    recompute: bool = typer.Option(False, "--recompute", help="Cluster the whole store again first."),
    limit: int = typer.Option(20, "--limit", help="How many stories."),
    as_json: bool = JsonOption,
) -> None:
    """Same-story clusters: articles about one real-world event from different outlets."""
    from ..corpus.assign import cluster_store

    store = _open(db)
    if recompute:
        cluster_store(store, full=True)
    found = store.stories(limit=limit)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    table = Table("story", "articles", "earliest", "label", header_style="bold")
    for story in found:
        table.add_row(str(story["id"]), str(story["size"]), story["earliest_id"] or "",
                      Text(story["label"] or ""))
    Console().print(table)


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    events = "events"
    geojson = "geojson"
    stories = "stories"


@app.command()
def export(
    kind: ExportFormat = typer.Argument(..., help="jsonl (dossiers), events (CSV), geojson (places), stories (CSV)."),
    db: str = DbOption,
    out: str = typer.Option("-", "--out", "-o", help="File to write; - for standard output."),
    min_confidence: float = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0,
        help="Keep only events at least this likely to be right (0-1)."),
) -> None:
    """Export the corpus: dossiers, a GDELT-like events table (one row per event across
    copies), places as GeoJSON, or the stories."""
    from ..corpus.export import export_corpus

    store = _open(db)
    handle = sys.stdout if out == "-" else Path(out).open("w", encoding="utf-8", newline="")
    try:
        count = export_corpus(store, kind.value, handle, min_confidence)
    finally:
        if handle is not sys.stdout:
            handle.close()
    Console(stderr=True).print(f"{count} {kind.value} records written", highlight=False)
