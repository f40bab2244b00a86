"""`newstrace serve`: the REST API and the web page over a corpus store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the CLI reads the server's defaults (web.ratelimit) at start-up,
    # and every other command would otherwise pay for importing FastAPI.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
