"""Hold the rules of the invitation pipeline and the balance of the room. Never commits."""
from sqlalchemy import select, update

from labapp.extensions import db

from .models import Outreach


def mark_attended(workshop_id: int, membership_id: int) -> int:
    """Move the member's outreach for this workshop (or the lab as a whole) to 'attended'; return rows changed."""
    result = db.session.execute(
        update(Outreach)
        .where(Outreach.membership_id == membership_id,
               (Outreach.workshop_id == workshop_id) | (Outreach.workshop_id.is_(None)),
               Outreach.status.in_(("to_invite", "invited", "accepted")))
        .values(status="attended")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def outreach_for_workshop(workshop_id: int) -> list[Outreach]:
    """Return everyone invited to a workshop who has not declined."""
    return list(db.session.scalars(
        select(Outreach).where(Outreach.workshop_id == workshop_id, Outreach.status != "declined")
    ))
