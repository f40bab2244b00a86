"""`newstrace follow`: poll feeds, home pages and sitemaps into the corpus, round after round."""

from __future__ import annotations

import signal
import threading
from typing import Any

import typer
from rich.console import Console
from rich.progress import Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..config import Options
from ..errors import NewstraceError
from .app import app, fail, report_error
from .corpus import DbOption, _open


def follow_settings(sources: list[str], config: str | None, **flags: Any) -> Any:
    """The follower's settings: the config file's `[follow]` table, then the flags; the
    sources given on the command line come before the file's."""
    from ..follow import FollowSettings, parse_duration, source_urls

    try:
        settings = FollowSettings.load(config)
        every = flags.pop("every", None)
        given = source_urls([*sources, *settings.sources])
        changes = {k: v for k, v in flags.items() if v not in (None, (), [])}
        if every is not None:
            changes["every"] = parse_duration(every, "--every")
        if flags.get("allow_hosts"):
            changes["allow_hosts"] = (*settings.allow_hosts, *flags["allow_hosts"])
        return settings.replace(sources=tuple(given), **changes)
    except NewstraceError as exc:
        fail(str(exc))


def report_round(console: Console, summary: Any) -> None:
    """One line per round, then a line per source that failed."""
    ingest = summary.ingest
    console.print(
        f"round: {len(summary.sources)} sources ({summary.count('ok')} read, "
        f"{summary.count('not modified')} not modified, {summary.count('error')} failed, "
        f"{summary.count('not due')} not due); {sum(s.new for s in summary.sources)} new entries, "
        f"{summary.fetched} pages fetched, {summary.from_feed} from the feed's own content, "
        f"{summary.fetch_failed} could not be fetched; stored {ingest.stored}, exact copies "
        f"{ingest.copies}, seen before {ingest.skipped}, failed {ingest.failed}; "
        f"{summary.seconds:.1f} s, {summary.rate:.1f} articles/s", highlight=False, soft_wrap=True)
    for source in summary.sources:
        if source.error:
            report_error(source.error if source.error.startswith(source.url)
                         else f"{source.url}: {source.error}")


def follow_beside(store: Any, settings: Any, options: Options) -> threading.Event:
    """The follower on a thread of its own, beside the server (`serve --follow`); it
    stops after its round when the event it returns is set. Analysis runs on a process
    pool, so that the server's own analyses never share the models with it; a round that
    fails is logged and the next one tried."""
    import logging

    from ..follow import Follower

    log = logging.getLogger("newstrace.follow")
    stop = threading.Event()

    def report(summary: Any) -> None:
        log.warning("follow: %d sources, %d read, %d failed; %d articles stored", len(summary.sources),
                    summary.count("ok"), summary.count("error"), summary.ingest.stored)

    def loop() -> None:
        follower = Follower(store, settings, options, pool=True)
        while not stop.is_set():
            try:
                follower.run(stop, report)
            except Exception as exc:  # noqa: BLE001  (the server goes on; so does following)
                log.error("follow: the round stopped: %s; trying again in %g s", exc,
                          max(settings.every, 60.0), exc_info=not isinstance(exc, NewstraceError))
                stop.wait(max(settings.every, 60.0))
        follower.close()

    threading.Thread(target=loop, name="newstrace-follow", daemon=True).start()
    return stop


def _stop_on_signals(stop: threading.Event, err: Console) -> dict[int, Any]:
    """The first Ctrl+C (or TERM) stops after the round under way, whose stored batches
    stay stored; a second one stops at once. The handlers it replaced, to put back."""
    def handler(signum: int, _frame: Any) -> None:
        stop.set()
        err.print("stopping after this round (Ctrl+C again to stop now)")
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    return {signum: signal.signal(signum, handler) for signum in (signal.SIGINT, signal.SIGTERM)}


@app.command()
def follow(
    sources: list[str] = typer.Argument(None, help="Feed URLs, home pages, sitemaps, or files listing them."),
    db: str = DbOption,
    every: str = typer.Option(None, "--every", help="Time between two polls of a source: 90s, 15m, 2h (default 15m)."),
    once: bool = typer.Option(False, "--once", help="One round, then stop."),
    force: bool = typer.Option(False, "--force", help="Poll every source now, even those not yet due."),
    allow_host: list[str] = typer.Option(None, "--allow-host",
                                         help="A host that may be fetched although it is loopback or "
                                              "private (repeat for more)."),
    workers: int = typer.Option(None, "--workers", help="Processes to analyse with (0: all cores)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per stored batch."),
    config: str = typer.Option(None, "--config", help="A newstrace.toml settings file ([follow] table)."),
) -> None:
    """Follow feeds, home pages and sitemaps: fetch new articles into the store, politely."""
    from ..follow import Follower

    settings = follow_settings(sources or [], config, every=every, allow_hosts=tuple(allow_host or ()),
                               workers=workers)
    if not settings.sources:
        fail("no sources to follow: give feed URLs, home pages, sitemaps or a file listing them, "
             "or list them as sources in the [follow] table of newstrace.toml")
    store = _open(db, create=True)
    err = Console(stderr=True)
    stop = threading.Event()
    replaced = _stop_on_signals(stop, err)
    err.print(f"following {len(settings.sources)} sources into {store.safe_url}, every "
              f"{settings.every:g} s" + (" (one round)" if once else "; stop with Ctrl+C"),
              highlight=False, soft_wrap=True)
    failed = False
    progress = Progress(TextColumn("[bold]follow"), TextColumn("{task.description}"),
                        TimeElapsedColumn(), console=err, transient=True)
    task = progress.add_task("fetching", total=None)

    def advance(ingest: Any) -> None:
        progress.update(task, description=(
            f"{ingest.stored} stored, {ingest.skipped + ingest.copies} seen, {ingest.failed} failed, "
            f"{ingest.rate:.1f} articles/s"))

    def report(summary: Any) -> None:
        nonlocal failed
        failed = failed or summary.count("error") > 0 or summary.ingest.failed > 0
        progress.update(task, description="waiting for the next round")
        report_round(err, summary)

    try:
        follower = Follower(store, settings, Options.load(config), batch_size=batch_size)
        with progress:
            follower.run(stop, report, once=once, force=force, progress=advance)
        follower.close()
    except NewstraceError as exc:
        fail(str(exc))
    finally:
        store.close()
        for signum, previous in replaced.items():
            signal.signal(signum, previous)
    if once and failed:
        raise typer.Exit(1)


@app.command()
def sources(db: str = DbOption, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The followed sources' state: last fetch, articles, errors, next poll."""
    import json

    store = _open(db)
    rows = store.follow_sources()
    store.close()
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    table = Table("source", "status", "last fetch", "entries", "new", "total", "next poll", "error")
    for row in rows:
        table.add_row(row["url"], row["status"] or "", str(row["last_fetch"] or "")[:19],
                      str(row["entries"]), str(row["new_articles"]), str(row["total_articles"]),
                      str(row["next_poll"] or "")[:19], (row["error"] or "")[:80])
    Console().print(table)
