"""Questions the web page asks of a corpus: its events, places and facets, entities by
name, an article's place in the corpus (its story, its origin, its entities' corpus ids).

`BrowseQueries` is part of `SqlStore` (store/sql.py), so that every caller asks the store
(the `Store` interface) and nothing outside store/ writes SQL. Each is one or two SELECTs
over the store's tables (store/schema.py), the same SQL on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence, cast

from sqlalchemy import and_, exists, func, select, union

from ..geo.names import country_code
from . import schema as t


def named_entities(name: str) -> Any:
    """The corpus entities called `name` or mentioned as `name` in any article, and the
    country it names in any common way ("USA": the United States)."""
    # as given (a stored name may have spaces at its ends) and without "the"
    lowered = sorted({name.lower(), bare_name(name).lower()})
    parts = [select(t.entities.c.id).where(func.lower(t.entities.c.name).in_(lowered)),
             select(t.mentions.c.entity_id).where(func.lower(t.mentions.c.text).in_(lowered))]
    code = country_code(bare_name(name))
    if code is not None:
        parts.append(select(t.entities.c.id).where(and_(
            t.entities.c.feature == "country", t.entities.c.country == code)))
    return union(*parts)


def bare_name(name: str) -> str:
    """'the United States' is looked up as "United States"."""
    stripped = name.strip()
    return stripped[4:] if stripped.lower().startswith("the ") else stripped


class BrowseQueries:
    """Read-only queries for browsing; the class using it has an `engine`."""

    engine: Any

    def article_context(self, article_id: str) -> dict[str, Any] | None:
        a, m = t.articles, t.mentions
        with self.engine.connect() as connection:
            row = connection.execute(select(a.c.id, a.c.story_id, a.c.origin_id, a.c.relation,
                                            a.c.similarity).where(a.c.id == article_id)).mappings().first()
            if row is None:
                return None
            pairs = connection.execute(select(m.c.local_id, m.c.entity_id).distinct()
                                       .where(m.c.article_id == article_id)).all()
        return {**dict(row), "entities": {local: entity for local, entity in pairs}}

    @staticmethod
    def _roles_of(e: Any, r: Any) -> Any:
        """The join of events to the entities taking part in them. event_roles points at its
        event by the event's row id, or (newer schema) by its article and local id."""
        if "event_local_id" in r.c:
            return and_(r.c.article_id == e.c.article_id, r.c.event_local_id == e.c.local_id)
        return r.c.event_id == e.c.id

    def events(self, type: str | None = None, entity_id: int | None = None,
               article_id: str | None = None, date_from: str | None = None, date_to: str | None = None,
               min_confidence: float | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        e, a, r, n = t.events, t.articles, t.event_roles, t.entities
        when = func.coalesce(e.c.time_start, func.substr(a.c.published, 1, 10))
        query = (select(e.c.id, e.c.type, e.c.mode, e.c.evidence, e.c.time_start, e.c.time_end,
                        e.c.factuality, e.c.confidence, e.c.place_id, a.c.id.label("article_id"),
                        a.c.title, a.c.publisher, a.c.published, a.c.url)
                 .join(a, a.c.id == e.c.article_id))
        if min_confidence is not None:
            # events stored before confidence existed (null) are kept out: unknown is not sure
            query = query.where(e.c.confidence >= min_confidence)
        if type:
            query = query.where(e.c.type == type.upper())
        if article_id:
            query = query.where(e.c.article_id == article_id)
        if entity_id is not None:
            query = query.where(exists().where(and_(self._roles_of(e, r), r.c.entity_id == entity_id)))
        if date_from:
            query = query.where(when >= date_from)
        if date_to:
            query = query.where(when <= date_to)
        query = query.order_by(when.desc().nulls_last(), e.c.id).limit(limit).offset(offset)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
            ids = [row["id"] for row in rows]
            roles = connection.execute(select(e.c.id, r.c.role, n.c.id, n.c.name, r.c.country, r.c.sector)
                                       .join(r, self._roles_of(e, r)).join(n, n.c.id == r.c.entity_id)
                                       .where(e.c.id.in_(ids)).order_by(n.c.name)).all() if ids else []
            place_ids = {row["place_id"] for row in rows if row["place_id"] is not None}
            places = dict(connection.execute(select(n.c.id, n.c.name).where(n.c.id.in_(place_ids))).all()) \
                if place_ids else {}
        out = []
        for row in rows:
            taking_part = [(role, {"id": entity, "name": name, "country": country, "sector": sector})
                           for event, role, entity, name, country, sector in roles if event == row["id"]]
            out.append({
                "id": row["id"], "type": row["type"], "mode": row["mode"], "evidence": row["evidence"],
                "time_start": row["time_start"], "time_end": row["time_end"], "factuality": row["factuality"],
                "confidence": row["confidence"],
                "article": {"id": row["article_id"], "title": row["title"], "publisher": row["publisher"],
                            "published": row["published"], "url": row["url"]},
                "actors": [who for role, who in taking_part if role == "actor"],
                "targets": [who for role, who in taking_part if role == "target"],
                "place": ({"id": row["place_id"], "name": places[row["place_id"]]}
                          if row["place_id"] in places else None),
            })
        return out

    def places(self, query: str | None = None, country: str | None = None,
               limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        e, m = t.entities, t.mentions
        mentions = func.count(m.c.id).label("mentions")
        articles = func.count(func.distinct(m.c.article_id)).label("articles")
        q = (select(e.c.id, e.c.name, e.c.type, e.c.lat, e.c.lon, e.c.country, e.c.feature,
                    mentions, articles)
             .join(m, m.c.entity_id == e.c.id)
             .where(and_(e.c.lat.is_not(None), e.c.lon.is_not(None)))
             .group_by(e.c.id, e.c.name, e.c.type, e.c.lat, e.c.lon, e.c.country, e.c.feature))
        if query:
            # autoescape: a % or _ in the words is a character to find, not a LIKE wildcard
            q = q.where(func.lower(e.c.name).contains(query.lower(), autoescape=True))
        if country:
            q = q.where(e.c.country == country.upper())
        q = q.order_by(mentions.desc(), e.c.name, e.c.id).limit(limit).offset(offset)
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(q).mappings()]

    def entity_matches(self, name: str, limit: int = 20) -> list[dict[str, Any]]:
        """Corpus entities called `name`, or mentioned by it, those in most articles first,
        with how many articles mention each: the candidates when several answer to a name."""
        e, m = t.entities, t.mentions
        articles = func.count(func.distinct(m.c.article_id))
        q = (select(e.c.id, e.c.name, e.c.type, articles.label("articles")).join(m, m.c.entity_id == e.c.id)
             .where(e.c.id.in_(named_entities(name)))
             .group_by(e.c.id, e.c.name, e.c.type).order_by(articles.desc(), e.c.id).limit(limit))
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(q).mappings()]

    def entity_name(self, entity_id: int) -> str | None:
        with self.engine.connect() as connection:
            return cast("str | None", connection.execute(
                select(t.entities.c.name).where(t.entities.c.id == entity_id)).scalar())

    def facets(self) -> dict[str, Any]:
        a, e, n, m = t.articles, t.events, t.entities, t.mentions
        with self.engine.connect() as connection:
            total, first, last = connection.execute(
                select(func.count(), func.min(a.c.published), func.max(a.c.published))).one()
            publishers = connection.execute(
                select(a.c.publisher, func.count()).where(a.c.publisher.is_not(None))
                .group_by(a.c.publisher).order_by(func.count().desc(), a.c.publisher).limit(200)).all()
            types = connection.execute(select(e.c.type, func.count()).group_by(e.c.type)
                                       .order_by(func.count().desc(), e.c.type)).all()
            entity_types = connection.execute(
                select(n.c.type, func.count(func.distinct(n.c.id))).join(m, m.c.entity_id == n.c.id)
                .group_by(n.c.type).order_by(func.count(func.distinct(n.c.id)).desc(), n.c.type)).all()
        as_counts: Callable[[Iterable[Sequence[Any]]], list[dict[str, Any]]] = \
            lambda rows: [{"value": v, "count": c} for v, c in rows]  # noqa: E731
        return {"articles": total, "first_published": first, "last_published": last,
                "publishers": as_counts(publishers), "event_types": as_counts(types),
                "entity_types": as_counts(entity_types)}
