"""Carry the system map in a lab export: actors and ties with their ids; new ids on import."""
from datetime import datetime

from sqlalchemy import select

from labapp.extensions import db
from labapp.labs.models import Lab

from .models import Actor, Tie

SECTION_KEY = "system_map"


def export_section(lab: Lab) -> dict:
    """Return the lab's actors and ties as plain data, each with its id."""
    actors = db.session.scalars(select(Actor).where(Actor.lab_id == lab.id).order_by(Actor.id)).all()
    ties = db.session.scalars(select(Tie).where(Tie.lab_id == lab.id).order_by(Tie.id)).all()
    return {
        "actors": [
            {"id": a.id, "kind": a.kind, "name": a.name, "sector": a.sector, "level": a.level,
             "services": a.services, "tags": list(a.tags or []), "notes": a.notes, "parent_id": a.parent_id,
             "created_at": a.created_at.isoformat() if a.created_at else None}
            for a in actors
        ],
        "ties": [
            {"id": t.id, "source_id": t.source_id, "target_id": t.target_id, "kind": t.kind,
             "strength": t.strength, "note": t.note}
            for t in ties
        ],
    }


def import_section(lab: Lab, data: dict, ids: dict) -> None:
    """Create the actors and ties in the new lab; ids["actors"] maps each old actor id to its new Actor."""
    actors = ids.setdefault("actors", {})
    for entry in data.get("actors", []):
        actor = Actor(lab_id=lab.id, kind=entry["kind"], name=entry["name"], sector=entry.get("sector"),
                      level=entry.get("level"), services=entry.get("services") or "",
                      tags=list(entry.get("tags") or []), notes=entry.get("notes") or "")
        if entry.get("created_at"):
            actor.created_at = datetime.fromisoformat(entry["created_at"])
        db.session.add(actor)
        actors[entry["id"]] = actor
    for entry in data.get("actors", []):
        if entry.get("parent_id") is not None:
            actors[entry["id"]].parent = actors[entry["parent_id"]]
    db.session.flush()
    for entry in data.get("ties", []):
        db.session.add(Tie(lab_id=lab.id, source_id=actors[entry["source_id"]].id,
                           target_id=actors[entry["target_id"]].id, kind=entry["kind"],
                           strength=int(entry.get("strength", 2)), note=entry.get("note") or ""))
    db.session.flush()
