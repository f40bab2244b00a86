"""The `text` format: a dossier as a report for a person to read."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..dossier import CONFIDENT, Dossier


def metadata_table(dossier: Dossier) -> Table:
    meta = dossier.metadata
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    rows = {
        "publisher": meta.publisher,
        "published": meta.published,
        "dateline": meta.dateline,
        "authors": ", ".join(meta.authors),
        "language": meta.language + (f" (original: {meta.original_language})"
                                     if meta.original_language else ""),
        "url": meta.url,
        "tags": ", ".join(meta.tags),
        "views": meta.views,
        "comments": meta.comments,
        "subtitle": meta.subtitle,
    }
    for name, value in rows.items():
        if value not in (None, ""):
            table.add_row(name, Text(str(value)))
    for link in meta.links:
        table.add_row(f"link ({link.rel})", Text(link.title))
    return table


def removed_table(dossier: Dossier) -> Table:
    table = Table("kind", "removed line", show_edge=False, header_style="bold")
    for item in dossier.removed:
        table.add_row(item.kind, Text(item.text))
    return table


def events_table(dossier: Dossier) -> Table:
    """What happened: type, who to whom, certainty, confidence; low-confidence events
    marked as such."""
    names = {e.id: e.name for e in dossier.entities}
    table = Table("type", "actor → target", "certainty", "confidence", "evidence",
                  show_edge=False, header_style="bold")
    for event in dossier.events:
        who = ", ".join(names.get(a, a) for a in event.actors) or "?"
        whom = ", ".join(names.get(t, t) for t in event.targets)
        low = event.confidence < CONFIDENT
        table.add_row(event.type + (f" ({event.mode})" if event.mode else ""),
                      Text(who + (f" → {whom}" if whom else "")), event.factuality,
                      Text(f"{event.confidence:.2f}" + (" low" if low else ""),
                           style="dim" if low else ""),
                      Text(event.evidence.text, style="dim" if low else ""))
    return table


def render_report(dossier: Dossier, console: Console) -> None:
    title = Text(dossier.metadata.title or "(no title)", style="bold")
    parts: list = [metadata_table(dossier), Text(""), Text(dossier.text)]
    if dossier.events:
        parts += [Text(""), Text("What happened", style="bold"), events_table(dossier)]
    if dossier.removed:
        parts += [Text(""), removed_table(dossier)]
    console.print(Panel(Group(*parts), title=title, subtitle=Text(dossier.id), expand=True))
