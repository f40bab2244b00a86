"""The fuzz targets (fuzz/fuzz_readers.py) run for a bounded time: no crash, no hang.

Each target runs in a subprocess under libFuzzer for FUZZ_SECONDS (NEWSTRACE_FUZZ_SECONDS
overrides it), from a small seed corpus of an article as text and as HTML and a few
hostile inputs; any exception other than newstrace's own, any input slower than
`-timeout` seconds and any memory blow-up past `-rss_limit_mb` fails the test, with the
crashing input saved in the test's folder and named in the failure.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools.hostile import Sizes, article, article_html, case

ROOT = Path(__file__).resolve().parents[2]
FUZZER = ROOT / "fuzz" / "fuzz_readers.py"
FUZZ_SECONDS = int(os.environ.get("NEWSTRACE_FUZZ_SECONDS", "20"))
SEED_CASES = ("utf8-invalid", "utf16-le-no-bom", "mixed-encodings", "rtl-invisible",
              "binary-nul", "warc-truncated", "feed-billion-laughs")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                       reason="atheris is not installed (pip install atheris==3.1.0, in the "
                              "dev extra): the fuzz targets cannot run"),
]


def _seeds(folder: Path) -> Path:
    folder.mkdir()
    (folder / "article.txt").write_text(article(1), encoding="utf-8")
    (folder / "article.html").write_text(article_html(2), encoding="utf-8")
    small = Sizes(nesting_depth=300, random_bytes=512)
    for name in SEED_CASES:
        case(name).write_to(folder, small)
    case("deep-html").write_to(folder, small)
    # libFuzzer's inputs are at most -max_len bytes: the seeds are cut there.
    return folder


@pytest.mark.parametrize("target", ["text", "html"])
def test_fuzz_target(target: str, tmp_path: Path) -> None:
    seeds = _seeds(tmp_path / "seeds")
    work = tmp_path / "corpus"
    work.mkdir()
    command = [sys.executable, str(FUZZER), target, str(work), str(seeds),
               f"-max_total_time={FUZZ_SECONDS}", "-timeout=20", "-rss_limit_mb=3072",
               "-max_len=65536", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1",
               "-seed=20240304"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=FUZZ_SECONDS + 240,
                          cwd=tmp_path)
    log = done.stderr
    crashes = sorted(p.name for p in tmp_path.iterdir()
                     if p.name.startswith(("crash-", "timeout-", "oom-", "leak-")))
    assert done.returncode == 0 and not crashes, (
        f"fuzz target {target} failed (status {done.returncode}, inputs {crashes}):\n"
        f"{log[-6000:]}")
    runs = re.search(r"Done (\d+) runs in (\d+) second", log)
    assert runs and int(runs.group(1)) > 0, log[-3000:]
    report = os.environ.get("NEWSTRACE_FUZZ_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(f"{target} {runs.group(1)} {runs.group(2)}\n")
