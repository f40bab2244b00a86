"""Scale out: the same pipeline as `analyze`, over a corpus too big for one machine.

    from newstrace.scale import run_batch, load_results

    summary = run_batch(["s3://bucket/cc-news/2024/"], "s3://bucket/out", engine="ray",
                        address="ray://head:10001", workers=64)
    load_results("s3://bucket/out", open_store("postgresql://..."))

Inputs (JSONL, WARC, Parquet, and every other format `newstrace.inputs` knows; local paths
or fsspec URLs) are cut into *units*, one per file. Records flow through Ray Data:
read (`sources.read_unit`), analysed by an actor pool (`analyzer.Analyzer`, the pipeline
built once per worker), written as Parquet tables partitioned by date
(`tables.write_batch`). A unit whose outputs are all written gets a marker in
`OUT/_done/`; a rerun skips it. `engine="local"` runs the same functions in this process,
without Ray. docs/scale.md has the layout, the cluster set-up and the figures.

Ray and pyarrow are an optional extra: `pip install 'newstrace[scale]'`.
"""

from __future__ import annotations

from typing import Any

from ..errors import ScaleUnavailableError

INSTALL_HINT = "pip install 'newstrace[scale]'"


def require(module: str, what: str) -> Any:
    """Import `module`, or fail with a message that says how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ScaleUnavailableError(
            f"{what} needs {module.split('.')[0]}, which is not installed: {INSTALL_HINT}"
        ) from None


def run_batch(*args: Any, **kwargs: Any) -> Any:
    """See `newstrace.scale.runner.run_batch`."""
    require("pyarrow", "newstrace batch")
    require("fsspec", "newstrace batch")
    from .runner import run_batch as run

    return run(*args, **kwargs)


def load_results(*args: Any, **kwargs: Any) -> Any:
    """See `newstrace.scale.load.load_results`."""
    require("pyarrow", "newstrace load")
    require("fsspec", "newstrace load")
    from .load import load_results as load

    return load(*args, **kwargs)


__all__ = ["INSTALL_HINT", "ScaleUnavailableError", "load_results", "require", "run_batch"]
