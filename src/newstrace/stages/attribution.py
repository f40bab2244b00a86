"""Stage `attribution`: where each claim comes from and how sure it is.

`attribution` turns every speech act with a source into an attribution of its claim
(the claim, not the paragraph): named people and organisations, outlets, anonymous
groups described ("people close to his Libyan National Army"), documents. A sentence
that opens with "Also," or "In return," inside a reported passage carries the same
attribution; nothing else carries over. Each claim's factuality is how its source
holds it (`newstrace.nlp.factuality.attribution_factuality`): asserted, hedged, denied
or asked; what the claim itself says ("we will not accept") is content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dossier import Attribution, Span
from ..nlp.acts import SpeechAct
from ..nlp.factuality import attribution_factuality
from ..nlp.names import fold
from ..nlp.speech import lexicon
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

ATTRIBUTED = ("direct", "partial", "indirect", "according", "relay")
CLAIM_TRAIL = " \t\n.,;:!?”’\"'»"
# Sentence count a carried-over attribution may run on for.
MAX_CARRY = 3


@stage("attribution", reads=("doc", "speech_acts"), adds=("sources.attributions",))
def attribution(work: Work) -> None:
    acts: list[SpeechAct] = work.speech_acts
    doc, text = work.doc, work.dossier.text
    if doc is None:
        return
    made: list[Attribution] = []
    seen: set[tuple[int, int, str]] = set()
    for act in sorted(acts, key=lambda a: (a.content[0], a.position)):
        if act.kind not in ATTRIBUTED or act.source is None or act.by_unknown_pronoun or covered(act, acts):
            continue   # a "he" that resolves to no one is no source an analyst can use
        for one in [act, *carry_over(act, doc, text)]:
            claim = one.claim or one.content
            # the same claim whether or not its closing mark and stop were taken in
            end = claim[0] + len(text[claim[0]:claim[1]].rstrip(CLAIM_TRAIL))
            key = (claim[0], end, one.source.entity or fold(one.source.name))  # type: ignore[union-attr]
            if key in seen:
                continue   # two partial quotes in one claim: the claim once
            seen.add(key)
            made.append(make_attribution(len(made) + 1, one, text, doc))
    work.dossier.sources.attributions = made


def covered(act: SpeechAct, acts: list[SpeechAct]) -> bool:
    """A partial quote is part of a claim another act of the same source attributes."""
    if act.kind != "partial":
        return False
    return any(other is not act and other.kind in ("indirect", "according")
               and other.content[0] <= act.content[0] and act.content[1] <= other.content[1]
               and other.source is not None and act.source is not None
               and (other.source.entity or other.source.name) == (act.source.entity or act.source.name)
               for other in acts)


def make_attribution(number: int, act: SpeechAct, text: str, doc: Doc) -> Attribution:
    source = act.source
    assert source is not None
    claim = act.claim or act.content
    span = doc.char_span(*claim, alignment_mode="expand")
    return Attribution(
        id=f"a{number}",
        span=Span.of(text, *claim),
        source=source.name,
        kind=source.kind,  # type: ignore[arg-type]
        source_span=Span.of(text, *source.span) if source.span else None,
        source_entity=source.entity,
        cue=Span.of(text, *act.cue) if act.cue else None,
        factuality="negated" if act.refused else attribution_factuality(  # type: ignore[arg-type]
            doc.char_span(*act.cue, alignment_mode="expand") if act.cue else None, span),
        parts=[Span.of(text, s, e) for s, e in act.parts] if act.claim is None and len(act.parts) > 1 else [],
    )


def carry_over(act: SpeechAct, doc: Doc, text: str) -> list[SpeechAct]:
    """Following sentences that open with "Also," / "In return," keep the attribution."""
    if act.kind not in ("according", "indirect"):
        return []
    carried = []
    sentence = doc[act.sentence].sent
    for _ in range(MAX_CARRY):
        if sentence.end >= len(doc):
            break
        sentence = doc[sentence.end].sent
        opener = lexicon().carry_over.match(sentence.text)
        if opener is None:
            break
        start = sentence.start_char + opener.end()
        while start < sentence.end_char and text[start].isspace():
            start += 1
        end = sentence.end_char
        while end > start and (text[end - 1] in ".!?" or text[end - 1].isspace()):
            end -= 1
        if end - start < 3:
            break
        carried.append(SpeechAct(act.kind, (start, end), [(start, end)], None, "",
                                 act.source_head, act.source, sentence=sentence.start))
    return carried


