"""The `newstrace` command: a thin shell over the library, one module per command group."""

from __future__ import annotations

from . import (  # noqa: F401  (each module registers its commands)
    analyze,
    batch,  # noqa: F401
    corpus,
    evaluate,
    follow,
    serve,  # noqa: F401
)
from .app import app, main

__all__ = ["app", "main"]
