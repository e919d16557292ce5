"""Export a lab's prototypes (team, cycles, measures, values) and community posts, and import them into a new lab."""
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from labapp.extensions import db

from .models import CYCLE_TEXT_FIELDS, Cycle, Measure, MeasureValue, Post, Prototype, PrototypeMember, Reply

SECTION_KEY = "prototypes"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def export_section(lab) -> dict:
    """Return the lab's prototypes and posts as plain data; people appear as membership ids."""
    prototypes = db.session.scalars(select(Prototype).where(Prototype.lab_id == lab.id).order_by(Prototype.id).options(
        selectinload(Prototype.team), selectinload(Prototype.cycles),
        selectinload(Prototype.measures).selectinload(Measure.values))).all()
    posts = db.session.scalars(select(Post).where(Post.lab_id == lab.id).order_by(Post.id)
                               .options(selectinload(Post.replies))).all()
    return {
        "prototypes": [
            {
                "id": p.id, "name": p.name, "propositions": list(p.propositions or []), "aim": p.aim,
                "hypothesis": p.hypothesis, "who_for": p.who_for, "starts_on": _iso(p.starts_on),
                "cycle_weeks": p.cycle_weeks, "status": p.status, "created_at": _iso(p.created_at),
                "team": [{"membership_id": m.membership_id, "role": m.role} for m in p.team],
                "cycles": [
                    {"id": c.id, "number": c.number, **{name: getattr(c, name) for name in CYCLE_TEXT_FIELDS},
                     "act_decision": c.act_decision, "created_at": _iso(c.created_at), "updated_at": _iso(c.updated_at)}
                    for c in p.cycles
                ],
                "measures": [
                    {"name": m.name, "definition": m.definition, "kind": m.kind, "unit": m.unit,
                     "direction": m.direction, "goal": m.goal, "baseline_points": m.baseline_points,
                     "values": [{"period": _iso(v.period), "value": v.value, "numerator": v.numerator,
                                 "denominator": v.denominator, "excluded": v.excluded, "note": v.note}
                                for v in m.values]}
                    for m in p.measures
                ],
            }
            for p in prototypes
        ],
        "posts": [
            {"prototype_id": post.prototype_id, "cycle_id": post.cycle_id, "author_id": post.author_id,
             "body": post.body, "created_at": _iso(post.created_at),
             "replies": [{"author_id": r.author_id, "body": r.body, "created_at": _iso(r.created_at)}
                         for r in post.replies]}
            for post in posts
        ],
    }


def import_section(lab, data: dict, ids: dict) -> None:
    """Create the prototypes and posts in the new lab; people follow their members through ids["members"]."""
    members = ids.get("members", {})
    prototypes, cycles, values = {}, {}, []
    for entry in data.get("prototypes", []):
        prototype = Prototype(lab_id=lab.id, name=entry["name"], propositions=list(entry.get("propositions") or []),
                              aim=entry.get("aim") or "", hypothesis=entry.get("hypothesis") or "",
                              who_for=entry.get("who_for") or "", starts_on=_date(entry.get("starts_on")),
                              cycle_weeks=int(entry.get("cycle_weeks") or 6), status=entry.get("status") or "forming")
        if entry.get("created_at"):
            prototype.created_at = _datetime(entry["created_at"])
        seen = set()
        for row in entry.get("team", []):
            member = members.get(row.get("membership_id"))
            if member is not None and member.id not in seen:
                seen.add(member.id)
                prototype.team.append(PrototypeMember(membership_id=member.id, role=row["role"]))
        db.session.add(prototype)
        db.session.flush()
        previous = None
        for row in sorted(entry.get("cycles", []), key=lambda c: c["number"]):
            cycle = Cycle(prototype_id=prototype.id, number=int(row["number"]),
                          previous_id=previous.id if previous else None,
                          act_decision=row.get("act_decision") or "",
                          **{name: row.get(name) or "" for name in CYCLE_TEXT_FIELDS})
            for stamp in ("created_at", "updated_at"):
                if row.get(stamp):
                    setattr(cycle, stamp, _datetime(row[stamp]))
            db.session.add(cycle)
            db.session.flush()
            cycles[row.get("id")] = cycle
            previous = cycle
        for row in entry.get("measures", []):
            measure = Measure(prototype_id=prototype.id, name=row["name"], definition=row.get("definition") or "",
                              kind=row.get("kind") or "count", unit=row.get("unit") or "",
                              direction=row.get("direction") or "up", goal=row.get("goal"),
                              baseline_points=row.get("baseline_points"))
            values += [(measure, {"period": _date(v["period"]), "value": v.get("value"),
                                  "numerator": v.get("numerator"), "denominator": v.get("denominator"),
                                  "excluded": bool(v.get("excluded")), "note": v.get("note") or ""})
                       for v in row.get("values", [])]
            db.session.add(measure)
        prototypes[entry.get("id")] = prototype
    db.session.flush()
    if values:  # nothing points at a measure's value: a few statements for them all, once measures have ids
        db.session.execute(insert(MeasureValue), [{"measure_id": measure.id, **value} for measure, value in values])
    for entry in data.get("posts", []):
        author = members.get(entry.get("author_id"))
        cycle = cycles.get(entry.get("cycle_id"))
        prototype = prototypes.get(entry.get("prototype_id"))
        post = Post(lab_id=lab.id, body=entry["body"], author_id=author.id if author else None,
                    prototype_id=prototype.id if prototype else None, cycle_id=cycle.id if cycle else None)
        if entry.get("created_at"):
            post.created_at = _datetime(entry["created_at"])
        for row in entry.get("replies", []):
            replier = members.get(row.get("author_id"))
            reply = Reply(body=row["body"], author_id=replier.id if replier else None)
            if row.get("created_at"):
                reply.created_at = _datetime(row["created_at"])
            post.replies.append(reply)
        db.session.add(post)
    ids[SECTION_KEY] = prototypes
    db.session.flush()
