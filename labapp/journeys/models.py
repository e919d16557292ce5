"""Store hosts, their visits with translations, sign-ups, preference rounds, debriefs and notices."""
from datetime import date, datetime, time

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from labapp.accounts.models import utcnow
from labapp.extensions import db
from labapp.labs.models import Membership
from labapp.systemmap.models import Actor

from .constants import CONFIRMED, DEFAULT_CAPACITY, DRAFT, ROUND_OPEN


class Host(db.Model):
    """An organisation that opens its doors: an actor of the system map, or one named here."""

    __tablename__ = "journey_hosts"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), index=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    # Private: only facilitators and the design team see the contact.
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    # Only a hash of the host's link is kept: the link itself is shown once.
    link_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_created_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[Actor | None] = relationship()
    visits: Mapped[list["Visit"]] = relationship(back_populates="host", order_by=lambda: (Visit.day, Visit.starts, Visit.id))

    @property
    def name(self) -> str:
        """Return the host's name: its actor's, or the one typed in."""
        return self.actor.name if self.actor is not None else self.organisation


class Visit(db.Model):
    """One learning journey: a host's offer of a visit on a day, for a few people."""

    __tablename__ = "journey_visits"
    __table_args__ = (
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("confirmed_count >= 0 AND confirmed_count <= capacity", name="within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("journey_hosts.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    host_does: Mapped[str] = mapped_column(Text, default="")
    will_see: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[str] = mapped_column(String(120), default="")
    access_notes: Mapped[str] = mapped_column(Text, default="")
    # Wall-clock times of the lab's place (LABAPP_TIMEZONE), as people read them on the invitation.
    day: Mapped[date]
    starts: Mapped[time]
    ends: Mapped[time]
    capacity: Mapped[int] = mapped_column(default=DEFAULT_CAPACITY)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    other_language: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    # Kept equal to the number of confirmed sign-ups, under the visit's row lock; the check holds it to capacity.
    confirmed_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Bumped by every sign-up and cancellation: the UPDATE takes the row lock (PostgreSQL) or write lock (SQLite).
    lock_version: Mapped[int] = mapped_column(default=0, server_default="0")
    host_reflection: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    host: Mapped[Host] = relationship(back_populates="visits")
    translations: Mapped[list["VisitTranslation"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitTranslation.locale")

    @property
    def starts_at(self) -> datetime:
        """Return the local start as a naive datetime."""
        return datetime.combine(self.day, self.starts)

    @property
    def ends_at(self) -> datetime:
        """Return the local end as a naive datetime."""
        return datetime.combine(self.day, self.ends)

    @property
    def places_left(self) -> int:
        """Return how many confirmed places are still free."""
        return max(self.capacity - self.confirmed_count, 0)


class VisitTranslation(db.Model):
    __tablename__ = "journey_visit_translations"
    __table_args__ = (UniqueConstraint("visit_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("journey_visits.id", ondelete="CASCADE"), index=True)
    locale: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200), default="")
    host_does: Mapped[str] = mapped_column(Text, default="")
    will_see: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[Visit] = relationship(back_populates="translations")


class SignUp(db.Model):
    """A member's place on a visit, or on its waiting list (ordered by queued_at, then id)."""

    __tablename__ = "journey_signups"
    __table_args__ = (UniqueConstraint("visit_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("journey_visits.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=CONFIRMED)
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    visit: Mapped[Visit] = relationship()
    membership: Mapped[Membership] = relationship()


class Notice(db.Model):
    """Something to tell a member once, on their next page: a place came free, a visit was cancelled."""

    __tablename__ = "journey_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("journey_visits.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None]

    visit: Mapped[Visit | None] = relationship()


class PreferenceRound(db.Model):
    """A round in which members rank up to three visits, then a facilitator allocates mixed groups."""

    __tablename__ = "journey_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=ROUND_OPEN)
    visit_ids: Mapped[list] = mapped_column(JSON, default=list)
    # {membership id (as text): visit id or None}: the allocation, as run and then adjusted by hand.
    allocation: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]


class Preference(db.Model):
    __tablename__ = "journey_preferences"
    __table_args__ = (
        UniqueConstraint("round_id", "membership_id", "rank"),
        UniqueConstraint("round_id", "membership_id", "visit_id"),
        CheckConstraint("rank BETWEEN 1 AND 3", name="rank_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("journey_rounds.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("journey_visits.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int]


class Debrief(db.Model):
    """What a visitor saw, felt and thought; shared with the group or kept to themselves."""

    __tablename__ = "journey_debriefs"
    __table_args__ = (UniqueConstraint("visit_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("journey_visits.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    saw: Mapped[str] = mapped_column(Text, default="")
    felt: Mapped[str] = mapped_column(Text, default="")
    thought: Mapped[str] = mapped_column(Text, default="")
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    visit: Mapped[Visit] = relationship()
    membership: Mapped[Membership] = relationship()


class CalendarFeed(db.Model):
    """A member's secret calendar address: calendar apps subscribe to it without signing in."""

    __tablename__ = "journey_calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
