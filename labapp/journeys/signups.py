"""Hold the sign-up rules: never more confirmed visitors than places, a fair waiting list, no overlaps.

Every change to a visit's sign-ups first bumps the visit's lock_version with an UPDATE. On PostgreSQL that
UPDATE takes the visit's row lock until the transaction ends; on SQLite it takes the database's write lock
(its first write starts the transaction, so nothing read earlier can go stale). Everything after it —
counting, choosing confirmed or waiting list, promoting — therefore happens one sign-up at a time per visit,
and the check constraint on confirmed_count stops any slip. Never commits.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Membership

from .constants import (CANCELLED, CONFIRMED, FULL, JOINABLE, NOTICE_PROMOTED, NOTICE_VISIT_CANCELLED, OPEN,
                        WAITLISTED, WITHDRAWN)
from .models import Notice, SignUp, Visit

ACTIVE = (CONFIRMED, WAITLISTED)


class SignUpRefused(Exception):
    """The sign-up cannot be made; reason is 'closed' or 'overlap' (then clash is the other visit)."""

    def __init__(self, reason: str, clash: Visit | None = None):
        super().__init__(reason)
        self.reason, self.clash = reason, clash


@dataclass
class Outcome:
    """What a sign-up or a cancellation did."""

    signup: SignUp
    position: int | None = None           # place on the waiting list, when waitlisted
    promoted: SignUp | None = None        # who got the freed place, when someone did


def lock_visit(visit: Visit) -> Visit:
    """Take the visit's lock for the rest of the transaction and reload it."""
    db.session.execute(update(Visit).where(Visit.id == visit.id)
                       .values(lock_version=Visit.lock_version + 1).execution_options(synchronize_session=False))
    db.session.refresh(visit)
    return visit


def _lock_member(membership_id: int) -> None:
    # PostgreSQL: one person's sign-ups go one at a time, so two overlapping visits cannot both slip in.
    # SQLite: the write lock taken by lock_visit already serialises every writer.
    db.session.execute(select(Membership.id).where(Membership.id == membership_id).with_for_update())


def overlaps(a_day: date, a_start, a_end, b_day: date, b_start, b_end) -> bool:
    """Tell whether two visits' times overlap (touching ends do not)."""
    return a_day == b_day and a_start < b_end and b_start < a_end


def clashing_visit(visit: Visit, membership_id: int) -> Visit | None:
    """Return another visit the person holds (confirmed or waiting) whose time overlaps this one."""
    rows = db.session.scalars(
        select(Visit).join(SignUp, SignUp.visit_id == Visit.id)
        .where(SignUp.membership_id == membership_id, SignUp.status.in_(ACTIVE), Visit.id != visit.id,
               Visit.status != CANCELLED, Visit.day == visit.day, Visit.starts < visit.ends, visit.starts < Visit.ends)
        .order_by(Visit.starts, Visit.id))
    return rows.first()


def signup_of(visit: Visit, membership_id: int) -> SignUp | None:
    """Return the person's sign-up row for the visit, whatever its status."""
    return db.session.scalar(select(SignUp).where(SignUp.visit_id == visit.id, SignUp.membership_id == membership_id))


def sign_up(visit: Visit, membership_id: int, *, check_status: bool = True) -> Outcome:
    """Give the person a place, or the next place on the waiting list; refuse closed visits and overlaps."""
    lock_visit(visit)
    _lock_member(membership_id)
    if check_status and visit.status not in JOINABLE:
        raise SignUpRefused("closed")
    signup = signup_of(visit, membership_id)
    if signup is not None and signup.status in ACTIVE:
        return Outcome(signup, waitlist_position(signup))
    clash = clashing_visit(visit, membership_id)
    if clash is not None:
        raise SignUpRefused("overlap", clash)
    if signup is None:
        signup = SignUp(visit_id=visit.id, membership_id=membership_id)
        db.session.add(signup)
    now = utcnow()
    signup.queued_at = signup.updated_at = now
    if visit.confirmed_count < visit.capacity:
        signup.status = CONFIRMED
        visit.confirmed_count += 1
    else:
        signup.status = WAITLISTED
    _set_full(visit)
    db.session.flush()
    return Outcome(signup, waitlist_position(signup))


def cancel(signup: SignUp) -> Outcome:
    """Give up a place (the first on the waiting list gets it) or leave the waiting list."""
    visit = lock_visit(signup.visit)
    db.session.refresh(signup)
    promoted = None
    if signup.status == CONFIRMED:
        signup.status = WITHDRAWN
        signup.updated_at = utcnow()
        visit.confirmed_count -= 1
        db.session.flush()
        promoted = _promote_next(visit)
    elif signup.status == WAITLISTED:
        signup.status = WITHDRAWN
        signup.updated_at = utcnow()
    _set_full(visit)
    db.session.flush()
    return Outcome(signup, None, promoted)


def fill_from_waitlist(visit: Visit) -> list[SignUp]:
    """Promote people from the waiting list while places are free (after capacity grows). Lock first."""
    promoted = []
    while visit.confirmed_count < visit.capacity:
        signup = _promote_next(visit)
        if signup is None:
            break
        promoted.append(signup)
    _set_full(visit)
    return promoted


def _promote_next(visit: Visit) -> SignUp | None:
    if visit.confirmed_count >= visit.capacity or visit.status == CANCELLED:
        return None
    for signup in waitlist(visit):
        if clashing_visit(visit, signup.membership_id) is not None:
            continue  # they have since taken an overlapping visit: keep their place in the queue, skip them
        signup.status = CONFIRMED
        signup.updated_at = utcnow()
        visit.confirmed_count += 1
        db.session.add(Notice(membership_id=signup.membership_id, visit_id=visit.id, kind=NOTICE_PROMOTED))
        db.session.flush()
        return signup
    return None


def _set_full(visit: Visit) -> None:
    if visit.status == OPEN and visit.confirmed_count >= visit.capacity:
        visit.status = FULL
    elif visit.status == FULL and visit.confirmed_count < visit.capacity:
        visit.status = OPEN


def waitlist(visit: Visit, *, with_people: bool = False) -> list[SignUp]:
    """Return the waiting list in order: who joined it first, then by row id; `with_people` loads each
    sign-up's member with it (not one query per person)."""
    return _signups(visit, WAITLISTED, with_people)


def confirmed(visit: Visit, *, with_people: bool = False) -> list[SignUp]:
    """Return the confirmed sign-ups in the order they came (`with_people` as for `waitlist`)."""
    return _signups(visit, CONFIRMED, with_people)


def _signups(visit: Visit, status: str, with_people: bool) -> list[SignUp]:
    query = select(SignUp).where(SignUp.visit_id == visit.id, SignUp.status == status)
    if with_people:
        query = query.options(selectinload(SignUp.membership))
    return list(db.session.scalars(query.order_by(SignUp.queued_at, SignUp.id)))


def waitlist_position(signup: SignUp) -> int | None:
    """Return 1 for the first person on the waiting list, and so on; None when not waiting."""
    return waitlist_positions([signup])[signup.id] if signup.status == WAITLISTED else None


def waitlist_positions(rows) -> dict[int, int | None]:
    """Return {sign-up id: place on its visit's waiting list (1 is next), or None when not waiting} for the
    sign-ups, in one query however many (one even for none, so a page's count does not depend on it): who
    joined the list first, then by row id."""
    waiting = [s for s in rows if s.status == WAITLISTED]
    positions = {s.id: None for s in rows}
    visit_ids = sorted({s.visit_id for s in waiting})
    ranked = (select(SignUp.id, func.row_number().over(partition_by=SignUp.visit_id,
                                                         order_by=(SignUp.queued_at, SignUp.id)).label("position"))
              .where(SignUp.status == WAITLISTED, SignUp.visit_id.in_(visit_ids)).subquery())
    positions.update(db.session.execute(select(ranked.c.id, ranked.c.position)
                                        .where(ranked.c.id.in_([s.id for s in waiting]))).all())
    return positions


def signups_of_member(membership_id: int, statuses=ACTIVE) -> list[SignUp]:
    """Return a person's sign-ups (confirmed and waiting by default), soonest visit first."""
    return list(db.session.scalars(
        select(SignUp).join(Visit, Visit.id == SignUp.visit_id)
        .where(SignUp.membership_id == membership_id, SignUp.status.in_(statuses))
        .options(selectinload(SignUp.visit).selectinload(Visit.translations))
        .order_by(Visit.day, Visit.starts, Visit.id)))


def cancel_visit(visit: Visit) -> list[SignUp]:
    """Cancel a visit: sign-ups stay for the record and each confirmed or waiting person is told."""
    lock_visit(visit)
    visit.status = CANCELLED
    told = [s for s in db.session.scalars(select(SignUp).where(SignUp.visit_id == visit.id,
                                                                SignUp.status.in_(ACTIVE)))]
    for signup in told:
        db.session.add(Notice(membership_id=signup.membership_id, visit_id=visit.id, kind=NOTICE_VISIT_CANCELLED))
    db.session.flush()
    return told


def release_member(membership: Membership) -> list[SignUp]:
    """Before a person leaves the lab: give up their places (the waiting list moves up) and drop their rows.

    Returns the sign-ups promoted into the freed places. The database would cascade the rows away on
    PostgreSQL, but not free the places; SQLite would keep them pointing at nobody.
    """
    from sqlalchemy import delete

    from .models import CalendarFeed, Debrief, Preference

    promoted = []
    active = db.session.scalars(select(SignUp).where(SignUp.membership_id == membership.id,
                                                     SignUp.status.in_((CONFIRMED, WAITLISTED))))
    for signup in list(active):
        outcome = cancel(signup)
        if outcome.promoted is not None:
            promoted.append(outcome.promoted)
    for model in (SignUp, Notice, Preference, Debrief, CalendarFeed):
        db.session.execute(delete(model).where(model.membership_id == membership.id))
    return promoted
