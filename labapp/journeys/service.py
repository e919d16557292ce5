"""Hold the rules for hosts, their visits, translations, debriefs and notices. Never commits."""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Lab, Membership
from labapp.systemmap.models import Actor

from . import signups
from .constants import CANCELLED, CONFIRMED, DRAFT, FULL, OPEN
from .models import CalendarFeed, Debrief, Host, Notice, SignUp, Visit, VisitTranslation

VISIT_FIELDS = ("title", "host_does", "will_see", "address", "area", "access_notes", "day", "starts", "ends",
                "capacity", "languages", "other_language")
TRANSLATED_FIELDS = ("title", "host_does", "will_see")


class CapacityTooSmall(ValueError):
    """More people are confirmed than the new capacity allows."""


def hash_token(token: str) -> str:
    """Return the SHA-256 of a secret link's token: only this is stored."""
    return hashlib.sha256((token or "").encode()).hexdigest()


# Hosts --------------------------------------------------------------------------------------------

def hosts_of(lab: Lab) -> list[Host]:
    """Return the lab's hosts by name."""
    query = select(Host).where(Host.lab_id == lab.id).options(selectinload(Host.actor), selectinload(Host.visits))
    return sorted(db.session.scalars(query), key=lambda h: (h.name.casefold(), h.id))


def actors_of(lab: Lab) -> list[Actor]:
    """Return the lab's system-map actors that could host, by name."""
    return list(db.session.scalars(select(Actor).where(Actor.lab_id == lab.id).order_by(Actor.name, Actor.id)))


def save_host(host: Host, *, actor: Actor | None, organisation: str, contact_name: str = "", contact_email: str = "",
              contact_phone: str = "") -> Host:
    """Set who the host is (an actor of the same lab, or a name) and their private contact."""
    if actor is not None and actor.lab_id != host.lab_id:
        raise ValueError("the actor belongs to another lab")
    if actor is None and not organisation.strip():
        raise ValueError("a host needs an actor or a name")
    host.actor_id = actor.id if actor is not None else None
    host.actor = actor
    host.organisation = "" if actor is not None else organisation.strip()
    host.contact_name, host.contact_email = contact_name.strip(), contact_email.strip().lower()
    host.contact_phone = contact_phone.strip()
    db.session.add(host)
    db.session.flush()
    return host


def new_host_link(host: Host) -> str:
    """Make a fresh secret link for the host (the old one stops working); return its token."""
    token = secrets.token_urlsafe(24)
    host.link_token_hash, host.link_created_at = hash_token(token), utcnow()
    db.session.flush()
    return token


def revoke_host_link(host: Host) -> None:
    """Stop the host's link from working."""
    host.link_token_hash, host.link_created_at = None, None


def host_for_token(token: str) -> Host | None:
    """Return the host a secret link opens, if any."""
    if not token:
        return None
    return db.session.scalar(select(Host).where(Host.link_token_hash == hash_token(token)))


def delete_host(host: Host) -> None:
    """Delete a host with its visits (and their sign-ups and debriefs)."""
    for visit in list(host.visits):
        db.session.delete(visit)
    db.session.delete(host)


# Visits -------------------------------------------------------------------------------------------

def create_visit(host: Host, **values) -> Visit:
    """Add a draft visit to the host's offers."""
    visit = Visit(lab_id=host.lab_id, host=host, status=values.pop("status", DRAFT))
    for name in VISIT_FIELDS:
        if name in values:
            setattr(visit, name, values[name])
    _check_times(visit)
    db.session.add(visit)
    db.session.flush()
    return visit


def _check_times(visit: Visit) -> None:
    if visit.ends <= visit.starts:
        raise ValueError("a visit must end after it starts")


def update_visit(visit: Visit, **values) -> list[SignUp]:
    """Change a visit's details; return anyone promoted because places were added.

    Capacity cannot drop below the people already confirmed (the check constraint would refuse it too).
    """
    signups.lock_visit(visit)
    capacity = values.get("capacity", visit.capacity)
    if capacity < visit.confirmed_count:
        raise CapacityTooSmall(visit.confirmed_count)
    for name in VISIT_FIELDS:
        if name in values:
            setattr(visit, name, values[name])
    _check_times(visit)
    promoted = signups.fill_from_waitlist(visit)
    db.session.flush()
    return promoted


def set_status(visit: Visit, status: str) -> list[SignUp]:
    """Open, close or cancel a visit; cancelling tells the people signed up. Return who was told."""
    if status == CANCELLED:
        return signups.cancel_visit(visit) if visit.status != CANCELLED else []
    signups.lock_visit(visit)
    if status == OPEN and visit.confirmed_count >= visit.capacity:
        status = FULL
    visit.status = status
    promoted = signups.fill_from_waitlist(visit) if status in (OPEN, FULL) else []
    db.session.flush()
    return promoted


def delete_visit(visit: Visit) -> None:
    """Delete a visit with its sign-ups, translations and debriefs."""
    db.session.delete(visit)


@dataclass
class VisitFilter:
    day: date | None = None
    language: str = ""
    area: str = ""


# What a list of visits shows: the translations and the host (with its actor), loaded for all the visits at once.
_VISIT_DETAILS = (selectinload(Visit.translations), selectinload(Visit.host).selectinload(Host.actor))


def visits_of(lab: Lab, *, organiser: bool, filters: VisitFilter | None = None) -> list[Visit]:
    """Return the lab's visits in time order; drafts only for organisers; filtered by day, language, area."""
    query = select(Visit).where(Visit.lab_id == lab.id).options(*_VISIT_DETAILS)
    if not organiser:
        query = query.where(Visit.status != DRAFT)
    if filters and filters.day:
        query = query.where(Visit.day == filters.day)
    if filters and filters.area:
        query = query.where(Visit.area == filters.area)
    rows = list(db.session.scalars(query.order_by(Visit.day, Visit.starts, Visit.id)))
    if filters and filters.language:
        rows = [v for v in rows if filters.language in (v.languages or [])]
    return rows


def areas_of(lab: Lab) -> list[str]:
    """Return the areas the lab's visits are in, for the filter."""
    return list(db.session.scalars(select(Visit.area).where(Visit.lab_id == lab.id, Visit.area != "")
                                   .distinct().order_by(Visit.area)))


def set_translation(visit: Visit, locale: str, *, title: str, host_does: str, will_see: str) -> VisitTranslation | None:
    """Save the visit's text in one language; an empty translation is removed."""
    row = next((t for t in visit.translations if t.locale == locale), None)
    if not (title.strip() or host_does.strip() or will_see.strip()):
        if row is not None:
            visit.translations.remove(row)
        return None
    if row is None:
        row = VisitTranslation(locale=locale)
        visit.translations.append(row)
    row.title, row.host_does, row.will_see = title.strip(), host_does.strip(), will_see.strip()
    return row


@dataclass
class LocalisedText:
    title: str
    host_does: str
    will_see: str
    locale: str | None          # the language the text is in, when a translation was used
    fallback: bool              # True when the reader's language was asked for but is missing


def localised(visit: Visit, locale: str) -> LocalisedText:
    """Return the visit's text in the reader's language where translated, else the original, saying so."""
    row = next((t for t in visit.translations if t.locale == locale), None)
    if row is None:
        return LocalisedText(visit.title, visit.host_does, visit.will_see, None, fallback=locale != "en")
    return LocalisedText(row.title or visit.title, row.host_does or visit.host_does, row.will_see or visit.will_see,
                         locale, fallback=False)


def signup_counts(visits: list[Visit]) -> dict[int, int]:
    """Count people on each visit's waiting list, in one grouped query."""
    if not visits:
        return {}
    return dict(db.session.execute(
        select(SignUp.visit_id, func.count(SignUp.id))
        .where(SignUp.visit_id.in_([v.id for v in visits]), SignUp.status == signups.WAITLISTED)
        .group_by(SignUp.visit_id)).all())


def visitors(visit: Visit) -> list[Membership]:
    """Return the confirmed visitors (for facilitators and the host only)."""
    return [s.membership for s in signups.confirmed(visit)]


# Debriefs -----------------------------------------------------------------------------------------

def debrief_of(visit: Visit, membership_id: int) -> Debrief | None:
    """Return the person's own debrief of the visit."""
    return db.session.scalar(select(Debrief).where(Debrief.visit_id == visit.id,
                                                   Debrief.membership_id == membership_id))


def may_debrief(visit: Visit, membership_id: int) -> bool:
    """Only confirmed visitors write a debrief."""
    signup = signups.signup_of(visit, membership_id)
    return signup is not None and signup.status == CONFIRMED


def save_debrief(visit: Visit, membership_id: int, *, saw: str, felt: str, thought: str, shared: bool) -> Debrief:
    """Save what the visitor saw, felt and thought, shared with the group or private."""
    debrief = debrief_of(visit, membership_id)
    if debrief is None:
        debrief = Debrief(visit_id=visit.id, membership_id=membership_id)
        db.session.add(debrief)
    debrief.saw, debrief.felt, debrief.thought = saw.strip(), felt.strip(), thought.strip()
    debrief.shared, debrief.updated_at = shared, utcnow()
    db.session.flush()
    return debrief


def shared_debriefs(lab: Lab) -> list[tuple[Visit, list[Debrief]]]:
    """Return the shared debriefs of the lab, gathered by visit in time order; private ones never."""
    rows = db.session.scalars(select(Debrief).join(Visit, Visit.id == Debrief.visit_id)
                              .where(Visit.lab_id == lab.id, Debrief.shared.is_(True))
                              .options(selectinload(Debrief.visit).options(*_VISIT_DETAILS),
                                       selectinload(Debrief.membership))
                              .order_by(Visit.day, Visit.starts, Visit.id, Debrief.id))
    grouped: dict[int, tuple[Visit, list[Debrief]]] = {}
    for debrief in rows:
        grouped.setdefault(debrief.visit_id, (debrief.visit, []))[1].append(debrief)
    return list(grouped.values())


def shared_debriefs_of(visit: Visit) -> list[Debrief]:
    """Return a visit's shared debriefs."""
    return list(db.session.scalars(select(Debrief).where(Debrief.visit_id == visit.id, Debrief.shared.is_(True))
                                   .order_by(Debrief.id)))


def save_reflection(visit: Visit, text: str) -> None:
    """Keep the host's reflection on the visit."""
    visit.host_reflection = text.strip()


# Notices ------------------------------------------------------------------------------------------

def take_unseen_notices(user_id: int) -> list[Notice]:
    """Return the person's unseen notices in every lab, and mark them seen."""
    notices = list(db.session.scalars(
        select(Notice).join(Membership, Membership.id == Notice.membership_id)
        .where(Membership.user_id == user_id, Notice.seen_at.is_(None)).order_by(Notice.id)))
    now = utcnow()
    for notice in notices:
        notice.seen_at = now
    return notices


# Calendar feed ------------------------------------------------------------------------------------

def new_calendar_token(membership_id: int) -> str:
    """Make the person's secret calendar address (replacing the old one); return its token."""
    token = secrets.token_urlsafe(24)
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.membership_id == membership_id))
    if feed is None:
        feed = CalendarFeed(membership_id=membership_id)
        db.session.add(feed)
    feed.token_hash, feed.created_at = hash_token(token), utcnow()
    db.session.flush()
    return token


def calendar_feed_of(membership_id: int) -> CalendarFeed | None:
    """Return the person's calendar feed, if they made one."""
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.membership_id == membership_id))


def membership_for_calendar_token(token: str) -> Membership | None:
    """Return whose calendar a secret address opens."""
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(token)))
    return db.session.get(Membership, feed.membership_id) if feed else None
