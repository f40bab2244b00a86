"""Corpus commands: ingest, search, entity, lineage, stories, export."""

from __future__ import annotations

import json
import shlex
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..config import Options
from ..errors import NewstraceError
from ..store import DEFAULT_DB, SearchFilters, open_store
from ..store.base import check_date, check_event_type
from .app import app, fail, report_error

DbOption = typer.Option(DEFAULT_DB, "--db", envvar="NEWSTRACE_DB",
                        help="SQLite file path, or postgresql://user:password@host/database.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table (as --format json).")


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


class Output(str, Enum):
    table = "table"
    json = "json"


FormatOption = typer.Option(Output.table, "--format", "-f", help="table (default) or json.")
LimitOption = typer.Option(20, "--limit", min=1, help="How many to show (1 or more).")
OffsetOption = typer.Option(0, "--offset", min=0, help="How many to skip (for the next page).")


def _usage_check(check: Callable[[str], str]) -> Callable[[str | None], str | None]:
    """An option's callback: the value as `check` gives it, or a usage error (exit 2)
    with `check`'s message, which names the accepted forms."""
    def callback(value: str | None) -> str | None:
        try:
            return None if value is None else check(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return callback


_date = _usage_check(check_date)
_event_type = _usage_check(check_event_type)


def _wants_json(output: Output, as_json: bool) -> bool:
    return as_json or output is Output.json


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _nothing(what: str) -> None:
    """No results: said on standard error (standard output stays a clean, empty
    table or JSON list for scripts), with what was searched."""
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"nothing matched {what}")


def _whole_column(table: Table, name: str, values: list[str]) -> None:
    """A column of ids (or dates), never cut or wrapped, however narrow the terminal:
    an id is something to copy into the next command. The other columns wrap instead."""
    table.add_column(name, no_wrap=True, overflow="ignore",
                     min_width=max([len(name), *(len(v) for v in values)]))


@app.command()
def search(
    words: list[str] = typer.Argument(None, help="Words to find (all of them); none lists articles."),
    db: str = DbOption,
    date_from: str = typer.Option(None, "--from", callback=_date, help="Published on or after (YYYY-MM-DD)."),
    date_to: str = typer.Option(None, "--to", callback=_date, help="Published on or before (YYYY-MM-DD)."),
    entity: str = typer.Option(None, "--entity", help="Mentions this entity (a name)."),
    place: str = typer.Option(None, "--place", help="Mentions this place (a name or ISO country code)."),
    event_type: str = typer.Option(None, "--event-type", callback=_event_type,
                                   help="Has an event of this PLOVER type (AGREE, ASSAULT, ...)."),
    source: str = typer.Option(None, "--source", help="Attributes a claim to this source."),
    publisher: str = typer.Option(None, "--publisher", help="Published by."),
    story: int = typer.Option(None, "--story", min=1, help="In this story (an id from `stories`)."),
    limit: int = LimitOption,
    offset: int = OffsetOption,
    output: Output = FormatOption,
    as_json: bool = JsonOption,
) -> None:
    """Full-text search with filters."""
    store = _open(db)
    query = " ".join(words or []).strip()
    filters = SearchFilters(query=query or None, date_from=date_from, date_to=date_to,
                            entity=entity, place=place, event_type=event_type, source=source,
                            publisher=publisher, story=story, limit=limit, offset=offset)
    try:
        hits = store.search(filters)
    except NewstraceError as exc:
        fail(str(exc))
    if not hits:
        _nothing(f"{_described(filters)} in {store.safe_url}")
    if _wants_json(output, as_json):
        _print_json([_asdict(hit) for hit in hits])
        return
    if not hits:
        return
    table = Table(header_style="bold")
    _whole_column(table, "published", [hit.published or "" for hit in hits])
    table.add_column("publisher")
    table.add_column("title")
    _whole_column(table, "id", [hit.id for hit in hits])
    for hit in hits:
        title = Text(hit.title or "(no title)")
        if hit.snippet:
            title.append("\n" + hit.snippet, style="dim")
        table.add_row(hit.published or "", hit.publisher or "", title, hit.id)
    Console().print(table)


def _described(filters: SearchFilters) -> str:
    """What a search asked, in words: "the words 'hong kong', published from 2019-01-01"."""
    asked = [f"the words {filters.query!r}" if filters.query else "any article"]
    plain = {"published from": filters.date_from, "published to": filters.date_to,
             "in story": filters.story, "with an event of type": filters.event_type}
    names = {"mentioning": filters.entity, "at the place": filters.place,
             "citing": filters.source, "published by": filters.publisher}
    asked += [f"{label} {value}" for label, value in plain.items() if value is not None]
    asked += [f"{label} {value!r}" for label, value in names.items() if value is not None]
    if filters.offset:
        asked.append(f"after the first {filters.offset}")
    return ", ".join(asked)


def _asdict(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    return asdict(value) if is_dataclass(value) else value  # type: ignore[arg-type]  # is_dataclass admits classes too; callers pass instances


@app.command()
def entity(
    name: list[str] = typer.Argument(..., help="An entity's name (words are joined), an alias, or an id."),
    db: str = DbOption,
    limit: int = LimitOption,
    offset: int = OffsetOption,
    output: Output = FormatOption,
    as_json: bool = JsonOption,
) -> None:
    """An entity across articles: a summary, then its mentions, quotes and events in
    time order, a page at a time."""
    store = _open(db)
    wanted = " ".join(name).strip()
    reports = store.entity(wanted, limit=limit, offset=offset)
    if not reports:
        fail(f"no entity called {wanted!r} in {store.safe_url}; try "
             f"`newstrace search {shlex.quote(wanted)}`", code=1)
    if _wants_json(output, as_json):
        _print_json([_asdict(r) for r in reports])
        return
    console = Console()
    if len(reports) > 1:
        # several entities answer to the name: say which, and let the user pick by id
        table = Table(title=f"{len(reports)} entities answer to {wanted!r}", header_style="bold")
        _whole_column(table, "id", [str(r.id) for r in reports])
        for column in ("name", "type", "articles"):
            table.add_column(column)
        for report in reports:
            table.add_row(str(report.id), Text(report.name), report.type, str(report.articles))
        console.print(table)
        console.print(Text("show one with `newstrace entity ID`", style="dim"))
        return
    _entity_page(reports[0], offset, limit, console)


def _entity_page(report: Any, offset: int, limit: int, console: Console) -> None:
    where = f" at {report.place['lat']:.2f}, {report.place['lon']:.2f}" if report.place else ""
    console.print(Text(f"{report.name} ({report.type}){where}, id {report.id}", style="bold"))
    span = (f", {report.first_published} to {report.last_published}"
            if report.first_published else "")
    console.print(Text(f"{report.mention_count} mentions in {report.articles} articles{span}; "
                       f"{report.quote_count} quotes; {report.event_count} event roles"))
    if report.aliases:
        console.print(Text("also: " + ", ".join(report.aliases), style="dim"))
    if report.mentions:
        table = Table("published", "article", "mention", header_style="bold")
        _whole_column(table, "article id", [m.article.id for m in report.mentions])
        for mention in report.mentions:
            table.add_row(mention.article.published or "", Text(mention.article.title or ""),
                          Text(mention.text), mention.article.id)
        console.print(table)
    for quote in report.quotes:
        console.print(Text(f"  {quote['published'] or ''}  said ({quote['kind']}): {quote['text']}"))
    for event in report.events:
        console.print(Text(f"  {event['time_start'] or event['published'] or ''}  {event['type']} "
                           f"({event['role']}): {event['evidence']}"))
    _pages(console, report, offset, limit)


def _pages(console: Console, report: Any, offset: int, limit: int) -> None:
    """Where this page sits among the totals, and the command for the next one."""
    shown = {"mentions": (len(report.mentions), report.mention_count),
             "quotes": (len(report.quotes), report.quote_count),
             "events": (len(report.events), report.event_count)}
    parts = [f"{what} {offset + 1}-{offset + count} of {total}" if count else f"{what}: none of {total} here"
             for what, (count, total) in shown.items() if total]
    if parts:
        console.print(Text("showing " + "; ".join(parts), style="dim"))
    if any(offset + count < total for count, total in shown.values()):
        console.print(Text(f"next page: newstrace entity {report.id} --offset {offset + limit}"
                           + (f" --limit {limit}" if limit != 20 else ""), style="dim"))


@app.command()
def lineage(
    article: str = typer.Argument(..., help="An article id (nt-...)."),
    db: str = DbOption,
    output: Output = FormatOption,
    as_json: bool = JsonOption,
) -> None:
    """An article's origin and every copy of it: reprints, rewrites, translations."""
    store = _open(db)
    found = store.lineage(article)
    if found is None:
        fail(f"no article {article!r} in {store.safe_url}", code=1)
    if _wants_json(output, as_json):
        _print_json(found)
        return
    console = Console()
    origin = found["origin"] or found["article"]
    console.print(Text(f"origin: {origin['published'] or '?'}  {origin['publisher'] or ''}  "
                       f"{origin['title'] or origin['id']}", style="bold"))
    console.print(Text(origin["id"]))
    table = Table("relation", "similarity", "published", "publisher", "title", header_style="bold")
    _whole_column(table, "id", [copy["id"] for copy in found["copies"]])
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
    story: int = typer.Argument(None, min=1, help="A story's id: list its articles."),
    db: str = DbOption,
    recompute: bool = typer.Option(False, "--recompute", help="Cluster the whole store again first."),
    limit: int = LimitOption,
    offset: int = OffsetOption,
    output: Output = FormatOption,
    as_json: bool = JsonOption,
) -> None:
    """Same-story clusters: articles about one real-world event from different outlets.
    With an id, that story's articles."""
    from ..corpus.assign import cluster_store

    store = _open(db)
    if recompute:
        cluster_store(store, full=True)
    if story is not None:
        _one_story(store, story, _wants_json(output, as_json))
        return
    found = store.stories(limit=limit, offset=offset)
    if not found:
        _nothing(f"any story in {store.safe_url}" + (f" after the first {offset}" if offset else ""))
    if _wants_json(output, as_json):
        _print_json(found)
        return
    if not found:
        return
    table = Table("story", "articles", "label", header_style="bold")
    _whole_column(table, "earliest", [s["earliest_id"] or "" for s in found])
    for item in found:
        table.add_row(str(item["id"]), str(item["size"]), Text(item["label"] or ""),
                      item["earliest_id"] or "")
    Console().print(table)
    Console().print(Text("a story's articles: newstrace stories ID", style="dim"))


def _one_story(store: Any, story_id: int, as_json: bool) -> None:
    found = store.story(story_id)
    if found is None:
        fail(f"no story {story_id} in {store.safe_url}; `newstrace stories` lists them", code=1)
    if as_json:
        _print_json(found)
        return
    console = Console()
    moved = f" (story {story_id} was merged into it)" if found["id"] != story_id else ""
    label = f": {found['label']}" if found["label"] else ""
    console.print(Text(f"story {found['id']}{label}{moved}", style="bold"))
    console.print(Text(f"{len(found['articles'])} articles"))
    table = Table("published", "publisher", "title", "relation", header_style="bold")
    _whole_column(table, "id", [a["id"] for a in found["articles"]])
    for article in found["articles"]:
        table.add_row(article["published"] or "", article["publisher"] or "",
                      Text(article["title"] or "(no title)"), article["relation"] or "", article["id"])
    console.print(table)


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
