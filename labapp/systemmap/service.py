"""Keep the rules of the system map: actors, their parents, ties, filters and gaps. Never commits."""
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import aliased, joinedload

from labapp.extensions import db
from labapp.labs.constants import LEVELS
from labapp.labs.models import Lab

from .constants import PERSON
from .models import Actor, Tie

TAG_MAX = 60
UNTIED_SHOWN = 50


class MapRuleError(ValueError):
    """A change the map's rules refuse; the view turns it into a message."""


class ParentCycleError(MapRuleError):
    """The chosen parent sits inside the actor (or is the actor itself)."""


class SelfTieError(MapRuleError):
    """A tie would join an actor to itself."""


class DuplicateTieError(MapRuleError):
    """The two actors already have a tie of this kind in this direction."""


class OtherLabError(MapRuleError):
    """An actor from another lab was named."""


def parse_tags(text: str | None) -> list[str]:
    """Split comma-separated tags, trim and collapse spaces, drop empties and repeats (ignoring case).

    The Arabic comma (،), which Urdu and Arabic keyboards type, separates tags as the Latin one does.
    """
    tags, seen = [], set()
    for part in (text or "").replace("،", ",").split(","):
        tag = " ".join(part.split())[:TAG_MAX]
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def _visible(query, include_people: bool, actor=Actor):
    return query if include_people else query.where(actor.kind != PERSON)


def _has_tag(tag: str):
    """Return a condition true when the actor's tags list holds this tag (SQLite and PostgreSQL)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return Actor.tags.cast(JSONB).has_key(tag)
    values = func.json_each(Actor.tags).table_valued("value")
    return exists(select(1).select_from(values).where(values.c.value == tag))


def _untied(include_people: bool):
    """Return a condition true when the actor has no tie to an actor the reader may see."""
    other = aliased(Actor)
    outgoing = select(Tie.id).join(other, Tie.target_id == other.id).where(Tie.source_id == Actor.id)
    incoming = select(Tie.id).join(other, Tie.source_id == other.id).where(Tie.target_id == Actor.id)
    if not include_people:
        outgoing, incoming = outgoing.where(other.kind != PERSON), incoming.where(other.kind != PERSON)
    return and_(~exists(outgoing), ~exists(incoming))


def actors_query(lab: Lab, *, include_people: bool, sector=None, level=None, kind=None, tag=None, text=None,
                 untied=False):
    """Return a select of the lab's actors that pass the filters, by name."""
    query = _visible(select(Actor).where(Actor.lab_id == lab.id), include_people)
    if sector:
        query = query.where(Actor.sector == sector)
    if level:
        query = query.where(Actor.level == level)
    if kind:
        query = query.where(Actor.kind == kind)
    if tag:
        query = query.where(_has_tag(tag))
    if text:
        needle = text.strip().lower()
        query = query.where(or_(func.lower(Actor.name).contains(needle, autoescape=True),
                                func.lower(Actor.services).contains(needle, autoescape=True)))
    if untied:
        query = query.where(_untied(include_people))
    return query.order_by(func.lower(Actor.name), Actor.id)


def lab_tags(lab: Lab, *, include_people: bool) -> list[str]:
    """Return every tag used on the lab's (visible) actors, sorted ignoring case."""
    rows = db.session.scalars(_visible(select(Actor.tags).where(Actor.lab_id == lab.id), include_people))
    return sorted({tag for tags in rows for tag in (tags or [])}, key=str.casefold)


def actor_choices(lab: Lab, *, include_people: bool, exclude_id: int | None = None) -> list[tuple[int, str]]:
    """Return (id, name) of the lab's actors by name, for a choice list."""
    query = _visible(select(Actor.id, Actor.name).where(Actor.lab_id == lab.id), include_people)
    if exclude_id is not None:
        query = query.where(Actor.id != exclude_id)
    return [tuple(row) for row in db.session.execute(query.order_by(func.lower(Actor.name), Actor.id))]


def _check_parent(lab: Lab, actor: Actor | None, parent: Actor | None) -> None:
    if parent is None:
        return
    if parent.lab_id != lab.id:
        raise OtherLabError(parent.id)
    if actor is None or actor.id is None:
        return
    node, seen = parent, set()
    while node is not None and node.id not in seen:
        if node.id == actor.id:
            raise ParentCycleError(parent.id)
        seen.add(node.id)
        node = node.parent


def create_actor(lab: Lab, *, kind: str, name: str, sector=None, level=None, services="", tags=(), notes="",
                 parent: Actor | None = None) -> Actor:
    """Add an actor to the lab's map."""
    _check_parent(lab, None, parent)
    actor = Actor(lab_id=lab.id, kind=kind, name=name, sector=sector or None, level=level or None,
                  services=services or "", tags=list(tags), notes=notes or "", parent=parent)
    db.session.add(actor)
    db.session.flush()
    return actor


def update_actor(actor: Actor, lab: Lab, *, kind: str, name: str, sector=None, level=None, services="", tags=(),
                 notes="", parent: Actor | None = None) -> None:
    """Change an actor; refuse a parent that sits inside it."""
    _check_parent(lab, actor, parent)
    actor.kind, actor.name, actor.sector, actor.level = kind, name, sector or None, level or None
    actor.services, actor.tags, actor.notes, actor.parent = services or "", list(tags), notes or "", parent


def delete_counts(actor: Actor) -> tuple[int, int]:
    """Return how many ties and how many parts (child actors) go with deleting this actor."""
    ties = db.session.scalar(select(func.count(Tie.id)).where(or_(Tie.source_id == actor.id, Tie.target_id == actor.id)))
    parts = db.session.scalar(select(func.count(Actor.id)).where(Actor.parent_id == actor.id))
    return ties, parts


def delete_actor(actor: Actor) -> None:
    """Delete an actor with its ties; its parts stay on the map without a parent."""
    db.session.execute(delete(Tie).where(or_(Tie.source_id == actor.id, Tie.target_id == actor.id)))
    db.session.execute(update(Actor).where(Actor.parent_id == actor.id).values(parent_id=None))
    db.session.delete(actor)


def parts_of(actor: Actor, *, include_people: bool) -> list[Actor]:
    """Return the actors whose parent this actor is, by name."""
    query = _visible(select(Actor).where(Actor.parent_id == actor.id), include_people)
    return list(db.session.scalars(query.order_by(func.lower(Actor.name), Actor.id)))


def ties_of(actor: Actor, *, include_people: bool) -> tuple[list[Tie], list[Tie]]:
    """Return the actor's ties going out and coming in, each with both ends loaded, by the other end's name."""
    ties = db.session.scalars(
        select(Tie).where(or_(Tie.source_id == actor.id, Tie.target_id == actor.id))
        .options(joinedload(Tie.source), joinedload(Tie.target))).all()
    if not include_people:
        ties = [t for t in ties if t.source.kind != PERSON and t.target.kind != PERSON]
    outgoing = sorted((t for t in ties if t.source_id == actor.id), key=lambda t: (t.target.name.casefold(), t.id))
    incoming = sorted((t for t in ties if t.target_id == actor.id), key=lambda t: (t.source.name.casefold(), t.id))
    return outgoing, incoming


def _existing_tie(source_id: int, target_id: int, kind: str, exclude_id: int | None = None) -> bool:
    query = select(Tie.id).where(Tie.source_id == source_id, Tie.target_id == target_id, Tie.kind == kind)
    if exclude_id is not None:
        query = query.where(Tie.id != exclude_id)
    return db.session.scalar(query) is not None


def add_tie(lab: Lab, *, source: Actor, target: Actor, kind: str, strength: int = 2, note: str = "") -> Tie:
    """Tie two actors of the lab; refuse a tie to itself and a second tie of the same kind."""
    if source.lab_id != lab.id or target.lab_id != lab.id:
        raise OtherLabError(target.id)
    if source.id == target.id:
        raise SelfTieError(source.id)
    if _existing_tie(source.id, target.id, kind):
        raise DuplicateTieError(kind)
    tie = Tie(lab_id=lab.id, source_id=source.id, target_id=target.id, kind=kind, strength=strength, note=note or "")
    db.session.add(tie)
    db.session.flush()
    return tie


def update_tie(tie: Tie, *, kind: str, strength: int, note: str) -> None:
    """Change a tie's kind, strength and note; refuse a change that duplicates another tie."""
    if _existing_tie(tie.source_id, tie.target_id, kind, exclude_id=tie.id):
        raise DuplicateTieError(kind)
    tie.kind, tie.strength, tie.note = kind, strength, note or ""


def delete_tie(tie: Tie) -> None:
    """Remove a tie."""
    db.session.delete(tie)


def _visible_ties(lab: Lab, include_people: bool, *columns):
    query = select(*columns).where(Tie.lab_id == lab.id)
    if not include_people:
        source, target = aliased(Actor), aliased(Actor)
        query = (query.join(source, Tie.source_id == source.id).join(target, Tie.target_id == target.id)
                 .where(source.kind != PERSON, target.kind != PERSON))
    return query


def tie_counts(lab: Lab, actor_ids: list[int], *, include_people: bool) -> dict[int, int]:
    """Return how many (visible) ties each of these actors has, in both directions."""
    counts = dict.fromkeys(actor_ids, 0)
    if not actor_ids:
        return counts
    for end in (Tie.source_id, Tie.target_id):
        query = _visible_ties(lab, include_people, end, func.count(Tie.id)).where(end.in_(actor_ids)).group_by(end)
        for actor_id, count in db.session.execute(query):
            counts[actor_id] += count
    return counts


def map_rows(lab: Lab, *, include_people: bool) -> tuple[list, list]:
    """Return the map's actors and ties as light rows (two queries, whatever the size)."""
    actors = db.session.execute(
        _visible(select(Actor.id, Actor.name, Actor.kind, Actor.sector, Actor.level, Actor.tags, Actor.parent_id)
                 .where(Actor.lab_id == lab.id), include_people).order_by(Actor.id)).all()
    ties = db.session.execute(
        _visible_ties(lab, include_people, Tie.id, Tie.source_id, Tie.target_id, Tie.kind, Tie.strength)
        .order_by(Tie.id)).all()
    return actors, ties


def sector_level_counts(lab: Lab, *, include_people: bool) -> dict[tuple, int]:
    """Return {(sector, level): number of actors}, with None for not given."""
    query = _visible(select(Actor.sector, Actor.level, func.count(Actor.id)).where(Actor.lab_id == lab.id),
                     include_people).group_by(Actor.sector, Actor.level)
    return {(sector, level): count for sector, level, count in db.session.execute(query)}


@dataclass
class Gaps:
    """What the map lacks: sectors, levels and tags with no actor, and actors with no tie."""

    sectors: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    untied: list[tuple[int, str]] = field(default_factory=list)
    untied_count: int = 0
    actor_count: int = 0

    @property
    def any(self) -> bool:
        """Tell whether there is any gap at all."""
        return bool(self.sectors or self.levels or self.tags or self.untied_count)


def gaps(lab: Lab, *, include_people: bool, known_tags=()) -> Gaps:
    """Say which sectors, levels and partner-type tags have no actors, and which actors have no ties.

    The partner types are the tags used anywhere in the lab's map plus known_tags (tags other areas use,
    or a checklist); one is a gap when no counted actor carries it. Without include_people, named people
    are neither counted nor shown, and their tags do not appear either.
    """
    counts = sector_level_counts(lab, include_people=include_people)
    used_sectors = {sector for (sector, _level), n in counts.items() if n}
    used_levels = {level for (_sector, level), n in counts.items() if n}
    used_tags = lab_tags(lab, include_people=include_people)
    all_tags = {tag.casefold(): tag for tag in [*known_tags, *used_tags]}
    covered = {tag.casefold() for tag in used_tags}
    untied_query = actors_query(lab, include_people=include_people, untied=True)
    untied_count = db.session.scalar(select(func.count()).select_from(untied_query.order_by(None).subquery()))
    untied = [(a.id, a.name) for a in db.session.scalars(untied_query.limit(UNTIED_SHOWN))]
    return Gaps(
        sectors=[code for code in lab.sectors if code not in used_sectors],
        levels=[code for code in LEVELS if code not in used_levels],
        tags=sorted((tag for key, tag in all_tags.items() if key not in covered), key=str.casefold),
        untied=untied, untied_count=untied_count, actor_count=sum(counts.values()),
    )
