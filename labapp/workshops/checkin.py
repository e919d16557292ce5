"""Check people in at a workshop: members, walk-ins, and undoing a mistake. Never commits."""
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.labs import search
from labapp.labs.models import Lab, Membership
from labapp.outreach.service import mark_attended, unmark_attended

from .models import Attendance, Workshop

SEARCH_LIMIT = search.SEARCH_LIMIT


def attendance_of(workshop: Workshop, membership_id: int) -> Attendance | None:
    """Return the member's check-in at this workshop, if any."""
    return db.session.scalar(select(Attendance).where(Attendance.workshop_id == workshop.id,
                                                      Attendance.membership_id == membership_id))


def check_in_member(workshop: Workshop, membership: Membership, *, by: User | None) -> tuple[Attendance, bool]:
    """Check a member in (once); return their attendance and whether it is new.

    Name and sector are copied as they are now, so later changes do not rewrite who came.
    Two people pressing the button at once cannot check someone in twice: the database's
    unique constraint refuses the second, and that counts as "already checked in".
    """
    existing = attendance_of(workshop, membership.id)
    if existing is not None:
        return existing, False
    attendance = Attendance(workshop_id=workshop.id, membership_id=membership.id, name=membership.user.name,
                            sector=membership.sector, level=None, walk_in=False,
                            checked_in_by_id=by.id if by is not None else None)
    try:
        with db.session.begin_nested():
            db.session.add(attendance)
    except IntegrityError:
        return attendance_of(workshop, membership.id), False
    mark_attended(workshop.id, membership.id)
    return attendance, True


def add_walk_in(workshop: Workshop, *, name: str, sector: str | None, level: str | None,
                by: User | None) -> Attendance:
    """Record someone who came without being a lab member."""
    attendance = Attendance(workshop_id=workshop.id, membership_id=None, name=name.strip(), sector=sector or None,
                            level=level or None, walk_in=True, checked_in_by_id=by.id if by is not None else None)
    db.session.add(attendance)
    db.session.flush()
    return attendance


def undo_check_in(attendance: Attendance) -> None:
    """Remove a check-in made by mistake, and put the member's invitation back to accepted."""
    if attendance.membership_id is not None:
        elsewhere = db.session.scalar(
            select(func.count(Attendance.id)).where(Attendance.membership_id == attendance.membership_id,
                                                    Attendance.id != attendance.id))
        unmark_attended(attendance.workshop_id, attendance.membership_id, still_attended_elsewhere=bool(elsewhere))
    db.session.delete(attendance)


def checked_in_count(workshop: Workshop) -> int:
    """Count everyone checked in at the workshop, walk-ins included."""
    return db.session.scalar(select(func.count(Attendance.id)).where(Attendance.workshop_id == workshop.id))


def search_members(lab: Lab, text: str, limit: int = SEARCH_LIMIT) -> list[Membership]:
    """Return the lab's members whose name contains the text (any case, any accents); at most limit + 1."""
    return search.search_members(lab, text, limit)


def search_walk_ins(workshop: Workshop, text: str, limit: int = SEARCH_LIMIT) -> list[Attendance]:
    """Return the workshop's walk-ins whose name contains the text (any case, any accents)."""
    if not text.strip():
        return []
    rows = db.session.execute(select(Attendance.id, Attendance.name).where(
        Attendance.workshop_id == workshop.id, Attendance.walk_in.is_(True))).all()
    ids = search.matching(rows, text, limit)
    if not ids:
        return []
    found = {a.id: a for a in db.session.scalars(select(Attendance).where(Attendance.id.in_(ids)))}
    return [found[i] for i in ids]


def attendances_by_member(workshop: Workshop, membership_ids) -> dict[int, Attendance]:
    """Return {membership id: attendance} for those of the members checked in at the workshop."""
    ids = list(membership_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(Attendance).where(Attendance.workshop_id == workshop.id,
                                                       Attendance.membership_id.in_(ids)))
    return {row.membership_id: row for row in rows}


def recent_check_ins(workshop: Workshop):
    """Return the query for the workshop's check-ins, newest first."""
    return (select(Attendance).where(Attendance.workshop_id == workshop.id)
            .order_by(Attendance.checked_in_at.desc(), Attendance.id.desc()))
