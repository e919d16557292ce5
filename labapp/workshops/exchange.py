"""Export a lab's workshops (with agenda and attendance) and import them into a new lab."""
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from labapp.extensions import db

from .models import AgendaItem, Attendance, Workshop
from .service import new_checkin_code

SECTION_KEY = "workshops"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def export_section(lab) -> list[dict]:
    """Return the lab's workshops as plain data; check-in codes stay behind (an import makes new ones)."""
    workshops = db.session.scalars(select(Workshop).where(Workshop.lab_id == lab.id).order_by(Workshop.id)
                                   .options(selectinload(Workshop.agenda))).all()
    attendances = {}
    if workshops:
        rows = db.session.scalars(select(Attendance).where(Attendance.workshop_id.in_([w.id for w in workshops]))
                                  .order_by(Attendance.id))
        for row in rows:
            attendances.setdefault(row.workshop_id, []).append(row)
    return [
        {
            "id": w.id,
            "kind": w.kind,
            "title": w.title,
            "starts_at": _iso(w.starts_at),
            "ends_at": _iso(w.ends_at),
            "venue": w.venue,
            "access_notes": w.access_notes,
            "support_offered": list(w.support_offered or []),
            "interpreter_languages": list(w.interpreter_languages or []),
            "agenda": [{"starts": item.starts, "title": item.title} for item in w.agenda],
            "attendances": [
                {"membership_id": a.membership_id, "name": a.name, "sector": a.sector, "level": a.level,
                 "walk_in": a.walk_in, "checked_in_at": _iso(a.checked_in_at)}
                for a in attendances.get(w.id, [])
            ],
        }
        for w in workshops
    ]


def import_section(lab, data: list[dict], ids: dict) -> None:
    """Create the workshops in the new lab; attendances follow their members through ids["members"]."""
    members = ids.get("members", {})
    ids[SECTION_KEY] = {}
    attendances = []
    for entry in data:
        workshop = Workshop(lab_id=lab.id, kind=entry["kind"], title=entry["title"],
                            starts_at=_datetime(entry.get("starts_at")), ends_at=_datetime(entry.get("ends_at")),
                            venue=entry.get("venue") or "", access_notes=entry.get("access_notes") or "",
                            support_offered=list(entry.get("support_offered") or []),
                            interpreter_languages=list(entry.get("interpreter_languages") or []),
                            checkin_code=new_checkin_code())
        workshop.agenda = [AgendaItem(position=index, starts=item.get("starts") or "", title=item["title"])
                           for index, item in enumerate(entry.get("agenda", []))]
        db.session.add(workshop)
        db.session.flush()
        for row in entry.get("attendances", []):
            member = members.get(row.get("membership_id")) if row.get("membership_id") is not None else None
            attendance = {"workshop_id": workshop.id, "membership_id": member.id if member else None,
                          "name": row["name"], "sector": row.get("sector"), "level": row.get("level"),
                          "walk_in": bool(row.get("walk_in"))}
            if row.get("checked_in_at"):
                attendance["checked_in_at"] = datetime.fromisoformat(row["checked_in_at"])
            attendances.append(attendance)
        ids[SECTION_KEY][entry.get("id")] = workshop
    if attendances:  # nothing points at an attendance: a few statements for them all
        db.session.execute(insert(Attendance), attendances)
    db.session.flush()
