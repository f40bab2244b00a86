"""The `text` format: a dossier as a report for a person to read."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..dossier import Dossier


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


def render_report(dossier: Dossier, console: Console) -> None:
    title = Text(dossier.metadata.title or "(no title)", style="bold")
    parts: list = [metadata_table(dossier), Text(""), Text(dossier.text)]
    if dossier.removed:
        parts += [Text(""), removed_table(dossier)]
    console.print(Panel(Group(*parts), title=title, subtitle=Text(dossier.id), expand=True))
