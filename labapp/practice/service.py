"""Keep review sessions and lessons learnt; gather the lab's learning for the room."""
from datetime import date

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import selectinload

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.constants import STAGES
from labapp.labs.models import Membership

from .constants import CLOSED, KINDS, OPEN
from .models import Lesson, ReviewSession

SESSION_FIELDS = ("title", "held_on", "starts", "place", "purpose")


def sessions_query(lab, today: date):
    """Return the query for the lab's sessions: upcoming first (soonest first), then past (latest first)."""
    upcoming = ReviewSession.held_on >= today
    return (select(ReviewSession).where(ReviewSession.lab_id == lab.id)
            .order_by(case((upcoming, 0), else_=1), case((upcoming, ReviewSession.held_on), else_=None),
                      ReviewSession.held_on.desc(), ReviewSession.starts, ReviewSession.id.desc()))


def lesson_counts(session_ids) -> dict[int, int]:
    """Return {session id: number of lessons} in one grouped query."""
    if not session_ids:
        return {}
    rows = db.session.execute(select(Lesson.session_id, func.count()).where(Lesson.session_id.in_(session_ids))
                              .group_by(Lesson.session_id))
    return dict(rows.all())


def create_session(lab, **values) -> ReviewSession:
    """Plan a review session; it opens for lessons at once."""
    session = ReviewSession(lab_id=lab.id, status=OPEN, **_session_values(values))
    db.session.add(session)
    db.session.flush()
    return session


def update_session(session: ReviewSession, **values) -> None:
    """Change a session's details."""
    for name, value in _session_values(values).items():
        setattr(session, name, value)


def _session_values(values: dict) -> dict:
    unknown = set(values) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields {sorted(unknown)}")
    cleaned = dict(values)
    for name in ("place", "purpose"):
        if name in cleaned:
            cleaned[name] = cleaned[name] or ""
    return cleaned


def set_status(session: ReviewSession, status: str) -> None:
    """Open or close a session; a closed session takes no new lessons."""
    if status not in (OPEN, CLOSED):
        raise ValueError(f"unknown status {status!r}")
    session.status = status


def delete_session(session: ReviewSession) -> None:
    """Delete a session with its lessons."""
    db.session.delete(session)


class SessionClosed(Exception):
    """The session is closed: it takes no new lessons."""


def _check_lesson(session: ReviewSession, kind: str, stage: str | None, prototype) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if stage and stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    if prototype is not None and prototype.lab_id != session.lab_id:
        raise ValueError("the prototype belongs to another lab")


def add_lesson(session: ReviewSession, author, *, text: str, kind: str, stage: str | None = None,
               prototype=None) -> Lesson:
    """Record a lesson in an open session."""
    if not session.is_open:
        raise SessionClosed()
    _check_lesson(session, kind, stage, prototype)
    lesson = Lesson(session_id=session.id, lab_id=session.lab_id, text=text, kind=kind, stage=stage or None,
                    prototype_id=prototype.id if prototype else None, author_id=author.id if author else None)
    db.session.add(lesson)
    db.session.flush()
    return lesson


def update_lesson(lesson: Lesson, *, text: str, kind: str, stage: str | None = None, prototype=None) -> None:
    """Change a lesson's words, kind, stage or prototype."""
    _check_lesson(lesson.session, kind, stage, prototype)
    lesson.text, lesson.kind, lesson.stage = text, kind, stage or None
    lesson.prototype_id = prototype.id if prototype else None
    lesson.updated_at = utcnow()


def move_lesson(lesson: Lesson, kind: str) -> None:
    """Move a lesson to another kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    lesson.kind = kind
    lesson.updated_at = utcnow()


def remove_lesson(lesson: Lesson) -> None:
    """Delete a lesson."""
    db.session.delete(lesson)


def lessons_by_kind(session: ReviewSession) -> dict[str, list[Lesson]]:
    """Return the session's lessons grouped by kind, in the order of KINDS, oldest first in each."""
    rows = db.session.scalars(select(Lesson).where(Lesson.session_id == session.id)
                              .options(selectinload(Lesson.prototype),
                                       selectinload(Lesson.author).selectinload(Membership.user))
                              .order_by(Lesson.created_at, Lesson.id))
    grouped = {kind: [] for kind in KINDS}
    for lesson in rows:
        grouped.setdefault(lesson.kind, []).append(lesson)
    return grouped


def _kind_order():
    """Sort lessons in the order of KINDS: what worked, what to change, what to spread."""
    return case({kind: position for position, kind in enumerate(KINDS)}, value=Lesson.kind, else_=len(KINDS))


def lessons_query(lab, *, kind: str | None = None, stage: str | None = None):
    """Return the query for the lab's lessons across sessions, newest session first, filtered by kind and stage."""
    query = (select(Lesson).join(ReviewSession).where(Lesson.lab_id == lab.id)
             .options(selectinload(Lesson.prototype), selectinload(Lesson.session))
             .order_by(ReviewSession.held_on.desc(), ReviewSession.id.desc(), _kind_order(), Lesson.id))
    if kind:
        query = query.where(Lesson.kind == kind)
    if stage:
        query = query.where(Lesson.stage == stage)
    return query


def csv_rows(lab, *, kind: str | None = None, stage: str | None = None) -> list[list]:
    """Return one row per lesson for the CSV download: session, date, kind, stage, prototype, text, author."""
    rows = []
    lessons = db.session.scalars(lessons_query(lab, kind=kind, stage=stage)
                                 .options(selectinload(Lesson.author).selectinload(Membership.user))).all()
    for lesson in lessons:
        rows.append([lesson.session.title, lesson.session.held_on.isoformat(), str(KINDS.get(lesson.kind, lesson.kind)),
                     str(STAGES[lesson.stage]) if lesson.stage in STAGES else "",
                     lesson.prototype.name if lesson.prototype else "", lesson.text,
                     lesson.author.user.name if lesson.author else ""])
    return rows


def learning_for(lab, today: date | None = None) -> dict:
    """Gather what the room looks at: the dashboard's figures for each stage, and the report's highlights (the
    most picked cards, what each prototype's measures show, what the panel decided). No names."""
    from labapp.labs.dashboard import stage_figures
    from labapp.reports.facts import cards
    from labapp.reports.outcomes import panel_outcomes, prototypes

    today = today or date.today()
    return {
        "stages": stage_figures(lab, today),
        "cards": cards(lab, top=5)["top"],
        "prototypes": prototypes(lab, today),
        "proposals": [proposal for proposal in panel_outcomes(lab) if proposal["decision"]],
    }


def release_member(membership) -> None:
    """Before a person leaves the lab: their lessons stay, without their name.

    PostgreSQL does this through the foreign key; SQLite, as the app runs it, does not enforce it.
    """
    db.session.execute(update(Lesson).where(Lesson.author_id == membership.id).values(author_id=None))

