"""Stage `quotes`: who said what, in quotation marks or in reported speech.

Speech acts are found in four ways, then resolved in reading order (so that "he
commented" can be the speaker just quoted):
- quotations in any mark style: `direct` when they are an utterance of their own
  (`"...," he said`, `said: "..."`), `partial` when a fragment sits inside reported
  speech (`taken "very seriously" by ..., says X`); a name in quotation marks
  (`writes "Trud"`) or a scare quote with no speech cue is no quote;
- reported speech: a speech verb and the clause it introduces (`indirect`):
  "X said (that) ...", "..., X notes", "X declined to comment on ...";
- "according to X", "citing X", "referring to X" before or after a claim;
- a quotation that opens a paragraph straight after another speaker's quotation, with
  no cue of its own, continues that speaker.
A quotation interrupted by its cue (`"...," he said, "..."`) is one quote whose `parts`
(an added field) are the quoted pieces. The acts are kept for the `attribution` stage.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from ..dossier import SPEAKER_TYPES, Quote, Span
from ..nlp.acts import SpeechAct
from ..nlp.dateline import dateline_tokens
from ..nlp.firstnames import person_like
from ..nlp.quotemarks import QUOTE_CHARS, Quoted, find_quotes
from ..nlp.resolve import NOBODY, OFFICE_WORDS, Resolver, Source, previous_sentence
from ..nlp.speech import (
    clause_span,
    content_clause,
    cue_span,
    is_document,
    is_institution,
    is_people,
    is_speech_verb,
    lexicon,
    speech_verb_forms,
    subject,
    with_stray_subject,
)
from ..pipeline import Work, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# A cue this far (in characters) from a quotation's marks still introduces it.
CUE_REACH = 80
MAX_NAME_WORDS = 4
WORD = re.compile(r"\w+")


@stage("quotes", reads=("doc", "entities", "entities.descriptors"), adds=("quotes", "speech_acts"))
def quotes(work: Work) -> None:
    doc = work.doc
    if doc is None:
        return
    text = work.dossier.text
    parsed = len(doc.text)      # once: spaCy joins the tokens' text at every call
    quoted = [q for q in find_quotes(text[:parsed]) if q.end <= parsed]
    acts = quotation_acts(doc, text, quoted)
    acts += reported_acts(doc, text, quoted, {part for a in acts for part in a.parts})
    acts += prepositional_acts(doc, text, acts)
    resolver = Resolver(doc, text, work.dossier.entities, [(q.open_mark, q.after_close) for q in quoted])
    resolve_in_order(acts, resolver, doc)
    # reported speech is only speech when someone speaks
    # reported speech by nobody known is dropped; a quotation keeps its words, no speaker
    acts = [a for a in acts if a.kind != "indirect" or (a.source is not None and not a.by_unknown_pronoun)]
    acts = [a for a in acts if not _nested_in_a_claim(a, acts)]
    acts += told_outlets(acts, resolver, doc)
    named = [(m.start, m.end) for e in work.dossier.entities if e.type in SPEAKER_TYPES for m in e.mentions]
    acts = continue_speakers(acts, text, named)
    inherit_speakers(acts, doc, text)
    work.speech_acts = acts
    work.dossier.quotes = to_quotes(acts, text)


# -- quotations ------------------------------------------------------------------------


def quotation_acts(doc: Doc, text: str, quoted: list[Quoted]) -> list[SpeechAct]:
    acts: list[SpeechAct] = []
    for q in quoted:
        content = text[q.start:q.end]
        verb = cue_for_quote(doc, q, text)
        signed = signature(doc, text, q)
        if signed is not None and verb is not None and _other_line(text, verb.idx, q):
            verb = None    # a signature or a label on the quotation's line beats a verb off it
        kind = quotation_kind(text, q, content, verb)
        if kind == "partial" and verb is not None and scare_quote(doc, q, content, verb):
            continue
        if kind is None:
            continue
        first = doc.char_span(q.start, q.end, alignment_mode="expand")
        act = SpeechAct(kind, (q.start, q.end), list(q.parts),
                        sentence=first.sent.start if first is not None and len(first) else 0)
        if verb is not None:
            act.cue = cue_span(verb)
            act.cue_text = text[act.cue[0]:act.cue[1]]
            act.source_head = _subject_outside(verb, q)
            if kind == "partial":
                if act.source_head is None:
                    continue   # a fragment nobody is said to have said: a scare quote
                act.claim = claim_around(verb, q, text)
        if act.source_head is None:
            # no verb, or one without a subject ("Added Johnson:", misparsed): the other
            # ways a quotation names its speaker
            found = according_near(doc, q) or signed or colon_cue(doc, text, q) or inverted_after(doc, text, q)
            if found is not None:
                act.cue, act.source_head = found
                act.cue_text = text[act.cue[0]:act.cue[1]]
        acts.append(act)
    return merge_interrupted(acts, text, doc)


def _subject_outside(verb: Token, q: Quoted) -> Token | None:
    """The cue's subject, never words of the quotation itself: in '"Every section of
    the county is concerned," Thomas said' the parse gives "said" two subjects."""
    found = subject(verb)
    if found is None or not q.open_mark <= found.idx < q.after_close:
        return found
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                 and not q.open_mark <= c.idx < q.after_close), None)


def quotation_kind(text: str, q: Quoted, content: str, verb: Token | None) -> str | None:
    """direct, partial, or None for a name, a title or a scare quote."""
    words = WORD.findall(content)
    if not words:
        return None
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    before = text[line_start:q.open_mark].strip()
    after = text[q.after_close:].lstrip()
    # A quotation opens an utterance after a colon, a comma, a dash or a full stop.
    opens_utterance = not before or before[-1] in ":,.!?—–-"
    # an inner quotation may close with the outer one: "... saying, 'Don't leave it.'"
    last = content.rstrip().rstrip("".join(QUOTE_CHARS)).rstrip()[-1:]
    ends_utterance = last in ".,!?…;:" or not after or after[0] in ",.;:—–-\n"
    if title_case(words):   # speech is not printed in title case, names and titles are
        return None   # a name or title: writes "Trud", the show "Saturday Night Live,"
    if opens_utterance and ends_utterance and (len(words) > 2 or verb is not None):
        return "direct"
    if content[:1].isupper() and len(words) > 3 and (last in ".,!?" or opens_utterance):
        # a sentence of speech, even where the reporter finishes it: ''It's a tax
        # increase'' for the top bracket.
        return "direct"
    return "partial" if verb is not None else None


# A quoted fragment this short, that the speech verb does not govern, is a term or a
# scare quote ("'redlining'", "or 'dorms' as they are known"), not words of a speaker.
SCARE_WORDS = 3


def scare_quote(doc: Doc, q: Quoted, content: str, verb: Token) -> bool:
    if len(WORD.findall(content)) > SCARE_WORDS:
        return False
    inside = doc.char_span(q.start, q.end, alignment_mode="expand")
    if inside is None or len(inside) == 0:
        return True
    root = inside.root
    # a term inside a noun phrase: a noun's modifier ('a “sister city” relationship') or
    # a preposition's object under a noun ('partnerships with “sister cities”')
    if root.dep_ in ("compound", "amod", "nmod") or (
            root.dep_ == "pobj" and root.head.head.pos_ in ("NOUN", "PROPN")):
        return True
    return all(ancestor.i != verb.i for ancestor in root.ancestors)


SMALL_WORDS = frozenset("a an the of and or in on at to for by with from is are s t nor but".split())


def title_case(words: list[str]) -> bool:
    """'Saturday Night Live', 'Coal Isn't the Villain': a name or a headline, not speech."""
    if len(words) > MAX_NAME_WORDS + 4 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in SMALL_WORDS for w in words)


def cue_for_quote(doc: Doc, q: Quoted, text: str) -> Token | None:
    """The speech verb that introduces a quotation: one whose clause holds it, or the
    nearest speech verb in the quotation's sentences, outside the quotation."""
    inside = doc.char_span(q.start, q.end, alignment_mode="expand")
    if inside is None or len(inside) == 0:
        return None
    sentences = {inside[0].sent.start: inside[0].sent, inside[-1].sent.start: inside[-1].sent}
    close = q.close_mark if q.close_mark is not None else q.end
    following = _sentence_after_close(doc, q)
    if following is not None:
        sentences[following.start] = following
    # a quotation closed by a full stop ends its sentence: a tag comes before it, or
    # after a comma, question or exclamation, never after the stop (text with its paragraph
    # breaks lost runs it into the next sentence: '..."about." Her career was long, friends said')
    ended = text[q.start:q.end].rstrip().endswith(".") and q.close_mark is not None
    candidates = []
    for sentence in sentences.values():
        for token in sentence:
            if not is_speech_verb(token) or q.open_mark <= token.idx <= close or (ended and token.idx > close):
                continue
            governs = any(ancestor.i == token.i for ancestor in inside.root.ancestors)
            distance = q.open_mark - token.idx if token.idx < q.open_mark else token.idx - close
            if governs or distance <= CUE_REACH:
                candidates.append((not governs, distance, token))
    if not candidates:
        return manner_tag(doc, q, text)
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


TAG_WORDS = 6


def manner_tag(doc: Doc, q: Quoted, text: str) -> Token | None:
    """'"France will always be France," an angry Hollande retaliated.', '"...!" Oliver
    barked': right after a quotation that ends on a comma, a question or an exclamation,
    a short clause of a subject and its verb, ending the sentence, is the quotation's tag
    whatever the verb."""
    if q.close_mark is None or text[q.close_mark - 1:q.close_mark] not in (",", "?", "!") \
            and text[q.start:q.end].rstrip()[-1:] not in (",", "?", "!"):
        return None
    after = doc.char_span(q.after_close, min(len(text), q.after_close + 60), alignment_mode="expand")
    words = [t for t in after or [] if not t.is_space]
    if not words or "\n" in text[q.after_close:words[0].idx]:
        return None
    for token in words[:TAG_WORDS + 1]:
        if token.pos_ == "VERB" and token.tag_ in ("VBD", "VBZ", "VBP"):
            subjects = [c for c in token.children if c.dep_ == "nsubj" and c.i < token.i]
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            objects = [c for c in token.children if c.dep_ in ("dobj", "ccomp", "xcomp") and c.idx > q.after_close]
            if subjects and subjects[0].left_edge.i == words[0].i and not objects \
                    and (following is None or following.text in (".", ",", ";")):
                return token
            return None
        if token.is_punct:
            return None
    return None


def _sentence_after_close(doc: Doc, q: Quoted) -> SpacySpan | None:
    """'"Does anybody know?" Graham asked.': a question or exclamation ends the parser's
    sentence inside the marks, and the tag that follows is a sentence of its own; it
    belongs to the quotation when it starts right after the closing mark, in lower case
    or with a name, and is short."""
    if q.close_mark is None:
        return None
    after = doc.char_span(q.after_close, min(len(doc.text), q.after_close + 40), alignment_mode="expand")
    if after is None or len(after) == 0:
        return None
    first = next((t for t in after if not t.is_space), None)
    if first is None or first.idx - q.after_close > 2 or first.is_punct \
            or any("\n" in t.text_with_ws for t in after if t.i < first.i):   # nor opens a paragraph
        return None
    sentence = first.sent
    if sentence.start != first.i or len(sentence) > 12:
        return None
    return sentence


def claim_around(verb: Token, q: Quoted, text: str) -> tuple[int, int] | None:
    """The clause a partial quote belongs to: what the verb's speaker is said to claim
    ('calls it a "war of words"' -> 'it a "war of words"')."""
    sentence = verb.sent
    subject_tokens = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                      for t in c.subtree}
    if q.open_mark > verb.idx:
        tokens = [t for t in verb.subtree if t.i > verb.i and t.i not in subject_tokens]
    else:
        tokens = [t for t in sentence if t.i < verb.i and t.i not in subject_tokens]
    while tokens and (tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS
                      or tokens[0].dep_ == "prt"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if end <= q.start or q.end <= start:
        return None
    close = q.after_close
    return within_paragraph(text, (min(start, q.open_mark), max(end, close)), max(close, verb.idx))


NEXT_VISIBLE = re.compile(r"\S")


def _paragraph_end(text: str, newline: int) -> bool:
    """A line break after a sentence's end, before a capital or a quotation mark."""
    before = newline - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    after = NEXT_VISIBLE.search(text, newline)
    following = after.group() if after else ""
    return before >= 0 and text[before] in ".!?”\"’'" and (following.isupper() or following in QUOTE_CHARS)


def within_paragraph(text: str, span: tuple[int, int] | None, anchor: int) -> tuple[int, int] | None:
    """A claim ends with its line: the parser may run a sentence on over a line break
    into the next paragraph's narration; cut there (after `anchor`, which must stay in)."""
    if span is None:
        return None
    start, end = span
    cut = text.find("\n", max(start, anchor), end)
    while cut >= 0 and not _paragraph_end(text, cut):
        cut = text.find("\n", cut + 1, end)   # a hard wrap inside a sentence goes on
    if cut < 0:
        return span
    while cut > start and (text[cut - 1].isspace() or text[cut - 1] in ",;:—–-"):
        cut -= 1
    return (start, cut) if cut > start else None


SIGNATURE_DASH = re.compile(r"[ \t\u00a0]*([―—–]|--?)[ \t\u00a0]*")
LABEL_COLON = re.compile(r"([^\W\d][\w.'’ -]{1,60}?)\s*:\s*$")
# A signed quotation's name ends its line, alone or before a comma and a descriptor
# ('― Carla Sanchez.', '— Ana Ruiz, teacher, Ohio'): a dash that goes on into a
# sentence ('" — and then he left') is punctuation, not a signature.
SIGNED_NAME_WORDS = 5


def signature(doc: Doc, text: str, q: Quoted) -> tuple[tuple[int, int], Token] | None:
    """'"..." ― Veronica Cruz' (a signed quotation) or 'Trump: "..."' (a labelled one):
    the name by the dash or before the colon is the speaker, the dash or colon the cue."""
    after = SIGNATURE_DASH.match(text, q.after_close)
    if after is not None and after.group(1):
        name = _signed_name(doc, text, after.end())
        if name is not None:
            return (after.start(1), after.end(1)), name
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    label = LABEL_COLON.search(text, line_start, q.open_mark)
    if label is not None and label.start(1) == line_start:
        # "Marta Kowalski:", "A lesson from Loretta Lynch:": a short label naming someone
        words = WORD.findall(label.group(1))
        span = doc.char_span(label.start(1), label.end(1), alignment_mode="expand")
        named = [t for t in span or [] if t.ent_type_ in ("PERSON", "ORG")]
        if named and len(words) <= MAX_NAME_WORDS + 4 and not re.search(r"[.!?]\s", label.group(1)):
            colon = text.index(":", label.end(1))
            return (colon, colon + 1), named[-1]
    return None


# "made the following comment:", "issued this statement:": a light verb and a noun for
# words introduce what follows the colon as that subject's.
SPEECH_NOUNS = frozenset({"comment", "comments", "statement", "remark", "remarks", "words",
                          "message", "response", "reply", "answer", "tweet", "post"})
# Verbs that produce the words they take ("made a comment", "rolled out a message",
# "changed my answer"), unlike verbs about them ("rated this statement").
LIGHT_VERBS = frozenset({"make", "issue", "release", "give", "post", "deliver", "publish", "send",
                         "offer", "have", "tweet", "write", "share", "roll", "put", "change",
                         "repeat", "add", "leave", "pen", "provide"})
COLON_BEFORE = re.compile(r":[ \t\u00a0]*(?:\n[ \t\u00a0]*){0,2}$")


def colon_cue(doc: Doc, text: str, q: Quoted) -> tuple[tuple[int, int], Token] | None:
    """'Said Ellis: "..."', 'Caddell continued:' and a new paragraph of quotation, 'Sanders
    made the following comment:': the colon's clause names the speaker."""
    before = COLON_BEFORE.search(text, max(0, q.open_mark - 8), q.open_mark)
    if before is None:
        return None
    colon = doc.char_span(before.start(), before.start() + 1, alignment_mode="expand")
    if colon is None or len(colon) == 0:
        return None
    clause = [t for t in colon[0].sent if t.i < colon[0].i]
    inverted = _inverted_tag(clause)
    if inverted is not None:
        return inverted
    for token in reversed(clause):
        if token.lower_ in SPEECH_NOUNS and token.pos_ == "NOUN":
            # "this statement by Trump:", however the parser attached the "by"
            after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            by = next((o for o in after.children if o.dep_ == "pobj"), None) \
                if after is not None and after.lower_ == "by" else None
            if by is not None:
                return (token.idx, by.idx + len(by)), by
        noun = next((c for c in token.children if c.dep_ == "dobj" and c.lower_ in SPEECH_NOUNS), None) \
            if token.lemma_.lower() in LIGHT_VERBS else None
        if is_speech_verb(token) or noun is not None:
            head = subject(token)
            if head is None or q.open_mark <= head.idx <= q.after_close:
                return None
            start, end = cue_span(token)
            return (start, max(end, noun.idx + len(noun)) if noun is not None else end), head
    return None


def inverted_after(doc: Doc, text: str, q: Quoted) -> tuple[tuple[int, int], Token] | None:
    """'"...," comments coach Darren Ripley.': a speech verb and a name right after the
    closing mark, which the tagger read as one long name."""
    if q.close_mark is None or (text[q.start:q.end].rstrip()[-1:] not in (",", "?", "!")
                                and text[q.after_close:q.after_close + 1] != ","):
        return None
    after = doc.char_span(q.after_close, min(len(text), q.after_close + 80), alignment_mode="expand")
    words: list[Token] = []
    for token in after or []:
        if token.is_punct and (words or token.text != ","):
            break
        if not token.is_space and not token.is_punct:
            words.append(token)
    return _inverted_tag(words)


def _inverted_tag(clause: list[Token]) -> tuple[tuple[int, int], Token] | None:
    """'Said Ellis:', 'Added the mayor:': a speech verb opening its sentence, then the
    speaker; the tagger often takes the verb for part of a name."""
    if len(clause) < 2 or len(clause) > 1 + SIGNED_NAME_WORDS:
        return None
    verb, last = clause[0], clause[-1]
    if verb.lower_ not in speech_verb_forms() or last.pos_ not in ("PROPN", "NOUN"):
        return None
    return (verb.idx, verb.idx + len(verb)), last


def _signed_name(doc: Doc, text: str, start: int) -> Token | None:
    """The head of the person's name that fills the rest of the line from start (up to a
    comma), or None."""
    line_end = text.find("\n", start)
    line = text[start:line_end if line_end >= 0 else len(text)]
    name = line.split(",")[0].strip().rstrip(".").strip()
    words = name.split()
    if not words or len(words) > SIGNED_NAME_WORDS or not all(w[:1].isupper() for w in words):
        return None
    span = doc.char_span(start + line.index(name), start + line.index(name) + len(name),
                         alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if span[0].ent_type_ != "PERSON" and not person_like(name):
        return None
    return span[-1]


def _other_line(text: str, position: int, q: Quoted) -> bool:
    start, end = sorted((position, q.open_mark if position < q.open_mark else q.after_close))
    return "\n" in text[start:end]


def according_near(doc: Doc, q: Quoted) -> tuple[tuple[int, int], Token] | None:
    """'according to X' in the quotation's sentence, outside it."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    for token in span[0].sent:
        if token.lower_ == "according" and not (q.open_mark <= token.idx <= (q.close_mark or q.end)):
            found = prepositional_source(token)
            if found is not None:
                return found
    return None


def _narration_between(doc: Doc, start: int, end: int) -> bool:
    """'"A," she said. The rain kept falling. "B"': after the tag's sentence, a sentence
    of words begins before the next quotation opens; two utterances, not one."""
    between = doc.char_span(start, end, alignment_mode="contract")
    if between is None or len(between) < 2:
        return False
    tag_sentence = between[0].sent
    return any(t.sent.start != tag_sentence.start and t.is_sent_start and t.is_alpha for t in between[1:])


def merge_interrupted(acts: list[SpeechAct], text: str, doc: Doc) -> list[SpeechAct]:
    """'"A," he said, "B"' and '"A," he said. "B."': one utterance in two parts, with
    one cue: the second piece, in the same paragraph, has no cue of its own (or the same)
    and the first one's cue stands between them."""
    merged: list[SpeechAct] = []
    for act in acts:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.kind == act.kind == "direct"
                and previous.cue is not None and act.cue in (None, previous.cue)
                and previous.content[1] < previous.cue[0] < act.content[0]
                and "\n" not in text[previous.content[1]:act.content[0]]
                and not _narration_between(doc, previous.cue[1], act.content[0])):
            previous.parts.extend(act.parts)
            previous.content = (previous.content[0], act.content[1])
            continue
        merged.append(act)
    return merged


# -- reported speech -------------------------------------------------------------------


def reported_acts(doc: Doc, text: str, quoted: list[Quoted], quoting: set[tuple[int, int]]) -> list[SpeechAct]:
    """Speech verbs with the clause they introduce, outside quotations. A clause that is
    mostly a quotation (`quoting`: the parts of the quotations that are speech) is that
    quotation's act; a term in quotation marks ('a “sister city” relationship') is not."""
    spans = [(q.open_mark, q.close_mark if q.close_mark is not None else q.end) for q in quoted]
    speech = [(q.open_mark, q.close_mark if q.close_mark is not None else q.end) for q in quoted
              if any(part in quoting for part in q.parts)]
    acts = []
    for token in doc:
        if not is_speech_verb(token) or any(s <= token.idx <= e for s, e in spans):
            continue
        clause = content_clause(token)
        speaker = subject(token)
        if clause is None or speaker is None:
            continue
        content = within_paragraph(text, with_stray_subject(token, clause[0], clause_span(*clause)), token.idx)
        if content is None or len(WORD.findall(text[content[0]:content[1]])) < 2:
            continue
        if _open_question(token, text[content[0]:content[1]]) or _unasserted_belief(token) \
                or _former_belief(token):
            continue
        if any(_overlap(content, (s, e)) > 0.5 * min(e - s, content[1] - content[0])
               for s, e in speech):
            continue   # the clause is (mostly) a quotation: that act is the quotation's
        cue = cue_span(token)
        acts.append(SpeechAct("indirect", content, [content], cue, text[cue[0]:cue[1]], speaker,
                              sentence=token.sent.start,
                              refused=token.lemma_.lower() in lexicon().refusal_verbs,
                              believing=token.lemma_.lower() in BELIEVING))
    return acts


# "don't know what happened", "understand how it works": knowing an open question
# claims nothing.
KNOWING = frozenset({"know", "understand", "wonder", "believe", "imagine"})
OPEN_QUESTION = re.compile(r"^(?:what|whether|if|how|why|when|where|who|whom|which)\b", re.I)
# Verbs of holding something true, not of saying it.
BELIEVING = KNOWING | {"think", "fear", "hope", "expect", "suspect", "feel", "assume"}
# Auxiliaries under which a belief is still held: "do not believe", "will think".
HOLDING_AUX = frozenset({"do", "does", "did", "will", "would", "may", "might", "can", "could",
                         "should", "must", "shall"})


def _open_question(verb: Token, content: str) -> bool:
    """Also when the clause's wh-word fell outside its content ("never knew what it was
    like": the content starts at "it")."""
    if verb.lemma_.lower() not in KNOWING:
        return False
    return OPEN_QUESTION.match(content) is not None or any(
        c.dep_ == "ccomp" and OPEN_QUESTION.match(c.left_edge.text) is not None for c in verb.children)


def _former_belief(verb: Token) -> bool:
    """'El-Safti thought he had equalised': a belief held then, in the past perfect, is
    told as one that did not hold; the narrator claims nothing through it."""
    return verb.lemma_.lower() in BELIEVING and verb.tag_ == "VBD" and any(
        c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "had" for a in c.children)
        and c.tag_ == "VBN" for c in verb.children)


def _unasserted_belief(verb: Token) -> bool:
    """A belief nobody is said to hold, only made or wanted: "have the community believe
    ...", "wants voters to think ...": a believing verb in its bare form, with no
    auxiliary that makes someone hold it."""
    return verb.lemma_.lower() in BELIEVING and verb.tag_ == "VB" \
        and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in HOLDING_AUX for c in verb.children)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# -- "according to", "citing", "referring to" ------------------------------------------------


def prepositional_source(token: Token) -> tuple[tuple[int, int], Token] | None:
    """For 'according' (to X), 'citing' X, 'referring' (to X), 'quoting' X: (cue, X)."""
    word = token.lower_
    if word in ("according", "referring"):
        for child in token.children:
            if child.lower_ == "to":
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if objects:
                    return (token.idx, child.idx + len(child)), objects[0]
        return None
    if word in ("citing", "quoting"):
        objects = [o for o in token.children if o.dep_ in ("dobj", "pobj", "attr")]
        if objects:
            return (token.idx, token.idx + len(token)), objects[0]
    return None


def prepositional_acts(doc: Doc, text: str, acts: list[SpeechAct]) -> list[SpeechAct]:
    found = []
    for token in doc:
        if token.lower_ not in ("according", "referring", "citing", "quoting"):
            continue
        cue_and_source = prepositional_source(token)
        if cue_and_source is None:
            continue
        cue, source = cue_and_source
        if any(a.cue == cue for a in acts) or not _may_be_a_source(source):
            continue   # already the cue of a quotation, or a manner ("according to plan")
        host = _host_act(token, acts)
        if token.lower_ == "according":
            content = _claim_without(token)
            if content is None:
                continue
            found.append(SpeechAct("according", content, [content], cue, text[cue[0]:cue[1]],
                                   source, sentence=token.sent.start))
        elif host is not None:
            found.append(SpeechAct("relay", host.content, list(host.parts), cue,
                                   text[cue[0]:cue[1]], source, sentence=token.sent.start,
                                   relays=host))
    return found


def _may_be_a_source(head: Token) -> bool:
    """'according to plan', 'prioritize according to other factors': a bare singular, or
    a common noun for no people, document or institution, is a manner, not a source."""
    if head.pos_ != "NOUN" or is_people(head) or is_institution(head) or head.lemma_.lower() in OFFICE_WORDS:
        return True
    # a bare singular is a manner ("according to plan", "according to schedule")
    return is_document(head) and (head.tag_ != "NN" or any(
        c.dep_ in ("det", "poss", "compound", "amod") for c in head.children))


def _host_act(token: Token, acts: list[SpeechAct]) -> SpeechAct | None:
    """The speech act a 'citing X' hangs on: the one whose cue is its head, else in its sentence."""
    head = token.head
    for act in acts:
        if act.cue and act.cue[0] <= head.idx < act.cue[1]:
            return act
    same = [a for a in acts if a.sentence == token.sent.start]
    return same[0] if same else None


def _claim_without(token: Token) -> tuple[int, int] | None:
    """The clause 'according to X' qualifies, without the 'according to X' phrase."""
    phrase = {t.i for t in token.subtree}
    head = token.head
    while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    tokens = [t for t in head.subtree if t.i not in phrase]
    tokens = [t for t in tokens if t.sent.start == token.sent.start]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


# -- resolution --------------------------------------------------------------------------


def resolve_in_order(acts: list[SpeechAct], resolver: Resolver, doc: Doc) -> None:
    acts.sort(key=lambda a: (a.position, a.content[0]))
    dateline = dateline_tokens(doc, resolver.text)
    for act in acts:
        if act.source_head is not None and act.source_head.i in dateline:
            act.source_head = _after_dateline(act.source_head, dateline, resolver)
        if act.source_head is None:
            continue
        act.source = _without_dateline(resolver.resolve(act.source_head), dateline, doc, resolver.text)
        if act.source.kind == NOBODY:
            act.source = None      # "the policy shift said", "no one knows": no speaker
            continue
        resolver.remember(act.source_head, act.source.entity)


def _nested_in_a_claim(act: SpeechAct, acts: list[SpeechAct]) -> bool:
    """Reported speech inside another claim, by no one named ("testified that a bruise
    indicates ...") or by the same source ("said he doesn't expect ...", "said she knows
    ..."), or a belief inside another's claim ("Assad said Israel understands ..."): the
    outer claim has it, and a claim is attributed once per source."""
    if act.kind != "indirect" or act.cue is None or act.source is None:
        return False
    return any(other is not act and other.content[0] <= act.cue[0] < other.content[1]
               and (act.believing or act.source.entity is None
                    or (other.source is not None and other.source.entity == act.source.entity))
               for other in acts)


def _without_dateline(source: Source, dateline: set[int], doc: Doc, text: str) -> Source:
    """'CINCINNATI (AP)  Police and the FBI say': the parse hangs the dateline on the
    subject's phrase; the source's words start after it."""
    if source.span is None or not dateline:
        return source
    start, end = source.span
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None or not len(inside) or inside[0].i not in dateline:
        return source
    rest = [t for t in inside if t.i not in dateline and not t.is_space and not t.is_punct]
    if not rest:
        return source
    span = (rest[0].idx, end)
    name = text[span[0]:span[1]] if source.name == text[start:end] else source.name
    return Source(name, source.kind, span, source.entity, source.refers_to)


def _after_dateline(head: Token, dateline: set[int], resolver: Resolver) -> Token | None:
    """"HANOI, Vietnam (AP) — Defense Secretary Mark Esper said": the parse made the city
    the subject; the speaker is the first name after the dateline in that phrase."""
    tokens = [t for t in head.subtree if t.i not in dateline]
    if not tokens:       # the subject hung elsewhere: the words between dateline and verb
        tokens = [t for t in head.sent if t.i not in dateline and t.i < head.head.i]
    named = [(token, resolver.entity_at(token)) for token in tokens]
    named = [(token, entity) for token, entity in named if entity is not None]
    people = [token for token, entity in named if resolver.entities[cast(str, entity)].type == "PERSON"]
    return people[0] if people else named[0][0] if named else None


def told_outlets(acts: list[SpeechAct], resolver: Resolver, doc: Doc) -> list[SpeechAct]:
    """'an insurgent source told Agence France-Presse', 'said in an interview with
    Reuters': the outlet the words were given to carries them (a `channel` act, for
    the chain of sources, never an attribution); the speaker stays the claim's source."""
    relays = []
    for act in acts:
        if act.cue is None or act.kind not in ("direct", "partial", "indirect") or act.source is None:
            continue
        cue = doc.char_span(*act.cue, alignment_mode="expand")
        if cue is None or len(cue) == 0:
            continue
        for listener in _listeners(cue[0]):
            source = resolver.resolve(listener)
            if source.kind == "outlet":
                relays.append(SpeechAct("channel", act.content, list(act.parts), act.cue, act.cue_text,
                                        listener, source, sentence=act.sentence, relays=act))
    return relays


def _listeners(verb: Token) -> list[Token]:
    """Whom the words were given to: "told X", "said to X", "in an interview with X"."""
    lemma = verb.lemma_.lower()
    found = [c for c in verb.children if c.dep_ in ("dobj", "dative") and lemma == "tell"]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if prep.lower_ in ("to", "on") and lemma != "tell":
            found += objects        # "said to Reuters", "said on Fox News"
        for obj in objects:         # "in an interview with Reuters"
            found += [o for p in obj.children if p.dep_ == "prep" and p.lower_ in ("with", "to")
                      for o in p.children if o.dep_ == "pobj"]
    return [t for t in found if t.pos_ in ("PROPN", "NOUN")]


def continue_speakers(acts: list[SpeechAct], text: str, named: list[tuple[int, int]]) -> list[SpeechAct]:
    """A quotation opening the next paragraph, with no cue of its own, right after a
    quotation by a known speaker, is that speaker going on: one quotation in parts. After
    one plain paragraph of gloss that names no one (`named`: where speakers are named),
    it is still that speaker's, a quotation of its own."""
    kept: list[SpeechAct] = []
    previous: SpeechAct | None = None
    for act in sorted(acts, key=lambda a: a.content[0]):
        follows = (act.kind == "direct" and act.source is None and act.cue is None
                   and previous is not None and previous.kind == "direct"
                   and previous.source is not None and _starts_paragraph(text, act.content[0]))
        if follows:
            assert previous is not None
            between = text[previous.content[1]:act.content[0]]
            if between.count("\n\n") == 1 and _only_marks(between):
                previous.parts.extend(act.parts)
                previous.content = (previous.content[0], act.content[1])
                continue
            aside_start = previous.content[1] + between.find("\n\n") + 2
            if between.count("\n\n") == 2 and _plain_aside(between) \
                    and not any(aside_start <= start < act.content[0] for start, _ in named):
                act.source = previous.source   # the speaker goes on after a line of paraphrase
        kept.append(act)
        if act.kind in ("direct", "partial", "indirect"):
            previous = act
    return kept


ASIDE_WORDS = 40


def _plain_aside(between: str) -> bool:
    """'"...," Varadkar explained. / In short, it would see workplaces closed. / "We
    asked ...': one short paragraph between two quotations that reports no speech and
    quotes nothing (the caller checks it names nobody) is the reporter's gloss; the
    speaker goes on after it."""
    aside = between.split("\n\n")[1].strip()
    words = WORD.findall(aside)
    if not words or len(words) > ASIDE_WORDS or any(ch in QUOTE_CHARS for ch in aside):
        return False
    return not any(w.lower() in speech_verb_forms() for w in words)


def inherit_speakers(acts: list[SpeechAct], doc: Doc, text: str) -> None:
    """'..., Mr. Barrios said. "The service runs at rush hour."': a quotation with no cue
    that opens the sentence straight after one reporting a speaker's words (the same
    paragraph or the next) is that speaker's, and so is one straight after its closing
    mark; any other sentence between breaks it."""
    spoken = {a.sentence: a for a in acts
              if a.source is not None and a.kind in ("direct", "partial", "indirect")}
    last: SpeechAct | None = None
    for act in sorted(acts, key=lambda a: a.content[0]):
        if act.kind != "direct" or act.source is not None or act.cue is not None:
            last = act if act.kind == "direct" else last
            continue
        sentence = doc[act.sentence].sent
        previous = previous_sentence(doc, sentence)
        if previous is not None and previous.start in spoken and spoken[previous.start] is not act \
                and act.content[0] - sentence.start_char <= 2:
            act.source = spoken[previous.start].source
        elif last is not None and last.source is not None \
                and not WORD.search(text[last.content[1]:act.content[0]]):
            # '...wildlife. ”“During his career ...': the next paragraph of the same
            # quotation, its break lost, right after the closing mark
            act.source = last.source
        if act.source is not None:
            spoken.setdefault(act.sentence, act)
        last = act


def _only_marks(between: str) -> bool:
    """Nothing but closing marks, a cue already read, and the paragraph break."""
    return len(WORD.findall(between)) <= 12


def _starts_paragraph(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return all(ch in QUOTE_CHARS or ch.isspace() for ch in text[line_start:start])


def to_quotes(acts: list[SpeechAct], text: str) -> list[Quote]:
    out: list[Quote] = []
    for act in sorted(acts, key=lambda a: a.content[0]):
        if act.kind not in ("direct", "partial", "indirect") or act.refused:
            continue   # "declined to comment": an attribution (negated), no words to quote
        source = act.source
        quote = Quote(
            id=f"q{len(out) + 1}",
            kind=act.kind,  # type: ignore[arg-type]
            span=Span.of(text, *act.content),
            speaker=source.entity if source else None,
            speaker_span=Span.of(text, *source.span) if source and source.span else None,
            cue=Span.of(text, *act.cue) if act.cue else None,
        )
        quote.parts = [Span.of(text, s, e) for s, e in act.parts] if len(act.parts) > 1 else []
        out.append(quote)
    return out


__all__ = ["SpeechAct", "quotes", "lexicon"]
