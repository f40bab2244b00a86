"""Stage `source_chain`: the chain of outlets from this page back to the earliest one named.

It starts from this page's publisher; each outlet it relays follows ("writes Trud,
referring to Bloomberg": publisher -> Trud -> Bloomberg; "Kan reported", "told AFP",
"according to Reuters": cites); a wire agency in the dateline ("(AP) —") or in a byline
("By ROBERT BURNS, AP National Security Writer", "By The Associated Press") is reprinted;
a note that names the outlet it translated is "translates", one that credits an outlet
("Reuters contributed to this report") "cites". One node per outlet: its short forms
("AP", "The Associated Press") are the same node.
"""

from __future__ import annotations

from typing import Any, cast

from ..dossier import SPEAKER_TYPES, ChainLink
from ..nlp.acts import SpeechAct
from ..nlp.dateline import wire_credit
from ..nlp.names import fold
from ..nlp.outlets import outlet_named, same_outlet
from ..nlp.speech import looks_like_outlet
from ..pipeline import Work, stage
from ..text.sites import host_name


@stage("source_chain", reads=("speech_acts", "metadata.publisher", "metadata.bylines", "metadata.url",
                             "entities", "blocks", "text", "wire_agency", "origin_notes"),
       adds=("sources.chain",))
def source_chain(work: Work) -> None:
    dossier = work.dossier
    chain: list[ChainLink] = []

    def add(name: str, relation: str, entity: str | None) -> None:
        # one node per outlet: "AP" on the Associated Press's own page is no reprint
        if all(not same_outlet(link.name, name) for link in chain):
            chain.append(ChainLink(name, relation, entity))  # type: ignore[arg-type]

    publisher = dossier.metadata.publisher
    if publisher:
        add(publisher, "publisher", _entity_named(dossier, publisher))
    # pages give the dateline through their lines; clean text only through its words
    agency = work.wire_agency or (wire_credit(dossier.text) if not work.blocks else None)
    if agency and outlet_named(agency) is not None:
        # a wire agency's credit; "(KTRK)", a station's own call sign, reprints nothing
        add(agency, "reprints", _entity_named(dossier, agency))
    site = host_name(dossier.metadata.url)
    for byline in dossier.metadata.bylines:
        # an agency's byline on its own site ("AP News", apnews.com) reprints nothing
        if byline.agency and not (site and same_outlet(byline.agency, site)):
            add(byline.agency, "reprints", _entity_named(dossier, byline.agency))
    for relation, name in work.origin_notes:
        if relation != "cites" or looks_like_outlet(name):
            add(name, relation, _entity_named(dossier, name))
    for name, entity in relayed_outlets(work.speech_acts):
        add(name, "cites", entity)
    dossier.sources.chain = chain


def relayed_outlets(acts: list[SpeechAct]) -> list[tuple[str, str | None]]:
    """Outlets in the order the page relays them: each top-level outlet, then the
    outlets it cites ("Trud writes, referring to Bloomberg")."""
    outlets = [a for a in sorted(acts, key=lambda a: a.position)
               if a.source is not None and a.source.kind == "outlet"]
    cited_by: dict[str, list[SpeechAct]] = {}
    inner: set[str] = set()
    for act in outlets:
        host = act.relays
        if act.kind == "relay" and host is not None and host.source is not None \
                and host.source.kind == "outlet" and _key(host) != _key(act):
            cited_by.setdefault(_key(host), []).append(act)
            inner.add(_key(act))
    order: list[tuple[str, str | None]] = []
    seen: set[str] = set()

    def visit(act: SpeechAct) -> None:
        key = _key(act)
        if key in seen:
            return
        seen.add(key)
        order.append((act.source.name, act.source.entity))  # type: ignore[union-attr]
        for child in cited_by.get(key, []):
            visit(child)

    for act in outlets:
        if _key(act) not in inner:
            visit(act)
    for act in outlets:
        visit(act)
    return order


def _key(act: SpeechAct) -> str:
    source = act.source
    assert source is not None
    return source.entity or fold(source.name)


def _entity_named(dossier: Any, name: str) -> str | None:
    key = fold(name)
    for entity in dossier.entities:
        if entity.type in SPEAKER_TYPES and (fold(entity.name) == key or key in map(fold, entity.aliases)):
            return cast(str, entity.id)
    return None
