"""Every fault trial of tests/store/test_faults.py in one run, timed, with the trial table.

    .venv/bin/python bench/faults.py [--articles 30] [--sqlite-trials 20] [--postgres-trials 5]
                                     [--seed 20241125] [--postgres URL] [--markdown FILE]

Faults: kill -9 at seeded random times (SQLite, and PostgreSQL when a server is given),
kill -9 inside transactions (the migration, a batch, a failure's row, the clustering),
kill -9 while the server shows a write transaction open, the backend terminated by the
server, the server stopped and restarted (a private server of its own, never the shared
one), the server down for longer than the retries, and a full disk (SQLite's
max_page_count). After each, the same `newstrace ingest` command is run again and the
store compared with a clean ingest: exact row counts of every table, each article's
parts, lineage, stories, failures, no duplicates, SQLite's integrity checks.

PostgreSQL: --postgres, else NEWSTRACE_TEST_POSTGRES_URL; without either, SQLite only.
The table goes to standard output (and to --markdown); one line per trial to standard
error as trials end. Exit status 1 when a trial failed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import fault_harness as h  # noqa: E402


def main() -> int:
    args = parse()
    trials: list[h.Trial] = []
    started = time.monotonic()

    def record(trial: h.Trial) -> None:
        trials.append(trial)
        print(h.trial_lines([trial]), file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="newstrace-faults-") as tmp:
        folder = Path(tmp)
        corpus = h.write_corpus(folder / "corpus", args.seed, args.articles)
        sqlite_trials(corpus, folder, args, record)
        if args.postgres:
            postgres_trials(corpus, args, record)
        else:
            print("no PostgreSQL server given (--postgres or NEWSTRACE_TEST_POSTGRES_URL): "
                  "SQLite trials only", file=sys.stderr)
    output = h.table(trials)
    print(output)
    print(f"\n{len(trials)} trials, {sum(t.passed for t in trials)} passed, "
          f"{time.monotonic() - started:.0f} s")
    if args.markdown:
        Path(args.markdown).write_text(output + "\n\n" + h.trial_lines(trials) + "\n", encoding="utf-8")
    return 0 if all(t.passed for t in trials) else 1


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--sqlite-trials", type=int, default=20)
    parser.add_argument("--postgres-trials", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20241125)
    parser.add_argument("--postgres", default=os.environ.get("NEWSTRACE_TEST_POSTGRES_URL"))
    parser.add_argument("--markdown", help="also write the table and the trial lines here")
    return parser.parse_args()


def sqlite_trials(corpus: h.Corpus, folder: Path, args: argparse.Namespace,
                  record: Callable[[h.Trial], None]) -> None:
    clean = folder / "clean.db"
    reference, seconds = h.clean_reference(corpus, str(clean))
    print(f"clean ingest on SQLite: {seconds:.1f} s, {reference.row}", file=sys.stderr)
    for n, (at, workers, batch) in enumerate(h.kill_times(args.seed, args.sqlite_trials, seconds)):
        record(h.random_kill_trial(corpus, str(folder / f"random{n}.db"), "sqlite", reference,
                                   at, workers, batch))
    nth = random.Random(args.seed).randint(2, max(2, args.articles // 2))
    for point in h.KILL_POINTS:
        record(h.transaction_kill_trial(corpus, str(folder / f"inside-{point}.db"), "sqlite",
                                        reference, point, nth if point == "batch" else None))
    record(h.disk_full_trial(corpus, folder / "full", reference, h.sqlite_pages(clean)))


def postgres_trials(corpus: h.Corpus, args: argparse.Namespace,
                    record: Callable[[h.Trial], None]) -> None:
    server = args.postgres

    def on_fresh_database(run: Callable[[str], h.Trial]) -> None:
        url = h.create_database(server)
        try:
            record(run(url))
        finally:
            h.drop_database(url)

    url = h.create_database(server)
    try:
        reference, seconds = h.clean_reference(corpus, url)
    finally:
        h.drop_database(url)
    print(f"clean ingest on PostgreSQL: {seconds:.1f} s, {reference.row}", file=sys.stderr)
    for at, workers, batch in h.kill_times(args.seed + 1, args.postgres_trials, seconds):
        on_fresh_database(lambda u: h.random_kill_trial(corpus, u, "postgresql", reference,
                                                        at, workers, batch))
    nth = random.Random(args.seed + 2).randint(2, max(2, args.articles // 2))
    for point in ("batch", "clustering"):
        on_fresh_database(lambda u: h.transaction_kill_trial(corpus, u, "postgresql", reference, point,
                                                             nth if point == "batch" else None))
    for n in (1, 2, 3):
        on_fresh_database(lambda u: h.open_transaction_kill_trial(corpus, u, reference, n)[0])
    on_fresh_database(lambda u: h.terminate_trial(corpus, u, reference))
    if h.postgres_binaries() is None:
        print("no local PostgreSQL binaries: the server stop/restart trials are left out", file=sys.stderr)
        return
    with h.PrivateServer() as private:
        record(h.server_restart_trial(corpus, private, reference))
        record(h.server_down_trial(corpus, private, reference))


if __name__ == "__main__":
    sys.exit(main())
