"""Stage `language`: the language of `text` (ISO 639-1), with lingua.

Short texts get lingua's full models; long ones its fast mode on a sample, which
is as accurate there and far cheaper. A language note naming the text's own
language ("This article is in English") is not a translation.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import LanguageDetector, LanguageDetectorBuilder

from ..pipeline import Work, stage

SAMPLE_CHARS = 1200
SHORT_TEXT = 200
UNDETERMINED = "und"


@lru_cache(maxsize=2)
def detector(fast: bool) -> LanguageDetector:
    builder = LanguageDetectorBuilder.from_all_languages()
    return (builder.with_low_accuracy_mode() if fast else builder).build()


def detect_language(text: str) -> str:
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return UNDETERMINED
    found = detector(fast=len(sample) > SHORT_TEXT).detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else UNDETERMINED


@stage("language", reads=("text",), adds=("metadata.language",))
def language(work: Work) -> None:
    meta = work.dossier.metadata
    if work.options.detect_language:
        meta.language = detect_language(work.dossier.text)
    elif work.scratch.get("declared_language"):
        meta.language = work.scratch["declared_language"]
    if meta.original_language == meta.language:
        meta.original_language = None
