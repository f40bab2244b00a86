"""Stage `nlp`: the spaCy parse of `text` (tokens, sentences, dependencies, entities).

Batches go through `nlp.pipe`, so the per-article Python around the model stays small.
Texts longer than `max_text_chars` are parsed up to that point (the later stages see
only what was parsed); the rest of the text is untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Options
from ..nlp.model import load_model
from ..pipeline import Work, register_factory, run_guarded

NAME = "nlp"


@dataclass
class NlpStage:
    options: Options
    name: str = NAME
    reads: tuple[str, ...] = ("text",)
    adds: tuple[str, ...] = ("doc",)

    @property
    def model(self) -> Any:
        return load_model(self.options.spacy_model)

    def _text(self, work: Work) -> str:
        return work.dossier.text[: self.options.max_text_chars]

    def __call__(self, work: Work) -> None:
        work.doc = self.model(self._text(work))

    def pipe(self, works: list[Work]) -> None:
        live = [w for w in works if w.error is None]
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
