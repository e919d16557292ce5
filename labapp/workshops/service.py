"""Hold the rules for workshops, their agenda and the support they offer. Never commits."""
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import delete, func, select

from labapp.accounts.models import User
from labapp.extensions import db
from labapp.labs.constants import SUPPORT_NEEDS
from labapp.labs.models import Lab, Membership
from labapp.labs.service import JOIN_CODE_LENGTH, normalise_join_code, unused_code
from labapp.outreach.models import Outreach
from labapp.outreach.service import outreach_for_workshop

from .constants import SUPPORT_OFFERED
from .models import AgendaItem, Attendance, Workshop

CHECKIN_CODE_LENGTH = JOIN_CODE_LENGTH
INTERPRETER = "interpreter"


def new_checkin_code() -> str:
    """Return a check-in code that no workshop uses yet (same easy-to-read letters as join codes)."""
    return unused_code(Workshop.checkin_code)


def workshop_for_checkin_code(text: str) -> Workshop | None:
    """Find the workshop a typed check-in code opens, if any."""
    code = normalise_join_code(text)
    if len(code) != CHECKIN_CODE_LENGTH:
        return None
    return db.session.scalar(select(Workshop).where(Workshop.checkin_code == code))


def combine(day: date, start: time, end: time | None) -> tuple[datetime, datetime | None]:
    """Turn one date and two times into naive local start and end datetimes."""
    return datetime.combine(day, start), (datetime.combine(day, end) if end else None)


def create_workshop(lab: Lab, **values) -> Workshop:
    """Create a workshop in the lab with a fresh check-in code."""
    workshop = Workshop(lab_id=lab.id, checkin_code=new_checkin_code())
    update_workshop(workshop, **values)
    db.session.add(workshop)
    db.session.flush()
    return workshop


def update_workshop(workshop: Workshop, *, kind: str, title: str, starts_at: datetime, ends_at: datetime | None,
                    venue: str = "", access_notes: str = "", support_offered=(), interpreter_languages=()) -> None:
    """Set a workshop's details."""
    if ends_at is not None and ends_at <= starts_at:
        raise ValueError("a workshop must end after it starts")
    workshop.kind, workshop.title = kind, title.strip()
    workshop.starts_at, workshop.ends_at = starts_at, ends_at
    workshop.venue, workshop.access_notes = venue.strip(), access_notes.strip()
    workshop.support_offered = list(support_offered)
    workshop.interpreter_languages = list(interpreter_languages)


def delete_workshop(workshop: Workshop) -> None:
    """Delete a workshop with its agenda, its attendance, the invitations to it and its card-picking sessions."""
    # The database cascades these on PostgreSQL; say it explicitly so SQLite behaves the same.
    db.session.execute(delete(Attendance).where(Attendance.workshop_id == workshop.id))
    db.session.execute(delete(Outreach).where(Outreach.workshop_id == workshop.id))
    from labapp.datacards.models import PickSession
    from labapp.datacards.picks import delete_session

    for session in db.session.scalars(select(PickSession).where(PickSession.workshop_id == workshop.id)):
        delete_session(session)
    db.session.delete(workshop)


def workshops_of(lab: Lab) -> list[Workshop]:
    """Return the lab's workshops in date order (undated ones last)."""
    rows = db.session.scalars(select(Workshop).where(Workshop.lab_id == lab.id))
    return sorted(rows, key=lambda w: (w.starts_at is None, w.starts_at or datetime.min, w.id))


def upcoming_and_past(lab: Lab, today: date) -> tuple[list[Workshop], list[Workshop]]:
    """Split the workshops into those from today on (soonest first) and those before (latest first)."""
    workshops = workshops_of(lab)
    upcoming = [w for w in workshops if w.starts_at is None or w.starts_at.date() >= today]
    past = [w for w in workshops if w.starts_at is not None and w.starts_at.date() < today]
    return upcoming, past[::-1]


def checked_in_counts(lab: Lab) -> dict[int, int]:
    """Count check-ins per workshop of the lab, in one grouped query."""
    return dict(db.session.execute(
        select(Attendance.workshop_id, func.count(Attendance.id))
        .join(Workshop, Workshop.id == Attendance.workshop_id)
        .where(Workshop.lab_id == lab.id).group_by(Attendance.workshop_id)
    ).all())


def checkin_open(workshop: Workshop, today: date) -> bool:
    """Tell whether people can check themselves in today: only on the day of the workshop."""
    if workshop.starts_at is None:
        return True
    last_day = (workshop.ends_at or workshop.starts_at).date()
    return workshop.starts_at.date() <= today <= last_day


def delete_counts(workshop: Workshop) -> tuple[int, int, int]:
    """Count the check-ins, invitations and card-pick sessions that deleting the workshop would remove."""
    from labapp.datacards.models import PickSession

    attendances = db.session.scalar(select(func.count(Attendance.id)).where(Attendance.workshop_id == workshop.id))
    invitations = db.session.scalar(select(func.count(Outreach.id)).where(Outreach.workshop_id == workshop.id))
    pick_sessions = db.session.scalar(select(func.count(PickSession.id)).where(PickSession.workshop_id == workshop.id))
    return attendances, invitations, pick_sessions


# Agenda -------------------------------------------------------------------------------------------

def _renumber(workshop: Workshop) -> None:
    for index, item in enumerate(workshop.agenda):
        item.position = index


def add_agenda_item(workshop: Workshop, starts: str, title: str) -> AgendaItem:
    """Add an item at the end of the agenda."""
    item = AgendaItem(starts=starts, title=title.strip(), position=len(workshop.agenda))
    workshop.agenda.append(item)
    _renumber(workshop)
    return item


def update_agenda_item(item: AgendaItem, starts: str, title: str) -> None:
    """Change an agenda item's time and title."""
    item.starts, item.title = starts, title.strip()


def remove_agenda_item(workshop: Workshop, item: AgendaItem) -> None:
    """Take an item off the agenda."""
    workshop.agenda.remove(item)
    _renumber(workshop)


def move_agenda_item(workshop: Workshop, item: AgendaItem, step: int) -> None:
    """Move an item up (-1) or down (+1) the agenda; at either end it stays put."""
    items = list(workshop.agenda)
    index = items.index(item)
    target = index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, each in enumerate(items):
            each.position = position
        workshop.agenda.sort(key=lambda each: each.position)


# Support summary ----------------------------------------------------------------------------------

@dataclass
class SupportSummary:
    """What the people invited to a workshop need, and which needs it does not meet yet."""

    invited: int = 0
    needs: dict = field(default_factory=dict)               # need code -> people
    interpreters: dict = field(default_factory=dict)        # language code -> people
    interpreter_language_unknown: int = 0
    unmet_needs: dict = field(default_factory=dict)         # need code -> people, where not offered
    unmet_languages: dict = field(default_factory=dict)     # language code -> people, where not offered


def support_summary(workshop: Workshop) -> SupportSummary:
    """Count the invited people's support needs and interpreter languages against what the workshop offers."""
    invited = outreach_for_workshop(workshop.id)
    member_ids = {row.membership_id for row in invited if row.membership_id}
    # Only what the summary reads (not whole memberships, whose roles would load in one query per 500 people).
    members = {row.id: row for row in db.session.execute(
        select(Membership.id, Membership.support_needs, User.locale).join(User, User.id == Membership.user_id)
        .where(Membership.id.in_(member_ids)))} if member_ids else {}
    summary = SupportSummary()
    seen_members = set()
    for row in invited:
        member = members.get(row.membership_id)
        if member is not None:
            if member.id in seen_members:
                continue
            seen_members.add(member.id)
        summary.invited += 1
        needs = set(row.support_needs or []) | set((member.support_needs or []) if member else [])
        language = row.interpreter_language or (member.locale if member else None)
        if row.interpreter_language:
            needs.add(INTERPRETER)
        for need in needs:
            summary.needs[need] = summary.needs.get(need, 0) + 1
        if INTERPRETER in needs:
            if language and language != "en":
                summary.interpreters[language] = summary.interpreters.get(language, 0) + 1
            else:
                summary.interpreter_language_unknown += 1
    offered = set(workshop.support_offered or [])
    languages = set(workshop.interpreter_languages or [])
    for need, count in summary.needs.items():
        if need == INTERPRETER:
            if summary.interpreter_language_unknown and INTERPRETER not in offered and not languages:
                summary.unmet_needs[need] = summary.interpreter_language_unknown
        elif need not in offered:
            summary.unmet_needs[need] = count
    summary.unmet_languages = {lang: n for lang, n in summary.interpreters.items() if lang not in languages}
    order = list(SUPPORT_NEEDS) + list(SUPPORT_OFFERED)
    summary.needs = dict(sorted(summary.needs.items(),
                                key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0])))
    summary.interpreters = dict(sorted(summary.interpreters.items(), key=lambda item: (-item[1], item[0])))
    return summary
