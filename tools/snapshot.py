"""Everything newstrace makes of a fixed set of real inputs, as sorted JSON lines, so that
two versions of the code can be compared byte for byte (a refactoring changes nothing).

    PYTHONPATH=OLD/src python tools/snapshot.py old.jsonl
    PYTHONPATH=src     python tools/snapshot.py new.jsonl && cmp old.jsonl new.jsonl

Run it as a file, not a module, so that PYTHONPATH picks the version under test. The
inputs: the bundled examples, the seed, every tenth page of the extraction dev set, 40
texts of the quotes dev set, the 161 PLOVER dev records (read from ../shared at run
time; nothing is copied), each through `analyze`; then the same pages and texts through
`ingest` (workers 2) and `batch` (local engine): the stored dossiers and part tables, and
the Parquet tables. With `--analyze-only`, the first part alone (about 30 s). With
`--whole-dev`, every dev document through `analyze` instead: all 990 extraction pages,
the quotes dev texts, the PLOVER records, the LGL and GeoVirus articles and the ECB+
documents (2,548 in all, about 7 minutes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PART_TABLES = ("mentions", "quotes", "attributions", "events", "event_roles")
PARQUET_TABLES = ("dossiers", "entities", "quotes", "attributions", "events", "places")


def inputs() -> Iterator[tuple[str, bytes, str]]:
    """(name, content, content type) of every input, in a fixed order."""
    for path in sorted((REPO / "examples").iterdir()):
        yield path.name, path.read_bytes(), "auto"
    yield "seed", (SHARED / "seed" / "000_14bd1d579edae359.txt").read_bytes(), "auto"
    for path in sorted((SHARED / "eval" / "extraction" / "html").glob("*.html.gz"))[1::10]:
        yield path.name, gzip.decompress(path.read_bytes()), "html"
    texts = sorted((SHARED / "eval" / "quotes").glob("**/*.txt"))
    for path in texts[::max(1, len(texts) // 40)][:40]:
        yield str(path.relative_to(SHARED)), path.read_bytes(), "plain"
    records = json.loads((SHARED / "eval" / "events" / "plover_gsr_dev.json").read_text("utf-8"))
    for number, record in enumerate(records if isinstance(records, list) else []):
        text = record.get("text") or ""
        if text:
            yield f"plover#{number}", text.encode("utf-8"), "plain"


def whole_dev() -> Iterator[tuple[str, bytes | str, str]]:
    """Every document of the dev sets, in a fixed order."""
    import xml.etree.ElementTree as ET

    evaluation = SHARED / "eval"
    for path in sorted((evaluation / "extraction" / "html").glob("*.html.gz")):
        yield path.name, gzip.decompress(path.read_bytes()), "html"
    for path in sorted((evaluation / "quotes" / "dev").glob("**/*.txt")):
        yield str(path.relative_to(SHARED)), path.read_bytes(), "plain"
    records = json.loads((evaluation / "events" / "plover_gsr_dev.json").read_text("utf-8"))
    for number, record in enumerate(records):
        if record.get("text"):
            yield f"plover#{number}", record["text"], "plain"
    for name in ("lgl.xml.gz", "GeoVirus.xml.gz"):
        root = ET.fromstring(gzip.decompress((evaluation / "geo" / name).read_bytes()))
        for number, article in enumerate(root.iter("article")):
            text = article.findtext("text")
            if text:
                yield f"{name}#{number}", text, "plain"
    with gzip.open(evaluation / "samestory" / "ecbplus_odd_topics.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line)
            yield document["doc"], document["text"], "plain"


def analysed(every_dev_document: bool = False) -> Iterator[str]:
    import newstrace

    for name, content, content_type in (whole_dev() if every_dev_document else inputs()):
        try:
            dossier: Any = newstrace.analyze(content, content_type, path=name).to_dict()
        except Exception as exc:  # noqa: BLE001  (a refusal is part of the snapshot)
            dossier = {"error": str(exc)}
        yield json.dumps({"analyze": name, "dossier": dossier}, sort_keys=True, ensure_ascii=False)


def stored(folder: Path) -> Iterator[str]:
    from sqlalchemy import create_engine, text

    from newstrace.config import Options
    from newstrace.corpus.ingest import ingest
    from newstrace.scale import run_batch
    from newstrace.scale.load import read_table
    from newstrace.store import open_store

    corpus = folder / "in"
    corpus.mkdir()
    for number, (name, content, _) in enumerate(inputs()):
        if name.endswith(".html.gz") or name.endswith(".txt"):
            suffix = ".html" if name.endswith(".html.gz") else ".txt"
            (corpus / f"{number:04d}{suffix}").write_bytes(content)
    db = folder / "store.db"
    store = open_store(f"sqlite:///{db}")
    ingest([str(corpus)], store, Options(), workers=2, batch_size=8)
    for dossier in sorted(store.dossiers(), key=lambda d: d["id"]):
        yield json.dumps({"stored": dossier["id"], "dossier": dossier}, sort_keys=True, ensure_ascii=False)
    store.close()
    with create_engine(f"sqlite:///{db}").connect() as connection:
        for table in PART_TABLES:
            columns = [r[1] for r in connection.execute(text(f"PRAGMA table_info({table})")) if r[1] != "id"]
            rows = connection.execute(text(f"SELECT {', '.join(columns)} FROM {table}")).all()
            yield from sorted(json.dumps([table, *row], default=str) for row in rows)
    out = folder / "batch"
    run_batch([str(corpus)], str(out), engine="local")
    for table in PARQUET_TABLES:
        rows = read_table(str(out), table).to_pylist()
        yield from sorted(json.dumps(["parquet", table, row], default=str, sort_keys=True)
                          for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--analyze-only", action="store_true")
    parser.add_argument("--whole-dev", action="store_true", help="every dev document, analyse only")
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as handle:
        lines = 0
        for line in analysed(args.whole_dev):
            handle.write(line + "\n")
            lines += 1
        if not (args.analyze_only or args.whole_dev):
            # One fixed folder: the batch job's tables name the input folder they read.
            folder = Path(tempfile.gettempdir()) / "newstrace-snapshot"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                for line in stored(folder):
                    handle.write(line + "\n")
                    lines += 1
            finally:
                shutil.rmtree(folder, ignore_errors=True)
    print(f"{lines} lines to {args.out}")


if __name__ == "__main__":
    main()
