#!/usr/bin/env python3
"""Convert the field's event-coding dictionaries into newstrace's data files.

Reads a fetched copy of
- PETRARCH2's CAMEO verb dictionary (`CAMEO.2.0.txt`), Phoenix agents dictionary
  (`Phoenix.agents.txt`) and Phoenix named-actor dictionaries of international and
  non-state actors (`Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt`),
  openeventdata/petrarch2, `petrarch2/data/dictionaries/`, MIT;
- PLOVER's CAMEO -> PLOVER 2021 table (`CAMEO2PLOVER-2021.txt`), openeventdata/PLOVER,
  CC BY-SA 4.0;
and writes, under `src/newstrace/data/events/`:
- `cameo_verbs.json`: verbs (lemma -> CAMEO code or null, irregular forms, the words of a
  multi-word verb) and each verb block's patterns (subject words, object words,
  prepositional phrases, CAMEO code), with the synonym sets they use expanded;
- `agents.tsv`: agent phrases (common nouns for groups and office holders) with their
  CAMEO sector codes, plurals generated as PETRARCH generates them;
- `named_actors.tsv`: names of international organisations, NGOs and armed groups (and
  the people listed under them) with their current CAMEO code (a code whose dates have
  ended, a past office holder's, is left out);
- `cameo2plover.tsv`: CAMEO code -> PLOVER 2021 type and mode, as the table gives it.

Nothing is fetched here: pass the paths of the fetched files. Needs `wordfreq` (the
`convert` extra: `pip install -e '.[convert]'`) for the verbs' frequencies. The output is
deterministic (sorted), so re-running on the same input changes nothing.

    python scripts/convert_petrarch.py \\
        --petrarch /path/to/petrarch2/petrarch2/data/dictionaries \\
        --petrarch-commit 676801c... \\
        --plover /path/to/PLOVER/CAMEO2PLOVER-2021.txt --plover-commit 5e0c24f...
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "data" / "events"
CODE = re.compile(r"\[([^\]]*)\]")
# Pattern words that carry modality or negation ("WILL NOT *"): newstrace reads those
# from the parse, so such patterns are left out rather than read as plain acts.
MODAL_WORDS = frozenset({"WILL", "WOULD", "NOT", "NO", "NEVER", "SHALL", "MAY", "MIGHT",
                         "CAN", "COULD", "SHOULD", "MUST"})
# PETRARCH's markers of the source ($), target (+), skipped words (^) and compounds (%):
# newstrace fills the roles from the parse, so the markers are dropped.
MARKERS = frozenset({"$", "+", "^", "%"})


# --- words ------------------------------------------------------------------------------


def plural(word: str) -> str:
    """PETRARCH's regular plural: +S, Y -> IES, SS -> SSES."""
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    return word + "S"


def phrase_forms(phrase: str, plurals: bool) -> list[str]:
    """A dictionary phrase ("POLICE_OFFICER", "WIRE_") as lower-case space-joined forms,
    with its regular plural unless it ends with "_"."""
    stopped = phrase.endswith("_")
    words = [w for w in phrase.strip("_").replace("_", " ").split() if w]
    if not words:
        return []
    forms = [" ".join(words)]
    if plurals and not stopped:
        forms.append(" ".join(words[:-1] + [plural(words[-1])]))
    return [f.lower() for f in forms]


# --- the verb dictionary ------------------------------------------------------------------


def frequency(word: str) -> float:
    """The word's Zipf frequency in English (wordfreq): how common, hence how likely
    to have senses other than the act a CAMEO block codes ("take", "go", "want")."""
    from wordfreq import zipf_frequency

    return round(zipf_frequency(word, "en"), 1)



@dataclass
class Block:
    name: str
    code: str | None
    verbs: dict[str, dict] = field(default_factory=dict)
    patterns: list[dict] = field(default_factory=list)


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_code(text: str) -> str | None:
    """'[042:043]' -> '042'; '[:173]' -> '173'; '[---]' -> None."""
    found = CODE.search(text)
    if not found:
        return None
    parts = [p.strip() for p in found.group(1).split(":")]
    code = next((p for p in parts if p and p != "---"), None)
    return code if code and code.isdigit() else None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = strip_comment(raw).strip()
        if line.startswith("&"):
            current = line[1:].strip()
            synsets[current] = []
        elif line.startswith("+") and current is not None:
            stopped_label = current.endswith("_")
            synsets[current] += phrase_forms(line[1:].strip(), plurals=not stopped_label)
        elif line.startswith("---") or line.startswith("####### VERB"):
            current = None
    return {name.rstrip("_"): sorted(set(words)) for name, words in synsets.items()}


def tokenize_pattern(text: str) -> list[str]:
    """'- * {ARMS SHIPMENT} (TO &X) [072]' -> ['*', '{ARMS SHIPMENT}', '(TO &X)']."""
    body = CODE.split(text, 1)[0]
    body = body.lstrip("-").strip()
    return re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", body)


def item_words(item: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """One noun item as its accepted forms: a word, a {phrase} (head last) or a &set.
    None when it names an unknown set (PETRARCH ignores such patterns)."""
    item = item.strip("{}").strip()
    words = [w for w in item.split() if w not in MARKERS]
    if not words:
        return []
    if any(w.startswith("&") for w in words):
        # A set is kept by name ("&military"); "{&MILITARY AID}" keeps its head only.
        head = words[-1]
        if head.startswith("&"):
            name = head[1:].rstrip("_")
            return ["&" + name.lower()] if name in synsets else None
        return phrase_forms(head, True)
    return phrase_forms("_".join(words), plurals=True)


def read_pattern(line: str, synsets: dict[str, list[str]]) -> dict | None:
    code = read_code(line)
    tokens = tokenize_pattern(line)
    if code is None or "*" not in tokens:
        return None
    star = tokens.index("*")
    before, after = tokens[:star], tokens[star + 1:]
    if any(t.strip("{}()").upper() in MODAL_WORDS for t in before + after):
        return None
    subject: list[list[str]] = []
    objects: list[list[str]] = []
    preps: list[list] = []
    for side, items in ((subject, before), (objects, after)):
        for item in items:
            if item in MARKERS:
                continue
            if item.startswith("("):
                inner = [w for w in item.strip("()").split() if w not in MARKERS]
                if not inner:
                    continue
                rest = " ".join(inner[1:])
                words = item_words(rest, synsets) if rest else []
                if words is None:
                    return None
                preps.append([inner[0].lower(), words])
                continue
            words = item_words(item, synsets)
            if words is None:
                return None
            if words:
                side.append(words)
    if not (subject or objects or preps):
        return None
    return {"subject": subject, "object": objects, "preps": preps, "cameo": code}


def read_verb_line(line: str) -> tuple[str, dict] | None:
    """'HURRY {HURRIES HURRYING HURRIED } [020]', '+ASK_FOR {...} [020]', 'WIRE_+TAP'."""
    code = read_code(line)
    body = CODE.split(line, 1)[0]
    irregular = re.search(r"\{([^}]*)\}", body)
    head = re.sub(r"\{[^}]*\}", "", body).strip().split()
    if not head:
        return None
    phrase = head[0]
    words = phrase.split("_")
    verb_index = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    verb = words[verb_index].lstrip("+").lower()
    if not verb.isalpha() and "-" not in verb:
        return None
    entry = {"code": code, "own": code is not None,
             "before": [w.lower() for w in words[:verb_index] if w],
             "after": [w.lstrip("+").lower() for w in words[verb_index + 1:] if w],
             "forms": []}
    if irregular:
        for form in irregular.group(1).split():
            parts = form.lstrip("+").split("_")
            piece = next((p for p in parts if p.startswith("+")), None) or \
                parts[min(verb_index, len(parts) - 1)]
            piece = piece.lstrip("+").lower()
            if piece and piece != verb:
                entry["forms"].append(piece)
    key = " ".join(entry["before"] + [verb] + entry["after"])
    return key, {"verb": verb, **entry}


def read_verbs(path: Path) -> dict:
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets = read_synsets(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    blocks: list[Block] = []
    for raw in lines[start + 1:]:
        if raw.startswith("~"):
            continue   # transformations: newstrace folds embedded acts itself
        if raw.startswith("---"):
            name = raw.strip("- \t").split("[")[0].strip()
            blocks.append(Block(name, read_code(raw)))
            continue
        line = strip_comment(raw).strip()
        if not line or not blocks:
            continue
        block = blocks[-1]
        if line.startswith("-"):
            pattern = read_pattern(line, synsets)
            if pattern is not None and pattern not in block.patterns:
                block.patterns.append(pattern)
        else:
            found = read_verb_line(line)
            if found is not None:
                key, entry = found
                entry["code"] = entry["code"] or block.code
                # the verb the block is named after: its code is the block's own
                entry["own"] = entry["own"] or block.name.split("_")[0].lower() == entry["verb"]
                entry["zipf"] = frequency(entry["verb"])
                block.verbs[key] = entry
    verbs: dict[str, dict] = {}
    patterns: dict[str, list[dict]] = {}
    for block in blocks:
        if block.patterns:
            patterns.setdefault(block.name, []).extend(block.patterns)
        for key, entry in block.verbs.items():
            entry["block"] = block.name
            # a verb listed in two blocks keeps its first block (the file's order wins)
            verbs.setdefault(key, entry)
    return {"synsets": {k.lower(): v for k, v in sorted(synsets.items())},
            "verbs": dict(sorted(verbs.items())),
            "patterns": dict(sorted(patterns.items()))}


# --- agents -------------------------------------------------------------------------------


def read_agents(path: Path) -> list[tuple[str, str]]:
    """Agent phrases with their sector codes ("police officer", "COP"); a phrase listed
    twice keeps its first code, as PETRARCH does."""
    substitutions: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, values = line.split("=", 1)
            substitutions[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        found = re.search(r"\[~?([A-Z]+)~?\]", line)
        if not found:
            continue
        sector = found.group(1)
        body = line[:found.start()]
        irregular = re.search(r"\{([^}]*)\}", body)
        phrase = re.sub(r"\{[^}]*\}", "", body).strip()
        plurals = irregular is None   # "{}" or "{FORMS}": no regular plural
        forms: list[str] = []
        for expanded in expand(phrase, substitutions):
            # words separated by a blank may have others between them; we keep them adjacent
            forms += phrase_forms(expanded.replace(" ", "_"), plurals)
        if irregular:
            for form in irregular.group(1).split():
                for expanded in expand(form, substitutions):
                    forms += phrase_forms(expanded + "_", plurals=False)
        for form in forms:
            if re.fullmatch(r"[a-z][a-z0-9'./&-]*( [a-z0-9'./&-]+)*", form):
                rows.setdefault(form, sector)
    return sorted(rows.items())


# --- named actors ---------------------------------------------------------------------------

# A code in brackets, with an optional date restriction: "[IGOUNO]", "[IGOUNO >20070101]",
# "[KORGOVBUS 2004017-20061201]" (a past holder).
ACTOR_CODE = re.compile(r"\[~?([A-Z]{3,})\s*([<>]?\s*[0-9-]*)\s*\]")


def current_code(codes: list[tuple[str, str]]) -> str | None:
    """The code that holds today: one without a date, else one open-ended ('>date');
    None when every code is of the past (a former office holder)."""
    for code, dates in codes:
        if not dates.strip():
            return code
    for code, dates in codes:
        if dates.strip().startswith(">"):
            return code
    return None


def read_actors(path: Path) -> list[tuple[str, str]]:
    """Named actors (organisations, armed groups and their leaders) with their current
    CAMEO code, from a Phoenix actors file: a name line ("NATO_"), synonym lines
    ("+NORTH_ATLANTIC_TREATY_ORGANIZATION_") and code lines, on the name line or after
    the group ("\t[IGOWSTNAT]"). A name listed twice keeps its first code."""
    rows: dict[str, str] = {}
    group: list[str] = []
    codes: list[tuple[str, str]] = []

    def close() -> None:
        code = current_code(codes)
        if code is not None:
            for name in group:
                rows.setdefault(name, code)

    for raw in path.read_text(encoding="latin-1").splitlines():
        line = strip_comment(raw).rstrip()
        if not line.strip():
            continue
        found = ACTOR_CODE.findall(line)
        body = ACTOR_CODE.sub("", line).strip()
        if body and not line[0].isspace() and not body.startswith("+"):
            close()
            group, codes = [], []
        if body:
            name = re.sub(r"\s+", " ", body.lstrip("+").replace("_", " ")).strip().lower()
            name = re.sub(r"\s*\([^)]*\)$", "", name)   # "revolutionary army (erg)"
            if re.fullmatch(r"[a-z0-9][a-z0-9'.&/-]*( [a-z0-9'.&/-]+)*", name):
                group.append(name)
        codes += found
    close()
    return sorted(rows.items())


def expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """'POLICE!PERSON!' -> POLICEMAN, POLICEMEN, ...; '!MINIST! OF_X' -> MINISTER OF_X..."""
    found = re.search(r"!([A-Z]+)!", phrase)
    if not found:
        return [phrase]
    values = substitutions.get(found.group(0), [])
    out: list[str] = []
    for value in values:
        out += expand(phrase[:found.start()] + value + phrase[found.end():], substitutions)
    return out


# --- CAMEO -> PLOVER ------------------------------------------------------------------------


def read_plover(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        found = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,?\s*([^,]*)", line)
        if not found:
            continue
        code, kind, mode = found.group(1), found.group(2), found.group(3).strip()
        rows.append((code, kind, mode))
    return rows


# --- writing --------------------------------------------------------------------------------


def write(out: Path, verbs: dict, agents: list[tuple[str, str]],
          plover: list[tuple[str, str, str]], provenance: dict[str, str],
          actors: list[tuple[str, str]] = ()) -> None:  # type: ignore[assignment]
    out.mkdir(parents=True, exist_ok=True)
    verbs = {"_source": {"file": "CAMEO.2.0.txt", "repository": "openeventdata/petrarch2",
                         "commit": provenance["petrarch"], "licence": "MIT",
                         "converted_by": "scripts/convert_petrarch.py"}, **verbs}
    (out / "cameo_verbs.json").write_text(compact_json(verbs), encoding="utf-8")
    header = ("# Agents: common nouns for groups and office holders, with their CAMEO sector\n"
              "# codes. Converted by scripts/convert_petrarch.py from Phoenix.agents.txt,\n"
              f"# openeventdata/petrarch2 commit {provenance['petrarch']}, MIT licence\n"
              "# (see LICENCE.md). Columns: phrase (lower case), sector.\n")
    (out / "agents.tsv").write_text(header + "".join(f"{p}\t{s}\n" for p, s in agents),
                                    encoding="utf-8")
    header = ("# Named actors: international organisations, NGOs, armed non-state groups, with\n"
              "# their current CAMEO code. Converted by scripts/convert_petrarch.py from\n"
              f"# openeventdata/petrarch2 commit {provenance['petrarch']}, MIT licence (see\n"
              "# LICENCE.md): Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt.\n"
              "# Columns: name (lower case), code.\n")
    (out / "named_actors.tsv").write_text(header + "".join(f"{n}\t{c}\n" for n, c in actors),
                                          encoding="utf-8")
    header = ("# CAMEO code -> PLOVER 2021 type and mode. Converted by\n"
              "# scripts/convert_petrarch.py from CAMEO2PLOVER-2021.txt, openeventdata/PLOVER\n"
              f"# commit {provenance['plover']}, (c) 2016-2021 Open Event Data Alliance,\n"
              "# CC BY-SA 4.0 (see LICENCE.md); this file is CC BY-SA 4.0 too.\n"
              "# Columns: cameo, type, mode.\n")
    (out / "cameo2plover.tsv").write_text(
        header + "".join(f"{c}\t{k}\t{m}\n" for c, k, m in plover), encoding="utf-8")


def compact_json(data: dict) -> str:
    """One entry per line: small, and a re-conversion diffs line by line."""
    parts = []
    for key, value in data.items():
        if isinstance(value, dict) and key != "_source":
            inner = ",\n".join(f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}"
                               for k, v in value.items())
            parts.append(f"{json.dumps(key)}:{{\n{inner}\n}}")
        else:
            parts.append(f"{json.dumps(key)}:{json.dumps(value, separators=(',', ':'))}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--petrarch", type=Path, required=True,
                        help="petrarch2's petrarch2/data/dictionaries folder")
    parser.add_argument("--petrarch-commit", required=True)
    parser.add_argument("--plover", type=Path, required=True, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("--plover-commit", required=True)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    verbs = read_verbs(args.petrarch / "CAMEO.2.0.txt")
    agents = read_agents(args.petrarch / "Phoenix.agents.txt")
    plover = read_plover(args.plover)
    actors: dict[str, str] = {}
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for actor, code in read_actors(args.petrarch / name):
            actors.setdefault(actor, code)
    write(args.out, verbs, agents, plover,
          {"petrarch": args.petrarch_commit, "plover": args.plover_commit}, sorted(actors.items()))
    print(f"{len(verbs['verbs'])} verbs, {sum(map(len, verbs['patterns'].values()))} patterns, "
          f"{len(agents)} agent phrases, {len(actors)} named actors, {len(plover)} CAMEO codes "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
