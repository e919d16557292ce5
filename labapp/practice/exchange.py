"""Export a lab's review sessions and lessons learnt, and import them into a new lab."""
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from labapp.extensions import db
from labapp.labs.constants import STAGES

from .constants import KINDS, OPEN, SESSION_STATUSES
from .models import Lesson, ReviewSession

SECTION_KEY = "practice"


def _iso(value: date | datetime | time | None) -> str | None:
    return value.isoformat() if value else None


def export_section(lab) -> dict:
    """Return the lab's sessions with their lessons as plain data; authors appear as membership ids."""
    sessions = db.session.scalars(select(ReviewSession).where(ReviewSession.lab_id == lab.id)
                                  .options(selectinload(ReviewSession.lessons)).order_by(ReviewSession.id)).all()
    return {
        "sessions": [
            {"title": s.title, "held_on": _iso(s.held_on), "starts": _iso(s.starts), "place": s.place,
             "purpose": s.purpose, "status": s.status, "created_at": _iso(s.created_at),
             "lessons": [{"text": lesson.text, "kind": lesson.kind, "stage": lesson.stage,
                          "prototype_id": lesson.prototype_id, "author_id": lesson.author_id,
                          "created_at": _iso(lesson.created_at), "updated_at": _iso(lesson.updated_at)}
                         for lesson in s.lessons]}
            for s in sessions
        ],
    }


def import_section(lab, data: dict, ids: dict) -> None:
    """Create the sessions and lessons in the new lab; authors follow ids["members"], prototypes ids["prototypes"]."""
    members = ids.get("members", {})
    prototypes = ids.get("prototypes", {})
    for entry in data.get("sessions", []):
        session = ReviewSession(lab_id=lab.id, title=entry["title"], held_on=date.fromisoformat(entry["held_on"]),
                                starts=time.fromisoformat(entry["starts"]) if entry.get("starts") else None,
                                place=entry.get("place") or "", purpose=entry.get("purpose") or "",
                                status=entry.get("status") if entry.get("status") in SESSION_STATUSES else OPEN)
        if entry.get("created_at"):
            session.created_at = datetime.fromisoformat(entry["created_at"])
        for row in entry.get("lessons", []):
            if row.get("kind") not in KINDS:
                continue
            author = members.get(row.get("author_id"))
            prototype = prototypes.get(row.get("prototype_id"))
            lesson = Lesson(lab_id=lab.id, text=row["text"], kind=row["kind"],
                            stage=row.get("stage") if row.get("stage") in STAGES else None,
                            author_id=author.id if author else None, prototype_id=prototype.id if prototype else None)
            for stamp in ("created_at", "updated_at"):
                if row.get(stamp):
                    setattr(lesson, stamp, datetime.fromisoformat(row[stamp]))
            session.lessons.append(lesson)
        db.session.add(session)
    db.session.flush()
