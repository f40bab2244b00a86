#!/usr/bin/env python3
"""Convert nomquamgender's first-name data into newstrace's first-name genders.

nomquamgender (Van Buskirk et al., MIT) gives, for each of ~720,000 first names, how
many sources name it, how many people those sources count, and the share of them
recorded as women. Pronoun resolution only needs names that tell the gender almost
always: a name kept here is counted in at least MIN_SOURCES sources and MIN_PEOPLE
people and is recorded female (or male) at least SHARE of the time. Ambiguous names
("Kim", "Jordan", "Andrea") are left out, so a pronoun is never resolved on a guess.

Writes `src/newstrace/data/names/first_names.tsv` (name, f|m; sorted, so re-running on
the same data changes nothing). Nothing is fetched here: it reads the package's
`name_data.json` from an installed nomquamgender (the `convert` extra) without importing
the package, or from a path.

    python scripts/convert_first_names.py [--data path/to/name_data.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "data" / "names" / "first_names.tsv"
MIN_SOURCES = 3
MIN_PEOPLE = 100
SHARE = 0.9


def installed_data() -> Path:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nomquamgender is not installed: pip install -e '.[convert]', or pass --data")
    return Path(next(iter(spec.submodule_search_locations))) / "name_data.json"


def convert(data: dict[str, list]) -> list[tuple[str, str]]:
    """(name, "f"|"m") for the names that tell their gender, sorted by name."""
    rows = []
    for name, values in data.items():
        sources, people, female_share = values[0], values[1], values[2]
        if not name.isalpha():
            continue
        if sources < MIN_SOURCES or people < MIN_PEOPLE or female_share is None:
            continue
        if female_share >= SHARE:
            rows.append((name.lower(), "f"))
        elif female_share <= 1 - SHARE:
            rows.append((name.lower(), "m"))
    return sorted(set(rows))


def write(rows: list[tuple[str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# first name\tgender (f|m), from nomquamgender (MIT): scripts/convert_first_names.py"]
    lines += [f"{name}\t{gender}" for name, gender in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="nomquamgender's name_data.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = json.loads((args.data or installed_data()).read_text("utf-8"))
    rows = convert(data)
    write(rows, args.out)
    print(f"{len(rows)} first names -> {args.out}")


if __name__ == "__main__":
    main()
