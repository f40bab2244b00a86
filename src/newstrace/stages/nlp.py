"""Stage `nlp`: the spaCy parse of `text` (tokens, sentences, dependencies, entities).

Batches go through `nlp.pipe`, so the per-article Python around the model stays small.
Texts longer than `max_text_chars` are parsed up to that point (the later stages see
only what was parsed); the rest of the text is untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import Options
from ..dossier import DossierWarning
from ..nlp.model import load_model
from ..pipeline import Work, register_factory, run_guarded
from ..text.english import english_share

if TYPE_CHECKING:
    from spacy.language import Language

NAME = "nlp"
# The model reads English. A text detected, without much confidence, as another
# language is still parsed when English function words are common in it: tables
# of names and all-caps headlines fool language detection.
ENGLISH = "en"
SURE_DETECTION = 0.8
SOME_ENGLISH = 0.03


def english_enough(text: str, language: str, confidence: float = 1.0) -> bool:
    if language in (ENGLISH, "und") or confidence < SURE_DETECTION:
        return True
    return english_share(text[:5000]) >= SOME_ENGLISH


@dataclass
class NlpStage:
    options: Options
    name: str = NAME
    reads: tuple[str, ...] = ("text", "metadata.language", "language_confidence")
    adds: tuple[str, ...] = ("doc", "warnings")

    @property
    def model(self) -> Language:
        return load_model(self.options.spacy_model)

    def _text(self, work: Work) -> str:
        return work.dossier.text[: self.options.max_text_chars]

    def _wanted(self, work: Work) -> bool:
        """Parse only what the English model can read; say so when a text is skipped."""
        if work.error is not None:
            return False
        language = work.dossier.metadata.language
        confidence = work.language_confidence
        if english_enough(work.dossier.text, language, confidence):
            return True
        work.dossier.warnings.append(DossierWarning(
            kind="language",
            message=(f"the text is in '{language}'; entities, quotes and events are "
                     "extracted from English text only"),
        ))
        return False

    def __call__(self, work: Work) -> None:
        if self._wanted(work):
            work.doc = self.model(self._text(work))

    def pipe(self, works: list[Work]) -> None:
        live = [w for w in works if self._wanted(w)]
        texts = [self._text(w) for w in live]
        try:
            docs = list(self.model.pipe(texts, batch_size=self.options.batch_size))
        except (ValueError, MemoryError, RuntimeError):
            # One text the model cannot take must not sink the batch: redo one by one.
            for work in live:
                run_guarded(self, work)
            return
        for work, doc in zip(live, docs):
            work.doc = doc


register_factory(NAME, lambda options: NlpStage(options))
