"""Figures of the code's shape, for before-and-after notes on refactoring (issue 20).

    python -m tools.code_figures [REPO]      # REPO: a checkout (default: this one)

Prints the modules of the package over 600 lines, the lines that mention `Any`, the
import arrows among the modules of `stages/` (and how many go from one stage's module
to another's), and the modules that start a process pool. `duplicates` pairs and the
time of the quick test run are measured with their own tools (see the README).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

LONG = 600


def figures(repo: Path) -> dict[str, object]:
    package = repo / "src" / "newstrace"
    sources = {p: p.read_text(encoding="utf-8") for p in package.rglob("*.py")}
    long = sorted(((len(text.splitlines()), str(p.relative_to(package))) for p, text in sources.items()
                   if len(text.splitlines()) > LONG), reverse=True)
    any_lines = sum(1 for text in sources.values() for line in text.splitlines()
                    if re.search(r"\bAny\b", line))
    arrows, stage_arrows = _stage_arrows(package)
    pools = sorted(str(p.relative_to(package)) for p, text in sources.items()
                   if "ProcessPoolExecutor(" in text)
    return {"modules over 600 lines": long, "lines mentioning Any": any_lines,
            "import arrows among stages/ modules": arrows,
            "of them from one stage's module to another's": stage_arrows,
            "modules starting a process pool": pools}


def _stage_arrows(package: Path) -> tuple[int, int]:
    folder = package / "stages"
    modules = {p.stem: p for p in folder.glob("*.py") if p.stem != "__init__"}
    stages = {name for name, p in modules.items()
              if re.search(r"@stage\(|register_factory\(", p.read_text(encoding="utf-8"))}
    arrows: set[tuple[str, str]] = set()
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                targets = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
                arrows.update((name, t) for t in targets if t in modules)
    return len(arrows), sum(1 for a, b in arrows if a in stages and b in stages)


def main() -> None:
    repo = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    for key, value in figures(repo).items():
        if isinstance(value, list) and value and isinstance(value[0], tuple):
            value = f"{len(value)}: " + ", ".join(f"{name} ({lines})" for lines, name in value)
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
