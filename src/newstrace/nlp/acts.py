"""A speech act: one thing someone is reported to have said, believed or relayed, as the
`quotes` stage finds it (its kind, content, cue and source). `attribution`, `source_chain`
and `group_sources` read the acts from `Work.speech_acts`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .resolve import Source

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(slots=True)
class SpeechAct:
    kind: str                                  # direct | partial | indirect | according | relay | channel
    content: tuple[int, int]
    parts: list[tuple[int, int]] = field(default_factory=list)
    cue: tuple[int, int] | None = None
    cue_text: str = ""
    source_head: Token | None = None           # the spaCy token naming the source
    source: Source | None = None
    sentence: int = 0                          # index of the sentence's first token
    relays: "SpeechAct | None" = None          # for "citing X": the act whose claim X backs
    refused: bool = False                      # "declined to comment": nothing was claimed
    claim: tuple[int, int] | None = None       # a partial quote's claim: the clause around it
    believing: bool = False                    # "believes", "understands": held, not said

    @property
    def position(self) -> int:
        return self.cue[0] if self.cue else self.content[0]

    @property
    def by_unknown_pronoun(self) -> bool:
        """'They said ...' with no one to be "they": a source that names nobody known."""
        head = self.source_head
        return self.source is not None and self.source.entity is None and head is not None \
            and head.pos_ == "PRON" and self.source.name == head.text
