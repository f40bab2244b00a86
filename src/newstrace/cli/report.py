"""The `text` and `markdown` formats of `analyze`: a dossier's briefing
(`newstrace.briefing`) laid out for a terminal, a pipe or a report."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..briefing import LEGEND, Briefing, Section


def render_text(briefing: Briefing, console: Console) -> None:
    """The briefing for a person at a terminal or reading a pipe (Rich keeps it to the
    console's width, 80 columns when piped). Rich pads table cells to the width; the
    padding is cut from line ends, so that piped output greps and diffs cleanly."""
    with console.capture() as captured:
        _print_briefing(briefing, console)
    console.file.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")
    console.file.flush()


def _print_briefing(briefing: Briefing, console: Console) -> None:
    console.print(Text(briefing.title, style="bold"))
    console.print(Text(briefing.id, style="dim"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    for name, value in briefing.header:
        grid.add_row(name, Text(value))
    grid.add_row("source chain", Text(briefing.chain or "(none found)"))
    console.print(grid)
    for section in briefing.sections:
        console.print()
        count = f" ({len(section.rows)})" if section.rows else ""
        console.print(Text(section.title + count, style="bold underline"))
        if not section.rows:
            console.print(Text(section.empty, style="dim"))
        elif section.lead:
            _records(section, console)
        else:
            console.print(_table(section))
    if briefing.marked_text is not None:
        console.print()
        console.print(Text("Text, spans marked: " + LEGEND, style="bold underline"))
        console.print(Text(briefing.marked_text))
    console.print()


def _table(section: Section) -> Table:
    table = Table(*section.columns, box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
                  pad_edge=False)
    for row in section.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _records(section: Section, console: Console) -> None:
    head = None
    for row in section.rows:
        lead, rest = row[:section.lead], row[section.lead:]
        if lead != head:
            head = lead
            console.print(Text(" · ".join(cell for cell in lead if cell), style="bold"))
        facts = [f"{name}: {value}" for name, value in zip(section.columns[section.lead:-1], rest[:-1])
                 if value]
        if facts:
            console.print(Padding(Text("; ".join(facts), style="dim"), (0, 0, 0, 2)))
        console.print(Padding(Text(rest[-1]), (0, 0, 0, 4)))


def render_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown, for pasting into a report: a heading, the header as a
    list, each section as a table."""
    lines = [f"## {_md(briefing.title)}", "", f"`{briefing.id}`", ""]
    lines += [f"- **{name}**: {_md(value)}" for name, value in briefing.header]
    lines += [f"- **source chain**: {_md(briefing.chain or '(none found)')}", ""]
    for section in briefing.sections:
        lines += [f"### {section.title}", ""]
        if not section.rows:
            lines += [f"_{section.empty}_", ""]
            continue
        lines.append("| " + " | ".join(section.columns) + " |")
        lines.append("|" + "---|" * len(section.columns))
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in section.rows]
        lines.append("")
    if briefing.marked_text is not None:
        lines += ["### Text", "", f"Spans marked: `{LEGEND}`", "", "```text",
                  briefing.marked_text.replace("```", "'''"), "```", ""]
    return "\n".join(lines)


def _md(value: str) -> str:
    """A cell's text safe inside a Markdown table row."""
    return (value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
            .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`"))
