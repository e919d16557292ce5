"""Carry the invitation list in a lab's JSON export and import."""
from sqlalchemy import select

from labapp.extensions import db

from .models import Outreach

SECTION_KEY = "outreach"
FIELDS = ("person_name", "email", "sector", "level", "status", "support_needs", "interpreter_language", "notes")


def export_section(lab) -> list[dict]:
    """Return every invitation of the lab, pointing at actors, workshops and members by their ids."""
    rows = db.session.scalars(select(Outreach).where(Outreach.lab_id == lab.id).order_by(Outreach.id))
    return [{"id": o.id, **{name: getattr(o, name) for name in FIELDS}, "actor_id": o.actor_id,
             "workshop_id": o.workshop_id, "inviter_id": o.inviter_id, "membership_id": o.membership_id}
            for o in rows]


def import_section(lab, data: list[dict], ids: dict) -> None:
    """Create the invitations in the new lab, remapping what they point at."""
    def new_id(section, old):
        target = ids.get(section, {}).get(old)
        return target.id if target is not None else None

    for entry in data:
        db.session.add(Outreach(
            lab_id=lab.id, **{name: entry.get(name) for name in FIELDS if name in entry},
            actor_id=new_id("actors", entry.get("actor_id")), workshop_id=new_id("workshops", entry.get("workshop_id")),
            inviter_id=new_id("members", entry.get("inviter_id")),
            membership_id=new_id("members", entry.get("membership_id"))))
    db.session.flush()
