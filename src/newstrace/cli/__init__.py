"""The `newstrace` command: a thin shell over the library, one module per command group."""

from __future__ import annotations

from . import analyze, corpus, evaluate  # noqa: F401  (each module registers its commands)
from . import serve  # noqa: F401
from . import batch  # noqa: F401
from .app import app, main

__all__ = ["app", "main"]
