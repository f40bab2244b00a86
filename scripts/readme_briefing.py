"""Write the seed's briefing (`newstrace analyze SEED --format text`) into the README,
between its `<!-- seed-briefing -->` markers. tests/test_docs.py fails when the README's
copy is not what the code prints now; run this to bring it in step:

    .venv/bin/python scripts/readme_briefing.py [--check]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from rich.console import Console

import newstrace
from newstrace.briefing import build_briefing
from newstrace.cli.report import render_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_14bd1d579edae359.txt"
START, END = "<!-- seed-briefing -->", "<!-- /seed-briefing -->"


def seed_briefing(seed: Path = SEED) -> str:
    """The briefing as piped output prints it (80 columns, no colour)."""
    dossier = newstrace.analyze(seed.read_bytes(), path=f"../shared/seed/{seed.name}")
    out = io.StringIO()
    render_text(build_briefing(dossier), Console(file=out, width=80, color_system=None,
                                                 force_terminal=False, highlight=False))
    return out.getvalue().rstrip("\n")


def readme_block(readme: str) -> str:
    """The briefing as the README holds it: the text inside the fenced block."""
    inside = readme.split(START, 1)[1].split(END, 1)[0]
    return inside.split("```text\n", 1)[1].rsplit("\n```", 1)[0]


def main() -> int:
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    fresh = seed_briefing()
    if "--check" in sys.argv:
        return 0 if readme_block(readme) == fresh else 1
    before, rest = readme.split(START, 1)
    after = rest.split(END, 1)[1]
    block = f"{START}\n```text\n{fresh}\n```\n{END}"
    readme_path.write_text(before + block + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
