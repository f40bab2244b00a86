"""Stage `language`: the language of `text` (ISO 639-1).

A text full of English function words is English without asking a model, which is
both faster and surer on news with all-caps headlines and tables of names (where
statistical detectors stumble). Otherwise lingua decides: its full models for
short texts, its fast mode on a sample of long ones. A language note naming the
text's own language ("This article is in English") is not a translation.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import LanguageDetector, LanguageDetectorBuilder

from ..pipeline import Work, stage
from ..text.english import english_share

SAMPLE_CHARS = 1200
SHORT_TEXT = 200
UNDETERMINED = "und"
SURELY_ENGLISH = 0.12


@lru_cache(maxsize=2)
def detector(fast: bool) -> LanguageDetector:
    builder = LanguageDetectorBuilder.from_all_languages()
    return (builder.with_low_accuracy_mode() if fast else builder).build()


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence in 0..1) of `text`."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return UNDETERMINED, 0.0
    if english_share(sample) >= SURELY_ENGLISH:
        return "en", 1.0
    values = detector(fast=len(sample) > SHORT_TEXT).compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return UNDETERMINED, 0.0
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


@stage("language", reads=("text", "declared_language"), adds=("metadata.language", "language_confidence"))
def language(work: Work) -> None:
    meta = work.dossier.metadata
    if work.options.detect_language:
        meta.language, work.language_confidence = detect_language(work.dossier.text)
    elif work.declared_language:
        meta.language = work.declared_language
    if meta.original_language == meta.language:
        meta.original_language = None
