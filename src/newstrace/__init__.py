"""newstrace: news articles into sourced, structured dossiers.

    import newstrace
    dossier = newstrace.analyze(html, content_type="html", url="https://...")
    dossier.to_dict()
"""

from __future__ import annotations

from .api import analyze, analyze_many
from .config import Options
from .corpus.stories import cluster_stories
from .dossier import SCHEMA, Dossier, Span
from .errors import InputError, NewstraceError

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Dossier",
    "InputError",
    "NewstraceError",
    "Options",
    "Span",
    "analyze",
    "analyze_many",
    "cluster_stories",
    "__version__",
]
